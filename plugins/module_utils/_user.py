# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""litellm_user's logic on the converge cycle (_reconciler.Reconciler), and the reads of internal users.

Proxy facts (LiteLLM 1.108.7) that shape it: /user/new mints a virtual key unless told not to, /user/update
on an unknown user creates it (so it is never used to probe), user emails are unique (409 on a repeat),
metadata is replaced on update, and deleting a user deletes every key of that user.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.berriai.litellm.plugins.module_utils import _owner as owner
from ansible_collections.berriai.litellm.plugins.module_utils import _compare as compare
from ansible_collections.berriai.litellm.plugins.module_utils._api import LiteLLMError
from ansible_collections.berriai.litellm.plugins.module_utils._declaration import Declaration, Option, budget_options
from ansible_collections.berriai.litellm.plugins.module_utils._reconciler import Reconciler
from ansible_collections.berriai.litellm.plugins.module_utils._records import KeyRecords, Records, key_labels, unique

USER_ROLES = ['proxy_admin', 'proxy_admin_viewer', 'internal_user', 'internal_user_viewer']
# litellm_user's options (plugins/modules/litellm_user.py documents them): argspec, compared fields, result view
# and export shape.
USER = Declaration('user', 'users', 'berriai.litellm.litellm_user', identity=['user_id', 'user_email'], options=[
    Option('user_id', dict(type='str')),
    Option('user_email', dict(type='str'), 'str'),
    Option('user_alias', dict(type='str'), 'str'),
    Option('user_role', dict(type='str', choices=USER_ROLES), 'str'),
] + budget_options())
# LiteLLM before 1.81 (measured on 1.80.17) drops a null sent to /user/update (and a null budget_duration sent to
# /key/update), so `unlimited` cannot remove a limit there: refused before any write instead of reported done.
NULLS_KEPT_FROM = (1, 81)


def refuse_dropped_nulls(ctx, kind, label, fields, names, endpoint):
    """Fail before any write (check mode too) when `fields` (the updates) clear one of `names` on a LiteLLM whose
    `endpoint` ignores a null. The version is read only when such a field is cleared."""
    cleared = sorted(n for n in names if n in fields and fields[n] is None)
    if cleared and ctx.proxy.older_than(NULLS_KEPT_FROM):
        raise LiteLLMError('unlimited cannot remove %s of %s %s on %s: its %s ignores a null value, so the %s would '
                           'keep %s. Set a value instead, or upgrade the proxy (LiteLLM %s or later). Nothing was changed'
                           % (', '.join(cleared), kind, label, ctx.proxy.describe(), endpoint, kind,
                              'it' if len(cleared) == 1 else 'them', '.'.join(str(p) for p in NULLS_KEPT_FROM)))


class UserRecords(Records):
    """Live reads of internal users."""

    def get(self, user_id):
        """The user with this id, with its `keys` and `teams` (without its keys when a loop's list answers), or
        None."""
        listed = self.from_listing(('user_id', user_id))
        if listed is not None:
            return listed[0] if listed else None
        body = self.client.get('/user/info', params={'user_id': user_id}, missing_ok=True)
        if not isinstance(body, dict) or not body.get('user_info'):
            return None
        record = dict(body['user_info'])
        record['user_id'] = record.get('user_id') or user_id
        record['keys'] = [k for k in body.get('keys') or [] if isinstance(k, dict)]
        record['teams'] = body.get('teams') or record.get('teams') or []  # team rows, else the row's team ids
        return record

    # Sorted by the unique id, so the pages follow one fixed order (the default one can tie).
    LIST_ORDER = {'sort_by': 'user_id', 'sort_order': 'asc'}

    def list(self, **filters):
        params = dict((name, value) for name, value in filters.items() if value)
        params.update(self.LIST_ORDER)
        return [u for u in self.client.paged('/user/list', params, 'users', size_param='page_size')
                if isinstance(u, dict)]

    def list_page(self, page):
        users, pages = self.client.page('/user/list', self.LIST_ORDER, 'users', page, size_param='page_size')
        return [u for u in users if isinstance(u, dict)], pages

    @staticmethod
    def listed_as(record):
        return [('user_id', record.get('user_id')), ('user_email', str(record.get('user_email') or '').lower())]

    def with_email(self, email):
        """The users with this email (the proxy keeps emails unique, and matches them ignoring case)."""
        listed = self.from_listing(('user_email', email.lower()))
        if listed is not None:
            return listed
        return [u for u in self.list(user_email=email) if str(u.get('user_email') or '').lower() == email.lower()]


def validate_user_params(params):
    compare.check_budget_and_limits(params, 'max_budget', ['user_id', 'user_email'])


def user_result(record):
    return USER.result(record, ['user_id'])


class UserReconciler(Reconciler):
    kind = 'user'
    fields = USER.fields
    id_field = 'user_id'
    records_class = UserRecords
    list_in_loops = True

    def validate(self):
        validate_user_params(self.params)

    def label(self):
        return repr(self.params.get('user_id') or self.params.get('user_email'))

    def look_up(self):
        user_id = self.params.get('user_id')
        email = self.params.get('user_email')
        if not user_id:
            users = self.records.with_email(email)
            return users[0] if users else None
        current = self.records.get(user_id)
        if current is None and email and self.params.get('state') != 'absent':
            self.refuse_taken_email(email)
        return current

    def refuse_taken_email(self, email):
        # The create would be refused (409): say which user has the email, before any write.
        others = self.records.with_email(email)
        if others:
            raise LiteLLMError('user_email %r belongs to the user %r, not to user_id %r: LiteLLM keeps emails unique '
                               'and cannot change a user id; give user_id %r, or another user_email'
                               % (email, others[0].get('user_id'), self.params['user_id'], others[0].get('user_id')))

    def wanted(self, current):
        wanted = super(UserReconciler, self).wanted(current)
        if current is not None and not self.params.get('user_id'):
            # Found by this e-mail, ignoring case: the same e-mail, not a change (user_id with user_email changes it).
            wanted.pop('user_email', None)
        if current is not None and wanted.get('models') == [] and current.get('models'):
            # /user/update drops an empty list: the change would be reported on every run and never made.
            raise LiteLLMError('models: [] cannot be set on an existing user: LiteLLM 1.108 ignores an empty models '
                               'list on /user/update (user %s keeps %s). List the models the user may use instead'
                               % (self.label(), ', '.join(sorted(current['models']))))
        return wanted

    def check_write(self, fields):
        refuse_dropped_nulls(self.ctx, 'user', self.label(), fields, USER.unlimitable, '/user/update')

    def create_body(self, base=None):
        body = super(UserReconciler, self).create_body(base)
        if self.params.get('user_id'):
            body['user_id'] = self.params['user_id']
        # Without it, /user/new mints a virtual key for the user and answers with its secret.
        body['auto_create_key'] = False
        return owner.mark(body, 'metadata')

    def predicted(self, body):
        record = super(UserReconciler, self).predicted(body)
        record.pop('auto_create_key', None)
        return record

    def apply_create(self, body):
        answer = self.client.post('/user/new', body) or {}
        created = dict((name, answer.get(name)) for name in USER.fields if name in answer)
        created['user_id'] = answer.get('user_id') or body.get('user_id')
        return created

    def created_meanwhile(self, error, body):
        # 409: another run created the user (or took the email) since we looked.
        if error.status in (400, 409):
            return self.look_up()
        return None

    def apply_update(self, current, updates):
        answer = self.client.post('/user/update', dict(updates, user_id=current['user_id']))
        stored = answer.get('data') if isinstance(answer, dict) else None
        if not isinstance(stored, dict):
            return compare.planned(current, updates)
        return compare.planned(current, dict((name, stored.get(name)) for name in USER.fields if name in stored))

    def apply_delete(self, record):
        self.client.post('/user/delete', {'user_ids': [record['user_id']]}, missing_ok=True)

    def before_delete(self, current):
        keys = current.get('keys')
        if keys is None:
            keys = (self.records.live().get(current['user_id']) or {}).get('keys') or []
        self.warn_keys_going('user %s (%s)' % (self.label(), current['user_id']), 'deleted', key_labels(keys))

    def result_fields(self, before, after):
        user = user_result(after)
        return {
            'user': user,
            'user_id': (user if after is not None else before or {}).get('user_id') or self.params.get('user_id'),
            'deleted_keys': self.facts.get('deleted_keys', []),
        }


def run_user(ctx, params):
    return UserReconciler(ctx, params).run()


# -- litellm_user_info --

# Read-only facts returned beside the managed fields.
USER_FACTS = ('spend', 'budget_reset_at', 'created_at', 'updated_at')
# What a user's key is shown with: its names and team, never its secret.
KEY_VIEW = ('key_alias', 'key_name', 'token', 'team_id')


def user_info_record(record, keys):
    """A user as litellm_user_info returns it: litellm_user's view, facts, its teams (ids) and keys (no secret)."""
    user = user_result(record)
    for name in USER_FACTS:
        user[name] = record.get(name)
    user['teams'] = sorted(str(t.get('team_id') if isinstance(t, dict) else t) for t in record.get('teams') or [])
    # virtual_keys, not keys: user.keys in a template is the dict method
    user['virtual_keys'] = sorted((dict((n, k.get(n)) for n in KEY_VIEW) for k in keys),
                                  key=lambda k: (k.get('key_alias') or '', k.get('token') or ''))
    for key in user['virtual_keys']:
        if str(key.get('key_name') or '').startswith('sk-') and '...' not in key['key_name']:
            key['key_name'] = None  # only a masked name is shown
    return user


def run_user_info(ctx, params):
    compare.check_not_empty(params, ['user_id', 'user_email'])
    records = UserRecords(ctx.client)
    if params.get('user_id'):
        found = [records.get(params['user_id'])]
        scope = 'with user_id %r' % params['user_id']
    elif params.get('user_email'):
        found = [records.get(u['user_id']) for u in records.with_email(params['user_email'])]
        scope = 'with user_email %r' % params['user_email']
    else:
        found = unique(records.list(), 'user_id')
        scope = 'in the proxy'
    found = [user for user in found if user is not None]
    if any(user.get('keys') is None for user in found):
        keys_of = group_by_user(KeyRecords(ctx.client).list())
        for user in found:
            user.setdefault('keys', keys_of.get(user['user_id'], []))
    users = sorted((user_info_record(u, u['keys']) for u in found), key=lambda u: u['user_id'] or '')
    return {'changed': False, 'msg': '%d user(s) %s' % (len(users), scope), 'users': users}


def group_by_user(keys):
    grouped = {}
    for key in keys:
        grouped.setdefault(key.get('user_id'), []).append(key)
    return grouped
