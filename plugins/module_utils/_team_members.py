# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""litellm_team's `members` and `purge_members`: a team's whole member list, converged once the team itself is.

The team hands over what it settled on as a value (a Handover, which TeamReconciler.finish returns beside its
result in a TeamResult), and this module hands back the member changes (converge) that with_members() puts into
the team's result: neither reaches into the other's attributes. One membership with its budget is
litellm_team_member's (_team_member.py), whose reads and writes this module shares.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import collections

from ansible_collections.berriai.litellm.plugins.module_utils._api import LiteLLMError, ParameterError
from ansible_collections.berriai.litellm.plugins.module_utils._reconciler import CREATED, RECREATED, UNCHANGED, UPDATED
from ansible_collections.berriai.litellm.plugins.module_utils._team_member import (
    ADD_BATCH, CREATOR_ID, TeamMembers, find_listed, member_write, refuse_admin_without_licence,
    replaces_member_budget, team_roster, update_replaced_budget)
from ansible_collections.berriai.litellm.plugins.module_utils._records import key_labels
from ansible_collections.berriai.litellm.plugins.module_utils._user import UserRecords

# What the team settled on, handed to the members option: the outcome and the team before and after (as read or
# predicted), the team's id and alias, the keys that went with it, and the message of a run that changes only the
# members ("team updated: members", or "would be" in check mode).
Handover = collections.namedtuple('Handover', 'outcome before after team_id team_alias deleted_keys members_message')


class TeamResult(dict):
    """litellm_team's result as TeamReconciler.finish() returns it, with the Handover beside it (`handover`): never
    part of what the module returns (TeamReconciler.run returns a plain dict)."""

    def __init__(self, result, handover):
        super(TeamResult, self).__init__(result)
        self.handover = handover


def member_label(entry):
    return entry.get('user_id') or entry.get('user_email')


def validate_member_list(members):
    """Each entry names a user once: by user_id or by user_email."""
    seen = set()
    for index, entry in enumerate(members or []):
        if bool(entry.get('user_id')) == bool(entry.get('user_email')):
            raise ParameterError('members[%d] must have one of user_id and user_email' % index)
        name = ('user_id', entry['user_id']) if entry.get('user_id') else ('user_email', entry['user_email'].lower())
        if name in seen:
            raise ParameterError('members[%d] names %r a second time' % (index, member_label(entry)))
        seen.add(name)


def user_with_email(users, email):
    """Of the users /user/list found for `email` (it matches part of it, ignoring case), the one it names: the same
    e-mail, else the only one equal ignoring case (LiteLLM 1.80 keeps e-mails that differ only in case apart)."""
    same = [u for u in users if u.get('user_email') == email]
    if same:
        return same[0]
    alike = [u for u in users if str(u.get('user_email') or '').lower() == email.lower()]
    return alike[0] if len(alike) == 1 else None


class MemberList(object):
    """Brings a team's members to the `members` option of litellm_team (after the team itself converged).

    Added in one /team/member_add (a list), roles changed with /team/member_update, and with purge_members the
    members not listed removed with /team/member_delete (their keys in the team go with them). The entry LiteLLM
    adds for the credential that created the team (default_user_id) is never removed.

    Every entry is first resolved to the user it names: an e-mail the team's roster does not show is looked up
    through the users API (LiteLLM 1.80 shows no e-mail for a member added by id, and answers 200 to adding her
    again by e-mail while changing nothing), so a listed member is never added twice nor purged, and check mode
    predicts the ids and e-mails the real run reads back.
    """

    def __init__(self, ctx, roster, deleted_keys):
        self.ctx = ctx
        self.client = ctx.client
        self.check_mode = ctx.check_mode
        self.roster = roster
        self.team_id = roster['team_id']
        self.deleted_keys = deleted_keys  # the keys that went with the team (a recreate), then with removed members
        self.emails = {}  # user id -> e-mail, as the users API told (for members whose roster entry has none)
        self.missing = []  # labels of listed users that do not exist (the add creates them)

    def tense(self, done, planned):
        return planned if self.check_mode else done

    def resolve(self, wanted):
        """The entries as {user_id, user_email, role, label}: ids and e-mails of existing users filled in."""
        resolved, unknown_ids = [], []
        for entry in wanted:
            member = find_listed(self.roster, entry)
            user = {'user_id': entry.get('user_id'), 'user_email': entry.get('user_email'), 'role': entry['role'],
                    'label': member_label(entry)}
            if member is not None:
                user.update(user_id=member['user_id'], user_email=member.get('user_email'))
            elif user['user_id']:
                unknown_ids.append(user['user_id'])
            else:
                self.by_email(user)
            resolved.append(user)
        if unknown_ids:
            self.by_ids(resolved, unknown_ids)
        named = {}
        for index, user in enumerate(resolved):
            if user['user_id'] in named:
                raise ParameterError('members[%d] and members[%d] name the same user (%s)'
                                     % (named[user['user_id']], index, user['user_id']))
            if user['user_id']:
                named[user['user_id']] = index
            if user['user_email'] and user['user_id']:
                self.emails.setdefault(user['user_id'], user['user_email'])
        return resolved

    def by_email(self, user):
        found = user_with_email(UserRecords(self.client).list(user_email=user['user_email']), user['user_email'])
        if found is None:
            self.missing.append(user['label'])
            return
        user.update(user_id=found['user_id'], user_email=found.get('user_email'))
        member = find_listed(self.roster, {'user_id': found['user_id']})
        if member is not None and not member.get('user_email'):
            self.emails[member['user_id']] = found.get('user_email')

    def by_ids(self, resolved, ids):
        known = dict((u.get('user_id'), u) for u in UserRecords(self.client).list(user_ids=','.join(ids)))
        for user in resolved:
            if user['user_id'] in ids:
                if user['user_id'] in known:
                    user['user_email'] = known[user['user_id']].get('user_email')
                else:
                    self.missing.append(user['label'])

    def plan(self, wanted, purge):
        adds, roles, kept = [], [], set()
        for entry in self.resolve(wanted):
            member = find_listed(self.roster, {'user_id': entry['user_id']}) if entry['user_id'] else None
            if member is None:
                adds.append(entry)
                continue
            kept.add(member['user_id'])
            if member.get('role') != entry['role']:
                roles.append((member, entry['role']))
        removes = [m for m in self.roster['members'] if purge and m['user_id'] not in kept and m['user_id'] != CREATOR_ID]
        if removes:
            # LiteLLM made the credential that created the team its admin: never purge the caller's own entry.
            caller = self.caller_id()
            removes = [m for m in removes if m['user_id'] != caller]
        return adds, roles, removes

    def caller_id(self):
        """The user of the api_key (a proxy admin's virtual key); the master key has no key row (404)."""
        own = self.client.get('/key/info', missing_ok=True)
        return ((own or {}).get('info') or {}).get('user_id') or CREATOR_ID

    def converge(self, wanted, purge):
        adds, roles, removes = self.plan(wanted, purge)
        if self.missing:
            self.warn_created_users()
        if removes:
            self.warn_removed_keys(removes)
        new_roles = dict((member['user_id'], role) for member, role in roles)
        after = [dict(m, role=new_roles.get(m['user_id'], m.get('role'))) for m in self.roster['members'] if m not in removes]
        after += [{'user_id': e['user_id'], 'user_email': e['user_email'], 'role': e['role']} for e in adds]
        if not self.check_mode and (adds or roles or removes):
            self.apply(adds, roles, removes)
            after = TeamMembers(self.client).read(self.team_id)['members']  # with the ids LiteLLM gave new users
        return {
            'before': members_view(self.roster['members'], self.emails),
            'after': members_view(after, self.emails),
            'added': [e['label'] for e in adds],
            'updated': [member_label(m) for m, _role in roles],
            'removed': [member_label(m) for m in removes],
            'deleted_keys': self.deleted_keys,
        }

    def apply(self, adds, roles, removes):
        members = [dict((n, e[n]) for n in ('user_id', 'user_email', 'role') if e.get(n)) for e in adds]
        for start in range(0, len(members), ADD_BATCH):
            try:
                member_write(self.client, '/team/member_add',
                             {'team_id': self.team_id, 'member': members[start:start + ADD_BATCH]})
            except LiteLLMError as exc:
                # All of them were added by another run since we looked (some already being members is fine).
                if not (exc.status == 400 and 'already in team' in (exc.proxy_message or '')):
                    raise
        for member, role in roles:
            if replaces_member_budget(self.ctx):  # a role alone would detach the member's budget there
                update_replaced_budget(self.ctx, self.team_id, member, {'role': role})
                continue
            member_write(self.client, '/team/member_update', {'team_id': self.team_id, 'user_id': member['user_id'], 'role': role})
        for member in removes:
            self.client.post('/team/member_delete', {'team_id': self.team_id, 'user_id': member['user_id']})

    def warn_created_users(self):
        self.ctx.warn('%d user(s) did not exist: adding them to the team %s them (LiteLLM does so, as '
                      'internal_user without keys): %s' % (len(self.missing), self.tense('created', 'would create'),
                                                           ', '.join(self.missing)))

    def warn_removed_keys(self, removes):
        gone = set(m['user_id'] for m in removes)
        labels = key_labels(k for k in self.roster['keys'] if k.get('user_id') in gone)
        self.deleted_keys = sorted(self.deleted_keys + labels)
        if labels:
            keys = '%d key(s) of theirs in the team %s with them: %s' % (
                len(labels), self.tense('went', 'would go'), ', '.join(labels))
        else:
            keys = 'they held no keys in the team'
        self.ctx.warn('%d member(s) not listed in members %s removed from team %r (%s) by purge_members: %s; %s'
                      % (len(removes), self.tense('were', 'would be'), self.roster.get('team_alias'),
                         self.team_id, ', '.join(describe_member(m) for m in removes), keys))


def describe_member(member):
    if member.get('user_email'):
        return '%s (%s)' % (member['user_id'], member['user_email'])
    return member['user_id']


def members_view(members, emails=None):
    """Members as results show them, sorted by id; `emails` (user id -> e-mail, from the users API) fills the e-mail
    a roster entry lacks (LiteLLM 1.80 shows none for a member added by id)."""
    emails = emails or {}
    return sorted(({'user_id': m.get('user_id'), 'user_email': m.get('user_email') or emails.get(m.get('user_id')),
                    'role': m.get('role')}
                   for m in members), key=lambda m: (str(m['user_id'] or ''), str(m['user_email'] or '')))


def check_licence(ctx, members):
    """An admin in `members`: the licence is checked before the team itself is written."""
    if any(e.get('role') == 'admin' and e.get('user_id') != CREATOR_ID for e in members or []):
        refuse_admin_without_licence(ctx)


def converge(ctx, handover, members, purge):
    """Converge the team's member list to `members` once the team itself is as requested: the changes (before,
    after, added, updated, removed, deleted_keys)."""
    return MemberList(ctx, roster_of(ctx, handover), handover.deleted_keys).converge(members, purge)


def with_members(result, handover, changes):
    """The team's result with the member changes in it."""
    result = dict(result)
    result['members'] = changes['after']
    result['diff'] = dict(result['diff'], after=dict(result['diff']['after'], members=changes['after']))
    if result['diff']['before']:
        result['diff']['before'] = dict(result['diff']['before'], members=changes['before'])
    for name in ('added', 'updated', 'removed'):
        result['members_' + name] = changes[name]
    result['deleted_keys'] = changes['deleted_keys']
    if changes['added'] or changes['updated'] or changes['removed']:
        result['changed'] = True
        if result['outcome'] == UNCHANGED:
            result.update(outcome=UPDATED, msg=handover.members_message)
        elif result['outcome'] == UPDATED:
            result['msg'] += ', members'
    return result


def roster_of(ctx, handover):
    """The team's members (and keys) as they stand after the team converged, read only when not at hand."""
    before, after = handover.before, handover.after
    alias = (after or before or {}).get('team_alias') or handover.team_alias
    if handover.outcome in (CREATED, RECREATED):
        members = (after or {}).get('members_with_roles')
        if ctx.check_mode or members is None:
            members = [{'user_id': CREATOR_ID, 'user_email': None, 'role': 'admin'}]  # as LiteLLM adds it
        return {'team_id': handover.team_id, 'team_alias': alias, 'keys': [], 'members': [
            {'user_id': m.get('user_id'), 'user_email': m.get('user_email'), 'role': m.get('role')} for m in members]}
    if isinstance(before, dict) and 'keys' in before and 'members_with_roles' in before:
        return team_roster({'team_info': before, 'keys': before['keys']}, handover.team_id)
    return TeamMembers(ctx.client).read(handover.team_id)
