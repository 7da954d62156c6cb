#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: litellm_mcp_server_info
short_description: List the MCP servers of a LiteLLM proxy
version_added: 1.0.0
description:
  - Returns MCP servers of a LiteLLM proxy with their settings and health, never their credentials (LiteLLM
    does not return them).
  - Finds one server by O(server_id), the server called O(server_name), or, without either, every server.
  - Never changes anything, so it runs the same in check mode.
author:
  - berriai.litellm contributors (@BerriAI)
extends_documentation_fragment:
  - berriai.litellm.litellm
  - berriai.litellm.litellm.ATTRIBUTES
  - berriai.litellm.litellm.READ_ONLY
options:
  server_id:
    description: Return the server with this id. The result is empty when no server has it.
    type: str
  server_name:
    description: Return the server with this name (compared case-insensitively, as LiteLLM keeps names unique).
    type: str
seealso:
  - module: berriai.litellm.litellm_mcp_server
'''

EXAMPLES = r'''
- name: Every MCP server of the proxy
  berriai.litellm.litellm_mcp_server_info:
    api_base: https://litellm.example.com
    api_key: "{{ litellm_admin_key }}"
  register: mcp

- name: Fail when a server is unhealthy
  ansible.builtin.assert:
    that: mcp.mcp_servers | selectattr('health.status', 'equalto', 'unhealthy') | list | length == 0
'''

RETURN = r'''
mcp_servers:
  description:
    - The servers found, sorted by name then id, each with the fields M(berriai.litellm.litellm_mcp_server)
      returns plus its health and read-only facts.
  returned: always
  type: list
  elements: dict
  contains:
    server_id:
      description: The server's id.
      type: str
      sample: github
    server_name:
      description: The server's name.
      type: str
      sample: github
    url:
      description: The server's URL.
      type: str
      sample: https://api.githubcopilot.com/mcp
    health:
      description: The health the proxy reports (V(status), V(error), V(checked_at)).
      type: dict
      sample: {status: healthy, error: null, checked_at: null}
    created_at:
      description: When the server was created (ISO 8601).
      type: str
      sample: "2026-11-26T22:35:56.486000Z"
    updated_at:
      description: When the server was last changed (ISO 8601).
      type: str
      sample: "2026-11-26T22:35:56.486000Z"
    created_by:
      description: Who created it.
      type: str
      sample: default_user_id
    updated_by:
      description: Who last changed it.
      type: str
      sample: default_user_id
msg:
  description: How many servers were found, and by what.
  returned: always
  type: str
  sample: "1 MCP server(s) called 'github'"
http_requests:
  description: How many HTTP requests the run sent to the proxy, by method.
  returned: always
  type: dict
  sample: {GET: 1}
'''

from ansible_collections.berriai.litellm.plugins.module_utils._api import CONNECTION_ARGSPEC
from ansible_collections.berriai.litellm.plugins.module_utils._mcp_server import run_mcp_server_info
from ansible_collections.berriai.litellm.plugins.module_utils._runner import run_module

ARGUMENT_SPEC = dict(
    CONNECTION_ARGSPEC,
    server_id=dict(type='str'),
    server_name=dict(type='str'),
)
MODULE_KWARGS = dict(
    argument_spec=ARGUMENT_SPEC,
    mutually_exclusive=[('server_id', 'server_name')],
    supports_check_mode=True,
)


def main():
    run_module(MODULE_KWARGS, run_mcp_server_info)


if __name__ == '__main__':
    main()
