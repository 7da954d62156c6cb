# -*- coding: utf-8 -*-
# Unit tests of litellm_export's logic (module_utils/_export.py): every page of every kind is read, each
# object comes out in its module's options (server-side fields and unset settings left out, ids kept),
# secrets are placeholders, keys without an alias are left out with a warning, nothing is ever written to the
# proxy, and the vars file is stable.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

import yaml

from ansible_collections.berriai.litellm.plugins.module_utils import _runner as runner
from ansible_collections.berriai.litellm.plugins.module_utils._export import run_export
from ansible_collections.berriai.litellm.tests.unit.plugins.module_utils.fake_export import ExportProxy

SECRET = 'sk-export-unit-secret-0815'


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
                                'input_cost_per_token': 1e-06, 'access_groups': ['beta']}}])


def export(proxy, check_mode=False, **options):
    params = {'var_prefix': 'litellm_', 'secrets_variable': 'litellm_secrets'}
    params.update(options)
    result = runner.execute(run_export, params, check_mode=check_mode, client=proxy)
    assert SECRET not in json.dumps(result) and proxy.writes == []
    return result


def test_every_kind_in_the_shape_of_its_module_options():
    result = export(a_proxy())
    assert result['export']['teams'][1] == {'team_id': 't1', 'team_alias': 'team-1', 'max_budget': 10,
                                            'metadata': {'owner': 'x'}, 'models': ['a', 'b']}
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
        'credentials': "{{ litellm_secrets['mcp_servers/gh/credentials'] }}"}]
    assert result['export']['credentials'] == [{
        'credential_name': 'openai', 'credential_info': {'description': 'shared'},
        'credential_values': {'api_base': 'http://x', 'api_key': "{{ litellm_secrets['credentials/openai/api_key'] }}"}}]
    assert result['export']['models'] == [{  # config models left out; model_info without the cost map's entries
        'model_id': 'm1', 'model_name': 'gpt', 'model_info': {'mode': 'chat', 'access_groups': ['beta']},
        'litellm_params': {'model': 'openai/gpt-4o', 'litellm_credential_name': 'openai'},
        'secret_params': {'api_key': "{{ litellm_secrets['models/m1/api_key'] }}"}}]
    assert result['counts'] == {'credentials': 1, 'models': 1, 'mcp_servers': 1, 'users': 1, 'teams': 3,
                                'team_members': 2, 'keys': 1}
    assert result['warnings'] == ['keys: sk-...wxyz was left out of the export: it has no key_alias']


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
    assert "#   {{ litellm_secrets['mcp_servers/gh/credentials'] }}" in text
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
    assert sorted(set(paths)) == ['/credentials', '/key/list', '/team/info', '/user/list', '/v1/mcp/server',
                                  '/v2/model/info', '/v2/team/list']
    assert paths.count('/team/info') == 3 and len(paths) == 9
    assert result['http_requests'] == {'GET': 9}
