#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: litellm_customer_info
short_description: List the customers (end users) of a LiteLLM proxy
version_added: 1.1.0
description:
  - Returns the customers of a LiteLLM proxy with their settings, their budget and their spend.
  - Finds one customer by O(user_id), or every customer (C(/customer/list), one request).
  - Never changes anything, so it runs the same in check mode.
author:
  - berriai.litellm contributors (@BerriAI)
extends_documentation_fragment:
  - berriai.litellm.litellm
  - berriai.litellm.litellm.ATTRIBUTES
  - berriai.litellm.litellm.READ_ONLY
options:
  user_id:
    description:
      - Return the customer with this id. The result is empty when there is none.
    type: str
seealso:
  - module: berriai.litellm.litellm_customer
'''

EXAMPLES = r'''
- name: Every customer of the proxy
  berriai.litellm.litellm_customer_info:
  register: all_customers

- name: The blocked ones
  ansible.builtin.debug:
    msg: "{{ all_customers.customers | selectattr('blocked') | map(attribute='user_id') | list }}"
'''

RETURN = r'''
customers:
  description:
    - The customers found, sorted by id. Empty when none matches.
    - Each has the fields M(berriai.litellm.litellm_customer) returns, normalised the same way, plus read-only facts.
  returned: always
  type: list
  elements: dict
  contains:
    user_id:
      description: The customer's id.
      type: str
      sample: acme-corp
    alias:
      description: Its human-friendly name.
      type: str
      sample: ACME Corp
    blocked:
      description: Whether its requests are refused.
      type: bool
      sample: false
    allowed_model_region:
      description: The region its requests are kept in (null for any).
      type: str
      sample: eu
    default_model:
      description: The model used when no model of its region fits.
      type: str
      sample: null
    models:
      description: The models it may use, sorted (empty for any; always empty on LiteLLM 1.80).
      type: list
      elements: str
      sample: []
    budget_id:
      description: The named budget it shares (null when its budget is its own, or none).
      type: str
      sample: null
    max_budget:
      description: Its budget in USD (null for none).
      type: float
      sample: 100
    budget_duration:
      description: How often its spend is reset (null for never).
      type: str
      sample: 1mo
    tpm_limit:
      description: Tokens per minute (null for no limit).
      type: int
      sample: null
    rpm_limit:
      description: Requests per minute (null for no limit).
      type: int
      sample: 60
    spend:
      description: What it has spent, in USD.
      type: float
      sample: 1.25
    own_budget_id:
      description: The id of the budget row LiteLLM made for it (null when it shares a named budget, or has none).
      type: str
      sample: 6f1c2a8e-1b7d-4c11-9a57-2f4f0d7c9e10
msg:
  description: How many customers were found.
  returned: always
  type: str
  sample: "1 customer(s) with user_id 'acme-corp'"
http_requests:
  description: How many HTTP requests the run sent to the proxy, by method.
  returned: always
  type: dict
  sample: {GET: 1}
'''

from ansible_collections.berriai.litellm.plugins.module_utils._api import CONNECTION_ARGSPEC
from ansible_collections.berriai.litellm.plugins.module_utils._customer import run_customer_info
from ansible_collections.berriai.litellm.plugins.module_utils._runner import run_module

# The options documented above; the action plugin (the controller fast path) validates with the same.
ARGUMENT_SPEC = dict(
    CONNECTION_ARGSPEC,
    user_id=dict(type='str'),
)
MODULE_KWARGS = dict(
    argument_spec=ARGUMENT_SPEC,
    supports_check_mode=True,
)


def main():
    run_module(MODULE_KWARGS, run_customer_info)


if __name__ == '__main__':
    main()
