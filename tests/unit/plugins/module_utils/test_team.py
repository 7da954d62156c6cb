# -*- coding: utf-8 -*-
# Unit tests of litellm_team's logic (module_utils/team.py) with the HTTP client faked by an in-memory proxy.
# The fake answers in the shapes the real LiteLLM 1.108.7 uses (../shared/litellm-proxy/API-TRANSCRIPT.md):
# /team/info wraps the team in team_info next to its keys, /v2/team/list matches the alias as a substring,
# /team/update answers {team_id, data}, metadata is replaced on update, deleting a team deletes its keys.
# Each test asserts the result, the warnings and the exact write requests; check mode must send no write.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy
import itertools

import pytest

from ansible_collections.berriai.litellm.plugins.module_utils import runner
from ansible_collections.berriai.litellm.plugins.module_utils.api import (
    CredentialError, LiteLLMError, ParameterError)
from ansible_collections.berriai.litellm.plugins.module_utils.team import TEAM_ARGSPEC, run_team

ADMIN_KEY = 'sk-admin-secret-1234'

# The columns of a team row as /team/new, /team/update (data) and /team/info (team_info) return them (trimmed).
TEAM_DEFAULTS = {
    'organization_id': None, 'admins': [], 'members': [],
    'members_with_roles': [{'user_id': 'default_user_id', 'user_email': None, 'role': 'admin'}],
    'metadata': {}, 'tpm_limit': None, 'rpm_limit': None, 'tpd_limit': None, 'max_budget': None,
    'soft_budget': None, 'budget_duration': None, 'models': [], 'blocked': False, 'spend': 0.0,
    'max_parallel_requests': None, 'budget_reset_at': None,
}
TEAM_COLUMNS = ('team_alias', 'models', 'max_budget', 'budget_duration', 'tpm_limit', 'rpm_limit', 'metadata',
                'blocked', 'organization_id')


class FakeProxy(object):
    """Stands in for api.LiteLLMClient: get/post/paged over an in-memory proxy, recording every call."""

    def __init__(self, teams=(), keys=(), refuse=False):
        self.teams = {}
        self.keys = []
        self.calls = []
        self.counts = {}
        self.refuse = refuse
        self._ids = ('uuid-%04d' % n for n in itertools.count(1))
        self._clock = ('2026-11-26T22:35:%02d.000000Z' % n for n in itertools.count(10))
        for team in teams:
            self.add_team(**team)
        for key in keys:
            self.add_key(**key)

    # Setting up what the proxy holds (no call is recorded).

    def add_team(self, **fields):
        row = copy.deepcopy(TEAM_DEFAULTS)
        row.update(fields)
        if 'team_id' not in row:
            row['team_id'] = next(self._ids)
        if 'created_at' not in row:
            row['created_at'] = next(self._clock)
        row.setdefault('team_alias', None)
        row['updated_at'] = row['created_at']
        self.teams[row['team_id']] = row
        return row

    def add_key(self, team_id, key_alias=None, key_name=None):
        token = '%064x' % (len(self.keys) + 1)
        self.keys.append({'token': token, 'key_name': key_name or 'sk-...%04d' % (len(self.keys) + 1),
                          'key_alias': key_alias, 'team_id': team_id, 'models': [], 'metadata': {},
                          'blocked': None})

    # What a test asserts on.

    @property
    def writes(self):
        return [(method, path, body) for method, path, body in self.calls if method != 'GET']

    @property
    def reads(self):
        return [(path, query) for method, path, query in self.calls if method == 'GET']

    # The client's interface.

    def _count(self, method):
        self.counts[method] = self.counts.get(method, 0) + 1

    def _refused(self, method, path):
        raise CredentialError('the proxy refused the request %s http://proxy.test:4000%s (HTTP 401): Authentication '
                              'Error, Invalid API key provided. Check that api_key is a LiteLLM admin credential'
                              % (method, path), status=401, method=method, path=path)

    def get(self, path, params=None, missing_ok=False):
        params = dict(params or {})
        self.calls.append(('GET', path, params))
        self._count('GET')
        if self.refuse:
            self._refused('GET', path)
        if path == '/team/info':
            team = self.teams.get(params.get('team_id'))
            if team is None:
                return self._missing('GET', path, "{'message': 'Team not found, passed team id: %s.'}"
                                     % params.get('team_id'), missing_ok)
            return {'team_id': team['team_id'], 'team_info': copy.deepcopy(team),
                    'keys': copy.deepcopy(self._keys_of(team['team_id'])),
                    'team_memberships': [{'user_id': 'default_user_id', 'team_id': team['team_id']}]}
        if path == '/v2/team/list':
            teams = [dict(copy.deepcopy(t), members_count=1, keys_count=len(self._keys_of(t['team_id'])))
                     for t in sorted(self.teams.values(), key=lambda t: t['created_at'], reverse=True)
                     if params.get('team_alias', '') in (t.get('team_alias') or '')]
            return self._page(teams, 'teams', params.get('page', 1), params.get('page_size', 10),
                              total_key='total', page_key='page', size_key='page_size')
        if path == '/key/list':
            keys = [k for k in self.keys if 'team_id' not in params or k['team_id'] == params['team_id']]
            if params.get('return_full_object') != 'true':
                keys = [k['token'] for k in keys]
            return self._page(copy.deepcopy(keys), 'keys', params.get('page', 1), params.get('size', 10),
                              total_key='total_count', page_key='current_page')
        raise AssertionError('the fake proxy has no GET %s' % path)

    def post(self, path, body, missing_ok=False):
        body = copy.deepcopy(body)
        self.calls.append(('POST', path, body))
        self._count('POST')
        if self.refuse:
            self._refused('POST', path)
        if path == '/team/new':
            if body.get('team_id') in self.teams:
                raise LiteLLMError('the proxy rejected POST http://proxy.test:4000/team/new (HTTP 400): '
                                   "{'error': 'Team id = %s already exists. Please use a different team id.'}"
                                   % body['team_id'], status=400, method='POST', path=path)
            unknown = set(body) - set(TEAM_COLUMNS) - {'team_id'}
            assert not unknown, 'the module sent fields a team does not have: %s' % unknown
            return copy.deepcopy(self.add_team(**body))
        if path == '/team/update':
            team = self.teams.get(body.get('team_id'))
            if team is None:
                return self._missing('POST', path, "{'error': 'Team not found, passed team_id=%s'}"
                                     % body.get('team_id'), missing_ok)
            team.update(body)  # LiteLLM replaces each field sent, metadata included; null clears
            team['updated_at'] = next(self._clock)
            return {'team_id': team['team_id'], 'data': copy.deepcopy(team)}
        if path == '/team/delete':
            missing = [t for t in body['team_ids'] if t not in self.teams]
            if missing:
                return self._missing('POST', path, 'Team not found, passed team_id=%s' % missing[0], missing_ok)
            for team_id in body['team_ids']:
                del self.teams[team_id]
                self.keys = [k for k in self.keys if k['team_id'] != team_id]  # the cascade
            return {'deleted_teams': list(body['team_ids'])}
        raise AssertionError('the fake proxy has no POST %s' % path)

    def paged(self, path, params, items_key, page_param='page', size_param='size', size=100):
        # The real client's loop, against this fake's get().
        items, page = [], 1
        while True:
            query = dict(params or {})
            query[page_param] = page
            query[size_param] = size
            answer = self.get(path, params=query)
            batch = answer.get(items_key) or []
            items.extend(batch)
            if page >= (answer.get('total_pages') or 0) or not batch:
                return items
            page += 1

    # Helpers of the fake.

    def _keys_of(self, team_id):
        return [k for k in self.keys if k['team_id'] == team_id]

    def _missing(self, method, path, message, missing_ok):
        if missing_ok:
            return None
        raise LiteLLMError('not found (HTTP 404) for %s http://proxy.test:4000%s: %s' % (method, path, message),
                           status=404, method=method, path=path)

    @staticmethod
    def _page(items, items_key, page, size, total_key, page_key, size_key=None):
        answer = {items_key: items[(page - 1) * size:page * size], total_key: len(items), page_key: page,
                  'total_pages': (len(items) + size - 1) // size}
        if size_key:
            answer[size_key] = size
        return answer


def params(**options):
    """The task's parameters as AnsibleModule would hand them over: every option, defaults filled in."""
    values = dict((name, spec.get('default')) for name, spec in TEAM_ARGSPEC.items())
    values.update(api_base='http://proxy.test:4000', api_key=ADMIN_KEY)
    values.update(options)
    return values


def run(proxy, check_mode=False, **options):
    ctx = runner.Context(proxy, check_mode)
    result = run_team(ctx, params(**options))
    return result, ctx.warnings


def check_then_real(make_proxy, **options):
    """Run the task in check mode on one proxy and for real on an identical one.

    Check mode must send no write and leave the proxy as it was, and must predict the real run's result and
    warnings (the team id aside when the proxy generates it). Returns (check, real, real proxy)."""
    check_proxy, real_proxy = make_proxy(), make_proxy()
    held = copy.deepcopy((check_proxy.teams, check_proxy.keys))
    check, check_warnings = run(check_proxy, check_mode=True, **options)
    real, real_warnings = run(real_proxy, **options)
    assert check_proxy.writes == []
    assert (check_proxy.teams, check_proxy.keys) == held
    assert check['changed'] == real['changed']
    assert check_warnings == real_warnings
    predicted = dict(check['team'])
    if predicted and predicted.get('team_id') is None and not options.get('team_id'):
        predicted['team_id'] = real['team_id']
    assert predicted == real['team']
    assert check['diff']['before'] == real['diff']['before']
    assert check['diff']['after'] == real['diff']['after']
    assert (check['recreated'], check['deleted_keys'], check['msg']) == \
        (real['recreated'], real['deleted_keys'], real['msg'])
    return (check, check_warnings), (real, real_warnings), real_proxy


def research(**fields):
    team = dict(team_id='team-r', team_alias='research', models=['fake'], max_budget=10.5, budget_duration='30d',
                tpm_limit=1000, rpm_limit=60, metadata={'env': 'test', 'owner': 'ansible'})
    team.update(fields)
    return team


def proxy_with_research(**fields):
    def make():
        return FakeProxy(teams=[research(**fields)])
    return make


# Create

def test_create_by_alias_sends_the_set_fields_only():
    (check, check_warnings), (real, warnings), proxy = check_then_real(
        FakeProxy, team_alias='research', models=['fake-2', 'fake'], max_budget=10.5, budget_duration='30d',
        tpm_limit=1000, metadata={'env': 'test'})
    assert proxy.writes == [('POST', '/team/new', {
        'team_alias': 'research', 'models': ['fake-2', 'fake'], 'max_budget': 10.5, 'budget_duration': '30d',
        'tpm_limit': 1000, 'metadata': {'env': 'test'}})]
    assert check['team_id'] is None and check['team']['team_id'] is None
    assert real['changed'] is True and real['msg'] == 'team created' and warnings == []
    assert real['team_id'] == 'uuid-0001'
    assert real['team'] == {'team_id': 'uuid-0001', 'team_alias': 'research', 'models': ['fake', 'fake-2'],
                            'max_budget': 10.5, 'budget_duration': '30d', 'tpm_limit': 1000, 'rpm_limit': None,
                            'metadata': {'env': 'test'}, 'blocked': False, 'organization_id': None}
    assert real['diff']['before'] == {}
    assert real['recreated'] is False and real['deleted_keys'] == []


def test_create_with_a_pinned_id_sends_it_and_looks_for_no_alias_twin():
    (check, check_warnings), (real, real_warnings), proxy = check_then_real(FakeProxy, team_id='research', team_alias='research')
    assert proxy.writes == [('POST', '/team/new', {'team_alias': 'research', 'team_id': 'research'})]
    assert check['team_id'] == real['team_id'] == 'research'
    assert [read[0] for read in proxy.reads] == ['/team/info', '/v2/team/list']


def test_unlimited_fields_are_left_out_of_a_create():
    check_run, (real, real_warnings), proxy = check_then_real(FakeProxy, team_alias='research', unlimited=['max_budget', 'tpm_limit'])
    assert proxy.writes == [('POST', '/team/new', {'team_alias': 'research'})]
    assert real['team']['max_budget'] is None


def test_an_alias_that_is_only_a_substring_is_not_the_team():
    # /v2/team/list?team_alias=research also answers research-old: it must not be taken for the team.
    def make():
        return FakeProxy(teams=[research(team_id='team-old', team_alias='research-old')])

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
    assert [read[0] for read in proxy.reads] == ['/team/info']


def test_proxy_floats_and_reordered_models_are_no_change():
    proxy = FakeProxy(teams=[research(max_budget=10.0, models=['fake-2', 'fake'])])
    result, warnings = run(proxy, team_alias='research', max_budget=10, models=['fake', 'fake-2'], tpm_limit=1000,
                           rpm_limit=60, budget_duration='30d', metadata={'owner': 'ansible'}, blocked=False)
    assert result['changed'] is False and result['msg'] == 'team is as requested'
    assert proxy.writes == [] and warnings == []
    assert result['diff']['before'] == result['diff']['after']
    assert result['team']['team_id'] == 'team-r'


def test_options_left_out_are_not_managed():
    proxy = FakeProxy(teams=[research()])
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
    proxy = FakeProxy(teams=[research()])
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
    proxy = FakeProxy(teams=[research(max_budget=None, budget_duration=None)])
    result, unused = run(proxy, team_id='team-r', unlimited=['max_budget', 'budget_duration'])
    assert result['changed'] is False and proxy.writes == []


def test_the_result_is_the_whole_team_after_the_update():
    proxy = FakeProxy(teams=[research()])
    result, unused = run(proxy, team_id='team-r', rpm_limit=5)
    assert result['team'] == research(rpm_limit=5, blocked=False, organization_id=None)


# Several teams with one alias

def two_research_teams():
    return FakeProxy(teams=[research(team_id='team-a'), research(team_id='team-b')])


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
    return FakeProxy(teams=[research(team_id='uuid-old')],
                     keys=[dict(team_id='uuid-old', key_alias='ci-bot'), dict(team_id='uuid-old', key_name='sk-...Xy12')])


def test_a_pinned_id_replaces_the_team_carrying_the_alias():
    check_run, (real, warnings), proxy = check_then_real(stale_research_with_keys, team_id='research',
                                                         team_alias='research', max_budget=7)
    assert proxy.writes == [
        ('POST', '/team/delete', {'team_ids': ['uuid-old']}),
        ('POST', '/team/new', {'team_id': 'research', 'team_alias': 'research', 'max_budget': 7}),
    ]
    assert real['recreated'] is True and real['msg'] == 'team recreated'
    assert real['deleted_keys'] == ['ci-bot', 'sk-...Xy12']
    assert len(warnings) == 1
    for word in ('uuid-old', "'research'", '2 key(s)', 'ci-bot', 'sk-...Xy12'):
        assert word in warnings[0]
    assert real['team_id'] == 'research' and real['team']['max_budget'] == 7
    assert real['diff']['before']['max_budget'] == 10.5
    assert set(proxy.teams) == {'research'} and proxy.keys == []


def test_a_pinned_id_that_exists_is_updated_not_recreated():
    proxy = FakeProxy(teams=[research(team_id='research'), research(team_id='uuid-other')])
    result, warnings = run(proxy, team_id='research', team_alias='research', max_budget=7)
    assert proxy.writes == [('POST', '/team/update', {'team_id': 'research', 'max_budget': 7})]
    assert result['recreated'] is False and warnings == []


def test_a_pinned_id_with_two_alias_teams_fails_and_writes_nothing():
    proxy = FakeProxy(teams=[research(team_id='uuid-1'), research(team_id='uuid-2')])
    with pytest.raises(LiteLLMError) as caught:
        run(proxy, team_id='research', team_alias='research')
    assert 'uuid-1' in caught.value.message and 'uuid-2' in caught.value.message
    assert 'research' in caught.value.message
    assert proxy.writes == []


def test_a_pinned_id_created_by_a_racing_run_is_updated():
    proxy = FakeProxy()
    real_post = proxy.post

    def racing_post(path, body, missing_ok=False):
        if path == '/team/new':  # another run creates the pinned id between our look-up and our create
            proxy.add_team(team_id='research', team_alias='research')
        return real_post(path, body, missing_ok)

    proxy.post = racing_post
    result, warnings = run(proxy, team_id='research', team_alias='research', max_budget=3)
    assert proxy.writes == [
        ('POST', '/team/new', {'team_id': 'research', 'team_alias': 'research', 'max_budget': 3}),
        ('POST', '/team/update', {'team_id': 'research', 'max_budget': 3}),
    ]
    assert result['changed'] is True and result['team']['max_budget'] == 3
    assert len(warnings) == 1 and 'another run' in warnings[0]


def test_a_twin_created_by_a_racing_run_is_settled_on_the_oldest():
    proxy = FakeProxy()
    real_post = proxy.post

    def racing_post(path, body, missing_ok=False):
        if path == '/team/new' and 'racer' not in proxy.teams:
            proxy.add_team(team_id='racer', team_alias='research', created_at='2026-11-26T22:35:00.000000Z')
        return real_post(path, body, missing_ok)

    proxy.post = racing_post
    result, warnings = run(proxy, team_alias='research', max_budget=3)
    assert proxy.writes == [
        ('POST', '/team/new', {'team_alias': 'research', 'max_budget': 3}),
        ('POST', '/team/delete', {'team_ids': ['uuid-0001']}),
        ('POST', '/team/update', {'team_id': 'racer', 'max_budget': 3}),
    ]
    assert result['team_id'] == 'racer' and set(proxy.teams) == {'racer'}
    assert len(warnings) == 1 and 'uuid-0001' in warnings[0] and 'racer' in warnings[0]


# Delete

def test_delete_warns_with_the_keys_that_go_with_the_team():
    def make():
        return FakeProxy(teams=[research()], keys=[dict(team_id='team-r', key_alias='notebook'),
                                                   dict(team_id='team-r', key_alias='ci-bot')])

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
    assert proxy.teams == {} and proxy.keys == []


def test_delete_by_id_reads_the_keys_from_team_info():
    def make():
        return FakeProxy(teams=[research()], keys=[dict(team_id='team-r', key_alias='ci-bot')])

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
    proxy = FakeProxy(teams=[research(team_id='other', team_alias='research-old')])
    result, warnings = run(proxy, check_mode=check_mode, state='absent', **lookup)
    assert result['changed'] is False and result['msg'] == 'team is absent'
    assert result['team'] == {} and result['deleted_keys'] == [] and warnings == []
    assert proxy.writes == []
    assert set(proxy.teams) == {'other'}


# Failures

@pytest.mark.parametrize('check_mode', [True, False])
def test_a_refused_credential_fails_without_the_key_and_writes_nothing(check_mode):
    proxy = FakeProxy(teams=[research()], refuse=True)
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
    proxy = FakeProxy(teams=[research()])
    with pytest.raises(ParameterError) as caught:
        run(proxy, **options)
    assert option in str(caught.value)
    assert proxy.calls == []


def test_execute_counts_the_requests_of_a_run():
    proxy = FakeProxy(teams=[research()])
    result = runner.execute(run_team, params(team_id='team-r', max_budget=1), client=proxy)
    assert result['http_requests'] == {'GET': 1, 'POST': 1}
    assert result['warnings'] == []
