# -*- coding: utf-8 -*-
# Unit tests of litellm_export's logic (module_utils/_export.py): every page of every kind is read, each
# object comes out in its module's options (server-side fields and unset settings left out, ids kept),
# secrets are placeholders, keys without an alias are left out with a warning, nothing is ever written to the
# proxy, and the vars file is stable.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

import pytest
import yaml

from ansible_collections.berriai.litellm.plugins.module_utils import _runner as runner
from ansible_collections.berriai.litellm.plugins.module_utils import _export as exporting, _settings as settings
from ansible_collections.berriai.litellm.plugins.module_utils._api import CONNECTION_ARGSPEC
from ansible_collections.berriai.litellm.plugins.module_utils._export import run_export
from ansible_collections.berriai.litellm.plugins.modules import litellm_customer
from ansible_collections.berriai.litellm.plugins.modules import (
    litellm_credential, litellm_key, litellm_mcp_server, litellm_model, litellm_team, litellm_team_member, litellm_user)
from ansible_collections.berriai.litellm.plugins.modules import litellm_access_group
from ansible_collections.berriai.litellm.plugins.modules import litellm_budget
from ansible_collections.berriai.litellm.tests.unit.plugins.module_utils.fake_export import ExportProxy

SECRET = 'sk-export-unit-secret-0815'
OWN_BUDGET = '6f1c2a8e-1b7d-4c11-9a57-2f4f0d7c9e10'  # a budget row LiteLLM made for its customer


def a_proxy(teams=3):
    return ExportProxy(
        teams=[{'team_id': 't%d' % n, 'team_alias': 'team-%d' % n, 'max_budget': 10.0 * n, 'models': ['b', 'a'],
                'metadata': {'owner': 'x', 'tags': ['litellm-own']}, 'blocked': False, 'tpm_limit': None}
               for n in range(teams)],
        keys=[{'token': 'f' * 64, 'key_alias': 'ci', 'team_id': 't1', 'key_name': 'sk-...abcd', 'max_budget': 2},
              {'token': 'e' * 64, 'key_alias': None, 'team_id': 't2', 'key_name': 'sk-...wxyz'}],
        users=[{'user_id': 'default_user_id', 'user_role': 'proxy_admin'},
               {'user_id': 'u1', 'user_email': 'u1@example.com', 'user_role': 'internal_user'}],
        members=[{'team_id': 't1', 'user_id': 'creator', 'role': 'admin'},  # LiteLLM's own: left out
                 {'team_id': 't1', 'user_id': 'u1', 'max_budget': 5.0},
                 {'team_id': 't1', 'user_id': 'u2', 'role': 'admin'}],
        servers=[{'server_id': 'gh', 'server_name': 'github', 'alias': 'github', 'timeout': 20.0, 'url': 'https://mcp.example.com', 'auth_type': 'api_key',
                  'credentials': {'auth_value': SECRET}}],
        credentials=[{'credential_name': 'openai', 'credential_values': {'api_key': 'sk****15', 'api_base': 'http://x'},
                      'credential_info': {'description': 'shared'}}],
        models=[{'model_name': 'fake', 'litellm_params': {'model': 'openai/fake'}, 'model_info': {'id': 'cfg'}},
                {'model_name': 'gpt', 'litellm_params': {'model': 'openai/gpt-4o', 'api_key': 'sk****99',
                                                         'litellm_credential_name': 'openai'},
                 'model_info': {'id': 'm1', 'db_model': True, 'mode': 'chat', 'max_tokens': 4096,
                                'input_cost_per_token': 1e-06, 'access_groups': ['beta']}}],
        customers=[{'user_id': 'acme', 'alias': 'ACME', 'blocked': True, 'spend': 2.0, 'models': [],
                    'budget_id': OWN_BUDGET, 'litellm_budget_table': {'budget_id': OWN_BUDGET, 'max_budget': 0.0,
                                                                      'rpm_limit': 5, 'created_at': 'x'}},
                   {'user_id': 'globex', 'allowed_model_region': 'eu', 'blocked': False,
                    'budget_id': 'free', 'litellm_budget_table': {'budget_id': 'free', 'max_budget': 1.0}}],
        groups=[{'access_group_id': 'ag-uuid-1', 'access_group_name': 'fast',
                 'description': 'Fast [managed_by: berriai.litellm]', 'access_model_names': ['gpt'],
                 'access_mcp_server_ids': [], 'assigned_team_ids': ['t1'], 'assigned_key_ids': ['f' * 64, 'e' * 64],
                 'access_agent_ids': [], 'created_at': '2026-11-26T22:35:10.000000Z'}])


def export(proxy, check_mode=False, **options):
    params = {'var_prefix': 'litellm_', 'secrets_variable': 'litellm_secrets'}
    params.update(options)
    result = runner.execute(run_export, params, check_mode=check_mode, client=proxy)
    assert SECRET not in json.dumps(result) and proxy.writes == []
    return result


def test_every_kind_in_the_shape_of_its_module_options():
    result = export(a_proxy())
    # tags, kept by LiteLLM in metadata, come out as their own option; a budget of 0 is a budget
    assert result['export']['teams'][1] == {'team_id': 't1', 'team_alias': 'team-1', 'max_budget': 10,
                                            'metadata': {'owner': 'x'}, 'models': ['a', 'b'], 'tags': ['litellm-own']}
    assert result['export']['teams'][0]['max_budget'] == 0
    assert result['export']['keys'] == [{'key_alias': 'ci', 'team_id': 't1', 'max_budget': 2}]
    assert result['export']['users'] == [{'user_id': 'u1', 'user_email': 'u1@example.com',
                                          'user_role': 'internal_user'}]
    assert result['export']['team_members'] == [
        {'team_id': 't1', 'user_id': 'u1', 'max_budget_in_team': 5, 'role': 'user'},
        {'team_id': 't1', 'user_id': 'u2', 'role': 'admin'}]
    assert result['export']['mcp_servers'] == [{
        'server_id': 'gh', 'server_name': 'github', 'auth_type': 'api_key', 'available_on_public_internet': True,
        'server_timeout': 20.0,
        'transport': 'sse', 'url': 'https://mcp.example.com',
        'credentials_from': 'mcp_servers/gh/credentials'}]
    assert result['export']['credentials'] == [{
        'credential_name': 'openai', 'credential_info': {'description': 'shared'},
        'credential_values': {'api_base': 'http://x'},
        'credential_values_from': {'api_key': 'credentials/openai/api_key'}}]
    assert result['export']['models'] == [{  # config models left out; model_info without the cost map's entries
        'model_id': 'm1', 'model_name': 'gpt', 'model_info': {'mode': 'chat', 'access_groups': ['beta']},
        'litellm_params': {'model': 'openai/gpt-4o', 'litellm_credential_name': 'openai'},
        'secret_params_from': {'api_key': 'models/m1/api_key'}}]
    # an access group by name: its teams by id, its keys by alias (one without is left out), no marker
    assert result['export']['access_groups'] == [{'access_group_name': 'fast', 'description': 'Fast',
                                                  'models': ['gpt'], 'teams': ['t1'], 'keys': ['ci']}]
    assert result['counts'] == {'credentials': 1, 'models': 1, 'mcp_servers': 1, 'budgets': 0, 'users': 1, 'teams': 3,
                                'team_members': 2, 'keys': 1, 'customers': 2, 'access_groups': 1}
    # a customer's own budget row comes out as its limits; a named budget it shares as budget_id alone
    assert result['export']['customers'] == [
        {'user_id': 'acme', 'alias': 'ACME', 'blocked': True, 'max_budget': 0, 'rpm_limit': 5},
        {'user_id': 'globex', 'allowed_model_region': 'eu', 'budget_id': 'free'}]
    assert result['warnings'] == ['keys: sk-...wxyz was left out of the export: it has no key_alias',
                                  'access_groups: fast: 1 key(s) was left out of the export: a key without key_alias '
                                  'has no identity on another proxy']


def test_every_page_is_read_and_teams_once():
    proxy = a_proxy(teams=250)
    result = export(proxy, kinds=['teams', 'keys'])
    assert len(result['export']['teams']) == 250
    assert [path for path, query in proxy.reads].count('/v2/team/list') == 3
    assert result['http_requests'] == {'GET': 4}


def test_some_teams_their_members_users_and_keys():
    proxy = a_proxy()
    result = export(proxy, teams=['team-1'])
    assert [t['team_id'] for t in result['export']['teams']] == ['t1']
    assert [u['user_id'] for u in result['export']['users']] == ['u1']  # u2 is not a user of the proxy
    assert [k['key_alias'] for k in result['export']['keys']] == ['ci']
    assert result['export']['customers'] == []  # they belong to no team
    assert [path for path, query in proxy.reads].count('/team/info') == 1


def test_an_unknown_team_in_the_filter_fails():
    result = export(a_proxy(), teams=['nope'])
    assert result['failed'] and 'teams: nothing has the name or id nope' in result['msg']


def test_vars_file_is_stable_and_loads_back(tmp_path):
    dest = str(tmp_path / 'export.yml')
    first = export(a_proxy(), dest=dest)
    assert first['changed'] and first['dest'] == dest
    text = open(dest).read()
    loaded = yaml.safe_load(text)
    assert loaded['litellm_teams'] == first['export']['teams']
    assert "#   mcp_servers/gh/credentials" in text and 'of the variable litellm_secrets' in text
    assert '\n\n- team_id: t1\n' in text  # one block per object
    assert not export(a_proxy(), dest=dest)['changed']


def test_check_mode_does_not_write_the_file(tmp_path):
    dest = tmp_path / 'export.yml'
    assert export(a_proxy(), check_mode=True, dest=str(dest))['changed']
    assert not dest.exists()


def test_request_counts_of_a_whole_export():
    # One read per kind (a page each here), and /team/info once per team: member budgets are only there.
    proxy = a_proxy(teams=3)
    result = export(proxy)
    paths = [path for path, query in proxy.reads]
    assert sorted(set(paths)) == ['/budget/list', '/credentials', '/customer/list', '/key/list', '/team/info',
                                  '/user/list', '/v1/access_group', '/v1/mcp/server', '/v2/model/info', '/v2/team/list']
    assert paths.count('/team/info') == 3 and len(paths) == 12
    assert result['http_requests'] == {'GET': 12}


def test_access_groups_on_a_proxy_without_them_export_none():
    proxy = ExportProxy(v1_80=True)
    result = export(proxy, kinds=['access_groups'])
    assert result['export'] == {'access_groups': []} and not result.get('failed')


def test_teams_leave_their_access_group_ids_to_the_groups():
    proxy = a_proxy()
    proxy.teams[1]['access_group_ids'] = ['ag-uuid-1']
    assert 'access_group_ids' not in export(proxy)['export']['teams'][1]
    assert export(proxy, kinds=['teams'])['export']['teams'][1]['access_group_ids'] == ['ag-uuid-1']


def test_a_scoped_export_keeps_the_groups_of_its_teams_with_what_is_in_scope():
    proxy = a_proxy()
    proxy.groups.append({'access_group_id': 'ag-2', 'access_group_name': 'other', 'assigned_team_ids': ['t2']})
    result = export(proxy, teams=['t1'])
    assert [g['access_group_name'] for g in result['export']['access_groups']] == ['fast']


def test_a_scoped_export_leaves_a_key_out_once_and_lists_the_keys_once():
    # the access groups of a scoped export name its keys: the keys are read once, the alias-less one left out once
    proxy = a_proxy()
    proxy.keys[1]['team_id'] = 't1'
    result = export(proxy, teams=['t1'])
    assert [item['object'] for item in result['left_out'] if item['kind'] == 'keys'] == ['sk-...wxyz']
    first_pages = [query for path, query in proxy.reads if path == '/key/list' and str(query.get('page', 1)) == '1']
    assert len(first_pages) == 1


def test_on_180_a_key_with_a_budget_is_read_from_key_info():
    # LiteLLM 1.80's /key/list leaves budget_id and soft_budget out: without /key/info they were lost
    budget = {'budget_id': 'kb-1', 'max_budget': None, 'soft_budget': None}
    proxy = ExportProxy(keys=[{'token': 'f' * 64, 'key_alias': 'ci', 'budget_id': 'kb-1', 'litellm_budget_table': budget}],
                        v1_80=True)
    exported = export(proxy, kinds=['keys'])['export']['keys']
    assert [k.get('budget_id') for k in exported] == ['kb-1']
    assert [path for path, query in proxy.reads].count('/key/info') == 1
    newer = ExportProxy(keys=[{'token': 'f' * 64, 'key_alias': 'ci', 'budget_id': 'kb-1', 'litellm_budget_table': budget}])
    assert [k.get('budget_id') for k in export(newer, kinds=['keys'])['export']['keys']] == ['kb-1']
    assert '/key/info' not in [path for path, query in newer.reads]


# -- nothing lost: every option each module manages is exported (issue 19) --

MODULES = {
    'credentials': litellm_credential, 'models': litellm_model, 'mcp_servers': litellm_mcp_server,
    'users': litellm_user, 'teams': litellm_team, 'team_members': litellm_team_member, 'keys': litellm_key,
    'customers': litellm_customer,
    'access_groups': litellm_access_group,
    'budgets': litellm_budget,
}


@pytest.mark.parametrize('kind', sorted(MODULES))
def test_every_option_of_each_module_is_exported_or_said_why_not(kind):
    # An option added to a module later fails here until the export carries it (from the module's fields, it
    # then does by construction) or NOT_EXPORTED says why not.
    options = set(MODULES[kind].ARGUMENT_SPEC) - set(CONNECTION_ARGSPEC)
    covered = (set(exporting.MANAGED[kind]) | set(exporting.IDENTITY[kind]) | set(exporting.NOT_EXPORTED[kind])
               | set(exporting.SECRET_OPTIONS.get(kind, ())))
    assert sorted(options - covered) == []
    assert sorted(covered - options) == []
    assert not set(exporting.MANAGED[kind]) & set(exporting.NOT_EXPORTED[kind])


def value_of(name, kind):
    """A set value of each compare kind (_compare.normalise)."""
    return {'str': 'v-' + name, 'float': 1.5, 'int': 7, 'list': ['x-' + name], 'dict': {'k': 'v-' + name},
            'bool': True, 'id': 'id-' + name, 'exact': ['a', 'b'], 'lists': {'models': ['m1'], 'mcp_servers': ['s1']}
            }[kind]


def stored(options, kind):
    """A record holding `options` where LiteLLM 1.108.7 keeps each (_settings.SETTINGS: metadata, budget tables,
    the model table, the object permission row)."""
    record = dict(options)
    metadata = dict(record.get('metadata') or {})
    for name in settings.in_metadata(kind):
        if name in record:
            metadata[name] = record.pop(name)
    record['metadata'] = metadata
    if kind == 'team':
        record['litellm_model_table'] = {'model_aliases': record.pop('model_aliases')}
        record['team_member_budget_table'] = {'budget_id': 'tmb', 'max_budget': record.pop('team_member_budget'),
                                              'budget_duration': record.pop('team_member_budget_duration'),
                                              'rpm_limit': record.pop('team_member_rpm_limit'),
                                              'tpm_limit': record.pop('team_member_tpm_limit')}
        record['object_permission_id'] = 'op1'
    else:
        record['litellm_budget_table'] = {'budget_id': record['budget_id'], 'soft_budget': record.pop('soft_budget')}
    return record


def every_setting(kind, fields, **fixed):
    options = dict((name, value_of(name, field_kind)) for name, field_kind in fields.items())
    options.update(fixed)
    return options


def test_every_managed_field_of_every_kind_is_exported():
    team = every_setting('teams', exporting.MANAGED['teams'], team_id='t1', team_alias='all', max_budget=3,
                         soft_budget=1.5, budget_duration='30d', team_member_budget_duration='7d',
                         team_member_key_duration='1d')
    key = every_setting('keys', exporting.MANAGED['keys'], key_alias='k1', team_id='t1', key_type='llm_api',
                        budget_duration='30d', rotation_interval='30d', token='d' * 64, key_name='sk-...dddd')
    user = every_setting('users', exporting.MANAGED['users'], user_id='u1', budget_duration='30d')
    member = every_setting('team_members', exporting.MANAGED['team_members'], budget_duration='30d')
    server = every_setting('mcp_servers', exporting.MANAGED['mcp_servers'], server_id='s1', server_name='s1',
                           auth_type='api_key')
    server['timeout'] = server.pop('server_timeout')
    credential = {'credential_name': 'c1', 'credential_values': {'api_key': '********', 'api_base': 'http://x'},
                  'credential_info': {'description': 'd'}, 'display_name': 'C one'}
    model = {'model_name': 'gpt', 'litellm_params': {'model': 'openai/gpt', 'api_key': '********', 'rpm': 5},
             'model_info': {'id': 'm1', 'db_model': True, 'mode': 'chat', 'base_model': 'gpt-4o'}}
    proxy = ExportProxy(teams=[stored(team, 'team')], keys=[stored(key, 'key')], users=[user], servers=[server],
                        credentials=[credential], models=[model],
                        members=[dict(member, team_id='t1', user_id='u1', max_budget=member['max_budget_in_team'])])
    proxy.teams[0]['object_permission'] = team['object_permission']  # /team/info shows it (the list: null)
    proxy.groups.append({'access_group_id': 'ag1', 'access_group_name': 'g1', 'description': 'd',
                         'access_model_names': ['gpt'], 'access_mcp_server_ids': ['s1'],
                         'assigned_team_ids': ['t1'], 'assigned_key_ids': ['d' * 64]})
    result = export(proxy)['export']
    expected = {
        # a team's access groups are exported from the groups' side (access_groups), by name
        'teams': (result['teams'][0], set(exporting.MANAGED['teams']) - set(['access_group_ids'])),
        'access_groups': (result['access_groups'][0], set(exporting.MANAGED['access_groups'])),
        # a key with a soft_budget has a budget of its own: applied, soft_budget makes it again
        # and a key of a type other than default has the routes LiteLLM gives that type (it refuses them with it)
        'keys': (result['keys'][0], set(exporting.MANAGED['keys']) - set(['budget_id', 'allowed_routes'])),
        'users': (result['users'][0], set(exporting.MANAGED['users'])),
        'team_members': (result['team_members'][0], set(exporting.MANAGED['team_members'])),
        'mcp_servers': (result['mcp_servers'][0], set(exporting.MANAGED['mcp_servers']) | set(['credentials_from'])),
        'credentials': (result['credentials'][0], set(exporting.MANAGED['credentials']) | set(['credential_values_from'])),
        'models': (result['models'][0], set(exporting.MANAGED['models']) | set(['secret_params_from'])),
    }
    for kind, (item, names) in expected.items():
        assert sorted(names - set(item)) == [], kind
    assert result['teams'][0]['team_member_budget'] == 1.5 and result['teams'][0]['model_aliases'] == {'k': 'v-model_aliases'}
    assert result['teams'][0]['object_permission'] == {'models': ['m1'], 'mcp_servers': ['s1']}
    assert result['teams'][0]['metadata'] == {'k': 'v-metadata'}  # the settings kept in it are options of their own
    assert result['keys'][0]['model_rpm_limit'] == {'k': 'v-model_rpm_limit'} and result['keys'][0]['soft_budget'] == 1.5


def team_info_with_member_budget(query, path):
    """A team created with team_member_budget by the master key: its creator got the default member budget,
    a member added later too, and one member has a budget of their own."""
    info = {'team_id': 't1', 'team_alias': 'budgeted', 'metadata': {'team_member_budget_id': 'tmb'},
            'team_member_budget_table': {'budget_id': 'tmb', 'max_budget': 3.25, 'budget_duration': '30d'},
            'members_with_roles': [{'user_id': 'default_user_id', 'role': 'admin'}, {'user_id': 'u1', 'role': 'user'},
                                   {'user_id': 'u2', 'role': 'user'}]}
    default = {'budget_id': 'tmb', 'litellm_budget_table': {'budget_id': 'tmb', 'max_budget': 3.25}}
    own = {'budget_id': 'own', 'litellm_budget_table': {'budget_id': 'own', 'max_budget': 9.0}}
    return {'team_id': 't1', 'keys': [], 'team_info': info, 'team_memberships': [
        dict(default, user_id='default_user_id'), dict(default, user_id='u1'), dict(own, user_id='u2')]}


def test_the_creator_is_never_exported_even_with_a_member_budget():
    proxy = ExportProxy(teams=[{'team_id': 't1', 'team_alias': 'budgeted'}])
    proxy.route('GET', '/team/info', team_info_with_member_budget)
    result = export(proxy, kinds=['teams', 'team_members'])['export']
    assert result['team_members'] == [{'team_id': 't1', 'user_id': 'u1', 'role': 'user'},  # the team's default budget
                                      {'team_id': 't1', 'user_id': 'u2', 'max_budget_in_team': 9, 'role': 'user'}]
    assert result['teams'] == [{'team_id': 't1', 'team_alias': 'budgeted', 'team_member_budget': 3.25,
                                'team_member_budget_duration': '30d'}]


@pytest.mark.parametrize('check_mode', [True, False])
@pytest.mark.parametrize('option, value', [('var_prefix', 'my prefix-'), ('var_prefix', '9_'),
                                           ('secrets_variable', 'my-secrets')])
def test_names_no_template_can_use_are_refused_before_any_request(tmp_path, check_mode, option, value):
    proxy = a_proxy()
    result = export(proxy, check_mode, dest=str(tmp_path / 'vars.yml'), **{option: value})
    assert result['failed'] and result['msg'].startswith('%s must make valid variable names' % option)
    assert proxy.calls == [] and not (tmp_path / 'vars.yml').exists()


def test_false_is_exported_where_the_proxy_defaults_to_true():
    proxy = ExportProxy(servers=[{'server_id': 'a', 'server_name': 'a', 'url': 'https://a.example.com',
                                  'available_on_public_internet': False, 'allow_all_keys': False}])
    server = export(proxy, kinds=['mcp_servers'])['export']['mcp_servers'][0]
    assert server['available_on_public_internet'] is False and 'allow_all_keys' not in server


def test_routes_are_exported_for_a_default_key_and_left_to_the_key_type_otherwise():
    proxy = ExportProxy(keys=[
        {'token': 'a' * 64, 'key_alias': 'plain', 'key_type': 'default', 'allowed_routes': ['info_routes']},
        {'token': 'b' * 64, 'key_alias': 'llm', 'key_type': 'llm_api', 'allowed_routes': ['llm_api_routes']}])
    keys = export(proxy, kinds=['keys'])['export']['keys']
    assert keys == [{'key_alias': 'llm', 'key_type': 'llm_api'}, {'key_alias': 'plain', 'allowed_routes': ['info_routes']}]


# -- budgets --

BUDGETS = [
    {'budget_id': 'project-apollo', 'max_budget': 500.0, 'soft_budget': None, 'budget_duration': '1mo', 'tpm_limit': None,
     'rpm_limit': 600, 'tpd_limit': None, 'max_parallel_requests': None, 'model_max_budget': None,
     'budget_reset_at': '2026-12-31T00:00:00Z', 'created_by': 'default_user_id'},
    {'budget_id': '3f0b5a8e-1c2d-4e5f-8a9b-0c1d2e3f4a5b', 'max_budget': 5.0},   # LiteLLM's, for a team member
    {'budget_id': '7c6d5e4f-3a2b-4c1d-9e8f-7a6b5c4d3e2f', 'soft_budget': 1.0},  # LiteLLM's, used by a key
    {'budget_id': 'unused-shared', 'tpm_limit': 10},
]


def test_budgets_with_a_chosen_id_and_those_the_keys_use_are_exported_never_litellms_own():
    proxy = a_proxy()
    proxy.budgets = [dict(b) for b in BUDGETS]
    proxy.keys[0]['budget_id'] = '7c6d5e4f-3a2b-4c1d-9e8f-7a6b5c4d3e2f'
    result = export(proxy)
    assert result['export']['budgets'] == [
        {'budget_id': '7c6d5e4f-3a2b-4c1d-9e8f-7a6b5c4d3e2f', 'soft_budget': 1},
        {'budget_id': 'project-apollo', 'budget_duration': '1mo', 'max_budget': 500, 'rpm_limit': 600},
        {'budget_id': 'unused-shared', 'tpm_limit': 10}]
    assert result['export']['keys'][0]['budget_id'] == '7c6d5e4f-3a2b-4c1d-9e8f-7a6b5c4d3e2f'
    # scoped to some teams: only the budgets their keys use
    scoped = export(proxy, teams=['team-1'])
    assert [b['budget_id'] for b in scoped['export']['budgets']] == ['7c6d5e4f-3a2b-4c1d-9e8f-7a6b5c4d3e2f']
    # budgets come before the keys that use them in the vars file
    text = exporting.vars_file_text(result['export'], {'var_prefix': 'litellm_'})
    assert text.index('litellm_budgets:') < text.index('litellm_keys:')
    assert yaml.safe_load(text)['litellm_budgets'] == result['export']['budgets']
