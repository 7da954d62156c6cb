# -*- coding: utf-8 -*-
# Unit tests of litellm_mcp_server's and litellm_mcp_server_info's logic (module_utils/_mcp_server.py) against
# the fake proxy's MCP servers (fake_mcp_server.py). Each test asserts the result, the warnings and the exact
# writes; check mode must send none; credentials never show in a result, a diff or a warning.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

import pytest

from ansible_collections.berriai.litellm.plugins.module_utils import _runner as runner
from ansible_collections.berriai.litellm.plugins.module_utils._mcp_server import run_mcp_server, run_mcp_server_info
from ansible_collections.berriai.litellm.tests.unit.plugins.module_utils.fake_mcp_server import (
    UNREACHABLE, McpServerProxy)

SECRET = 'sk-mcp-unit-secret-4711'
BASE = {'server_id': 'gh', 'server_name': 'github', 'url': 'https://mcp.example.com/mcp', 'transport': 'http'}


def params(**options):
    # timeout is the connection's option (seconds to wait for the proxy), always set: never sent as the server's
    values = {'state': 'present', 'update_secrets': 'on_create', 'timeout': 30.0}
    values.update(options)
    return values


def run(proxy, check_mode=False, logic=run_mcp_server, **options):
    result = runner.execute(logic, params(**options), check_mode=check_mode, diff_mode=True, client=proxy)
    assert SECRET not in json.dumps(result)
    return result


def test_create_sends_the_credentials_and_returns_health():
    proxy = McpServerProxy()
    result = run(proxy, auth_type='api_key', credentials={'auth_value': SECRET}, mcp_access_groups=['dev'], **BASE)
    assert result['changed'] and result['msg'] == 'MCP server created'
    assert proxy.writes == [('POST', '/v1/mcp/server', dict(BASE, auth_type='api_key', mcp_access_groups=['dev'],
                                                            credentials={'auth_value': SECRET},
                                                            mcp_info={'managed_by': 'berriai.litellm'}))]
    assert proxy.secrets['gh'] == {'auth_value': SECRET}
    assert result['mcp_server']['server_id'] == 'gh' and result['mcp_server']['mcp_access_groups'] == ['dev']
    assert 'credentials' not in result['mcp_server'] and 'credentials' not in result['diff']['after']
    assert result['health']['status'] == 'healthy' and result['warnings'] == []


def test_check_mode_create_writes_nothing():
    proxy = McpServerProxy()
    result = run(proxy, check_mode=True, credentials={'auth_value': SECRET}, **BASE)
    assert result['changed'] and result['msg'] == 'MCP server would be created'
    assert proxy.writes == [] and result['health'] == {}
    assert result['mcp_server']['server_name'] == 'github'


def test_unchanged_server_is_left_alone_and_credentials_not_resent():
    proxy = McpServerProxy([dict(BASE, credentials={'auth_value': 'old'})])
    result = run(proxy, credentials={'auth_value': SECRET}, **BASE)
    assert not result['changed'] and result['msg'] == 'MCP server is as requested'
    assert proxy.writes == [] and proxy.secrets['gh'] == {'auth_value': 'old'}


def sent(proxy, *fields):
    """The one PUT's body, limited to `fields`."""
    [body] = proxy.writes_to('/v1/mcp/server')
    return dict((name, body[name]) for name in fields if name in body)


@pytest.mark.parametrize('v1_80', [False, True])
def test_update_sends_the_whole_record_and_says_what_changed(v1_80):
    # LiteLLM 1.80.17's PUT replaces the record (v1_80): the rest of the record is sent with the changes
    proxy = McpServerProxy([dict(BASE, alias='gh_tools', mcp_access_groups=['dev'], args=['-v'], env={'A': '1'},
                                 allow_all_keys=True, auth_type='api_key')], v1_80=v1_80)
    before = dict(proxy.servers['gh'])
    result = run(proxy, server_id='gh', description='GitHub tools', allowed_tools=['b', 'a'])
    assert result['msg'] == 'MCP server updated: allowed_tools, description'
    assert sent(proxy, 'server_id', 'description', 'allowed_tools', 'alias', 'transport', 'credentials') == {
        'server_id': 'gh', 'description': 'GitHub tools', 'allowed_tools': ['b', 'a'], 'alias': 'gh_tools',
        'transport': 'http'}
    after = proxy.servers['gh']
    for name in ('alias', 'transport', 'mcp_access_groups', 'args', 'env', 'allow_all_keys', 'auth_type', 'url'):
        assert after[name] == before[name], name
    assert result['diff']['after']['allowed_tools'] == ['a', 'b'] and result['diff']['before']['allowed_tools'] == []


def test_check_mode_update_writes_nothing():
    proxy = McpServerProxy([BASE])
    result = run(proxy, check_mode=True, server_id='gh', description='new')
    assert result['msg'] == 'MCP server would be updated: description' and proxy.writes == []


def test_update_secrets_always_sends_them_every_run():
    proxy = McpServerProxy([dict(BASE, credentials={'auth_value': 'old'})])
    result = run(proxy, credentials={'auth_value': SECRET}, update_secrets='always', **BASE)
    assert result['changed'] and result['msg'] == 'MCP server updated: credentials'
    assert sent(proxy, 'server_id', 'credentials', 'url') == {'server_id': 'gh', 'credentials': {'auth_value': SECRET},
                                                              'url': BASE['url']}
    assert proxy.secrets['gh'] == {'auth_value': SECRET}
    assert result['diff']['before'] == result['diff']['after']


def test_found_by_name_case_insensitively_and_not_renamed():
    proxy = McpServerProxy([dict(BASE, server_name='GitHub')])
    assert not run(proxy, server_name='github')['changed'] and proxy.writes == []
    result = run(proxy, server_name='github', description='x')
    assert result['server_id'] == 'gh' and result['msg'] == 'MCP server updated: description'
    assert sent(proxy, 'server_name', 'alias', 'description') == {'server_name': 'GitHub', 'alias': 'GitHub',
                                                                  'description': 'x'}
    assert result['mcp_server']['server_name'] == 'GitHub'


def test_the_case_of_a_name_changes_with_server_id():
    proxy = McpServerProxy([dict(BASE, server_name='GitHub')])
    result = run(proxy, server_id='gh', server_name='github')
    assert result['msg'] == 'MCP server updated: alias, server_name'
    assert proxy.servers['gh']['server_name'] == 'github' and proxy.servers['gh']['alias'] == 'github'


@pytest.mark.parametrize('v1_80', [False, True])
@pytest.mark.parametrize('alias, renamed_alias', [(None, 'git_hub'), ('tools', 'tools')])
def test_rename_moves_an_alias_that_followed_the_name_as_check_mode_predicts(v1_80, alias, renamed_alias):
    servers = [dict(BASE, alias=alias)] if alias else [BASE]  # created without an alias: it is the name
    proxy = McpServerProxy(servers, v1_80=v1_80)
    check = run(proxy, check_mode=True, server_id='gh', server_name='git_hub')
    assert proxy.writes == []
    real = run(proxy, server_id='gh', server_name='git_hub')
    assert proxy.servers['gh']['alias'] == renamed_alias and proxy.servers['gh']['transport'] == 'http'
    assert real['mcp_server'] == check['mcp_server'] and real['diff'] == check['diff']
    assert real['msg'] == check['msg'].replace('would be ', '')


def test_an_alias_a_partial_put_reset_is_predicted_as_litellm_sets_it():
    # A 1.80 server whose alias an earlier partial PUT reset to null: any update sets it to the name again
    proxy = McpServerProxy([dict(BASE, alias=None)], v1_80=True)
    assert not run(proxy, check_mode=True, server_id='gh')['changed']
    check = run(proxy, check_mode=True, server_id='gh', description='x')
    real = run(proxy, server_id='gh', description='x')
    assert real['msg'] == 'MCP server updated: alias, description' and proxy.servers['gh']['alias'] == 'github'
    assert real['mcp_server'] == check['mcp_server'] and real['diff'] == check['diff']


@pytest.mark.parametrize('v1_80', [False, True])
def test_create_in_check_mode_predicts_what_litellm_stores(v1_80):
    proxy = McpServerProxy(v1_80=v1_80)
    options = {'server_id': 'gh', 'server_name': 'git hub', 'url': BASE['url']}
    check = run(proxy, check_mode=True, **options)
    real = run(proxy, **options)
    assert real['mcp_server']['alias'] == 'git_hub' and real['mcp_server']['transport'] == 'sse'
    assert real['mcp_server']['available_on_public_internet'] is not v1_80 and real['mcp_server']['args'] == []
    assert real['mcp_server'] == check['mcp_server'] and real['diff'] == check['diff']
    assert real['warnings'] == check['warnings'] == []


def test_unhealthy_server_is_reported_and_warned():
    proxy = McpServerProxy()
    options = dict(BASE)
    options['url'] = UNREACHABLE  # (not dict(BASE, url=...): pylint then sees url given twice)
    result = run(proxy, **options)
    assert result['health']['status'] == 'unhealthy'
    assert result['warnings'] == ["MCP server 'github' is unhealthy: All connection attempts failed"]


def test_pinned_id_with_the_name_held_by_another_server_fails_before_writing():
    proxy = McpServerProxy([dict(BASE, server_id='other')])
    result = run(proxy, **BASE)
    assert result['failed'] and "'other' already has the server_name 'github'" in result['msg']
    assert proxy.writes == []


def test_create_raced_by_another_run_converges_that_one():
    proxy = McpServerProxy()
    real_create = proxy.create

    def create_after_another_run(body, path):
        proxy.add_server(**dict(BASE, description='raced'))  # the other run's create lands first
        return real_create(body, path)

    proxy.route('POST', '/v1/mcp/server', create_after_another_run)
    result = run(proxy, description='mine', **BASE)
    assert 'created by another run' in result['warnings'][0]
    assert result['msg'] == 'MCP server updated: description' and proxy.servers['gh']['description'] == 'mine'


def test_delete_and_delete_again():
    proxy = McpServerProxy([BASE])
    assert run(proxy, check_mode=True, server_id='gh', state='absent')['msg'] == 'MCP server would be deleted'
    assert proxy.writes == []
    result = run(proxy, server_id='gh', state='absent')
    assert result['changed'] and proxy.writes == [('DELETE', '/v1/mcp/server/gh', None)]
    assert not run(proxy, server_id='gh', state='absent')['changed']


def test_server_timeout_is_the_servers_timeout_field():
    proxy = McpServerProxy([dict(BASE, timeout=10.0)])
    assert not run(proxy, server_id='gh', server_timeout=10)['changed']
    result = run(proxy, server_id='gh', server_timeout=12.5)
    assert sent(proxy, 'timeout', 'server_timeout') == {'timeout': 12.5}
    assert result['mcp_server']['server_timeout'] == 12.5 and 'timeout' not in result['mcp_server']


def test_extra_settings_pass_through_and_compare_exactly():
    proxy = McpServerProxy([dict(BASE, token_url='https://a/token')])
    assert not run(proxy, server_id='gh', extra_settings={'token_url': 'https://a/token'})['changed']
    result = run(proxy, server_id='gh', extra_settings={'token_url': 'https://b/token'})
    assert sent(proxy, 'token_url') == {'token_url': 'https://b/token'}
    assert result['mcp_server']['token_url'] == 'https://b/token'


@pytest.mark.parametrize('options, message', [
    ({'server_id': ' '}, 'server_id must not be empty'),
    ({'server_id': 'gh', 'rpm': -1}, 'rpm must be 0 or more'),
    ({'server_id': 'gh', 'extra_settings': {'url': 'x'}}, 'extra_settings may not set url'),
    ({'server_id': 'gh', 'extra_settings': {'credentials': {'auth_value': SECRET}}}, 'extra_settings may not set credentials'),
    ({'server_id': 'gh', 'extra_settings': {'timeout': 3}}, 'extra_settings may not set timeout'),
    ({'server_name': 'git-hub', 'url': 'http://x'}, "server_name must not contain '-'"),
    ({'server_id': 'gh', 'alias': 'gh-tools'}, "alias must not contain '-'"),
])
@pytest.mark.parametrize('check_mode', [False, True])
def test_bad_input_fails_before_any_request(options, message, check_mode):
    proxy = McpServerProxy()
    result = run(proxy, check_mode=check_mode, **options)
    assert result['failed'] and message in result['msg'] and proxy.calls == []


def test_info_lists_every_server_with_health_and_no_credentials():
    proxy = McpServerProxy([dict(BASE, credentials={'auth_value': SECRET}), {'server_name': 'b', 'url': UNREACHABLE}])
    result = run(proxy, logic=run_mcp_server_info)
    assert [s['server_name'] for s in result['mcp_servers']] == ['b', 'github']
    assert result['mcp_servers'][0]['health']['status'] == 'unhealthy'
    assert run(proxy, logic=run_mcp_server_info, server_name='GITHUB')['mcp_servers'][0]['server_id'] == 'gh'
    assert run(proxy, logic=run_mcp_server_info, server_id='nope')['mcp_servers'] == []


@pytest.mark.parametrize('check_mode', [True, False])
@pytest.mark.parametrize('options, field', [
    ({'available_on_public_internet': True}, 'available_on_public_internet'), ({'server_timeout': 5}, 'timeout'),
    ({'rpm': 10}, 'rpm'), ({'instructions': 'x'}, 'instructions'), ({'spec_path': '/s.json'}, 'spec_path')])
def test_what_litellm_1_80_cannot_keep_fails_before_any_write(check_mode, options, field):
    for servers in ([], [BASE]):  # a create, an update
        proxy = McpServerProxy(servers, v1_80=True)
        result = run(proxy, check_mode, **dict(BASE, **options))
        assert result['failed'] and result['msg'].startswith('LiteLLM 1.80.17 cannot keep %s' % field), result['msg']
        assert proxy.writes == []
    # false is what a 1.80 server reads as: kept
    assert not run(McpServerProxy([BASE], v1_80=True), available_on_public_internet=False, **BASE)['changed']
