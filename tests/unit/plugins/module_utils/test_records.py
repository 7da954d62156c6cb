# -*- coding: utf-8 -*-
# Unit tests of module_utils/_records.py: where the reconcilers' records come from. The contract test runs the
# same cases through both sources of key records, live reads (KeyRecords, litellm_key) and the bulk module's
# snapshot (KeySnapshot, litellm_keys): they must agree, or the two modules disagree on the same proxy.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.berriai.litellm.plugins.module_utils import _records as records
from ansible_collections.berriai.litellm.plugins.module_utils import _runner as runner
from ansible_collections.berriai.litellm.plugins.module_utils._api import LiteLLMError
from ansible_collections.berriai.litellm.plugins.module_utils._bulk import run_keys
from ansible_collections.berriai.litellm.plugins.module_utils._key import run_key
from ansible_collections.berriai.litellm.plugins.module_utils._team import run_team
from ansible_collections.berriai.litellm.plugins.module_utils._user import run_user
from ansible_collections.berriai.litellm.plugins.modules.litellm_key import ARGUMENT_SPEC as KEY_SPEC
from ansible_collections.berriai.litellm.plugins.modules.litellm_team import ARGUMENT_SPEC as TEAM_SPEC
from ansible_collections.berriai.litellm.plugins.modules.litellm_user import ARGUMENT_SPEC as USER_SPEC
from ansible_collections.berriai.litellm.tests.unit.plugins.module_utils.fake_litellm import FakeLiteLLM, task_params
from ansible_collections.berriai.litellm.tests.unit.plugins.module_utils.fake_users import FakeUsers
from ansible_collections.berriai.litellm.tests.unit.plugins.module_utils.test_bulk import item
from ansible_collections.berriai.litellm.tests.unit.plugins.module_utils.test_key import ADMIN_KEY, params

SOURCES = {'live': records.KeyRecords, 'snapshot': records.KeySnapshot}


def proxy_with_history():
    """Keys: 'ci' live in t1; 'old' deleted with t1 and again with t2 (two archived keys); 'free' deleted without a
    team; 'twin' live twice (racing runs)."""
    fake = FakeLiteLLM(teams=[{'team_id': 't1'}, {'team_id': 't2'}, {'team_id': 't3'}])
    fake.add_key('sk-live-ci-000001', key_alias='ci', team_id='t1')
    fake.archive_key(fake.add_key('sk-old-in-t1-0001', key_alias='old', team_id='t1'))
    fake.archive_key(fake.add_key('sk-old-in-t2-0001', key_alias='old', team_id='t2'))
    fake.archive_key(fake.add_key('sk-free-key-00001', key_alias='free'))
    fake.add_key('sk-twin-one-00001', key_alias='twin')
    fake.add_key('sk-twin-two-00001', key_alias='twin')
    return fake


def tokens(keys):
    return sorted(k['token'] for k in keys)


@pytest.mark.parametrize('alias,team_id,teams', [
    ('old', None, ['t1', 't2']),    # no team asked: every archived key with the alias
    ('old', 't1', ['t1']),          # a team asked: only the key deleted with that team
    ('old', 't2', ['t2']),
    ('old', 't3', []),              # a key deleted with ANOTHER team is not this one's archive
    ('free', None, [None]),
    ('free', 't1', []),
    ('ci', 't1', []),               # live keys are not in the archive
    ('none', None, []),
])
def test_both_sources_find_the_same_deleted_keys(alias, team_id, teams):
    fake = proxy_with_history()
    found = dict((name, source(fake).deleted_with_alias(alias, team_id)) for name, source in SOURCES.items())
    assert tokens(found['live']) == tokens(found['snapshot'])
    assert sorted(k.get('team_id') or '' for k in found['live']) == sorted(t or '' for t in teams)


@pytest.mark.parametrize('alias', ['ci', 'twin', 'old', 'none'])
def test_both_sources_find_the_same_live_keys(alias):
    fake = proxy_with_history()
    live, snapshot = records.KeyRecords(fake), records.KeySnapshot(fake)
    assert tokens(live.with_alias(alias)) == tokens(snapshot.with_alias(alias))
    for key in live.with_alias(alias):
        assert live.get(key['token'])[0]['token'] == snapshot.get(key['token'])[0]['token']


@pytest.mark.parametrize('team_id', ['t1', 't2', 't3'])
def test_litellm_key_and_litellm_keys_agree_on_a_key_deleted_with_another_team(team_id):
    # issue 20 review 3.2: a key deleted with t1 (and one with t2), asked for again in `team_id`
    results = []
    for logic, task in ((run_key, params(key_alias='old', team_id=team_id)),
                        (run_keys, {'keys': [item(key_alias='old', team_id=team_id)], 'concurrency': 1,
                                    'api_base': 'http://proxy.test:4000', 'api_key': ADMIN_KEY})):
        result = runner.execute(logic, task, check_mode=True, client=proxy_with_history())
        results.append(result if logic is run_key else result['key_results'][0])
    single, bulk = results
    assert (single['outcome'], single['recreate_reason']) == (bulk['outcome'], bulk['recreate_reason'])
    assert single['outcome'] == ('created' if team_id == 't3' else 'recreated')


def test_a_team_alias_resolves_once_per_run_and_a_missing_one_is_a_typed_error():
    fake = FakeLiteLLM(teams=[{'team_id': 't1', 'team_alias': 'one'}])
    ctx = runner.Context(fake)
    assert records.team_id_for_alias(ctx, 'one') == 't1' == records.team_id_for_alias(ctx, 'one')
    assert [path for path, _query in fake.reads].count('/v2/team/list') == 1
    with pytest.raises(records.TeamNotFound, match="no team has the alias 'two'") as raised:
        records.team_id_for_alias(ctx, 'two')
    assert isinstance(raised.value, LiteLLMError)


def test_several_teams_with_one_alias_fail_naming_their_ids():
    with pytest.raises(LiteLLMError, match=r"2 teams have the alias 'x' \(ids: a, b\)"):
        records.one_team([{'team_id': 'b'}, {'team_id': 'a'}], 'x')
    assert records.one_team([], 'x') is None


def test_describe_keys_names_at_most_twenty():
    assert records.describe_keys([]) == 'it held no keys'
    text = records.describe_keys(['k%02d' % n for n in range(25)], check_mode=True)
    assert text.startswith('its 25 key(s) would go with it: k00, k01') and 'and 5 more (see deleted_keys)' in text


# -- a loop's items read the kind's list once (Listing) --

def loop(proxy, logic, spec, items, check_mode=False):
    """The items of one loop on the fast path: each its own run, the loop's shared run cache. Returns the results
    and the GET paths each item sent."""
    cache, results, reads = runner.RunCache(), [], []
    for options in items:
        before = len(proxy.calls)
        proxy.counts = {}  # each item has its own client on the fast path
        results.append(runner.execute(logic, task_params(spec, **options), check_mode=check_mode, client=proxy,
                                      cache=cache))
        reads.append([call[1] for call in proxy.calls[before:] if call[0] == 'GET'])
    return results, reads


def one_by_one(proxy, logic, spec, items, check_mode=False):
    """The same items as separate tasks (a run cache each): what every loop item must also answer."""
    return [runner.execute(logic, task_params(spec, **options), check_mode=check_mode, client=proxy)
            for options in items]


def comparable(result):
    return dict((name, value) for name, value in result.items() if name != 'http_requests')


def teams_proxy(count=3):
    return FakeLiteLLM(teams=[{'team_id': 't%d' % n, 'team_alias': 'team %d' % n, 'max_budget': 10.0}
                              for n in range(count)])


def test_a_team_loop_reads_one_team_then_the_list_once_and_answers_as_single_tasks_do():
    items = [dict(team_id='t%d' % n, team_alias='team %d' % n, max_budget=10.0) for n in range(3)]
    proxy = teams_proxy()
    results, reads = loop(proxy, run_team, TEAM_SPEC, items)
    assert reads == [['/team/info'], ['/v2/team/list'], []]
    single = one_by_one(teams_proxy(), run_team, TEAM_SPEC, items)
    assert [comparable(r) for r in results] == [comparable(r) for r in single]
    assert [r['changed'] for r in results] == [False, False, False]


def test_a_write_in_a_loop_is_read_back_from_the_proxy_not_the_list():
    items = [dict(team_id='t%d' % n, max_budget=20.0 if n == 2 else 10.0) for n in range(3)]
    proxy = teams_proxy()
    results, reads = loop(proxy, run_team, TEAM_SPEC, items)
    assert reads == [['/team/info'], ['/v2/team/list'], ['/team/info']]  # the third item's read-back
    assert [r['changed'] for r in results] == [False, False, True] and results[2]['team']['max_budget'] == 20.0
    assert proxy.writes == [('POST', '/team/update', {'team_id': 't2', 'max_budget': 20.0})]


def test_an_object_named_twice_in_a_loop_is_read_from_the_proxy_the_second_time():
    proxy = teams_proxy()
    items = [dict(team_id='t0', max_budget=10.0), dict(team_id='t1', max_budget=30.0),
             dict(team_id='t1', max_budget=30.0)]
    results, reads = loop(proxy, run_team, TEAM_SPEC, items)
    assert reads == [['/team/info'], ['/v2/team/list', '/team/info'], ['/team/info']]
    assert [r['changed'] for r in results] == [False, True, False]  # the second t1 sees the first one's write


def test_a_missing_object_in_the_list_is_created_and_read_back():
    proxy = teams_proxy(2)
    items = [dict(team_id='t0'), dict(team_id='t1'), dict(team_id='new', team_alias='new one')]
    results, reads = loop(proxy, run_team, TEAM_SPEC, items)
    # the look for a team with its alias under another id is answered from the list too; then the read-back
    assert results[2]['outcome'] == 'created' and reads[2] == ['/team/info']
    assert [w[1] for w in proxy.writes] == ['/team/new']


def test_check_mode_loops_predict_as_single_tasks_do_and_write_nothing():
    items = [dict(team_id='t%d' % n, max_budget=15.0) for n in range(3)] + [dict(team_id='t9', team_alias='nine')]
    proxy = teams_proxy()
    results, reads = loop(proxy, run_team, TEAM_SPEC, items, check_mode=True)
    assert proxy.writes == [] and reads == [['/team/info'], ['/v2/team/list'], [], []]
    expected = one_by_one(teams_proxy(), run_team, TEAM_SPEC, items, check_mode=True)
    assert [comparable(r) for r in results] == [comparable(r) for r in expected]


def test_the_list_is_read_only_when_it_takes_no_more_pages_than_the_items_asked():
    proxy = teams_proxy(250)  # 3 pages of 100
    items = [dict(team_id='t%d' % n, max_budget=10.0) for n in range(6)]
    results, reads = loop(proxy, run_team, TEAM_SPEC, items)
    # the first page tells there are 3; items 2 and 3 read alone; the 4th reads all 3 pages; then none
    assert reads == [['/team/info'], ['/v2/team/list', '/team/info'], ['/team/info'],
                     ['/v2/team/list'] * 3, [], []]
    assert not any(r['changed'] for r in results)


def test_a_team_with_settings_the_list_does_not_show_is_read_from_team_info():
    proxy = teams_proxy()
    proxy.teams['t2']['metadata'] = {'team_member_budget_id': 'b1'}
    items = [dict(team_id='t%d' % n) for n in range(3)]
    results, reads = loop(proxy, run_team, TEAM_SPEC, items)
    assert reads == [['/team/info'], ['/v2/team/list'], ['/team/info']]


def test_tasks_the_list_cannot_answer_read_each_team():
    items = [dict(team_id='t%d' % n, team_member_budget=5.0) for n in range(3)]
    proxy = teams_proxy()
    reads = loop(proxy, run_team, TEAM_SPEC, items, check_mode=True)[1]
    assert all('/v2/team/list' not in r for r in reads)


def test_one_task_never_reads_a_list():
    proxy = teams_proxy()
    result = runner.execute(run_team, task_params(TEAM_SPEC, team_id='t1', max_budget=11.0), client=proxy)
    assert result['changed'] and [c[1] for c in proxy.calls if c[0] == 'GET'] == ['/team/info', '/team/info']


def test_a_key_loop_reads_the_key_list_once():
    proxy = proxy_with_history()
    proxy.add_key('sk-live-ci-000002', key_alias='cd', team_id='t1')
    proxy.add_key('sk-live-ci-000003', key_alias='ce', team_id='t1')
    items = [dict(key_alias=alias, team_id='t1') for alias in ('ci', 'cd', 'ce')]
    results, reads = loop(proxy, run_key, KEY_SPEC, items)
    assert reads == [['/key/list'], ['/key/list'], []] and not any(r['changed'] for r in results)
    single = one_by_one(proxy, run_key, KEY_SPEC, items)
    assert [comparable(r) for r in results] == [comparable(r) for r in single]


def test_a_user_loop_reads_the_user_list_once_and_answers_as_single_tasks_do():
    def users():
        proxy = FakeUsers()
        for n in range(4):
            proxy.add_user('u%d' % n, user_email='u%d@example.com' % n, max_budget=5.0)
        return proxy
    items = [dict(user_id='u%d' % n, user_alias='user %d' % n if n == 3 else None, max_budget=5.0) for n in range(4)]
    proxy = users()
    results, reads = loop(proxy, run_user, USER_SPEC, items)
    assert reads == [['/user/info'], ['/user/list'], [], ['/user/info']]  # the last one wrote: its read-back
    assert [r['changed'] for r in results] == [False, False, False, True]
    assert [comparable(r) for r in results] == [comparable(r) for r in one_by_one(users(), run_user, USER_SPEC, items)]


@pytest.mark.parametrize('by', ['user_id', 'user_email'])
def test_users_deleted_in_a_loop_name_the_keys_that_go_though_the_list_shows_none(by):
    proxy = FakeUsers()
    for name in ('ann', 'bob', 'cid'):
        proxy.add_user(name, user_email=name + '@example.com')
        proxy.add_key(name, None, name + '-laptop')
    items = [{by: name if by == 'user_id' else name + '@example.com', 'state': 'absent'} for name in ('ann', 'bob', 'cid')]
    results, reads = loop(proxy, run_user, USER_SPEC, items)
    assert [r['deleted_keys'] for r in results] == [['ann-laptop'], ['bob-laptop'], ['cid-laptop']]
    assert ['/user/list'] in [r[:1] for r in reads[1:]]  # the list was read (and still each user's keys)


def test_a_user_loop_creating_users_checks_their_emails_in_the_list():
    proxy = FakeUsers()
    proxy.add_user('taken', user_email='dup@example.com')
    items = [dict(user_id='u%d' % n, user_email='u%d@example.com' % n) for n in range(3)]
    items.append(dict(user_id='u9', user_email='DUP@example.com'))
    results, reads = loop(proxy, run_user, USER_SPEC, items)
    assert [r['outcome'] for r in results[:3]] == ['created'] * 3
    assert reads[2] == ['/user/info']  # not in the list, e-mail free in the list: created, then read back
    assert results[3]['failed'] and "belongs to the user 'taken'" in results[3]['msg']
    assert [w[1] for w in proxy.writes] == ['/user/new'] * 3
