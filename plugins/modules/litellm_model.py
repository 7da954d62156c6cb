#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: litellm_model
short_description: Manage a model deployment stored in a LiteLLM proxy's database
version_added: 1.0.0
description:
  - Creates, updates and deletes one model deployment in the database of a LiteLLM proxy, idempotently.
  - The deployment is found by O(model_id) when given (its id, chosen by you when it is created). Without
    O(model_id), by O(model_name) - the public name callers use, shared by all the deployments of a
    load-balancing group - when exactly one deployment in the database has it; with several the module fails and
    names their ids.
  - Only what the task sets is compared; the rest of O(litellm_params) and O(model_info) keeps its value. Updates
    are partial (C(PATCH /model/{id}/update)); the deployment is read again after every write, since LiteLLM
    answers with encrypted parameters.
  - The result and the diff show what the task manages - O(model_name), the entries of O(litellm_params),
    O(secret_params) and O(model_info) it sets, C(managed_by) and the id - not the defaults LiteLLM adds to
    C(litellm_params) nor the entries of its cost map it adds to C(model_info) when the deployment is read
    (M(berriai.litellm.litellm_model_info) shows those). They are the same in check mode and for real.
  - Models from the proxy's config file cannot be changed through the API; the module refuses them before any
    write.
  - The module marks the deployments it manages with C(model_info.managed_by=berriai.litellm).
  - The proxy must store models in its database (C(general_settings.store_model_in_db=true) or the environment
    variable C(STORE_MODEL_IN_DB=True)); without it the module fails saying so.
author:
  - berriai.litellm contributors (@BerriAI)
extends_documentation_fragment:
  - berriai.litellm.litellm
  - berriai.litellm.litellm.ATTRIBUTES
  - berriai.litellm.litellm.SECRET_REFERENCES
attributes:
  check_mode:
    description: Can run in check_mode and return changed status prediction without modifying target.
    support: full
    details: Check mode reads the proxy and predicts the same result, diff and warnings as a real run, with no write request.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check_mode), when in diff mode.
    support: full
    details:
      - The diff shows model_name and the entries of litellm_params and model_info the task sets, before and after.
      - LiteLLM never reads a secret back, so a secret parameter shows only when the run sends it (or, in check
        mode, would send it), as C(******** (sent)).
options:
  state:
    description:
      - V(present) creates the deployment or brings it to the requested settings.
      - V(absent) deletes it. An absent deployment is left alone.
    type: str
    choices: [present, absent]
    default: present
  model_id:
    description:
      - The deployment's id (C(model_info.id)). Given on create, it becomes the deployment's id; LiteLLM generates
        one otherwise.
    type: str
  model_name:
    description:
      - The public model name callers ask for. Required to create a deployment; renames it otherwise (when
        O(model_id) is given).
    type: str
  litellm_params:
    description:
      - How LiteLLM calls the model - C(model) (required to create), C(api_base), C(api_version), C(rpm),
        C(tpm), C(timeout), C(stream_timeout), C(litellm_credential_name) (a credential managed with
        M(berriai.litellm.litellm_credential)), and any other LiteLLM parameter, passed through.
      - Merged into the parameters the deployment has; parameters left out keep their value.
      - Secrets are refused here (a name with a segment such as C(key), C(secret), C(token), C(password),
        C(credentials), C(access), C(auth)); give them in O(secret_params), which is never shown.
    type: dict
  secret_params:
    description:
      - Secret parameters of O(litellm_params), for example C(api_key), C(aws_secret_access_key),
        C(vertex_credentials). Write-only - LiteLLM never returns them - so they are sent when the deployment is
        created, and on every run with O(update_secrets=always).
      - Prefer a credential (C(litellm_params.litellm_credential_name)) that several deployments share.
    type: dict
  model_info:
    description:
      - Information about the deployment, for example C(mode), C(access_groups), C(base_model), C(description).
        Merged into what the deployment has; keys left out keep their value.
      - C(managed_by) is set to V(berriai.litellm); C(id) is given as O(model_id).
    type: dict
  secret_params_from:
    description:
      - O(secret_params) by reference - each parameter's name with the name of an entry of the variable
        O(secrets_variable) that holds its value (for example the entry V(models/gpt-4o/api_key) for C(api_key)), so that the
        task's arguments (a loop item) never hold the secret. Merged into O(secret_params); a parameter set in
        both fails.
      - This is how M(berriai.litellm.litellm_export) writes a model's secret parameters.
    type: dict
notes:
  - Renaming a deployment (a new O(model_name) with O(model_id)) does not change the teams and keys that allow
    the old name; update them with M(berriai.litellm.litellm_team) and M(berriai.litellm.litellm_key).
seealso:
  - module: berriai.litellm.litellm_model_info
  - module: berriai.litellm.litellm_credential
'''

EXAMPLES = r'''
- name: A deployment that takes its key from a credential
  berriai.litellm.litellm_model:
    model_id: gpt-4o-eu-1
    model_name: gpt-4o
    litellm_params:
      model: azure/gpt-4o
      api_base: https://eu.openai.azure.com
      api_version: "2024-10-21"
      litellm_credential_name: azure-eu
      rpm: 600
    model_info:
      mode: chat
      access_groups: [premium]

- name: A deployment with its own key (sent on create only)
  berriai.litellm.litellm_model:
    model_id: gpt-4o-mini-1
    model_name: gpt-4o-mini
    litellm_params:
      model: openai/gpt-4o-mini
    secret_params:
      api_key: "{{ vault_openai_api_key }}"

- name: Rotate that key (reports a change on every run)
  berriai.litellm.litellm_model:
    model_id: gpt-4o-mini-1
    secret_params:
      api_key: "{{ vault_openai_api_key_new }}"
    update_secrets: always

- name: Delete the deployment
  berriai.litellm.litellm_model:
    model_id: gpt-4o-eu-1
    state: absent
'''

RETURN = r'''
model:
  description:
    - The deployment as it stands after the run (predicted in check mode), limited to what the task manages (see
      the description). A secret parameter the run sends shows as C(******** (sent)); LiteLLM never returns one.
      Empty when it was deleted or is absent.
  returned: always
  type: dict
  sample:
    model_id: gpt-4o-eu-1
    model_name: gpt-4o
    db_model: true
    litellm_params: {model: azure/gpt-4o, api_base: "https://eu.openai.azure.com", rpm: 600}
    model_info: {id: gpt-4o-eu-1, db_model: true, mode: chat, managed_by: berriai.litellm}
model_id:
  description: The deployment's id (null when a deployment is created in check mode without O(model_id)).
  returned: always
  type: str
  sample: gpt-4o-eu-1
msg:
  description: What the run did, in a few words.
  returned: always
  type: str
  sample: "model updated: litellm_params"
http_requests:
  description: How many HTTP requests the run sent to the proxy, by method.
  returned: always
  type: dict
  sample: {GET: 2, PATCH: 1}
outcome:
  description:
    - What the run did (or, in check mode, would do) to the deployment, one of V(created), V(updated), V(recreated), V(deleted),
      V(unchanged).
  returned: always
  type: str
  sample: updated
recreated:
  description: Whether the deployment was deleted and created again.
  returned: always
  type: bool
  sample: false
recreate_reason:
  description: Why the deployment was recreated (deleted and created again), or null when it was not.
  returned: always
  type: str
  sample: null
'''

from ansible_collections.berriai.litellm.plugins.module_utils._model import MODEL, run_model
from ansible_collections.berriai.litellm.plugins.module_utils._runner import run_module

# The options documented above (declared in _model.MODEL); the action plugin (the controller fast path) validates
# with the same.
ARGUMENT_SPEC = MODEL.argspec()
MODULE_KWARGS = dict(
    argument_spec=ARGUMENT_SPEC,
    required_one_of=[('model_id', 'model_name')],
    supports_check_mode=True,
)


def main():
    run_module(MODULE_KWARGS, run_model)


if __name__ == '__main__':
    main()
