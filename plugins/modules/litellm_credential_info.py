#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: litellm_credential_info
short_description: List the credentials stored in a LiteLLM proxy
version_added: 1.0.0
description:
  - Returns the named credentials of a LiteLLM proxy with their info and their values, secret values (those
    whose name contains C(key), C(token), C(secret), C(password)...) as C(********).
  - Finds one credential by O(credential_name), or every credential.
  - Never changes anything, so it runs the same in check mode.
author:
  - berriai.litellm contributors (@BerriAI)
extends_documentation_fragment:
  - berriai.litellm.litellm
  - berriai.litellm.litellm.ATTRIBUTES
  - berriai.litellm.litellm.READ_ONLY
options:
  credential_name:
    description:
      - Return the credential with this name. The result is empty when there is none.
    type: str
seealso:
  - module: berriai.litellm.litellm_credential
'''

EXAMPLES = r'''
- name: Every credential of the proxy
  berriai.litellm.litellm_credential_info:
  register: all_credentials

- name: The names
  ansible.builtin.debug:
    msg: "{{ all_credentials.credentials | map(attribute='credential_name') }}"
'''

RETURN = r'''
credentials:
  description: The credentials found, sorted by name.
  returned: always
  type: list
  elements: dict
  contains:
    credential_name:
      description: The credential's name.
      type: str
      sample: openai-prod
    display_name:
      description: How the LiteLLM UI labels it.
      type: str
      sample: null
    credential_values:
      description: Its values; secret ones as C(********).
      type: dict
      sample: {api_key: "********", api_base: "https://api.openai.com/v1"}
    credential_info:
      description: Its info.
      type: dict
      sample: {custom_llm_provider: openai}
    source:
      description: Where it is defined - V(db) (the API) or V(config) (the proxy's config file).
      type: str
      sample: db
msg:
  description: How many credentials were found.
  returned: always
  type: str
  sample: "1 credential(s) named 'openai-prod'"
http_requests:
  description: How many HTTP requests the run sent to the proxy, by method.
  returned: always
  type: dict
  sample: {GET: 1}
'''

from ansible_collections.berriai.litellm.plugins.module_utils._api import CONNECTION_ARGSPEC
from ansible_collections.berriai.litellm.plugins.module_utils._credential import run_credential_info
from ansible_collections.berriai.litellm.plugins.module_utils._runner import run_module

# The options documented above; the action plugin (the controller fast path) validates with the same.
ARGUMENT_SPEC = dict(
    CONNECTION_ARGSPEC,
    credential_name=dict(type='str'),
)
MODULE_KWARGS = dict(
    argument_spec=ARGUMENT_SPEC,
    supports_check_mode=True,
)


def main():
    run_module(MODULE_KWARGS, run_credential_info)


if __name__ == '__main__':
    main()
