# -*- coding: utf-8 -*-
# Unit tests of litellm_credential's logic (module_utils/_credential.py) over the fake credential endpoints.
# Each test asserts the result, the warnings and the exact writes; check mode sends no write; no secret value
# ever appears in a result.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

import pytest

from ansible_collections.berriai.litellm.plugins.module_utils import _reconciler, _runner as runner
from ansible_collections.berriai.litellm.plugins.module_utils._credential import run_credential
from ansible_collections.berriai.litellm.tests.unit.plugins.module_utils.fake_credential import FakeCredentialProxy

SECRET = 'sk-cred-secret-value-4711'
NEW_SECRET = 'sk-cred-secret-value-0815'


def params(**overrides):
    base = {'credential_name': 'openai-prod', 'state': 'present', 'credential_values': None,
            'credential_values_to_delete': None, 'purge_credential_values': False, 'credential_info': None,
            'display_name': None, 'update_secrets': 'on_create'}
    base.update(overrides)
    return base


def run(proxy, check_mode=False, **overrides):
    result = runner.execute(run_credential, params(**overrides), check_mode=check_mode, client=proxy)
    assert SECRET not in json.dumps(result) and NEW_SECRET not in json.dumps(result)
    return result


def existing(**values):
    row = {'credential_name': 'openai-prod', 'credential_info': {'custom_llm_provider': 'openai'},
           'credential_values': dict({'api_key': SECRET, 'api_base': 'http://a'}, **values)}
    return FakeCredentialProxy([row])


VALUES = {'api_key': SECRET, 'api_base': 'http://a'}


@pytest.mark.parametrize('check_mode', [True, False])
def test_create(check_mode):
    proxy = FakeCredentialProxy()
    result = run(proxy, check_mode, credential_values=VALUES, credential_info={'custom_llm_provider': 'openai'})
    assert result['changed'] and result['outcome'] == 'created'
    assert result['credential'] == {'credential_name': 'openai-prod', 'display_name': None,
                                    'credential_values': {'api_key': '******** (sent)', 'api_base': 'http://a'},
                                    'credential_info': {'custom_llm_provider': 'openai'}}
    assert result['diff']['after']['credential_values'] == result['credential']['credential_values']
    if check_mode:
        assert proxy.writes == []
    else:
        assert proxy.writes == [('POST', '/credentials', {
            'credential_name': 'openai-prod', 'credential_values': VALUES,
            'credential_info': {'custom_llm_provider': 'openai', 'managed_by': 'berriai.litellm'}})]


def test_create_without_info_sends_only_the_ownership_marker():
    proxy = FakeCredentialProxy()
    result = run(proxy, credential_values=VALUES)
    assert proxy.writes[0][2]['credential_info'] == {'managed_by': 'berriai.litellm'}
    assert result['credential']['credential_info'] == {}  # the marker is not shown


def test_create_needs_values_and_writes_nothing():
    proxy = FakeCredentialProxy()
    result = run(proxy, credential_info={'a': 1})
    assert result['failed'] and 'credential_values is required' in result['msg']
    assert proxy.writes == []


def test_unchanged_with_the_secret_held_on_create_only():
    proxy = existing()
    result = run(proxy, credential_values=VALUES, credential_info={'custom_llm_provider': 'openai'})
    assert not result['changed'] and result['msg'] == 'credential is as requested'
    assert proxy.writes == []


@pytest.mark.parametrize('check_mode', [True, False])
def test_update_secrets_always_sends_the_secret_and_reports_changed(check_mode):
    proxy = existing()
    result = run(proxy, check_mode, credential_values={'api_key': NEW_SECRET, 'api_base': 'http://a'},
                 update_secrets='always')
    assert result['changed'] and result['msg'].endswith('credential_values')
    # a secret the run sends shows as such in the result and the diff, in check mode and for real alike
    assert result['credential']['credential_values']['api_key'] == '******** (sent)'
    assert result['diff']['before']['credential_values']['api_key'] == '********'
    assert result['diff']['after']['credential_values']['api_key'] == '******** (sent)'
    if check_mode:
        assert proxy.writes == []
    else:
        assert proxy.writes == [('PATCH', '/credentials/openai-prod', {
            'credential_name': 'openai-prod', 'credential_info': {'custom_llm_provider': 'openai'},
            'credential_values': {'api_key': NEW_SECRET}})]
        assert proxy.credentials['openai-prod']['credential_values']['api_key'] == NEW_SECRET


def test_a_plain_value_is_compared_and_only_it_is_sent():
    proxy = existing()
    result = run(proxy, credential_values={'api_key': NEW_SECRET, 'api_base': 'http://b'})
    assert result['changed']
    assert result['diff']['before']['credential_values'] == {'api_key': '********', 'api_base': 'http://a'}
    assert result['diff']['after']['credential_values'] == {'api_key': '********', 'api_base': 'http://b'}
    assert proxy.writes == [('PATCH', '/credentials/openai-prod', {
        'credential_name': 'openai-prod', 'credential_info': {'custom_llm_provider': 'openai'},
        'credential_values': {'api_base': 'http://b'}})]


@pytest.mark.parametrize('v1_80', [False, True])
def test_an_update_names_the_credential_in_the_body(v1_80):
    # LiteLLM 1.80.17 answers 422 "credential_name Field required" (and credential_values) without them
    proxy = existing()
    proxy.v1_80 = v1_80
    result = run(proxy, credential_values={'api_base': 'http://b'})
    assert result['msg'] == 'credential updated: credential_values' and not result.get('failed')
    assert proxy.credentials['openai-prod']['credential_values']['api_base'] == 'http://b'
    result = run(proxy, credential_info={'description': 'prod'})
    assert result['msg'] == 'credential updated: credential_info' and not result.get('failed')


@pytest.mark.parametrize('update_secrets', ['on_create', 'always'])
def test_check_mode_predicts_the_result_and_diff_of_the_real_run(update_secrets):
    for options in ({'credential_values': dict(VALUES, api_version='1')},
                    {'credential_values': {'api_key': NEW_SECRET, 'api_base': 'http://b'}},
                    {'credential_info': {'description': 'x'}}):
        checked = run(existing(), True, update_secrets=update_secrets, **options)
        real = run(existing(), update_secrets=update_secrets, **options)
        for name in ('changed', 'outcome', 'credential', 'diff', 'warnings'):
            assert real[name] == checked[name], (name, options)
    checked = run(FakeCredentialProxy(), True, credential_values=VALUES)
    real = run(FakeCredentialProxy(), credential_values=VALUES)
    assert real['credential'] == checked['credential'] and real['diff'] == checked['diff']


@pytest.mark.parametrize('check_mode', [True, False])
@pytest.mark.parametrize('options, named', [
    ({'display_name': 'Prod'}, 'display_name'),
    ({'credential_values_to_delete': ['api_base']}, 'credential_values_to_delete'),
    ({'credential_values': {'api_key': SECRET}, 'purge_credential_values': True}, 'purge_credential_values'),
])
def test_what_litellm_1_80_cannot_keep_fails_before_any_write(check_mode, options, named):
    proxy = existing()
    proxy.litellm_version = '1.80.17'
    result = run(proxy, check_mode, **options)
    assert result['failed'] and result['msg'].startswith('LiteLLM 1.80.17 cannot keep %s' % named)
    assert proxy.writes == []
    proxy.litellm_version = '1.108.7'
    assert run(proxy, check_mode, **options)['changed']


def test_the_version_is_read_only_for_what_1_80_cannot_keep():
    proxy = existing()
    run(proxy, credential_values={'api_base': 'http://b'})
    assert [path for path, query in proxy.reads] == ['/credentials/by_name/openai-prod'] * 2


def test_a_secret_the_proxy_lacks_is_sent_on_create_only_too():
    proxy = existing()
    run(proxy, credential_values={'aws_secret_access_key': NEW_SECRET})
    assert proxy.writes[0][2]['credential_values'] == {'aws_secret_access_key': NEW_SECRET}


def test_values_to_delete_and_purge():
    proxy = existing(api_version='2024-01-01')
    result = run(proxy, credential_values_to_delete=['api_version', 'not_there'])
    assert result['changed']
    assert proxy.writes[-1][2]['credential_values_to_delete'] == ['api_version']
    assert not run(proxy, credential_values_to_delete=['api_version'])['changed']
    run(proxy, credential_values={'api_base': 'http://a'}, purge_credential_values=True)
    assert proxy.writes[-1][2]['credential_values_to_delete'] == ['api_key']
    assert proxy.credentials['openai-prod']['credential_values'] == {'api_base': 'http://a'}


def test_info_is_merged_and_sent_whole():
    proxy = existing()
    result = run(proxy, credential_info={'description': 'prod'}, display_name='Prod')
    assert result['msg'] == 'credential updated: credential_info, display_name'
    assert proxy.writes == [('PATCH', '/credentials/openai-prod', {
        'credential_name': 'openai-prod', 'credential_values': {},
        'credential_info': {'custom_llm_provider': 'openai', 'description': 'prod'}, 'display_name': 'Prod'})]
    assert not run(proxy, credential_info={'description': 'prod'}, display_name='Prod')['changed']


def test_409_on_create_converges_the_credential_another_run_made():
    race = {'credential_name': 'openai-prod', 'credential_values': {'api_key': 'x' * 20, 'api_base': 'http://z'},
            'credential_info': {}}
    proxy = FakeCredentialProxy(race=race)
    result = run(proxy, credential_values=VALUES)
    assert result['changed'] and 'created by another run' in result['warnings'][0]
    assert [w[0] for w in proxy.writes] == ['POST', 'PATCH']
    assert proxy.writes[1][2]['credential_values'] == {'api_base': 'http://a'}


def test_a_config_credential_is_refused_before_any_write():
    proxy = FakeCredentialProxy([{'credential_name': 'openai-prod', 'credential_values': {}, 'source': 'config'}])
    result = run(proxy, credential_values=VALUES)
    assert result['failed'] and "config file" in result['msg']
    assert proxy.writes == []


@pytest.mark.parametrize('check_mode', [True, False])
def test_delete(check_mode):
    proxy = existing()
    result = run(proxy, check_mode, state='absent')
    assert result['changed'] and result['credential'] == {}
    assert proxy.writes == ([] if check_mode else [('DELETE', '/credentials/openai-prod', None)])
    assert not run(FakeCredentialProxy(), state='absent')['changed']


def test_a_name_with_a_slash_is_quoted():
    proxy = FakeCredentialProxy()
    run(proxy, credential_name='team/a', credential_values=VALUES)
    assert proxy.reads[0][0] == '/credentials/by_name/team%2Fa'


def test_a_proxy_message_never_echoes_a_value():
    proxy = FakeCredentialProxy()

    def refuse(body, path):
        from ansible_collections.berriai.litellm.tests.unit.plugins.module_utils.fake_proxy import FakeAnswer
        raise FakeAnswer(400, {'detail': 'bad input %s' % json.dumps(body)})
    proxy.route('POST', '/credentials', refuse)
    result = run(proxy, credential_values=dict(VALUES, password='hunter2-long'))
    assert result['failed'] and 'hunter2-long' not in result['msg'] and 'http://a' not in result['msg']


@pytest.mark.parametrize('args,phrase', [
    (dict(credential_values={'a': 'b'}, credential_values_to_delete=['a']), 'choose one'),
    (dict(purge_credential_values=True), 'needs credential_values'),
    (dict(credential_name=' '), 'credential_name must not be empty'),
])
def test_bad_input_fails_before_any_request(args, phrase):
    proxy = FakeCredentialProxy()
    result = run(proxy, **args)
    assert result['failed'] and phrase in result['msg']
    assert proxy.calls == []


def test_info_one_or_all_with_secrets_masked():
    from ansible_collections.berriai.litellm.plugins.module_utils._credential import run_credential_info
    proxy = existing()
    proxy.add('other', {'token': NEW_SECRET})
    one = runner.execute(run_credential_info, {'credential_name': 'openai-prod'}, client=proxy)
    assert one['credentials'] == [{'credential_name': 'openai-prod', 'display_name': None, 'source': 'db',
                                   'credential_values': {'api_key': '********', 'api_base': 'http://a'},
                                   'credential_info': {'custom_llm_provider': 'openai'}}]
    every = runner.execute(run_credential_info, {'credential_name': None}, client=proxy)
    assert [c['credential_name'] for c in every['credentials']] == ['openai-prod', 'other']
    assert SECRET not in json.dumps(every) and NEW_SECRET not in json.dumps(every)
    assert runner.execute(run_credential_info, {'credential_name': 'x'}, client=proxy)['credentials'] == []
    assert proxy.writes == []


def test_litellm_1_80_old_values_for_up_to_30_s_are_waited_out(monkeypatch):
    # LiteLLM 1.80.17 reloads its credentials from the database every 30 s: reads show the old values until then
    clock = []
    monkeypatch.setattr(_reconciler.Reconciler, 'wait', staticmethod(clock.append))
    proxy = existing()
    stale = {}
    real_update, real_by_name = proxy.update, proxy.by_name

    def update(body, path):
        stale.update(row=proxy.view(proxy._find(path)), since=sum(clock))
        return real_update(body, path)

    def by_name(query, path):
        if stale and sum(clock) - stale['since'] < 30:
            return stale['row']
        return real_by_name(query, path)

    proxy.route('PATCH', '/credentials/(.+)', update)
    proxy.route('GET', '/credentials/by_name/(.+)', by_name)
    result = run(proxy, credential_values={'api_base': 'http://b'})
    assert not result.get('failed') and result['credential']['credential_values']['api_base'] == 'http://b'
    assert sum(clock) >= 30
