# -*- coding: utf-8 -*-
# Unit tests of the HTTP client: status mapping, retries, secrets kept out of messages.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

import pytest
import requests

from ansible_collections.berriai.litellm.plugins.module_utils import _api as api

ADMIN_KEY = 'sk-admin-secret-1234'


class FakeResponse(object):
    def __init__(self, status, body=None, headers=None, text=None):
        self.status_code = status
        self.headers = headers or {}
        if text is None:
            text = '' if body is None else json.dumps(body)
        self.text = text
        self.content = text.encode('utf-8')

    def json(self):
        return json.loads(self.text)

    def close(self):
        pass


class FakeSession(object):
    """Answers requests from a list of responses or exceptions, recording what was asked."""

    def __init__(self, answers):
        self.answers = list(answers)
        self.calls = []
        self.headers = {}

    def request(self, method, url, params=None, data=None, timeout=None, verify=None):
        self.calls.append({'method': method, 'url': url, 'params': params, 'data': data, 'timeout': timeout,
                           'verify': verify})
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer


def make_client(answers, **kwargs):
    sleeps = []
    session = FakeSession(answers)
    options = dict(validate_certs=True, ca_path=None, timeout=5, retries=3)
    options.update(kwargs)
    client = api.LiteLLMClient('http://proxy.test:4000/', ADMIN_KEY, session=session, sleep=sleeps.append, **options)
    return client, session, sleeps


def test_sends_bearer_credential_and_json_body():
    client, session, unused = make_client([FakeResponse(200, {'team_id': 't1'})])
    assert client.post('/team/new', {'team_alias': 'a'}) == {'team_id': 't1'}
    assert session.headers['Authorization'] == 'Bearer ' + ADMIN_KEY
    assert session.calls[0]['url'] == 'http://proxy.test:4000/team/new'
    assert json.loads(session.calls[0]['data']) == {'team_alias': 'a'}
    assert client.counts == {'POST': 1}


def test_404_is_a_lookup_result_when_missing_is_ok():
    client, unused1, unused2 = make_client([FakeResponse(404, {'error': {'message': 'Key not found in database', 'code': '404'}})])
    assert client.get('/key/info', params={'key': 'abc'}, missing_ok=True) is None


def test_404_is_an_error_when_the_object_must_exist():
    client, unused1, unused2 = make_client([FakeResponse(404, {'detail': {'error': 'Team not found, passed team_id=x'}})])
    with pytest.raises(api.LiteLLMError) as caught:
        client.post('/team/delete', {'team_ids': ['x']})
    assert caught.value.status == 404
    assert 'Team not found, passed team_id=x' in caught.value.message


@pytest.mark.parametrize('status,body', [
    (401, {'error': {'message': 'Authentication Error, Invalid API key provided.', 'type': 'token_not_found_in_db'}}),
    (401, {'error': {'message': 'Authentication Error, No api key passed in.', 'type': 'auth_error'}}),
])
def test_refused_credential_is_a_credential_error(status, body):
    client, unused1, unused2 = make_client([FakeResponse(status, body)])
    with pytest.raises(api.CredentialError) as caught:
        client.get('/key/info', params={'key': 'abc'}, missing_ok=True)
    assert 'refused' in caught.value.message
    assert 'admin credential' in caught.value.message
    assert caught.value.status == status


def test_403_gives_the_proxys_reason_without_blaming_the_credential():
    # LiteLLM also answers 403 to a key moved into a team its user is not a member of.
    body = {'error': {'message': 'User is not a member of the team', 'type': 'auth_error', 'code': '403'}}
    client, unused1, unused2 = make_client([FakeResponse(403, body)])
    with pytest.raises(api.CredentialError) as caught:
        client.post('/key/update', {'key': 'abc', 'team_id': 't2'})
    assert caught.value.message == ('the proxy refused the request POST http://proxy.test:4000/key/update '
                                    '(HTTP 403, forbidden): User is not a member of the team. Either api_key is '
                                    'not a LiteLLM admin credential, or the proxy does not allow this change')


def test_only_accepted_or_lost_writes_count_as_applied():
    reset = requests.exceptions.ConnectionError("('Connection aborted.', ConnectionResetError(104, 'reset'))")
    client, unused1, unused2 = make_client([FakeResponse(400, {'error': 'no'}), FakeResponse(200, {}), reset,
                                            FakeResponse(200, {})])
    with pytest.raises(api.LiteLLMError):
        client.post('/key/update', {})
    client.post('/key/update', {})
    with pytest.raises(api.ResponseLostError):
        client.post('/key/generate', {})
    client.get('/key/list')
    assert client.applied_writes == 2
    assert client.counts == {'POST': 3, 'GET': 1}


def test_credential_never_appears_in_messages_even_when_the_proxy_echoes_it():
    body = {'error': {'message': 'Authentication Error, Invalid proxy server token passed. Received API Key = %s, '
                                 'also sk-anotherLongSecret99' % ADMIN_KEY}}
    client, unused1, unused2 = make_client([FakeResponse(401, body)])
    with pytest.raises(api.CredentialError) as caught:
        client.get('/team/list')
    assert ADMIN_KEY not in caught.value.message
    assert 'sk-anotherLongSecret99' not in caught.value.message


def test_400_carries_the_proxy_message():
    body = {'error': {'message': "Key with alias 'k' already exists. Unique key aliases across all keys are required.",
                      'type': 'bad_request_error', 'param': 'key_alias', 'code': '400'}}
    client, unused1, unused2 = make_client([FakeResponse(400, body)])
    with pytest.raises(api.LiteLLMError) as caught:
        client.post('/key/generate', {'key_alias': 'k'})
    assert "Key with alias 'k' already exists" in caught.value.message
    assert 'POST http://proxy.test:4000/key/generate' in caught.value.message


def test_reads_are_retried_on_5xx_and_429_with_backoff_and_retry_after():
    client, session, sleeps = make_client([
        FakeResponse(503, {'error': 'busy'}),
        FakeResponse(429, {'error': 'slow down'}, headers={'Retry-After': '2'}),
        FakeResponse(200, {'keys': []}),
    ])
    assert client.get('/key/list') == {'keys': []}
    assert len(session.calls) == 3
    assert sleeps == [0.5, 2.0]


def test_reads_give_up_after_the_retries():
    client, session, unused = make_client([FakeResponse(500, {'error': 'boom'})] * 3, retries=2)
    with pytest.raises(api.LiteLLMError) as caught:
        client.get('/key/list')
    assert len(session.calls) == 3
    assert 'HTTP 500' in caught.value.message


def test_writes_are_never_retried():
    client, session, unused = make_client([FakeResponse(503, {'error': 'busy'}), FakeResponse(200, {})])
    with pytest.raises(api.LiteLLMError):
        client.post('/key/generate', {'key_alias': 'k'})
    assert len(session.calls) == 1


def test_connection_refused_on_a_read_is_retried_then_named():
    refused = requests.exceptions.ConnectionError('HTTPConnectionPool: Max retries exceeded (Caused by '
                                                  'NewConnectionError(Failed to establish a new connection: '
                                                  '[Errno 111] Connection refused))')
    client, session, unused = make_client([refused, refused], retries=1)
    with pytest.raises(api.LiteLLMError) as caught:
        client.get('/team/info', params={'team_id': 'x'})
    assert len(session.calls) == 2
    assert 'could not connect to GET http://proxy.test:4000/team/info' in caught.value.message
    assert not isinstance(caught.value, api.ResponseLostError)


def test_a_reset_during_a_write_is_a_lost_response():
    reset = requests.exceptions.ConnectionError("('Connection aborted.', ConnectionResetError(104, 'Connection reset by peer'))")
    client, session, unused = make_client([reset])
    with pytest.raises(api.ResponseLostError) as caught:
        client.post('/key/generate', {'key_alias': 'k'})
    assert len(session.calls) == 1
    assert 'POST http://proxy.test:4000/key/generate' in caught.value.message


def test_timeout_names_the_request_and_the_limit():
    client, unused1, unused2 = make_client([requests.exceptions.ReadTimeout('read timed out')])
    with pytest.raises(api.ResponseLostError) as caught:
        client.post('/team/new', {})
    assert caught.value.message == 'no answer within 5s (timeout) for POST http://proxy.test:4000/team/new'


def test_malformed_json_on_success_is_a_clear_error():
    client, unused1, unused2 = make_client([FakeResponse(200, text='{"keys": [')])
    with pytest.raises(api.LiteLLMError) as caught:
        client.get('/key/list', params={'page': 1})
    assert 'not JSON' in caught.value.message
    assert 'GET http://proxy.test:4000/key/list' in caught.value.message


def test_tls_failure_points_at_ca_path():
    client, unused1, unused2 = make_client([requests.exceptions.SSLError('certificate verify failed: self signed certificate')])
    with pytest.raises(api.LiteLLMError) as caught:
        client.get('/team/list')
    assert 'ca_path' in caught.value.message
    assert 'certificate verify failed' in caught.value.message


def test_ca_path_and_validate_certs_reach_requests():
    client, session, unused = make_client([FakeResponse(200, {})], ca_path='/etc/ca.pem')
    client.get('/x')
    assert session.calls[0]['verify'] == '/etc/ca.pem'
    client, session, unused = make_client([FakeResponse(200, {})], validate_certs=False)
    client.get('/x')
    assert session.calls[0]['verify'] is False


def test_paged_reads_every_page():
    client, session, unused = make_client([
        FakeResponse(200, {'keys': [{'token': 'a'}, {'token': 'b'}], 'total_pages': 2, 'current_page': 1}),
        FakeResponse(200, {'keys': [{'token': 'c'}], 'total_pages': 2, 'current_page': 2}),
    ])
    assert [k['token'] for k in client.paged('/key/list', {'team_id': 't'}, 'keys')] == ['a', 'b', 'c']
    assert [c['params']['page'] for c in session.calls] == [1, 2]
    assert session.calls[0]['params']['team_id'] == 't'


@pytest.mark.parametrize('base,key,message', [
    (None, ADMIN_KEY, 'api_base is required'),
    ('http://x', None, 'api_key is required'),
    ('proxy.test:4000', ADMIN_KEY, 'api_base must start with http:// or https://'),
])
def test_missing_or_bad_connection_options_are_named(base, key, message):
    with pytest.raises(api.ParameterError) as caught:
        api.LiteLLMClient(base, key, session=FakeSession([]))
    assert message in str(caught.value)


@pytest.mark.parametrize('body,expected', [
    ({'error': {'message': 'Key not found.'}}, 'Key not found.'),
    ({'detail': {'error': 'Team not found, passed team_id=x'}}, 'Team not found, passed team_id=x'),
    ({'detail': 'Not authenticated'}, 'Not authenticated'),
    ({'error': 'No keys found'}, 'No keys found'),
    ('plain text', 'plain text'),
])
def test_proxy_message_reads_every_error_shape(body, expected):
    assert api.proxy_message(body) == expected


# -- the proxy's version (ProxyVersion, ctx.proxy) --

@pytest.mark.parametrize('text, version', [('1.80.17', (1, 80, 17)), ('v1.108.7', (1, 108, 7)), ('1.81', (1, 81, 0)),
                                           ('1.80.17.dev1', (1, 80, 17)), ('', None), (None, None), ('main', None)])
def test_parse_version(text, version):
    assert api.parse_version(text) == version


def test_the_version_is_read_once_from_the_public_model_hub_info():
    client, session, unused = make_client([FakeResponse(200, {'litellm_version': '1.108.7', 'docs_title': 'x'})])
    proxy = api.ProxyVersion(client)
    assert session.calls == []  # nothing is read until something asks
    assert proxy.version == (1, 108, 7) and proxy.text == '1.108.7' and proxy.describe() == 'LiteLLM 1.108.7'
    assert proxy.older_than((1, 109)) and not proxy.older_than((1, 80, 17))
    assert [call['url'] for call in session.calls] == ['http://proxy.test:4000/public/model_hub/info']


def test_an_older_proxy_tells_its_version_in_health_readiness():
    client, session, unused = make_client([FakeResponse(404, {'detail': 'Not Found'}),
                                           FakeResponse(200, {'status': 'connected', 'litellm_version': '1.80.17'})])
    proxy = api.ProxyVersion(client)
    assert proxy.version == (1, 80, 17) and proxy.older_than((1, 81))
    assert [call['url'] for call in session.calls] == ['http://proxy.test:4000/public/model_hub/info',
                                                       'http://proxy.test:4000/health/readiness']


def test_a_proxy_that_does_not_tell_its_version_is_unknown_not_a_failure():
    client, session, unused = make_client([FakeResponse(403, {'detail': 'forbidden'}),
                                           FakeResponse(200, {'status': 'healthy', 'db': 'connected'})])
    proxy = api.ProxyVersion(client)
    assert proxy.version is None and proxy.text == 'unknown' and proxy.describe() == 'LiteLLM (version unknown)'
    assert not proxy.older_than((9, 0))
    assert proxy.version is None and len(session.calls) == 2  # not read again


# -- the environment, read once per session (issue 24) --

def test_the_environment_proxy_and_ca_settings_are_read_once_per_session(monkeypatch):
    monkeypatch.setenv('HTTPS_PROXY', 'http://squid.test:3128')
    monkeypatch.setenv('NO_PROXY', 'internal.test')
    monkeypatch.setenv('REQUESTS_CA_BUNDLE', '/etc/test-ca.pem')
    session = requests.Session()
    client = api.LiteLLMClient('https://proxy.test:4000', ADMIN_KEY, session=session)
    # what requests would have applied to every request, applied once; requests stops reading the environment
    assert session.proxies['https'] == 'http://squid.test:3128'
    assert client.verify == '/etc/test-ca.pem'
    assert session.trust_env is False
    # the next client on the same session (the next item of a loop) keeps them, read or not
    monkeypatch.setenv('REQUESTS_CA_BUNDLE', '/etc/other.pem')
    assert api.LiteLLMClient('https://proxy.test:4000', ADMIN_KEY, session=session).verify == '/etc/test-ca.pem'
    # an explicit ca_path or validate_certs false is not replaced
    assert api.LiteLLMClient('https://proxy.test:4000', ADMIN_KEY, session=session, ca_path='/ca.pem').verify == '/ca.pem'
    assert api.LiteLLMClient('https://proxy.test:4000', ADMIN_KEY, session=session, validate_certs=False).verify is False


def test_no_proxy_is_honoured_when_the_environment_is_read_once(monkeypatch):
    monkeypatch.setenv('HTTP_PROXY', 'http://squid.test:3128')
    monkeypatch.setenv('NO_PROXY', 'proxy.internal')
    session = requests.Session()
    api.LiteLLMClient('http://proxy.internal:4000', ADMIN_KEY, session=session)
    assert 'http' not in session.proxies
