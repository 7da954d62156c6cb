#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: litellm_team_member
short_description: Manage one user's membership of a LiteLLM team
version_added: 1.0.0
description:
  - Adds a user to a team of a LiteLLM proxy, sets the member's role and its own budget and limits in the team,
    or removes the user from the team, idempotently.
  - Each run reads the team's members first (one C(/team/info) read) and adds the user when it is not a member, because
    LiteLLM's C(/team/member_update) on a non-member would answer success and leave a budget row behind.
  - Adding a user that does not exist creates it (LiteLLM does so, as an C(internal_user) without keys); the
    module warns when that happens. Manage the user itself with M(berriai.litellm.litellm_user).
  - Removing a member deletes that member's keys in that team (LiteLLM does so); the module warns with their
    number and aliases. The user and its other keys stay.
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
    details: The diff shows the member's role, budget and limits before and after.
options:
  state:
    description:
      - V(present) adds the user to the team or brings the membership to the requested settings.
      - V(absent) removes the user from the team, together with the user's keys in that team.
    type: str
    choices: [present, absent]
    default: present
  team_id:
    description:
      - The team's id. One of O(team_id) and O(team_alias) is required.
    type: str
  team_alias:
    description:
      - The team's exact alias, when O(team_id) is not given. The module fails when no team or several teams have it.
    type: str
  user_id:
    description:
      - The user's id. One of O(user_id) and O(user_email) is required.
    type: str
  user_email:
    description:
      - The user's email, when O(user_id) is not given. A user that does not exist is created with a generated id.
    type: str
  role:
    description:
      - The member's role in the team. A new member is added as V(user) when O(role) is not given.
      - V(admin) (a team admin) is a LiteLLM Enterprise feature. When the proxy's C(/health/license) says it has no
        Enterprise licence, the module fails before any write (in check mode too) with a message that says so. A
        proxy that does not answer C(/health/license) decides itself; its refusal is reported the same way.
    type: str
    choices: [user, admin]
  max_budget_in_team:
    description:
      - The member's own budget in the team, in USD.
    type: float
  budget_duration:
    description:
      - How often the member's spend in the team is reset, as a LiteLLM duration (V(30d), V(1mo)...).
    type: str
  tpm_limit:
    description:
      - Tokens per minute for the member in the team.
    type: int
  rpm_limit:
    description:
      - Requests per minute for the member in the team.
    type: int
  allowed_models:
    description:
      - The models the member may use in the team. Compared as a set.
    type: list
    elements: str
  unlimited:
    description:
      - The member's budget and limits to set back to none, for example V([max_budget_in_team, tpm_limit]).
      - An option cannot be both set and listed here.
    type: list
    elements: str
    choices: [max_budget_in_team, budget_duration, tpm_limit, rpm_limit]
notes:
  - The member's budget, limits and models are read back from the member's budget row (C(team_memberships) of
    C(/team/info)). C(/team/member_add) takes the budget and models; the module sends the limits with a
    C(/team/member_update) right after it.
seealso:
  - module: berriai.litellm.litellm_user
  - module: berriai.litellm.litellm_team
'''

EXAMPLES = r'''
- name: Jane in the research team, with her own monthly budget there
  berriai.litellm.litellm_team_member:
    api_base: https://litellm.example.com
    api_key: "{{ litellm_admin_key }}"
    team_alias: research
    user_id: jdoe
    max_budget_in_team: 20
    budget_duration: 1mo

- name: Add a contractor by email (the user is created when missing)
  berriai.litellm.litellm_team_member:
    team_alias: research
    user_email: contractor@example.com
    allowed_models: [gpt-4o-mini]

- name: Remove Jane from the team (her keys in the team go with the membership)
  berriai.litellm.litellm_team_member:
    team_alias: research
    user_id: jdoe
    state: absent
'''

RETURN = r'''
member:
  description:
    - The membership as it stands after the run (predicted in check mode), normalised. Empty when removed or absent.
  returned: always
  type: dict
  sample:
    team_id: 0f4c9c2e-5d8b-4d3e-9a43-3c1b7fa2c6a0
    user_id: jdoe
    user_email: null
    role: user
    max_budget_in_team: 20
    budget_duration: 1mo
    tpm_limit: null
    rpm_limit: null
    allowed_models: []
team_id:
  description: The team's id.
  returned: always
  type: str
  sample: 0f4c9c2e-5d8b-4d3e-9a43-3c1b7fa2c6a0
user_id:
  description: The user's id (null when a user that does not exist yet is added by email in check mode).
  returned: always
  type: str
  sample: jdoe
deleted_keys:
  description: Aliases of the member's keys in the team, deleted with the membership (by O(state=absent)).
  returned: always
  type: list
  elements: str
  sample: [jdoe-research]
msg:
  description: What the run did, in a few words.
  returned: always
  type: str
  sample: "membership created"
http_requests:
  description: How many HTTP requests the run sent to the proxy, by method.
  returned: always
  type: dict
  sample: {GET: 1, POST: 1}
'''

from ansible_collections.berriai.litellm.plugins.module_utils._runner import run_module
from ansible_collections.berriai.litellm.plugins.module_utils._team_member import MEMBER, run_team_member

# The options documented above (declared in _team_member.MEMBER); the action plugin (the controller fast path)
# validates with the same.
ARGUMENT_SPEC = MEMBER.argspec()
MODULE_KWARGS = dict(
    argument_spec=ARGUMENT_SPEC,
    required_one_of=[('team_id', 'team_alias'), ('user_id', 'user_email')],
    mutually_exclusive=[('team_id', 'team_alias'), ('user_id', 'user_email')],
    supports_check_mode=True,
)


def main():
    run_module(MODULE_KWARGS, run_team_member)


if __name__ == '__main__':
    main()
