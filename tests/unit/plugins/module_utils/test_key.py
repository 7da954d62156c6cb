# -*- coding: utf-8 -*-
# Unit tests of litellm_key's logic (module_utils/key.py) with the HTTP faked.
#
# FakeProxy answers get/post/paged from an in-memory store of live and deleted keys, in the shapes LiteLLM
# 1.108.7 uses (../shared/litellm-proxy/API-TRANSCRIPT.md): /key/info wraps the key in `info` (no token, a
# deleted key still answers 200 with status deleted), /key/list?return_full_object=true gives flat records with
# `token` (and `status=deleted` lists the archive), /key/generate and /key/update answer the flat row with `key`
# and `token`, /key/delete moves keys to the archive. Error answers are turned into exceptions by the real
# client's error_for(), so the logic sees exactly what LiteLLMClient would raise for each body.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy
import datetime
import hashlib
import itertools

import pytest

from ansible_collections.berriai.litellm.plugins.module_utils import api, key, runner

ADMIN_KEY = 'sk-admin-master-1234'

# Error bodies, as the proxies answer them.
NOT_FOUND_UPDATE = (404, {'error': {'message': 'Key not found.', 'type': 'not_found_error', 'param': 'key',
                                    'code': '404'}})
NOT_FOUND_INFO = (404, {'error': {'message': 'Key not found in database', 'type': 'not_found_error', 'param': 'key',
                                  'code': '404'}})
# Older LiteLLM proxies answered an update of a key that no longer exists with 401 and this body.
OLD_PROXY_MISSING_KEY = (401, {'error': {'message': 'Authentication Error: invalid user key - user key does not exist '
                                                    'in db. User Key=sk-...Ab12',
                                         'type': 'auth_error', 'param': 'None', 'code': '401'}})
WRONG_CREDENTIAL = (401, {'error': {'message': 'Authentication Error, Invalid API key provided.',
                                    'type': 'token_not_found_in_db', 'param': 'key', 'code': '401'}})
NO_CREDENTIAL = (401, {'error': {'message': 'Authentication Error, No api key passed in.', 'type': 'auth_error',
                                 'param': 'None', 'code': '401'}})
NON_ADMIN_MESSAGE = ('Authentication Error, Only proxy admin can be used to generate, delete, update info for new '
                     'keys/users/teams. Route=/key/update. Your role=unknown. Your user_id=*******')
NON_ADMIN = (401, {'error': {'message': NON_ADMIN_MESSAGE, 'type': 'auth_error', 'param': 'None', 'code': '401'}})
BAD_CREDENTIALS = [WRONG_CREDENTIAL, NO_CREDENTIAL, NON_ADMIN]
DUPLICATE_ALIAS = 'Key with alias %r already exists. Unique key aliases across all keys are required.'

KEY_ROW_DEFAULTS = {
    'key_alias': None, 'team_id': None, 'models': [], 'max_budget': None, 'budget_duration': None,
    'tpm_limit': None, 'rpm_limit': None, 'max_parallel_requests': None, 'metadata': {}, 'user_id': None,
    'blocked': None, 'expires': None, 'spend': 0.0,
}


def sha(secret):
    return hashlib.sha256(secret.encode('utf-8')).hexdigest()


class _Session(object):
    headers = {}


class FakeProxy(object):
    """get/post/paged of LiteLLMClient, answered from memory and recorded in `calls`."""

    def __init__(self):
        self.live = {}        # token -> stored row (without the secret)
        self.archive = {}     # token -> deleted row (with deleted_at)
        self.calls = []       # (method, path, params or body)
        self.counts = {}
        self.applied_writes = 0
        self.hooks = {}       # (method, path) -> list of callables run before answering; one per call
        self._real = api.LiteLLMClient('http://proxy.test:4000', ADMIN_KEY, session=_Session())
        self._secrets = ('sk-generated-%04d-abcdefgh' % n for n in itertools.count(1))

    # -- store helpers for tests --

    def add(self, secret, **fields):
        row = dict(copy.deepcopy(KEY_ROW_DEFAULTS), **fields)
        row['token'] = sha(secret)
        row['key_name'] = 'sk-...' + secret[-4:]
        self.live[row['token']] = row
        return row['token']

    def archive_key(self, token, when='2026-11-26T22:35:57.884000+00:00'):
        row = self.live.pop(token)
        row['deleted_at'] = when
        self.archive[token] = row

    def on(self, method, path, action):
        self.hooks.setdefault((method, path), []).append(action)

    def writes(self, path=None):
        return [c for c in self.calls if c[0] == 'POST' and (path is None or c[1] == path)]

    # -- the client interface --

    def _error(self, method, path, status, body):
        return self._real.error_for(method, path, status, body)

    def _count(self, method, path, payload):
        self.calls.append((method, path, copy.deepcopy(payload)))
        self.counts[method] = self.counts.get(method, 0) + 1
        hooks = self.hooks.get((method, path))
        if hooks:
            answer = hooks.pop(0)(self, payload)
            if answer is not None:
                if isinstance(answer, Exception):
                    raise answer
                raise self._error(method, path, answer[0], answer[1])

    def get(self, path, params=None, missing_ok=False):
        self._count('GET', path, params)
        assert path == '/key/info', path
        token = params['key']
        if token in self.live:
            info = dict(copy.deepcopy(self.live[token]), status='active')
        elif token in self.archive:
            info = dict(copy.deepcopy(self.archive[token]), status='deleted')
        else:
            if missing_ok:
                return None
            raise self._error('GET', path, *NOT_FOUND_INFO)
        info.pop('token')
        return {'key': token, 'info': info}

    def paged(self, path, params, items_key, **kwargs):
        self._count('GET', path, params)
        assert path == '/key/list' and items_key == 'keys' and params.get('return_full_object') == 'true'
        rows = self.archive if params.get('status') == 'deleted' else self.live
        return [copy.deepcopy(r) for r in rows.values()
                if all(r.get(f) == params[f] for f in ('key_alias', 'team_id') if f in params)]

    def post(self, path, body, missing_ok=False):
        self._count('POST', path, body)
        answer = getattr(self, '_' + path.strip('/').replace('/', '_'))(body, missing_ok)
        self.applied_writes += 1
        return answer

    def _key_generate(self, body, missing_ok):
        secret = body.get('key') or next(self._secrets)
        token = sha(secret)
        alias = body.get('key_alias')
        if token in self.live:
            # LiteLLM upserts with update={}: 200, nothing changes, the answer echoes the request.
            return dict(copy.deepcopy(self.live[token]), key=secret, key_alias=alias, token_id=token)
        if alias and any(r['key_alias'] == alias for r in self.live.values()):
            raise self._error('POST', '/key/generate', 400, {'error': {
                'message': DUPLICATE_ALIAS % alias, 'type': 'bad_request_error', 'param': 'key_alias', 'code': '400'}})
        fields = dict((k, v) for k, v in body.items() if k in KEY_ROW_DEFAULTS)
        duration = body.get('duration')
        if duration:
            seconds = int(duration[:-1]) * {'s': 1, 'd': 86400}[duration[-1]]
            fields['expires'] = (datetime.datetime.utcnow() + datetime.timedelta(seconds=seconds)).strftime(
                '%Y-%m-%dT%H:%M:%S.%fZ')
        self.add(secret, **fields)
        return dict(copy.deepcopy(self.live[token]), key=secret, token_id=token, duration=None)

    def _key_update(self, body, missing_ok):
        token = body['key']
        if token not in self.live:
            raise self._error('POST', '/key/update', *NOT_FOUND_UPDATE)
        alias = body.get('key_alias')
        if alias and any(r['key_alias'] == alias and t != token for t, r in self.live.items()):
            raise self._error('POST', '/key/update', 400, {'error': {
                'message': DUPLICATE_ALIAS % alias, 'type': 'bad_request_error', 'param': 'key_alias', 'code': '400'}})
        self.live[token].update(dict((k, v) for k, v in body.items() if k != 'key'))
        return dict(copy.deepcopy(self.live[token]), key=token)

    def _key_delete(self, body, missing_ok):
        found = [t for t in body['keys'] if t in self.live]
        if not found:
            if missing_ok:
                return None
            raise self._error('POST', '/key/delete', 404, {'error': {'message': "{'error': 'No keys found'}"}})
        for token in found:
            self.archive_key(token)
        return {'deleted_keys': found}


def params(**kwargs):
    """The task's parameters, as AnsibleModule hands them over (every option present)."""
    result = dict((name, spec.get('default')) for name, spec in key.KEY_MODULE['argument_spec'].items())
    result.update(api_base='http://proxy.test:4000', api_key=ADMIN_KEY)
    result.update(kwargs)
    return result


def run(fake, check_mode=False, **kwargs):
    ctx = runner.Context(fake, check_mode)
    return key.run_key(ctx, params(**kwargs)), ctx


def execute(fake, check_mode=False, **kwargs):
    """Through runner.execute, as the module and the fast path run it: failures become a failed result."""
    return runner.execute(key.run_key, params(**kwargs), check_mode=check_mode, client=fake)


# -- create, no-op, update --

def test_create_returns_the_secret_once_and_a_rerun_is_a_no_op():
    fake = FakeProxy()
    result, unused = run(fake, key_alias='ci', team_id='t1', models=['fake'], max_budget=5)
    assert result['changed'] and result['msg'] == 'key created'
    assert result['secret'].startswith('sk-')
    assert result['token'] == sha(result['secret']) == result['key']['token']
    assert result['key']['key_alias'] == 'ci' and result['key']['team_id'] == 't1'
    assert [c[1] for c in fake.writes()] == ['/key/generate']

    again, unused = run(fake, key_alias='ci', team_id='t1', models=['fake'], max_budget=5)
    assert not again['changed'] and again['secret'] is None
    assert again['token'] == result['token']
    assert len(fake.writes()) == 1


def test_check_mode_create_predicts_and_writes_nothing():
    fake = FakeProxy()
    result, unused = run(fake, check_mode=True, key_alias='ci', team_id='t1', max_budget=5)
    assert result['changed'] and result['token'] is None and result['secret'] is None
    assert result['key']['max_budget'] == 5
    assert fake.writes() == [] and fake.live == {}


def test_update_sends_only_the_differences_and_merges_metadata():
    fake = FakeProxy()
    token = fake.add('sk-existing-key-0001', key_alias='ci', team_id='t1', max_budget=5.0, metadata={'a': 1})
    result, unused = run(fake, key_alias='ci', team_id='t1', max_budget=7, metadata={'b': 2})
    assert result['changed'] and result['msg'] == 'key updated: max_budget, metadata'
    assert fake.writes() == [('POST', '/key/update', {'key': token, 'max_budget': 7.0, 'metadata': {'a': 1, 'b': 2}})]
    assert fake.live[token]['metadata'] == {'a': 1, 'b': 2}
    assert result['token'] == token and result['secret'] is None and not result['recreated']


def test_purge_metadata_without_metadata_empties_it_but_keeps_litellm_entries():
    fake = FakeProxy()
    token = fake.add('sk-existing-key-0001', key_alias='ci', metadata={'a': 1, 'tags': ['x']})
    result, unused = run(fake, key_alias='ci', purge_metadata=True)
    assert result['changed']
    assert fake.live[token]['metadata'] == {'tags': ['x']}


def test_expires_has_one_form_whichever_endpoint_gave_it():
    fake = FakeProxy()
    created, unused = run(fake, key_alias='ci', duration='30d')
    stored = fake.live[created['token']]['expires']
    assert len(stored.split('.')[1]) == 7  # microseconds and Z, as /key/generate answers
    fake.live[created['token']]['expires'] = stored[:23] + '000+00:00'  # as /key/info reads it back
    again, unused = run(fake, key_alias='ci')
    assert created['key']['expires'] == again['key']['expires'] == stored[:23] + '000Z'


# -- the key is gone when the update is sent: only a confirmed read leads to a recreate --

def _vanish(archive):
    """A hook: the key disappears just before the update (archived like a team delete does, or gone)."""
    def hook(fake, body):
        if archive:
            fake.archive_key(body['key'])
        else:
            del fake.live[body['key']]
    return hook


def _answer(status_body, then=None):
    def hook(fake, body):
        if then:
            then(fake, body)
        return status_body
    return hook


@pytest.mark.parametrize('confirm', ['404', 'status_deleted'])
@pytest.mark.parametrize('update_error', [NOT_FOUND_UPDATE, OLD_PROXY_MISSING_KEY], ids=['404', 'old_proxy_401'])
def test_missing_key_on_update_is_recreated_after_a_confirming_read(update_error, confirm):
    fake = FakeProxy()
    token = fake.add('sk-existing-key-0001', key_alias='ci', team_id='t1', max_budget=5.0, models=['fake'])
    fake.on('POST', '/key/update', _answer(update_error, then=_vanish(archive=confirm == 'status_deleted')))

    result = execute(fake, key_alias='ci', team_id='t1', max_budget=7)

    assert not result.get('failed'), result['msg']
    assert result['changed'] and result['recreated'] and result['recreate_reason'] == 'missing'
    assert result['token'] != token and result['secret'].startswith('sk-')
    assert [c[1] for c in fake.writes()] == ['/key/update', '/key/generate']  # no delete: it is gone already
    confirm_read = fake.calls[2]
    assert confirm_read[:2] == ('GET', '/key/info') and confirm_read[2] == {'key': token}
    generated = fake.writes('/key/generate')[0][2]
    assert generated['key_alias'] == 'ci' and generated['max_budget'] == 7 and generated['models'] == ['fake']
    assert len(result['warnings']) == 1
    assert 'HTTP %s' % update_error[0] in result['warnings'][0] and 'confirmed it is gone' in result['warnings'][0]
    assert [r['key_alias'] for r in fake.live.values()] == ['ci']


@pytest.mark.parametrize('refusal', BAD_CREDENTIALS, ids=['wrong_key', 'no_key', 'non_admin'])
def test_refused_credential_on_the_first_read_fails_with_zero_writes(refusal):
    fake = FakeProxy()
    token = fake.add('sk-existing-key-0001', key_alias='ci', max_budget=5.0)
    fake.on('GET', '/key/list', _answer(refusal))

    result = execute(fake, key_alias='ci', max_budget=7)

    assert result['failed'] and not result['changed']
    assert result['status'] == 401
    assert 'refused' in result['msg'] and refusal[1]['error']['message'].rstrip('.')[:40] in result['msg']
    assert ADMIN_KEY not in result['msg']
    assert fake.writes() == [] and fake.live[token]['max_budget'] == 5.0


@pytest.mark.parametrize('refusal', BAD_CREDENTIALS, ids=['wrong_key', 'no_key', 'non_admin'])
def test_refused_credential_on_update_fails_without_recreate(refusal):
    """Side by side with the old proxy's 401 above: here the confirming read is refused too, so nothing is
    concluded about the key, nothing is deleted or generated, and the task fails."""
    fake = FakeProxy()
    token = fake.add('sk-existing-key-0001', key_alias='ci', max_budget=5.0)
    fake.on('POST', '/key/update', _answer(refusal))
    fake.on('GET', '/key/info', _answer(refusal))

    result = execute(fake, key_alias='ci', max_budget=7)

    assert result['failed'] and result['status'] == 401
    assert 'refused' in result['msg'] and 'GET http://proxy.test:4000/key/info' in result['msg']
    assert fake.writes('/key/generate') == [] and fake.writes('/key/delete') == []
    assert fake.live[token]['max_budget'] == 5.0 and fake.archive == {}
    assert result['warnings'] == []


@pytest.mark.parametrize('update_error', [NOT_FOUND_UPDATE, OLD_PROXY_MISSING_KEY], ids=['404', 'old_proxy_401'])
def test_update_error_while_the_key_is_still_active_fails_without_recreate(update_error):
    fake = FakeProxy()
    token = fake.add('sk-existing-key-0001', key_alias='ci', max_budget=5.0)
    fake.on('POST', '/key/update', _answer(update_error))  # the key stays live: the confirm read finds it

    result = execute(fake, key_alias='ci', max_budget=7)

    assert result['failed'] and result['status'] == update_error[0]
    assert 'POST http://proxy.test:4000/key/update' in result['msg']
    assert fake.calls[-1][:2] == ('GET', '/key/info')
    assert fake.writes('/key/generate') == [] and fake.writes('/key/delete') == []
    assert list(fake.live) == [token] and result['warnings'] == []


# -- a lost answer to /key/generate never leaves a duplicate --

def _lost(created):
    """A hook: the generate's answer is lost, after the proxy created the key (or before it did)."""
    def hook(fake, body):
        if created:
            fake._key_generate(body, False)
        return api.ResponseLostError('no answer within 30s (timeout) for POST http://proxy.test:4000/key/generate',
                                     method='POST', path='/key/generate')
    return hook


@pytest.mark.parametrize('created', [True, False], ids=['proxy_created_it', 'proxy_did_not'])
def test_lost_generate_answer_leaves_one_key_and_returns_its_secret(created):
    fake = FakeProxy()
    fake.on('POST', '/key/generate', _lost(created))

    result = execute(fake, key_alias='ci', team_id='t1')

    assert not result.get('failed'), result['msg']
    assert [r['key_alias'] for r in fake.live.values()] == ['ci']
    assert result['secret'].startswith('sk-') and sha(result['secret']) == result['token']
    assert result['token'] in fake.live
    expected = ['/key/generate', '/key/delete', '/key/generate'] if created else ['/key/generate', '/key/generate']
    assert [c[1] for c in fake.writes()] == expected
    assert len(result['warnings']) == 1 and 'was lost' in result['warnings'][0]


def test_lost_generate_answer_with_a_chosen_secret_keeps_the_created_key():
    fake = FakeProxy()
    secret = 'sk-chosen-secret-0001'
    fake.on('POST', '/key/generate', _lost(True))

    result = execute(fake, key_alias='ci', key=secret, team_id='t1')

    assert not result.get('failed'), result['msg']
    assert list(fake.live) == [sha(secret)] and result['token'] == sha(secret)
    assert [c[1] for c in fake.writes()] == ['/key/generate']
    assert 'was lost' in result['warnings'][0]


# -- recreates --

def test_team_change_recreates_by_default_and_moves_in_place_on_request():
    fake = FakeProxy()
    token = fake.add('sk-existing-key-0001', key_alias='ci', team_id='t1', max_budget=5.0)

    moved, unused = run(fake, key_alias='ci', team_id='t2', on_team_change='update')
    assert moved['changed'] and not moved['recreated'] and moved['token'] == token
    assert fake.writes() == [('POST', '/key/update', {'key': token, 'team_id': 't2'})]

    result, ctx = run(fake, key_alias='ci', team_id='t1')
    assert result['recreated'] and result['recreate_reason'] == 'team_change'
    assert result['token'] != token and token in fake.archive
    assert fake.live[result['token']]['team_id'] == 't1' and fake.live[result['token']]['max_budget'] == 5.0
    assert 'from t2 to t1' in ctx.warnings[0]


def test_chosen_secret_survives_a_team_change_recreate():
    fake = FakeProxy()
    secret = 'sk-chosen-secret-0001'
    created, unused = run(fake, key_alias='ci', key=secret, team_id='t1')
    assert created['token'] == sha(secret)

    result, ctx = run(fake, key_alias='ci', key=secret, team_id='t2')
    assert result['recreated'] and result['recreate_reason'] == 'team_change'
    assert result['token'] == sha(secret) and fake.live[sha(secret)]['team_id'] == 't2'
    assert 'keeps the requested secret' in ctx.warnings[0]


def test_key_deleted_with_its_team_is_recreated_with_a_warning():
    fake = FakeProxy()
    token = fake.add('sk-existing-key-0001', key_alias='ci', team_id='t1', max_budget=3.0)
    fake.archive_key(token)  # the team was deleted, and its keys with it

    checked, check_ctx = run(fake, check_mode=True, key_alias='ci', team_id='t1')
    assert checked['recreated'] and checked['recreate_reason'] == 'deleted' and fake.writes() == []
    assert 'had been deleted at 2026-11-26T22:35:57' in check_ctx.warnings[0]

    result, unused = run(fake, key_alias='ci', team_id='t1')
    assert result['recreated'] and result['recreate_reason'] == 'deleted'
    assert [c[1] for c in fake.writes()] == ['/key/generate']
    assert fake.live[result['token']]['max_budget'] == 3.0

    again, unused = run(fake, key_alias='ci', team_id='t1')
    assert not again['changed'] and not again['recreated']


def test_regenerate_rotates_on_every_run():
    fake = FakeProxy()
    token = fake.add('sk-existing-key-0001', key_alias='ci')
    first, unused = run(fake, key_alias='ci', regenerate=True)
    second, unused = run(fake, key_alias='ci', regenerate=True)
    assert first['recreate_reason'] == second['recreate_reason'] == 'rotation'
    assert len(set([token, first['token'], second['token']])) == 3
    assert list(fake.live) == [second['token']]


def test_existing_chosen_secret_is_read_back_not_trusted():
    """/key/generate with a key that exists answers 200, echoes the request and changes nothing (here someone
    created the same secret under another alias between our read and our generate): the logic reads the key
    back and converges it instead of trusting the echo."""
    fake = FakeProxy()
    secret = 'sk-chosen-secret-0001'
    fake.on('POST', '/key/generate', lambda fake, body: fake.add(secret, key_alias='other-alias') and None)

    result, unused = run(fake, key_alias='ci', key=secret, team_id='t1', max_budget=2)

    assert [c[1] for c in fake.writes()] == ['/key/generate', '/key/update']
    assert fake.writes('/key/update')[0][2] == {'key': sha(secret), 'key_alias': 'ci', 'team_id': 't1', 'max_budget': 2}
    assert fake.live[sha(secret)]['key_alias'] == 'ci' and fake.live[sha(secret)]['max_budget'] == 2
    assert result['key']['key_alias'] == 'ci' and result['key']['team_id'] == 't1'
    assert list(fake.live) == [sha(secret)]


# -- failures --

def test_duplicate_alias_on_rename_surfaces_the_proxy_400():
    fake = FakeProxy()
    token_a = fake.add('sk-existing-key-000a', key_alias='a')
    fake.add('sk-existing-key-000b', key_alias='b')
    result = execute(fake, token=token_a, key_alias='b')
    assert result['failed'] and result['status'] == 400
    assert "Key with alias 'b' already exists" in result['msg']
    assert fake.live[token_a]['key_alias'] == 'a'


def test_unknown_token_fails_clearly_without_writing():
    fake = FakeProxy()
    result = execute(fake, token='0' * 64, max_budget=1)
    assert result['failed'] and 'cannot be created from its token' in result['msg']
    assert fake.writes() == []


def test_absent_deletes_and_absent_again_is_unchanged():
    fake = FakeProxy()
    token = fake.add('sk-existing-key-0001', key_alias='ci')
    result, unused = run(fake, key_alias='ci', state='absent')
    assert result['changed'] and result['token'] == token and token in fake.archive
    again, unused = run(fake, key_alias='ci', state='absent')
    assert not again['changed'] and len(fake.writes()) == 1


@pytest.mark.parametrize('bad,message', [
    (dict(key='not-sk-secret'), 'must start with sk-'),
    (dict(key='sk-chosen-secret', regenerate=True), 'regenerate cannot be used with key'),
    (dict(max_budget=-1), 'max_budget must be 0 or more'),
    (dict(duration='30 days'), 'duration must be a LiteLLM duration'),
    (dict(max_budget=1, unlimited=['max_budget']), 'both set and listed in unlimited'),
])
def test_bad_parameters_fail_before_any_request(bad, message):
    fake = FakeProxy()
    result = execute(fake, key_alias='ci', **bad)
    assert result['failed'] and message in result['msg']
    assert fake.calls == []


def test_recreate_keeps_the_expiry_of_the_key_it_replaces():
    fake = FakeProxy()
    expires = (datetime.datetime.utcnow() + datetime.timedelta(days=10)).strftime('%Y-%m-%dT%H:%M:%S.%f+00:00')
    fake.add('sk-existing-key-0001', key_alias='ci', team_id='t1', expires=expires)
    run(fake, key_alias='ci', team_id='t2')
    duration = fake.writes('/key/generate')[0][2]['duration']
    assert duration.endswith('s') and abs(int(duration[:-1]) - 10 * 86400) < 60


@pytest.mark.parametrize('refusal', [NON_ADMIN, (400, {'error': {'message': DUPLICATE_ALIAS % 'b'}})],
                         ids=['401', '400'])
def test_a_refused_write_is_not_reported_as_a_change(refusal):
    fake = FakeProxy()
    fake.add('sk-existing-key-0001', key_alias='ci', max_budget=5.0)
    fake.on('POST', '/key/update', _answer(refusal))
    fake.on('GET', '/key/info', _answer(refusal) if refusal[0] == 401 else (lambda fake, body: None))
    result = execute(fake, key_alias='ci', max_budget=7)
    assert result['failed']
    assert result['changed'] is False
