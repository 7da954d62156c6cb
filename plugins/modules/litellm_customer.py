#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: litellm_customer
short_description: Manage a customer (an end user) of a LiteLLM proxy
version_added: 1.1.0
description:
  - Creates, updates and deletes a customer of a LiteLLM proxy (C(/customer/*)), idempotently. A customer is an
    end user of your application, named by the C(user) field of the requests your application sends; LiteLLM
    applies the customer's budget, limits, models and blocked flag to those requests.
  - Works on the open-source proxy (no licence). Options the task leaves out are not managed and keep their value.
  - "The customer's budget is either a named budget it shares (O(budget_id), for example one made with
    C(berriai.litellm.litellm_budget)), or a budget of its own: O(max_budget), O(budget_duration), O(tpm_limit),
    O(rpm_limit). LiteLLM keeps a budget of its own in a budget row it makes for the customer (its id is a UUID);
    the module changes that row (C(/budget/update)) and never deletes a budget row: deleting the customer leaves
    it on the proxy, as LiteLLM does."
  - A budget row whose id is a UUID (as LiteLLM makes them) is taken for the customer's own; any other id is a named
    budget. Do not link several customers to one budget with a UUID id, or the module would change it as the
    customer's own.
  - Limits of its own on a customer that shares a named budget give it a budget row of its own with the limits
    asked and the shared budget's other limits; the shared budget is not changed.
  - A customer has no metadata, so it cannot carry the collection's ownership marker; the role
    C(berriai.litellm.proxy) and M(berriai.litellm.litellm_plan) never prune customers (delete one with
    O(state=absent)).
  - "LiteLLM 1.80: customers have no O(models), and a blocked customer cannot be unblocked (its
    C(/customer/update) drops C(blocked: false), and C(/customer/unblock) needs LiteLLM Enterprise): both fail
    before any write, naming the version."
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
    details: The diff shows the managed fields before and after.
options:
  state:
    description:
      - V(present) creates the customer or brings it to the requested settings.
      - V(absent) deletes it (its budget row stays on the proxy). An absent customer is left alone.
    type: str
    choices: [present, absent]
    default: present
  user_id:
    description:
      - The customer's id, the C(user) your application sends in its requests. It cannot be changed.
    type: str
    required: true
  alias:
    description:
      - A human-friendly name, shown in the LiteLLM UI and its spend reports.
    type: str
  blocked:
    description:
      - Whether the proxy refuses every request of this customer.
    type: bool
  allowed_model_region:
    description:
      - Send the customer's requests only to models in this region.
    type: str
    choices: [eu, us]
  default_model:
    description:
      - The model to use when no model of O(allowed_model_region) fits. LiteLLM checks it exists when the customer is
        created.
    type: str
  models:
    description:
      - The models the customer may use; an empty list means no restriction. Compared as a set.
      - LiteLLM 1.80 has no models for customers; the module fails there before any write.
    type: list
    elements: str
  budget_id:
    description:
      - A named budget the customer shares (made with C(berriai.litellm.litellm_budget) or C(/budget/new)).
      - Cannot be used with O(max_budget), O(budget_duration), O(tpm_limit), O(rpm_limit) or O(unlimited), which
        are the limits of a budget of its own.
    type: str
  max_budget:
    description:
      - The customer's own budget in USD. Use O(unlimited) to remove it.
    type: float
  budget_duration:
    description:
      - How often the customer's spend is reset, as a LiteLLM duration (V(30s), V(10m), V(12h), V(30d), V(2w),
        V(1mo)).
    type: str
  tpm_limit:
    description:
      - Tokens per minute for the customer. Use O(unlimited) to remove the limit.
    type: int
  rpm_limit:
    description:
      - Requests per minute for the customer. Use O(unlimited) to remove the limit.
    type: int
  unlimited:
    description:
      - Limits of the customer's own budget to set back to unlimited (no value), for example V([max_budget]).
      - An option cannot be both set and listed here.
    type: list
    elements: str
    choices: [max_budget, budget_duration, tpm_limit, rpm_limit]
notes:
  - The customer is read with one C(GET /customer/info); a change is one C(POST /customer/update) for its own
    fields and one C(POST /budget/update) for the limits of its own budget (C(POST /budget/new) when it has none
    yet), then one read back.
seealso:
  - module: berriai.litellm.litellm_customer_info
'''

EXAMPLES = r'''
- name: A customer with a monthly budget of its own
  berriai.litellm.litellm_customer:
    api_base: https://litellm.example.com
    api_key: "{{ litellm_admin_key }}"
    user_id: acme-corp
    alias: ACME Corp
    max_budget: 100
    budget_duration: 1mo
    rpm_limit: 60

- name: A customer on a shared budget, only in the EU
  berriai.litellm.litellm_customer:
    user_id: globex
    budget_id: free-tier
    allowed_model_region: eu

- name: Block a customer
  berriai.litellm.litellm_customer:
    user_id: initech
    blocked: true

- name: Remove a customer's budget limit
  berriai.litellm.litellm_customer:
    user_id: acme-corp
    unlimited: [max_budget]

- name: Delete a customer
  berriai.litellm.litellm_customer:
    user_id: initech
    state: absent
'''

RETURN = r'''
customer:
  description:
    - The customer as it stands after the run (predicted in check mode), normalised. Empty when it was deleted or
      is absent.
    - C(budget_id) is the named budget it shares (null when its budget is its own, or none).
  returned: always
  type: dict
  sample:
    user_id: acme-corp
    alias: ACME Corp
    blocked: false
    allowed_model_region: null
    default_model: null
    models: []
    budget_id: null
    max_budget: 100
    budget_duration: 1mo
    tpm_limit: null
    rpm_limit: 60
user_id:
  description: The customer's id.
  returned: always
  type: str
  sample: acme-corp
msg:
  description: What the run did, in a few words.
  returned: always
  type: str
  sample: "customer updated: max_budget"
http_requests:
  description: How many HTTP requests the run sent to the proxy, by method.
  returned: always
  type: dict
  sample: {GET: 1, POST: 1}
'''

from ansible_collections.berriai.litellm.plugins.module_utils._customer import CUSTOMER, run_customer
from ansible_collections.berriai.litellm.plugins.module_utils._runner import run_module

# The options documented above (declared once: _customer.CUSTOMER); the action plugin (the controller fast path)
# validates with the same.
ARGUMENT_SPEC = CUSTOMER.argspec()
MODULE_KWARGS = dict(
    argument_spec=ARGUMENT_SPEC,
    mutually_exclusive=[('budget_id', name) for name in CUSTOMER.unlimitable + ['unlimited']],
    supports_check_mode=True,
)


def main():
    run_module(MODULE_KWARGS, run_customer)


if __name__ == '__main__':
    main()
