#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: litellm_keys
short_description: Manage many virtual keys of a LiteLLM proxy in one task
version_added: 0.1.0
description:
  - Converges a list of LiteLLM virtual keys in one task, the way package modules take a list of packages.
  - Each item of O(keys) takes the options of M(berriai.litellm.litellm_key) and means the same; each key is
    converged with the same code (recreated on a team change, when it had been deleted or goes missing while it
    is updated, on O(keys[].regenerate=true)), with the same warnings, check mode and diff.
  - It reads every key with a few paged C(/key/list) calls rather than one request per key, resolves each team
    alias once, and writes with O(concurrency) requests at a time over one connection pool. Use it for hundreds
    of keys; a no-op run over 1,000 keys takes about as long as reading them.
  - Keys that the list does not name are left alone.
author:
  - berriai.litellm contributors (@BerriAI)
extends_documentation_fragment:
  - berriai.litellm.litellm
  - berriai.litellm.litellm.ATTRIBUTES
attributes:
  check_mode:
    description: Can run in check_mode and return changed status prediction without modifying target.
    support: full
    details: Check mode reads the proxy and predicts every key's outcome; it writes nothing.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check_mode), when in diff mode.
    support: full
    details: Each item of RV(key_results) carries its own C(diff) with before/after of the managed fields; never a secret.
options:
  keys:
    description:
      - The keys to converge. Each one is identified by O(keys[].key_alias), O(keys[].key) or O(keys[].token),
        and may be listed once.
    type: list
    elements: dict
    required: true
    suboptions:
      state:
        description: V(present) or V(absent), as in M(berriai.litellm.litellm_key).
        type: str
        choices: [present, absent]
        default: present
      key_alias:
        description: The key's alias (unique in LiteLLM).
        type: str
      key:
        description: A caller-chosen secret (C(sk-...)), kept across recreates.
        type: str
      token:
        description: LiteLLM's id of an existing key (sha256 of its secret).
        type: str
      team_id:
        description: The id of the key's team; V("") for no team (the key leaves it in place).
        type: str
      team_alias:
        description: The alias of the key's team, resolved once per run.
        type: str
      on_team_change:
        description: V(recreate) the key, or V(update) it in place, when its team changes.
        type: str
        choices: [recreate, update]
        default: recreate
      models:
        description: The models the key may use (compared as a set).
        type: list
        elements: str
      max_budget:
        description: The key's budget in USD.
        type: float
      budget_duration:
        description: How often the key's spend is reset (V(30d), V(1mo)...).
        type: str
      tpm_limit:
        description: Tokens per minute.
        type: int
      rpm_limit:
        description: Requests per minute.
        type: int
      max_parallel_requests:
        description: Requests in flight at once.
        type: int
      metadata:
        description: Metadata, merged into the current one unless O(keys[].purge_metadata=true).
        type: dict
      purge_metadata:
        description: Make the metadata exactly O(keys[].metadata) (LiteLLM's own metadata keys are kept).
        type: bool
        default: false
      user_id:
        description: The LiteLLM user the key belongs to; V("") for none.
        type: str
      blocked:
        description: Whether the key is blocked.
        type: bool
      duration:
        description: How long a generated key stays valid; applies only when the key is generated.
        type: str
      unlimited:
        description: Budgets and limits to set back to unlimited.
        type: list
        elements: str
        choices: [max_budget, budget_duration, tpm_limit, rpm_limit, max_parallel_requests, soft_budget]
      organization_id:
        description: As O(berriai.litellm.litellm_key#module:organization_id).
        type: str
      soft_budget:
        description: As O(berriai.litellm.litellm_key#module:soft_budget).
        type: float
      aliases:
        description: As O(berriai.litellm.litellm_key#module:aliases).
        type: dict
      config:
        description: As O(berriai.litellm.litellm_key#module:config).
        type: dict
      permissions:
        description: As O(berriai.litellm.litellm_key#module:permissions).
        type: dict
      allowed_cache_controls:
        description: As O(berriai.litellm.litellm_key#module:allowed_cache_controls).
        type: list
        elements: str
      allowed_routes:
        description: As O(berriai.litellm.litellm_key#module:allowed_routes).
        type: list
        elements: str
      key_type:
        description: As O(berriai.litellm.litellm_key#module:key_type).
        type: str
        choices: [default, llm_api, management, read_only]
      enforced_params:
        description: As O(berriai.litellm.litellm_key#module:enforced_params).
        type: list
        elements: str
      rpm_limit_type:
        description: As O(berriai.litellm.litellm_key#module:rpm_limit_type).
        type: str
        choices: [guaranteed_throughput, best_effort_throughput, dynamic]
      tpm_limit_type:
        description: As O(berriai.litellm.litellm_key#module:tpm_limit_type).
        type: str
        choices: [guaranteed_throughput, best_effort_throughput, dynamic]
      budget_id:
        description: As O(berriai.litellm.litellm_key#module:budget_id).
        type: str
      auto_rotate:
        description: As O(berriai.litellm.litellm_key#module:auto_rotate).
        type: bool
      rotation_interval:
        description: As O(berriai.litellm.litellm_key#module:rotation_interval).
        type: str
      model_rpm_limit:
        description: As O(berriai.litellm.litellm_key#module:model_rpm_limit).
        type: dict
      model_tpm_limit:
        description: As O(berriai.litellm.litellm_key#module:model_tpm_limit).
        type: dict
      object_permission:
        description: As O(berriai.litellm.litellm_key#module:object_permission).
        type: dict
        suboptions:
          models:
            description: As in M(berriai.litellm.litellm_key).
            type: list
            elements: str
          mcp_servers:
            description:
              - As in M(berriai.litellm.litellm_key). Each must exist; every server is read once per run, whatever
                the number of items naming it, and a missing one fails the item before any write.
            type: list
            elements: str
          mcp_access_groups:
            description: As in M(berriai.litellm.litellm_key).
            type: list
            elements: str
          mcp_toolsets:
            description: As in M(berriai.litellm.litellm_key).
            type: list
            elements: str
          blocked_tools:
            description: As in M(berriai.litellm.litellm_key).
            type: list
            elements: str
          vector_stores:
            description: As in M(berriai.litellm.litellm_key).
            type: list
            elements: str
          agents:
            description: As in M(berriai.litellm.litellm_key).
            type: list
            elements: str
          agent_access_groups:
            description: As in M(berriai.litellm.litellm_key).
            type: list
            elements: str
          search_tools:
            description: As in M(berriai.litellm.litellm_key).
            type: list
            elements: str
          skills:
            description: As in M(berriai.litellm.litellm_key).
            type: list
            elements: str
      tags:
        description: As O(berriai.litellm.litellm_key#module:tags).
        type: list
        elements: str
      guardrails:
        description: As O(berriai.litellm.litellm_key#module:guardrails).
        type: list
        elements: str
      allowed_passthrough_routes:
        description: As O(berriai.litellm.litellm_key#module:allowed_passthrough_routes).
        type: list
        elements: str
      model_max_budget:
        description: As O(berriai.litellm.litellm_key#module:model_max_budget).
        type: dict
      regenerate:
        description: Rotate the key (delete and generate with a new secret) on every run.
        type: bool
        default: false
  concurrency:
    description:
      - How many write requests are sent at once (1 to 32).
    type: int
    default: 8
notes:
  - "Register the result with C(no_log: true): the items of RV(key_results) hold the secrets of generated keys."
seealso:
  - module: berriai.litellm.litellm_key
  - module: berriai.litellm.litellm_team
'''

EXAMPLES = r'''
- name: Two hundred service keys across the research teams
  berriai.litellm.litellm_keys:
    keys: "{{ service_keys | map('combine', {'max_budget': 20, 'budget_duration': '30d'}) | list }}"
    concurrency: 8
  register: converged
  no_log: true

- name: Say what happened, without secrets
  ansible.builtin.debug:
    msg: "{{ converged.summary }}"

- name: Three keys, one of them removed
  berriai.litellm.litellm_keys:
    keys:
      - key_alias: ci-1
        team_alias: research
        models: [gpt-4o]
      - key_alias: ci-2
        team_alias: research
      - key_alias: old-notebook
        state: absent
  register: keys
  no_log: true
'''

RETURN = r'''
key_results:
  description:
    - One result per item of O(keys), in the same order, each with the return values of
      M(berriai.litellm.litellm_key) (C(virtual_key), C(token), C(key_alias), C(team_id), C(secret), C(recreated),
      C(recreate_reason), C(outcome), C(diff) in diff mode, C(msg)), and C(failed) for a key that failed. The items' warnings
      are the task's warnings, each shown once.
    - C(secret) holds the new secret of a key generated by this run, null otherwise.
  returned: always
  type: list
  elements: dict
summary:
  description: How many keys were created, updated, recreated, deleted, left unchanged or failed.
  returned: always
  type: dict
  sample: {created: 2, updated: 0, recreated: 1, deleted: 0, unchanged: 197, failed: 0}
msg:
  description: The summary in words, or which keys failed and why.
  returned: always
  type: str
  sample: 2 created, 1 recreated, 197 unchanged
http_requests:
  description: How many HTTP requests the run sent to the proxy, by method.
  returned: always
  type: dict
  sample: {GET: 3}
'''

from ansible_collections.berriai.litellm.plugins.module_utils._bulk import KEYS_ARGSPEC, run_keys
from ansible_collections.berriai.litellm.plugins.module_utils._runner import run_module

# The options documented above: keys[] takes litellm_key's options; the action plugin validates with the same.
ARGUMENT_SPEC = KEYS_ARGSPEC
MODULE_KWARGS = dict(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)


def main():
    run_module(MODULE_KWARGS, run_keys)


if __name__ == '__main__':
    main()
