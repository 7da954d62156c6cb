# -*- coding: utf-8 -*-
# Unit tests of litellm_team's logic (module_utils/_team.py) with the HTTP client faked by the in-memory proxy of
# fake_litellm.py (the real LiteLLM 1.108.7's shapes: /team/info wraps the team in team_info next to its keys,
# /v2/team/list matches the alias as a substring, /team/update answers {team_id, data}, metadata is replaced on
# update, deleting a team deletes its keys). Each test asserts the result, the warnings and the exact write
# requests; check mode must send no write and say what would happen.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

import pytest

from ansible_collections.berriai.litellm.plugins.module_utils import _runner as runner
from ansible_collections.berriai.litellm.plugins.module_utils import _team
from ansible_collections.berriai.litellm.plugins.module_utils._api import LiteLLMError, ParameterError
from ansible_collections.berriai.litellm.plugins.module_utils._team import run_team
from ansible_collections.berriai.litellm.plugins.modules.litellm_team import ARGUMENT_SPEC
from ansible_collections.berriai.litellm.tests.unit.plugins.module_utils.fake_litellm import (
    ADMIN_KEY, FakeLiteLLM, task_params)
from ansible_collections.berriai.litellm.tests.unit.plugins.module_utils.info_cases import (
    InfoProxy, key_row, run_info, team_row)


@pytest.fixture(autouse=True)
def no_pauses(monkeypatch):
    """The settle pauses of a run meeting twin aliases are not waited in unit tests."""
    monkeypatch.setattr(_team.TeamReconciler, 'pause', staticmethod(lambda seconds: None))


def params(**options):
    return task_params(ARGUMENT_SPEC, **options)


def run(proxy, check_mode=False, **options):
    ctx = runner.Context(proxy, check_mode)
    result = run_team(ctx, params(**options))
    return result, ctx.warnings


def planned(text):
    """What check mode says for what a real run says it did: nothing has happened then."""
    text = re.sub(r'^(team|key) (created|updated|recreated|deleted)\b', r'\1 would be \2', text)
    return text.replace('was deleted', 'would be deleted').replace('went with it', 'would go with it')


def check_then_real(make_proxy, **options):
    """Run the task in check mode on one proxy and for real on an identical one.

    Check mode must send no write and leave the proxy as it was, and must predict the real run's result and
    warnings in the conditional (the team id aside when the proxy generates it). Returns (check, real, real proxy)."""
    check_proxy, real_proxy = make_proxy(), make_proxy()
    held = check_proxy.held()
    check, check_warnings = run(check_proxy, check_mode=True, **options)
    real, real_warnings = run(real_proxy, **options)
    assert check_proxy.writes == []
    assert check_proxy.held() == held
    assert check['changed'] == real['changed']
    assert check_warnings == [planned(w) for w in real_warnings]
    predicted = dict(check['team'])
    if predicted and predicted.get('team_id') is None and not options.get('team_id'):
        predicted['team_id'] = real['team_id']
    assert predicted == real['team']
    assert check['diff']['before'] == real['diff']['before']
    assert check['diff']['after'] == real['diff']['after']
    assert (check['recreated'], check['deleted_keys'], check['outcome'], check['msg']) == \
        (real['recreated'], real['deleted_keys'], real['outcome'], planned(real['msg']))
    return (check, check_warnings), (real, real_warnings), real_proxy


def research(**fields):
    team = dict(team_id='team-r', team_alias='research', models=['fake'], max_budget=10.5, budget_duration='30d',
                tpm_limit=1000, rpm_limit=60, metadata={'env': 'test', 'owner': 'ansible'})
    team.update(fields)
    return team


def proxy_with_research(**fields):
    def make():
        return FakeLiteLLM(teams=[research(**fields)])
    return make


# Create

def test_create_by_alias_sends_the_set_fields_only():
    (check, check_warnings), (real, warnings), proxy = check_then_real(
        FakeLiteLLM, team_alias='research', models=['fake-2', 'fake'], max_budget=10.5, budget_duration='30d',
        tpm_limit=1000, metadata={'env': 'test'})
    assert proxy.writes == [('POST', '/team/new', {
        'team_alias': 'research', 'models': ['fake-2', 'fake'], 'max_budget': 10.5, 'budget_duration': '30d',
        'tpm_limit': 1000, 'metadata': {'env': 'test', 'managed_by': 'berriai.litellm'}})]
    assert check['team_id'] is None and check['team']['team_id'] is None
    assert real['changed'] is True and real['msg'] == 'team created' and warnings == []
    assert real['team_id'] == 'uuid-0001'
    assert real['team'] == {'team_id': 'uuid-0001', 'team_alias': 'research', 'models': ['fake', 'fake-2'],
                            'max_budget': 10.5, 'budget_duration': '30d', 'tpm_limit': 1000, 'rpm_limit': None,
                            'metadata': {'env': 'test'}, 'blocked': False, 'organization_id': None}
    assert real['diff']['before'] == {}
    assert real['recreated'] is False and real['deleted_keys'] == []


def test_create_with_a_pinned_id_sends_it_and_looks_for_no_alias_twin():
    (check, check_warnings), (real, real_warnings), proxy = check_then_real(FakeLiteLLM, team_id='research',
                                                                            team_alias='research')
    assert proxy.writes == [('POST', '/team/new', {'team_alias': 'research', 'team_id': 'research',
                                                   'metadata': {'managed_by': 'berriai.litellm'}})]
    assert check['team_id'] == real['team_id'] == 'research'
    assert [read[0] for read in proxy.reads] == ['/team/info', '/v2/team/list', '/team/info']  # then read back


def test_unlimited_fields_are_left_out_of_a_create():
    check_run, (real, real_warnings), proxy = check_then_real(FakeLiteLLM, team_alias='research',
                                                              unlimited=['max_budget', 'tpm_limit'])
    assert proxy.writes == [('POST', '/team/new', {'team_alias': 'research', 'metadata': {'managed_by': 'berriai.litellm'}})]
    assert real['team']['max_budget'] is None


def test_an_alias_that_is_only_a_substring_is_not_the_team():
    # /v2/team/list?team_alias=research also answers research-old: it must not be taken for the team.
    def make():
        return FakeLiteLLM(teams=[research(team_id='team-old', team_alias='research-old')])

    check_run, (real, real_warnings), proxy = check_then_real(make, team_alias='research')
    assert proxy.writes[0][:2] == ('POST', '/team/new')
    assert real['msg'] == 'team created'
    assert set(proxy.teams) == {'team-old', real['team_id']}


# Update

@pytest.mark.parametrize('option,value,normalised', [
    ('models', ['fake-2', 'fake'], ['fake', 'fake-2']),
    ('models', [], []),
    ('max_budget', 20.0, 20),
    ('budget_duration', '7d', '7d'),
    ('tpm_limit', 2000, 2000),
    ('rpm_limit', 120, 120),
    ('blocked', True, True),
    ('organization_id', 'org-1', 'org-1'),
])
def test_one_changed_field_is_the_one_field_sent(option, value, normalised):
    check_run, (real, warnings), proxy = check_then_real(proxy_with_research(), team_alias='research',
                                                         **{option: value})
    assert proxy.writes == [('POST', '/team/update', {'team_id': 'team-r', option: value})]
    assert real['changed'] is True and real['msg'] == 'team updated: %s' % option and warnings == []
    assert real['team'][option] == normalised
    assert real['diff']['after'][option] == normalised
    assert real['diff']['before'][option] != normalised
    assert dict(real['diff']['before'], **{option: normalised}) == real['diff']['after']


def test_rename_through_the_team_id():
    check_run, (real, real_warnings), proxy = check_then_real(proxy_with_research(), team_id='team-r', team_alias='science')
    assert proxy.writes == [('POST', '/team/update', {'team_id': 'team-r', 'team_alias': 'science'})]
    assert real['team']['team_alias'] == 'science' and real['team_id'] == 'team-r'
    assert [read[0] for read in proxy.reads] == ['/team/info', '/team/info']  # the look-up, the read-back


def test_proxy_floats_and_reordered_models_are_no_change():
    proxy = FakeLiteLLM(teams=[research(max_budget=10.0, models=['fake-2', 'fake'])])
    result, warnings = run(proxy, team_alias='research', max_budget=10, models=['fake', 'fake-2'], tpm_limit=1000,
                           rpm_limit=60, budget_duration='30d', metadata={'owner': 'ansible'}, blocked=False)
    assert result['changed'] is False and result['msg'] == 'team is as requested'
    assert proxy.writes == [] and warnings == []
    assert result['diff']['before'] == result['diff']['after']
    assert result['team']['team_id'] == 'team-r'


def test_options_left_out_are_not_managed():
    proxy = FakeLiteLLM(teams=[research()])
    result, unused = run(proxy, team_alias='research')
    assert result['changed'] is False and proxy.writes == []
    assert result['team']['max_budget'] == 10.5


def test_metadata_is_merged_and_sent_whole():
    # LiteLLM replaces metadata on update, so the keys the task does not name must be sent back.
    check_run, (real, real_warnings), proxy = check_then_real(proxy_with_research(), team_id='team-r',
                                                              metadata={'env': 'prod', 'tier': 'gold'})
    merged = {'env': 'prod', 'owner': 'ansible', 'tier': 'gold'}
    assert proxy.writes == [('POST', '/team/update', {'team_id': 'team-r', 'metadata': merged})]
    assert real['team']['metadata'] == merged
    assert proxy.teams['team-r']['metadata'] == merged


def test_metadata_already_included_is_no_change():
    proxy = FakeLiteLLM(teams=[research()])
    result, unused = run(proxy, team_id='team-r', metadata={'env': 'test'})
    assert result['changed'] is False and proxy.writes == []


def test_purge_metadata_keeps_only_the_task_keys_and_litellm_own_keys():
    make = proxy_with_research(metadata={'env': 'test', 'owner': 'ansible', 'tags': ['prod'],
                                         'guardrails': ['pii']})
    check_run, (real, real_warnings), proxy = check_then_real(make, team_id='team-r', metadata={'owner': 'platform'},
                                                              purge_metadata=True)
    kept = {'owner': 'platform', 'tags': ['prod'], 'guardrails': ['pii']}
    assert proxy.writes == [('POST', '/team/update', {'team_id': 'team-r', 'metadata': kept})]
    assert real['team']['metadata'] == kept


def test_purge_metadata_without_metadata_empties_it_but_keeps_litellm_keys():
    # The documented behaviour: with purge_metadata and no metadata, the metadata becomes an empty dict.
    make = proxy_with_research(metadata={'env': 'test', 'tags': ['prod']})
    check_run, (real, real_warnings), proxy = check_then_real(make, team_id='team-r', purge_metadata=True)
    assert proxy.writes == [('POST', '/team/update', {'team_id': 'team-r', 'metadata': {'tags': ['prod']}})]
    assert real['team']['metadata'] == {'tags': ['prod']}


def test_unlimited_sends_nulls_for_what_is_set():
    check_run, (real, real_warnings), proxy = check_then_real(proxy_with_research(), team_id='team-r',
                                                              unlimited=['max_budget', 'tpm_limit'])
    assert proxy.writes == [('POST', '/team/update', {'team_id': 'team-r', 'max_budget': None, 'tpm_limit': None})]
    assert real['msg'] == 'team updated: max_budget, tpm_limit'
    assert (real['team']['max_budget'], real['team']['tpm_limit'], real['team']['rpm_limit']) == (None, None, 60)


def test_unlimited_is_no_change_once_cleared():
    proxy = FakeLiteLLM(teams=[research(max_budget=None, budget_duration=None)])
    result, unused = run(proxy, team_id='team-r', unlimited=['max_budget', 'budget_duration'])
    assert result['changed'] is False and proxy.writes == []


def test_the_result_is_the_whole_team_after_the_update():
    proxy = FakeLiteLLM(teams=[research()])
    result, unused = run(proxy, team_id='team-r', rpm_limit=5)
    assert result['team'] == research(rpm_limit=5, blocked=False, organization_id=None)


# Several teams with one alias

# Created a day apart: not the momentary twins of racing runs (see test_teams_made_by_racing_runs_...).
A_DAY_AGO, NOW = '2026-11-25T22:35:10.000000Z', '2026-11-26T22:35:10.000000Z'


def two_research_teams():
    return FakeLiteLLM(teams=[research(team_id='team-a', created_at=A_DAY_AGO),
                              research(team_id='team-b', created_at=NOW)])


@pytest.mark.parametrize('check_mode', [True, False])
@pytest.mark.parametrize('state', ['present', 'absent'])
def test_a_shared_alias_fails_naming_both_ids_and_writes_nothing(state, check_mode):
    proxy = two_research_teams()
    with pytest.raises(LiteLLMError) as caught:
        run(proxy, check_mode=check_mode, team_alias='research', max_budget=1, state=state)
    assert 'team-a' in caught.value.message and 'team-b' in caught.value.message
    assert 'team_id' in caught.value.message
    assert proxy.writes == []


def test_a_shared_alias_is_fine_when_the_team_id_chooses():
    proxy = two_research_teams()
    result, unused = run(proxy, team_id='team-b', team_alias='research', max_budget=1)
    assert proxy.writes == [('POST', '/team/update', {'team_id': 'team-b', 'max_budget': 1})]
    assert result['team_id'] == 'team-b'


# A pinned team id

def stale_research_with_keys():
    return FakeLiteLLM(teams=[research(team_id='uuid-old')],
                       keys=[dict(team_id='uuid-old', key_alias='ci-bot'),
                             dict(team_id='uuid-old', key_name='sk-...Xy12')])


def test_a_pinned_id_replaces_the_team_carrying_the_alias():
    check_run, (real, warnings), proxy = check_then_real(stale_research_with_keys, team_id='research',
                                                         team_alias='research', max_budget=7)
    assert proxy.writes == [
        ('POST', '/team/delete', {'team_ids': ['uuid-old']}),
        # the settings the task leaves out are carried over from the team it replaces
        ('POST', '/team/new', {'team_id': 'research', 'team_alias': 'research', 'max_budget': 7, 'models': ['fake'],
                               'budget_duration': '30d', 'tpm_limit': 1000, 'rpm_limit': 60, 'blocked': False,
                               'metadata': {'env': 'test', 'owner': 'ansible', 'managed_by': 'berriai.litellm'}}),
    ]
    assert real['recreated'] is True and real['msg'] == 'team recreated' and real['recreate_reason'] == 'team_id'
    assert real['deleted_keys'] == ['ci-bot', 'sk-...Xy12']
    assert len(warnings) == 1
    for word in ('uuid-old', "'research'", '2 key(s)', 'ci-bot', 'sk-...Xy12'):
        assert word in warnings[0]
    assert real['team_id'] == 'research' and real['team']['max_budget'] == 7
    assert real['diff']['before']['max_budget'] == 10.5
    assert set(proxy.teams) == {'research'} and proxy.live == {}


def test_a_pinned_id_that_exists_is_updated_not_recreated():
    proxy = FakeLiteLLM(teams=[research(team_id='research'), research(team_id='uuid-other')])
    result, warnings = run(proxy, team_id='research', team_alias='research', max_budget=7)
    assert proxy.writes == [('POST', '/team/update', {'team_id': 'research', 'max_budget': 7})]
    assert result['recreated'] is False and warnings == []


def test_a_pinned_id_with_two_alias_teams_fails_and_writes_nothing():
    proxy = FakeLiteLLM(teams=[research(team_id='uuid-1', created_at=A_DAY_AGO),
                               research(team_id='uuid-2', created_at=NOW)])
    with pytest.raises(LiteLLMError) as caught:
        run(proxy, team_id='research', team_alias='research')
    assert 'uuid-1' in caught.value.message and 'uuid-2' in caught.value.message
    assert 'research' in caught.value.message
    assert proxy.writes == []


def test_a_pinned_id_created_by_a_racing_run_is_updated():
    proxy = FakeLiteLLM()
    # another run creates the pinned id between our look-up and our create
    proxy.on('POST', '/team/new', lambda fake, body: fake.add_team(team_id='research', team_alias='research') and None)
    result, warnings = run(proxy, team_id='research', team_alias='research', max_budget=3)
    assert proxy.writes == [
        ('POST', '/team/new', {'team_id': 'research', 'team_alias': 'research', 'max_budget': 3, 'metadata': {'managed_by': 'berriai.litellm'}}),
        ('POST', '/team/update', {'team_id': 'research', 'max_budget': 3}),
    ]
    assert result['changed'] is True and result['team']['max_budget'] == 3
    assert len(warnings) == 1 and 'another run' in warnings[0]


def test_a_twin_created_by_a_racing_run_is_settled_on_the_oldest():
    proxy = FakeLiteLLM()
    proxy.on('POST', '/team/new', lambda fake, body: fake.add_team(
        team_id='racer', team_alias='research', created_at='2026-11-26T22:35:00.000000Z') and None)
    result, warnings = run(proxy, team_alias='research', max_budget=3)
    assert proxy.writes == [
        ('POST', '/team/new', {'team_alias': 'research', 'max_budget': 3, 'metadata': {'managed_by': 'berriai.litellm'}}),
        ('POST', '/team/delete', {'team_ids': ['uuid-0001']}),
        ('POST', '/team/update', {'team_id': 'racer', 'max_budget': 3}),
    ]
    assert result['team_id'] == 'racer' and set(proxy.teams) == {'racer'}
    assert len(warnings) == 1 and 'uuid-0001' in warnings[0] and 'racer' in warnings[0]


# Delete

def test_delete_warns_with_the_keys_that_go_with_the_team():
    def make():
        return FakeLiteLLM(teams=[research()],
                           keys=[dict(team_id='team-r', key_alias='notebook'), dict(team_id='team-r', key_alias='ci-bot')])

    check_run, (real, warnings), proxy = check_then_real(make, team_alias='research', state='absent')
    assert proxy.writes == [('POST', '/team/delete', {'team_ids': ['team-r']})]
    assert real['changed'] is True and real['msg'] == 'team deleted'
    assert real['team'] == {} and real['team_id'] == 'team-r'
    assert real['deleted_keys'] == ['ci-bot', 'notebook']
    assert len(warnings) == 1
    for word in ("'research'", 'team-r', '2 key(s)', 'ci-bot, notebook'):
        assert word in warnings[0]
    before = research(blocked=False, organization_id=None)
    del before['team_id']
    assert real['diff'] == {'before': before, 'after': {}}
    # found by alias, the list record carries no keys: they are listed with /key/list
    assert ('/key/list', {'team_id': 'team-r', 'return_full_object': 'true', 'page': 1, 'size': 100}) in proxy.reads
    assert proxy.teams == {} and proxy.live == {}


def test_delete_by_id_reads_the_keys_from_team_info():
    def make():
        return FakeLiteLLM(teams=[research()], keys=[dict(team_id='team-r', key_alias='ci-bot')])

    check_run, (real, warnings), proxy = check_then_real(make, team_id='team-r', state='absent')
    assert [read[0] for read in proxy.reads] == ['/team/info']
    assert real['deleted_keys'] == ['ci-bot'] and '1 key(s)' in warnings[0]


def test_delete_of_a_team_without_keys_does_not_warn():
    check_run, (real, warnings), proxy = check_then_real(proxy_with_research(), team_id='team-r', state='absent')
    assert warnings == [] and real['deleted_keys'] == []
    assert proxy.writes == [('POST', '/team/delete', {'team_ids': ['team-r']})]


@pytest.mark.parametrize('check_mode', [True, False])
@pytest.mark.parametrize('lookup', [{'team_alias': 'research'}, {'team_id': 'team-r'},
                                    {'team_id': 'team-r', 'team_alias': 'research'}])
def test_delete_of_an_absent_team_is_ok_and_unchanged(lookup, check_mode):
    proxy = FakeLiteLLM(teams=[research(team_id='other', team_alias='research-old')])
    result, warnings = run(proxy, check_mode=check_mode, state='absent', **lookup)
    assert result['changed'] is False and result['msg'] == 'team is absent'
    assert result['team'] == {} and result['deleted_keys'] == [] and warnings == []
    assert proxy.writes == []
    assert set(proxy.teams) == {'other'}


# Failures

@pytest.mark.parametrize('check_mode', [True, False])
def test_a_refused_credential_fails_without_the_key_and_writes_nothing(check_mode):
    proxy = FakeLiteLLM(teams=[research()], refuse=True)
    result = runner.execute(run_team, params(team_id='team-r', max_budget=1), check_mode=check_mode, client=proxy)
    assert result['failed'] is True and result['changed'] is False and result['status'] == 401
    assert 'refused' in result['msg'] and 'api_key' in result['msg']
    assert ADMIN_KEY not in result['msg']
    assert proxy.writes == []
    assert result['http_requests'] == {'GET': 1}


@pytest.mark.parametrize('options,option', [
    ({'team_alias': 'research', 'max_budget': 5, 'unlimited': ['max_budget']}, 'max_budget'),
    ({'team_alias': 'research', 'tpm_limit': -1}, 'tpm_limit'),
    ({'team_alias': 'research', 'budget_duration': 'monthly'}, 'budget_duration'),
    ({'team_alias': ' '}, 'team_alias'),
])
def test_bad_input_fails_before_any_request(options, option):
    proxy = FakeLiteLLM(teams=[research()])
    with pytest.raises(ParameterError) as caught:
        run(proxy, **options)
    assert option in str(caught.value)
    assert proxy.calls == []


def test_execute_counts_the_requests_of_a_run():
    proxy = FakeLiteLLM(teams=[research()])
    result = runner.execute(run_team, params(team_id='team-r', max_budget=1), client=proxy)
    assert result['http_requests'] == {'GET': 2, 'POST': 1}  # the look-up, the update, the read-back
    assert result['warnings'] == []


# What issue 10 found: racing twins, odd aliases, non-finite numbers

@pytest.mark.parametrize('state', ['present', 'absent'])
def test_teams_made_by_racing_runs_are_settled_on_the_oldest_not_failed(state, monkeypatch):
    # Runs racing to create one alias leave momentary twins: the slower one deletes its copy while we wait.
    proxy = FakeLiteLLM(teams=[research(team_id='team-b', created_at='2026-11-26T22:35:40.000000Z'),
                               research(team_id='team-a', created_at='2026-11-26T22:35:10.000000Z')])
    pauses = []
    monkeypatch.setattr(_team.TeamReconciler, 'pause', staticmethod(
        lambda seconds: pauses.append(seconds) or proxy.teams.pop('team-b', None)))
    result, warnings = run(proxy, team_alias='research', max_budget=1, state=state)
    expected = {'present': ('POST', '/team/update', {'team_id': 'team-a', 'max_budget': 1}),
                'absent': ('POST', '/team/delete', {'team_ids': ['team-a']})}[state]
    assert proxy.writes == [expected] and result['team_id'] == 'team-a'
    assert pauses == [0.5] and warnings == []


def test_teams_that_share_an_alias_for_good_fail_after_the_pauses(monkeypatch):
    proxy = FakeLiteLLM(teams=[research(team_id='team-b'), research(team_id='team-a')])
    pauses = []
    monkeypatch.setattr(_team.TeamReconciler, 'pause', staticmethod(pauses.append))
    with pytest.raises(LiteLLMError) as caught:
        run(proxy, team_alias='research', max_budget=1)
    assert '2 teams have the alias' in caught.value.message and 'team-a, team-b' in caught.value.message
    assert pauses == list(_team.SETTLE_PAUSES) and proxy.writes == []


@pytest.mark.parametrize('alias', ['back\\slash', 'a\\\\b', '\\'])
def test_an_alias_the_proxy_search_cannot_match_is_found_by_a_full_scan(alias):
    proxy = FakeLiteLLM(teams=[research(team_alias=alias), research(team_id='team-2', team_alias='other')])
    result, warnings = run(proxy, team_alias=alias, max_budget=10.5)
    assert result['changed'] is False and result['team_id'] == 'team-r' and proxy.writes == []
    assert proxy.reads == [('/v2/team/list', {'sort_by': 'team_id', 'sort_order': 'asc', 'page': 1,
                                              'page_size': 100})]
    absent, warnings = run(proxy, team_alias=alias, state='absent')
    assert proxy.writes == [('POST', '/team/delete', {'team_ids': ['team-r']})]


@pytest.mark.parametrize('number', [float('nan'), float('inf'), float('-inf')])
def test_a_budget_that_is_not_a_finite_number_is_refused_before_any_request(number):
    proxy = FakeLiteLLM(teams=[research()])
    with pytest.raises(ParameterError) as caught:
        run(proxy, team_alias='research', max_budget=number)
    assert 'max_budget' in str(caught.value) and proxy.calls == []


# -- litellm_team_info --

def test_a_team_alias_with_a_backslash_is_found():
    # The proxy's team_alias search never matches a backslash: the alias is found by reading the whole list.
    client = InfoProxy(teams=[team_row(1, 'dom\\ops'), team_row(2, 'other')], keys=[key_row(1, 'team-0001')])
    teams = run_info(_team.run_team_info, client, team_alias='dom\\ops')['teams']
    assert [t['team_id'] for t in teams] == ['team-0001']


def test_every_team_is_read_over_all_pages_once_each():
    client = InfoProxy(teams=[team_row(n) for n in range(250)])
    result = run_info(_team.run_team_info, client)
    assert [t['team_id'] for t in result['teams']] == ['team-%04d' % n for n in range(250)]
    assert result['http_requests'] == {'GET': 3}
    assert result['changed'] is False
    assert result['msg'] == '250 team(s) in the proxy'
    assert all(params['sort_by'] == 'team_id' for _path, params in client.reads)


def test_a_team_by_alias_is_an_exact_match_with_its_key_count():
    client = InfoProxy(teams=[team_row(1, 'research', max_budget=5.0, models=['b', 'a']),
                              team_row(2, 'research-extra'), team_row(3, 'other')],
                       keys=[key_row(1, 'team-0001'), key_row(2, 'team-0001')])
    result = run_info(_team.run_team_info, client, team_alias='research')
    assert len(result['teams']) == 1
    found = result['teams'][0]
    assert found['team_id'] == 'team-0001'
    assert found['keys_count'] == 2
    assert found['max_budget'] == 5
    assert found['models'] == ['a', 'b']
    assert found['members_count'] == 1


def test_teams_sharing_an_alias_are_all_returned():
    client = InfoProxy(teams=[team_row(1, 'twin'), team_row(2, 'twin')])
    result = run_info(_team.run_team_info, client, team_alias='twin')
    assert [t['team_id'] for t in result['teams']] == ['team-0001', 'team-0002']


def test_a_team_by_id_counts_its_listed_keys():
    client = InfoProxy(teams=[team_row(1, 'research')], keys=[key_row(1, 'team-0001'), key_row(2, 'team-0001'), key_row(3)])
    result = run_info(_team.run_team_info, client, team_id='team-0001')
    assert result['teams'][0]['keys_count'] == 2
    assert result['teams'][0]['team_alias'] == 'research'
    assert client.reads == [('/team/info', {'team_id': 'team-0001'})]


def test_a_missing_team_is_an_empty_result():
    client = InfoProxy()
    assert run_info(_team.run_team_info, client, team_id='nope')['teams'] == []
    assert run_info(_team.run_team_info, client, team_alias='nope')['teams'] == []


def test_a_refused_credential_fails_the_listing():
    result = runner.execute(_team.run_team_info, {}, client=FakeLiteLLM(refuse=True))
    assert result['failed'] is True and result['status'] == 401 and 'refused' in result['msg']


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
    by_alias = runner.execute(_team.run_team_info, {'team_alias': 'counted'}, client=proxy)
    assert [t['keys_count'] for t in by_alias['teams']] == [2]
    every = runner.execute(_team.run_team_info, {}, client=proxy)
    assert sorted(t['keys_count'] for t in every['teams']) == [0, 2]
