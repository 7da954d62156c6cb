#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: litellm_access_group_info
short_description: List the unified access groups of a LiteLLM proxy
version_added: 1.1.0
description:
  - Returns the unified access groups of a LiteLLM proxy (C(/v1/access_group)) with their models, MCP servers,
    teams and keys, and what M(berriai.litellm.litellm_access_group) does not manage (agents, skills, MCP tool
    permissions).
  - Finds one group by O(access_group_name), or every group.
  - Never changes anything, so it runs the same in check mode.
  - Needs a LiteLLM that has unified access groups (1.81 or later); on LiteLLM 1.80 it fails naming the
    proxy's version.
author:
  - berriai.litellm contributors (@BerriAI)
extends_documentation_fragment:
  - berriai.litellm.litellm
  - berriai.litellm.litellm.ATTRIBUTES
  - berriai.litellm.litellm.READ_ONLY
options:
  access_group_name:
    description:
      - Return the group with this name. The result is empty when there is none.
    type: str
seealso:
  - module: berriai.litellm.litellm_access_group
'''

EXAMPLES = r'''
- name: Every access group of the proxy
  berriai.litellm.litellm_access_group_info:
  register: all_groups

- name: The names
  ansible.builtin.debug:
    msg: "{{ all_groups.access_groups | map(attribute='access_group_name') }}"
'''

RETURN = r'''
access_groups:
  description:
    - The access groups found, sorted by name.
    - Each item also has C(keys), the keys assigned to the group by alias (by token for a key without one), as
      O(berriai.litellm.litellm_access_group#module:keys) takes them; read it as C(item['keys']) (a dict's
      C(.keys) is a method in Jinja, so it is not listed below).
  returned: always
  type: list
  elements: dict
  contains:
    access_group_id:
      description: The group's id.
      type: str
      sample: 5b7c3c4e-0d5e-4a55-9b8e-2f7f4c1d2a10
    access_group_name:
      description: The group's name.
      type: str
      sample: fast-models
    description:
      description: What the group is for (without the collection's ownership marker).
      type: str
      sample: Models with a short latency
    models:
      description: The model names it gives access to.
      type: list
      elements: str
      sample: [gpt-4o-mini]
    mcp_servers:
      description: The ids of the MCP servers it gives access to.
      type: list
      elements: str
      sample: []
    teams:
      description: The ids of the teams assigned to it.
      type: list
      elements: str
      sample: [team-ds]
    team_aliases:
      description: Each assigned team's alias, by team id.
      type: dict
      sample: {team-ds: data-science}
    key_tokens:
      description: The tokens (hashes) of the assigned keys, as the proxy stores them.
      type: list
      elements: str
      sample: [88dc28d0f030c55ed4ab77ed8faf098196cb1c05df778539800c9f1243fe6b4b]
    managed:
      description: Whether the group carries the collection's ownership marker (it was created by this collection).
      type: bool
      sample: true
    access_agent_ids:
      description: The agents it gives access to (not managed by M(berriai.litellm.litellm_access_group)).
      type: list
      elements: str
      sample: []
    access_skill_names:
      description: The skills it gives access to (not managed).
      type: list
      elements: str
      sample: []
    mcp_tool_permissions:
      description: MCP server id to the tools it allows (not managed).
      type: dict
      sample: null
    created_at:
      description: When it was created.
      type: str
      sample: "2026-12-02T22:10:00.000000Z"
    created_by:
      description: The user id that created it.
      type: str
      sample: default_user_id
    updated_at:
      description: When it was last changed.
      type: str
      sample: "2026-12-02T22:10:00.000000Z"
    updated_by:
      description: The user id that last changed it.
      type: str
      sample: default_user_id
msg:
  description: How many access groups were found.
  returned: always
  type: str
  sample: "1 access group(s) named 'fast-models'"
http_requests:
  description: How many HTTP requests the run sent to the proxy, by method.
  returned: always
  type: dict
  sample: {GET: 1}
'''

from ansible_collections.berriai.litellm.plugins.module_utils._access_group import run_access_group_info
from ansible_collections.berriai.litellm.plugins.module_utils._api import CONNECTION_ARGSPEC
from ansible_collections.berriai.litellm.plugins.module_utils._runner import run_module

# The options documented above; the action plugin (the controller fast path) validates with the same.
ARGUMENT_SPEC = dict(
    CONNECTION_ARGSPEC,
    access_group_name=dict(type='str'),
)
MODULE_KWARGS = dict(
    argument_spec=ARGUMENT_SPEC,
    supports_check_mode=True,
)


def main():
    run_module(MODULE_KWARGS, run_access_group_info)


if __name__ == '__main__':
    main()
