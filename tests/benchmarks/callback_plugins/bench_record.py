# Copyright: contributors to the berriai.litellm collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Records, for the benchmark, each task's start and end and the message of the task named 'BENCH summary'.

Enabled next to the default stdout callback (ANSIBLE_CALLBACKS_ENABLED=bench_record) so every contestant
prints what a user would see; writes JSON to $BENCH_RECORD_FILE at the end of the run.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = '''
name: bench_record
type: aggregate
short_description: Task timings and the BENCH summary, as JSON, for tests/benchmarks
description:
  - Writes the start and end of each task and the message of the task named C(BENCH summary) to the file
    named by the environment variable E(BENCH_RECORD_FILE).
requirements:
  - enabled with ANSIBLE_CALLBACKS_ENABLED=bench_record
'''

import json
import os
import time

from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'aggregate'
    CALLBACK_NAME = 'bench_record'
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self):
        super(CallbackModule, self).__init__()
        self.tasks = []
        self.summary = None

    def v2_playbook_on_task_start(self, task, is_conditional):
        now = time.time()
        if self.tasks and self.tasks[-1]['end'] is None:
            self.tasks[-1]['end'] = now
        self.tasks.append({'name': task.get_name(), 'start': now, 'end': None})

    def _done(self, result):
        if self.tasks:
            self.tasks[-1]['end'] = time.time()
        if result._task.get_name() == 'BENCH summary':
            self.summary = result._result.get('msg')

    def v2_runner_on_ok(self, result):
        self._done(result)

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._done(result)

    def v2_runner_on_skipped(self, result):
        self._done(result)

    def v2_playbook_on_stats(self, stats):
        path = os.environ.get('BENCH_RECORD_FILE')
        if not path:
            return
        with open(path, 'w', encoding='utf-8') as handle:
            json.dump({'tasks': self.tasks, 'summary': self.summary}, handle, default=str)
