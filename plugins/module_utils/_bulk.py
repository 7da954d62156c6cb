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
import threading

from concurrent.futures import ThreadPoolExecutor

from ansible_collections.berriai.litellm.plugins.module_utils.api import (
    CONNECTION_ARGSPEC, LiteLLMError, ParameterError)
from ansible_collections.berriai.litellm.plugins.module_utils.key import (
    KEY_OPTIONS, KeyReconciler, key_token, list_keys, validate_key_params)
from ansible_collections.berriai.litellm.plugins.module_utils.team import resolve_team_id

KEYS_ARGSPEC = dict(
    CONNECTION_ARGSPEC,
    keys=dict(type='list', elements='dict', required=True, no_log=False, options=copy.deepcopy(KEY_OPTIONS),
              mutually_exclusive=[('team_id', 'team_alias'), ('key', 'token')],
              required_one_of=[('key_alias', 'key', 'token')]),
    concurrency=dict(type='int', default=8),
)

KEYS_MODULE = dict(argument_spec=KEYS_ARGSPEC, supports_check_mode=True)

MAX_CONCURRENCY = 32


class KeyIndex(object):
    """Every live key, read once with paged /key/list calls, and deleted keys read per team on demand."""

    def __init__(self, client):
        self.client = client
        self.by_token = dict((k['token'], k) for k in list_keys(client) if k.get('token'))
        self.by_alias = {}
        for record in self.by_token.values():
            if record.get('key_alias'):
                self.by_alias.setdefault(record['key_alias'], []).append(record)
        self._archives = {}
        self._lock = threading.Lock()

    def archived(self, alias, team_id):
        """Deleted keys with this alias: one paged read per team (or per alias for keys without a team)."""
        scope = {'team_id': team_id} if team_id else {'key_alias': alias}
        with self._lock:
            archive = self._archives.get(tuple(scope.items()))
            if archive is None:
                archive = self._archives[tuple(scope.items())] = list_keys(self.client, deleted=True, **scope)
        return [k for k in archive if k.get('key_alias') == alias]


class _ItemContext(object):
    """A per-key view of the run's context: its own warnings, the shared client and check mode."""

    def __init__(self, ctx):
        self.client = ctx.client
        self.check_mode = ctx.check_mode
        self.warnings = []

    def warn(self, message):
        self.warnings.append(message)


def _identity(item):
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
        identity = _identity(item)
        if identity in seen:
            raise ParameterError('keys[%d] and keys[%d] name the same key (%s): list each key once'
                                 % (seen[identity], position, identity.split(':', 1)[0]))
        seen[identity] = position


def run_keys(ctx, params):
    validate_keys_params(params)
    items = params['keys']
    ctx.client.set_pool_size(params['concurrency'])
    team_cache = {}
    for alias in sorted(set(i['team_alias'] for i in items if i.get('team_alias') and i['state'] == 'present')):
        resolve_team_id(ctx.client, alias, team_cache)
    index = KeyIndex(ctx.client)

    def converge(item):
        item_ctx = _ItemContext(ctx)
        try:
            result = KeyReconciler(item_ctx, item, team_cache=team_cache, index=index).run()
        except LiteLLMError as exc:
            result = {'failed': True, 'changed': False, 'msg': exc.message, 'key_alias': item.get('key_alias')}
        result['warnings'] = item_ctx.warnings
        if not ctx.diff_mode:
            # A thousand before/after pairs nobody asked for would double the result Ansible has to censor.
            result.pop('diff', None)
        return result

    workers = min(params['concurrency'], max(1, len(items)))
    if workers == 1:
        results = [converge(item) for item in items]
    else:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(converge, items))

    summary = dict((name, 0) for name in ('created', 'updated', 'recreated', 'deleted', 'unchanged', 'failed'))
    for result in results:
        summary[_outcome(result)] += 1
        for warning in result['warnings']:
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


def _outcome(result):
    if result.get('failed'):
        return 'failed'
    if not result.get('changed'):
        return 'unchanged'
    if result.get('recreated'):
        return 'recreated'
    message = result.get('msg', '')
    if message.startswith('key created'):
        return 'created'
    if message.startswith('key deleted'):
        return 'deleted'
    return 'updated'
