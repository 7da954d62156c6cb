# -*- coding: utf-8 -*-
# Unit tests of litellm_team's members and purge_members (module_utils/_team_members.py), through litellm_team on
# the in-memory proxy of fake_users.py: results, warnings and the exact writes; check mode sends no write. The
# team hands over what it settled on as a value (Handover), and gets the member changes back (with_members).

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.berriai.litellm.plugins.module_utils import _runner as runner
from ansible_collections.berriai.litellm.plugins.module_utils import _team_members as team_members
from ansible_collections.berriai.litellm.plugins.module_utils._reconciler import UNCHANGED, UPDATED
from ansible_collections.berriai.litellm.plugins.module_utils._team import run_team as logic_of_team
from ansible_collections.berriai.litellm.tests.unit.plugins.module_utils.fake_users import research_with_ann


@pytest.fixture
def proxy():
    return research_with_ann()


def run_team(proxy, check_mode=False, **params):
    defaults = {'state': 'present', 'purge_metadata': False, 'purge_members': False, 'api_key': 'sk-admin-secret-1234'}
    return runner.execute(logic_of_team, dict(defaults, **params), check_mode=check_mode, client=proxy)


def listed(*entries):
    return [dict({'user_id': None, 'user_email': None, 'role': 'user'}, **e) for e in entries]


def test_members_are_added_in_one_request_and_then_left_alone(proxy):
    members = listed({'user_id': 'ann'}, {'user_email': 'new@example.com'})
    check = run_team(proxy, check_mode=True, team_id='t1', members=members)
    assert check['changed'] and check['msg'] == 'team would be updated: members' and proxy.writes == []
    assert check['members_added'] == ['ann', 'new@example.com']
    assert '1 user(s) did not exist' in check['warnings'][0] and 'new@example.com' in check['warnings'][0]
    real = run_team(proxy, team_id='t1', members=members)
    assert proxy.writes == [('POST', '/team/member_add', {'team_id': 't1', 'member': [
        {'user_id': 'ann', 'user_email': 'ann@example.com', 'role': 'user'},
        {'user_email': 'new@example.com', 'role': 'user'}]})]
    assert [m['user_id'] for m in real['members']] == ['ann', 'default_user_id', 'uuid-0001']
    reads = len(proxy.reads)
    again = run_team(proxy, team_id='t1', members=members)
    assert not again['changed'] and again['members'] == real['members'] and len(proxy.writes) == 1
    assert [path for path, _q in proxy.reads[reads:]] == ['/team/info']  # the team read serves its members too


def test_purge_members_keeps_the_creator_and_warns_with_the_keys(proxy):
    run_team(proxy, team_id='t1', members=listed({'user_id': 'ann'}, {'user_email': 'bob@example.com'}))
    bob = [m['user_id'] for m in proxy.members('t1') if m['user_email'] == 'bob@example.com'][0]
    proxy.add_key(bob, 't1', 'bob-t1')
    check = run_team(proxy, check_mode=True, team_id='t1', members=listed({'user_id': 'ann'}), purge_members=True)
    writes = len(proxy.writes)
    assert check['members_removed'] == [bob] and check['deleted_keys'] == ['bob-t1']
    assert '%s (bob@example.com)' % bob in check['warnings'][0]
    assert '1 key(s) of theirs in the team would go' in check['warnings'][0]
    real = run_team(proxy, team_id='t1', members=listed({'user_id': 'ann'}), purge_members=True)
    assert proxy.writes[writes:] == [('POST', '/team/member_delete', {'team_id': 't1', 'user_id': bob})]
    assert [m['user_id'] for m in proxy.members('t1')] == ['default_user_id', 'ann']
    assert real['members'] == check['members'] and proxy.keys == []
    assert not run_team(proxy, team_id='t1', members=listed({'user_id': 'ann'}), purge_members=True)['changed']


def test_an_admin_role_in_members_is_refused_naming_the_licence(proxy):
    run_team(proxy, team_id='t1', members=listed({'user_id': 'ann'}))
    writes = len(proxy.writes)
    result = run_team(proxy, team_id='t1', team_alias='renamed', members=listed({'user_id': 'ann', 'role': 'admin'}))
    assert result['failed'] and 'Enterprise licence' in result['msg']
    assert len(proxy.writes) == writes  # not even the team's own rename


def test_a_member_listed_twice_is_bad_input(proxy):
    result = run_team(proxy, team_id='t1', members=listed({'user_id': 'ann'}, {'user_id': 'ann', 'role': 'admin'}))
    assert result['failed'] and 'members[1]' in result['msg'] and proxy.calls == []


def test_many_new_members_are_added_ten_per_request(proxy):
    members = listed(*[{'user_id': 'u%02d' % n} for n in range(25)])
    result = run_team(proxy, team_id='t1', members=members)
    adds = [body for method, path, body in proxy.writes if path == '/team/member_add']
    assert [len(body['member']) for body in adds] == [10, 10, 5]
    assert len(result['members']) == 26 and not run_team(proxy, team_id='t1', members=members)['changed']


def test_purge_keeps_the_entry_of_a_virtual_key_admin_that_created_the_team(proxy):
    proxy.caller = 'ops-admin'
    proxy.members('t1').append({'user_id': 'ops-admin', 'user_email': None, 'role': 'admin'})
    run_team(proxy, team_id='t1', members=listed({'user_id': 'ann'}, {'user_id': 'bob'}))
    result = run_team(proxy, team_id='t1', members=listed({'user_id': 'ann'}), purge_members=True)
    assert result['members_removed'] == ['bob']
    assert [m['user_id'] for m in proxy.members('t1')] == ['default_user_id', 'ops-admin', 'ann']


def test_check_mode_predicts_the_ids_and_emails_the_real_run_reads_back(proxy):
    # issue 20 item 1.1: an existing user listed by e-mail is predicted with her id, one listed by id with her
    # e-mail, sorted as the real run's re-read
    proxy.add_user('bob', user_email='Bob@Example.com')
    members = listed({'user_email': 'BOB@example.com'}, {'user_id': 'ann'}, {'user_email': 'new@example.com'})
    check = run_team(proxy, check_mode=True, team_id='t1', members=members)
    real = run_team(proxy, team_id='t1', members=members)
    assert [(m['user_id'], m['user_email']) for m in check['members']] == [
        (None, 'new@example.com'), ('ann', 'ann@example.com'), ('bob', 'Bob@Example.com'), ('default_user_id', None)]
    known = [m for m in real['members'] if m['user_email'] != 'new@example.com']
    assert [m for m in check['members'] if m['user_id']] == known
    assert check['diff']['before'] == real['diff']['before']
    assert check['members_added'] == real['members_added'] == ['BOB@example.com', 'ann', 'new@example.com']
    assert check['warnings'] == [w.replace('created', 'would create') for w in real['warnings']]


@pytest.mark.parametrize('legacy', [False, True], ids=['1.108', '1.80'])
def test_a_member_added_by_id_and_listed_by_email_is_kept_by_purge(proxy, legacy):
    # issue 18 item 2: on 1.80 the roster shows no e-mail for a member added by id; the e-mail is resolved through
    # the users API, so she is neither added again nor purged (with her keys)
    proxy.legacy = legacy
    proxy.add_user('bob', user_email='bob@example.com')
    run_team(proxy, team_id='t1', members=listed({'user_id': 'ann'}, {'user_id': 'bob'}))
    proxy.add_key('ann', 't1', 'ann-t1')
    writes = len(proxy.writes)
    members = listed({'user_email': 'Ann@Example.com'})
    check = run_team(proxy, check_mode=True, team_id='t1', members=members, purge_members=True)
    real = run_team(proxy, team_id='t1', members=members, purge_members=True)
    assert real['members_removed'] == check['members_removed'] == ['bob'] and real['members_added'] == []
    assert proxy.writes[writes:] == [('POST', '/team/member_delete', {'team_id': 't1', 'user_id': 'bob'})]
    assert [m['user_id'] for m in proxy.members('t1')] == ['default_user_id', 'ann']
    assert [k['key_alias'] for k in proxy.keys] == ['ann-t1']
    assert check['members'] == real['members'] == [
        {'user_id': 'ann', 'user_email': 'ann@example.com', 'role': 'user'},
        {'user_id': 'default_user_id', 'user_email': None, 'role': 'admin'}]
    assert check['diff'] == real['diff']
    assert real['warnings'] == [w.replace('would be removed', 'were removed') for w in check['warnings']]
    again = run_team(proxy, team_id='t1', members=members, purge_members=True)
    assert not again['changed'] and again['members'] == real['members']


def test_one_user_listed_by_id_and_by_email_is_bad_input(proxy):
    result = run_team(proxy, team_id='t1', members=listed({'user_id': 'ann'}, {'user_email': 'ANN@example.com'}))
    assert result['failed'] and 'members[0] and members[1] name the same user' in result['msg']
    assert proxy.writes == []


def handover(outcome=UNCHANGED, deleted_keys=()):
    return team_members.Handover(outcome, {}, {}, 't1', 'research', list(deleted_keys), 'team updated: members')


def changes(**done):
    found = {'before': [], 'after': [{'user_id': 'ann', 'user_email': None, 'role': 'user'}], 'added': [],
             'updated': [], 'removed': [], 'deleted_keys': ['k1']}
    found.update(done)
    return found


@pytest.mark.parametrize('outcome, added, expected_outcome, msg', [
    (UNCHANGED, [], UNCHANGED, 'team is as requested'),
    (UNCHANGED, ['ann'], UPDATED, 'team updated: members'),
    (UPDATED, ['ann'], UPDATED, 'team updated: max_budget, members'),
])
def test_the_member_changes_come_back_into_the_teams_result(outcome, added, expected_outcome, msg):
    result = {'changed': outcome != UNCHANGED, 'outcome': outcome, 'deleted_keys': [],
              'msg': 'team is as requested' if outcome == UNCHANGED else 'team updated: max_budget',
              'diff': {'before': {'team_alias': 'research'}, 'after': {'team_alias': 'research'}}}
    merged = team_members.with_members(result, handover(outcome), changes(added=added))
    assert merged['outcome'] == expected_outcome and merged['msg'] == msg and merged['changed'] == bool(added or outcome != UNCHANGED)
    assert merged['members_added'] == added and merged['deleted_keys'] == ['k1']
    assert merged['diff']['after']['members'] == changes()['after'] and merged['diff']['before']['members'] == []
    assert 'members' not in result['diff']['after'] and 'members' not in result  # the team's own result is left as it was


def test_the_team_result_carries_the_handover_but_the_module_returns_a_plain_result(proxy):
    result = run_team(proxy, team_id='t1', members=listed({'user_id': 'ann'}))
    assert not isinstance(result, team_members.TeamResult) and 'handover' not in result and result['members_added'] == ['ann']
