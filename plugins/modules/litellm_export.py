#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: litellm_export
short_description: Export the objects of a LiteLLM proxy as the options of this collection's modules
version_added: 1.0.0
description:
  - Reads every object this collection manages from a LiteLLM proxy (every page) and returns each one in the
    exact shape of its module's options, so that a playbook can loop over the result and apply it to another
    proxy (see C(examples/promote.yml)), or to the same proxy after a review.
  - "Object kinds, in the order to apply them: V(credentials) (M(berriai.litellm.litellm_credential)),
    V(models) (DB models, M(berriai.litellm.litellm_model)), V(mcp_servers) (M(berriai.litellm.litellm_mcp_server)),
    V(budgets) (M(berriai.litellm.litellm_budget)), V(users) (M(berriai.litellm.litellm_user)), V(teams)
    (M(berriai.litellm.litellm_team)), V(team_members) (M(berriai.litellm.litellm_team_member)), V(keys)
    (M(berriai.litellm.litellm_key)), V(access_groups) (unified access groups,
    M(berriai.litellm.litellm_access_group); none on LiteLLM 1.80, which has none), V(customers)
    (M(berriai.litellm.litellm_customer))."
  - An access group's teams come out by id and its keys by alias (a key without one is left out of it, and listed
    in RV(left_out)); when V(access_groups) are exported, the teams come out without
    O(berriai.litellm.litellm_team#module:access_group_ids) (the groups' ids are the proxy's own; the link is
    exported from the groups' side). In a scoped export (O(teams)), the groups assigned to a team in scope, with
    the teams and keys in scope.
  - Ids and aliases are kept, so that applying the export adopts the objects it created before instead of
    making new ones. Every option that an object's module manages is exported (taken from the module's own list
    of fields, the settings of C(docs/settings.md) included), except those left unset (they read as the module's
    default); server-side fields (spend, dates, budget reset times, LiteLLM's own bookkeeping in metadata such as
    C(team_member_budget_id)) are left out. The settings LiteLLM keeps inside metadata (C(model_rpm_limit),
    C(enforced_params), C(tags)...) come out as their own options; the rest of the metadata as it is.
  - Teams are read through C(/team/info) when the team list lacks their settings (an object permission, a
    member budget) and whenever V(team_members) are exported (members and their budgets are only there).
  - A member whose budget in the team is the team's default member budget
    (O(berriai.litellm.litellm_team#module:team_member_budget)) is exported without a budget of its own (the
    team gives it again). A key with a O(berriai.litellm.litellm_key#module:soft_budget) is exported without its
    C(budget_id), a budget LiteLLM made for it. Options not exported, with why, are listed by C(NOT_EXPORTED) in
    C(plugins/module_utils/_export.py) (run options such as O(berriai.litellm.litellm_key#module:regenerate), a
    key's secret and expiry).
  - Secrets are never read (LiteLLM does not return them). An object's secrets come out as references - its
    module's C(*_from) option (O(berriai.litellm.litellm_credential#module:credential_values_from),
    O(berriai.litellm.litellm_model#module:secret_params_from),
    O(berriai.litellm.litellm_mcp_server#module:credentials_from)) names an entry of a variable
    (O(secrets_variable)), for example the entry V(mcp_servers/github/credentials) for an MCP server. Define that variable
    with ansible-vault before applying the export; the vars file's header lists the entries. The modules' action
    plugins resolve the references on the controller, so a loop over the export holds no secret in its items
    and needs no C(no_log) (C(examples/promote.yml)). Keys come out without their secret; applying them to
    another proxy generates new secrets (returned once by M(berriai.litellm.litellm_key)) unless the task gives
    O(berriai.litellm.litellm_key#module:key).
  - Budgets - those the exported keys use, and (unless the export is limited to some O(teams)) every budget with
    an id a person chose. The budgets LiteLLM makes itself, with a generated id (for team members, tags, customers
    and keys with a soft budget), are left out unless an exported key uses one; their owners make them again.
  - Keys without an alias are left out, with a warning. Nothing identifies them on another proxy, so each
    apply would make another key.
  - Models defined in the proxy's C(config.yaml) are left out (they are not objects of the API). Of a DB model's
    C(model_info), only what a person sets is exported (C(base_model), C(mode), C(access_groups), C(tier),
    C(description), C(supported_environments)); the proxy's reads add its cost map's entries to the rest.
    Secret C(litellm_params) that the proxy masks come out as references in C(secret_params_from); those it
    leaves out of its reads cannot be seen; prefer a C(litellm_credential_name).
  - The user LiteLLM keeps for the master key (C(default_user_id)) is left out, and so is the membership
    LiteLLM adds itself to each team it creates (its creator, as the first member, an admin whose budget in the
    team is none or the team's default member budget), also when the team has a C(team_member_budget). Applying
    the export adds the applying credential's user the same way, and adding an admin needs a LiteLLM Enterprise
    licence.
  - A customer on a named budget comes out with its C(budget_id) alone (the budget's limits are the budget's); a
    customer with a budget of its own comes out with its limits (applied, LiteLLM makes the budget row again).
  - Never changes the proxy, so it runs the same in check mode.
author:
  - berriai.litellm contributors (@BerriAI)
extends_documentation_fragment:
  - berriai.litellm.litellm
  - berriai.litellm.litellm.ATTRIBUTES
attributes:
  check_mode:
    description: Can run in check_mode and return changed status prediction without modifying target.
    support: full
    details: The module only reads the proxy; in check mode it does not write O(dest) either.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check_mode), when in diff mode.
    support: none
options:
  kinds:
    description: The object kinds to export (all by default).
    type: list
    elements: str
    choices: [credentials, models, mcp_servers, budgets, users, teams, team_members, keys, access_groups, customers]
  teams:
    description:
      - Export only these teams (ids or aliases), their members, the users who are members, the teams' keys
        and the members' keys outside any team. MCP servers are exported as without it; customers are not
        exported (they belong to no team).
    type: list
    elements: str
  mcp_servers:
    description: Export only these MCP servers (ids or names).
    type: list
    elements: str
  credentials:
    description: Export only these credentials (names).
    type: list
    elements: str
  models:
    description: Export only these DB models (model ids or public model names).
    type: list
    elements: str
  dest:
    description:
      - Also write the export to this file as a YAML vars file that reads well in a review, one variable per
        object kind (named O(var_prefix) and the kind, for example C(litellm_teams)), one block per object, in a
        stable order. The file is only written when its content changes (the result is then changed).
      - The file is written on the host that runs the module (the controller on a local connection).
    type: path
  var_prefix:
    description:
      - The prefix of the variables in O(dest).
      - Letters, digits and C(_), not starting with a digit, so that the variables can be used in templates; the
        module refuses anything else before any request.
    type: str
    default: litellm_
  secrets_variable:
    description:
      - The variable the exported references to secrets name entries of (written in each object that has
        secrets, as its module's O(berriai.litellm.litellm_model#module:secrets_variable) option, when it is not
        the default). A valid variable name, as O(var_prefix).
    type: str
    default: litellm_secrets
notes:
  - Members' budgets are only returned per team by LiteLLM, so exporting V(team_members) reads each team once
    (C(/team/info)); so does exporting a team with an object permission or a member budget. Every other kind is
    read with a few paged requests.
  - A setting removed on the exported proxy is left out of the export, so applying the export does not remove
    it elsewhere; use the module's O(berriai.litellm.litellm_team#module:unlimited) option for that.
seealso:
  - module: berriai.litellm.litellm_team
  - module: berriai.litellm.litellm_key
  - module: berriai.litellm.litellm_mcp_server
'''

EXAMPLES = r'''
- name: Export the staging proxy to a vars file for review
  berriai.litellm.litellm_export:
    api_base: https://litellm-staging.example.com
    api_key: "{{ staging_admin_key }}"
    dest: "{{ playbook_dir }}/vars/staging.yml"
  register: staging

- name: Only the teams research and support, with their members and keys
  berriai.litellm.litellm_export:
    teams: [research, support]
    kinds: [teams, team_members, keys]
  register: some_teams

- name: Apply the exported teams to another proxy
  berriai.litellm.litellm_team: "{{ item | combine({'api_base': 'https://litellm.example.com', 'api_key': prod_admin_key}) }}"
  loop: "{{ some_teams.export.teams }}"
  loop_control:
    label: "{{ item.team_alias | default(item.team_id) }}"
'''

RETURN = r'''
export:
  description:
    - The objects, one list per exported kind, each item the options of the kind's module.
  returned: always
  type: dict
  sample:
    teams:
      - {team_id: 6f1c0d1e-..., team_alias: research, max_budget: 500, budget_duration: 30d, models: [gpt-4o]}
    keys:
      - {key_alias: research-ci, team_id: 6f1c0d1e-..., max_budget: 20}
    mcp_servers:
      - server_id: github
        server_name: github
        url: https://api.githubcopilot.com/mcp
        transport: http
        auth_type: api_key
        credentials_from: mcp_servers/github/credentials
counts:
  description: How many objects of each kind were exported.
  returned: always
  type: dict
  sample: {teams: 1, keys: 1, mcp_servers: 1, users: 0, team_members: 0}
left_out:
  description:
    - Objects left out because they cannot be applied elsewhere as they are, and why. (Not C(skipped), which
      Ansible would take for a skipped task.)
  returned: always
  type: list
  elements: dict
  sample: [{kind: keys, object: sk-...abcd, why: it has no key_alias}]
dest:
  description: The vars file written (only with O(dest)).
  returned: when O(dest) is given
  type: str
  sample: /srv/ansible/vars/staging.yml
msg:
  description: What was exported.
  returned: always
  type: str
  sample: exported 1 mcp_servers, 0 users, 1 teams, 0 team_members, 1 keys
http_requests:
  description: How many HTTP requests the run sent to the proxy, by method.
  returned: always
  type: dict
  sample: {GET: 6}
'''

from ansible_collections.berriai.litellm.plugins.module_utils._api import CONNECTION_ARGSPEC
from ansible_collections.berriai.litellm.plugins.module_utils._export import KINDS, run_export
from ansible_collections.berriai.litellm.plugins.module_utils._runner import run_module

ARGUMENT_SPEC = dict(
    CONNECTION_ARGSPEC,
    kinds=dict(type='list', elements='str', choices=list(KINDS)),
    teams=dict(type='list', elements='str'),
    mcp_servers=dict(type='list', elements='str'),
    credentials=dict(type='list', elements='str', no_log=False),
    models=dict(type='list', elements='str'),
    dest=dict(type='path'),
    var_prefix=dict(type='str', default='litellm_'),
    secrets_variable=dict(type='str', default='litellm_secrets', no_log=False),
)
MODULE_KWARGS = dict(
    argument_spec=ARGUMENT_SPEC,
    supports_check_mode=True,
)


def main():
    run_module(MODULE_KWARGS, run_export)


if __name__ == '__main__':
    main()
