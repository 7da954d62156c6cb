#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: litellm_team
short_description: Manage a team of a LiteLLM proxy
version_added: 0.1.0
description:
  - Creates, updates and deletes a team of a LiteLLM proxy, idempotently.
  - Each run reads the team, compares it with the options the task sets, and changes only what differs.
    Options the task leaves out are not managed and keep their value.
  - The team is found by O(team_id) when given, else by its exact O(team_alias). LiteLLM does not keep aliases
    unique; when several teams share the alias the module fails, names their ids and asks for O(team_id).
  - Deleting a team deletes its keys too (LiteLLM does so); the module warns with their number and aliases.
author:
  - berriai.litellm contributors (@BerriAI)
extends_documentation_fragment:
  - berriai.litellm.litellm
  - berriai.litellm.litellm.ATTRIBUTES
  - berriai.litellm.litellm.SETTINGS
  - berriai.litellm.litellm.MORE_SETTINGS
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
      - V(present) creates the team or brings it to the requested settings.
      - V(absent) deletes it, together with its keys. An absent team is left alone.
    type: str
    choices: [present, absent]
    default: present
  team_id:
    description:
      - The team's id. LiteLLM generates one when a team is created without it.
      - LiteLLM cannot change a team id. When O(team_id) is given, no team has it, and another team carries
        O(team_alias), that team is deleted (with its keys) and created again with O(team_id). A warning says so.
    type: str
  team_alias:
    description:
      - The team's name. Used to find the team when O(team_id) is not given; otherwise the team is renamed to it.
    type: str
  organization_id:
    description:
      - The organization the team belongs to. Organizations are a LiteLLM Enterprise feature.
    type: str
  unlimited:
    description:
      - Budgets and limits to set back to unlimited (no value), for example V([max_budget, tpm_limit]).
      - An option cannot be both set and listed here.
    type: list
    elements: str
    choices: [max_budget, budget_duration, tpm_limit, rpm_limit, soft_budget, team_member_budget,
              team_member_budget_duration, team_member_rpm_limit, team_member_tpm_limit]
  model_aliases:
    description:
      - Model aliases of the team (alias to model name). LiteLLM keeps them in a table of its own.
        Replaces the stored dict; V({}) removes them.
    type: dict
  team_member_permissions:
    description:
      - The management routes team members may call with their keys (V(/key/generate), V(/key/update),
        V(/key/info), V(/key/list)...; C(/team/permissions_list) lists them). Set through
        C(/team/permissions_update), because C(/team/update) ignores them. Compared as a set; V([]) removes them.
    type: list
    elements: str
  team_member_budget:
    description:
      - The default budget in USD of each member in the team (LiteLLM keeps it in a budget of its own, read with
        C(/team/info)). Use O(unlimited) to remove it.
    type: float
  team_member_budget_duration:
    description:
      - How often a member's spend in the team is reset, as a LiteLLM duration.
    type: str
  team_member_rpm_limit:
    description:
      - Each member's requests per minute in the team. Use O(unlimited) to remove it.
    type: int
  team_member_tpm_limit:
    description:
      - Each member's tokens per minute in the team. Use O(unlimited) to remove it.
    type: int
  router_settings:
    description:
      - Router settings of the team (C(num_retries), C(timeout)...). Replaces the stored dict; V({}) empties
        it. LiteLLM does not check the keys or values.
    type: dict
  access_group_ids:
    description:
      - The access groups the team belongs to. Compared as a set; V([]) removes them.
    type: list
    elements: str
  team_member_key_duration:
    description:
      - How long the keys members generate stay valid. B(LiteLLM Enterprise), as O(tags).
    type: str
  members:
    description:
      - The team's members, each by O(members[].user_id) or O(members[].user_email), with a role.
      - Listed users who are not members are added, ten per request; a listed member with another role gets the
        listed one. Others stay, unless O(purge_members=true).
      - A listed user that does not exist is created by LiteLLM (an internal user without keys); the module warns.
      - Not given, the members are not managed. Their own budgets are set with M(berriai.litellm.litellm_team_member).
    type: list
    elements: dict
    suboptions:
      user_id:
        description:
          - The user's id. One of O(members[].user_id) and O(members[].user_email) is required.
        type: str
      user_email:
        description:
          - The user's email (compared ignoring case, as LiteLLM does).
        type: str
      role:
        description:
          - The member's role. V(admin) is a LiteLLM Enterprise feature; when the proxy's C(/health/license) says it has
            no Enterprise licence, the module fails saying so before any write (the team's own settings included).
        type: str
        choices: [user, admin]
        default: user
  purge_members:
    description:
      - When V(true), O(members) is the whole list. Members not listed are removed, and LiteLLM deletes their keys in
        the team with them (the module warns with their number and aliases).
      - The admin entry LiteLLM adds for the credential that created the team is never removed (C(default_user_id) for
        the master key, or the user of O(api_key) when it is a proxy admin's virtual key).
    type: bool
    default: false
notes:
  - docs/settings.md lists every setting with where LiteLLM keeps it, whether it changes in place and its licence.
  - Settings LiteLLM keeps inside C(metadata) (O(model_rpm_limit), O(model_tpm_limit), O(tags), O(guardrails),
    O(allowed_passthrough_routes)) are compared there and kept when O(metadata) is merged or purged.
  - Enterprise-only settings (O(tags), O(guardrails), O(allowed_passthrough_routes), O(team_member_key_duration),
    O(model_max_budget)) are checked against the proxy's C(/health/license) before any write, in check mode too;
    without the licence the task fails naming them and nothing is changed.
  - LiteLLM drops C(enforced_params) and ignores C(rpm_limit_type)/C(tpm_limit_type) on team updates, so this
    module does not offer them for teams.
  - LiteLLM 1.108 ignores C(max_parallel_requests) on teams (C(/team/new) and C(/team/update) drop it), so this
    module does not offer it; set it on keys with M(berriai.litellm.litellm_key).
seealso:
  - module: berriai.litellm.litellm_key
'''

EXAMPLES = r'''
- name: A team with a monthly budget and two models
  berriai.litellm.litellm_team:
    api_base: https://litellm.example.com
    api_key: "{{ litellm_admin_key }}"
    team_alias: research
    models: [gpt-4o, claude-sonnet]
    max_budget: 500
    budget_duration: 1mo
    metadata:
      cost_center: "4711"

- name: Pin the team id (for JWT group mapping); a team with the alias but another id is replaced
  berriai.litellm.litellm_team:
    team_id: research
    team_alias: research

- name: Remove the budget and the tpm limit
  berriai.litellm.litellm_team:
    team_alias: research
    unlimited: [max_budget, tpm_limit]

- name: Make the metadata exactly this
  berriai.litellm.litellm_team:
    team_alias: research
    metadata:
      owner: platform
    purge_metadata: true

- name: Exactly these members (others are removed, with their keys in the team)
  berriai.litellm.litellm_team:
    team_alias: research
    members:
      - user_id: jdoe
      - user_email: contractor@example.com
    purge_members: true

- name: Delete the team (and its keys)
  berriai.litellm.litellm_team:
    team_alias: research
    state: absent
'''

RETURN = r'''
team:
  description:
    - The team as it stands after the run (predicted in check mode), normalised. Empty when it was deleted or is absent.
  returned: always
  type: dict
  sample:
    team_id: 0f4c9c2e-5d8b-4d3e-9a43-3c1b7fa2c6a0
    team_alias: research
    models: [claude-sonnet, gpt-4o]
    max_budget: 500
    budget_duration: 1mo
    tpm_limit: null
    rpm_limit: null
    metadata: {cost_center: "4711"}
    blocked: false
    organization_id: null
team_id:
  description: The team's id (null when a team is created in check mode without O(team_id)).
  returned: always
  type: str
  sample: 0f4c9c2e-5d8b-4d3e-9a43-3c1b7fa2c6a0
recreated:
  description: Whether the team was deleted and created again to take the requested O(team_id).
  returned: always
  type: bool
  sample: false
deleted_keys:
  description: Aliases of the keys deleted together with the team (by O(state=absent) or a recreate).
  returned: always
  type: list
  elements: str
  sample: [ci-bot, notebook]
members:
  description:
    - The team's members after the run (predicted in check mode), sorted by id. Only when O(members) is given.
  returned: when O(members) is given
  type: list
  elements: dict
  sample: [{user_id: default_user_id, user_email: null, role: admin}, {user_id: jdoe, user_email: jdoe@example.com, role: user}]
members_added:
  description: The members added (by the id or email listed).
  returned: when O(members) is given
  type: list
  elements: str
  sample: [jdoe]
members_updated:
  description: The members whose role changed.
  returned: when O(members) is given
  type: list
  elements: str
  sample: []
members_removed:
  description: The members removed by O(purge_members).
  returned: when O(members) is given
  type: list
  elements: str
  sample: [old-contractor]
msg:
  description: What the run did, in a few words.
  returned: always
  type: str
  sample: "team updated: max_budget, models"
http_requests:
  description: How many HTTP requests the run sent to the proxy, by method.
  returned: always
  type: dict
  sample: {GET: 1, POST: 1}
outcome:
  description:
    - What the run did (or, in check mode, would do) to the team, one of V(created), V(updated), V(recreated), V(deleted),
      V(unchanged).
  returned: always
  type: str
  sample: updated
recreate_reason:
  description: Why the team was recreated (deleted and created again), or null when it was not.
  returned: always
  type: str
  sample: null
'''

from ansible_collections.berriai.litellm.plugins.module_utils._runner import run_module
from ansible_collections.berriai.litellm.plugins.module_utils._team import TEAM, run_team

# The options documented above (declared in _team.TEAM); the action plugin (the controller fast path) validates
# with the same.
ARGUMENT_SPEC = TEAM.argspec()
MODULE_KWARGS = dict(
    argument_spec=ARGUMENT_SPEC,
    required_one_of=[('team_id', 'team_alias')],
    supports_check_mode=True,
)


def main():
    run_module(MODULE_KWARGS, run_team)


if __name__ == '__main__':
    main()
