# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The controller fast path: run a module's logic inside the controller instead of starting a module.

A module costs an interpreter start and a module transfer per task (about 0.2-0.3 s); the proxy answers in
milliseconds. For the usual case (a local connection) the action plugin of each module validates the task's
arguments with the module's own argument spec and runs the same logic through module_utils/_runner.py, so
behaviour, messages, check mode, diff, warnings and no_log censoring are the module's. Anything else (another
connection, async, a task `environment`, `litellm_fast_path: false`, no `requests` on the controller) runs the
module as usual.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.common.parameters import remove_values
from ansible.module_utils.errors import UnsupportedError
from ansible.module_utils.parsing.convert_bool import boolean
from ansible.plugins.action import ActionBase

from ansible_collections.berriai.litellm.plugins.module_utils._api import HAS_REQUESTS
from ansible_collections.berriai.litellm.plugins.module_utils._runner import RunCache, execute
from ansible_collections.berriai.litellm.plugins.module_utils._api import ParameterError
from ansible_collections.berriai.litellm.plugins.module_utils._secrets import recognised as recognised_secrets
from ansible_collections.berriai.litellm.plugins.module_utils._secrets import resolve_references

try:
    import requests
except ImportError:
    requests = None

LOCAL_CONNECTIONS = ('local', 'ansible.builtin.local', 'ansible.legacy.local')

# One keep-alive session per proxy and credential for the life of the worker process (one task on one host,
# all its loop items), so a loop does not open a connection per item.
_SESSIONS = {}
# The run cache (team alias -> id, teams and MCP servers seen, the licence) per proxy and credential, for the same
# life: a loop over keys of a few teams looks each team up once, not once per item.
_CACHES = {}


def _connection_of(params):
    return (params.get('api_base'), params.get('api_key'), params.get('validate_certs'), params.get('ca_path'))


def _session_for(params):
    session = _SESSIONS.get(_connection_of(params))
    if session is None:
        session = _SESSIONS[_connection_of(params)] = requests.Session()
    return session


def validate_args(definition, args):
    """(validated parameters, the first error or None, its message, the values no_log censors) of the module's own
    argument validation. The one place that reads a private of ansible-core (ValidationResult._no_log_values, as
    AnsibleModule itself does); tests/unit/plugins/plugin_utils/test_fast_path.py pins it on every ansible-core of
    the matrix. Alias warnings (ValidationResult._warnings) are not read: no module of the collection declares an
    option alias (a test keeps it so)."""
    validation = ArgumentSpecValidator(**definition).validate(dict(args))
    try:
        error = validation.errors[0]
    except IndexError:
        error = None
    return (validation.validated_parameters, error, validation.errors.msg if error is not None else None,
            set(validation._no_log_values))


def _echo(params):
    """The task's arguments as the result shows them (invocation.module_args): every option, as the module does,
    but each item of a list of dicts (litellm_keys' keys, litellm_team's members) with only the sub-options it
    sets. A 1,000-key list echoed with the 40 unset sub-options of every item was two thirds of the result, and
    each byte of it is censored, pickled to the controller's main process and kept in a registered variable."""
    echo = dict(params)
    for name, value in params.items():
        if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
            echo[name] = [dict((sub, setting) for sub, setting in item.items() if setting is not None) for item in value]
    return echo


def _has_environment(environment):
    # The task keyword `environment` is a list of dicts (an empty one by default); the module sees it, the
    # controller process does not, so a task that sets one runs the module.
    if not environment:
        return False
    if isinstance(environment, list):
        return any(bool(entry) for entry in environment)
    return True


class LiteLLMActionBase(ActionBase):
    """Subclasses set DEFINITION (the module's AnsibleModule keyword arguments) and LOGIC (its logic function)."""

    DEFINITION = None
    LOGIC = None
    TRANSFERS_FILES = False
    _VALID_ARGS = None

    def run(self, tmp=None, task_vars=None):
        task_vars = task_vars or {}
        result = super(LiteLLMActionBase, self).run(tmp, task_vars)
        try:
            args = self._resolved_args(task_vars)
        except ParameterError as exc:
            result.update(failed=True, changed=False, msg=str(exc))
            return result
        if not self._fast_path_possible(task_vars):
            result.update(self._execute_module(module_args=args, task_vars=task_vars, wrap_async=self._task.async_val))
            return result
        result.update(self._run_in_controller(args))
        return result

    def _resolved_args(self, task_vars):
        """The task's arguments with the secrets its reference options name (_secrets.REFERENCES) read from a
        variable of the play, on both paths: the task's arguments (a loop item) never hold the secret."""
        def lookup(variable):
            if variable not in task_vars:
                return None
            return self._templar.template(task_vars[variable])
        return resolve_references(dict(self._task.args), lookup)

    def _fast_path_possible(self, task_vars):
        if not HAS_REQUESTS or self._task.async_val or _has_environment(self._task.environment):
            return False
        wanted = task_vars.get('litellm_fast_path', True)
        if isinstance(wanted, str):
            wanted = self._templar.template(wanted)  # a play var such as "{{ fast }}" arrives untemplated
        if not boolean(wanted, strict=False):
            return False
        return getattr(self._connection, 'transport', None) in LOCAL_CONNECTIONS

    def _module_name(self):
        return getattr(self._task, 'resolved_action', None) or self._task.action

    def _run_in_controller(self, args=None):
        args = dict(self._task.args) if args is None else args
        definition = dict(self.DEFINITION)
        supports_check_mode = definition.pop('supports_check_mode', False)
        params, error, msg, no_log_values = validate_args(definition, args)
        no_log_values |= recognised_secrets(args)
        if error is not None:
            if isinstance(error, UnsupportedError):
                msg = 'Unsupported parameters for (%s) module: %s' % (self._module_name(), msg)
            return remove_values({'failed': True, 'msg': msg, 'changed': False}, no_log_values)

        check_mode = bool(self._task.check_mode)
        if check_mode and not supports_check_mode:
            return {'skipped': True, 'msg': 'module (%s) does not support check mode' % self._module_name()}

        outcome = execute(self.LOGIC, params, check_mode=check_mode, diff_mode=bool(self._task.diff),
                          session=_session_for(params), cache=_CACHES.setdefault(_connection_of(params), RunCache()))
        warnings = outcome.pop('warnings', [])
        if warnings:
            outcome['warnings'] = warnings
        outcome.setdefault('failed', False)
        outcome['invocation'] = {'module_args': _echo(params)}
        return remove_values(outcome, no_log_values)
