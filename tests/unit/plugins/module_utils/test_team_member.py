# -*- coding: utf-8 -*-
# Unit tests of litellm_team_member's logic (module_utils/_team_member.py) on the in-memory proxy of fake_users.py.
# Each test asserts the result, the warnings and the exact writes; check mode sends no write.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.berriai.litellm.plugins.module_utils import _runner as runner
from ansible_collections.berriai.litellm.plugins.module_utils._team_member import run_team_member
from ansible_collections.berriai.litellm.tests.unit.plugins.module_utils.fake_proxy import FakeAnswer
from ansible_collections.berriai.litellm.tests.unit.plugins.module_utils.fake_users import FakeUsers, research_with_ann

BASE = {'state': 'present', 'api_key': 'sk-admin-secret-1234'}


def run(proxy, check_mode=False, **params):
    return runner.execute(run_team_member, dict(BASE, **params), check_mode=check_mode, client=proxy)


@pytest.fixture
def proxy():
    return research_with_ann()


def test_add_an_existing_user_by_id_with_a_budget(proxy):
    result = run(proxy, team_id='t1', user_id='ann', max_budget_in_team=5, budget_duration='30d')
    assert result['changed'] and result['msg'] == 'membership created' and result['warnings'] == []
    assert proxy.writes == [('POST', '/team/member_add', {
        'team_id': 't1', 'member': {'role': 'user', 'user_id': 'ann'}, 'max_budget_in_team': 5,
        'budget_duration': '30d'})]
    again = run(proxy, team_id='t1', user_id='ann', max_budget_in_team=5, budget_duration='30d')
    assert not again['changed'] and again['member']['max_budget_in_team'] == 5
    assert len(proxy.writes) == 1


def test_check_mode_add_writes_nothing(proxy):
    result = run(proxy, check_mode=True, team_alias='research', user_id='ann', tpm_limit=10)
    assert result['changed'] and result['msg'] == 'membership would be created' and proxy.writes == []
    assert result['member']['tpm_limit'] == 10 and result['team_id'] == 't1'


def test_limits_need_an_update_after_the_add(proxy):
    run(proxy, team_id='t1', user_id='ann', tpm_limit=10, rpm_limit=2)
    assert [w[1] for w in proxy.writes] == ['/team/member_add', '/team/member_update']
    assert proxy.writes[1][2] == {'team_id': 't1', 'user_id': 'ann', 'tpm_limit': 10, 'rpm_limit': 2}


def test_adding_a_missing_user_warns_that_it_is_created(proxy):
    check = run(proxy, check_mode=True, team_id='t1', user_email='new@example.com')
    assert 'would create' in check['warnings'][0] and proxy.writes == []
    real = run(proxy, team_id='t1', user_email='new@example.com')
    assert 'created it' in real['warnings'][0]
    assert real['user_id'] == proxy.members('t1')[-1]['user_id']
    again = run(proxy, team_id='t1', user_email='new@example.com')
    assert not again['changed'] and again['warnings'] == []


def test_a_non_member_is_added_never_updated(proxy):
    run(proxy, team_id='t1', user_id='ann', max_budget_in_team=3)
    assert [w[1] for w in proxy.writes] == ['/team/member_add']


def test_update_sends_only_changes(proxy):
    run(proxy, team_id='t1', user_id='ann', max_budget_in_team=3)
    result = run(proxy, team_id='t1', user_id='ann', max_budget_in_team=4, allowed_models=['fake'])
    assert result['msg'] == 'membership updated: allowed_models, max_budget_in_team'
    assert proxy.writes[-1] == ('POST', '/team/member_update', {
        'team_id': 't1', 'user_id': 'ann', 'max_budget_in_team': 4, 'allowed_models': ['fake']})


def test_role_admin_is_refused_naming_the_licence_before_any_write(proxy):
    result = run(proxy, team_id='t1', user_id='ann', role='admin')
    assert result['failed'] and not result['changed'] and proxy.writes == []
    assert 'Enterprise licence' in result['msg'] and 'role admin' in result['msg'] and 'community' in result['msg']
    check = run(proxy, check_mode=True, team_id='t1', user_id='ann', role='admin')
    assert check['failed'] and 'Enterprise licence' in check['msg']
    run(proxy, team_id='t1', user_id='ann')
    update = run(proxy, team_id='t1', user_id='ann', role='admin')
    assert update['failed'] and [w[1] for w in proxy.writes] == ['/team/member_add']


def test_a_proxy_without_the_licence_endpoint_decides_at_the_write(proxy):
    proxy.route('GET', '/health/license', lambda query, path: (answer for answer in ()).throw(FakeAnswer(404)))
    result = run(proxy, team_id='t1', user_id='ann', role='admin')
    assert result['failed'] and not result['changed'] and 'it refused' in result['msg']


def test_duplicate_add_race_converges(proxy):
    handler = [h for (m, p), h in proxy.routes.items() if p.pattern == '^/team/member_add$'][0]

    def racing_add(body, path):
        handler(dict(body, max_budget_in_team=None), path)  # another run adds the member first
        return handler(body, path)

    proxy.route('POST', '/team/member_add', racing_add)
    result = run(proxy, team_id='t1', user_id='ann', max_budget_in_team=2)
    assert result['changed'] and 'another run' in result['warnings'][0]
    assert proxy.writes[-1][1] == '/team/member_update'


def test_delete_warns_with_the_members_keys_in_that_team(proxy):
    run(proxy, team_id='t1', user_id='ann')
    proxy.add_key('ann', 't1', 'ann-t1')
    proxy.add_key('ann', None, 'ann-personal')
    check = run(proxy, check_mode=True, team_id='t1', user_id='ann', state='absent')
    assert check['deleted_keys'] == ['ann-t1'] and '1 key(s) would go' in check['warnings'][0]
    real = run(proxy, team_id='t1', user_id='ann', state='absent')
    assert proxy.writes[-1] == ('POST', '/team/member_delete', {'team_id': 't1', 'user_id': 'ann'})
    assert [k['key_alias'] for k in proxy.keys] == ['ann-personal'] and real['warnings'] == check['warnings'][:0] + [
        check['warnings'][0].replace('would be', 'was').replace('would go', 'went')]
    assert not run(proxy, team_id='t1', user_id='ann', state='absent')['changed']


def test_missing_team_fails_clearly(proxy):
    result = run(proxy, team_id='nope', user_id='ann')
    assert result['failed'] and "no team has team_id 'nope'" in result['msg'] and proxy.writes == []


def test_unlimited_clears_the_members_budget(proxy):
    run(proxy, team_id='t1', user_id='ann', max_budget_in_team=3, tpm_limit=5)
    result = run(proxy, team_id='t1', user_id='ann', unlimited=['max_budget_in_team', 'tpm_limit'])
    assert result['changed'] and proxy.writes[-1] == ('POST', '/team/member_update', {
        'team_id': 't1', 'user_id': 'ann', 'max_budget_in_team': None, 'tpm_limit': None})


def test_a_membership_named_by_email_is_found_ignoring_case(proxy):
    # issue 20 review 3.4: find_member compares e-mails ignoring case, as the proxy and the members option do (here a
    # member whose user row the users API does not show, so only the roster's e-mail can name her)
    proxy.members('t1').append({'user_id': 'ghost', 'user_email': 'Ghost@Example.com', 'role': 'user'})
    result = run(proxy, team_id='t1', user_email='ghost@example.COM', role='user')
    assert not result['changed'] and result['user_id'] == 'ghost' and proxy.writes == []


# -- a loop reads each team once (issue 24) --

def loop_item(proxy, cache, check_mode=False, **params):
    """One item of a loop on the fast path: its own client counts, the loop's shared run cache."""
    proxy.counts = {}
    return runner.execute(run_team_member, dict(BASE, **params), check_mode=check_mode, client=proxy, cache=cache)


def team_reads(proxy):
    return len([c for c in proxy.calls if c[0] == 'GET' and c[1] == '/team/info'])


def test_a_loop_of_no_op_members_reads_the_team_once(proxy):
    proxy.add_user('bob')
    run(proxy, team_id='t1', user_id='ann', max_budget_in_team=5)
    run(proxy, team_id='t1', user_id='bob', max_budget_in_team=5)
    reads, rosters = team_reads(proxy), runner.RunCache()
    results = [loop_item(proxy, rosters, team_id='t1', user_id=user, max_budget_in_team=5) for user in ('ann', 'bob', 'ann')]
    assert [r['changed'] for r in results] == [False, False, False]
    assert team_reads(proxy) - reads == 1


def test_a_write_of_one_item_makes_the_next_read_the_team_again(proxy):
    proxy.add_user('bob')
    rosters = runner.RunCache()
    first = loop_item(proxy, rosters, team_id='t1', user_id='ann', max_budget_in_team=5)
    assert first['changed'] and 't1' not in rosters.rosters  # it wrote: the team's cached roster is gone
    reads = team_reads(proxy)
    again = loop_item(proxy, rosters, team_id='t1', user_id='ann', max_budget_in_team=5)
    assert not again['changed'] and team_reads(proxy) - reads == 1  # read again, and ann is there
    changed = loop_item(proxy, rosters, team_id='t1', user_id='ann', max_budget_in_team=7)
    assert changed['changed'] and changed['msg'] == 'membership updated: max_budget_in_team'
    after = loop_item(proxy, rosters, team_id='t1', user_id='ann', max_budget_in_team=7)
    assert not after['changed']


def test_check_mode_keeps_the_roster_for_the_next_item(proxy):
    rosters = runner.RunCache()
    loop_item(proxy, rosters, check_mode=True, team_id='t1', user_id='ann')
    reads = team_reads(proxy)
    predicted = loop_item(proxy, rosters, check_mode=True, team_id='t1', user_id='ann')
    assert predicted['changed'] and team_reads(proxy) == reads and proxy.writes == []


# -- LiteLLM 1.80: /team/member_update replaces the member's whole budget; budget_duration and allowed_models are
# ignored on add and update (budget_duration lives on the budget row: /budget/update) --

class FakeUsers180(FakeUsers):
    litellm_version = '1.80.17'

    def __init__(self):
        super(FakeUsers180, self).__init__()
        self.budget_rows = 0
        self.route('POST', '/budget/update', self._budget_update)

    def _new_budget(self, team_id, user_id, sent):
        self.budget_rows += 1
        row = dict((c, None) for c in ('max_budget', 'budget_duration', 'tpm_limit', 'rpm_limit'))
        row.update(budget_id='b%d' % self.budget_rows, max_budget=sent.get('max_budget_in_team'),
                   tpm_limit=sent.get('tpm_limit'), rpm_limit=sent.get('rpm_limit'))
        if all(row[c] is None for c in ('max_budget', 'tpm_limit', 'rpm_limit')):
            self.memberships.pop((team_id, user_id), None)  # detached
        else:
            self.memberships[(team_id, user_id)] = row

    def _member_add(self, body, path):
        answer = super(FakeUsers180, self)._member_add(
            dict((k, v) for k, v in body.items() if k in ('team_id', 'member')), path)
        for user in answer['updated_users']:
            self.memberships.pop((body['team_id'], user['user_id']), None)
            if body.get('max_budget_in_team') is not None:
                self._new_budget(body['team_id'], user['user_id'], body)
        return answer

    def _member_update(self, body, path):
        team = self._team(body.get('team_id'))
        self._new_budget(team['team_id'], body['user_id'], body)
        for member in team['members_with_roles']:
            if member['user_id'] == body['user_id'] and body.get('role'):
                member['role'] = body['role']
        return dict(body)

    def _budget_update(self, body, path):
        for row in self.memberships.values():
            if row.get('budget_id') == body['budget_id']:
                row.update((k, v) for k, v in body.items() if k in ('budget_duration',))
                return row
        raise AssertionError('no budget %s' % body['budget_id'])


@pytest.fixture
def proxy180():
    fake = FakeUsers180()
    fake.add_team('t1', 'research')
    fake.add_user('ann', user_email='ann@example.com')
    return fake


def test_180_member_budget_fields_are_sent_together_and_the_duration_set_on_the_budget(proxy180):
    asked = dict(team_id='t1', user_id='ann', max_budget_in_team=25, rpm_limit=5, budget_duration='1mo')
    result = run(proxy180, **asked)
    assert result['changed'] and result['msg'] == 'membership created'
    assert [w[1] for w in proxy180.writes] == ['/team/member_add', '/team/member_update', '/budget/update']
    assert proxy180.writes[0][2] == {'team_id': 't1', 'member': {'role': 'user', 'user_id': 'ann'},
                                     'max_budget_in_team': 25}
    assert proxy180.writes[1][2] == {'team_id': 't1', 'user_id': 'ann', 'max_budget_in_team': 25, 'tpm_limit': None,
                                     'rpm_limit': 5}
    assert proxy180.writes[2][2]['budget_id'] == 'b2' and proxy180.writes[2][2]['budget_duration'] == '1mo'
    member = result['member']
    assert (member['max_budget_in_team'], member['rpm_limit'], member['budget_duration']) == (25, 5, '1mo')
    for _run in range(2):
        again = run(proxy180, **asked)
        assert not again['changed'] and len(proxy180.writes) == 3
        assert again['member']['max_budget_in_team'] == 25 and again['member']['budget_duration'] == '1mo'


def test_180_one_limit_changed_keeps_the_rest_of_the_budget(proxy180):
    run(proxy180, team_id='t1', user_id='ann', max_budget_in_team=25, budget_duration='1mo')
    del proxy180.calls[:]
    result = run(proxy180, team_id='t1', user_id='ann', rpm_limit=7)
    assert result['changed'] and [w[1] for w in proxy180.writes] == ['/team/member_update', '/budget/update']
    assert proxy180.writes[0][2] == {'team_id': 't1', 'user_id': 'ann', 'max_budget_in_team': 25, 'tpm_limit': None,
                                     'rpm_limit': 7}
    stored = proxy180.memberships[('t1', 'ann')]
    assert (stored['max_budget'], stored['rpm_limit'], stored['budget_duration']) == (25, 7, '1mo')
    assert result['member']['budget_duration'] == '1mo' and result['member']['max_budget_in_team'] == 25


def test_180_a_duration_alone_is_set_on_the_budget_row(proxy180):
    run(proxy180, team_id='t1', user_id='ann', max_budget_in_team=25)
    del proxy180.calls[:]
    result = run(proxy180, team_id='t1', user_id='ann', budget_duration='30d')
    assert result['changed'] and [w[1] for w in proxy180.writes] == ['/budget/update']
    unlimited = run(proxy180, team_id='t1', user_id='ann', unlimited=['budget_duration'])
    assert unlimited['changed'] and proxy180.writes[-1][2]['budget_duration'] is None
    assert proxy180.memberships[('t1', 'ann')]['budget_duration'] is None
    assert proxy180.memberships[('t1', 'ann')]['max_budget'] == 25


@pytest.mark.parametrize('check_mode', [True, False])
def test_180_refuses_what_it_cannot_keep_before_any_write(proxy180, check_mode):
    models = run(proxy180, check_mode=check_mode, team_id='t1', user_id='ann', allowed_models=['gpt-4o'])
    assert models['failed'] and 'allowed_models' in models['msg'] and 'LiteLLM 1.80.17' in models['msg']
    duration = run(proxy180, check_mode=check_mode, team_id='t1', user_id='ann', budget_duration='1mo')
    assert duration['failed'] and 'budget_duration' in duration['msg'] and 'LiteLLM 1.80.17' in duration['msg']
    assert proxy180.writes == [] and not models['changed'] and not duration['changed']
