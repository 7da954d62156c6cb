#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: litellm_mcp_server
short_description: Manage an MCP server of a LiteLLM proxy
version_added: 1.0.0
description:
  - Creates, updates and deletes an MCP server of a LiteLLM proxy, idempotently.
  - Each run reads the server, compares it with the options the task sets, and changes only what differs.
    Options the task leaves out are not managed and keep their value. An update sends the server's whole record
    with the changes in it, since LiteLLM 1.80 replaces the record with what an update sends.
  - The server is found by O(server_id) when given, else by O(server_name). LiteLLM keeps server names and
    aliases unique, case-insensitively. A server found by O(server_name) in another case keeps its name; to
    change the case of a name, give O(server_id) with the new O(server_name).
  - The proxy accepts a server it cannot reach and reports it unhealthy when it is read. The module returns that
    health and warns when the server is unhealthy.
author:
  - berriai.litellm contributors (@BerriAI)
extends_documentation_fragment:
  - berriai.litellm.litellm
  - berriai.litellm.litellm.ATTRIBUTES
  - berriai.litellm.litellm.SECRET_REFERENCES
attributes:
  check_mode:
    description: Can run in check_mode and return changed status prediction without modifying target.
    support: full
    details:
      - Check mode reads the proxy and predicts the same result, diff and warnings as a real run, with no write request.
      - The health of a server it would create is not known before the server exists (RV(health) is empty, and the
        real run may warn that the server is unhealthy).
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check_mode), when in diff mode.
    support: full
    details: The diff shows the managed fields before and after; never the credentials.
options:
  state:
    description:
      - V(present) creates the server or brings it to the requested settings.
      - V(absent) deletes it. An absent server is left alone.
    type: str
    choices: [present, absent]
    default: present
  server_id:
    description:
      - The server's id. LiteLLM generates one when a server is created without it.
      - When no server has it but another server already has O(server_name), the module fails. LiteLLM cannot
        change a server id, and the server cannot be recreated without its credentials, which cannot be read.
    type: str
  server_name:
    description:
      - The server's name. Used to find the server when O(server_id) is not given (ignoring case); otherwise the
        server is renamed to it.
      - LiteLLM refuses a name (or an alias) that holds its tool prefix separator, C(-). The module refuses it
        before any request; use C(_) instead.
    type: str
  alias:
    description:
      - A second unique name of the server. LiteLLM stores it with spaces as C(_).
      - When it is not given, LiteLLM sets it to O(server_name) on creation, and a rename moves an alias that was
        the old name to the new one; another alias is kept.
    type: str
  description:
    description: What the server is for.
    type: str
  url:
    description:
      - The server's URL (C(http) and C(sse) transports). LiteLLM accepts a URL it cannot reach.
    type: str
  transport:
    description: How the proxy talks to the server. LiteLLM uses V(sse) when it is not set on creation.
    type: str
    choices: [sse, http, stdio]
  auth_type:
    description:
      - How the proxy authenticates to the server, for example V(none), V(api_key), V(bearer_token), V(basic),
        V(authorization), V(oauth2).
    type: str
  credentials:
    description:
      - "The secrets the proxy sends to the server, for example C({auth_value: ...}) or, for O(auth_type=oauth2),
        C({client_id: ..., client_secret: ..., scopes: [...]})."
      - Write-only. LiteLLM never returns them, so the module cannot compare them. They are sent when the server
        is created, and on every run with O(update_secrets=always).
    type: dict
  credentials_from:
    description:
      - O(credentials) by reference - the name of an entry of the variable O(secrets_variable) that holds them,
        for example V(mcp_servers/github/credentials), so that the task's arguments (a loop item) never hold
        them. Mutually exclusive with O(credentials).
      - This is how M(berriai.litellm.litellm_export) writes an MCP server's credentials.
    type: str
  mcp_access_groups:
    description: The access groups the server belongs to. Compared as a set.
    type: list
    elements: str
  allowed_tools:
    description: The tools of the server that may be called (all when empty). Compared as a set.
    type: list
    elements: str
  extra_headers:
    description: Names of request headers the proxy forwards from the caller to the server.
    type: list
    elements: str
  static_headers:
    description:
      - Headers the proxy sends to the server with every request. They can be read back; put secrets in
        O(credentials).
    type: dict
  tool_name_to_display_name:
    description: Display names of the server's tools.
    type: dict
  tool_name_to_description:
    description: Descriptions of the server's tools that replace the server's own.
    type: dict
  instructions:
    description: Instructions for clients of the server.
    type: str
  spec_path:
    description: The path or URL of an OpenAPI spec that defines the server's tools.
    type: str
  command:
    description: The command that starts the server (V(stdio) transport).
    type: str
  args:
    description: The command's arguments (V(stdio) transport). Compared in order.
    type: list
    elements: str
  env:
    description: Environment variables of the command (V(stdio) transport). They can be read back.
    type: dict
  allow_all_keys:
    description: Whether every key may use the server.
    type: bool
  available_on_public_internet:
    description: Whether the server may be used from the public internet.
    type: bool
  server_timeout:
    description:
      - Seconds the proxy waits for the server (LiteLLM's C(timeout) field of the server; O(timeout) is how long
        this module waits for the proxy).
    type: float
  max_concurrent_requests:
    description: How many requests the proxy sends to the server at once.
    type: int
  rpm:
    description: Requests per minute the proxy sends to the server.
    type: int
  extra_settings:
    description:
      - Any other field of LiteLLM's MCP server, passed through as given (for example C(mcp_info),
        C(authorization_url), C(token_url)), compared with the server's value exactly.
      - It may not set a field that has an option of its own, nor one the proxy sets itself.
    type: dict
notes:
  - Whether keys and teams may be limited to MCP servers (C(object_permission)) is not managed by this module.
  - The MCP servers of LiteLLM 1.80 have no O(available_on_public_internet), O(spec_path), O(instructions),
    O(tool_name_to_display_name), O(tool_name_to_description), O(server_timeout), O(max_concurrent_requests) nor
    O(rpm); setting one there fails before any write, naming it and the version.
seealso:
  - module: berriai.litellm.litellm_mcp_server_info
  - module: berriai.litellm.litellm_export
'''

EXAMPLES = r'''
- name: An MCP server behind an API key, in an access group
  berriai.litellm.litellm_mcp_server:
    api_base: https://litellm.example.com
    api_key: "{{ litellm_admin_key }}"
    server_id: github
    server_name: github
    url: https://api.githubcopilot.com/mcp
    transport: http
    auth_type: api_key
    credentials:
      auth_value: "{{ vault_github_token }}"
    mcp_access_groups: [dev-tools]
    allowed_tools: [search_repositories, get_issue]
  register: github

- name: Say when the proxy cannot reach it
  ansible.builtin.debug:
    msg: "github MCP server: {{ github.health.status }} {{ github.health.error or '' }}"

- name: Rotate its credentials
  berriai.litellm.litellm_mcp_server:
    server_id: github
    credentials:
      auth_value: "{{ vault_github_token_new }}"
    update_secrets: always

- name: Delete it
  berriai.litellm.litellm_mcp_server:
    server_id: github
    state: absent
'''

RETURN = r'''
mcp_server:
  description:
    - The server as it stands after the run (predicted in check mode), normalised, without its credentials.
      Empty when it was deleted or is absent.
  returned: always
  type: dict
  sample:
    server_id: github
    server_name: github
    alias: github
    url: https://api.githubcopilot.com/mcp
    transport: http
    auth_type: api_key
    mcp_access_groups: [dev-tools]
    allowed_tools: [get_issue, search_repositories]
server_id:
  description: The server's id (null when a server is created in check mode without O(server_id)).
  returned: always
  type: str
  sample: github
health:
  description:
    - The server's health as the proxy reports it after the run. Empty when the server is absent or only
      predicted (check mode).
  returned: always
  type: dict
  contains:
    status:
      description: V(healthy), V(unhealthy) or V(unknown).
      type: str
      sample: unhealthy
    error:
      description: Why the proxy could not reach the server.
      type: str
      sample: "All connection attempts failed"
    checked_at:
      description: When the proxy last checked (ISO 8601).
      type: str
      sample: "2026-11-26T22:35:56.486000Z"
msg:
  description: What the run did, in a few words.
  returned: always
  type: str
  sample: "MCP server updated: description"
http_requests:
  description: How many HTTP requests the run sent to the proxy, by method.
  returned: always
  type: dict
  sample: {GET: 2, PUT: 1}
outcome:
  description:
    - What the run did (or, in check mode, would do) to the MCP server, one of V(created), V(updated), V(recreated), V(deleted),
      V(unchanged).
  returned: always
  type: str
  sample: updated
recreated:
  description: Whether the MCP server was deleted and created again.
  returned: always
  type: bool
  sample: false
recreate_reason:
  description: Why the MCP server was recreated (deleted and created again), or null when it was not.
  returned: always
  type: str
  sample: null
'''

from ansible_collections.berriai.litellm.plugins.module_utils._mcp_server import MCP_SERVER, run_mcp_server
from ansible_collections.berriai.litellm.plugins.module_utils._runner import run_module

# The options documented above (declared in _mcp_server.MCP_SERVER); the action plugin (the controller fast path)
# validates with the same.
ARGUMENT_SPEC = MCP_SERVER.argspec()
MODULE_KWARGS = dict(
    argument_spec=ARGUMENT_SPEC,
    required_one_of=[('server_id', 'server_name')],
    supports_check_mode=True,
)


def main():
    run_module(MODULE_KWARGS, run_mcp_server)


if __name__ == '__main__':
    main()
