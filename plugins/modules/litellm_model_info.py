#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: litellm_model_info
short_description: List the model deployments of a LiteLLM proxy
version_added: 1.0.0
description:
  - Returns model deployments of a LiteLLM proxy - those of its config file and those of its database - with
    their parameters and information. Secret parameters never show (LiteLLM leaves out C(api_key); others show
    as C(********)).
  - Finds one deployment by O(model_id), the deployments with an exact O(model_name), or, without either, every
    deployment (all pages of C(/v2/model/info)).
  - Never changes anything, so it runs the same in check mode.
author:
  - berriai.litellm contributors (@BerriAI)
extends_documentation_fragment:
  - berriai.litellm.litellm
  - berriai.litellm.litellm.ATTRIBUTES
  - berriai.litellm.litellm.READ_ONLY
options:
  model_id:
    description:
      - Return the deployment with this id. The result is empty when no deployment has it.
    type: str
  model_name:
    description:
      - Return the deployments whose public model name is exactly this.
    type: str
  db_only:
    description:
      - Return only the deployments stored in the proxy's database (those M(berriai.litellm.litellm_model) can
        change), not those of its config file.
    type: bool
    default: false
notes:
  - LiteLLM's paged list (used without O(model_id)) also leaves out C(api_base); a read by O(model_id) shows it.
seealso:
  - module: berriai.litellm.litellm_model
'''

EXAMPLES = r'''
- name: Every deployment of the proxy
  berriai.litellm.litellm_model_info:
  register: all_models

- name: The deployments of the public name gpt-4o stored in the database
  berriai.litellm.litellm_model_info:
    model_name: gpt-4o
    db_only: true
  register: gpt4o

- name: One deployment
  berriai.litellm.litellm_model_info:
    model_id: gpt-4o-eu-1
  register: one
'''

RETURN = r'''
models:
  description: The deployments found, sorted by model_name then model_id.
  returned: always
  type: list
  elements: dict
  contains:
    model_id:
      description: The deployment's id.
      type: str
      sample: gpt-4o-eu-1
    model_name:
      description: The public model name.
      type: str
      sample: gpt-4o
    db_model:
      description: Whether the deployment is stored in the database (false for the config file's).
      type: bool
      sample: true
    litellm_params:
      description: How LiteLLM calls the model; secret parameters as C(********) or left out.
      type: dict
      sample: {model: azure/gpt-4o, api_base: "https://eu.openai.azure.com", rpm: 600}
    model_info:
      description: The deployment's information, as LiteLLM returns it (with its pricing data).
      type: dict
      sample: {id: gpt-4o-eu-1, db_model: true, mode: chat, managed_by: berriai.litellm}
msg:
  description: How many deployments were found, and by what.
  returned: always
  type: str
  sample: "1 model(s) named 'gpt-4o'"
http_requests:
  description: How many HTTP requests the run sent to the proxy, by method.
  returned: always
  type: dict
  sample: {GET: 1}
'''

from ansible_collections.berriai.litellm.plugins.module_utils._api import CONNECTION_ARGSPEC
from ansible_collections.berriai.litellm.plugins.module_utils._model import run_model_info
from ansible_collections.berriai.litellm.plugins.module_utils._runner import run_module

# The options documented above; the action plugin (the controller fast path) validates with the same.
ARGUMENT_SPEC = dict(
    CONNECTION_ARGSPEC,
    model_id=dict(type='str'),
    model_name=dict(type='str'),
    db_only=dict(type='bool', default=False),
)
MODULE_KWARGS = dict(
    argument_spec=ARGUMENT_SPEC,
    mutually_exclusive=[('model_id', 'model_name')],
    supports_check_mode=True,
)


def main():
    run_module(MODULE_KWARGS, run_model_info)


if __name__ == '__main__':
    main()
