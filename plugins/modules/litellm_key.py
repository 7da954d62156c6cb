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
      - The id of the team the key belongs to. Never sent empty.
    type: str
  team_alias:
    description:
      - The alias of the team the key belongs to, resolved to its id. Fails when no team or several teams have it.
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
      - The LiteLLM user the key belongs to.
    type: str
  duration:
    description:
      - How long a generated key stays valid, as a LiteLLM duration (V(30d), V(12h), V(1mo)...).
      - It applies only when the key is generated (created or recreated). The proxy stores the expiry date it
        computes (RV(key.expires)) and not the duration, so changing O(duration) later does not change an
        existing key. Without O(duration), a recreated key keeps the expiry of the key it replaces.
    type: str
  unlimited:
    description:
      - Budgets and limits to set back to unlimited (no value), for example V([max_budget, rpm_limit]).
      - An option cannot be both set and listed here.
    type: list
    elements: str
    choices: [max_budget, budget_duration, tpm_limit, rpm_limit, max_parallel_requests]
  regenerate:
    description:
      - When V(true), rotate the key, that is delete it and generate it again with a new secret and the same
        alias and settings. Reported as changed on every run. LiteLLM's own regenerate endpoint is an Enterprise feature,
        so this is a delete and a generate.
      - Cannot be used with O(key).
    type: bool
    default: false
notes:
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
key:
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
      V(rotation) (O(regenerate=true)) or V(key_changed) (another secret than O(key)).
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
'''

from ansible_collections.berriai.litellm.plugins.module_utils._api import CONNECTION_ARGSPEC
from ansible_collections.berriai.litellm.plugins.module_utils._key import (
    KEY_MUTUALLY_EXCLUSIVE, KEY_OPTIONS, KEY_REQUIRED_ONE_OF, run_key)
from ansible_collections.berriai.litellm.plugins.module_utils._runner import run_module

# The options documented above (shared with the items of litellm_keys); the action plugin (the controller fast
# path) validates with the same.
ARGUMENT_SPEC = dict(CONNECTION_ARGSPEC, **KEY_OPTIONS)
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
