# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""litellm_team's logic: look up, compare, plan, apply. Free of AnsibleModule (see module_utils/runner.py)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.berriai.litellm.plugins.module_utils.api import (
    CONNECTION_ARGSPEC, LiteLLMError)
from ansible_collections.berriai.litellm.plugins.module_utils import reconcile

# The team fields this module manages, with how each one compares.
TEAM_FIELDS = {
    'team_alias': 'str',
    'models': 'list',
    'max_budget': 'float',
    'budget_duration': 'str',
    'tpm_limit': 'int',
    'rpm_limit': 'int',
    'metadata': 'dict',
    'blocked': 'bool',
    'organization_id': 'str',
}
TEAM_UNLIMITABLE = ['max_budget', 'budget_duration', 'tpm_limit', 'rpm_limit']

TEAM_ARGSPEC = dict(
    CONNECTION_ARGSPEC,
    state=dict(type='str', default='present', choices=['present', 'absent']),
    team_id=dict(type='str'),
    team_alias=dict(type='str'),
    organization_id=dict(type='str'),
    unlimited=dict(type='list', elements='str', choices=TEAM_UNLIMITABLE),
    **reconcile.SETTINGS_ARGSPEC
)

TEAM_MODULE = dict(
    argument_spec=TEAM_ARGSPEC,
    required_one_of=[('team_id', 'team_alias')],
    supports_check_mode=True,
)


def validate_team_params(params):
    reconcile.check_not_empty(params, ['team_id', 'team_alias', 'budget_duration', 'organization_id'])
    reconcile.check_not_negative(params, ['max_budget', 'tpm_limit', 'rpm_limit'])
    reconcile.check_duration('budget_duration', params.get('budget_duration'))
    reconcile.check_unlimited_conflicts(params)


# Reads shared with litellm_key and the info modules.

def get_team(client, team_id):
    """The team with this id, with its `keys`, or None."""
    body = client.get('/team/info', params={'team_id': team_id}, missing_ok=True)
    if body is None:
        return None
    record = dict(body.get('team_info') or {})
    record['keys'] = body.get('keys') or []
    return record


def find_teams_by_alias(client, alias):
    """Every team whose alias is exactly `alias` (LiteLLM does not keep aliases unique)."""
    teams = client.paged('/v2/team/list', {'team_alias': alias}, 'teams', size_param='page_size')
    return [team for team in teams if team.get('team_alias') == alias]


def the_team_with_alias(client, alias, advice='give team_id to choose one'):
    """The one team called `alias`, or None. Several fail, naming their ids: LiteLLM does not keep aliases unique."""
    matches = find_teams_by_alias(client, alias)
    if len(matches) > 1:
        raise LiteLLMError('%d teams have the alias %r (ids: %s): %s'
                           % (len(matches), alias, ', '.join(sorted(t['team_id'] for t in matches)), advice))
    return matches[0] if matches else None


def resolve_team_id(client, alias, cache=None):
    """The id of the one team called `alias`; a clear error for none or several."""
    if cache is not None and alias in cache:
        return cache[alias]
    team = the_team_with_alias(client, alias)
    if team is None:
        raise LiteLLMError('no team has the alias %r: create it first (berriai.litellm.litellm_team) or give team_id' % alias)
    if cache is not None:
        cache[alias] = team['team_id']
    return team['team_id']


def team_key_aliases(client, team):
    """Aliases (or masked names) of the keys a team holds: they are deleted with it."""
    keys = team.get('keys')
    if keys is None:
        from ansible_collections.berriai.litellm.plugins.module_utils.key import list_keys  # key.py imports this file
        keys = list_keys(client, team_id=team['team_id'])
    return sorted((k.get('key_alias') or k.get('key_name') or '(no alias)') if isinstance(k, dict) else '(no alias)'
                  for k in keys)


def team_result(record):
    if record is None:
        return {}
    result = reconcile.view(record, TEAM_FIELDS)
    result['team_id'] = record.get('team_id')
    return result


def _describe_keys(aliases):
    if not aliases:
        return 'it held no keys'
    shown = ', '.join(aliases[:20])
    if len(aliases) > 20:
        shown += ' and %d more (see deleted_keys)' % (len(aliases) - 20)
    return 'its %d key(s) went with it: %s' % (len(aliases), shown)


class TeamReconciler(object):
    """Converge one team. `run()` returns the result dict; errors are raised as LiteLLMError/ParameterError."""

    def __init__(self, ctx, params):
        self.ctx = ctx
        self.client = ctx.client
        self.params = params
        self.check_mode = ctx.check_mode
        self.warnings = ctx.warnings

    def run(self):
        validate_team_params(self.params)
        current, stale = self.look_up()
        if self.params['state'] == 'absent':
            return self.absent(current)
        return self.present(current, stale)

    def look_up(self):
        """(the team this task manages or None, a team with the alias but another id that must be replaced)."""
        team_id = self.params.get('team_id')
        alias = self.params.get('team_alias')
        if team_id:
            current = get_team(self.client, team_id)
            if current is not None or not alias or self.params['state'] == 'absent':
                return current, None
            # The id is pinned and missing: a team carrying the alias under another id is replaced.
            advice = 'none has team_id %r; delete the extra teams or change team_alias' % team_id
            return None, the_team_with_alias(self.client, alias, advice)
        return the_team_with_alias(self.client, alias), None

    def wanted(self, current):
        wanted = reconcile.requested(self.params, TEAM_FIELDS, self.params.get('unlimited'))
        if 'metadata' in wanted or self.params['purge_metadata']:
            # purge_metadata without metadata empties it (LiteLLM's own entries aside), as documented.
            wanted['metadata'] = reconcile.merge_metadata((current or {}).get('metadata'), wanted.get('metadata'),
                                                          self.params['purge_metadata'])
        return wanted

    def present(self, current, stale):
        recreated = False
        deleted_keys = []
        if stale is not None:
            deleted_keys = team_key_aliases(self.client, stale)
            self.warnings.append('team %r exists with team_id %s, not the requested %s; LiteLLM cannot change a '
                                 'team id, so it was deleted and created again with the requested id (%s)'
                                 % (stale.get('team_alias'), stale['team_id'], self.params['team_id'],
                                    _describe_keys(deleted_keys)))
            if not self.check_mode:
                self.client.post('/team/delete', {'team_ids': [stale['team_id']]}, missing_ok=True)
            recreated = True

        if current is None:
            wanted = self.wanted(None)
            body = dict((k, v) for k, v in wanted.items() if v is not None)
            if self.params.get('team_id'):
                body['team_id'] = self.params['team_id']
            if self.check_mode:
                after = reconcile.planned({'team_id': self.params.get('team_id')}, body, TEAM_FIELDS)
            else:
                try:
                    after = self.client.post('/team/new', body)
                except LiteLLMError as exc:
                    # Another run may have created the pinned id since we looked: converge that team instead.
                    raced = get_team(self.client, body['team_id']) if exc.status == 400 and body.get('team_id') else None
                    if raced is None:
                        raise
                    self.warnings.append('team %s was created by another run at the same time; this run updated it '
                                         'instead' % body['team_id'])
                    outcome = self.present(raced, None)
                    if recreated:
                        outcome.update(changed=True, recreated=True, deleted_keys=deleted_keys)
                    return outcome
                if not body.get('team_id'):
                    after = self.settle_duplicates(after)
            return self.result(True, stale, after, recreated=recreated, deleted_keys=deleted_keys,
                               msg='team %s' % ('recreated' if recreated else 'created'))

        updates = reconcile.changes(current, self.wanted(current), TEAM_FIELDS)
        if not updates:
            return self.result(False, current, current, msg='team is as requested')
        after = reconcile.planned(current, updates, TEAM_FIELDS) if self.check_mode else self.apply_update(current, updates)
        return self.result(True, current, after, msg='team updated: %s' % ', '.join(sorted(updates)))

    def apply_update(self, current, updates):
        """POST /team/update; the team as it stands afterwards."""
        answer = self.client.post('/team/update', dict(updates, team_id=current['team_id']))
        return (answer or {}).get('data') or reconcile.planned(current, updates, TEAM_FIELDS)

    def settle_duplicates(self, created):
        """LiteLLM does not keep team aliases unique, so runs racing to create one alias each make a team.

        Every run that created one looks again: the oldest team (then the lowest id) is kept, and a run whose
        own team is not that one deletes it (it has no keys yet) and converges the kept one.
        """
        twins = find_teams_by_alias(self.client, created.get('team_alias'))
        if len(twins) <= 1:
            return created
        kept = min(twins, key=lambda t: (str(t.get('created_at') or ''), t['team_id']))
        if kept['team_id'] == created['team_id']:
            return created
        self.client.post('/team/delete', {'team_ids': [created['team_id']]}, missing_ok=True)
        self.warnings.append('another run created team %r at the same time; this run deleted its own copy (%s) and '
                             'kept %s' % (created.get('team_alias'), created['team_id'], kept['team_id']))
        updates = reconcile.changes(kept, self.wanted(kept), TEAM_FIELDS)
        return self.apply_update(kept, updates) if updates else kept

    def absent(self, current):
        if current is None:
            return self.result(False, None, None, msg='team is absent')
        deleted_keys = team_key_aliases(self.client, current)
        if deleted_keys:
            self.warnings.append('team %r (%s) was deleted and %s'
                                 % (current.get('team_alias'), current['team_id'], _describe_keys(deleted_keys)))
        if not self.check_mode:
            self.client.post('/team/delete', {'team_ids': [current['team_id']]})
        return self.result(True, current, None, deleted_keys=deleted_keys, msg='team deleted')

    def result(self, changed, before, after, recreated=False, deleted_keys=None, msg=''):
        team = team_result(after)
        return {
            'changed': changed,
            'msg': msg,
            'team': team,
            'team_id': (team.get('team_id') if after is not None else (before or {}).get('team_id'))
            or self.params.get('team_id'),
            'recreated': recreated,
            'deleted_keys': deleted_keys or [],
            'diff': reconcile.diff(before, after, TEAM_FIELDS),
        }


def run_team(ctx, params):
    return TeamReconciler(ctx, params).run()
