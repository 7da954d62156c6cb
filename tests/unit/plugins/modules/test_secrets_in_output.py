# -*- coding: utf-8 -*-
# A secret given in a wrong option (issue 19): every value the collection recognises as a secret is censored
# from the task's output, invocation.module_args included, on both paths (the module and the controller fast
# path), in check mode and when the task fails.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

from ansible.release import __version__ as _ansible_core_version

import pytest
from unittest.mock import MagicMock

from ansible_collections.berriai.litellm.plugins.action.litellm_model import ActionModule as ModelAction
from ansible_collections.berriai.litellm.plugins.module_utils import _secrets as secrets
from ansible_collections.berriai.litellm.plugins.module_utils._api import ParameterError
from ansible_collections.berriai.litellm.plugins.plugin_utils import _fast_path as fast_path
from ansible_collections.berriai.litellm.plugins.modules import litellm_model, litellm_team
from ansible_collections.berriai.litellm.tests.unit.plugins.modules.test_bad_input import CONNECTION, run_module
from ansible_collections.berriai.litellm.tests.unit.plugins.modules.test_bad_input import no_network  # noqa: F401 pylint: disable=unused-import

API_KEY = 'plain-api-key-1b2c3d4e'           # not sk- shaped: only its option's name makes it a secret
AWS = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
PRIVATE_KEY = '-----BEGIN PRIVATE KEY-----MIIEv'
IN_METADATA = 'metadata-held-token-9f8e7d'

WRONG_PLACES = [
    (litellm_model, ModelAction, {'model_name': 'm', 'litellm_params': {'model': 'openai/x', 'api_key': API_KEY}},
     API_KEY, 'litellm_params.api_key'),
    (litellm_model, ModelAction, {'model_name': 'm', 'litellm_params': {'model': 'bedrock/x', 'aws_secret_access_key': AWS}},
     AWS, 'litellm_params.aws_secret_access_key'),
    (litellm_model, ModelAction, {'model_name': 'm', 'litellm_params': {
        'model': 'vertex_ai/x', 'vertex_credentials': {'type': 'service_account', 'private_key': PRIVATE_KEY}}},
     PRIVATE_KEY, 'litellm_params.vertex_credentials'),
]


def controller_action(plugin, args, check_mode):
    task = MagicMock()
    task.args = dict(CONNECTION, **args)
    task.action = task.resolved_action = 'berriai.litellm.litellm_model'
    task.check_mode, task.diff, task.async_val, task.environment = check_mode, True, 0, []
    connection = MagicMock()
    connection.transport = 'local'
    templar = MagicMock()
    templar.template.side_effect = lambda value: value
    return plugin(task, connection, MagicMock(), MagicMock(), templar, None)


ANSIBLE_CORE = tuple(int(p) for p in _ansible_core_version.split('.')[:2])


@pytest.mark.parametrize('check_mode', [False, True], ids=['run', 'check'])
@pytest.mark.parametrize('module,action,args,secret,option', WRONG_PLACES, ids=[c[4] for c in WRONG_PLACES])
def test_a_secret_in_a_wrong_option_is_never_shown(module, action, args, secret, option, check_mode, capsys):
    on_module = run_module(module, dict(CONNECTION, _ansible_check_mode=check_mode, **args), capsys)
    in_controller = controller_action(action, args, check_mode)._run_in_controller()
    for result in (on_module, in_controller):
        assert result['failed'] is True and option in result['msg']
        # ansible-core 2.21 no longer puts invocation in a module's own result (the controller adds it)
        assert 'invocation' in result or ANSIBLE_CORE >= (2, 21)
        assert secret not in json.dumps(result)


def test_a_secret_under_a_secret_name_in_metadata_is_never_shown(capsys):
    result = run_module(litellm_team, dict(CONNECTION, team_alias='t', max_budget=-1,
                                           metadata={'owner': 'research', 'slack_token': IN_METADATA}), capsys)
    assert result['failed'] is True
    text = json.dumps(result)
    assert IN_METADATA not in text
    assert 'research' in text or ANSIBLE_CORE >= (2, 21)   # the rest of the metadata stays visible in invocation


def test_what_is_recognised_as_a_secret():
    found = secrets.recognised({
        'key_alias': 'ci-key', 'token': 'a' * 64, 'api_key': 'sk-admin-1234',
        'litellm_params': {'model': 'openai/gpt-4o', 'api_key': API_KEY, 'max_tokens': 4096,
                           'litellm_credential_name': 'openai-cred'},
        'model_info': {'access_groups': ['beta-group']},
        'secret_params': {'api_key': 'sp-value-1234'},
        'credential_values': {'api_base': 'http://x', 'api_key': 'cv-value-1234'},
        'credentials': {'auth_value': 'mcp-auth-1234'},
        'static_headers': {'Authorization': 'Bearer header-1234'},
        'extra_headers': [{'name': 'X-Api-Key', 'value': 'pair-value-1234'}],
        'env': {'GITHUB_TOKEN': 'ghp_env_1234'},
        'metadata': {'note': 'has sk-inside-1234 nowhere', 'pasted': 'sk-pasted-12345'},
        'secret_params_from': {'api_key': 'models/m/api_key'},
        'keys': [{'key_alias': 'bulk-alias', 'key': 'sk-bulk-secret-1'}],
    })
    assert found == set([API_KEY, 'sk-admin-1234', 'sp-value-1234', 'http://x', 'cv-value-1234', 'mcp-auth-1234',
                         'Bearer header-1234', 'pair-value-1234', 'ghp_env_1234', 'sk-pasted-12345',
                         'sk-bulk-secret-1'])


# -- secrets named by reference: resolved on the controller, never in the task's arguments --

VAULTED = {'litellm_secrets': {'models/m1/api_key': API_KEY, 'credentials/c1/api_key': 'cred-secret-5678',
                               'mcp_servers/s1/credentials': {'auth_value': 'mcp-secret-5678'}}}


def lookup_in(variables):
    return variables.get


def test_references_are_resolved_into_the_options_they_fill():
    args = {'model_name': 'm', 'secret_params_from': {'api_key': 'models/m1/api_key'}, 'secret_params': {'other': 'x'}}
    resolved = secrets.resolve_references(args, lookup_in(VAULTED))
    assert resolved['secret_params'] == {'api_key': API_KEY, 'other': 'x'} and 'secret_params_from' not in resolved
    assert 'secret_params' in args and args['secret_params'] == {'other': 'x'}  # the task's own arguments untouched
    resolved = secrets.resolve_references({'credentials_from': 'mcp_servers/s1/credentials'}, lookup_in(VAULTED))
    assert resolved == {'credentials': {'auth_value': 'mcp-secret-5678'}}
    assert secrets.resolve_references({'model_name': 'm'}, lookup_in({})) == {'model_name': 'm'}


@pytest.mark.parametrize('args,variables,phrase', [
    ({'credentials_from': 'x'}, {}, 'credentials_from names entries of the variable litellm_secrets, which is not defined'),
    ({'credentials_from': 'x', 'secrets_variable': 'vault'}, {'vault': 'text'}, 'variable vault, which is not a dictionary'),
    ({'secret_params_from': {'api_key': 'models/nope'}}, VAULTED, "secret_params_from.api_key: the variable litellm_secrets has no entry 'models/nope'"),
    ({'secret_params_from': {'api_key': 'models/m1/api_key'}, 'secret_params': {'api_key': 'y'}}, VAULTED,
     'secret_params_from.api_key is also set in secret_params'),
    ({'credentials_from': 'mcp_servers/s1/credentials', 'credentials': {}}, VAULTED, 'credentials_from and credentials'),
])
def test_a_reference_that_cannot_be_resolved_fails_naming_the_option_and_the_entry(args, variables, phrase):
    with pytest.raises(ParameterError) as failure:
        secrets.resolve_references(args, lookup_in(variables))
    assert phrase in str(failure.value) and API_KEY not in str(failure.value)


@pytest.mark.parametrize('check_mode', [False, True], ids=['run', 'check'])
def test_a_failing_task_with_a_reference_shows_its_error_and_never_the_secret(check_mode, monkeypatch):
    # A secret by reference, and a secret in a wrong option beside it: the task fails naming the option; the
    # resolved secret is in the module's arguments (censored), not in the task's arguments (the loop item).
    args = {'model_name': 'm', 'litellm_params': {'model': 'openai/x', 'aws_secret_access_key': AWS},
            'secret_params_from': {'api_key': 'models/m1/api_key'}}
    plugin = controller_action(ModelAction, args, check_mode)
    monkeypatch.setattr(fast_path.ActionBase, 'run', lambda self, tmp=None, task_vars=None: {})
    result = plugin.run(task_vars=dict(VAULTED))
    assert result['failed'] is True and 'litellm_params.aws_secret_access_key is a secret' in result['msg']
    assert API_KEY not in json.dumps(result) and AWS not in json.dumps(result)
    assert result['invocation']['module_args']['secret_params'] == {'api_key': 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'}
    assert 'secret_params_from' in plugin._task.args and API_KEY not in json.dumps(plugin._task.args)


def test_the_module_path_gets_the_resolved_secret_and_the_loop_item_does_not(monkeypatch):
    plugin = controller_action(ModelAction, {'model_name': 'm', 'secret_params_from': {'api_key': 'models/m1/api_key'}},
                               False)
    sent = {}
    monkeypatch.setattr(fast_path.ActionBase, 'run', lambda self, tmp=None, task_vars=None: {})
    monkeypatch.setattr(plugin, '_fast_path_possible', lambda task_vars: False)
    monkeypatch.setattr(plugin, '_execute_module', lambda **kwargs: sent.update(kwargs) or {'changed': False})
    plugin.run(task_vars=dict(VAULTED))
    assert sent['module_args']['secret_params'] == {'api_key': API_KEY}
    assert 'secret_params_from' not in sent['module_args']


def test_a_missing_entry_fails_before_any_request(monkeypatch):
    plugin = controller_action(ModelAction, {'model_name': 'm', 'secret_params_from': {'api_key': 'models/x'}}, False)
    monkeypatch.setattr(fast_path.ActionBase, 'run', lambda self, tmp=None, task_vars=None: {})
    monkeypatch.setattr(plugin, '_execute_module', lambda **kwargs: pytest.fail('the module ran'))
    result = plugin.run(task_vars=dict(VAULTED))
    assert result == {'failed': True, 'changed': False,
                      'msg': "secret_params_from.api_key: the variable litellm_secrets has no entry 'models/x'"}


def test_a_module_given_an_unresolved_reference_fails(capsys):
    result = run_module(litellm_model, dict(CONNECTION, model_name='m', secret_params_from={'api_key': 'x'}), capsys)
    assert result['failed'] is True and 'secret_params_from is resolved on the controller' in result['msg']
