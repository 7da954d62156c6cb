#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: litellm_access_group
short_description: Manage a unified access group of a LiteLLM proxy
version_added: 1.1.0
description:
  - Creates, updates and deletes a unified access group of a LiteLLM proxy (C(/v1/access_group)), idempotently -
    a named set of models and MCP servers that the teams and keys assigned to it may use.
  - The group is found by its O(access_group_name), which LiteLLM keeps unique; its id is the proxy's.
  - Assigning is a two-sided link - LiteLLM also writes the group into each team's and key's C(access_group_ids)
    (as O(berriai.litellm.litellm_team#module:access_group_ids) does from the team's side), and takes it out when
    the group drops them or is deleted. Teams and keys themselves are never changed or deleted otherwise.
  - Every team, key and MCP server the task names must exist; the module checks them before any write and
    fails naming the option and the entry.
  - Needs a LiteLLM that has unified access groups (1.81 or later; tested on 1.108.7). On LiteLLM 1.80 the
    module fails before any write, naming the proxy's version.
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
    details: The diff shows the description, models, MCP servers, teams (by id) and keys (by alias) before and after.
options:
  state:
    description:
      - V(present) creates the access group or brings it to the requested settings.
      - V(absent) deletes it; its teams and keys lose it (they are not deleted). An absent group is left alone.
    type: str
    choices: [present, absent]
    default: present
  access_group_name:
    description:
      - The group's name, its identity (unique on the proxy).
    type: str
    required: true
  description:
    description:
      - What the group is for. An empty string removes it.
    type: str
  models:
    description:
      - The model names (or model access groups) the group gives access to. The group then holds exactly these;
        an empty list removes them all. Left out, the models are not managed.
    type: list
    elements: str
  mcp_servers:
    description:
      - The MCP servers the group gives access to, each by its id, name or alias (stored by id). Exactly these;
        an empty list removes them all. Left out, not managed.
    type: list
    elements: str
  teams:
    description:
      - The teams assigned to the group, each by its team_id or by the team_alias of exactly one team (stored by
        id). Exactly these; an empty list unassigns them all. Left out, not managed.
    type: list
    elements: str
  keys:
    description:
      - The virtual keys assigned to the group, each by its key_alias or by its token (the hash
        M(berriai.litellm.litellm_key) returns; never the key's secret C(sk-...)). Exactly these; an empty list
        unassigns them all. Left out, not managed.
    type: list
    elements: str
notes:
  - "The groups this collection creates carry the ownership marker C([managed_by: berriai.litellm]) at the end of
    their description (an access group has no other field that grants nothing), so that the role
    C(berriai.litellm.proxy) prunes only those. Results, diffs and exports leave it out, and updates keep it.
    A group made by hand carries none; the module does not add it."
  - The agents, skills and MCP tool permissions of a group are not managed and are kept as they are
    (M(berriai.litellm.litellm_access_group_info) returns them).
seealso:
  - module: berriai.litellm.litellm_access_group_info
  - module: berriai.litellm.litellm_team
'''

EXAMPLES = r'''
- name: The fast models, for two teams and one key
  berriai.litellm.litellm_access_group:
    access_group_name: fast-models
    description: Models with a short latency
    models: [gpt-4o-mini, claude-haiku]
    teams: [data-science, ml-platform]  # team aliases or ids
    keys: [ci-runner]  # key aliases

- name: Unassign every key, keep the rest
  berriai.litellm.litellm_access_group:
    access_group_name: fast-models
    keys: []

- name: Delete the group (its teams and keys stay)
  berriai.litellm.litellm_access_group:
    access_group_name: fast-models
    state: absent
'''

RETURN = r'''
access_group:
  description:
    - The access group as it stands after the run (predicted in check mode). Empty when it was deleted or is
      absent.
  returned: always
  type: dict
  sample:
    access_group_id: 5b7c3c4e-0d5e-4a55-9b8e-2f7f4c1d2a10
    access_group_name: fast-models
    description: Models with a short latency
    models: [claude-haiku, gpt-4o-mini]
    mcp_servers: []
    teams: [team-ds, team-ml]
    keys: [ci-runner]
access_group_id:
  description: The group's id (null when check mode would create it).
  returned: always
  type: str
  sample: 5b7c3c4e-0d5e-4a55-9b8e-2f7f4c1d2a10
msg:
  description: What the run did, in a few words.
  returned: always
  type: str
  sample: "access group updated: keys"
http_requests:
  description: How many HTTP requests the run sent to the proxy, by method.
  returned: always
  type: dict
  sample: {GET: 2, PUT: 1}
outcome:
  description:
    - What the run did (or, in check mode, would do) to the group, one of V(created), V(updated), V(deleted),
      V(unchanged).
  returned: always
  type: str
  sample: updated
recreated:
  description: Always false (an access group is updated in place).
  returned: always
  type: bool
  sample: false
recreate_reason:
  description: Always null.
  returned: always
  type: str
  sample: null
'''

from ansible_collections.berriai.litellm.plugins.module_utils._access_group import ACCESS_GROUP, run_access_group
from ansible_collections.berriai.litellm.plugins.module_utils._runner import run_module

# The options documented above; the action plugin (the controller fast path) validates with the same.
ARGUMENT_SPEC = ACCESS_GROUP.argspec()
MODULE_KWARGS = dict(
    argument_spec=ARGUMENT_SPEC,
    supports_check_mode=True,
)


def main():
    run_module(MODULE_KWARGS, run_access_group)


if __name__ == '__main__':
    main()
