# Copyright: contributors to the berriai.litellm collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Records, for the promote round trip, what each task changed: its name, and the label of each changed loop item.

Enabled next to the default stdout callback (ANSIBLE_CALLBACKS_ENABLED=rt_changes); writes JSON
{"changed": [[task name, item label or null], ...], "failed": [...]} to $RT_CHANGES_FILE at the end of the run.
Labels only: a changed item's result may hold a secret (the tasks that can are no_log).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = '''
name: rt_changes
type: aggregate
short_description: The changed tasks and loop items of a run, as JSON, for the promote round trip
description:
  - Writes the changed tasks and the labels of their changed loop items to the file named by E(RT_CHANGES_FILE).
requirements:
  - enabled with ANSIBLE_CALLBACKS_ENABLED=rt_changes
'''

import json
import os

from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'aggregate'
    CALLBACK_NAME = 'rt_changes'
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self):
        super(CallbackModule, self).__init__()
        self.changed = []
        self.failed = []

    def v2_runner_item_on_ok(self, result):
        if result._result.get('changed'):
            self.changed.append([result._task.get_name(), str(result._result.get('_ansible_item_label'))])

    def v2_runner_on_ok(self, result):
        # A loop's own result only sums up its items, which were counted (under no_log, ansible-core before 2.19
        # censors its results, so they cannot tell it apart).
        if result._task.loop or getattr(result._task, 'loop_with', None):
            return
        if result._result.get('changed') and not result._result.get('results'):
            self.changed.append([result._task.get_name(), None])

    def v2_runner_on_failed(self, result, ignore_errors=False):
        if not ignore_errors:
            self.failed.append(result._task.get_name())

    def v2_playbook_on_stats(self, stats):
        with open(os.environ['RT_CHANGES_FILE'], 'w') as out:
            json.dump({'changed': self.changed, 'failed': self.failed}, out, indent=1)
