# -*- coding: utf-8 -*-
# Unit tests of the controller fast path (plugins/plugin_utils/_fast_path.py): when a task runs in the controller
# rather than as a module, and, when it does, that it behaves as the module would: the module's argument
# validation, check mode, no_log censoring and warnings. The action plugin is built with mocked task, connection
# and templar objects; the proxy is the in-memory one of fake_litellm.py.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

import pytest
from unittest.mock import MagicMock

from ansible_collections.berriai.litellm.plugins.action.litellm_key import ActionModule as KeyAction
from ansible_collections.berriai.litellm.plugins.action.litellm_team import ActionModule as TeamAction
from ansible_collections.berriai.litellm.plugins.module_utils import _runner as runner
from ansible_collections.berriai.litellm.plugins.modules.litellm_team import ARGUMENT_SPEC as TEAM_SPEC
from ansible_collections.berriai.litellm.plugins.plugin_utils import _fast_path as fast_path
from ansible_collections.berriai.litellm.tests.unit.plugins.module_utils.fake_litellm import FakeLiteLLM

ADMIN_KEY = 'sk-admin-secret-1234'
SECRET = 'sk-chosen-secret-never-shown'
CONNECTION = {'api_base': 'http://proxy.test:4000', 'api_key': ADMIN_KEY}


def action(plugin=KeyAction, args=None, transport='local', check_mode=False, async_val=0, environment=None):
    task = MagicMock()
    task.args = dict(CONNECTION, **(args or {}))
    task.action = task.resolved_action = 'berriai.litellm.litellm_key'
    task.check_mode, task.diff, task.async_val = check_mode, False, async_val
    task.environment = environment if environment is not None else []
    connection = MagicMock()
    connection.transport = transport
    connection._shell.tmpdir = None
    templar = MagicMock()
    templar.template.side_effect = lambda value: {'{{ fast }}': 'false'}.get(value, value)
    return plugin(task, connection, MagicMock(), MagicMock(), templar, None)


@pytest.fixture
def proxy(monkeypatch):
    """The fake proxy behind every run of the fast path, and what execute() was given (session, run cache)."""
    fake = FakeLiteLLM(teams=[{'team_id': 't1', 'team_alias': 'one'}])
    fake.given = []

    def execute(logic, params, check_mode=False, diff_mode=False, session=None, cache=None):
        fake.given.append((session, cache))
        return runner.execute(logic, params, check_mode, diff_mode, client=fake, cache=cache)

    monkeypatch.setattr(fast_path, 'execute', execute)
    monkeypatch.setattr(fast_path, '_SESSIONS', {})
    monkeypatch.setattr(fast_path, '_CACHES', {})
    return fake


# -- where the task runs --

@pytest.mark.parametrize('settings,task_vars,in_controller', [
    ({}, {}, True),
    ({'transport': 'ansible.builtin.local'}, {}, True),
    ({'transport': 'ssh'}, {}, False),
    ({'async_val': 30}, {}, False),
    ({'environment': [{'HTTPS_PROXY': 'http://squid:3128'}]}, {}, False),
    ({'environment': [{}]}, {}, True),
    ({}, {'litellm_fast_path': False}, False),
    ({}, {'litellm_fast_path': 'no'}, False),
    ({}, {'litellm_fast_path': '{{ fast }}'}, False),
    ({}, {'litellm_fast_path': True}, True),
])
def test_the_task_runs_in_the_controller_only_when_the_module_would_see_the_same(settings, task_vars, in_controller):
    assert action(**settings)._fast_path_possible(task_vars) is in_controller


def test_without_requests_on_the_controller_the_module_runs(monkeypatch):
    monkeypatch.setattr(fast_path, 'HAS_REQUESTS', False)
    assert action()._fast_path_possible({}) is False


def test_run_sends_the_module_when_the_fast_path_is_not_possible(proxy):
    plugin = action(transport='ssh', args={'key_alias': 'ci'})
    plugin._execute_module = MagicMock(return_value={'changed': True, 'msg': 'from the module'})
    result = plugin.run(task_vars={})
    assert result['msg'] == 'from the module'
    plugin._execute_module.assert_called_once_with(module_args=dict(plugin._task.args), task_vars={}, wrap_async=0)
    assert proxy.calls == []


def test_run_in_the_controller_converges_like_the_module(proxy):
    plugin = action(args={'key_alias': 'ci', 'team_id': 't1', 'key': SECRET})
    plugin._execute_module = MagicMock()
    result = plugin.run(task_vars={})
    assert result['failed'] is False and result['changed'] is True and result['msg'] == 'key created'
    assert [read[0] for read in proxy.reads] == ['/key/info', '/key/list', '/key/list', '/team/info', '/key/info']
    assert result['http_requests'] == {'GET': 5, 'POST': 1}
    assert not plugin._execute_module.called
    # the secret is censored everywhere, the module's arguments included
    assert SECRET not in json.dumps(result) and ADMIN_KEY not in json.dumps(result)
    assert result['invocation']['module_args']['key_alias'] == 'ci'


# -- the module's argument validation, check mode and censoring --

@pytest.mark.parametrize('args,phrase', [
    ({'key_alias': 'ci', 'colour': 'blue'}, 'Unsupported parameters for (berriai.litellm.litellm_key) module: colour'),
    ({'key_alias': 'ci', 'max_budget': 'lots'}, 'max_budget'),
    ({'max_budget': 1}, 'one of the following is required: key_alias, key, token'),
    ({'key_alias': 'ci', 'key': SECRET, 'token': 'a' * 64}, 'mutually exclusive'),
])
def test_bad_arguments_fail_as_the_module_would_before_any_request(proxy, args, phrase):
    result = action(args=args)._run_in_controller()
    assert result['failed'] is True and result['changed'] is False and phrase in result['msg']
    assert SECRET not in json.dumps(result) and ADMIN_KEY not in json.dumps(result)
    assert proxy.given == [] and proxy.calls == []


def test_a_module_without_check_mode_is_skipped_in_check_mode(proxy):
    class NoCheckMode(TeamAction):
        DEFINITION = dict(argument_spec=TEAM_SPEC, required_one_of=[('team_id', 'team_alias')])

    result = action(NoCheckMode, args={'team_alias': 'one'}, check_mode=True)._run_in_controller()
    assert result['skipped'] is True and 'does not support check mode' in result['msg']
    assert proxy.calls == []


def test_check_mode_runs_the_logic_and_writes_nothing(proxy):
    result = action(args={'key_alias': 'ci', 'team_id': 't1'}, check_mode=True)._run_in_controller()
    assert result['changed'] is True and result['msg'] == 'key would be created'
    assert proxy.writes == []


def test_no_log_values_are_censored_in_whatever_the_logic_returns(proxy):
    class Echo(KeyAction):
        LOGIC = staticmethod(lambda ctx, params: (ctx.warn('saw %s' % params['key']),
                                                  {'changed': False, 'msg': 'saw %s' % params['key']})[1])

    result = action(Echo, args={'key_alias': 'ci', 'key': SECRET})._run_in_controller()
    assert SECRET not in json.dumps(result) and ADMIN_KEY not in json.dumps(result)
    assert result['msg'].startswith('saw ') and result['warnings'][0].startswith('saw ')


def test_the_seam_reads_the_no_log_values_of_this_ansible_core():
    # validate_args is the one place that reads a private of ansible-core (ValidationResult._no_log_values): this
    # pins it on every ansible-core the units run on
    spec = {'api_key': {'type': 'str', 'no_log': True}, 'key': {'type': 'dict', 'options': {
        'secret': {'type': 'str', 'no_log': True}, 'name': {'type': 'str'}}}, 'count': {'type': 'int'}}
    params, error, msg, no_log = fast_path.validate_args({'argument_spec': spec},
                                                         {'api_key': ADMIN_KEY, 'key': {'secret': SECRET, 'name': 'n'},
                                                          'count': '3'})
    assert (params['count'], error, msg) == (3, None, None)
    assert no_log == {ADMIN_KEY, SECRET}
    params, error, msg, no_log = fast_path.validate_args({'argument_spec': spec}, {'api_key': ADMIN_KEY, 'count': 'x'})
    assert error is not None and 'count' in msg and no_log == {ADMIN_KEY}


def _all_options(spec):
    """(name, option) of every option of `spec`, sub-options included."""
    found, todo = [], list(spec.items())
    while todo:
        name, option = todo.pop()
        found.append((name, option))
        todo.extend((option.get('options') or {}).items())
    return found


def test_no_module_declares_an_option_alias():
    # the fast path does not repeat ansible-core's "Both option X and its alias Y are set" warning (a private of
    # ansible-core it would have to read): no option of the collection has an alias. Adding one means adding that.
    import glob
    import importlib
    import os
    here = os.path.dirname(os.path.abspath(fast_path.__file__))
    names = sorted(os.path.basename(p)[:-3] for p in glob.glob(os.path.join(here, '..', 'modules', 'litellm_*.py')))
    assert len(names) > 10
    for name in names:
        module = importlib.import_module('ansible_collections.berriai.litellm.plugins.modules.' + name)
        spec = getattr(module, 'ARGUMENT_SPEC', None) or module.DEFINITION['argument_spec']
        assert [n for n, option in _all_options(spec) if option.get('aliases')] == [], name


def test_a_loop_shares_one_session_and_one_team_alias_cache_per_proxy(proxy):
    for alias in ('a', 'b'):
        result = action(args={'key_alias': alias, 'team_alias': 'one'})._run_in_controller()
        assert result['changed'] is True
    (session, cache), (again, same) = proxy.given
    assert session is again and cache is same and cache.team_ids == {'one': 't1'}
    assert [read[0] for read in proxy.reads].count('/v2/team/list') == 1


# -- the echo of the task's arguments (issue 24) --

def test_the_echo_keeps_every_option_and_only_the_set_sub_options_of_list_items():
    params = {'api_key': 'x', 'timeout': 30.0, 'ca_path': None,
              'keys': [{'key_alias': 'a', 'max_budget': 1.0, 'user_id': None, 'models': None}],
              'models': ['m1']}
    echo = fast_path._echo(params)
    assert echo == {'api_key': 'x', 'timeout': 30.0, 'ca_path': None, 'keys': [{'key_alias': 'a', 'max_budget': 1.0}],
                    'models': ['m1']}
    assert params['keys'][0]['user_id'] is None  # the logic's parameters are left as they are
