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
                                                            credentials={'auth_value': SECRET}))]
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


def test_update_is_partial_and_says_what_changed():
    proxy = McpServerProxy([dict(BASE, mcp_access_groups=['dev'])])
    result = run(proxy, server_id='gh', description='GitHub tools', allowed_tools=['b', 'a'])
    assert result['msg'] == 'MCP server updated: allowed_tools, description'
    assert proxy.writes == [('PUT', '/v1/mcp/server', {'server_id': 'gh', 'description': 'GitHub tools',
                                                       'allowed_tools': ['b', 'a']})]
    assert proxy.servers['gh']['mcp_access_groups'] == ['dev']
    assert result['diff']['after']['allowed_tools'] == ['a', 'b'] and result['diff']['before']['allowed_tools'] == []


def test_check_mode_update_writes_nothing():
    proxy = McpServerProxy([BASE])
    result = run(proxy, check_mode=True, server_id='gh', description='new')
    assert result['msg'] == 'MCP server would be updated: description' and proxy.writes == []


def test_update_secrets_always_sends_them_every_run():
    proxy = McpServerProxy([dict(BASE, credentials={'auth_value': 'old'})])
    result = run(proxy, credentials={'auth_value': SECRET}, update_secrets='always', **BASE)
    assert result['changed'] and result['msg'] == 'MCP server updated: credentials'
    assert proxy.writes == [('PUT', '/v1/mcp/server', {'server_id': 'gh', 'credentials': {'auth_value': SECRET}})]
    assert result['diff']['before'] == result['diff']['after']


def test_found_by_name_case_insensitively_and_renamed():
    proxy = McpServerProxy([dict(BASE, server_name='GitHub')])
    result = run(proxy, server_name='github', description='x')
    assert result['server_id'] == 'gh' and proxy.writes[0][2] == {'server_id': 'gh', 'description': 'x',
                                                                  'server_name': 'github'}


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
    assert proxy.writes == [('PUT', '/v1/mcp/server', {'server_id': 'gh', 'timeout': 12.5})]
    assert result['mcp_server']['server_timeout'] == 12.5 and 'timeout' not in result['mcp_server']


def test_extra_settings_pass_through_and_compare_exactly():
    proxy = McpServerProxy([dict(BASE, token_url='https://a/token')])
    assert not run(proxy, server_id='gh', extra_settings={'token_url': 'https://a/token'})['changed']
    result = run(proxy, server_id='gh', extra_settings={'token_url': 'https://b/token'})
    assert proxy.writes == [('PUT', '/v1/mcp/server', {'server_id': 'gh', 'token_url': 'https://b/token'})]
    assert result['mcp_server']['token_url'] == 'https://b/token'


@pytest.mark.parametrize('options, message', [
    ({'server_id': ' '}, 'server_id must not be empty'),
    ({'server_id': 'gh', 'rpm': -1}, 'rpm must be 0 or more'),
    ({'server_id': 'gh', 'extra_settings': {'url': 'x'}}, 'extra_settings may not set url'),
])
def test_bad_input_fails_before_any_request(options, message):
    proxy = McpServerProxy()
    result = run(proxy, **options)
    assert result['failed'] and message in result['msg'] and proxy.calls == []


def test_info_lists_every_server_with_health_and_no_credentials():
    proxy = McpServerProxy([dict(BASE, credentials={'auth_value': SECRET}), {'server_name': 'b', 'url': UNREACHABLE}])
    result = run(proxy, logic=run_mcp_server_info)
    assert [s['server_name'] for s in result['mcp_servers']] == ['b', 'github']
    assert result['mcp_servers'][0]['health']['status'] == 'unhealthy'
    assert run(proxy, logic=run_mcp_server_info, server_name='GITHUB')['mcp_servers'][0]['server_id'] == 'gh'
    assert run(proxy, logic=run_mcp_server_info, server_id='nope')['mcp_servers'] == []
