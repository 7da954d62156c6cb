# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):

    # The connection options every module of the collection takes.
    DOCUMENTATION = r'''
options:
  api_base:
    description:
      - Base URL of the LiteLLM proxy, for example V(https://litellm.example.com).
      - If not set, the value of the E(LITELLM_API_BASE) environment variable is used.
    type: str
  api_key:
    description:
      - A LiteLLM admin credential (the proxy's master key, or a virtual key of a proxy admin).
      - If not set, the value of the E(LITELLM_API_KEY) environment variable is used.
      - It is sent as a bearer token and never appears in results, warnings or error messages.
    type: str
  validate_certs:
    description:
      - Whether to verify the proxy's TLS certificate.
      - Turn this off only against a test proxy; prefer O(ca_path) for a private certificate authority.
    type: bool
    default: true
  ca_path:
    description:
      - A PEM file of certificate authorities to trust when verifying the proxy's certificate.
    type: path
  timeout:
    description:
      - Seconds to wait for the proxy to answer one request.
    type: float
    default: 30
  retries:
    description:
      - How many times a read (a C(GET) request) is tried again when the proxy answers 429 or 5xx, or the
        connection fails. Writes are never repeated blindly.
      - Waits between tries grow from half a second, and a C(Retry-After) header from the proxy is honoured.
    type: int
    default: 3
requirements:
  - requests >= 2.25 (on the host that runs the module)
notes:
  - The modules talk to the proxy's management API over HTTP(S); run them on C(localhost) or
    delegate them there. On a local connection they run inside the controller process, which is much faster
    in loops; a task delegated to another host runs the module there as usual.
  - "Set O(api_base) and O(api_key) once for a play with C(module_defaults: group/berriai.litellm.litellm)."
  - Modules that write read the object back after each write (one request per changed object; a run that changes
    nothing sends nothing more) and fail, naming the field, the value sent, the value stored and the proxy's
    LiteLLM version, when the proxy did not keep what it was sent; their result is what the proxy holds. A setting
    the proxy's LiteLLM version cannot keep fails before any write, in check mode too (README, Supported LiteLLM
    versions).
'''

    # The attributes every module of the collection shares.
    ATTRIBUTES = r'''
attributes:
  action_group:
    description: Use C(group/berriai.litellm.litellm) in C(module_defaults) to set defaults for this module.
    support: full
    membership:
      - berriai.litellm.litellm
'''

    # The check and diff mode attributes of the read-only (_info) modules.
    READ_ONLY = r'''
attributes:
  check_mode:
    description: Can run in check_mode and return changed status prediction without modifying target.
    support: full
    details: The module only reads; check mode returns the same result.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check_mode), when in diff mode.
    support: N/A
    details: The module changes nothing, so there is nothing to diff.
'''

    # The budget, limit and metadata settings that teams and keys share (litellm_team, litellm_key).
    SETTINGS = r'''
options:
  models:
    description:
      - The models the team or key may use. An empty list means all models (for a key, all its team allows).
      - Compared as a set; the order does not matter.
    type: list
    elements: str
  max_budget:
    description:
      - The budget in USD. Use O(unlimited) to remove it.
    type: float
  budget_duration:
    description:
      - How often the spend is reset, as a LiteLLM duration (V(30s), V(10m), V(12h), V(30d), V(2w), V(1mo)).
    type: str
  tpm_limit:
    description:
      - Tokens per minute. Use O(unlimited) to remove the limit.
    type: int
  rpm_limit:
    description:
      - Requests per minute. Use O(unlimited) to remove the limit.
    type: int
  metadata:
    description:
      - Metadata. Merged into the current metadata by default; see O(purge_metadata).
    type: dict
  purge_metadata:
    description:
      - When V(true), the metadata becomes exactly O(metadata) (an empty dict when O(metadata) is not given).
      - Keys that LiteLLM keeps inside metadata for its own features (C(tags), C(guardrails), C(model_rpm_limit),
        C(model_tpm_limit), C(enforced_params) and the like) are never removed.
    type: bool
    default: false
  blocked:
    description:
      - Whether it is blocked (a blocked team's keys, or a blocked key, cannot make calls).
    type: bool
'''

    # The settings of issue 11 that teams and keys share (litellm_team, litellm_key); docs/settings.md says where
    # LiteLLM stores each one (built from plugins/module_utils/_settings.py).
    MORE_SETTINGS = r'''
options:
  soft_budget:
    description:
      - The spend in USD at which LiteLLM sends budget alerts; calls are not blocked. Use O(unlimited) to remove it.
      - A key's soft budget lives in a budget of its own that LiteLLM creates; on a key it cannot be used together
        with a C(budget_id). A team's must be lower than its O(max_budget).
    type: float
  model_rpm_limit:
    description:
      - Requests per minute per model (model name to limit); whole numbers of 0 or more. LiteLLM keeps it inside
        C(metadata) (compared there, and kept when metadata is merged or purged). V({}) removes every limit.
    type: dict
  model_tpm_limit:
    description:
      - Tokens per minute per model, as O(model_rpm_limit).
    type: dict
  object_permission:
    description:
      - What else the team or key may use, in LiteLLM's object permission. Each list given replaces the stored
        one; lists left out keep their value; V([]) empties one. Compared as sets.
      - LiteLLM silently drops MCP servers that do not exist (a task naming one would report a change on every
        run), so every server in O(object_permission.mcp_servers) is checked before any write, in check mode too;
        the task fails naming the missing ones and nothing is changed.
    type: dict
    suboptions:
      models:
        description: Models.
        type: list
        elements: str
      mcp_servers:
        description:
          - MCP servers, by id, alias or name (as LiteLLM matches them), or V(no-mcp-servers).
          - Each must exist (M(berriai.litellm.litellm_mcp_server)); it is read once per run
            (C(GET /v1/mcp/server/<id>), then the server list for an alias or name) before any write.
        type: list
        elements: str
      mcp_access_groups:
        description: MCP access groups.
        type: list
        elements: str
      mcp_toolsets:
        description: MCP toolsets.
        type: list
        elements: str
      blocked_tools:
        description: Tools that are refused.
        type: list
        elements: str
      vector_stores:
        description: Vector stores.
        type: list
        elements: str
      agents:
        description: Agents.
        type: list
        elements: str
      agent_access_groups:
        description: Agent access groups.
        type: list
        elements: str
      search_tools:
        description: Search tools.
        type: list
        elements: str
      skills:
        description: Skills.
        type: list
        elements: str
  tags:
    description:
      - Tags for spend tracking and routing. B(LiteLLM Enterprise); a proxy without the licence refuses any tag, so
        the module fails before any write, naming the option and the licence (see C(/health/license)). V([]) is
        accepted everywhere.
    type: list
    elements: str
  guardrails:
    description:
      - Guardrails to run on every call. B(LiteLLM Enterprise), as O(tags).
    type: list
    elements: str
  allowed_passthrough_routes:
    description:
      - Pass-through routes it may call. B(LiteLLM Enterprise), as O(tags).
    type: list
    elements: str
  model_max_budget:
    description:
      - Budgets per model (model name to C(budget_limit) and C(time_period)). B(LiteLLM Enterprise), as
        O(tags); V({}) is accepted everywhere.
    type: dict
'''

    # update_secrets and secrets_variable, for the modules whose secrets are write-only and can be named by reference
    # (litellm_credential, litellm_model, litellm_mcp_server: the declarations with `references`,
    # module_utils/_declaration.py, which add both options to the argspec).
    SECRET_REFERENCES = r'''
options:
  update_secrets:
    description:
      - V(on_create) sends the write-only secrets (the secret values of a credential's C(credential_values), a
        model's C(secret_params), an MCP server's C(credentials)) only when the object is created - and a
        credential's secret value also when the credential does not hold that value yet - so a run with unchanged
        settings reports no change.
      - V(always) sends them on every run (to rotate them); the run then always reports a change, because LiteLLM
        never shows a secret to compare.
    type: str
    choices: [on_create, always]
    default: on_create
  secrets_variable:
    description:
      - The variable of the play that the reference option of this module (its C(*_from) option) reads secrets
        from, by entry name. Define it with ansible-vault, for example C(litellm_secrets) with the entry
        C(credentials/openai/api_key).
      - The reference is resolved on the controller by the module's action plugin, before the module runs, so
        that the task's arguments - a loop item among them - name the secret and never hold it. Ansible shows a
        loop's item in its results at C(-v), and a failed item even with C(loop_control.label); the resolved
        secret is never shown. This is how the output of M(berriai.litellm.litellm_export) is applied
        (C(examples/promote.yml)), with no C(no_log) on the loop, so that a failed item shows its error and diff.
      - A missing variable or entry fails before any request, naming the option and the entry.
    type: str
    default: litellm_secrets
'''
