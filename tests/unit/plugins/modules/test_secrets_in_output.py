# -*- coding: utf-8 -*-
# A secret given in a wrong option (issue 19): every value the collection recognises as a secret is censored
# from the task's output, invocation.module_args included, on both paths (the module and the controller fast
# path), in check mode and when the task fails.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

import pytest
from unittest.mock import MagicMock

from ansible_collections.berriai.litellm.plugins.action.litellm_model import ActionModule as ModelAction
from ansible_collections.berriai.litellm.plugins.module_utils import _secrets as secrets
from ansible_collections.berriai.litellm.plugins.modules import litellm_model, litellm_team
from ansible_collections.berriai.litellm.tests.unit.plugins.modules.test_bad_input import (  # noqa: F401 (fixture)
    CONNECTION, no_network, run_module)

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


@pytest.mark.parametrize('check_mode', [False, True], ids=['run', 'check'])
@pytest.mark.parametrize('module,action,args,secret,option', WRONG_PLACES, ids=[c[4] for c in WRONG_PLACES])
def test_a_secret_in_a_wrong_option_is_refused_and_never_shown(module, action, args, secret, option, check_mode,
                                                                capsys):
    on_module = run_module(module, dict(CONNECTION, _ansible_check_mode=check_mode, **args), capsys)
    in_controller = controller_action(action, args, check_mode)._run_in_controller()
    for result in (on_module, in_controller):
        assert result['failed'] is True and option in result['msg']
        assert 'invocation' in result
        assert secret not in json.dumps(result)


def test_a_secret_under_a_secret_name_in_metadata_is_never_shown(capsys):
    result = run_module(litellm_team, dict(CONNECTION, team_alias='t', max_budget=-1,
                                           metadata={'owner': 'research', 'slack_token': IN_METADATA}), capsys)
    assert result['failed'] is True
    text = json.dumps(result)
    assert IN_METADATA not in text and 'research' in text


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
