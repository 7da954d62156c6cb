# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The read-only modules' logic: litellm_team_info and litellm_key_info. Free of AnsibleModule.

Both return normalised records in the shape litellm_team / litellm_key return (so a result can be fed back
into them), plus read-only facts (spend, counts, dates). Neither ever returns a secret: records are built
from a list of safe fields, and `without_secrets` drops anything named like a secret that holds one.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.berriai.litellm.plugins.module_utils import _compare as compare
from ansible_collections.berriai.litellm.plugins.module_utils._key import check_token, key_result
from ansible_collections.berriai.litellm.plugins.module_utils._records import KeyRecords, TeamRecords, one_team
from ansible_collections.berriai.litellm.plugins.module_utils._team import team_result
from ansible_collections.berriai.litellm.plugins.module_utils._team_members import members_view

# Read-only facts returned beside the managed fields (copied as the proxy gives them).
TEAM_FACTS = ('spend', 'budget_reset_at', 'created_at', 'updated_at')
KEY_FACTS = ('spend', 'budget_reset_at', 'created_at', 'updated_at', 'last_active', 'created_by')

# Field names that hold a secret when their value is one (key_name holds a masked `sk-...abcd` and stays).
SECRET_FIELDS = frozenset(['key', 'api_key', 'secret', 'master_key'])


def _is_secret(value):
    return isinstance(value, str) and value.startswith('sk-')


def without_secrets(value):
    """A copy of `value` without any secret-named field that holds an `sk-` value, at any depth."""
    if isinstance(value, dict):
        return dict((name, without_secrets(item)) for name, item in value.items()
                    if not (str(name).lower() in SECRET_FIELDS and _is_secret(item)))
    if isinstance(value, list):
        return [without_secrets(item) for item in value]
    return value


def _copy_facts(record, names):
    return dict((name, record.get(name)) for name in names)


# -- litellm_team_info --

def team_info_record(record):
    """A team as litellm_team_info returns it: litellm_team's view plus key and member counts."""
    team = team_result(record)
    team.update(_copy_facts(record, TEAM_FACTS))
    # /v2/team/list counts for us; /team/info lists the (live) keys instead.
    keys_count = record.get('keys_count')
    if keys_count is None and isinstance(record.get('keys'), list):
        keys_count = len(record['keys'])
    team['keys_count'] = keys_count
    members_count = record.get('members_count')
    if members_count is None and isinstance(record.get('members_with_roles'), list):
        members_count = len(record['members_with_roles'])
    team['members_count'] = members_count
    team['members'] = members_view(record.get('members_with_roles') or [])
    return without_secrets(team)


def unique(records, id_field):
    """Records without repeats. The proxy pages by offset, so a write by someone else between two page reads
    can shift a record onto the next page as well."""
    seen = set()
    kept = []
    for record in records:
        if record.get(id_field) not in seen:
            seen.add(record.get(id_field))
            kept.append(record)
    return kept


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


# -- litellm_key_info --

def key_info_record(record, team_aliases=None):
    """A key as litellm_key_info returns it: litellm_key's view plus read-only facts, never the secret."""
    key = key_result(record)
    key.update(_copy_facts(record, KEY_FACTS))
    key['team_alias'] = record.get('team_alias') or (team_aliases or {}).get(record.get('team_id'))
    return without_secrets(key)


def run_key_info(ctx, params):
    compare.check_not_empty(params, ['key_alias', 'token', 'team_id', 'team_alias'])
    # /key/info would accept the secret, but then it would travel in a URL and sit in the task's arguments.
    check_token(params.get('token'))
    team_aliases, team_ids = _teams_asked(ctx, params)
    records = _keys_asked(KeyRecords(ctx.client), params, team_ids)
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
