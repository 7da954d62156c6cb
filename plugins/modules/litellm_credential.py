#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: litellm_credential
short_description: Manage a credential stored in a LiteLLM proxy
version_added: 1.0.0
description:
  - Creates, updates and deletes a named credential of a LiteLLM proxy (C(/credentials)), idempotently.
    Models refer to it by name with C(litellm_params.litellm_credential_name) (M(berriai.litellm.litellm_model)).
  - The credential is found by its O(credential_name), which LiteLLM cannot change.
  - LiteLLM masks a value on read when its name contains C(authorization), C(token), C(key), C(secret),
    C(credentials), C(password) or C(passwd) (C(api_key), C(aws_secret_access_key), C(vertex_credentials)...).
    Those values are write-only; they are sent when the credential is created, when the proxy does not hold
    them yet, and on every run with O(update_secrets=always). Every other value (C(api_base), C(api_version),
    C(region_name)...) reads back as it is and is compared.
  - Credentials defined in the proxy's config file cannot be changed through the API; the module refuses them
    before any write.
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
    details: The diff shows the credential's values (secrets as C(********)), info and display name before and after.
options:
  state:
    description:
      - V(present) creates the credential or brings it to the requested values.
      - V(absent) deletes it. An absent credential is left alone.
    type: str
    choices: [present, absent]
    default: present
  credential_name:
    description:
      - The credential's name, its identity. LiteLLM cannot rename a credential.
    type: str
    required: true
  credential_values:
    description:
      - The values of the credential, for example C(api_key), C(api_base), C(api_version).
      - Required to create the credential. Merged into the values the proxy holds; values left out are kept
        unless O(purge_credential_values=true).
      - The whole option is C(no_log), so Ansible hides its values (also where they appear in results, the
        non-secret ones included).
    type: dict
  credential_values_to_delete:
    description:
      - Names of values to remove from the credential. A name cannot be both set and deleted.
      - LiteLLM 1.80 ignores values to delete; there the module fails before any write when a value would be removed.
    type: list
    elements: str
  purge_credential_values:
    description:
      - Remove every value the task does not set in O(credential_values).
      - Not on LiteLLM 1.80, as O(credential_values_to_delete).
    type: bool
    default: false
  credential_info:
    description:
      - Information about the credential (for example C(description), C(custom_llm_provider)); LiteLLM requires
        it, so a credential is created with an empty one when this is not set.
      - Merged into the info the proxy holds; keys left out are kept.
    type: dict
  display_name:
    description:
      - How the LiteLLM UI labels the credential.
      - LiteLLM 1.80 has no display name; there the module fails before any write when this is set.
    type: str
  credential_values_from:
    description:
      - Values of O(credential_values) by reference - each value's name with the name of an entry of the
        variable O(secrets_variable) that holds it (for example the entry V(credentials/openai/api_key) for C(api_key)), so
        that the task's arguments (a loop item) never hold the secret. Merged into O(credential_values); a value
        set in both fails.
      - This is how M(berriai.litellm.litellm_export) writes a credential's secret values.
    type: dict
notes:
  - The results and the diff show every secret value as C(********), and a secret the run sends (or, in check mode,
    would send) as C(******** (sent)) - on creation, every secret value.
  - LiteLLM 1.80 shows a credential's old values for about 15 seconds after an update.
seealso:
  - module: berriai.litellm.litellm_credential_info
  - module: berriai.litellm.litellm_model
'''

EXAMPLES = r'''
- name: An OpenAI credential that models use by name
  berriai.litellm.litellm_credential:
    credential_name: openai-prod
    credential_values:
      api_key: "{{ vault_openai_api_key }}"
      api_base: https://api.openai.com/v1
    credential_info:
      custom_llm_provider: openai
      description: production OpenAI account

- name: Rotate the api_key (reports a change on every run)
  berriai.litellm.litellm_credential:
    credential_name: openai-prod
    credential_values:
      api_key: "{{ vault_openai_api_key_new }}"
    update_secrets: always

- name: Drop a value
  berriai.litellm.litellm_credential:
    credential_name: openai-prod
    credential_values_to_delete: [api_version]

- name: Credentials in a loop, each secret named by reference (no secret in the items, so no no_log)
  berriai.litellm.litellm_credential:
    credential_name: "{{ item.name }}"
    credential_values: {api_base: "{{ item.api_base }}"}
    credential_values_from: {api_key: "credentials/{{ item.name }}/api_key"}  # an entry of litellm_secrets
  loop:
    - {name: openai-eu, api_base: "https://eu.api.example.com/v1"}
    - {name: openai-us, api_base: "https://us.api.example.com/v1"}
  loop_control:
    label: "{{ item.name }}"

- name: Delete the credential
  berriai.litellm.litellm_credential:
    credential_name: openai-prod
    state: absent
'''

RETURN = r'''
credential:
  description:
    - The credential as it stands after the run (predicted in check mode); secrets as C(********). Empty when it
      was deleted or is absent.
  returned: always
  type: dict
  sample:
    credential_name: openai-prod
    display_name: null
    credential_values: {api_key: "********", api_base: "https://api.openai.com/v1"}
    credential_info: {custom_llm_provider: openai}
credential_name:
  description: The credential's name.
  returned: always
  type: str
  sample: openai-prod
msg:
  description: What the run did, in a few words.
  returned: always
  type: str
  sample: "credential updated: credential_values"
http_requests:
  description: How many HTTP requests the run sent to the proxy, by method.
  returned: always
  type: dict
  sample: {GET: 2, PATCH: 1}
outcome:
  description:
    - What the run did (or, in check mode, would do) to the credential, one of V(created), V(updated), V(recreated), V(deleted),
      V(unchanged).
  returned: always
  type: str
  sample: updated
recreated:
  description: Whether the credential was deleted and created again.
  returned: always
  type: bool
  sample: false
recreate_reason:
  description: Why the credential was recreated (deleted and created again), or null when it was not.
  returned: always
  type: str
  sample: null
'''

from ansible_collections.berriai.litellm.plugins.module_utils._credential import CREDENTIAL, run_credential
from ansible_collections.berriai.litellm.plugins.module_utils._runner import run_module

# The options documented above (declared in _credential.CREDENTIAL); the action plugin (the controller fast path)
# validates with the same.
ARGUMENT_SPEC = CREDENTIAL.argspec()
MODULE_KWARGS = dict(
    argument_spec=ARGUMENT_SPEC,
    supports_check_mode=True,
)


def main():
    run_module(MODULE_KWARGS, run_credential)


if __name__ == '__main__':
    main()
