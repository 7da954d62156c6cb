#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: litellm_budget_info
short_description: List the budgets of a LiteLLM proxy
version_added: 1.1.0
description:
  - Returns the budgets of a LiteLLM proxy with their settings - those made with M(berriai.litellm.litellm_budget)
    and those LiteLLM made itself (for team members, tags, customers and keys with a soft budget, with generated ids).
  - Finds one budget by O(budget_id), or every budget (one C(GET /budget/list)).
  - Never changes anything, so it runs the same in check mode.
author:
  - berriai.litellm contributors (@BerriAI)
extends_documentation_fragment:
  - berriai.litellm.litellm
  - berriai.litellm.litellm.ATTRIBUTES
  - berriai.litellm.litellm.READ_ONLY
options:
  budget_id:
    description:
      - Return the budget with this id. The result is empty when there is none.
    type: str
seealso:
  - module: berriai.litellm.litellm_budget
'''

EXAMPLES = r'''
- name: Every budget of the proxy
  berriai.litellm.litellm_budget_info:
  register: all_budgets

- name: Their ids
  ansible.builtin.debug:
    msg: "{{ all_budgets.budgets | map(attribute='budget_id') }}"
'''

RETURN = r'''
budgets:
  description: The budgets found, sorted by id.
  returned: always
  type: list
  elements: dict
  contains:
    budget_id:
      description: The budget's id.
      type: str
      sample: project-apollo
    max_budget:
      description: The spend in USD after which calls are refused.
      type: float
      sample: 500
    soft_budget:
      description: The spend in USD at which LiteLLM alerts.
      type: float
      sample: 400
    budget_duration:
      description: How often the spend is reset.
      type: str
      sample: 1mo
    max_parallel_requests:
      description: How many requests may run at once.
      type: int
      sample: null
    tpm_limit:
      description: Tokens per minute.
      type: int
      sample: null
    rpm_limit:
      description: Requests per minute.
      type: int
      sample: 600
    tpd_limit:
      description: Tokens per day (null on LiteLLM 1.80).
      type: int
      sample: null
    model_max_budget:
      description: The budget per model.
      type: dict
      sample: {}
    budget_reset_at:
      description: When LiteLLM resets the spend next (ISO 8601), or null.
      type: str
      sample: "2026-12-31T00:00:00Z"
    created_at:
      description: When the budget was created (ISO 8601).
      type: str
      sample: "2026-12-02T22:40:11.120000Z"
    created_by:
      description: The user id of whoever created it.
      type: str
      sample: default_user_id
    updated_at:
      description: When it was last changed (ISO 8601).
      type: str
      sample: "2026-12-02T22:40:11.120000Z"
    updated_by:
      description: The user id of whoever changed it last.
      type: str
      sample: default_user_id
msg:
  description: How many budgets were found.
  returned: always
  type: str
  sample: "1 budget(s) with budget_id 'project-apollo'"
http_requests:
  description: How many HTTP requests the run sent to the proxy, by method.
  returned: always
  type: dict
  sample: {GET: 1}
'''

from ansible_collections.berriai.litellm.plugins.module_utils._api import CONNECTION_ARGSPEC
from ansible_collections.berriai.litellm.plugins.module_utils._budget import run_budget_info
from ansible_collections.berriai.litellm.plugins.module_utils._runner import run_module

# The options documented above; the action plugin (the controller fast path) validates with the same.
ARGUMENT_SPEC = dict(
    CONNECTION_ARGSPEC,
    budget_id=dict(type='str'),
)
MODULE_KWARGS = dict(
    argument_spec=ARGUMENT_SPEC,
    supports_check_mode=True,
)


def main():
    run_module(MODULE_KWARGS, run_budget_info)


if __name__ == '__main__':
    main()
