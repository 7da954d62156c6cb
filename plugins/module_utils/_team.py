# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""litellm_team's logic on the converge cycle (_reconciler.Reconciler). Free of AnsibleModule."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time

from ansible_collections.berriai.litellm.plugins.module_utils import _owner as owner
from ansible_collections.berriai.litellm.plugins.module_utils import _compare as compare
from ansible_collections.berriai.litellm.plugins.module_utils import _settings as settings
from ansible_collections.berriai.litellm.plugins.module_utils._api import LiteLLMError
from ansible_collections.berriai.litellm.plugins.module_utils._declaration import Declaration, Option, budget_options
from ansible_collections.berriai.litellm.plugins.module_utils._reconciler import UPDATED, Reconciler
from ansible_collections.berriai.litellm.plugins.module_utils import _team_members as team_members
from ansible_collections.berriai.litellm.plugins.module_utils import _info as info
from ansible_collections.berriai.litellm.plugins.module_utils._records import (
    KeyRecords, TeamRecords, describe_keys, one_team, unique, unlisted_settings)

# litellm_team's options (plugins/modules/litellm_team.py documents them): argspec, compared fields, result view
# and export shape.
TEAM = Declaration('team', 'teams', 'berriai.litellm.litellm_team', identity=['team_id', 'team_alias'], options=[
    Option('team_id', dict(type='str')),
    Option('team_alias', dict(type='str'), 'str'),
    Option('organization_id', dict(type='str'), 'str'),
    Option('members', dict(type='list', elements='dict', options=dict(
        user_id=dict(type='str'),
        user_email=dict(type='str'),
        role=dict(type='str', default='user', choices=['user', 'admin']),
    )), export='exported as team_members (with their budgets)'),
    Option('purge_members', dict(type='bool', default=False), export='a run option'),
] + budget_options() + [
    Option('blocked', dict(type='bool'), 'bool'),
] + settings.declared('team'))
TEAM_MANAGED = TEAM.fields
# The team's own fields, beside the settings of issue 11 (_settings.SETTINGS)
TEAM_FIELDS = dict((name, kind) for name, kind in TEAM_MANAGED.items() if name not in settings.fields('team'))

# Runs racing to create one alias each make a team, and the slower ones delete theirs at once (settle_twins).
# A run that meets several teams with its alias reads again after these pauses (seconds) before it fails:
# momentary twins are gone by then, teams a person made with one alias are not.
SETTLE_PAUSES = (0.5, 1.0, 2.0)
# LiteLLM before 1.81 (measured on 1.80.17): a /team/update that sets one of these replaces the team's metadata with
# only the id of the member budget (owner, model_rpm_limit, model_tpm_limit... lost) unless metadata is sent with it.
MEMBER_BUDGET_SETTINGS = ('team_member_budget', 'team_member_budget_duration', 'team_member_rpm_limit',
                          'team_member_tpm_limit')
METADATA_KEPT_FROM = (1, 81)


def validate_team_params(params):
    compare.check_budget_and_limits(params, 'max_budget', ['team_id', 'team_alias', 'organization_id'])
    settings.validate(params, 'team')


def team_result(record):
    if record is None:
        return {}
    result = settings.trimmed(compare.view(record, TEAM_MANAGED), 'team')
    result['team_id'] = record.get('team_id')
    return result


class TeamReconciler(settings.WithSettings, Reconciler):
    kind = 'team'
    fields = TEAM_MANAGED
    id_field = 'team_id'
    records_class = TeamRecords
    list_in_loops = True
    in_metadata = settings.in_metadata('team')
    settings_kind = 'team'
    pause = staticmethod(time.sleep)

    def reads_list_in_loops(self):
        # The list shows no members' budgets nor object permission (needs_team_info): such a task reads /team/info.
        return self.params.get('members') is None and not settings.needs_team_info(self.params)

    def validate(self):
        validate_team_params(self.params)
        if self.params.get('members'):
            team_members.validate_member_list(self.params['members'])

    def prepare(self):
        if self.params.get('state', 'present') == 'present' and self.params.get('members'):
            team_members.check_licence(self.ctx, self.params['members'])  # before the team itself is written

    def run(self):
        result = super(TeamReconciler, self).run()
        members = self.params.get('members')
        if self.params.get('state', 'present') != 'present' or members is None:
            return dict(result)
        # The members option starts from what the team settled on, handed over with the result (_team_members).
        changes = team_members.converge(self.ctx, result.handover, members, self.params.get('purge_members'))
        return team_members.with_members(result, result.handover, changes)

    def finish(self, outcome, before, after, reason=None, updated=()):
        result = super(TeamReconciler, self).finish(outcome, before, after, reason, updated)
        return team_members.TeamResult(result, team_members.Handover(
            outcome, before, after, result['team_id'], self.params.get('team_alias'), result['deleted_keys'],
            self.message(UPDATED, ['members'])))

    def label(self):
        return repr(self.params.get('team_alias') or self.params.get('team_id'))

    def look_up_team(self):
        team_id = self.params.get('team_id')
        alias = self.params.get('team_alias')
        if team_id:
            current = self.records.get(team_id)
            if current is not None or not alias or self.params['state'] == 'absent':
                return current
            # The id is pinned and missing: a team carrying the alias under another id is recreated with it.
            return self.team_with_alias(alias, 'none has team_id %r; delete the extra teams or change team_alias'
                                        % team_id)
        return self.team_with_alias(alias)

    def look_up(self):
        current = self.look_up_team()
        if current is not None and 'keys' not in current and settings.needs_team_info(self.params):
            current = self.records.get(current['team_id']) or current  # the list lacks these settings
        return current

    def team_with_alias(self, alias, advice='give team_id to choose one'):
        teams = self.records.with_alias(alias)
        for seconds in SETTLE_PAUSES:
            if len(teams) <= 1:
                break
            self.pause(seconds)
            teams = self.records.with_alias(alias)
        return one_team(teams, alias, advice)

    def recreate_reason(self, current):
        if self.params.get('team_id') and current['team_id'] != self.params['team_id']:
            return 'team_id'
        return None

    def recreate(self, current, reason, gone=False, status=None):
        return super(TeamReconciler, self).recreate(self.with_unlisted_settings(current), reason, gone, status)

    def with_unlisted_settings(self, current):
        """A team found through /v2/team/list, read again through /team/info when it has settings the list does
        not show (team_member_*, object_permission), so that a recreate carries them over."""
        if 'keys' in current or not unlisted_settings(current):
            return current
        return self.records.get(current['team_id']) or current

    def recreate_warning(self, current, reason, status=None):
        self.facts['deleted_keys'] = self.records.key_labels(current)
        return ('team %r exists with team_id %s, not the requested %s; LiteLLM cannot change a team id, so it %s '
                'deleted and created again with the requested id, with its settings carried over (%s)'
                % (current.get('team_alias'), current['team_id'], self.params['team_id'],
                   self.tense('was', 'would be'), describe_keys(self.facts['deleted_keys'], self.check_mode)))

    def create_body(self, base=None):
        body = super(TeamReconciler, self).create_body(base)
        if self.params.get('team_id'):
            body['team_id'] = self.params['team_id']
        return owner.mark(body, 'metadata')

    def apply_create(self, body):
        try:
            answer = self.client.post('/team/new', body)
        except LiteLLMError as exc:
            raise settings.explain_refusal(exc, body, 'team')
        return settings.as_created(answer, body, 'team')

    def created_meanwhile(self, error, body):
        # Another run may have created the pinned id since we looked.
        if error.status == 400 and body.get('team_id'):
            return self.records.fresh().get(body['team_id'])
        return None

    def twins_of(self, created):
        if self.params.get('team_id'):
            return []  # a pinned id is unique
        return self.records.with_alias(created.get('team_alias'))

    def adopt_twin(self, kept, own):
        self.ctx.warn('another run created team %r at the same time; this run deleted its own copy (%s) and kept %s'
                      % (own.get('team_alias'), own['team_id'], kept['team_id']))
        updates = compare.changes(kept, self.wanted(kept), TEAM_MANAGED)
        return self.apply_update(kept, updates) if updates else kept

    def apply_update(self, current, updates):
        body = dict(updates)
        permissions = body.pop('team_member_permissions', None)  # /team/update ignores them
        member_budget = any(n in body for n in MEMBER_BUDGET_SETTINGS)
        if member_budget and 'metadata' not in body and self.ctx.proxy.older_than(METADATA_KEPT_FROM):
            body['metadata'] = compare.merge_metadata(current.get('metadata'), None, False)  # the whole, kept
        answer = None
        try:
            if body:
                answer = self.client.post('/team/update', dict(body, team_id=current['team_id']))
        except LiteLLMError as exc:
            raise settings.explain_refusal(exc, updates, 'team')
        if permissions is not None:
            self.client.post('/team/permissions_update', {'team_id': current['team_id'],
                                                          'team_member_permissions': permissions})
        after = compare.planned(current, updates)
        data = (answer or {}).get('data') or {}
        after.update((k, v) for k, v in data.items() if k in TEAM_FIELDS and k not in updates)
        return after

    def apply_delete(self, record):
        self.client.post('/team/delete', {'team_ids': [record['team_id']]}, missing_ok=True)

    def before_delete(self, current):
        self.warn_keys_going('team %r (%s)' % (current.get('team_alias'), current['team_id']), 'deleted',
                             self.records.key_labels(current))

    def result_fields(self, before, after):
        team = team_result(after)
        return {
            'team': team,
            'team_id': (team if after is not None else before or {}).get('team_id') or self.params.get('team_id'),
            'deleted_keys': self.facts.get('deleted_keys', []),
        }

    def diff(self, before, after):
        return settings.trimmed_diff(before, after, TEAM_MANAGED, 'team')


def run_team(ctx, params):
    return TeamReconciler(ctx, params).run()


# -- litellm_team_info --

# Read-only facts returned beside the managed fields (copied as the proxy gives them).
TEAM_FACTS = ('spend', 'budget_reset_at', 'created_at', 'updated_at')


def team_info_record(record):
    """A team as litellm_team_info returns it: litellm_team's view plus key and member counts."""
    team = team_result(record)
    team.update(info.copy_facts(record, TEAM_FACTS))
    # /v2/team/list counts for us; /team/info lists the (live) keys instead.
    keys_count = record.get('keys_count')
    if keys_count is None and isinstance(record.get('keys'), list):
        keys_count = len(record['keys'])
    team['keys_count'] = keys_count
    members_count = record.get('members_count')
    if members_count is None and isinstance(record.get('members_with_roles'), list):
        members_count = len(record['members_with_roles'])
    team['members_count'] = members_count
    team['members'] = team_members.members_view(record.get('members_with_roles') or [])
    return info.without_secrets(team)


def with_key_counts(ctx, records, whole_proxy):
    """Teams listed without a key count (/v2/team/list of LiteLLM 1.80 has none) get it from /key/list: one paged
    read of every key for the whole proxy, else one per such team."""
    uncounted = [r for r in records if r.get('keys_count') is None and not isinstance(r.get('keys'), list)]
    if not uncounted:
        return records
    keys = KeyRecords(ctx.client)
    if whole_proxy:
        counts = {}
        for key in keys.list():
            counts[key.get('team_id')] = counts.get(key.get('team_id'), 0) + 1
    else:
        counts = dict((r['team_id'], len(keys.list(team_id=r['team_id']))) for r in uncounted)
    missing = set(id(r) for r in uncounted)
    return [dict(r, keys_count=counts.get(r.get('team_id'), 0)) if id(r) in missing else r for r in records]


def run_team_info(ctx, params):
    compare.check_not_empty(params, ['team_id', 'team_alias'])
    team_id = params.get('team_id')
    alias = params.get('team_alias')
    teams = TeamRecords(ctx.client)
    if team_id:
        record = teams.get(team_id)
        records = [record] if record is not None else []
        scope = 'with team_id %r' % team_id
    elif alias:
        records = teams.with_alias(alias)
        scope = 'with the alias %r' % alias
    else:
        records = teams.all()
        scope = 'in the proxy'
    records = with_key_counts(ctx, unique(records, 'team_id'), whole_proxy=not (team_id or alias))
    teams = sorted((team_info_record(r) for r in records),
                   key=lambda t: (t.get('team_alias') or '', t.get('team_id') or ''))
    return {
        'changed': False,
        'msg': '%d team(s) %s' % (len(teams), scope),
        'teams': teams,
    }
