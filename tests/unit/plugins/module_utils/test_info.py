# -*- coding: utf-8 -*-
# Unit tests of the read-only modules' logic (module_utils/_info.py) on the in-memory proxy of fake_litellm.py,
# whose reads page as LiteLLM 1.108.7's do (the real client's paging loop runs): /v2/team/list (page,
# page_size <= 100, alias matched as a substring), /team/info (team_info + keys), /key/list (page, size <= 100,
# full objects only with return_full_object), /key/info (info, no token). An info module never writes.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

import pytest

from ansible_collections.berriai.litellm.plugins.module_utils import _info as info, _runner as runner
from ansible_collections.berriai.litellm.plugins.modules import litellm_key_info, litellm_team_info
from ansible_collections.berriai.litellm.tests.unit.plugins.module_utils.fake_litellm import FakeLiteLLM

SECRET = 'sk-raw-secret-never-returned'


def FakeClient(teams=(), keys=(), shift_after_first_page=None):
    """The proxy holding `teams` and `keys`; with `shift_after_first_page`, someone creates that key between our
    first and second page of /key/list (it is the newest: everything moves one place down)."""
    client = FakeLiteLLM(teams=teams, keys=keys)
    if shift_after_first_page:
        client.on('GET', '/key/list', lambda fake, query: None)
        client.on('GET', '/key/list', lambda fake, query: fake.add_key(**shift_after_first_page) and None)
    return client


def team(n, alias=None, **fields):
    row = {'team_id': 'team-%04d' % n, 'team_alias': alias if alias is not None else 'team %04d' % n,
           'models': [], 'max_budget': None, 'budget_duration': None, 'tpm_limit': None, 'rpm_limit': None,
           'metadata': {}, 'blocked': False, 'organization_id': None, 'spend': 0.0,
           'members_with_roles': [{'user_id': 'default_user_id', 'role': 'admin'}],
           'created_at': '2026-11-26T22:35:56.486000Z', 'updated_at': '2026-11-26T22:35:56.503000Z',
           'budget_reset_at': None}
    row.update(fields)
    return row


def key(n, team_id=None, alias=None, **fields):
    row = {'token': '%064x' % n, 'key_name': 'sk-...%04d' % n, 'key_alias': alias or 'key-%04d' % n,
           'team_id': team_id, 'models': [], 'max_budget': None, 'metadata': {}, 'blocked': None,
           'expires': None, 'spend': 0.0, 'api_key': None, 'team_alias': None,
           'created_at': '2026-11-26T22:35:56.916000Z'}
    row.update(fields)
    return row


def run(logic, client, **params):
    base = dict((name, None) for name in litellm_key_info.ARGUMENT_SPEC)
    base.update(dict((name, None) for name in litellm_team_info.ARGUMENT_SPEC))
    base.update(params)
    result = runner.execute(logic, base, client=client)
    assert 'failed' not in result or result['failed'] is False, result.get('msg')
    assert client.writes == []
    return result


# -- without_secrets --

def test_without_secrets_drops_secret_fields_at_any_depth_and_keeps_masked_names():
    record = {'key': SECRET, 'key_name': 'sk-...abcd', 'token': 'ab' * 32, 'api_key': None,
              'metadata': {'api_key': SECRET, 'note': 'fine', 'nested': [{'key': SECRET, 'other': 1}]}}
    assert info.without_secrets(record) == {
        'key_name': 'sk-...abcd', 'token': 'ab' * 32, 'api_key': None,
        'metadata': {'note': 'fine', 'nested': [{'other': 1}]}}


# -- litellm_team_info --

def test_every_team_is_read_over_all_pages_once_each():
    client = FakeClient(teams=[team(n) for n in range(250)])
    result = run(info.run_team_info, client)
    assert [t['team_id'] for t in result['teams']] == ['team-%04d' % n for n in range(250)]
    assert result['http_requests'] == {'GET': 3}
    assert result['changed'] is False
    assert result['msg'] == '250 team(s) in the proxy'
    assert all(params['sort_by'] == 'team_id' for _path, params in client.reads)


def test_a_team_by_alias_is_an_exact_match_with_its_key_count():
    client = FakeClient(teams=[team(1, 'research', max_budget=5.0, models=['b', 'a']),
                               team(2, 'research-extra'), team(3, 'other')],
                        keys=[key(1, 'team-0001'), key(2, 'team-0001')])
    result = run(info.run_team_info, client, team_alias='research')
    assert len(result['teams']) == 1
    found = result['teams'][0]
    assert found['team_id'] == 'team-0001'
    assert found['keys_count'] == 2
    assert found['max_budget'] == 5
    assert found['models'] == ['a', 'b']
    assert found['members_count'] == 1


def test_teams_sharing_an_alias_are_all_returned():
    client = FakeClient(teams=[team(1, 'twin'), team(2, 'twin')])
    result = run(info.run_team_info, client, team_alias='twin')
    assert [t['team_id'] for t in result['teams']] == ['team-0001', 'team-0002']


def test_a_team_by_id_counts_its_listed_keys():
    client = FakeClient(teams=[team(1, 'research')], keys=[key(1, 'team-0001'), key(2, 'team-0001'), key(3)])
    result = run(info.run_team_info, client, team_id='team-0001')
    assert result['teams'][0]['keys_count'] == 2
    assert result['teams'][0]['team_alias'] == 'research'
    assert client.reads == [('/team/info', {'team_id': 'team-0001'})]


def test_a_missing_team_is_an_empty_result():
    client = FakeClient()
    assert run(info.run_team_info, client, team_id='nope')['teams'] == []
    assert run(info.run_team_info, client, team_alias='nope')['teams'] == []


# -- litellm_key_info --

def test_every_key_over_all_pages_without_repeats_when_a_key_is_created_meanwhile():
    client = FakeClient(keys=[key(n) for n in range(1, 206)], shift_after_first_page=key(999))
    result = run(info.run_key_info, client)
    tokens = [k['token'] for k in result['virtual_keys']]
    assert len(tokens) == len(set(tokens))
    assert set('%064x' % n for n in range(1, 206)) <= set(tokens)
    assert result['http_requests'] == {'GET': 3}
    assert all(params['return_full_object'] == 'true' for _path, params in client.reads)


def test_keys_of_a_team_by_alias_carry_the_team_alias():
    client = FakeClient(teams=[team(1, 'research'), team(2, 'research-2')],
                        keys=[key(n, 'team-0001') for n in range(1, 121)] + [key(500, 'team-0002')])
    result = run(info.run_key_info, client, team_alias='research')
    assert len(result['virtual_keys']) == 120
    assert set(k['team_alias'] for k in result['virtual_keys']) == {'research'}
    assert [p.get('team_id') for path, p in client.reads if path == '/key/list'] == ['team-0001', 'team-0001']


def test_a_team_alias_nobody_has_gives_no_keys_and_says_so():
    result = run(info.run_key_info, FakeClient(keys=[key(1)]), team_alias='nobody')
    assert result['virtual_keys'] == []
    assert "no team has the alias 'nobody'" in result['msg']


def test_a_team_alias_several_teams_have_fails_and_names_them():
    client = FakeClient(teams=[team(1, 'twin'), team(2, 'twin')])
    result = runner.execute(info.run_key_info, {'team_alias': 'twin'}, client=client)
    assert result['failed'] is True
    assert '2 teams have the alias' in result['msg'] and 'team-0001' in result['msg'] and 'team-0002' in result['msg']


def test_filters_given_together_must_all_match():
    client = FakeClient(keys=[key(1, 'team-a', 'ci'), key(2, 'team-b', 'bot')])
    assert [k['token'] for k in run(info.run_key_info, client, key_alias='ci', team_id='team-a')['virtual_keys']] \
        == ['%064x' % 1]
    assert run(info.run_key_info, client, key_alias='ci', team_id='team-b')['virtual_keys'] == []
    assert run(info.run_key_info, client, token='%064x' % 1, team_id='team-b')['virtual_keys'] == []


def test_a_key_by_token_reads_key_info_and_never_returns_a_secret():
    client = FakeClient(keys=[key(7, 'team-a', 'ci', key=SECRET, metadata={'api_key': SECRET, 'owner': 'x'})])
    result = run(info.run_key_info, client, token='%064x' % 7)
    found = result['virtual_keys'][0]
    assert found['token'] == '%064x' % 7
    assert found['key_name'] == 'sk-...0007'
    assert found['metadata'] == {'owner': 'x'}
    assert SECRET not in json.dumps(result)


def test_a_secret_given_as_token_is_refused_before_any_request():
    client = FakeClient()
    result = runner.execute(info.run_key_info, {'token': SECRET}, client=client)
    assert result['failed'] is True
    assert 'not the key itself' in result['msg']
    assert client.reads == []
    assert SECRET not in json.dumps(result)


def test_a_refused_credential_fails_the_listing():
    result = runner.execute(info.run_team_info, {}, client=FakeLiteLLM(refuse=True))
    assert result['failed'] is True and result['status'] == 401 and 'refused' in result['msg']


@pytest.mark.parametrize('definition', [litellm_team_info.MODULE_KWARGS, litellm_key_info.MODULE_KWARGS])
def test_the_modules_support_check_mode_and_only_read(definition):
    assert definition['supports_check_mode'] is True
    assert definition['argument_spec']['api_key']['no_log'] is True


@pytest.mark.parametrize('token', ['A' * 64, 'abc', '%064x' % 1 + '0'])
def test_a_token_that_is_not_64_lower_case_hex_is_refused_before_any_request(token):
    client = FakeClient()
    result = runner.execute(info.run_key_info, {'token': token}, client=client)
    assert result['failed'] is True and '64 lower-case hex characters' in result['msg']
    assert client.calls == []


def test_a_team_alias_with_a_backslash_is_found_with_its_keys():
    # The proxy's team_alias search never matches a backslash: the alias is found by reading the whole list.
    client = FakeClient(teams=[team(1, 'dom\\ops'), team(2, 'other')], keys=[key(1, 'team-0001'), key(2, 'team-0002')])
    teams = run(info.run_team_info, client, team_alias='dom\\ops')['teams']
    assert [t['team_id'] for t in teams] == ['team-0001']
    keys = run(info.run_key_info, client, team_alias='dom\\ops')['virtual_keys']
    assert [(k['token'], k['team_alias']) for k in keys] == [('%064x' % 1, 'dom\\ops')]


def test_team_list_without_key_counts_counts_the_keys():
    # LiteLLM 1.80's /v2/team/list has no keys_count: the keys are counted from /key/list
    proxy = FakeLiteLLM()
    team = proxy.add_team(team_alias='counted')
    proxy.add_team(team_alias='counted-not')
    proxy.add_key(team_id=team['team_id'], key_alias='k1')
    proxy.add_key(team_id=team['team_id'], key_alias='k2')
    original = proxy.team_list

    def uncounted(query, path):
        answer = original(query, path)
        for row in answer['teams']:
            row.pop('keys_count', None)
        return answer
    proxy.route('GET', '/v2/team/list', uncounted)
    by_alias = runner.execute(info.run_team_info, {'team_alias': 'counted'}, client=proxy)
    assert [t['keys_count'] for t in by_alias['teams']] == [2]
    every = runner.execute(info.run_team_info, {}, client=proxy)
    assert sorted(t['keys_count'] for t in every['teams']) == [0, 2]
