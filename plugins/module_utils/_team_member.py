# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""litellm_team_member's logic on the converge cycle (_reconciler.Reconciler): one user's membership of a team.

Proxy facts (LiteLLM 1.108.7): /team/info lists the members (team_info.members_with_roles) and their budgets
(team_memberships[].litellm_budget_table); /team/member_update on a non-member answers 200 and leaves an orphan
budget row, so a membership is always read first and added, not updated, when missing; /team/member_add creates
a user that does not exist; a repeated add answers 400 (team_member_already_in_team); /team/member_delete deletes
the member's keys in that team; role admin needs a LiteLLM Enterprise licence.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime
import re
import time

from ansible_collections.berriai.litellm.plugins.module_utils import _compare as compare
from ansible_collections.berriai.litellm.plugins.module_utils._api import LiteLLMError
from ansible_collections.berriai.litellm.plugins.module_utils._declaration import Declaration, Option
from ansible_collections.berriai.litellm.plugins.module_utils._reconciler import Reconciler
from ansible_collections.berriai.litellm.plugins.module_utils._records import (
    Records, key_labels, read_team_info, team_id_for_alias)
from ansible_collections.berriai.litellm.plugins.module_utils._user import UserRecords

MEMBER_ROLES = ['user', 'admin']
# The member's budget row in a /team/info answer.
BUDGET_ROW = 'team_memberships[].litellm_budget_table.'
# litellm_team_member's options (plugins/modules/litellm_team_member.py documents them): argspec, compared fields,
# result view and export shape.
MEMBER = Declaration(
    'membership', 'team_members', 'berriai.litellm.litellm_team_member', identity=['team_id', 'user_id'], options=[
        Option('team_id', dict(type='str')),
        Option('team_alias', dict(type='str'), export='the team is named by team_id'),
        Option('user_id', dict(type='str')),
        Option('user_email', dict(type='str'), export='the user is named by user_id'),
        Option('role', dict(type='str', choices=MEMBER_ROLES), 'str', where='team_info.members_with_roles[].role'),
        Option('max_budget_in_team', dict(type='float'), 'float', unlimited=True, where=BUDGET_ROW + 'max_budget'),
        Option('budget_duration', dict(type='str'), 'str', unlimited=True, where=BUDGET_ROW + 'budget_duration'),
        Option('tpm_limit', dict(type='int'), 'int', unlimited=True, where=BUDGET_ROW + 'tpm_limit'),
        Option('rpm_limit', dict(type='int'), 'int', unlimited=True, where=BUDGET_ROW + 'rpm_limit'),
        Option('allowed_models', dict(type='list', elements='str'), 'list', where=BUDGET_ROW + 'allowed_models'),
    ])
# Where each member setting lives in the member's budget row (team_memberships[].litellm_budget_table).
BUDGET_COLUMNS = dict((o.name, o.where[len(BUDGET_ROW):]) for o in MEMBER.options.values()
                      if o.where.startswith(BUDGET_ROW))
# /team/member_add takes these; tpm and rpm limits only come with /team/member_update.
ADD_FIELDS = ('max_budget_in_team', 'budget_duration', 'allowed_models')
# LiteLLM before 1.81 (measured on 1.80.17): /team/member_update replaces the member's whole budget row with a new
# one holding only max_budget_in_team, tpm_limit and rpm_limit as sent (one left out is lost, all three left out
# detach the budget, a role change included), and neither /team/member_add nor /team/member_update takes
# budget_duration or allowed_models. There the three are always sent together, budget_duration is set on the
# member's budget row itself (/budget/update), and allowed_models, which that row has no column for, is refused.
REPLACED_BUDGET_BEFORE = (1, 81)
REPLACED_FIELDS = ('max_budget_in_team', 'tpm_limit', 'rpm_limit')
DURATION_SECONDS = {'s': 1, 'm': 60, 'h': 3600, 'd': 86400, 'w': 7 * 86400, 'mo': 30 * 86400}
# The member LiteLLM adds to every team created with the master key.
CREATOR_ID = 'default_user_id'
# Users per /team/member_add of the members option: LiteLLM 1.108 adds (and creates) them in one database
# transaction with a 5 s timeout, which 200 new users overran on a loaded test machine (HTTP 500).
ADD_BATCH = 10

LICENCE_MESSAGE = ('role admin (a team admin) needs a LiteLLM Enterprise licence, and the proxy has none (%s). '
                   'Use role user, or set LITELLM_LICENSE on the proxy. Nothing was changed')


class TeamMembers(Records):
    """A team's members read from /team/info: one read gives every membership and its budget."""

    def read(self, team_id):
        """{team_id, members: [member records], keys: [the team's keys]} or None when the team does not exist."""
        body = read_team_info(self.client, team_id)
        return team_roster(body, team_id) if body is not None else None


def team_roster(body, team_id):
    info = body.get('team_info') or {}
    budgets = dict((m.get('user_id'), m.get('litellm_budget_table') or {})
                   for m in body.get('team_memberships') or [] if isinstance(m, dict))
    members = []
    for entry in info.get('members_with_roles') or []:
        record = {'team_id': team_id, 'user_id': entry.get('user_id'), 'user_email': entry.get('user_email'),
                  'role': entry.get('role')}
        budget = budgets.get(entry.get('user_id')) or {}
        for name, column in BUDGET_COLUMNS.items():
            record[name] = budget.get(column)
        record['budget_id'] = budget.get('budget_id')  # the member's own budget row (None: no budget)
        members.append(record)
    return {'team_id': team_id, 'team_alias': info.get('team_alias'), 'members': members,
            'keys': [k for k in body.get('keys') or [] if isinstance(k, dict)]}


def find_member(roster, user_id=None, user_email=None):
    """The roster member with this id, or this e-mail ignoring case (as the proxy and find_listed compare them)."""
    return find_listed(roster, {'user_id': user_id, 'user_email': user_email})


def validate_member_params(params):
    compare.check_budget_and_limits(params, 'max_budget_in_team', ['team_id', 'team_alias', 'user_id', 'user_email'])


def member_result(record):
    return MEMBER.result(record, ['team_id', 'user_id', 'user_email'])


def member_write(client, path, body):
    """A membership write, with the proxy's refusal of role admin told as what it is."""
    try:
        return client.post(path, body)
    except LiteLLMError as exc:
        raise licence_refusal(exc) or exc


def licence_refusal(exc):
    """Our message for the proxy's refusal of role admin, or None for any other error."""
    if exc.status in (400, 403) and 'premium' in (exc.proxy_message or '').lower():
        return LiteLLMError(LICENCE_MESSAGE % ('it refused: %s' % exc.message), status=exc.status,
                            proxy_message=exc.proxy_message)
    return None


def refuse_admin_without_licence(ctx):
    """Fail before any write (in check mode too) when the proxy's /health/license says it has no Enterprise
    licence: it would refuse role admin. Read once per run; a proxy that does not answer it decides at the write."""
    kind = ctx.licence_type()
    if kind and kind != 'enterprise':
        raise LiteLLMError(LICENCE_MESSAGE % ('/health/license: %s' % kind))


class MemberReconciler(Reconciler):
    kind = 'membership'
    fields = MEMBER.fields
    id_field = 'user_id'
    records_class = TeamMembers

    def validate(self):
        validate_member_params(self.params)

    def label(self):
        return '%r in team %r' % (self.params.get('user_id') or self.params.get('user_email'),
                                  self.params.get('team_alias') or self.params.get('team_id'))

    def prepare(self):
        self.team_id = self.params.get('team_id') or team_id_for_alias(self.ctx, self.params['team_alias'])
        self.user_id = self.params.get('user_id')
        self.user_exists = None  # unknown until an add needs it
        if not self.user_id:
            users = UserRecords(self.client).with_email(self.params['user_email'])
            self.user_exists = bool(users)
            self.user_id = users[0]['user_id'] if users else None
        self.roster = None
        self.current = None

    def look_up(self):
        self.roster = self.read_roster()
        if self.roster is None:
            raise LiteLLMError('no team has team_id %r: create it first (berriai.litellm.litellm_team)' % self.team_id,
                               status=404)
        self.current = find_member(self.roster, self.user_id, None if self.user_id else self.params.get('user_email'))
        return self.current

    def read_roster(self):
        """The team's members, read once per run: the items of a loop share the roster (ctx.cache.rosters) until one
        of them writes a membership of that team (run_team_member drops it then)."""
        roster = self.ctx.cache.rosters.get(self.team_id)
        if roster is None:
            roster = self.records.read(self.team_id)
            if roster is not None:
                self.ctx.cache.rosters[self.team_id] = roster
        return roster

    def wanted(self, current):
        wanted = compare.requested(self.params, self.fields, self.params.get('unlimited'))
        if current is None:
            wanted.setdefault('role', 'user')
        return wanted

    def missing(self):
        self.warn_user_created()
        return self.create()

    def check_write(self, fields):
        if fields.get('role') == 'admin':
            refuse_admin_without_licence(self.ctx)
        if replaces_member_budget(self.ctx):
            refuse_unkept_member_settings(self.ctx, compare.planned(self.current, fields))

    def warn_user_created(self):
        if self.user_exists is None:
            user = UserRecords(self.client).get(self.user_id)
            self.user_exists = user is not None
            self.user_email = (user or {}).get('user_email')
        if not self.user_exists:
            self.ctx.warn('user %r did not exist: adding it to the team %s it (LiteLLM does so, as an internal_user '
                          'without keys)' % (self.params.get('user_id') or self.params.get('user_email'),
                                             self.tense('created', 'would create')))

    def create_body(self, base=None):
        body = self.wanted(None)
        body['user_id'] = self.user_id
        body['user_email'] = self.params.get('user_email')
        return body

    def predicted(self, body):
        # the read-back shows the user's e-mail, which the check that the user exists read (warn_user_created)
        email = getattr(self, 'user_email', None)
        if replaces_member_budget(self.ctx):
            email = None  # the 1.80 line's roster shows no e-mail for a member added by id
        return dict(body, team_id=self.team_id, user_email=body.get('user_email') or email or None)

    def apply_create(self, body):
        member = dict((n, body[n]) for n in ('role', 'user_id', 'user_email') if body.get(n))
        legacy = replaces_member_budget(self.ctx)
        sent = ('max_budget_in_team',) if legacy else ADD_FIELDS  # the 1.80 line takes only the budget on add
        request = dict((n, body[n]) for n in sent if body.get(n) is not None)
        answer = self.write('/team/member_add', dict(request, team_id=self.team_id, member=member)) or {}
        user_id = body.get('user_id') or added_user_id(answer, body.get('user_email'))
        if legacy:
            added = {'user_id': user_id, 'role': body.get('role'), 'max_budget_in_team': body.get('max_budget_in_team')}
            rest = dict((n, body[n]) for n in ('tpm_limit', 'rpm_limit', 'budget_duration') if body.get(n) is not None)
            return self.stored(update_replaced_budget(self.ctx, self.team_id, added, rest), user_id)
        limits = dict((n, body[n]) for n in ('tpm_limit', 'rpm_limit') if body.get(n) is not None)
        if limits:
            self.write('/team/member_update', dict(limits, team_id=self.team_id, user_id=user_id))
        return dict(body, team_id=self.team_id, user_id=user_id)

    def stored(self, roster, user_id):
        """The membership as the proxy holds it after the writes (read back), for the result."""
        roster = roster or self.records.read(self.team_id)
        return find_member(roster or {'members': []}, user_id) or {'team_id': self.team_id, 'user_id': user_id}

    def created_meanwhile(self, error, body):
        # Another run added the member since we looked: converge that membership.
        if error.status == 400 and 'already in team' in (error.proxy_message or ''):
            return self.look_up()
        return None

    def apply_update(self, current, updates):
        if replaces_member_budget(self.ctx):
            return self.stored(update_replaced_budget(self.ctx, self.team_id, current, updates), current['user_id'])
        self.write('/team/member_update', dict(updates, team_id=self.team_id, user_id=current['user_id']))
        return compare.planned(current, updates)

    def apply_delete(self, record):
        self.ctx.cache.rosters.pop(self.team_id, None)
        self.client.post('/team/member_delete', {'team_id': self.team_id, 'user_id': record['user_id']})

    def write(self, path, body):
        self.ctx.cache.rosters.pop(self.team_id, None)  # a look-up after it (a raced add) reads the team again
        return member_write(self.client, path, body)

    def reread(self, record):
        self.roster = self.records.read(self.team_id)
        return find_member(self.roster, record.get('user_id')) if self.roster and record.get('user_id') else None

    def before_delete(self, current):
        keys = [k for k in self.roster['keys'] if k.get('user_id') == current['user_id']]
        self.warn_keys_going('member %r' % (current.get('user_email') or current['user_id']),
                             'removed from team %r (%s)' % (self.roster.get('team_alias'), self.team_id), key_labels(keys))

    def result_fields(self, before, after):
        member = member_result(after)
        return {
            'member': member,
            'team_id': self.team_id,
            'user_id': (after or before or {}).get('user_id') or self.user_id,
            'deleted_keys': self.facts.get('deleted_keys', []),
        }


def replaces_member_budget(ctx):
    """True on a LiteLLM whose /team/member_update replaces a member's whole budget (before 1.81)."""
    return ctx.proxy.older_than(REPLACED_BUDGET_BEFORE)


def refuse_unkept_member_settings(ctx, after):
    """On LiteLLM before 1.81, fail before any write (check mode too) for a membership it cannot keep: `after` is
    the membership as the write would leave it."""
    if after.get('allowed_models'):
        raise LiteLLMError('allowed_models cannot be set on a team member on %s: its member budgets have no allowed '
                           'models (LiteLLM 1.81 and later keep them). Nothing was changed' % ctx.proxy.describe())
    if after.get('budget_duration') is not None and all(after.get(n) is None for n in REPLACED_FIELDS):
        raise LiteLLMError('budget_duration of a team member needs one of max_budget_in_team, tpm_limit and rpm_limit '
                           'on %s: it keeps the duration on the member\'s budget, which it only makes for those. '
                           'Nothing was changed' % ctx.proxy.describe())


def update_replaced_budget(ctx, team_id, current, updates):
    """Apply `updates` to the membership `current` on a LiteLLM before 1.81 (REPLACED_BUDGET_BEFORE): the role and
    the whole budget (max_budget_in_team, tpm_limit, rpm_limit) in one /team/member_update, then budget_duration on
    the member's budget row (/budget/update). Returns the team's roster read back after the writes."""
    after = compare.planned(current, updates)
    rewrite = 'role' in updates or any(n in updates for n in REPLACED_FIELDS)
    if rewrite:
        body = dict((n, after.get(n)) for n in REPLACED_FIELDS)
        body.update(team_id=team_id, user_id=current['user_id'])
        if 'role' in updates:
            body['role'] = updates['role']
        member_write(ctx.client, '/team/member_update', body)
    roster = None
    if 'budget_duration' in updates or (rewrite and after.get('budget_duration') is not None):
        roster = TeamMembers(ctx.client).read(team_id)
        member = find_member(roster or {'members': []}, current['user_id']) or {}
        if member.get('budget_id'):
            duration = after.get('budget_duration')
            ctx.client.post('/budget/update', {'budget_id': member['budget_id'], 'budget_duration': duration,
                                               'budget_reset_at': reset_time(duration)})
            roster = None
    if roster is None:
        roster = TeamMembers(ctx.client).read(team_id)
    return roster


def reset_time(duration, now=None):
    """When a budget of `duration` (30d, 1mo...) first resets, as LiteLLM stores it; None for no duration."""
    match = re.match(r'^([0-9]+)(mo|s|m|h|d|w)$', str(duration or ''))
    if not match:
        return None
    now = now or datetime.datetime(1970, 1, 1) + datetime.timedelta(seconds=time.time())  # UTC, naive
    moment = now + datetime.timedelta(seconds=int(match.group(1)) * DURATION_SECONDS[match.group(2)])
    return moment.strftime('%Y-%m-%dT%H:%M:%S+00:00')


def added_user_id(answer, email):
    """The id of the user /team/member_add added by email (LiteLLM generates it for a new user)."""
    for user in answer.get('updated_users') or []:
        if isinstance(user, dict) and (not email or user.get('user_email') == email):
            return user.get('user_id')
    return None


def run_team_member(ctx, params):
    reconciler = MemberReconciler(ctx, params)
    try:
        return reconciler.run()
    finally:
        # Any write (sent, whatever its answer) may have changed the team's members: the next item reads them again.
        if any(method not in ('GET', 'HEAD') for method in getattr(ctx.client, 'counts', None) or {}):
            ctx.cache.rosters.pop(getattr(reconciler, 'team_id', None), None)


def find_listed(roster, entry):
    """The roster member an entry of the members option names (emails compared ignoring case, as the proxy does)."""
    email = (entry.get('user_email') or '').lower()
    for member in roster['members']:
        if entry.get('user_id') and member['user_id'] == entry['user_id']:
            return member
        if email and (member.get('user_email') or '').lower() == email:
            return member
    return None
