#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: litellm_user_info
short_description: List the internal users of a LiteLLM proxy, with their teams and keys
version_added: 1.0.0
description:
  - Returns internal users of a LiteLLM proxy with their settings, the teams they belong to and their keys.
  - Finds one user by O(user_id), the user with an exact O(user_email), or, without either, every user of the
    proxy (all pages of the proxy's paged user list).
  - A user's keys are shown by alias, masked name, token (the sha256 LiteLLM keeps) and team; never a secret.
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
      - Return the user with this id. The result is empty when no user has it.
    type: str
  user_email:
    description:
      - Return the user with exactly this email (LiteLLM keeps emails unique).
    type: str
notes:
  - Without O(user_id) and O(user_email) the module reads the proxy's user list and its key list, a hundred
    entries per request.
seealso:
  - module: berriai.litellm.litellm_user
  - module: berriai.litellm.litellm_team_info
'''

EXAMPLES = r'''
- name: Every user of the proxy
  berriai.litellm.litellm_user_info:
    api_base: https://litellm.example.com
    api_key: "{{ litellm_admin_key }}"
  register: all_users

- name: Users without any key
  ansible.builtin.debug:
    msg: "{{ all_users.users | selectattr('virtual_keys', 'equalto', []) | map(attribute='user_id') | list }}"

- name: One user by email
  berriai.litellm.litellm_user_info:
    user_email: jdoe@example.com
  register: jane
'''

RETURN = r'''
users:
  description:
    - The users found, sorted by id. Empty when none matches.
    - Each has the fields M(berriai.litellm.litellm_user) returns, normalised the same way, plus read-only facts.
  returned: always
  type: list
  elements: dict
  contains:
    user_id:
      description: The user's id.
      type: str
      sample: jdoe
    user_email:
      description: The user's email.
      type: str
      sample: jdoe@example.com
    user_alias:
      description: The user's display name.
      type: str
      sample: Jane Doe
    user_role:
      description: The user's role on the proxy.
      type: str
      sample: internal_user
    models:
      description: The models the user may use, sorted.
      type: list
      elements: str
      sample: []
    max_budget:
      description: The user's budget in USD (null for none).
      type: float
      sample: 50
    budget_duration:
      description: How often the user's spend is reset (null for never).
      type: str
      sample: 1mo
    tpm_limit:
      description: Tokens per minute (null for no limit).
      type: int
      sample: null
    rpm_limit:
      description: Requests per minute (null for no limit).
      type: int
      sample: null
    metadata:
      description: The user's metadata.
      type: dict
      sample: {}
    spend:
      description: What the user has spent, in USD.
      type: float
      sample: 1.25
    budget_reset_at:
      description: When the user's spend is reset next (ISO 8601).
      type: str
      sample: null
    created_at:
      description: When the user was created (ISO 8601).
      type: str
      sample: "2026-11-26T22:35:56.486000Z"
    updated_at:
      description: When the user was last changed (ISO 8601).
      type: str
      sample: "2026-11-26T22:35:56.503000Z"
    teams:
      description: The ids of the teams the user belongs to, sorted.
      type: list
      elements: str
      sample: [0f4c9c2e-5d8b-4d3e-9a43-3c1b7fa2c6a0]
    virtual_keys:
      description: The user's keys (alias, masked name, token and team), never their secrets.
      type: list
      elements: dict
      sample: [{key_alias: jdoe-laptop, key_name: sk-...Xy9Q, token: 9f86d08..., team_id: null}]
msg:
  description: How many users were found, and by what.
  returned: always
  type: str
  sample: "1 user(s) with user_id 'jdoe'"
http_requests:
  description: How many HTTP requests the run sent to the proxy, by method.
  returned: always
  type: dict
  sample: {GET: 1}
'''

from ansible_collections.berriai.litellm.plugins.module_utils._api import CONNECTION_ARGSPEC
from ansible_collections.berriai.litellm.plugins.module_utils._runner import run_module
from ansible_collections.berriai.litellm.plugins.module_utils._user import run_user_info

# The options documented above; the action plugin (the controller fast path) validates with the same.
ARGUMENT_SPEC = dict(
    CONNECTION_ARGSPEC,
    user_id=dict(type='str'),
    user_email=dict(type='str'),
)
MODULE_KWARGS = dict(
    argument_spec=ARGUMENT_SPEC,
    mutually_exclusive=[('user_id', 'user_email')],
    supports_check_mode=True,
)


def main():
    run_module(MODULE_KWARGS, run_user_info)


if __name__ == '__main__':
    main()
