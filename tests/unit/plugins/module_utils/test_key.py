# -*- coding: utf-8 -*-
# Unit tests of litellm_key's logic (module_utils/_key.py) with the HTTP faked by the in-memory proxy of
# fake_litellm.py: live and deleted keys, and teams, in the shapes LiteLLM 1.108.7 uses. Error answers are turned
# into exceptions by the real client's error_for(), so the logic sees exactly what LiteLLMClient would raise.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime
import json

import pytest

from ansible_collections.berriai.litellm.plugins.module_utils import _api as api, _key as key, _runner as runner
from ansible_collections.berriai.litellm.plugins.modules.litellm_key import ARGUMENT_SPEC
from ansible_collections.berriai.litellm.tests.unit.plugins.module_utils.fake_litellm import (
    ADMIN_KEY, DUPLICATE_ALIAS, NOT_FOUND_UPDATE, WRONG_CREDENTIAL, FakeLiteLLM, sha, task_params)
from ansible_collections.berriai.litellm.tests.unit.plugins.module_utils.info_cases import (
    INFO_SECRET, InfoProxy, key_row, run_info, team_row)

# Error bodies, as the proxies answer them.
# Older LiteLLM proxies answered an update of a key that no longer exists with 401 and this body.
OLD_PROXY_MISSING_KEY = (401, {'error': {'message': 'Authentication Error: invalid user key - user key does not exist '
                                                    'in db. User Key=sk-...Ab12',
                                         'type': 'auth_error', 'param': 'None', 'code': '401'}})
NO_CREDENTIAL = (401, {'error': {'message': 'Authentication Error, No api key passed in.', 'type': 'auth_error',
                                 'param': 'None', 'code': '401'}})
NON_ADMIN_MESSAGE = ('Authentication Error, Only proxy admin can be used to generate, delete, update info for new '
                     'keys/users/teams. Route=/key/update. Your role=unknown. Your user_id=*******')
NON_ADMIN = (401, {'error': {'message': NON_ADMIN_MESSAGE, 'type': 'auth_error', 'param': 'None', 'code': '401'}})
BAD_CREDENTIALS = [WRONG_CREDENTIAL, NO_CREDENTIAL, NON_ADMIN]


def FakeProxy():
    """The proxy the keys of these tests live on: it holds the teams t1 and t2 they are put into."""
    return FakeLiteLLM(teams=[{'team_id': 't1'}, {'team_id': 't2'}])


def params(**kwargs):
    return task_params(ARGUMENT_SPEC, **kwargs)


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
    assert result['token'] == sha(result['secret']) == result['virtual_key']['token']
    assert result['virtual_key']['key_alias'] == 'ci' and result['virtual_key']['team_id'] == 't1'
    assert [c[1] for c in fake.writes] == ['/key/generate']

    again, unused = run(fake, key_alias='ci', team_id='t1', models=['fake'], max_budget=5)
    assert not again['changed'] and again['secret'] is None
    assert again['token'] == result['token']
    assert len(fake.writes) == 1


def test_check_mode_create_predicts_and_writes_nothing():
    fake = FakeProxy()
    result, unused = run(fake, check_mode=True, key_alias='ci', team_id='t1', max_budget=5)
    assert result['changed'] and result['token'] is None and result['secret'] is None
    assert result['virtual_key']['max_budget'] == 5
    assert result['msg'] == 'key would be created' and result['outcome'] == 'created'
    assert fake.writes == [] and fake.live == {}


def test_update_sends_only_the_differences_and_merges_metadata():
    fake = FakeProxy()
    token = fake.add_key('sk-existing-key-0001', key_alias='ci', team_id='t1', max_budget=5.0, metadata={'a': 1})
    result, unused = run(fake, key_alias='ci', team_id='t1', max_budget=7, metadata={'b': 2})
    assert result['changed'] and result['msg'] == 'key updated: max_budget, metadata'
    assert fake.writes == [('POST', '/key/update', {'key': token, 'max_budget': 7.0, 'metadata': {'a': 1, 'b': 2}})]
    assert fake.live[token]['metadata'] == {'a': 1, 'b': 2}
    assert result['token'] == token and result['secret'] is None and not result['recreated']
    # the key is in t1 already: its team is not read again; the key is read back once after the write
    assert [read[0] for read in fake.reads] == ['/key/list', '/key/info']


def test_purge_metadata_without_metadata_empties_it_but_keeps_litellm_entries():
    fake = FakeProxy()
    token = fake.add_key('sk-existing-key-0001', key_alias='ci', metadata={'a': 1, 'tags': ['x']})
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
    assert created['virtual_key']['expires'] == again['virtual_key']['expires'] == stored[:23] + '000Z'


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
    token = fake.add_key('sk-existing-key-0001', key_alias='ci', team_id='t1', max_budget=5.0, models=['fake'])
    fake.on('POST', '/key/update', _answer(update_error, then=_vanish(archive=confirm == 'status_deleted')))

    result = execute(fake, key_alias='ci', team_id='t1', max_budget=7)

    assert not result.get('failed'), result['msg']
    assert result['changed'] and result['recreated'] and result['recreate_reason'] == 'missing'
    assert result['token'] != token and result['secret'].startswith('sk-')
    assert [c[1] for c in fake.writes] == ['/key/update', '/key/generate']  # no delete: it is gone already
    confirm_read = fake.calls[2]
    assert confirm_read[:2] == ('GET', '/key/info') and confirm_read[2] == {'key': token}
    generated = fake.writes_to('/key/generate')[0]
    assert generated['key_alias'] == 'ci' and generated['max_budget'] == 7 and generated['models'] == ['fake']
    assert len(result['warnings']) == 1
    assert 'HTTP %s' % update_error[0] in result['warnings'][0] and 'confirmed it is gone' in result['warnings'][0]
    assert [r['key_alias'] for r in fake.live.values()] == ['ci']


@pytest.mark.parametrize('refusal', BAD_CREDENTIALS, ids=['wrong_key', 'no_key', 'non_admin'])
def test_refused_credential_on_the_first_read_fails_with_zero_writes(refusal):
    fake = FakeProxy()
    token = fake.add_key('sk-existing-key-0001', key_alias='ci', max_budget=5.0)
    fake.on('GET', '/key/list', _answer(refusal))

    result = execute(fake, key_alias='ci', max_budget=7)

    assert result['failed'] and not result['changed']
    assert result['status'] == 401
    assert 'refused' in result['msg'] and refusal[1]['error']['message'].rstrip('.')[:40] in result['msg']
    assert ADMIN_KEY not in result['msg']
    assert fake.writes == [] and fake.live[token]['max_budget'] == 5.0


@pytest.mark.parametrize('refusal', BAD_CREDENTIALS, ids=['wrong_key', 'no_key', 'non_admin'])
def test_refused_credential_on_update_fails_without_recreate(refusal):
    """Side by side with the old proxy's 401 above: here the confirming read is refused too, so nothing is
    concluded about the key, nothing is deleted or generated, and the task fails."""
    fake = FakeProxy()
    token = fake.add_key('sk-existing-key-0001', key_alias='ci', max_budget=5.0)
    fake.on('POST', '/key/update', _answer(refusal))
    fake.on('GET', '/key/info', _answer(refusal))

    result = execute(fake, key_alias='ci', max_budget=7)

    assert result['failed'] and result['status'] == 401
    assert 'refused' in result['msg'] and 'GET http://proxy.test:4000/key/info' in result['msg']
    assert fake.writes_to('/key/generate') == [] and fake.writes_to('/key/delete') == []
    assert fake.live[token]['max_budget'] == 5.0 and fake.archive == {}
    assert result['warnings'] == []


@pytest.mark.parametrize('update_error', [NOT_FOUND_UPDATE, OLD_PROXY_MISSING_KEY], ids=['404', 'old_proxy_401'])
def test_update_error_while_the_key_is_still_active_fails_without_recreate(update_error):
    fake = FakeProxy()
    token = fake.add_key('sk-existing-key-0001', key_alias='ci', max_budget=5.0)
    fake.on('POST', '/key/update', _answer(update_error))  # the key stays live: the confirm read finds it

    result = execute(fake, key_alias='ci', max_budget=7)

    assert result['failed'] and result['status'] == update_error[0]
    assert 'POST http://proxy.test:4000/key/update' in result['msg']
    assert fake.calls[-1][:2] == ('GET', '/key/info')
    assert fake.writes_to('/key/generate') == [] and fake.writes_to('/key/delete') == []
    assert list(fake.live) == [token] and result['warnings'] == []


# -- a lost answer to /key/generate never leaves a duplicate --

def _lost(created):
    """A hook: the generate's answer is lost, after the proxy created the key (or before it did)."""
    def hook(fake, body):
        if created:
            fake.key_generate(body, '/key/generate')
        return api.ResponseLostError('no answer within 30s (timeout) for POST http://proxy.test:4000/key/generate')
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
    assert [c[1] for c in fake.writes] == expected
    assert len(result['warnings']) == 1 and 'was lost' in result['warnings'][0]


def test_lost_generate_answer_with_a_chosen_secret_keeps_the_created_key():
    fake = FakeProxy()
    secret = 'sk-chosen-secret-0001'
    fake.on('POST', '/key/generate', _lost(True))

    result = execute(fake, key_alias='ci', key=secret, team_id='t1')

    assert not result.get('failed'), result['msg']
    assert list(fake.live) == [sha(secret)] and result['token'] == sha(secret)
    assert [c[1] for c in fake.writes] == ['/key/generate']
    assert 'was lost' in result['warnings'][0]


# -- recreates --

def test_team_change_recreates_by_default_and_moves_in_place_on_request():
    fake = FakeProxy()
    token = fake.add_key('sk-existing-key-0001', key_alias='ci', team_id='t1', max_budget=5.0)

    moved, unused = run(fake, key_alias='ci', team_id='t2', on_team_change='update')
    assert moved['changed'] and not moved['recreated'] and moved['token'] == token
    assert fake.writes == [('POST', '/key/update', {'key': token, 'team_id': 't2'})]

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
    token = fake.add_key('sk-existing-key-0001', key_alias='ci', team_id='t1', max_budget=3.0)
    fake.archive_key(token)  # the team was deleted, and its keys with it

    checked, check_ctx = run(fake, check_mode=True, key_alias='ci', team_id='t1')
    assert checked['recreated'] and checked['recreate_reason'] == 'deleted' and fake.writes == []
    assert 'had been deleted at 2026-11-26T22:35:57' in check_ctx.warnings[0]

    result, unused = run(fake, key_alias='ci', team_id='t1')
    assert result['recreated'] and result['recreate_reason'] == 'deleted'
    assert [c[1] for c in fake.writes] == ['/key/generate']
    assert fake.live[result['token']]['max_budget'] == 3.0

    again, unused = run(fake, key_alias='ci', team_id='t1')
    assert not again['changed'] and not again['recreated']


def test_regenerate_rotates_on_every_run():
    fake = FakeProxy()
    token = fake.add_key('sk-existing-key-0001', key_alias='ci')
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
    fake.on('POST', '/key/generate', lambda fake, body: fake.add_key(secret, key_alias='other-alias') and None)

    result, unused = run(fake, key_alias='ci', key=secret, team_id='t1', max_budget=2)

    assert [c[1] for c in fake.writes] == ['/key/generate', '/key/update']
    assert fake.writes_to('/key/update')[0] == {'key': sha(secret), 'key_alias': 'ci', 'team_id': 't1', 'max_budget': 2}
    assert fake.live[sha(secret)]['key_alias'] == 'ci' and fake.live[sha(secret)]['max_budget'] == 2
    assert result['virtual_key']['key_alias'] == 'ci' and result['virtual_key']['team_id'] == 't1'
    assert list(fake.live) == [sha(secret)]


# -- failures --

@pytest.mark.parametrize('check_mode', [False, True])
def test_a_rename_to_an_alias_another_key_holds_fails_before_the_write(check_mode):
    # LiteLLM would refuse the update (400, aliases are unique): the task fails before it, and check mode, which
    # sends no update, predicts that failure instead of a rename.
    fake = FakeProxy()
    token_a = fake.add_key('sk-existing-key-000a', key_alias='a')
    token_b = fake.add_key('sk-existing-key-000b', key_alias='b')
    result = execute(fake, check_mode=check_mode, token=token_a, key_alias='b')
    assert result['failed'] and not result['changed']
    assert "key_alias 'b' is held by another key (token %s...)" % token_b[:12] in result['msg']
    assert fake.writes == [] and fake.live[token_a]['key_alias'] == 'a'


def test_unknown_token_fails_clearly_without_writing():
    fake = FakeProxy()
    result = execute(fake, token='0' * 64, max_budget=1)
    assert result['failed'] and 'cannot be created from its token' in result['msg']
    assert fake.writes == []


def test_absent_deletes_and_absent_again_is_unchanged():
    fake = FakeProxy()
    token = fake.add_key('sk-existing-key-0001', key_alias='ci')
    result, unused = run(fake, key_alias='ci', state='absent')
    assert result['changed'] and result['token'] == token and token in fake.archive
    again, unused = run(fake, key_alias='ci', state='absent')
    assert not again['changed'] and len(fake.writes) == 1


@pytest.mark.parametrize('bad,message', [
    (dict(key='not-sk-secret'), 'must start with sk-'),
    (dict(key='sk-chosen-secret', regenerate=True), 'regenerate cannot be used with key'),
    (dict(max_budget=-1), 'max_budget must be 0 or more'),
    (dict(duration='30 days'), 'duration must be a LiteLLM duration'),
    (dict(max_budget=1, unlimited=['max_budget']), 'both set and listed in unlimited'),
    (dict(token='sk-' + 'a' * 40), 'not the key itself'),
    (dict(token='A' * 64), '64 lower-case hex characters'),
    (dict(token='abc'), '64 lower-case hex characters'),
    (dict(max_budget=float('nan')), 'max_budget must be a finite number'),
    (dict(max_budget=float('inf')), 'max_budget must be a finite number'),
])
def test_bad_parameters_fail_before_any_request(bad, message):
    fake = FakeProxy()
    result = execute(fake, key_alias='ci', **bad)
    assert result['failed'] and message in result['msg']
    assert fake.calls == []


def test_recreate_keeps_the_expiry_of_the_key_it_replaces():
    fake = FakeProxy()
    expires = (datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None) + datetime.timedelta(days=10)).strftime('%Y-%m-%dT%H:%M:%S.%f+00:00')
    fake.add_key('sk-existing-key-0001', key_alias='ci', team_id='t1', expires=expires)
    run(fake, key_alias='ci', team_id='t2')
    duration = fake.writes_to('/key/generate')[0]['duration']
    assert duration.endswith('s') and abs(int(duration[:-1]) - 10 * 86400) < 60


@pytest.mark.parametrize('refusal', [NON_ADMIN, (400, {'error': {'message': DUPLICATE_ALIAS % 'b'}})],
                         ids=['401', '400'])
def test_a_refused_write_is_not_reported_as_a_change(refusal):
    fake = FakeProxy()
    fake.add_key('sk-existing-key-0001', key_alias='ci', max_budget=5.0)
    fake.on('POST', '/key/update', _answer(refusal))
    fake.on('GET', '/key/info', _answer(refusal) if refusal[0] == 401 else (lambda fake, body: None))
    result = execute(fake, key_alias='ci', max_budget=7)
    assert result['failed']
    assert result['changed'] is False


# -- refused before any write (issue 10) --

def test_a_secret_given_as_token_is_never_echoed():
    fake = FakeProxy()
    secret = 'sk-a-secret-given-as-token-0001'
    result = execute(fake, token=secret, max_budget=1)
    assert result['failed'] and 'give the secret as key' in result['msg']
    assert secret not in repr(result) and fake.calls == []


def test_a_new_key_in_a_team_id_that_does_not_exist_fails_before_any_write():
    # (check mode predicts it with a warning instead: an earlier task may create the team, see below)
    fake = FakeProxy()
    result = execute(fake, key_alias='ci', team_id='t-typo')
    assert result['failed'] and not result['changed']
    assert "no team has team_id 't-typo'" in result['msg']
    assert fake.writes == [] and fake.live == {}
    assert fake.reads[-1] == ('/team/info', {'team_id': 't-typo'})


@pytest.mark.parametrize('on_team_change', ['recreate', 'update'])
def test_a_team_id_typo_leaves_a_working_key_as_it_is(on_team_change):
    # The proxy does not check a generate's team: the old key would be deleted and its secret refused afterwards.
    fake = FakeProxy()
    secret = 'sk-chosen-secret-0001'
    fake.add_key(secret, key_alias='ci', team_id='t1')
    result = execute(fake, key_alias='ci', key=secret, team_id='t-typo', on_team_change=on_team_change)
    assert result['failed'] and "no team has team_id 't-typo'" in result['msg']
    assert fake.writes == [] and fake.live[sha(secret)]['team_id'] == 't1'


def test_the_team_id_is_read_once_per_run_and_team():
    fake = FakeProxy()
    ctx = runner.Context(fake)
    for alias in ('a', 'b'):
        key.run_key(ctx, params(key_alias=alias, team_id='t1'))
    assert [read for read in fake.reads if read[0] == '/team/info'] == [('/team/info', {'team_id': 't1'})]
    assert [c[1] for c in fake.writes] == ['/key/generate', '/key/generate']


def expired_key(fake, **fields):
    """A key (with a chosen secret) whose expiry passed a minute ago; returns its secret."""
    expires = (datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None) - datetime.timedelta(minutes=1)).strftime('%Y-%m-%dT%H:%M:%S.%f+00:00')
    secret = 'sk-expired-key-0001'
    fake.add_key(secret, key_alias='ci', team_id='t1', expires=expires, **fields)
    return secret


@pytest.mark.parametrize('change', [dict(team_id='t2'), dict(regenerate=True), dict(key='sk-another-secret-0002')],
                         ids=['team_change', 'rotation', 'key_changed'])
@pytest.mark.parametrize('check_mode', [False, True])
def test_an_expired_key_is_not_recreated_without_a_duration(change, check_mode):
    # A recreate must never lengthen a key's life: an expired key would come back without any expiry.
    fake = FakeProxy()
    expired_key(fake)
    result = execute(fake, check_mode=check_mode, key_alias='ci', **change)
    assert result['failed'] and not result['changed']
    assert "key 'ci' expired at" in result['msg'] and 'Give duration' in result['msg']
    assert fake.writes == []


def test_an_expired_key_deleted_with_its_team_is_not_revived_either():
    fake = FakeProxy()
    fake.archive_key(sha(expired_key(fake)))
    result = execute(fake, key_alias='ci', team_id='t1')
    assert result['failed'] and 'expired at' in result['msg'] and fake.writes == []


def test_an_expired_key_is_recreated_with_the_duration_the_task_gives():
    fake = FakeProxy()
    expired_key(fake)
    result = execute(fake, key_alias='ci', team_id='t2', duration='1d')
    assert not result.get('failed'), result['msg']
    assert result['recreated'] and fake.writes_to('/key/generate')[0]['duration'] == '1d'


@pytest.mark.parametrize('left,duration', [(10.6, '10s'), (86400.999, '86400s'), (1.0, '1s')])
def test_a_remaining_life_is_floored_to_whole_seconds(left, duration):
    # Never later than the old expiry (rounding up would add up to a second on each recreate).
    now = datetime.datetime(2026, 11, 26, 22, 35, 0)
    expires = (now + datetime.timedelta(seconds=left)).strftime('%Y-%m-%dT%H:%M:%S.%fZ')
    assert abs(key.seconds_left(expires, now) - left) < 0.001
    assert key.remaining_duration(expires, now) == duration


@pytest.mark.parametrize('left', [0.4, 0, -30])
def test_less_than_a_second_left_is_no_life_left(left):
    now = datetime.datetime(2026, 11, 26, 22, 35, 0)
    expires = (now + datetime.timedelta(seconds=left)).strftime('%Y-%m-%dT%H:%M:%S.%fZ')
    assert key.remaining_duration(expires, now) == '0s'
    assert key.remaining_duration(None, now) is None


@pytest.mark.parametrize('team,missing', [({'team_alias': 'not-yet'}, "no team has the alias 'not-yet'"),
                                          ({'team_id': 'not-yet'}, "no team has team_id 'not-yet'")],
                         ids=['team_alias', 'team_id'])
def test_check_mode_predicts_a_key_in_a_team_an_earlier_task_would_create(team, missing):
    # issue 20 item 1.5: one rule for a team named by alias and by a pinned id (a team deleted, then recreated
    # with its team_id by an earlier task of the play)
    fake = FakeProxy()
    checked = execute(fake, check_mode=True, key_alias='ci', max_budget=1, **team)
    assert not checked.get('failed'), checked['msg']
    assert checked['changed'] and checked['outcome'] == 'created' and checked['msg'] == 'key would be created'
    assert checked['warnings'] == ["team 'not-yet' does not exist yet (an earlier task of this run may create it); in "
                                   "check mode the key is predicted as it would be in that team"]
    assert fake.writes == []

    real = execute(fake, key_alias='ci', max_budget=1, **team)
    assert real['failed'] and missing in real['msg'] and fake.writes == []


def test_check_mode_moving_a_key_into_a_missing_pinned_team_warns_once():
    fake = FakeProxy()
    fake.add_key('sk-existing-key-0001', key_alias='ci', team_id='t1')
    checked = execute(fake, check_mode=True, key_alias='ci', team_id='not-yet')
    assert checked['outcome'] == 'recreated' and checked['virtual_key']['team_id'] == 'not-yet'
    assert len([w for w in checked['warnings'] if 'does not exist yet' in w]) == 1 and fake.writes == []


def test_a_team_is_missing_by_type_not_by_the_words_of_a_message(monkeypatch):
    # issue 20 review 3.6: another failure whose message starts with "no team" is not taken for a missing team
    from ansible_collections.berriai.litellm.plugins.module_utils import _records as records

    def unreadable(self, alias):
        raise api.LiteLLMError('no team list could be read: the proxy answered garbage')

    monkeypatch.setattr(records.TeamRecords, 'with_alias', unreadable)
    checked = execute(FakeProxy(), check_mode=True, key_alias='ci', team_alias='not-yet')
    assert checked['failed'] and checked['msg'].startswith('no team list could be read')
    assert issubclass(records.TeamNotFound, api.LiteLLMError)


def test_a_team_id_equal_to_an_mcp_server_name_seen_earlier_is_still_checked():
    # issue 20 review 3.1: the run cache keeps the MCP servers it saw apart from the teams
    fake = FakeProxy()
    fake.mcp_servers = {'shared-name': {'server_id': 'shared-name', 'server_name': 'shared-name', 'alias': None}}
    cache = runner.RunCache()
    first = runner.execute(key.run_key, params(key_alias='a', object_permission={'mcp_servers': ['shared-name']}),
                           client=fake, cache=cache)
    assert first['changed'] and not first.get('failed'), first['msg']
    writes = len(fake.writes)
    second = runner.execute(key.run_key, params(key_alias='b', team_id='shared-name'), client=fake, cache=cache)
    assert second['failed'] and "no team has team_id 'shared-name'" in second['msg']
    assert len(fake.writes) == writes


def test_warning_times_have_one_form():
    fake = FakeProxy()
    fake.archive_key(fake.add_key('sk-existing-key-0001', key_alias='ci', team_id='t1'),
                     when='2026-11-26T22:35:57.884123+00:00')
    result = execute(fake, key_alias='ci', team_id='t1')
    assert 'had been deleted at 2026-11-26T22:35:57.884000Z' in result['warnings'][0]


def test_the_diff_is_computed_once_by_the_objects_own_hook(monkeypatch):
    # issue 20 review 3.7: finish's diff was computed, then overwritten by the key's and team's own
    from ansible_collections.berriai.litellm.plugins.module_utils import _compare as compare
    from ansible_collections.berriai.litellm.plugins.module_utils._team import run_team
    calls = []
    real_diff = compare.diff
    monkeypatch.setattr(compare, 'diff', lambda *args: calls.append(args) or real_diff(*args))
    result = execute(FakeProxy(), key_alias='ci', team_id='t1', tags=[])
    assert len(calls) == 1 and 'tags' not in result['diff']['after']  # trimmed: unset settings are not shown
    del calls[:]
    team = runner.execute(run_team, {'team_id': 't9', 'team_alias': 'nine', 'state': 'present',
                                     'purge_metadata': False, 'api_key': ADMIN_KEY}, client=FakeProxy())
    assert len(calls) == 1 and team['diff']['after']['team_alias'] == 'nine'


@pytest.mark.parametrize('check_mode', [True, False])
def test_180_unlimited_budget_duration_is_refused_before_any_write(check_mode):
    # LiteLLM 1.80's /key/update ignores a null budget_duration
    fake = FakeLiteLLM()
    fake.litellm_version = '1.80.17'
    fake.add_key(key_alias='dur', budget_duration='30d', max_budget=5)
    result = execute(fake, check_mode=check_mode, key_alias='dur', unlimited=['budget_duration'])
    assert result['failed'] and not result['changed'] and fake.writes == []
    assert 'budget_duration' in result['msg'] and 'LiteLLM 1.80.17' in result['msg']
    other = execute(fake, check_mode=check_mode, key_alias='dur', unlimited=['max_budget'])
    assert not other.get('failed') and other['changed']


@pytest.mark.parametrize('check_mode', [True, False])
def test_180_a_plain_create_in_a_team_neither_warns_nor_reads_the_version(check_mode):
    # LiteLLM 1.80 keeps no deleted keys, so a key deleted with its team cannot be told from one never made: the module
    # does not warn on every create in a team for it (noise), and sends no request more than on a newer proxy
    fake = FakeLiteLLM()
    fake.litellm_version = '1.80.17'
    team = fake.add_team(team_alias='t180')
    result = execute(fake, check_mode=check_mode, key_alias='k180', team_id=team['team_id'])
    assert result['changed'] and not result['recreated'] and result['recreate_reason'] is None
    assert result['warnings'] == []
    assert '/public/model_hub/info' not in [read[0] for read in fake.reads]


@pytest.mark.parametrize('check_mode', [True, False])
@pytest.mark.parametrize('options, name', [
    ({'key_type': 'read_only'}, 'key_type'), ({'object_permission': {'skills': ['s1']}}, 'object_permission.skills'),
    ({'object_permission': {'models': ['fake']}}, 'object_permission.models')])
def test_180_a_key_setting_it_cannot_keep_fails_before_any_write(check_mode, options, name):
    # LiteLLM 1.80 keeps no key type (every run would recreate the key) and no models, skills... in an object permission
    fake = FakeLiteLLM()
    fake.litellm_version = '1.80.17'
    created = execute(fake, check_mode=check_mode, key_alias='new180', **options)
    token = fake.add_key(key_alias='old180')
    existing = execute(fake, check_mode=check_mode, key_alias='old180', **options)  # a recreate, an update
    for result in (created, existing):
        assert result['failed'] and not result['changed'] and fake.writes == []
        assert result['msg'].startswith('LiteLLM 1.80.17 cannot keep %s (key %s needs LiteLLM 1.81 or later' % (name, name))
    assert token in fake.live
    fake.litellm_version = '1.108.7'
    assert not execute(fake, check_mode=True, key_alias='old180', **options).get('failed')


def test_180_the_default_key_type_is_no_setting_to_refuse():
    fake = FakeLiteLLM()
    fake.litellm_version = '1.80.17'
    result = execute(fake, key_alias='plain180', key_type='default', object_permission={'vector_stores': ['vs1']})
    assert result['changed'] and not result.get('failed')
    assert '/public/model_hub/info' not in [read[0] for read in fake.reads]


def test_180_a_key_with_an_object_permission_is_read_whole_and_a_rerun_is_a_no_op():
    # LiteLLM 1.80's /key/info gives only object_permission_id: the key is read whole from /key/list (by key_hash)
    fake = FakeLiteLLM()
    fake.litellm_version = '1.80.17'
    first = execute(fake, key_alias='op180', object_permission={'vector_stores': ['vs1']})
    assert first['changed'] and not first.get('failed'), first.get('msg')
    assert first['virtual_key']['object_permission']['vector_stores'] == ['vs1']
    fake.calls[:] = []
    again = execute(fake, key_alias='op180', token=first['token'], object_permission={'vector_stores': ['vs1']})
    assert not again['changed'] and fake.writes == []
    assert [c[1] for c in fake.calls if c[1] == '/key/list' and 'key_hash' in (c[2] or {})] == ['/key/list']
    fake.litellm_version = '1.108.7'
    fake.calls[:] = []
    newer = execute(fake, key_alias='op180', token=first['token'], object_permission={'vector_stores': ['vs1']})
    assert not newer['changed'] and [c for c in fake.calls if 'key_hash' in (c[2] or {})] == []


def test_180_a_key_with_a_soft_budget_is_read_from_key_info_where_the_list_leaves_the_budget_out():
    # LiteLLM 1.80's /key/list has no budget_id nor litellm_budget_table: a task managing soft_budget reads /key/info
    fake = FakeLiteLLM()
    fake.litellm_version = '1.80.17'
    first = execute(fake, key_alias='sb180', soft_budget=3.0)
    assert first['changed'] and not first.get('failed'), first.get('msg')
    assert first['virtual_key']['soft_budget'] == 3.0
    fake.calls[:] = []
    again = execute(fake, key_alias='sb180', soft_budget=3.0)
    assert not again['changed'] and fake.writes == [] and again['virtual_key']['soft_budget'] == 3.0
    assert [path for path, query in fake.reads].count('/key/info') == 1
    fake.calls[:] = []
    plain = execute(fake, key_alias='sb180', max_budget=None)
    assert not plain['changed'] and '/key/info' not in [path for path, query in fake.reads]
    fake.litellm_version = '1.108.7'
    fake.calls[:] = []
    newer = execute(fake, key_alias='sb180', soft_budget=3.0)
    assert not newer['changed'] and '/key/info' not in [path for path, query in fake.reads]


def test_180_key_info_gives_the_budget_the_list_leaves_out():
    fake = FakeLiteLLM()
    fake.litellm_version = '1.80.17'
    created = execute(fake, key_alias='sbinfo180', soft_budget=3.0)
    assert created['changed'] and not created.get('failed'), created.get('msg')
    fake.calls[:] = []
    found = run_info(key.run_key_info, fake, key_alias='sbinfo180')['virtual_keys']
    assert [k['soft_budget'] for k in found] == [3.0] and found[0]['budget_id'] == created['virtual_key']['budget_id']
    assert [path for path, query in fake.reads].count('/key/info') == 1
    fake.litellm_version = '1.108.7'
    fake.calls[:] = []
    assert [k['soft_budget'] for k in run_info(key.run_key_info, fake, key_alias='sbinfo180')['virtual_keys']] == [3.0]
    assert '/key/info' not in [path for path, query in fake.reads]


# -- litellm_key_info --

def test_every_key_over_all_pages_without_repeats_when_a_key_is_created_meanwhile():
    client = InfoProxy(keys=[key_row(n) for n in range(1, 206)], shift_after_first_page=key_row(999))
    result = run_info(key.run_key_info, client)
    tokens = [k['token'] for k in result['virtual_keys']]
    assert len(tokens) == len(set(tokens))
    assert set('%064x' % n for n in range(1, 206)) <= set(tokens)
    assert result['http_requests'] == {'GET': 3}
    assert all(params['return_full_object'] == 'true' for _path, params in client.reads)


def test_keys_of_a_team_by_alias_carry_the_team_alias():
    client = InfoProxy(teams=[team_row(1, 'research'), team_row(2, 'research-2')],
                       keys=[key_row(n, 'team-0001') for n in range(1, 121)] + [key_row(500, 'team-0002')])
    result = run_info(key.run_key_info, client, team_alias='research')
    assert len(result['virtual_keys']) == 120
    assert set(k['team_alias'] for k in result['virtual_keys']) == {'research'}
    assert [p.get('team_id') for path, p in client.reads if path == '/key/list'] == ['team-0001', 'team-0001']


def test_a_team_alias_nobody_has_gives_no_keys_and_says_so():
    result = run_info(key.run_key_info, InfoProxy(keys=[key_row(1)]), team_alias='nobody')
    assert result['virtual_keys'] == []
    assert "no team has the alias 'nobody'" in result['msg']


def test_a_team_alias_several_teams_have_fails_and_names_them():
    client = InfoProxy(teams=[team_row(1, 'twin'), team_row(2, 'twin')])
    result = runner.execute(key.run_key_info, {'team_alias': 'twin'}, client=client)
    assert result['failed'] is True
    assert '2 teams have the alias' in result['msg'] and 'team-0001' in result['msg'] and 'team-0002' in result['msg']


def test_filters_given_together_must_all_match():
    client = InfoProxy(keys=[key_row(1, 'team-a', 'ci'), key_row(2, 'team-b', 'bot')])
    assert [k['token'] for k in run_info(key.run_key_info, client, key_alias='ci', team_id='team-a')['virtual_keys']] \
        == ['%064x' % 1]
    assert run_info(key.run_key_info, client, key_alias='ci', team_id='team-b')['virtual_keys'] == []
    assert run_info(key.run_key_info, client, token='%064x' % 1, team_id='team-b')['virtual_keys'] == []


def test_a_key_by_token_reads_key_info_and_never_returns_a_secret():
    client = InfoProxy(keys=[key_row(7, 'team-a', 'ci', key=INFO_SECRET, metadata={'api_key': INFO_SECRET, 'owner': 'x'})])
    result = run_info(key.run_key_info, client, token='%064x' % 7)
    found = result['virtual_keys'][0]
    assert found['token'] == '%064x' % 7
    assert found['key_name'] == 'sk-...0007'
    assert found['metadata'] == {'owner': 'x'}
    assert INFO_SECRET not in json.dumps(result)


def test_a_secret_given_as_token_is_refused_before_any_request():
    client = InfoProxy()
    result = runner.execute(key.run_key_info, {'token': INFO_SECRET}, client=client)
    assert result['failed'] is True
    assert 'not the key itself' in result['msg']
    assert client.reads == []
    assert INFO_SECRET not in json.dumps(result)


@pytest.mark.parametrize('token', ['A' * 64, 'abc', '%064x' % 1 + '0'])
def test_a_token_that_is_not_64_lower_case_hex_is_refused_before_any_request(token):
    client = InfoProxy()
    result = runner.execute(key.run_key_info, {'token': token}, client=client)
    assert result['failed'] is True and '64 lower-case hex characters' in result['msg']
    assert client.calls == []


def test_the_keys_of_a_team_alias_with_a_backslash_are_found():
    # The proxy's team_alias search never matches a backslash: the alias is found by reading the whole list.
    client = InfoProxy(teams=[team_row(1, 'dom\\ops'), team_row(2, 'other')],
                       keys=[key_row(1, 'team-0001'), key_row(2, 'team-0002')])
    keys = run_info(key.run_key_info, client, team_alias='dom\\ops')['virtual_keys']
    assert [(k['token'], k['team_alias']) for k in keys] == [('%064x' % 1, 'dom\\ops')]
