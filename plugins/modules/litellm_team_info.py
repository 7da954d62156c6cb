#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: litellm_team_info
short_description: List the teams of a LiteLLM proxy
version_added: 0.1.0
description:
  - Returns teams of a LiteLLM proxy with their settings and how many keys and members each has.
  - Finds one team by O(team_id), the teams with an exact O(team_alias), or, without either, every team of
    the proxy (all pages of the proxy's paged team list).
  - Never changes anything, so it runs the same in check mode.
author:
  - berriai.litellm contributors (@BerriAI)
extends_documentation_fragment:
  - berriai.litellm.litellm
  - berriai.litellm.litellm.ATTRIBUTES
  - berriai.litellm.litellm.READ_ONLY
options:
  team_id:
    description:
      - Return the team with this id. The result is empty when no team has it.
    type: str
  team_alias:
    description:
      - Return the teams whose alias is exactly this (LiteLLM does not keep aliases unique, so there may be several).
      - The proxy matches aliases by substring; the module keeps only exact matches.
    type: str
notes:
  - Without O(team_id) and O(team_alias) the module returns every team of the proxy. It reads the proxy's team
    list a hundred teams per request.
seealso:
  - module: berriai.litellm.litellm_team
  - module: berriai.litellm.litellm_key_info
'''

EXAMPLES = r'''
- name: Every team of the proxy
  berriai.litellm.litellm_team_info:
    api_base: https://litellm.example.com
    api_key: "{{ litellm_admin_key }}"
  register: all_teams

- name: Show each team with its number of keys
  ansible.builtin.debug:
    msg: "{{ item.team_alias }} ({{ item.team_id }}): {{ item.keys_count }} key(s)"
  loop: "{{ all_teams.teams }}"
  loop_control:
    label: "{{ item.team_id }}"

- name: The team called research
  berriai.litellm.litellm_team_info:
    team_alias: research
  register: research

- name: Fail unless exactly one team is called research
  ansible.builtin.assert:
    that: research.teams | length == 1
    fail_msg: "{{ research.teams | length }} teams are called research"

- name: One team by its id
  berriai.litellm.litellm_team_info:
    team_id: 0f4c9c2e-5d8b-4d3e-9a43-3c1b7fa2c6a0
  register: one_team
'''

RETURN = r'''
teams:
  description:
    - The teams found, sorted by alias then id. Empty when none matches.
    - Each has the fields M(berriai.litellm.litellm_team) returns, normalised the same way, plus read-only facts.
  returned: always
  type: list
  elements: dict
  contains:
    team_id:
      description: The team's id.
      type: str
      sample: 0f4c9c2e-5d8b-4d3e-9a43-3c1b7fa2c6a0
    team_alias:
      description: The team's name (null when it has none).
      type: str
      sample: research
    models:
      description: The models the team may use, sorted; empty means all models of the proxy.
      type: list
      elements: str
      sample: [claude-sonnet, gpt-4o]
    max_budget:
      description: The team's budget in USD (null for none).
      type: float
      sample: 500
    budget_duration:
      description: How often the team's spend is reset (null for never).
      type: str
      sample: 1mo
    tpm_limit:
      description: Tokens per minute the team may use (null for no limit).
      type: int
      sample: null
    rpm_limit:
      description: Requests per minute the team may send (null for no limit).
      type: int
      sample: null
    metadata:
      description: The team's metadata.
      type: dict
      sample: {cost_center: "4711"}
    blocked:
      description: Whether the team is blocked.
      type: bool
      sample: false
    organization_id:
      description: The organization the team belongs to.
      type: str
      sample: null
    keys_count:
      description: How many live keys the team holds.
      type: int
      sample: 2
    members_count:
      description: How many members the team has.
      type: int
      sample: 1
    members:
      description:
        - The team's members with their roles, sorted by user id (the entry LiteLLM adds for the credential that
          created the team, C(default_user_id), included). Their own budgets are not listed here.
      type: list
      elements: dict
      sample: [{user_id: default_user_id, user_email: null, role: admin}, {user_id: jdoe, user_email: jdoe@example.com, role: user}]
    spend:
      description: What the team has spent, in USD.
      type: float
      sample: 12.5
    budget_reset_at:
      description: When the team's spend is reset next (ISO 8601, null when it has no O(berriai.litellm.litellm_team#module:budget_duration)).
      type: str
      sample: "2026-12-01T00:00:00Z"
    created_at:
      description: When the team was created (ISO 8601).
      type: str
      sample: "2026-11-26T22:35:56.486000Z"
    updated_at:
      description: When the team was last changed (ISO 8601).
      type: str
      sample: "2026-11-26T22:35:56.503000Z"
msg:
  description: How many teams were found, and by what.
  returned: always
  type: str
  sample: "1 team(s) with the alias 'research'"
http_requests:
  description: How many HTTP requests the run sent to the proxy, by method.
  returned: always
  type: dict
  sample: {GET: 1}
'''

from ansible_collections.berriai.litellm.plugins.module_utils._api import CONNECTION_ARGSPEC
from ansible_collections.berriai.litellm.plugins.module_utils._team import run_team_info
from ansible_collections.berriai.litellm.plugins.module_utils._runner import run_module

# The options documented above; the action plugin (the controller fast path) validates with the same.
ARGUMENT_SPEC = dict(
    CONNECTION_ARGSPEC,
    team_id=dict(type='str'),
    team_alias=dict(type='str'),
)
MODULE_KWARGS = dict(
    argument_spec=ARGUMENT_SPEC,
    mutually_exclusive=[('team_id', 'team_alias')],
    supports_check_mode=True,
)


def main():
    run_module(MODULE_KWARGS, run_team_info)


if __name__ == '__main__':
    main()
