# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""litellm_key's logic on the converge cycle (_reconciler.Reconciler). Free of AnsibleModule.

A key's quirks, as hooks: it is found by secret, token or alias; a key deleted behind our back (with its team)
or gone while we update it is recreated; a team change, a rotation or another secret recreate it; a lost
generate answer is recovered without a duplicate or an orphan; racing generates of one alias are settled.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime
import hashlib
import math
import re
import time

from ansible_collections.berriai.litellm.plugins.module_utils import _owner as owner
from ansible_collections.berriai.litellm.plugins.module_utils._api import (
    LiteLLMError, ParameterError, ResponseLostError)
from ansible_collections.berriai.litellm.plugins.module_utils import _compare as compare
from ansible_collections.berriai.litellm.plugins.module_utils._declaration import Declaration, Option, budget_options
from ansible_collections.berriai.litellm.plugins.module_utils import _settings as settings
from ansible_collections.berriai.litellm.plugins.module_utils._reconciler import Gone, Reconciler, oldest
from ansible_collections.berriai.litellm.plugins.module_utils import _info as info
from ansible_collections.berriai.litellm.plugins.module_utils._records import (
    KeyRecords, TeamNotFound, TeamRecords, one_team, unique)
from ansible_collections.berriai.litellm.plugins.module_utils._user import refuse_dropped_nulls

# litellm_key's options (plugins/modules/litellm_key.py documents them; the items of the bulk module litellm_keys
# take them too): argspec, compared fields, result view, export shape. An empty team_id or user_id means none.
KEY = Declaration('key', 'keys', 'berriai.litellm.litellm_key', identity=['key_alias', 'team_id'], options=[
    Option('key_alias', dict(type='str', no_log=False), 'str'),
    Option('key', dict(type='str', no_log=True), export='the secret is never read (LiteLLM keeps its hash)'),
    Option('token', dict(type='str', no_log=False), export='the hash of the secret'),
    Option('team_id', dict(type='str'), 'id'),
    Option('team_alias', dict(type='str'), export='the team is named by team_id'),
    Option('user_id', dict(type='str'), 'id'),
    Option('duration', dict(type='str'), export='an expiry is a moment, not a setting'),
    Option('on_team_change', dict(type='str', default='recreate', choices=['recreate', 'update']),
           export='a run option'),
    Option('regenerate', dict(type='bool', default=False), export='a run option'),
] + budget_options() + [
    Option('max_parallel_requests', dict(type='int'), 'int', unlimited=True),
    Option('blocked', dict(type='bool'), 'bool'),
] + settings.declared('key'))
KEY_MANAGED = KEY.fields
# The key's own fields, beside the settings of issue 11 (_settings.SETTINGS)
KEY_FIELDS = dict((name, kind) for name, kind in KEY_MANAGED.items() if name not in settings.fields('key'))
KEY_VIEW_FIELDS = dict(KEY_MANAGED, token='str')
KEY_OPTIONS = KEY.option_spec()
KEY_MUTUALLY_EXCLUSIVE = [('team_id', 'team_alias'), ('key', 'token')]
KEY_REQUIRED_ONE_OF = [('key_alias', 'key', 'token')]

REASONS = {
    'team_change': 'its team changes from %(old_team)s to %(new_team)s and on_team_change is recreate',
    'missing': 'the proxy no longer has it (the update answered HTTP %(status)s and /key/info confirmed it is gone)',
    'deleted': 'it had been deleted%(deleted_at)s (for example together with its team)',
    'rotation': 'regenerate is true (rotation)',
    'key_changed': 'it holds another secret than the requested key',
    'key_type': 'its key_type is %(old_type)s and LiteLLM sets a key type only when the key is generated',
}

TOKEN_PATTERN = re.compile(r'^[0-9a-f]{64}$')


def key_token(secret):
    """LiteLLM's id of a key: the sha256 of its secret."""
    return hashlib.sha256(secret.encode('utf-8')).hexdigest()


def validate_key_params(params):
    # (an empty team_id, user_id, budget_id or organization_id means none: the key leaves it)
    compare.check_not_empty(params, ['key_alias', 'token', 'team_alias', 'budget_duration', 'duration', 'key'])
    settings.validate(params, 'key')
    for name in ('team_id', 'user_id', 'budget_id', 'organization_id'):
        if params.get(name) and not params[name].strip():
            raise ParameterError('%s must not be empty spaces; give "" for none' % name)
    compare.check_finite(params, ['max_budget'])
    compare.check_not_negative(params, ['max_budget', 'tpm_limit', 'rpm_limit', 'max_parallel_requests'])
    compare.check_duration('budget_duration', params.get('budget_duration'))
    compare.check_duration('duration', params.get('duration'))
    compare.check_unlimited_conflicts(params)
    check_token(params.get('token'))
    secret = params.get('key')
    if secret is not None and (not secret.startswith('sk-') or len(secret) < 8):
        raise ParameterError('key must start with sk- and be at least 8 characters long (LiteLLM rejects other values)')
    if params.get('regenerate') and secret:
        raise ParameterError('regenerate cannot be used with key: a caller-chosen secret stays the same; '
                             'give a new key value to rotate it')


def check_token(token):
    """A token is the sha256 of a key: 64 hex characters. A secret given as token is refused, never echoed."""
    if token is None:
        return
    if token.startswith('sk-'):
        raise ParameterError('token is the sha256 of a key (64 hex characters), not the key itself; give the secret '
                             'as key (it is never logged), or look the key up by key_alias')
    if not TOKEN_PATTERN.match(token):
        raise ParameterError('token must be the sha256 of a key: 64 lower-case hex characters (as returned in token)')


def key_result(record):
    if record is None:
        return {}
    result = settings.trimmed(compare.view(record, KEY_VIEW_FIELDS), 'key')
    result['key_name'] = record.get('key_name')
    result['expires'] = normalise_time(record.get('expires'))
    return result


_TIME = re.compile(r'^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(?:Z|\+00:?00)?$')


def normalise_time(value):
    """A time in one form whichever endpoint gave it: UTC to the millisecond the proxy stores.

    /key/generate answers 2026-12-26T22:35:56.914506Z, /key/list 2026-12-26T22:35:56.914000Z and /key/info
    2026-12-26T22:35:56.914000+00:00 for the same key; all three become 2026-12-26T22:35:56.914000Z.
    """
    if not value:
        return None
    match = _TIME.match(str(value))
    if not match:
        return value
    return '%s.%s000Z' % (match.group(1), ((match.group(2) or '') + '000')[:3])


def seconds_left(expires, now=None):
    """Seconds until `expires` (fractions kept), or None for a key that never expires."""
    match = _TIME.match(str(expires or ''))
    if not match:
        return None
    moment = datetime.datetime.strptime(match.group(1), '%Y-%m-%dT%H:%M:%S')
    moment += datetime.timedelta(microseconds=int(((match.group(2) or '') + '000000')[:6]))
    now = now or datetime.datetime(1970, 1, 1) + datetime.timedelta(seconds=time.time())  # UTC, naive
    return (moment - now).total_seconds()


def remaining_duration(expires, now=None):
    """A duration that keeps an existing expiry across a recreate ('1234s'), or None when it never expires.

    LiteLLM takes whole seconds, so the new expiry is rounded down: never later than the old one, at most one
    second earlier. An expired key has no remaining duration: the caller must not recreate it without one.
    """
    left = seconds_left(expires, now)
    if left is None:
        return None
    return '%ds' % int(math.floor(left)) if left >= 1 else '0s'


class KeyReconciler(settings.WithSettings, Reconciler):
    kind = 'key'
    fields = KEY_MANAGED
    view_fields = KEY_VIEW_FIELDS
    id_field = 'token'
    records_class = KeyRecords
    list_in_loops = True
    in_metadata = settings.in_metadata('key')
    settings_kind = 'key'
    twins_read_whole = True  # /key/list with return_full_object: the look for twins reads the created key back

    def __init__(self, ctx, params, records=None):
        super(KeyReconciler, self).__init__(ctx, params, records)
        self.alias = params.get('key_alias')
        self.secret = params.get('key')
        self.wanted_token = key_token(self.secret) if self.secret else params.get('token')
        self.team_id = None   # the team the task asks for (resolved from team_alias), or None
        self.archived = None  # the deleted record of this key, when the proxy still shows one
        self.teams_not_found = set()  # (check mode) the missing teams already warned about

    def validate(self):
        validate_key_params(self.params)

    def label(self):
        return repr(self.alias) if self.alias else 'with token %s...' % (self.wanted_token or '')[:12]

    def prepare(self):
        if self.params['state'] != 'present':
            return
        self.team_id = self.params.get('team_id')
        alias = self.params.get('team_alias')
        if alias:
            try:
                self.team_id = TeamRecords(self.client).id_for_alias(alias, self.ctx.team_ids)
            except TeamNotFound as exc:
                self.team_not_found(exc, alias)

    def team_not_found(self, exc, team):
        """The task's team (alias or id) does not exist: a real run fails (TeamNotFound); check mode warns and
        predicts the key in that team, as a preview of a playbook whose earlier task creates the team must not
        stop here (the same rule for team_alias and team_id)."""
        if not self.check_mode:
            raise exc
        if team in self.teams_not_found:
            return
        self.teams_not_found.add(team)
        self.ctx.warn('team %r does not exist yet (an earlier task of this run may create it); in check mode '
                      'the key is predicted as it would be in that team' % team)

    # -- look-up --

    def look_up(self):
        current = None
        if self.wanted_token:
            current, self.archived = self.records.get(self.wanted_token)
        if current is None and self.alias:
            matches = self.records.with_alias(self.alias)
            if len(matches) > 1:
                # Racing runs can leave twins for a moment; each converges on the oldest (see settle_twins).
                self.ctx.warn('%d keys have the alias %r (tokens %s); this run manages the oldest. LiteLLM keeps '
                              'aliases unique, so the others were made by runs racing each other'
                              % (len(matches), self.alias, ', '.join(k['token'][:12] + '...' for k in matches)))
            current = oldest(matches, 'token') if matches else None
            if self.budget_left_out(current):
                current = self.records.with_budget(current)
        return current

    def budget_left_out(self, record):
        """Whether `record`, read from /key/list, lacks the key's budget (budget_id, litellm_budget_table: LiteLLM
        1.80's list leaves them out; measured on 1.80.17) while the task manages soft_budget or budget_id: the key is
        then read whole from /key/info, one request more, on that version and for such a task only."""
        if not KeyRecords.lacks_budget(record):
            return False
        return any(self.params.get(name) is not None for name in ('soft_budget', 'budget_id'))

    def as_read(self, twins, created):
        if any(self.budget_left_out(twin) for twin in twins):
            return created  # not the whole key: verified() reads it back from /key/info
        return super(KeyReconciler, self).as_read(twins, created)

    def missing(self):
        if not self.alias and not self.secret:
            raise LiteLLMError('no key has the token %s...: a key cannot be created from its token; give key_alias '
                               'or key' % self.wanted_token[:12])
        if self.archived is None and self.alias:
            archived = self.records.deleted_with_alias(self.alias, self.team_id)
            self.archived = max(archived, key=lambda k: str(k.get('deleted_at') or '')) if archived else None
        if self.archived is not None:
            return self.recreate(self.archived, 'deleted', gone=True)
        self.check_team_exists()
        return self.create()

    def recreate_reason(self, current):
        if self.secret and current.get('token') != self.wanted_token:
            return 'key_changed'
        if self.params.get('regenerate'):
            return 'rotation'
        if self.team_id and current.get('team_id') != self.team_id and self.params['on_team_change'] == 'recreate':
            return 'team_change'
        if self.params.get('key_type') and current.get('key_type') != self.params['key_type']:
            return 'key_type'
        return None

    def check_team_exists(self, live=None):
        """A team_id the key is put into must exist: the proxy does not check on generate, and a typo would leave
        a key its team cannot serve. Checked before any write, once per run and team; a `live` key already in the
        team needs no check."""
        team_id = self.params.get('team_id')
        cache = self.ctx.cache
        known = team_id in cache.teams or team_id in cache.team_ids.values()
        if not team_id or (live or {}).get('team_id') == team_id or known:
            return
        if TeamRecords(self.client).get(team_id) is None:
            return self.team_not_found(TeamNotFound('no team has team_id %r: create it first '
                                                    '(berriai.litellm.litellm_team) or correct team_id; the key was '
                                                    'left as it is' % team_id), team_id)
        cache.teams.add(team_id)

    # -- hooks of the cycle --

    def check_write(self, fields):
        super(KeyReconciler, self).check_write(fields)
        refuse_dropped_nulls(self.ctx, 'key', self.label(), fields, ['budget_duration'], '/key/update')

    def wanted(self, current):
        wanted = super(KeyReconciler, self).wanted(current)
        if self.team_id:
            wanted['team_id'] = self.team_id
        return wanted

    def converge_present(self, current):
        if current is not None:
            self.check_team_exists(current)
            self.check_rename(current)
        return super(KeyReconciler, self).converge_present(current)

    def check_rename(self, current):
        """A new key_alias held by another key is refused now, in check mode too, rather than by the proxy."""
        if not self.alias or current.get('key_alias') == self.alias:
            return
        holders = [k for k in self.records.with_alias(self.alias) if k.get('token') != current.get('token')]
        if holders:
            raise LiteLLMError('key_alias %r is held by another key (token %s...); LiteLLM keeps key aliases unique, '
                               'so this key cannot take it' % (self.alias, holders[0]['token'][:12]))

    def create_body(self, base=None):
        body = super(KeyReconciler, self).create_body(base)
        if self.alias:
            body['key_alias'] = self.alias
        if self.secret:
            body['key'] = self.secret
        duration = self.params.get('duration') or self.kept_duration(base)
        if duration:
            body['duration'] = duration
        return self.carried_over(owner.mark(body, 'metadata'), base)

    def carried_over(self, body, base):
        """Settings of the key a recreate replaces that the new key must not get as they were read."""
        if base is None:
            return body
        if self.params.get('allowed_routes') is None and body.get('key_type', 'default') != base.get('key_type'):
            body.pop('allowed_routes', None)  # they were the old key type's routes
        if self.params.get('soft_budget') is None and body.get('budget_id'):
            body.pop('soft_budget', None)  # a shared budget's soft_budget: keep the budget, not a copy of it
        return body

    def kept_duration(self, base):
        """The old key's remaining life, for a recreate without duration. An expired key is never given a new one."""
        left = remaining_duration((base or {}).get('expires'))
        if left == '0s':
            raise LiteLLMError('key %s expired at %s; recreating it would give it a new life. Give duration to '
                               'set the new key\'s lifetime, or remove it with state: absent; nothing was changed'
                               % (self.label(), normalise_time(base.get('expires'))))
        return left

    def recreate(self, current, reason, gone=False, status=None):
        self.check_team_exists(None if gone else current)
        if not self.params.get('duration'):
            self.kept_duration(current)  # fail before the delete
        return super(KeyReconciler, self).recreate(current, reason, gone, status)

    def recreate_warning(self, current, reason, status=None):
        deleted_at = normalise_time(current.get('deleted_at'))
        facts = {
            'old_team': current.get('team_id') or 'no team', 'new_team': self.team_id or 'no team', 'status': status,
            'old_type': current.get('key_type'),
            'deleted_at': (' at %s' % deleted_at) if deleted_at else '',
        }
        ending = ('it keeps the requested secret (key)' if self.secret
                  else 'its new secret is in the result (secret), shown once')
        return ('key %s %s (deleted and generated again) because %s; %s'
                % (self.label(), self.tense('was recreated', 'would be recreated'), REASONS[reason] % facts, ending))

    def predicted(self, body):
        record = dict((k, v) for k, v in body.items() if k in KEY_MANAGED)
        record['token'] = key_token(self.secret) if self.secret else None
        return record

    def apply_create(self, body):
        try:
            record, self.facts['secret'] = self.generate(settings.request_body(body))
        except LiteLLMError as exc:
            raise settings.explain_refusal(exc, body, 'key')
        return settings.as_created(record, body, 'key')

    def created_meanwhile(self, error, body):
        # A 400 here is most often the alias taken by a run that created the key since we looked.
        if error.status != 400 or not self.alias:
            return None
        self.records = self.records.fresh()
        raced = self.look_up()
        if raced is not None:
            self.facts['secret'] = None
        return raced

    def twins_of(self, created):
        if self.secret:
            return []  # a caller-chosen secret is unique
        return self.records.with_alias(self.alias)

    def adopt_twin(self, kept, own):
        self.ctx.warn('another run generated key %s at the same time; this run deleted its own copy and kept the '
                      'other, whose secret only that run received' % self.label())
        self.facts['secret'] = None
        return kept

    def apply_update(self, current, updates):
        try:
            return self.send_update(current, updates)
        except LiteLLMError as exc:
            if exc.status not in (401, 404):
                raise
            # 404 (current proxies) or 401 "user key does not exist" (older ones) may mean the key vanished
            # since we read it. Only a confirmed read decides: a refused credential fails that read too.
            still_there, archived = self.records.fresh().get(current['token'])
            if still_there is not None:
                raise
            raise Gone(archived or current, exc.status)

    def send_update(self, current, updates):
        """POST /key/update; the record as it stands afterwards."""
        body = settings.rotation_pair(settings.request_body(updates), self.params)
        try:
            answer = self.client.post('/key/update', dict(body, key=current['token']))
        except LiteLLMError as exc:
            raise settings.explain_refusal(exc, updates, 'key')
        after = compare.planned(current, updates)
        after.update(dict((k, v) for k, v in (answer or {}).items() if k in KEY_FIELDS and k not in updates))
        return after

    def apply_delete(self, record):
        self.client.post('/key/delete', {'keys': [record['token']]}, missing_ok=True)

    def reread(self, record):
        return self.records.fresh().get(record['token'])[0] if record.get('token') else None

    # -- generating a key --

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
            record = self.read_back(record, body)
        return record, secret

    def read_back(self, record, body):
        """LiteLLM answers 200 to a generate with an existing caller-chosen key without changing it: read back
        what is stored rather than trust the echo."""
        stored = self.records.fresh().get(record['token'])[0]
        if stored is None:
            raise LiteLLMError('the proxy accepted /key/generate for key %s but does not show the key afterwards'
                               % self.label())
        updates = compare.changes(stored, self.wanted(stored), KEY_MANAGED)
        if not updates:
            self.reads_after_write = True  # what the create returns was just read back
        return self.send_update(stored, updates) if updates else stored

    def recover_lost_generate(self, body, exc):
        """The generate's answer was lost: find out what the proxy did and converge without a duplicate or an orphan.

        A key found under our alias (or secret) now is taken as the lost generate's own. Its secret never reached
        us, so it is deleted and generated again; with a caller-chosen secret it is simply adopted. The first
        generate can also land late, after our look: the next generate then meets its alias (400), or its answer
        is lost too, and we go round once more.
        """
        live = self.records.fresh()
        attempt = 1
        while True:
            found = self.lost_generate_found(live, exc, attempt)
            if found is not None:
                return found
            try:
                return self.client.post('/key/generate', body)
            except LiteLLMError as again:
                if attempt == 2 or not (again.status == 400 or isinstance(again, ResponseLostError)):
                    raise LiteLLMError('the answer to /key/generate for key %s was lost (%s), and generating it again '
                                       'failed: %s. A key with this alias may exist whose secret nobody received; run '
                                       'the task again with regenerate: true'
                                       % (self.label(), exc.message, again.message))
            attempt = 2

    def lost_generate_found(self, live, exc, attempt):
        """After a lost generate answer: the adopted key (caller-chosen secret), or None to generate (again)."""
        if self.secret:
            found = live.get(key_token(self.secret))[0]
            if found:
                self.ctx.warn('the answer to /key/generate for key %s was lost (%s), but the proxy had created the '
                              'key; its secret is the requested key' % (self.label(), exc.message))
                return dict(found, key=None)
            found = []
        else:
            found = live.with_alias(self.alias)
        if found:
            self.client.post('/key/delete', {'keys': [k['token'] for k in found]}, missing_ok=True)
            self.ctx.warn('the answer to /key/generate for key %s was lost (%s) after the proxy had created the '
                          'key, so its secret was never received; that key was deleted and generated again, and '
                          'the new secret is in the result' % (self.label(), exc.message))
        elif attempt == 1:
            self.ctx.warn('the answer to /key/generate for key %s was lost (%s) and the proxy showed no such key; '
                          'it was generated again' % (self.label(), exc.message))
        return None

    # -- result --

    def result_fields(self, before, after):
        key = key_result(after)
        return {
            'virtual_key': key,  # not 'key': that is the option holding a secret
            'token': key.get('token') if after is not None else (before or {}).get('token'),
            'key_alias': (after or before or {}).get('key_alias') or self.alias,
            'team_id': (after or before or {}).get('team_id'),
            'secret': self.facts.get('secret'),
        }

    def diff(self, before, after):
        return settings.trimmed_diff(before, after, KEY_VIEW_FIELDS, 'key')


def run_key(ctx, params):
    return KeyReconciler(ctx, params).run()


# -- litellm_key_info --

# Read-only facts returned beside the managed fields (copied as the proxy gives them).
KEY_FACTS = ('spend', 'budget_reset_at', 'created_at', 'updated_at', 'last_active', 'created_by')


def key_info_record(record, team_aliases=None):
    """A key as litellm_key_info returns it: litellm_key's view plus read-only facts, never the secret."""
    key = key_result(record)
    key.update(info.copy_facts(record, KEY_FACTS))
    key['team_alias'] = record.get('team_alias') or (team_aliases or {}).get(record.get('team_id'))
    return info.without_secrets(key)


def run_key_info(ctx, params):
    compare.check_not_empty(params, ['key_alias', 'token', 'team_id', 'team_alias'])
    # /key/info would accept the secret, but then it would travel in a URL and sit in the task's arguments.
    check_token(params.get('token'))
    team_aliases, team_ids = _teams_asked(ctx, params)
    reader = KeyRecords(ctx.client)
    # LiteLLM 1.80's /key/list leaves a key's budget out (budget_id, soft_budget): those keys are read from /key/info
    records = [reader.with_budget(r) for r in _keys_asked(reader, params, team_ids)]
    keys = sorted((key_info_record(r, team_aliases) for r in unique(records, 'token')),
                  key=lambda k: (k.get('key_alias') or '', k.get('token') or ''))
    filters = ['%s=%s' % (name, params[name]) for name in ('key_alias', 'token', 'team_id', 'team_alias')
               if params.get(name)]
    result = {
        'changed': False,
        'msg': '%d key(s)%s' % (len(keys), (' with ' + ', '.join(filters)) if filters else ' in the proxy'),
        'virtual_keys': keys,  # not 'keys': result.keys in a template is the dict method
    }
    if params.get('team_alias') and not team_aliases:
        result['msg'] += ' (no team has the alias %r)' % params['team_alias']
    return result


def _teams_asked(ctx, params):
    """({team id: alias} of a team_alias filter, the team ids to keep, or None for any team)."""
    if params.get('team_id'):
        return {}, [params['team_id']]
    if params.get('team_alias'):
        team = one_team(TeamRecords(ctx.client).with_alias(params['team_alias']), params['team_alias'])
        team_aliases = {team['team_id']: params['team_alias']} if team else {}
        return team_aliases, list(team_aliases)
    return {}, None


def _keys_asked(keys, params, team_ids):
    """The key records matching every filter, read with the narrowest request."""
    token, alias = params.get('token'), params.get('key_alias')
    if token:
        record = keys.get(token)[0]
        records = [record] if record is not None else []
    elif alias:
        records = keys.with_alias(alias)
    elif team_ids is not None:
        records = [key for team_id in team_ids for key in keys.list(team_id=team_id)]
    else:
        # The proxy's default order (created_at, then token, newest first) is total: a key created while the pages
        # are read shifts older ones to the next page, where unique() drops the repeat.
        records = keys.list()
    # Every filter applies, whichever one chose the request.
    if alias:
        records = [r for r in records if r.get('key_alias') == alias]
    if team_ids is not None:
        records = [r for r in records if r.get('team_id') in team_ids]
    return records
