# -*- coding: utf-8 -*-
# Unit tests of litellm_access_group's and litellm_access_group_info's logic (module_utils/_access_group.py)
# against the fake proxy's access groups (fake_access_group.py). Each test asserts the result, the exact writes
# (check mode: none) and what the proxy holds afterwards.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.berriai.litellm.plugins.module_utils import _owner as owner
from ansible_collections.berriai.litellm.plugins.module_utils import _reconciler
from ansible_collections.berriai.litellm.plugins.module_utils import _runner as runner
from ansible_collections.berriai.litellm.plugins.module_utils._access_group import (
    run_access_group, run_access_group_info)
from ansible_collections.berriai.litellm.tests.unit.plugins.module_utils.fake_access_group import AccessGroupProxy

MARK = owner.TEXT_MARKER
TEAMS = [{'team_id': 't-ds', 'team_alias': 'data-science'}, {'team_id': 't-ml', 'team_alias': 'ml'}]
KEY_CI = {'key_alias': 'ci-runner', 'team_id': 't-ds'}
SERVERS = [{'server_id': 'gh', 'server_name': 'github', 'alias': 'github'}]


def proxy_with(groups=(), v1_80=False):
    proxy = AccessGroupProxy(teams=TEAMS, groups=groups, mcp_servers=SERVERS, v1_80=v1_80)
    proxy.ci_token = proxy.add_key(**KEY_CI)
    return proxy


def run(proxy, check_mode=False, logic=run_access_group, **options):
    values = {'state': 'present', 'access_group_name': 'fast'}
    values.update(options)
    return runner.execute(logic, values, check_mode=check_mode, diff_mode=True, client=proxy)


def only_group(proxy):
    [group] = proxy.groups.values()
    return group


ASKED = dict(description='Fast models', models=['m-b', 'm-a'], teams=['data-science', 't-ml'], keys=['ci-runner'],
             mcp_servers=['github'])


def test_create_resolves_names_marks_the_group_and_links_teams_and_keys():
    proxy = proxy_with()
    result = run(proxy, **ASKED)
    assert result['changed'] and result['msg'] == 'access group created' and result['outcome'] == 'created'
    assert proxy.writes == [('POST', '/v1/access_group', {
        'access_group_name': 'fast', 'description': 'Fast models ' + MARK, 'access_model_names': ['m-a', 'm-b'],
        'assigned_team_ids': ['t-ds', 't-ml'], 'assigned_key_ids': [proxy.ci_token], 'access_mcp_server_ids': ['gh']})]
    group = only_group(proxy)
    assert result['access_group'] == {
        'access_group_id': group['access_group_id'], 'access_group_name': 'fast', 'description': 'Fast models',
        'models': ['m-a', 'm-b'], 'teams': ['t-ds', 't-ml'], 'keys': ['ci-runner'], 'mcp_servers': ['gh']}
    assert proxy.teams['t-ds']['access_group_ids'] == [group['access_group_id']]
    assert proxy.live[proxy.ci_token]['access_group_ids'] == [group['access_group_id']]
    assert result['diff']['before'] == {} and result['diff']['after']['keys'] == ['ci-runner']


def test_check_mode_predicts_the_real_run_and_writes_nothing():
    proxy = proxy_with()
    check = run(proxy, check_mode=True, **ASKED)
    assert proxy.writes == [] and proxy.groups == {}
    assert check['msg'] == 'access group would be created' and check['access_group_id'] is None
    real = run(proxy, **ASKED)
    expected = dict(real['access_group'], access_group_id=None)
    assert check['access_group'] == expected and check['diff'] == real['diff']


def test_again_nothing_changes_in_one_read():
    proxy = proxy_with()
    run(proxy, **ASKED)
    proxy.calls[:] = []
    again = run(proxy, **ASKED)
    assert not again['changed'] and again['msg'] == 'access group is as requested'
    # the names the proxy shows beside the ids resolve the teams, keys and MCP servers: one read, no write
    assert proxy.calls == [('GET', '/v1/access_group', None)]
    assert again['diff']['before'] == again['diff']['after']


def test_update_sends_only_what_differs_and_keeps_the_marker():
    proxy = proxy_with()
    run(proxy, **ASKED)
    group_id = only_group(proxy)['access_group_id']
    check = run(proxy, check_mode=True, keys=[], description='Faster')
    assert proxy.writes_to('/v1/access_group/' + group_id) == []
    result = run(proxy, keys=[], description='Faster')
    assert result['msg'] == 'access group updated: description, keys'
    assert proxy.writes_to('/v1/access_group/' + group_id) == [
        {'assigned_key_ids': [], 'description': 'Faster ' + MARK}]
    assert proxy.live[proxy.ci_token]['access_group_ids'] == []
    assert result['access_group']['keys'] == [] and result['access_group']['teams'] == ['t-ds', 't-ml']
    assert check['access_group'] == result['access_group'] and check['diff'] == result['diff']
    assert result['diff']['before']['keys'] == ['ci-runner'] and result['diff']['after']['keys'] == []


def test_a_group_made_by_hand_is_updated_without_the_marker():
    proxy = proxy_with([{'access_group_name': 'fast', 'description': 'by hand'}])
    result = run(proxy, description='still by hand', models=['m-a'])
    assert result['changed']
    assert only_group(proxy)['description'] == 'still by hand'
    assert not owner.is_owned(only_group(proxy), 'access_groups')


def test_an_update_of_other_fields_leaves_the_description_alone():
    proxy = proxy_with()
    run(proxy, description='Fast models')
    run(proxy, models=['m-c'])
    assert only_group(proxy)['description'] == 'Fast models ' + MARK
    assert owner.is_owned(only_group(proxy), 'access_groups')


def test_absent_deletes_the_group_and_unlinks_its_teams():
    proxy = proxy_with()
    run(proxy, **ASKED)
    group_id = only_group(proxy)['access_group_id']
    check = run(proxy, check_mode=True, state='absent')
    assert check['msg'] == 'access group would be deleted' and group_id in proxy.groups
    result = run(proxy, state='absent')
    assert result['changed'] and result['access_group'] == {} and result['diff']['after'] == {}
    assert proxy.writes[-1] == ('DELETE', '/v1/access_group/' + group_id, None)
    assert proxy.groups == {} and proxy.teams['t-ds']['access_group_ids'] == []
    assert 't-ds' in proxy.teams and proxy.ci_token in proxy.live  # teams and keys stay
    again = run(proxy, state='absent')
    assert not again['changed'] and again['msg'] == 'access group is absent'


@pytest.mark.parametrize('option, entry, words', [
    ('teams', 'nope', "teams: the proxy has no team with the id or alias 'nope'"),
    ('keys', 'nope', "keys: the proxy has no key with the alias or token 'nope'"),
    ('mcp_servers', 'nope', "mcp_servers: the proxy has no MCP server with the id, name or alias 'nope'"),
])
@pytest.mark.parametrize('check_mode', [False, True])
def test_an_unknown_reference_fails_naming_it_before_any_write(option, entry, words, check_mode):
    proxy = proxy_with()
    result = run(proxy, check_mode=check_mode, **{option: [entry]})
    assert result['failed'] and result['msg'].startswith(words) and 'Nothing was changed' in result['msg']
    assert proxy.writes == [] and not result['changed']


@pytest.mark.parametrize('options, words', [
    ({'keys': ['sk-1234abcd']}, 'never a key\'s secret'),
    ({'access_group_name': ' '}, 'access_group_name must not be empty'),
    ({'models': ['']}, 'models must not hold an empty entry'),
    ({'description': 'x ' + MARK}, 'description must not hold'),
])
def test_bad_input_fails_before_any_request(options, words):
    proxy = proxy_with()
    result = run(proxy, **options)
    assert result['failed'] and words in result['msg'] and 'sk-1234abcd' not in result['msg']
    assert proxy.calls == []


@pytest.mark.parametrize('logic', [run_access_group, run_access_group_info])
@pytest.mark.parametrize('check_mode', [False, True])
def test_litellm_1_80_has_no_access_groups_the_module_says_so_naming_the_version(logic, check_mode):
    proxy = proxy_with(v1_80=True)
    result = run(proxy, check_mode=check_mode, logic=logic, **ASKED)
    assert result['failed'] and not result['changed'] and proxy.writes == []
    assert result['msg'].startswith('LiteLLM 1.80.17 has no access groups')


def test_a_value_the_proxy_did_not_keep_fails_naming_it_and_the_version(monkeypatch):
    monkeypatch.setattr(_reconciler.Reconciler, 'wait', staticmethod(lambda seconds: None))
    proxy = proxy_with()
    run(proxy, models=['m-a'])
    group_id = only_group(proxy)['access_group_id']

    def drop_models(fake, body):
        fake.groups[group_id]['access_model_names'] = []  # the write answers, the models are gone

    proxy.on('GET', '/v1/access_group/' + group_id, drop_models)
    result = run(proxy, models=['m-a', 'm-b'])
    assert result['failed'] and result['changed']
    assert "LiteLLM 1.108.7 did not keep models (models: sent [\"m-a\", \"m-b\"], stored [])" in result['msg']
    assert result['access_group']['models'] == []


def test_a_create_that_lost_a_race_converges_the_other_runs_group():
    proxy = proxy_with()

    def other_run(fake, body):
        fake.add_group(access_group_name='fast', access_model_names=['m-a'])

    proxy.on('POST', '/v1/access_group', other_run)
    result = run(proxy, models=['m-a'])
    assert not result.get('failed') and len(proxy.groups) == 1
    assert 'created by another run' in result['warnings'][0]


def test_info_lists_groups_with_names_and_the_marker_as_managed():
    proxy = proxy_with([{'access_group_name': 'by-hand', 'access_mcp_server_ids': ['gh']}])
    run(proxy, **ASKED)
    result = run(proxy, logic=run_access_group_info, access_group_name=None)
    assert result['msg'] == '2 access group(s)' and not result['changed'] and proxy.writes[1:] == []
    by_hand, fast = result['access_groups']
    assert (by_hand['access_group_name'], by_hand['managed'], by_hand['mcp_servers']) == ('by-hand', False, ['gh'])
    assert fast['managed'] and fast['description'] == 'Fast models' and fast['keys'] == ['ci-runner']
    assert fast['team_aliases'] == {'t-ds': 'data-science', 't-ml': 'ml'} and fast['key_tokens'] == [proxy.ci_token]
    one = run(proxy, logic=run_access_group_info, access_group_name='fast')
    assert [g['access_group_name'] for g in one['access_groups']] == ['fast']
