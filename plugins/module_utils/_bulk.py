# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""litellm_keys' logic: many keys in one task, with the semantics of litellm_key.

Reads every key with paged /key/list calls instead of one request per key, resolves each team alias once,
then converges each key with litellm_key's own KeyReconciler (recreate on team change and on missing keys,
check mode, diff, warnings, secrets), writing with bounded concurrency over the one session.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy

try:
    from concurrent.futures import ThreadPoolExecutor
except ImportError:  # Python 2.7 targets (ansible-core 2.16): the keys are converged one at a time
    ThreadPoolExecutor = None

from ansible_collections.berriai.litellm.plugins.module_utils._api import (
    CONNECTION_ARGSPEC, LiteLLMError, ParameterError)
from ansible_collections.berriai.litellm.plugins.module_utils._key import (
    KEY_MUTUALLY_EXCLUSIVE, KEY_OPTIONS, KEY_REQUIRED_ONE_OF, KeyReconciler, key_token, validate_key_params)
from ansible_collections.berriai.litellm.plugins.module_utils._reconciler import OUTCOMES
from ansible_collections.berriai.litellm.plugins.module_utils._records import KeyRecords, KeySnapshot, team_id_for_alias

KEYS_ARGSPEC = dict(
    CONNECTION_ARGSPEC,
    keys=dict(type='list', elements='dict', required=True, no_log=False, options=copy.deepcopy(KEY_OPTIONS),
              mutually_exclusive=KEY_MUTUALLY_EXCLUSIVE, required_one_of=KEY_REQUIRED_ONE_OF),
    concurrency=dict(type='int', default=8),
)

MAX_CONCURRENCY = 32


def _item_identity(item):
    """What names the key an item manages: its alias, else its token (the sha256 of a given secret)."""
    if item.get('key_alias'):
        return 'alias:' + item['key_alias']
    if item.get('key'):
        return 'token:' + key_token(item['key'])
    return 'token:' + item['token']


def validate_keys_params(params):
    concurrency = params.get('concurrency')
    if concurrency is None or concurrency < 1 or concurrency > MAX_CONCURRENCY:
        raise ParameterError('concurrency must be between 1 and %d; got %s' % (MAX_CONCURRENCY, concurrency))
    seen = {}
    for position, item in enumerate(params['keys']):
        try:
            validate_key_params(item)
        except ParameterError as exc:
            raise ParameterError('keys[%d]: %s' % (position, exc))
        identity = _item_identity(item)
        if identity in seen:
            raise ParameterError('keys[%d] and keys[%d] name the same key (%s): list each key once'
                                 % (seen[identity], position, identity.split(':', 1)[0]))
        seen[identity] = position


def run_keys(ctx, params):
    validate_keys_params(params)
    items = params['keys']
    ctx.client.set_pool_size(params['concurrency'])
    for alias in sorted(set(i['team_alias'] for i in items if i.get('team_alias') and i['state'] == 'present')):
        try:
            team_id_for_alias(ctx, alias)
        except LiteLLMError:
            if not ctx.check_mode:
                raise
            # check mode: each item predicts its key with a warning (an earlier task may create the team)
    snapshot = KeySnapshot(ctx.client)

    def converge(item):
        item_ctx = ctx.item()
        reconciler = KeyReconciler(item_ctx, item, records=snapshot)
        try:
            result = reconciler.run()
        except LiteLLMError as exc:
            result = {'failed': True, 'changed': False, 'outcome': 'failed', 'msg': exc.message,
                      'key_alias': item.get('key_alias')}
        result['warnings'] = item_ctx.warnings
        return reconciler, result

    workers = min(params['concurrency'], max(1, len(items)))
    if workers == 1 or ThreadPoolExecutor is None:
        done = [converge(item) for item in items]
    else:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            done = list(pool.map(converge, items))
    verify_written(ctx, done)
    results = [result for reconciler, result in done]
    if not ctx.diff_mode:
        for result in results:
            # A thousand before/after pairs nobody asked for would double the result Ansible has to censor.
            result.pop('diff', None)
    return summarise(ctx, results)


def verify_written(ctx, done):
    """After the writes, every key is read back with one paged read (a page per 100 keys, not a read per key) and
    each written key compared with what its item asks (Reconciler.verify_later)."""
    written = [(reconciler, result) for reconciler, result in done
               if reconciler.unverified is not None and not result.get('failed')]
    if not written:
        return
    held = dict((key['token'], key) for key in KeyRecords(ctx.client).list() if key.get('token'))
    for reconciler, result in written:
        stored = held.get(reconciler.unverified[2].get('token'))
        if reconciler.budget_left_out(stored):
            stored = KeyRecords(ctx.client).with_budget(stored)  # LiteLLM 1.80: one read more for such a key
        reconciler.verify_later(stored, result)


def summarise(ctx, results):
    """The task's result: every item's, a count per outcome, each item's warnings once (as the task's)."""
    summary = dict((name, 0) for name in OUTCOMES + ('failed',))
    for result in results:
        summary[result['outcome']] += 1
        for warning in result.pop('warnings'):
            ctx.warn(warning)
    failed = [r for r in results if r.get('failed')]
    outcome = {
        'changed': any(r.get('changed') for r in results) or (bool(failed) and ctx.writes > 0),
        # Not 'keys' (result.keys is the dict method in a template) nor 'results' (Ansible takes that for loop
        # results and leaves its items uncensored under no_log: the secrets would print).
        'key_results': results,
        'summary': summary,
        'msg': ', '.join('%d %s' % (n, name) for name, n in summary.items() if n) or 'no keys given',
    }
    if failed:
        outcome['failed'] = True
        outcome['msg'] = '%d of %d keys failed: %s' % (
            len(failed), len(results), '; '.join('%s: %s' % (r.get('key_alias') or '?', r['msg']) for r in failed))
    return outcome
