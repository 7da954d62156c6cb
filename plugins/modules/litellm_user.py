#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: litellm_user
short_description: Manage an internal user of a LiteLLM proxy
version_added: 1.0.0
description:
  - Creates, updates and deletes an internal user of a LiteLLM proxy, idempotently.
  - Each run reads the user, compares it with the options the task sets, and changes only what differs.
    Options the task leaves out are not managed and keep their value.
  - The user is found by O(user_id) when given, else by O(user_email), ignoring case (LiteLLM keeps emails unique,
    ignoring case).
  - Creating a user never creates a key. LiteLLM's C(/user/new) mints a virtual key for every new user unless
    told not to; the module always tells it not to. Manage the user's keys with M(berriai.litellm.litellm_key).
  - Deleting a user deletes every key of that user, in every team (LiteLLM does so), and removes it from its
    teams; the module warns with the number and aliases of the keys.
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
    details: The diff shows the managed fields before and after.
options:
  state:
    description:
      - V(present) creates the user or brings it to the requested settings.
      - V(absent) deletes it, together with all its keys. An absent user is left alone.
    type: str
    choices: [present, absent]
    default: present
  user_id:
    description:
      - The user's id, chosen by you (an SSO subject, a login name). LiteLLM generates one when a user is created
        without it. It cannot be changed.
      - When O(user_id) and O(user_email) are both given and no user has the id but another user has the email,
        the module fails before any write and names that user.
    type: str
  user_email:
    description:
      - The user's email. Used to find the user when O(user_id) is not given; otherwise the user's email is set to it.
      - A user found by an email in another case keeps the email it has. To change the case of a user's email,
        give O(user_id) with the email in the new case.
    type: str
  user_alias:
    description:
      - A display name.
    type: str
  user_role:
    description:
      - The user's role on the proxy.
    type: str
    choices: [proxy_admin, proxy_admin_viewer, internal_user, internal_user_viewer]
  models:
    description:
      - The models the user may use. Compared as a set; the order does not matter.
      - LiteLLM 1.108 ignores an empty list on update (it cannot empty a user's models); the module fails with a
        message instead of reporting a change it cannot make.
    type: list
    elements: str
  max_budget:
    description:
      - The user's budget in USD. Use O(unlimited) to remove it.
    type: float
  budget_duration:
    description:
      - How often the user's spend is reset, as a LiteLLM duration (V(30s), V(10m), V(12h), V(30d), V(2w), V(1mo)).
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
      - Keys that LiteLLM keeps inside metadata for its own features are never removed.
    type: bool
    default: false
  unlimited:
    description:
      - Budgets and limits to set back to unlimited (no value), for example V([max_budget, tpm_limit]).
      - An option cannot be both set and listed here.
    type: list
    elements: str
    choices: [max_budget, budget_duration, tpm_limit, rpm_limit]
seealso:
  - module: berriai.litellm.litellm_team_member
  - module: berriai.litellm.litellm_user_info
  - module: berriai.litellm.litellm_key
'''

EXAMPLES = r'''
- name: A user identified by its SSO subject
  berriai.litellm.litellm_user:
    api_base: https://litellm.example.com
    api_key: "{{ litellm_admin_key }}"
    user_id: jdoe
    user_email: jdoe@example.com
    user_alias: Jane Doe
    user_role: internal_user
    max_budget: 50
    budget_duration: 1mo

- name: A user known only by email (LiteLLM generates its id)
  berriai.litellm.litellm_user:
    user_email: contractor@example.com
    models: [gpt-4o-mini]

- name: Remove the budget
  berriai.litellm.litellm_user:
    user_id: jdoe
    unlimited: [max_budget, budget_duration]

- name: Delete the user (and every key of that user)
  berriai.litellm.litellm_user:
    user_id: jdoe
    state: absent
'''

RETURN = r'''
user:
  description:
    - The user as it stands after the run (predicted in check mode), normalised. Empty when it was deleted or is absent.
  returned: always
  type: dict
  sample:
    user_id: jdoe
    user_email: jdoe@example.com
    user_alias: Jane Doe
    user_role: internal_user
    models: []
    max_budget: 50
    budget_duration: 1mo
    tpm_limit: null
    rpm_limit: null
    metadata: {}
user_id:
  description: The user's id (null when a user is created in check mode without O(user_id)).
  returned: always
  type: str
  sample: jdoe
deleted_keys:
  description: Aliases of the keys deleted together with the user (by O(state=absent)).
  returned: always
  type: list
  elements: str
  sample: [jdoe-laptop, jdoe-ci]
msg:
  description: What the run did, in a few words.
  returned: always
  type: str
  sample: "user updated: max_budget"
http_requests:
  description: How many HTTP requests the run sent to the proxy, by method.
  returned: always
  type: dict
  sample: {GET: 1, POST: 1}
'''

from ansible_collections.berriai.litellm.plugins.module_utils._runner import run_module
from ansible_collections.berriai.litellm.plugins.module_utils._user import USER, run_user

# The options documented above (declared in _user.USER); the action plugin (the controller fast path) validates
# with the same.
ARGUMENT_SPEC = USER.argspec()
MODULE_KWARGS = dict(
    argument_spec=ARGUMENT_SPEC,
    required_one_of=[('user_id', 'user_email')],
    supports_check_mode=True,
)


def main():
    run_module(MODULE_KWARGS, run_user)


if __name__ == '__main__':
    main()
