#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: litellm_key_info
short_description: List the virtual keys of a LiteLLM proxy, without their secrets
version_added: 0.1.0
description:
  - Returns virtual keys of a LiteLLM proxy with their settings. Never returns a key's secret; a key is named by
    its RV(virtual_keys[].token) (the sha256 of the secret) and shown by its RV(virtual_keys[].key_name) (C(sk-...) and the last
    four characters).
  - Finds keys by O(key_alias), by O(token), by team (O(team_id) or O(team_alias)), or, without any of them,
    every key of the proxy (all pages of the proxy's paged key list). Filters given together must all match.
  - Never changes anything, so it runs the same in check mode.
author:
  - berriai.litellm contributors (@BerriAI)
extends_documentation_fragment:
  - berriai.litellm.litellm
  - berriai.litellm.litellm.ATTRIBUTES
  - berriai.litellm.litellm.READ_ONLY
options:
  key_alias:
    description:
      - Return the key with this alias (LiteLLM keeps key aliases unique).
    type: str
  token:
    description:
      - Return the key with this token, the sha256 of its secret (as RV(berriai.litellm.litellm_key#module:token) returns it).
      - Not the secret itself; the module refuses a value that starts with C(sk-).
      - A deleted key is not returned.
    type: str
  team_id:
    description:
      - Return the keys of the team with this id.
    type: str
  team_alias:
    description:
      - Return the keys of the team with this exact alias.
      - When no team has the alias, the result is empty. When several teams have it (LiteLLM does not keep team
        aliases unique), the module fails and names their ids; give O(team_id) instead.
    type: str
notes:
  - Without filters the module returns every key of the proxy. It reads the proxy's key list a hundred keys per request.
seealso:
  - module: berriai.litellm.litellm_key
  - module: berriai.litellm.litellm_team_info
'''

EXAMPLES = r'''
- name: The keys of the team research
  berriai.litellm.litellm_key_info:
    api_base: https://litellm.example.com
    api_key: "{{ litellm_admin_key }}"
    team_alias: research
  register: research_keys

- name: Show them (alias and masked name; the secret is never returned)
  ansible.builtin.debug:
    msg: "{{ item.key_alias }}: {{ item.key_name }}, expires {{ item.expires }}"
  loop: "{{ research_keys.virtual_keys }}"
  loop_control:
    label: "{{ item.token }}"

- name: One key by its alias
  berriai.litellm.litellm_key_info:
    key_alias: ci-bot
  register: ci_bot

- name: One key by its token (the sha256 of the secret)
  berriai.litellm.litellm_key_info:
    token: 540e9d6c5783d53162a51491471b7e6d5f1368b0c24e746d071cade9c118d675

- name: Every key of the proxy
  berriai.litellm.litellm_key_info:
  register: all_keys

- name: Keys that expire before the end of the year
  ansible.builtin.debug:
    msg: "{{ all_keys.virtual_keys | selectattr('expires') | selectattr('expires', '<', '2027-01-01') | map(attribute='key_alias') }}"
'''

RETURN = r'''
virtual_keys:
  description:
    - The keys found, sorted by alias then token. Empty when none matches.
    - Named so, not C(keys), because C(result.keys) in a template is the dictionary method, not this list.
    - Each has the fields M(berriai.litellm.litellm_key) returns, normalised the same way, plus read-only facts.
      None of them holds the key's secret.
  returned: always
  type: list
  elements: dict
  contains:
    token:
      description: LiteLLM's id of the key, the sha256 of its secret.
      type: str
      sample: 540e9d6c5783d53162a51491471b7e6d5f1368b0c24e746d071cade9c118d675
    key_name:
      description: The key's masked secret, C(sk-...) and its last four characters.
      type: str
      sample: sk-...3oxQ
    key_alias:
      description: The key's name.
      type: str
      sample: ci-bot
    team_id:
      description: The id of the team the key belongs to (null for none).
      type: str
      sample: 0f4c9c2e-5d8b-4d3e-9a43-3c1b7fa2c6a0
    team_alias:
      description: The alias of the key's team, when the proxy gives it or O(team_alias) selected the keys; else null.
      type: str
      sample: research
    models:
      description: The models the key may use, sorted; empty means those of its team (or all).
      type: list
      elements: str
      sample: [gpt-4o]
    max_budget:
      description: The key's budget in USD (null for none).
      type: float
      sample: 10
    budget_duration:
      description: How often the key's spend is reset (null for never).
      type: str
      sample: 30d
    tpm_limit:
      description: Tokens per minute the key may use (null for no limit).
      type: int
      sample: null
    rpm_limit:
      description: Requests per minute the key may send (null for no limit).
      type: int
      sample: 60
    max_parallel_requests:
      description: How many requests the key may have in flight (null for no limit).
      type: int
      sample: null
    metadata:
      description: The key's metadata.
      type: dict
      sample: {purpose: ci}
    user_id:
      description: The user the key belongs to.
      type: str
      sample: null
    blocked:
      description: Whether the key is blocked.
      type: bool
      sample: false
    expires:
      description: When the key expires (ISO 8601), null for never.
      type: str
      sample: "2026-12-26T22:35:56.914000Z"
    spend:
      description: What the key has spent, in USD.
      type: float
      sample: 0.42
    budget_reset_at:
      description: When the key's spend is reset next (ISO 8601), null without a budget duration.
      type: str
      sample: null
    created_at:
      description: When the key was created (ISO 8601).
      type: str
      sample: "2026-11-26T22:35:56.916000Z"
    updated_at:
      description: When the key was last changed (ISO 8601).
      type: str
      sample: "2026-11-26T22:35:56.916000Z"
    last_active:
      description: When the key was last used (ISO 8601), when the proxy tracks it.
      type: str
      sample: null
    created_by:
      description: The user id that created the key.
      type: str
      sample: default_user_id
msg:
  description: How many keys were found, and by what.
  returned: always
  type: str
  sample: "2 key(s) with team_alias=research"
http_requests:
  description: How many HTTP requests the run sent to the proxy, by method.
  returned: always
  type: dict
  sample: {GET: 2}
'''

from ansible_collections.berriai.litellm.plugins.module_utils._api import CONNECTION_ARGSPEC
from ansible_collections.berriai.litellm.plugins.module_utils._key import run_key_info
from ansible_collections.berriai.litellm.plugins.module_utils._runner import run_module

# The options documented above; the action plugin (the controller fast path) validates with the same.
ARGUMENT_SPEC = dict(
    CONNECTION_ARGSPEC,
    key_alias=dict(type='str', no_log=False),
    token=dict(type='str', no_log=False),
    team_id=dict(type='str'),
    team_alias=dict(type='str'),
)
MODULE_KWARGS = dict(
    argument_spec=ARGUMENT_SPEC,
    mutually_exclusive=[('team_id', 'team_alias')],
    supports_check_mode=True,
)


def main():
    run_module(MODULE_KWARGS, run_key_info)


if __name__ == '__main__':
    main()
