# -*- coding: utf-8 -*-
# Bad input, table-driven, through each module's real entry point (AnsibleModule): every case fails with a
# message naming the option, and not one HTTP request leaves the module.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import contextlib
import json

import pytest

try:
    from ansible.module_utils.testing import patch_module_args
except ImportError:  # ansible-core before 2.19: the arguments AnsibleModule reads are a module global
    from ansible.module_utils import basic

    @contextlib.contextmanager
    def patch_module_args(args):
        saved = basic._ANSIBLE_ARGS
        basic._ANSIBLE_ARGS = json.dumps({'ANSIBLE_MODULE_ARGS': args}).encode('utf-8')
        try:
            yield
        finally:
            basic._ANSIBLE_ARGS = saved

from ansible_collections.berriai.litellm.plugins.module_utils import _api as api
from ansible_collections.berriai.litellm.plugins.modules import (
    litellm_credential, litellm_key, litellm_key_info, litellm_keys, litellm_model, litellm_model_info, litellm_team)
from ansible_collections.berriai.litellm.plugins.modules import litellm_export, litellm_mcp_server, litellm_mcp_server_info
from ansible_collections.berriai.litellm.plugins.modules import litellm_team_member, litellm_user, litellm_user_info
from ansible_collections.berriai.litellm.plugins.modules import litellm_budget, litellm_budget_info
from ansible_collections.berriai.litellm.plugins.modules import litellm_customer, litellm_customer_info
from ansible_collections.berriai.litellm.plugins.modules import litellm_access_group, litellm_access_group_info

CONNECTION = {'api_base': 'http://proxy.test:4000', 'api_key': 'sk-admin-secret-1234'}


class CountingSession(object):
    """Stands in for requests.Session: any request at all is recorded (and answered 500)."""

    instances = []

    def __init__(self):
        self.headers = {}
        self.requests = []
        CountingSession.instances.append(self)

    def request(self, method, url, **kwargs):
        self.requests.append((method, url))
        raise AssertionError('a request was sent: %s %s' % (method, url))

    def mount(self, prefix, adapter):
        pass


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    CountingSession.instances = []
    monkeypatch.setattr(api.requests, 'Session', CountingSession)
    monkeypatch.delenv('LITELLM_API_BASE', raising=False)
    monkeypatch.delenv('LITELLM_API_KEY', raising=False)


def run_module(module, args, capsys):
    with patch_module_args(args):
        with pytest.raises(SystemExit):
            module.main()
    return json.loads(capsys.readouterr().out)


CASES = [
    # (module, arguments, the option the message must name, a phrase it must hold)
    (litellm_team, {'team_alias': 't', 'max_budget': 'lots'}, 'max_budget', 'float'),
    (litellm_team, {'team_alias': 't', 'tpm_limit': '1.5k'}, 'tpm_limit', 'int'),
    (litellm_team, {'team_alias': 't', 'models': {'a': 1}}, 'models', 'list'),
    (litellm_team, {'team_alias': 't', 'metadata': 'owner'}, 'metadata', 'dict'),
    (litellm_team, {'team_alias': 't', 'blocked': 'maybe'}, 'blocked', 'bool'),
    (litellm_team, {'team_alias': 't', 'max_budget': -5}, 'max_budget', 'must be 0 or more'),
    (litellm_team, {'team_alias': 't', 'rpm_limit': -1}, 'rpm_limit', 'must be 0 or more'),
    (litellm_team, {'team_alias': 't', 'budget_duration': 'monthly'}, 'budget_duration', 'LiteLLM duration'),
    (litellm_team, {'team_alias': ''}, 'team_alias', 'must not be empty'),
    (litellm_team, {'team_id': ' '}, 'team_id', 'must not be empty'),
    (litellm_team, {'max_budget': 1}, 'team_id, team_alias', 'one of the following is required'),
    (litellm_team, {'team_alias': 't', 'state': 'gone'}, 'state', 'must be one of'),
    (litellm_team, {'team_alias': 't', 'unlimited': ['models']}, 'unlimited', 'must be one or more of'),
    (litellm_team, {'team_alias': 't', 'unlimited': ['max_budget'], 'max_budget': 3}, 'max_budget', 'both set and listed'),
    (litellm_team, {'team_alias': 't', 'colour': 'blue'}, 'colour', 'Unsupported parameters'),
    (litellm_team, {'team_alias': 't', 'timeout': 0}, 'timeout', 'greater than 0'),
    (litellm_key, {'key_alias': 'k', 'key': 'not-a-litellm-key'}, 'key', 'must start with sk-'),
    (litellm_key, {'key_alias': 'k', 'duration': '30 days'}, 'duration', 'LiteLLM duration'),
    (litellm_key, {'key_alias': 'k', 'team_id': 't', 'team_alias': 't'}, 'team_id|team_alias', 'mutually exclusive'),
    (litellm_key, {'key': 'sk-abcdefgh', 'token': 'abc'}, 'key|token', 'mutually exclusive'),
    (litellm_key, {'models': ['fake']}, 'key_alias, key, token', 'one of the following is required'),
    (litellm_key, {'key_alias': ''}, 'key_alias', 'must not be empty'),
    (litellm_key, {'key_alias': 'k', 'team_id': ' '}, 'team_id', 'must not be empty'),
    (litellm_key, {'key_alias': 'k', 'max_parallel_requests': -2}, 'max_parallel_requests', 'must be 0 or more'),
    (litellm_key, {'key_alias': 'k', 'max_budget': -0.01}, 'max_budget', 'must be 0 or more'),
    (litellm_key, {'key_alias': 'k', 'on_team_change': 'ignore'}, 'on_team_change', 'must be one of'),
    (litellm_key, {'key': 'sk-abcdefgh', 'regenerate': True}, 'regenerate', 'cannot be used with key'),
    (litellm_key, {'key_alias': 'k', 'retries': -1}, 'retries', '0 or more'),
    (litellm_keys, {'keys': [{'key_alias': 'a'}, {'key_alias': 'a'}]}, 'keys[0] and keys[1]', 'same key'),
    (litellm_keys, {'keys': [{'key_alias': 'a', 'tpm_limit': -1}]}, 'keys[0]: tpm_limit', 'must be 0 or more'),
    (litellm_keys, {'keys': [{'key_alias': 'a'}], 'concurrency': 0}, 'concurrency', 'between 1 and 32'),
    (litellm_keys, {'keys': [{'key_alias': 'a', 'wat': 1}]}, 'wat', 'Unsupported parameters'),
    (litellm_key, {'token': 'sk-' + 'a' * 40}, 'token', 'not the key itself'),
    (litellm_key, {'token': 'A' * 64}, 'token', '64 lower-case hex'),
    (litellm_key, {'key_alias': 'k', 'max_budget': 'nan'}, 'max_budget', 'finite number'),
    (litellm_keys, {'keys': [{'token': 'sk-' + 'a' * 40}]}, 'keys[0]: token', 'not the key itself'),
    (litellm_keys, {'keys': [{'key_alias': 'a', 'max_budget': 'inf'}]}, 'keys[0]: max_budget', 'finite number'),
    (litellm_key_info, {'token': 'abc'}, 'token', '64 lower-case hex'),
    (litellm_team, {'team_alias': 't', 'max_budget': 'inf'}, 'max_budget', 'finite number'),
    (litellm_credential, {}, 'credential_name', 'missing required arguments'),
    (litellm_credential, {'credential_name': 'c', 'credential_values': {'a': 'b'}, 'credential_values_to_delete': ['a']},
     'credential_values_to_delete', 'choose one'),
    (litellm_credential, {'credential_name': 'c', 'update_secrets': 'sometimes'}, 'update_secrets', 'must be one of'),
    (litellm_credential, {'credential_name': 'c', 'purge_credential_values': True}, 'purge_credential_values',
     'needs credential_values'),
    (litellm_credential, {'credential_name': ''}, 'credential_name', 'must not be empty'),
    (litellm_model, {'model_id': 'm', 'litellm_params': {'model': 'x', 'api_key': 'x'}}, 'litellm_params.api_key',
     'secret_params'),
    (litellm_model, {'litellm_params': {'model': 'x'}}, 'model_id, model_name', 'one of the following is required'),
    (litellm_model, {'model_id': 'm', 'model_info': {'id': 'x'}}, 'model_info.id', 'model_id'),
    (litellm_model, {'model_id': 'm', 'litellm_params': 'openai/x'}, 'litellm_params', 'dict'),
    (litellm_model, {'model_id': 'm', 'update_secrets': 'never'}, 'update_secrets', 'must be one of'),
    (litellm_model_info, {'model_id': 'a', 'model_name': 'b'}, 'model_id|model_name', 'mutually exclusive'),
    (litellm_mcp_server, {'server_id': 'm', 'rpm': -5}, 'rpm', '0 or more'),
    (litellm_mcp_server, {'server_id': 'm', 'server_timeout': 'soon'}, 'server_timeout', 'float'),
    (litellm_mcp_server, {'server_id': 'm', 'transport': 'carrier-pigeon'}, 'transport', 'one of'),
    (litellm_mcp_server, {'server_id': 'm', 'extra_settings': {'url': 'x'}}, 'extra_settings|url', 'may not set'),
    (litellm_mcp_server, {'server_name': ' '}, 'server_name', 'must not be empty'),
    (litellm_mcp_server, {'server_name': 'git-hub'}, 'server_name', "must not contain '-'"),
    (litellm_mcp_server, {'server_id': 'm', 'extra_settings': {'credentials': {'auth_value': 'x'}}},
     'extra_settings|credentials', 'may not set'),
    (litellm_mcp_server_info, {'server_id': 'a', 'server_name': 'b'}, 'server_id|server_name', 'mutually exclusive'),
    (litellm_budget, {}, 'budget_id', 'missing required arguments'),
    (litellm_budget, {'budget_id': 'b', 'max_budget': -1}, 'max_budget', 'must be 0 or more'),
    (litellm_budget, {'budget_id': 'b', 'budget_duration': 'monthly'}, 'budget_duration', 'LiteLLM duration'),
    (litellm_budget, {'budget_id': 'b', 'unlimited': ['spend']}, 'unlimited', 'one or more of'),
    (litellm_budget, {'budget_id': 'b', 'tpm_limit': 5, 'unlimited': ['tpm_limit']}, 'tpm_limit', 'both set'),
    (litellm_budget, {'budget_id': 'b', 'model_max_budget': {'m': {'tpm_limit': -1}}},
     'model_max_budget[m].tpm_limit', '0 or more'),
    (litellm_budget_info, {'budget_id': ''}, 'budget_id', 'must not be empty'),
    (litellm_access_group, {'models': ['m']}, 'access_group_name', 'missing required'),
    (litellm_access_group, {'access_group_name': ' '}, 'access_group_name', 'must not be empty'),
    (litellm_access_group, {'access_group_name': 'g', 'teams': 'a,'}, 'teams', 'must not hold an empty entry'),
    (litellm_access_group, {'access_group_name': 'g', 'keys': ['sk-live-secret-9']}, 'keys', "never a key's secret"),
    (litellm_access_group, {'access_group_name': 'g', 'models': {'a': 1}}, 'models', 'list'),
    (litellm_access_group, {'access_group_name': 'g', 'state': 'gone'}, 'state', 'must be one of'),
    (litellm_access_group_info, {'access_group_name': ''}, 'access_group_name', 'must not be empty'),
    (litellm_export, {'kinds': ['everything']}, 'kinds', 'one or more of'),
    (litellm_export, {'var_prefix': 'my prefix-'}, 'var_prefix', 'valid variable names'),
    (litellm_export, {'var_prefix': '1st_'}, 'var_prefix', 'valid variable names'),
    (litellm_export, {'secrets_variable': 'vault.secrets'}, 'secrets_variable', 'valid variable names'),
    (litellm_user, {'user_id': 'u', 'max_budget': -1}, 'max_budget', 'must be 0 or more'),
    (litellm_user, {'user_id': 'u', 'budget_duration': 'monthly'}, 'budget_duration', 'LiteLLM duration'),
    (litellm_user, {'user_alias': 'x'}, 'user_id, user_email', 'one of the following is required'),
    (litellm_user, {'user_id': 'u', 'user_role': 'god'}, 'user_role', 'must be one of'),
    (litellm_user, {'user_id': ''}, 'user_id', 'must not be empty'),
    (litellm_user, {'user_id': 'u', 'unlimited': ['max_budget'], 'max_budget': 1}, 'max_budget', 'both set and listed'),
    (litellm_user, {'user_id': 'u', 'unlimited': ['models']}, 'unlimited', 'must be one or more of'),
    (litellm_team_member, {'team_id': 't'}, 'user_id, user_email', 'one of the following is required'),
    (litellm_team_member, {'user_id': 'u'}, 'team_id, team_alias', 'one of the following is required'),
    (litellm_team_member, {'team_id': 't', 'user_id': 'u', 'role': 'owner'}, 'role', 'must be one of'),
    (litellm_team_member, {'team_id': 't', 'team_alias': 't', 'user_id': 'u'}, 'team_id|team_alias', 'mutually exclusive'),
    (litellm_team_member, {'team_id': 't', 'user_id': 'u', 'user_email': 'e'}, 'user_id|user_email', 'mutually exclusive'),
    (litellm_team_member, {'team_id': 't', 'user_id': 'u', 'max_budget_in_team': -2}, 'max_budget_in_team',
     'must be 0 or more'),
    (litellm_team_member, {'team_id': 't', 'user_id': 'u', 'budget_duration': '1 month'}, 'budget_duration',
     'LiteLLM duration'),
    (litellm_user_info, {'user_id': 'a', 'user_email': 'b'}, 'user_id|user_email', 'mutually exclusive'),
    (litellm_team, {'team_alias': 't', 'members': [{'role': 'user'}]}, 'members[0]', 'one of user_id and user_email'),
    (litellm_team, {'team_alias': 't', 'members': [{'user_id': 'a', 'role': 'owner'}]}, 'role', 'must be one of'),
    (litellm_team, {'team_alias': 't', 'members': [{'user_email': 'a@x.org'}, {'user_email': 'A@x.org'}]}, 'members[1]', 'second time'),
    # issue 11's settings: wrong type, negative, unknown value
    (litellm_key, {'key_alias': 'k', 'aliases': 'fast'}, 'aliases', 'dict'),
    (litellm_key, {'key_alias': 'k', 'soft_budget': -1}, 'soft_budget', 'must be 0 or more'),
    (litellm_key, {'key_alias': 'k', 'key_type': 'admin'}, 'key_type', 'must be one of'),
    (litellm_key, {'key_alias': 'k', 'rpm_limit_type': 'fast'}, 'rpm_limit_type', 'must be one of'),
    (litellm_key, {'key_alias': 'k', 'model_rpm_limit': {'fake': -3}}, 'model_rpm_limit', 'whole number of 0 or more'),
    (litellm_key, {'key_alias': 'k', 'auto_rotate': True}, 'auto_rotate', 'needs rotation_interval'),
    (litellm_key, {'key_alias': 'k', 'object_permission': {'models': 'x', 'bogus': []}}, 'bogus', 'Unsupported'),
    (litellm_key, {'key_alias': 'k', 'user_id': ' '}, 'user_id', 'must not be empty'),
    (litellm_team, {'team_alias': 't', 'model_aliases': ['a']}, 'model_aliases', 'dict'),
    (litellm_team, {'team_alias': 't', 'team_member_budget': -1}, 'team_member_budget', 'must be 0 or more'),
    (litellm_team, {'team_alias': 't', 'team_member_budget_duration': 'monthly'}, 'team_member_budget_duration',
     'LiteLLM duration'),
    (litellm_team, {'team_alias': 't', 'soft_budget': 9, 'max_budget': 5}, 'soft_budget', 'lower than max_budget'),
    (litellm_team, {'team_alias': 't', 'team_member_permissions': {'a': 1}}, 'team_member_permissions', 'list'),
    # litellm_customer (issue 22)
    (litellm_customer, {}, 'user_id', 'missing required arguments'),
    (litellm_customer, {'user_id': ''}, 'user_id', 'must not be empty'),
    (litellm_customer, {'user_id': 'c', 'budget_id': 'free', 'max_budget': 1}, 'budget_id|max_budget', 'mutually exclusive'),
    (litellm_customer, {'user_id': 'c', 'budget_id': 'free', 'unlimited': ['rpm_limit']}, 'budget_id|unlimited',
     'mutually exclusive'),
    (litellm_customer, {'user_id': 'c', 'max_budget': -1}, 'max_budget', 'must be 0 or more'),
    (litellm_customer, {'user_id': 'c', 'budget_duration': 'monthly'}, 'budget_duration', 'LiteLLM duration'),
    (litellm_customer, {'user_id': 'c', 'allowed_model_region': 'mars'}, 'allowed_model_region', 'must be one of'),
    (litellm_customer, {'user_id': 'c', 'unlimited': ['blocked']}, 'unlimited', 'must be one or more of'),
    (litellm_customer, {'user_id': 'c', 'unlimited': ['max_budget'], 'max_budget': 1}, 'max_budget', 'both set and listed'),
    (litellm_customer_info, {'user_id': ' '}, 'user_id', 'must not be empty'),
]


@pytest.mark.parametrize('module,args,option,phrase', CASES,
                         ids=['%s-%s' % (c[0].__name__.rsplit('.', 1)[-1], c[2]) for c in CASES])
def test_bad_input_fails_naming_the_option_before_any_request(module, args, option, phrase, capsys):
    result = run_module(module, dict(CONNECTION, **args), capsys)
    assert result['failed'] is True
    assert result.get('changed', False) is False
    for name in option.split('|'):
        assert name in result['msg']
    assert phrase in result['msg']
    assert 'Traceback' not in json.dumps(result)
    assert CONNECTION['api_key'] not in json.dumps(result)
    assert all(not s.requests for s in CountingSession.instances)


@pytest.mark.parametrize('missing,phrase', [
    ('api_base', 'LITELLM_API_BASE'),
    ('api_key', 'LITELLM_API_KEY'),
])
def test_missing_connection_settings_name_the_option_and_the_variable(missing, phrase, capsys):
    args = dict(CONNECTION, team_alias='t')
    del args[missing]
    result = run_module(litellm_team, args, capsys)
    assert result['failed'] is True
    assert missing in result['msg'] and phrase in result['msg']
    assert all(not s.requests for s in CountingSession.instances)


def test_connection_settings_come_from_the_environment(monkeypatch, capsys):
    monkeypatch.setenv('LITELLM_API_BASE', 'http://from-env.test:4000')
    monkeypatch.setenv('LITELLM_API_KEY', 'sk-from-the-environment')
    result = run_module(litellm_team, {'team_alias': 't', 'max_budget': -1}, capsys)
    # Validation still fails first, but the connection options were accepted from the environment.
    assert 'max_budget must be 0 or more' in result['msg']
    assert 'sk-from-the-environment' not in json.dumps(result)
