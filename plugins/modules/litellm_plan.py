#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: litellm_plan
short_description: Plan applying a whole LiteLLM vars file - drift per kind, reference checks, what to prune
version_added: 1.1.0
description:
  - Takes the object lists that M(berriai.litellm.litellm_export) writes (each item the options of its module) and
    returns, without writing anything, what applying them would do to the proxy, per kind - C(create),
    C(update), C(recreate), C(delete), with names.
  - Each item is validated with its module's own argument spec and predicted with its module's own logic in
    check mode, so the plan is what the modules would do. An item whose team or user the plan creates is planned
    as a create (its module cannot see that team yet).
  - "References are checked before anything else, and every problem is listed at once: the models a user, team
    or key allows exist (in the file, as DB or config models, or as an access group), a key's models are among
    its team's, the credential a model names exists, the MCP servers an C(object_permission) names exist, every
    team member and key owner is a user in the file or on the proxy, every C(budget_id) exists, and the models,
    MCP servers, teams and keys an access group names exist."
  - "Ownership: every object this collection creates carries the marker C(managed_by: berriai.litellm) (teams,
    keys, users: C(metadata); credentials: C(credential_info); MCP servers: C(mcp_info); models:
    C(model_info); access groups: the text C([managed_by: berriai.litellm]) at the end of the description).
    With O(prune), the objects of O(prune_kinds) that carry it and that the file does not list are planned for
    deletion (in RV(prune), to apply with each module's C(state=absent)), and the keys that go with a pruned
    team or user are listed in RV(cascade). Objects without the marker are never pruned, only
    listed in RV(not_managed). Applying an object with its module does not adopt it; recreate it, or add the
    marker to it yourself, to hand it over. Customers have no field for the marker (no metadata): they are
    never pruned, and those the file does not list are always in RV(not_managed)."
  - Budgets cannot carry the marker (LiteLLM's budgets have no field for it) and are never pruned. Those with a
    chosen id that the file does not list are listed in RV(not_managed); those LiteLLM made itself for team
    members, tags, customers and keys with a soft budget (a generated id) belong to their owners and are not
    listed. An item with C(state=absent) (any kind) names an object to delete; it is planned as a C(delete) and
    applied with the other items of its kind.
  - This is what the role C(berriai.litellm.proxy) runs first; it applies RV(apply) and RV(prune).
  - Runs in the controller only (its action plugin); the connection of the task's host is not used.
author:
  - berriai.litellm contributors (@BerriAI)
extends_documentation_fragment:
  - berriai.litellm.litellm
  - berriai.litellm.litellm.ATTRIBUTES
attributes:
  check_mode:
    description: Can run in check_mode and return changed status prediction without modifying target.
    support: full
    details: The module never writes; it plans the same in check mode.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check_mode), when in diff mode.
    support: full
    details: One before/after per object to create, update or recreate, as its module shows it (never a secret).
options:
  credentials:
    description: The options of M(berriai.litellm.litellm_credential), one item per credential.
    type: list
    elements: dict
    default: []
  models:
    description: The options of M(berriai.litellm.litellm_model), one item per DB model deployment.
    type: list
    elements: dict
    default: []
  mcp_servers:
    description: The options of M(berriai.litellm.litellm_mcp_server), one item per MCP server.
    type: list
    elements: dict
    default: []
  budgets:
    description: The options of M(berriai.litellm.litellm_budget), one item per budget.
    type: list
    elements: dict
    default: []
  users:
    description: The options of M(berriai.litellm.litellm_user), one item per internal user.
    type: list
    elements: dict
    default: []
  teams:
    description: The options of M(berriai.litellm.litellm_team), one item per team.
    type: list
    elements: dict
    default: []
  team_members:
    description: The options of M(berriai.litellm.litellm_team_member), one item per membership.
    type: list
    elements: dict
    default: []
  keys:
    description: The options of M(berriai.litellm.litellm_key), one item per key (planned as M(berriai.litellm.litellm_keys) would).
    type: list
    elements: dict
    default: []
  customers:
    description: The options of M(berriai.litellm.litellm_customer), one item per customer (end user).
    type: list
    elements: dict
    default: []
  access_groups:
    description: The options of M(berriai.litellm.litellm_access_group), one item per unified access group.
    type: list
    elements: dict
    default: []
  prune:
    description:
      - Plan the deletion of the objects of O(prune_kinds) that carry the ownership marker and that the file does
        not list.
    type: bool
    default: false
  prune_kinds:
    description: The kinds O(prune) may delete.
    type: list
    elements: str
    choices: [access_groups, keys, teams, users, mcp_servers, models, credentials]
    default: [access_groups, keys, teams, users, mcp_servers, models, credentials]
  prune_match:
    description:
      - A regular expression (searched) that limits O(prune) and RV(not_managed) to the objects whose name or id
        matches it (team alias or id, key alias, user id or email, credential name, model id or name, MCP server
        id or name, access group name). For a proxy that several files share, each with its naming convention.
    type: str
  fail_on_drift:
    description: Fail (after returning the whole plan) when the plan is not empty. For a CI gate.
    type: bool
    default: false
notes:
  - Team memberships are not pruned; list a team's members in its O(berriai.litellm.litellm_team#module:members) option to keep exactly those.
'''

EXAMPLES = r'''
- name: The drift of the proxy against the reviewed file, failing the CI job when there is any
  berriai.litellm.litellm_plan:
    credentials: "{{ litellm_credentials | default([]) }}"
    models: "{{ litellm_models | default([]) }}"
    mcp_servers: "{{ litellm_mcp_servers | default([]) }}"
    budgets: "{{ litellm_budgets | default([]) }}"
    users: "{{ litellm_users | default([]) }}"
    teams: "{{ litellm_teams | default([]) }}"
    team_members: "{{ litellm_team_members | default([]) }}"
    keys: "{{ litellm_keys | default([]) }}"
    customers: "{{ litellm_customers | default([]) }}"
    access_groups: "{{ litellm_access_groups | default([]) }}"
    prune: true
    fail_on_drift: true
'''

RETURN = r'''
plan:
  description: Per kind, the names of the objects to create, update, recreate and delete.
  returned: when the file has no problem
  type: dict
  sample: {teams: {create: [research], update: [], recreate: [], delete: [old-team]}, keys: {create: [], update: [ci], recreate: [], delete: []}}
apply:
  description: Per kind, the positions (from 0) of the file's items to apply (those to create, update, recreate, or delete with C(state=absent)).
  returned: when the file has no problem
  type: dict
  sample: {teams: [0], keys: [3]}
prune:
  description:
    - Per kind, the options of its module that delete each object to prune (its id and V(state=absent)), in the order
      to delete them. Empty without O(prune).
  returned: when the file has no problem
  type: dict
  sample: {teams: [{team_id: 4f1c..., state: absent}], keys: []}
cascade:
  description: The keys LiteLLM deletes with the teams and users pruned (key aliases).
  returned: when the file has no problem
  type: dict
  sample: {keys: [old-team-ci]}
not_managed:
  description: Per kind, the proxy's objects the file does not list and that lack the ownership marker. Never pruned.
  returned: always
  type: dict
  sample: {teams: [made-in-the-ui]}
not_managed_summary:
  description: RV(not_managed) in one line.
  returned: always
  type: str
  sample: "not managed (not made by this collection, never pruned): teams: made-in-the-ui"
counts:
  description: How many objects to create, update, recreate and delete.
  returned: when the file has no problem
  type: dict
  sample: {create: 1, update: 1, recreate: 0, delete: 1}
check_mode:
  description:
    - Whether the task ran in check mode. A role reads it rather than C(ansible_check_mode), which does not follow
      a task's or an C(include_role)'s own C(check_mode).
  returned: always
  type: bool
drift:
  description: Whether the plan is not empty.
  returned: when the file has no problem
  type: bool
problems:
  description: Every problem found in the file (bad options, missing references, objects that cannot be planned).
  returned: always
  type: list
  elements: str
  sample: ["keys[2] (ci): models gpt-5 do not exist (neither in the file nor on the proxy)"]
msg:
  description: The plan in one line, or the problems.
  returned: always
  type: str
  sample: "1 to create, 0 to update, 0 to recreate, 0 to delete (create teams: research)"
http_requests:
  description: How many HTTP requests the run sent to the proxy, by method.
  returned: always
  type: dict
  sample: {GET: 9}
'''

from ansible_collections.berriai.litellm.plugins.module_utils._plan import PLAN_ARGSPEC

ARGUMENT_SPEC = PLAN_ARGSPEC
MODULE_KWARGS = dict(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)


def main():
    from ansible.module_utils.basic import AnsibleModule
    module = AnsibleModule(**MODULE_KWARGS)
    module.fail_json(msg='litellm_plan runs in the controller (its action plugin predicts each item with the logic '
                         'of its own module); this module file only documents it')


if __name__ == '__main__':
    main()
