#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: litellm_budget
short_description: Manage a budget of a LiteLLM proxy that keys refer to by id
version_added: 1.1.0
description:
  - Creates, updates and deletes a budget of a LiteLLM proxy (C(/budget/new), C(/budget/update),
    C(/budget/delete)), idempotently. Keys use it by its id (O(berriai.litellm.litellm_key#module:budget_id)).
  - The budget is found by its O(budget_id), which the task chooses and LiteLLM cannot change.
  - Each run reads the budgets, compares the budget with the options the task sets, and changes only what differs.
    Options the task leaves out are not managed and keep their value.
  - LiteLLM also makes budgets itself (for team members, tags, customers, and keys with a soft budget). This module
    changes only the budget it names; M(berriai.litellm.litellm_budget_info) lists them all.
author:
  - berriai.litellm contributors (@BerriAI)
extends_documentation_fragment:
  - berriai.litellm.litellm
  - berriai.litellm.litellm.ATTRIBUTES
attributes:
  check_mode:
    description: Can run in check_mode and return changed status prediction without modifying target.
    support: full
    details: Check mode reads the proxy and predicts the same result, diff and warnings as a real run, with no write request.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check_mode), when in diff mode.
    support: full
    details: The diff shows the budget's settings before and after.
options:
  state:
    description:
      - V(present) creates the budget or brings it to the requested settings.
      - V(absent) deletes it. An absent budget is left alone. The keys (and members, customers, tags) that use it
        lose it (LiteLLM sets their C(budget_id) to null) and are not deleted.
    type: str
    choices: [present, absent]
    default: present
  budget_id:
    description:
      - The budget's id, its identity.
    type: str
    required: true
  max_budget:
    description:
      - The spend in USD after which calls are refused. Use O(unlimited) to remove it.
    type: float
  soft_budget:
    description:
      - The spend in USD at which LiteLLM sends budget alerts; calls are not refused. Use O(unlimited) to remove it.
    type: float
  budget_duration:
    description:
      - How often the spend is reset, as a LiteLLM duration (V(30s), V(10m), V(12h), V(30d), V(2w), V(1mo)).
        LiteLLM sets the next reset time when it changes.
    type: str
  max_parallel_requests:
    description:
      - How many requests may run at once. Use O(unlimited) to remove the limit.
    type: int
  tpm_limit:
    description:
      - Tokens per minute. Use O(unlimited) to remove the limit.
    type: int
  rpm_limit:
    description:
      - Requests per minute. Use O(unlimited) to remove the limit.
    type: int
  tpd_limit:
    description:
      - Tokens per day, charged by batch submissions. Use O(unlimited) to remove the limit.
      - LiteLLM 1.80 has no such limit; there the module fails before any write when it is set.
    type: int
  model_max_budget:
    description:
      - "A budget per model - the model's name with a dictionary of C(max_budget), C(budget_duration),
        C(tpm_limit) and C(rpm_limit), for example C({gpt-4o: {max_budget: 100, budget_duration: 1d}}).
        Compared as a whole; V({}) removes every model budget."
      - LiteLLM 1.108 needs an Enterprise licence for it; on a proxy without one the module fails before any write
        (C(/health/license) tells). LiteLLM 1.80 keeps it without a licence.
    type: dict
  unlimited:
    description:
      - Budgets and limits to set back to unlimited (no value), for example V([max_budget, tpm_limit]).
      - An option cannot be both set and listed here.
    type: list
    elements: str
    choices: [max_budget, soft_budget, budget_duration, max_parallel_requests, tpm_limit, rpm_limit, tpd_limit]
notes:
  - "LiteLLM signals a missing budget weakly: its update and delete answer a missing budget with success and
    nothing (C(null)). The module looks the budget up in C(/budget/list) (one C(GET); C(/budget/info) is a C(POST)),
    creates a budget that was deleted while the task updated it again (warning), and takes a delete answered
    C(null) as a budget already gone."
  - A write is verified with the database row the proxy answers it with (no further read).
  - A budget has no field that could carry the collection's ownership marker, so the role
    C(berriai.litellm.proxy) never prunes budgets; delete one with
    O(state=absent).
seealso:
  - module: berriai.litellm.litellm_budget_info
  - module: berriai.litellm.litellm_key
'''

EXAMPLES = r'''
- name: A monthly budget shared by the keys of a project
  berriai.litellm.litellm_budget:
    api_base: https://litellm.example.com
    api_key: "{{ litellm_admin_key }}"
    budget_id: project-apollo
    max_budget: 500
    soft_budget: 400
    budget_duration: 1mo
    rpm_limit: 600

- name: A key that uses it
  berriai.litellm.litellm_key:
    key_alias: apollo-ci
    budget_id: project-apollo

- name: No more request limit
  berriai.litellm.litellm_budget:
    budget_id: project-apollo
    unlimited: [rpm_limit]

- name: Delete it (its keys keep working, without a budget)
  berriai.litellm.litellm_budget:
    budget_id: project-apollo
    state: absent
'''

RETURN = r'''
budget:
  description:
    - The budget as it stands after the run (predicted in check mode), normalised. Empty when it was deleted or is
      absent.
  returned: always
  type: dict
  sample:
    budget_id: project-apollo
    max_budget: 500
    soft_budget: 400
    budget_duration: 1mo
    max_parallel_requests: null
    tpm_limit: null
    rpm_limit: 600
    tpd_limit: null
    model_max_budget: {}
budget_id:
  description: The budget's id.
  returned: always
  type: str
  sample: project-apollo
msg:
  description: What the run did, in a few words.
  returned: always
  type: str
  sample: "budget updated: max_budget"
http_requests:
  description: How many HTTP requests the run sent to the proxy, by method.
  returned: always
  type: dict
  sample: {GET: 1, POST: 1}
outcome:
  description:
    - What the run did (or, in check mode, would do) to the budget, one of V(created), V(updated), V(recreated),
      V(deleted), V(unchanged).
  returned: always
  type: str
  sample: updated
recreated:
  description: Whether the budget was created again (it was deleted while the task updated it).
  returned: always
  type: bool
  sample: false
recreate_reason:
  description: Why the budget was recreated, or null when it was not.
  returned: always
  type: str
  sample: null
'''

from ansible_collections.berriai.litellm.plugins.module_utils._budget import BUDGET, run_budget
from ansible_collections.berriai.litellm.plugins.module_utils._runner import run_module

# The options documented above; the action plugin (the controller fast path) validates with the same.
ARGUMENT_SPEC = BUDGET.argspec()
MODULE_KWARGS = dict(
    argument_spec=ARGUMENT_SPEC,
    supports_check_mode=True,
)


def main():
    run_module(MODULE_KWARGS, run_budget)


if __name__ == '__main__':
    main()
