# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""litellm_key's logic: look up, compare, plan, apply. Free of AnsibleModule (see module_utils/runner.py)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime
import hashlib
import re

from ansible_collections.berriai.litellm.plugins.module_utils.api import (
    CONNECTION_ARGSPEC, LiteLLMError, ParameterError, ResponseLostError)
from ansible_collections.berriai.litellm.plugins.module_utils import reconcile
from ansible_collections.berriai.litellm.plugins.module_utils.team import resolve_team_id

# The key fields this module manages, with how each one compares.
KEY_FIELDS = {
    'key_alias': 'str',
    'team_id': 'str',
    'models': 'list',
    'max_budget': 'float',
    'budget_duration': 'str',
    'tpm_limit': 'int',
    'rpm_limit': 'int',
    'max_parallel_requests': 'int',
    'metadata': 'dict',
    'user_id': 'str',
    'blocked': 'bool',
}
KEY_VIEW_FIELDS = dict(KEY_FIELDS, token='str')
KEY_UNLIMITABLE = ['max_budget', 'budget_duration', 'tpm_limit', 'rpm_limit', 'max_parallel_requests']

# Options of one key, shared by litellm_key and the items of the bulk module litellm_keys.
KEY_OPTIONS = dict(
    state=dict(type='str', default='present', choices=['present', 'absent']),
    key_alias=dict(type='str', no_log=False),
    key=dict(type='str', no_log=True),
    token=dict(type='str', no_log=False),
    team_id=dict(type='str'),
    team_alias=dict(type='str'),
    max_parallel_requests=dict(type='int'),
    user_id=dict(type='str'),
    duration=dict(type='str'),
    unlimited=dict(type='list', elements='str', choices=KEY_UNLIMITABLE),
    on_team_change=dict(type='str', default='recreate', choices=['recreate', 'update']),
    regenerate=dict(type='bool', default=False),
    **reconcile.SETTINGS_ARGSPEC
)
KEY_MUTUALLY_EXCLUSIVE = [('team_id', 'team_alias'), ('key', 'token')]
KEY_REQUIRED_ONE_OF = [('key_alias', 'key', 'token')]

KEY_MODULE = dict(
    argument_spec=dict(CONNECTION_ARGSPEC, **KEY_OPTIONS),
    mutually_exclusive=KEY_MUTUALLY_EXCLUSIVE,
    required_one_of=KEY_REQUIRED_ONE_OF,
    supports_check_mode=True,
)

REASONS = {
    'team_change': 'its team changes from %(old_team)s to %(new_team)s and on_team_change is recreate',
    'missing': 'the proxy no longer has it (the update answered HTTP %(status)s and /key/info confirmed it is gone)',
    'deleted': 'it had been deleted%(deleted_at)s (for example together with its team)',
    'rotation': 'regenerate is true (rotation)',
    'key_changed': 'it holds another secret than the requested key',
}


def key_token(secret):
    """LiteLLM's id of a key: the sha256 of its secret."""
    return hashlib.sha256(secret.encode('utf-8')).hexdigest()


def validate_key_params(params):
    reconcile.check_not_empty(params, ['key_alias', 'token', 'team_id', 'team_alias', 'user_id',
                                       'budget_duration', 'duration', 'key'])
    reconcile.check_not_negative(params, ['max_budget', 'tpm_limit', 'rpm_limit', 'max_parallel_requests'])
    reconcile.check_duration('budget_duration', params.get('budget_duration'))
    reconcile.check_duration('duration', params.get('duration'))
    reconcile.check_unlimited_conflicts(params)
    secret = params.get('key')
    if secret is not None and (not secret.startswith('sk-') or len(secret) < 8):
        raise ParameterError('key must start with sk- and be at least 8 characters long (LiteLLM rejects other values)')
    if params.get('regenerate') and secret:
        raise ParameterError('regenerate cannot be used with key: a caller-chosen secret stays the same; '
                             'give a new key value to rotate it')


# Reads shared with litellm_key_info and the bulk module.

def get_key(client, token):
    """(the live key with this token or None, the deleted record when the proxy reports it as deleted)."""
    body = client.get('/key/info', params={'key': token}, missing_ok=True)
    if body is None:
        return None, None
    record = dict(body.get('info') or {})
    record['token'] = token
    if record.get('status') == 'deleted':
        return None, record
    return record, None


def list_keys(client, deleted=False, **filters):
    """Full key records from every page of /key/list (the live keys, or the deleted ones), filtered by the proxy
    on the given key_alias / team_id."""
    params = dict((name, value) for name, value in filters.items() if value)
    params['return_full_object'] = 'true'
    if deleted:
        params['status'] = 'deleted'
    return [k for k in client.paged('/key/list', params, 'keys') if isinstance(k, dict)]


def find_keys_by_alias(client, alias, deleted=False):
    return [k for k in list_keys(client, deleted, key_alias=alias) if k.get('key_alias') == alias]


def _oldest(keys):
    return min(keys, key=lambda k: (str(k.get('created_at') or ''), k.get('token') or ''))


def key_result(record):
    if record is None:
        return {}
    result = reconcile.view(record, KEY_VIEW_FIELDS)
    result['key_name'] = record.get('key_name')
    result['expires'] = normalise_expires(record.get('expires'))
    return result


def normalise_expires(expires):
    """An expiry in one form whichever endpoint gave it: UTC to the millisecond the proxy stores.

    /key/generate answers 2026-12-26T22:35:56.914506Z, /key/list 2026-12-26T22:35:56.914000Z and /key/info
    2026-12-26T22:35:56.914000+00:00 for the same key; all three become 2026-12-26T22:35:56.914000Z, so the run
    that generates a key and the runs after it return the same value.
    """
    if not expires:
        return None
    match = re.match(r'^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(?:Z|\+00:?00)$', str(expires))
    if not match:
        return expires
    return '%s.%s000Z' % (match.group(1), ((match.group(2) or '') + '000')[:3])


def remaining_duration(expires, now=None):
    """A duration that keeps an existing expiry across a recreate ('1234s'), or None.

    LiteLLM writes expiry times in UTC as 2026-12-26T22:35:56.914000+00:00 or ...Z.
    """
    match = re.match(r'^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})', str(expires or ''))
    if not match:
        return None
    moment = datetime.datetime.strptime(match.group(1), '%Y-%m-%dT%H:%M:%S')
    now = now or datetime.datetime.utcnow()
    seconds = int((moment - now).total_seconds())
    return '%ds' % seconds if seconds > 0 else None


class KeyReconciler(object):
    """Converge one key. `run()` returns the result dict; errors are raised as LiteLLMError/ParameterError."""

    def __init__(self, ctx, params, team_cache=None, index=None):
        self.ctx = ctx
        self.index = index  # the bulk module's prefetched keys (KeyIndex); None reads per key
        self.client = ctx.client
        self.params = params
        self.check_mode = ctx.check_mode
        self.team_cache = team_cache
        self.alias = params.get('key_alias')
        self.secret = params.get('key')
        self.wanted_token = key_token(self.secret) if self.secret else params.get('token')
        self.label = repr(self.alias) if self.alias else 'with token %s...' % (self.wanted_token or '')[:12]

    def run(self):
        validate_key_params(self.params)
        team_id = None
        if self.params['state'] == 'present':
            team_id = self.params.get('team_id')
            if self.params.get('team_alias'):
                team_id = resolve_team_id(self.client, self.params['team_alias'], self.team_cache)
        current, deleted = self.look_up()
        if self.params['state'] == 'absent':
            return self.absent(current)
        return self.present(current, deleted, team_id)

    def look_up(self):
        current = deleted = None
        if self.wanted_token:
            if self.index is not None:
                current = self.index.by_token.get(self.wanted_token)
            else:
                current, deleted = get_key(self.client, self.wanted_token)
        if current is None and self.alias:
            if self.index is not None:
                matches = self.index.by_alias.get(self.alias, [])
            else:
                matches = find_keys_by_alias(self.client, self.alias)
            if len(matches) > 1:
                # Racing runs can leave twins for a moment; each converges on the oldest (see settle_duplicates).
                self.ctx.warn('%d keys have the alias %r (tokens %s); this run manages the oldest. LiteLLM keeps '
                              'aliases unique, so the others were made by runs racing each other'
                              % (len(matches), self.alias, ', '.join(k['token'][:12] + '...' for k in matches)))
            current = _oldest(matches) if matches else None
        return current, deleted

    # -- state: absent --

    def absent(self, current):
        if current is None:
            return self.result(False, None, None, msg='key is absent')
        if not self.check_mode:
            self.client.post('/key/delete', {'keys': [current['token']]}, missing_ok=True)
        return self.result(True, current, None, msg='key deleted')

    # -- state: present --

    def wanted(self, current, team_id):
        wanted = reconcile.requested(self.params, KEY_FIELDS, self.params.get('unlimited'))
        if team_id:
            wanted['team_id'] = team_id
        if 'metadata' in wanted or self.params['purge_metadata']:
            # purge_metadata without metadata empties it (LiteLLM's own entries aside), as documented.
            wanted['metadata'] = reconcile.merge_metadata((current or {}).get('metadata'), wanted.get('metadata'),
                                                          self.params['purge_metadata'])
        return wanted

    def present(self, current, deleted, team_id):
        if current is None:
            if not self.alias and not self.secret:
                raise LiteLLMError('no key has the token %s...: a key cannot be created from its token; give key_alias '
                                   'or key' % self.wanted_token[:12])
            if deleted is None and self.alias:
                archived = (self.index.archived(self.alias, team_id) if self.index is not None
                            else find_keys_by_alias(self.client, self.alias, deleted=True))
                deleted = max(archived, key=lambda k: str(k.get('deleted_at') or '')) if archived else None
            if deleted is not None:
                return self.recreate(deleted, team_id, 'deleted', gone=True)
            return self.create(team_id)

        if self.secret and current.get('token') != self.wanted_token:
            return self.recreate(current, team_id, 'key_changed')
        if self.params.get('regenerate'):
            return self.recreate(current, team_id, 'rotation')
        if (team_id and current.get('team_id') != team_id and self.params['on_team_change'] == 'recreate'):
            return self.recreate(current, team_id, 'team_change')

        updates = reconcile.changes(current, self.wanted(current, team_id), KEY_FIELDS)
        if not updates:
            return self.result(False, current, current, msg='key is as requested')
        if self.check_mode:
            return self.result(True, current, reconcile.planned(current, updates, KEY_FIELDS),
                               msg='key updated: %s' % ', '.join(sorted(updates)))
        try:
            after = self.apply_update(current, updates)
        except LiteLLMError as exc:
            if exc.status not in (401, 404):
                raise
            # 404 (current proxies) or 401 "user key does not exist" (older ones) may mean the key vanished
            # since we read it. Only a confirmed read decides: a refused credential fails that read too.
            still_there, archived = get_key(self.client, current['token'])
            if still_there is not None:
                raise
            return self.recreate(archived or current, team_id, 'missing', gone=True, status=exc.status)
        return self.result(True, current, after, msg='key updated: %s' % ', '.join(sorted(updates)))

    def apply_update(self, current, updates):
        """POST /key/update; the record as it stands afterwards."""
        answer = self.client.post('/key/update', dict(updates, key=current['token']))
        after = dict(current)
        after.update(dict((k, v) for k, v in (answer or {}).items() if k in KEY_FIELDS))
        return after

    def generate_body(self, base, team_id):
        wanted = self.wanted(base, team_id)
        body = {}
        for name in KEY_FIELDS:
            value = wanted[name] if name in wanted else (base or {}).get(name)
            if value is not None and value != [] or (name == 'models' and name in wanted):
                body[name] = value
        if self.alias:
            body['key_alias'] = self.alias
        if self.secret:
            body['key'] = self.secret
        duration = self.params.get('duration') or remaining_duration((base or {}).get('expires'))
        if duration:
            body['duration'] = duration
        return body

    def create(self, team_id):
        body = self.generate_body(None, team_id)
        if self.check_mode:
            return self.result(True, None, self.predicted(body), msg='key created')
        try:
            after, secret = self.generate(body)
        except LiteLLMError as exc:
            # A 400 here is most often the alias taken by a run that created the key since we looked: read again,
            # and converge that key if it is there. Otherwise the proxy's refusal stands.
            if exc.status != 400 or not self.alias:
                raise
            self.index = None
            raced = self.look_up()[0]
            if raced is None:
                raise
            self.ctx.warn('key %s was created by another run at the same time (the proxy answered: %s); this run '
                          'converged that key instead, so no secret is returned' % (self.label, exc.proxy_message))
            return self.present(raced, None, team_id)
        if not self.secret and self.index is None:
            after, secret = self.settle_duplicates(after, secret)
        return self.result(True, None, after, secret=secret, msg='key created')

    def settle_duplicates(self, created, secret):
        """LiteLLM checks alias uniqueness in the application, so racing generates can each create the alias.

        Every run that generated a key looks again: the oldest key (then the lowest token) is kept, and a run whose
        own key is not that one deletes it and reports the kept one, whose secret it does not know.
        """
        twins = find_keys_by_alias(self.client, self.alias)
        if len(twins) <= 1:
            return created, secret
        kept = _oldest(twins)
        if kept['token'] == created['token']:
            return created, secret
        self.client.post('/key/delete', {'keys': [created['token']]}, missing_ok=True)
        self.ctx.warn('another run generated key %s at the same time; this run deleted its own copy and kept the '
                      'other, whose secret only that run received' % self.label)
        return kept, None

    def recreate(self, base, team_id, reason, gone=False, status=None):
        body = self.generate_body(base, team_id)
        facts = {
            'old_team': base.get('team_id') or 'no team', 'new_team': team_id or 'no team', 'status': status,
            'deleted_at': (' at %s' % base['deleted_at']) if base.get('deleted_at') else '',
        }
        ending = ('it keeps the requested secret (key)' if self.secret
                  else 'its new secret is in the result (secret), shown once')
        self.ctx.warn('key %s was recreated (deleted and generated again) because %s; %s'
                      % (self.label, REASONS[reason] % facts, ending))
        before = None if gone else base
        if self.check_mode:
            return self.result(True, before, self.predicted(body), recreated=reason, msg='key recreated')
        if not gone:
            self.client.post('/key/delete', {'keys': [base['token']]}, missing_ok=True)
        after, secret = self.generate(body)
        return self.result(True, before, after, secret=secret, recreated=reason, msg='key recreated')

    def predicted(self, body):
        record = dict((k, v) for k, v in body.items() if k in KEY_FIELDS)
        record['token'] = key_token(self.secret) if self.secret else None
        return record

    def generate(self, body):
        """POST /key/generate; returns (record, secret). A lost answer never leaves a duplicate or an orphan."""
        try:
            answer = self.client.post('/key/generate', body)
        except ResponseLostError as exc:
            answer = self.recover_lost_generate(body, exc)
        secret = answer.get('key')
        record = dict(answer)
        record.pop('key', None)
        record['token'] = answer.get('token') or answer.get('token_id')
        if self.secret:
            # LiteLLM answers 200 to a generate with an existing caller-chosen key without changing it:
            # read back what is stored rather than trust the echo.
            stored = get_key(self.client, record['token'])[0]
            if stored is None:
                raise LiteLLMError('the proxy accepted /key/generate for key %s but does not show the key afterwards'
                                   % self.label)
            updates = reconcile.changes(stored, self.wanted(stored, body.get('team_id')), KEY_FIELDS)
            record = self.apply_update(stored, updates) if updates else stored
        return record, secret

    def recover_lost_generate(self, body, exc):
        """The generate's answer was lost: find out what the proxy did and converge without a duplicate or an orphan.

        A key found under our alias (or secret) now is taken as the lost generate's own. Its secret never reached
        us, so it is deleted and generated again; with a caller-chosen secret it is simply adopted. The first
        generate can also land late, after our look: the next generate then meets its alias (400), or its answer
        is lost too, and we go round once more.
        """
        for attempt in (1, 2):
            if self.secret:
                found = get_key(self.client, key_token(self.secret))[0]
                found = [found] if found else []
            else:
                found = find_keys_by_alias(self.client, self.alias)
            if found and self.secret:
                self.ctx.warn('the answer to /key/generate for key %s was lost (%s), but the proxy had created the '
                              'key; its secret is the requested key' % (self.label, exc.message))
                return dict(found[0], key=None)
            if found:
                self.client.post('/key/delete', {'keys': [k['token'] for k in found]}, missing_ok=True)
                self.ctx.warn('the answer to /key/generate for key %s was lost (%s) after the proxy had created the '
                              'key, so its secret was never received; that key was deleted and generated again, and '
                              'the new secret is in the result' % (self.label, exc.message))
            elif attempt == 1:
                self.ctx.warn('the answer to /key/generate for key %s was lost (%s) and the proxy showed no such key; '
                              'it was generated again' % (self.label, exc.message))
            try:
                return self.client.post('/key/generate', body)
            except LiteLLMError as again:
                if attempt == 2 or not (again.status == 400 or isinstance(again, ResponseLostError)):
                    raise LiteLLMError('the answer to /key/generate for key %s was lost (%s), and generating it again '
                                       'failed: %s. A key with this alias may exist whose secret nobody received; run '
                                       'the task again with regenerate: true' % (self.label, exc.message, again.message))
        raise LiteLLMError('unreachable')  # pragma: no cover

    def result(self, changed, before, after, secret=None, recreated=None, msg=''):
        key = key_result(after)
        token = key.get('token') if after is not None else (before or {}).get('token')
        return {
            'changed': changed,
            'msg': msg,
            'key': key,
            'token': token,
            'key_alias': (after or before or {}).get('key_alias') or self.alias,
            'team_id': (after or before or {}).get('team_id'),
            'secret': secret,
            'recreated': bool(recreated),
            'recreate_reason': recreated,
            'diff': reconcile.diff(before, after, KEY_VIEW_FIELDS),
        }


def run_key(ctx, params, team_cache=None):
    if team_cache is None:
        team_cache = getattr(ctx, 'team_cache', None)
    return KeyReconciler(ctx, params, team_cache).run()
