#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: litellm_key
short_description: Manage a virtual key of a LiteLLM proxy
version_added: 0.1.0
description:
  - Creates, updates, recreates and deletes a LiteLLM virtual key, idempotently.
  - Each run reads the key, compares it with the options the task sets, and changes only what differs.
    Options the task leaves out are not managed and keep their value.
  - The key is found by O(key) (its secret, looked up by its sha256 so the secret never travels in a URL), or by
    O(token) (LiteLLM's id of the key, the sha256 of the secret), else by O(key_alias), which LiteLLM keeps unique.
  - A key is B(recreated), that is deleted and generated again with the same alias and settings, when its team
    changes (see O(on_team_change)), when the proxy reports it deleted (for example together with its team) or
    answers that it no longer exists while it is being updated, on O(regenerate=true), and when it holds another
    secret than O(key). Every recreate is reported as changed, with a warning that gives the reason and
    RV(recreated=true). The new secret is returned once, in RV(secret).
  - A key that is missing at the proxy is only recreated once a read with the same credential confirms it is
    gone; a refused admin credential fails the task and writes nothing.
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
    details: Check mode reads the proxy and predicts creates, updates and recreates (with their warnings) and writes nothing.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check_mode), when in diff mode.
    support: full
    details: The diff shows the managed fields and the token before and after; never a secret.
options:
  state:
    description:
      - V(present) creates the key or brings it to the requested settings, recreating it where needed.
      - V(absent) deletes it. An absent key is left alone.
    type: str
    choices: [present, absent]
    default: present
  key_alias:
    description:
      - The key's name. LiteLLM keeps key aliases unique, so it identifies the key.
      - At least one of O(key_alias), O(key) and O(token) is required; a key is only created with O(key_alias) or O(key).
    type: str
  key:
    description:
      - A caller-chosen secret for the key (it must start with C(sk-)). The key keeps this secret across
        recreates, so clients configured with it keep working.
      - When a key with O(key_alias) exists with another secret, it is recreated with this one.
      - Without it, LiteLLM generates the secret and the run that generated it returns it in RV(secret).
    type: str
  token:
    description:
      - LiteLLM's id of an existing key (the sha256 hex of its secret), as returned in RV(token).
    type: str
  team_id:
    description:
      - The id of the team the key belongs to.
      - V("") means no team. A key in a team leaves it in place and keeps its secret, whatever O(on_team_change)
        says (LiteLLM ignores an empty team_id on update, so the module sends null).
      - The team must exist; the task fails before any write when it does not. In check mode a missing team is a
        warning and the key is predicted in it (an earlier task of the play may create the team), as for O(team_alias).
    type: str
  team_alias:
    description:
      - The alias of the team the key belongs to, resolved to its id. Fails when no team or several teams have it.
      - In check mode a team that does not exist yet is a warning and the key is predicted in it (an earlier task of
        the play may create the team).
    type: str
  on_team_change:
    description:
      - What to do when the key exists in another team than the requested one.
      - V(recreate) deletes the key and generates it again in the new team (with the same secret when O(key) is given).
      - V(update) moves the key in place and keeps its secret; LiteLLM validates the move against the new team.
    type: str
    choices: [recreate, update]
    default: recreate
  max_parallel_requests:
    description:
      - How many requests the key may have in flight at once. Use O(unlimited) to remove the limit.
    type: int
  user_id:
    description:
      - The LiteLLM user the key belongs to. V("") means none (the key's user is unset).
    type: str
  organization_id:
    description:
      - The organization the key belongs to. V("") means none.
      - B(LiteLLM Enterprise) in practice (organizations need the licence); a proxy without it makes the module fail
        before any write, naming the option and the licence.
    type: str
  aliases:
    description:
      - Model aliases of the key (alias to model name). Replaces the stored dict; V({}) removes them.
    type: dict
  config:
    description:
      - LiteLLM's free-form config of the key. Replaces the stored dict; V({}) empties it.
    type: dict
  permissions:
    description:
      - LiteLLM's key permissions (such as C(allow_pii_controls), a boolean). Replaces the stored dict; V({}) empties it.
    type: dict
  allowed_cache_controls:
    description:
      - Cache controls a request through the key may use (V(no-cache), V(no-store), V(ttl), V(s-maxage),
        V(namespace)). Compared as a set; V([]) removes them.
    type: list
    elements: str
  allowed_routes:
    description:
      - Routes the key may call, LiteLLM route groups (V(llm_api_routes), V(info_routes), V(management_routes)...)
        or paths. Compared as a set; V([]) means no restriction. Not with a O(key_type) other than V(default),
        which sets the routes itself.
    type: list
    elements: str
  key_type:
    description:
      - The kind of key. V(llm_api), V(management) and V(read_only) set O(allowed_routes) to their route group.
      - LiteLLM sets it only when the key is generated (C(/key/update) ignores it), so a key of another type is
        B(recreated) (deleted and generated again, with its settings; reason V(key_type), a warning, and a new
        secret unless O(key) is given). Not given, the type is not managed.
      - LiteLLM 1.80 keeps no key type (it only sets the routes), so there a type other than V(default) fails before
        any write. Give O(allowed_routes) instead.
    type: str
    choices: [default, llm_api, management, read_only]
  enforced_params:
    description:
      - Request parameters every call through the key must carry (such as V(user) or V(metadata.tags)).
        Kept inside C(metadata), as O(model_rpm_limit). Compared as a set; V([]) removes them.
    type: list
    elements: str
  rpm_limit_type:
    description:
      - How O(rpm_limit) is enforced. Kept inside C(metadata). Once set it cannot be removed, only changed (LiteLLM
        ignores null; O(purge_metadata) keeps it).
    type: str
    choices: [guaranteed_throughput, best_effort_throughput, dynamic]
  tpm_limit_type:
    description:
      - How O(tpm_limit) is enforced, as O(rpm_limit_type).
    type: str
    choices: [guaranteed_throughput, best_effort_throughput, dynamic]
  budget_id:
    description:
      - A budget (LiteLLM's budget table, C(/budget/new)) the key uses. It must exist. V("") detaches it.
        Not with O(soft_budget), which gives the key a budget of its own.
    type: str
  auto_rotate:
    description:
      - Whether LiteLLM rotates the key every O(rotation_interval); needs O(rotation_interval). V(false) stops it.
      - LiteLLM stores it on open source, but rotates through its Enterprise regenerate and only with
        C(LITELLM_KEY_ROTATION_ENABLED=true); without the licence nothing is rotated. Use O(regenerate) instead.
    type: bool
  rotation_interval:
    description:
      - How often to rotate, as a LiteLLM duration (V(30d)). Only with O(auto_rotate=true); both are sent together.
    type: str
  duration:
    description:
      - How long a generated key stays valid, as a LiteLLM duration (V(30d), V(12h), V(1mo)...).
      - It applies only when the key is generated (created or recreated). The proxy stores the expiry date it
        computes (RV(virtual_key.expires)) and not the duration, so changing O(duration) later does not change an
        existing key. Without O(duration), a recreated key keeps the expiry of the key it replaces.
    type: str
  unlimited:
    description:
      - Budgets and limits to set back to unlimited (no value), for example V([max_budget, rpm_limit]).
      - An option cannot be both set and listed here.
    type: list
    elements: str
    choices: [max_budget, budget_duration, tpm_limit, rpm_limit, max_parallel_requests, soft_budget]
  regenerate:
    description:
      - When V(true), rotate the key, that is delete it and generate it again with a new secret and the same
        alias and settings. Reported as changed on every run. LiteLLM's own regenerate endpoint is an Enterprise feature,
        so this is a delete and a generate.
      - Cannot be used with O(key).
    type: bool
    default: false
notes:
  - docs/settings.md lists every setting with where LiteLLM keeps it, whether it changes in place and its licence.
  - Settings LiteLLM keeps inside C(metadata) (O(model_rpm_limit), O(model_tpm_limit), O(enforced_params),
    O(rpm_limit_type), O(tpm_limit_type), O(tags), O(guardrails), O(allowed_passthrough_routes)) are compared
    there and kept when O(metadata) is merged or purged.
  - Enterprise-only settings (O(tags), O(guardrails), O(allowed_passthrough_routes), O(model_max_budget) and
    O(organization_id) when not empty) are checked against the proxy's C(/health/license) before any write, in
    check mode too; without the licence the task fails naming them and nothing is changed.
  - The module never sends null for a dict setting (LiteLLM 1.108 then breaks C(/key/list) for everyone); V({})
    clears one.
  - "Register the result of a task that may generate a key with C(no_log: true): RV(secret) holds the new secret."
  - When O(key) is given, Ansible masks its value everywhere in the output, RV(secret) included.
seealso:
  - module: berriai.litellm.litellm_team
'''

EXAMPLES = r'''
- name: A key for the research team's CI, with a budget
  berriai.litellm.litellm_key:
    api_base: https://litellm.example.com
    api_key: "{{ litellm_admin_key }}"
    key_alias: research-ci
    team_alias: research
    models: [gpt-4o]
    max_budget: 50
    budget_duration: 30d
  register: ci_key
  no_log: true

- name: Store the new secret, only on the run that generated it
  ansible.builtin.copy:
    content: "{{ ci_key.secret }}"
    dest: /etc/ci/litellm-key
    mode: "0600"
  when: ci_key.secret is not none
  no_log: true

- name: A key with a caller-chosen secret, kept across recreates
  berriai.litellm.litellm_key:
    key_alias: notebook
    key: "{{ vault_notebook_key }}"
    team_id: research
    duration: 90d

- name: Move a key to another team without changing its secret
  berriai.litellm.litellm_key:
    key_alias: research-ci
    team_alias: platform
    on_team_change: update

- name: Rotate a key
  berriai.litellm.litellm_key:
    key_alias: research-ci
    regenerate: true
  register: rotated
  no_log: true

- name: Delete a key
  berriai.litellm.litellm_key:
    key_alias: research-ci
    state: absent
'''

RETURN = r'''
virtual_key:
  description:
    - The key as it stands after the run (predicted in check mode), normalised. Never holds the secret.
    - Empty when the key was deleted or is absent.
  returned: always
  type: dict
  contains:
    token:
      description: LiteLLM's id of the key (sha256 of the secret). Null for a key created in check mode without O(key).
      type: str
    key_name:
      description: LiteLLM's masked form of the secret, such as C(sk-...3oxQ).
      type: str
    expires:
      description:
        - When the key expires, in UTC to the millisecond (C(2026-12-26T22:35:56.914000Z)), or null.
        - The same form whichever LiteLLM endpoint it was read from.
      type: str
  sample:
    token: c29ef662c6eda00d21c8332fb390b9458ff74021c7c488c27e8f23f7f8d1952e
    key_alias: research-ci
    key_name: sk-...3oxQ
    team_id: 0f4c9c2e-5d8b-4d3e-9a43-3c1b7fa2c6a0
    models: [gpt-4o]
    max_budget: 50
    budget_duration: 30d
    tpm_limit: null
    rpm_limit: null
    max_parallel_requests: null
    metadata: {}
    user_id: null
    blocked: false
    expires: null
token:
  description: LiteLLM's id of the key after the run (of the deleted key for O(state=absent)).
  returned: always
  type: str
  sample: c29ef662c6eda00d21c8332fb390b9458ff74021c7c488c27e8f23f7f8d1952e
key_alias:
  description: The key's alias.
  returned: always
  type: str
  sample: research-ci
team_id:
  description: The id of the key's team.
  returned: always
  type: str
  sample: 0f4c9c2e-5d8b-4d3e-9a43-3c1b7fa2c6a0
secret:
  description:
    - The key's secret (C(sk-...)), returned only by the run that generated the key (a create or a recreate),
      null otherwise. It cannot be read back later. Register the task with C(no_log=true).
  returned: always
  type: str
  sample: null
recreated:
  description: Whether the key was deleted and generated again (or would be, in check mode).
  returned: always
  type: bool
  sample: false
recreate_reason:
  description:
    - Why the key was recreated, null when it was not.
    - V(team_change), V(missing) (gone while being updated), V(deleted) (reported deleted by the proxy),
      V(rotation) (O(regenerate=true)), V(key_changed) (another secret than O(key)) or V(key_type) (another
      O(key_type)).
    - LiteLLM 1.80 keeps no record of deleted keys, so there a key deleted with its team cannot be told from one
      never made, so it is created again (O(key) kept if given), with no reason and no warning.
  returned: always
  type: str
  sample: team_change
msg:
  description: What the run did, in a few words.
  returned: always
  type: str
  sample: "key updated: max_budget"
http_requests:
  description: How many HTTP requests the run sent to the proxy, by method.
  returned: always
  type: dict
  sample: {GET: 1}
outcome:
  description:
    - What the run did (or, in check mode, would do) to the key, one of V(created), V(updated), V(recreated), V(deleted),
      V(unchanged).
  returned: always
  type: str
  sample: updated
'''

from ansible_collections.berriai.litellm.plugins.module_utils._key import (
    KEY, KEY_MUTUALLY_EXCLUSIVE, KEY_REQUIRED_ONE_OF, run_key)
from ansible_collections.berriai.litellm.plugins.module_utils._runner import run_module

# The options documented above (declared in _key.KEY, shared with the items of litellm_keys); the action plugin
# (the controller fast path) validates with the same.
ARGUMENT_SPEC = KEY.argspec()
MODULE_KWARGS = dict(
    argument_spec=ARGUMENT_SPEC,
    mutually_exclusive=KEY_MUTUALLY_EXCLUSIVE,
    required_one_of=KEY_REQUIRED_ONE_OF,
    supports_check_mode=True,
)


def main():
    run_module(MODULE_KWARGS, run_key)


if __name__ == '__main__':
    main()
