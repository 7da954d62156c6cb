# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

# Runs berriai.litellm.litellm_plan inside the controller: it predicts every item of a vars file with the logic of
# the item's own module, which only the controller can import (a module carries module_utils, not other modules).

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.common.parameters import remove_values
from ansible.plugins.action import ActionBase

from ansible_collections.berriai.litellm.plugins.module_utils._access_group import run_access_group
from ansible_collections.berriai.litellm.plugins.module_utils._api import HAS_REQUESTS, secret_looking_values
from ansible_collections.berriai.litellm.plugins.module_utils._budget import run_budget
from ansible_collections.berriai.litellm.plugins.module_utils._bulk import run_keys
from ansible_collections.berriai.litellm.plugins.module_utils._credential import run_credential
from ansible_collections.berriai.litellm.plugins.module_utils._customer import run_customer
from ansible_collections.berriai.litellm.plugins.module_utils._mcp_server import run_mcp_server
from ansible_collections.berriai.litellm.plugins.module_utils._model import run_model
from ansible_collections.berriai.litellm.plugins.module_utils._plan import PLAN_ARGSPEC, run_plan
from ansible_collections.berriai.litellm.plugins.module_utils._runner import execute
from ansible_collections.berriai.litellm.plugins.module_utils._team import run_team
from ansible_collections.berriai.litellm.plugins.module_utils._team_member import run_team_member
from ansible_collections.berriai.litellm.plugins.module_utils._user import run_user
from ansible_collections.berriai.litellm.plugins.modules import (
    litellm_credential, litellm_key, litellm_mcp_server, litellm_model, litellm_team, litellm_team_member,
    litellm_user)
from ansible_collections.berriai.litellm.plugins.modules import litellm_customer
from ansible_collections.berriai.litellm.plugins.modules import litellm_budget
from ansible_collections.berriai.litellm.plugins.modules import litellm_access_group

# kind -> (the argument spec its items are validated with, the logic that predicts them)
MODULES = {
    'credentials': (litellm_credential.MODULE_KWARGS, run_credential),
    'models': (litellm_model.MODULE_KWARGS, run_model),
    'mcp_servers': (litellm_mcp_server.MODULE_KWARGS, run_mcp_server),
    'budgets': (litellm_budget.MODULE_KWARGS, run_budget),
    'users': (litellm_user.MODULE_KWARGS, run_user),
    'teams': (litellm_team.MODULE_KWARGS, run_team),
    'team_members': (litellm_team_member.MODULE_KWARGS, run_team_member),
    'keys': (litellm_key.MODULE_KWARGS, run_keys),  # each item as litellm_key's options, all in one bulk check
    'customers': (litellm_customer.MODULE_KWARGS, run_customer),
    'access_groups': (litellm_access_group.MODULE_KWARGS, run_access_group),
}


class ActionModule(ActionBase):
    TRANSFERS_FILES = False

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        if not HAS_REQUESTS:
            result.update(failed=True, msg='litellm_plan needs the Python library requests on the controller')
            return result
        validation = ArgumentSpecValidator(PLAN_ARGSPEC).validate(dict(self._task.args))
        no_log_values = validation._no_log_values | secret_looking_values(self._task.args)
        if validation.errors.errors:
            result.update(failed=True, changed=False, msg=validation.errors.msg)
            return remove_values(result, no_log_values)
        params = validation.validated_parameters
        found = {}

        def logic(ctx, params):
            outcome, item_no_log = run_plan(ctx, params, MODULES, ArgumentSpecValidator)
            found['no_log'] = item_no_log
            return outcome

        outcome = execute(logic, params, check_mode=bool(self._task.check_mode), diff_mode=bool(self._task.diff))
        warnings = outcome.pop('warnings', [])
        if warnings:
            outcome['warnings'] = warnings
        outcome.setdefault('failed', False)
        result.update(outcome)
        # No invocation: the items hold secrets; each module's no_log options and every sk- value are censored.
        return remove_values(result, no_log_values | found.get('no_log', set()))
