#!/usr/bin/env python
# Copyright: contributors to the berriai.litellm collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The round trip's judge: proxy A's and proxy B's own API reads of this run's objects, compared field by field.

    compare_api.py SFX REPORT_FILE      (environment: LITELLM_API_BASE/LITELLM_API_KEY = A, RT_B_BASE/RT_B_KEY = B)

Not two exports made the same way (which would agree on anything the export loses), but what each proxy holds:
/team/info (settings, object permission, member budget, members and their budgets), /key/list full objects,
/user/info, /credentials/by_name, /model/info, /v1/mcp/server/{id}. Every field of each read is compared except
the ones each proxy makes itself (IGNORED: ids it generates, dates, spend, health); unset values (null, false,
[] and {}) are equal. Writes a JSON report (objects and fields compared per kind, the differences) and exits 1 on
any difference. Values are never secrets: the proxies mask credential values and model keys, and never return
MCP credentials or key secrets (their fields are ignored).
"""

from __future__ import absolute_import, division, print_function

import json
import os
import sys

from urllib.parse import quote, urlencode
from urllib.request import Request, urlopen

# What each proxy makes itself: generated ids, dates, spend, health, LiteLLM's bookkeeping.
IGNORED = frozenset([
    'created_at', 'updated_at', 'created_by', 'updated_by', 'spend', 'total_spend', 'budget_reset_at', 'last_active',
    'token', 'key_name', 'budget_id', 'object_permission_id', 'team_member_budget_id', 'model_id', 'id',
    'key_rotation_at', 'last_rotation_at', 'rotation_count', 'status', 'health_check_error', 'last_health_check',
    'settings_updated_at', 'model_spend', 'model_max_budget_usage', 'caller_edit_access', 'keys', 'credentials',
    'team_memberships', 'members_with_roles', 'mcp_info', 'approval_status', 'submitted_by', 'submitted_at',
    'litellm_budget_table_id', 'user_api_key_auth', 'litellm_organization_table', 'litellm_project_table',
    # model_info: the collection marks the deployments it manages (managed_by); the teams that can reach a model
    # (every team of the proxy, computed on read)
    'managed_by', 'db_model', 'access_via_team_ids',
])
# The creating credential's user is made the first member (admin) of each team it creates: the master key's
# 'default_user_id', or the user of a proxy admin's virtual key (the secrets audit runs with one). The export
# leaves it out, so it is no member to compare.
CREATORS = set(['default_user_id'])


def read(base, key, path, query=None):
    url = base.rstrip('/') + path + ('?' + urlencode(query) if query else '')
    request = Request(url, headers={'Authorization': 'Bearer ' + key})
    try:
        return json.loads(urlopen(request, timeout=60).read().decode('utf-8'))
    except Exception as exc:  # a missing object reads as None: the compare reports it
        return {'__error__': '%s %s' % (path, getattr(exc, 'code', exc))}


def unset(value):
    return value is None or value is False or value == [] or value == {}


class Comparison(object):

    def __init__(self):
        self.fields = {}      # kind -> leaves compared
        self.set_fields = {}  # kind -> leaves compared that are set on A
        self.objects = {}     # kind -> objects compared
        self.differences = []

    def compare(self, kind, label, a, b):
        self.objects[kind] = self.objects.get(kind, 0) + 1
        if a is None or b is None or '__error__' in (a or {}) or '__error__' in (b or {}):
            self.differences.append('%s %s: A read %s, B read %s' % (kind, label, _short(a), _short(b)))
            return
        self.walk(kind, label, a, b)

    def walk(self, kind, path, a, b):
        if isinstance(a, dict) or isinstance(b, dict):
            if not (isinstance(a, dict) or unset(a)) or not (isinstance(b, dict) or unset(b)):
                return self.leaf(kind, path, a, b)
            a, b = a or {}, b or {}
            for name in sorted(set(a) | set(b)):
                if name not in IGNORED:
                    self.walk(kind, '%s.%s' % (path, name), a.get(name), b.get(name))
            return None
        return self.leaf(kind, path, a, b)

    def leaf(self, kind, path, a, b):
        self.fields[kind] = self.fields.get(kind, 0) + 1
        if not unset(a):
            self.set_fields[kind] = self.set_fields.get(kind, 0) + 1
        if unset(a) and unset(b):
            return
        if isinstance(a, list) and isinstance(b, list):
            a, b = sorted(json.dumps(x, sort_keys=True) for x in a), sorted(json.dumps(x, sort_keys=True) for x in b)
        if a != b:
            self.differences.append('%s: A %s, B %s' % (path, _short(a), _short(b)))


def _short(value):
    text = json.dumps(value, sort_keys=True, default=str)
    return text if len(text) < 300 else text[:300] + '...'


def members(body):
    """user_id -> {role, the member's budget in the team} of a /team/info answer, without the creator."""
    info = (body or {}).get('team_info') or {}
    budgets = dict((m.get('user_id'), m) for m in (body or {}).get('team_memberships') or [])
    found = {}
    for member in info.get('members_with_roles') or []:
        if member.get('user_id') in CREATORS:
            continue
        membership = budgets.get(member.get('user_id')) or {}
        found[member['user_id']] = {'role': member.get('role'), 'user_email': member.get('user_email'),
                                    'budget_source': membership.get('budget_source'),
                                    'budget': membership.get('litellm_budget_table')}
    return found


def key_by_alias(base, key, alias):
    body = read(base, key, '/key/list', {'key_alias': alias, 'return_full_object': 'true'})
    found = [k for k in (body or {}).get('keys') or [] if isinstance(k, dict) and k.get('key_alias') == alias]
    return found[0] if found else {'__error__': 'no key %s' % alias}


def main():
    sfx, report_file = sys.argv[1], sys.argv[2]
    a = (os.environ['LITELLM_API_BASE'], os.environ['LITELLM_API_KEY'])
    b = (os.environ['RT_B_BASE'], os.environ['RT_B_KEY'])
    mcp = [sfx.replace('-', '_') + '_mcp']
    result = Comparison()
    for base, key in (a, b):
        own = read(base, key, '/key/info')  # the calling key's own record (an error for the master key)
        user_id = ((own or {}).get('info') or {}).get('user_id')
        if user_id:
            CREATORS.add(user_id)

    def both(path, query=None):
        return read(a[0], a[1], path, query), read(b[0], b[1], path, query)

    for name in [sfx + '-cred']:
        result.compare('credentials', name, *both('/credentials/by_name/' + quote(name, safe='')))
    for model_id in [sfx + '-model-id', sfx + '-model2-id']:
        on_a, on_b = both('/model/info', {'litellm_model_id': model_id})
        result.compare('models', model_id, ((on_a.get('data') or [None])[0]) if 'data' in on_a else on_a,
                       ((on_b.get('data') or [None])[0]) if 'data' in on_b else on_b)
    for server_id in mcp:
        result.compare('mcp_servers', server_id, *both('/v1/mcp/server/' + server_id))
    for user_id in [sfx + '-user', sfx + '-user2']:
        on_a, on_b = both('/user/info', {'user_id': user_id})
        result.compare('users', user_id, dict(on_a.get('user_info') or on_a, teams=sorted(on_a.get('teams') and [
            t.get('team_id') if isinstance(t, dict) else t for t in on_a['teams']] or [])),
            dict(on_b.get('user_info') or on_b, teams=sorted(on_b.get('teams') and [
                t.get('team_id') if isinstance(t, dict) else t for t in on_b['teams']] or [])))
    for team_id in [sfx + '-team', sfx + '-team2']:
        on_a, on_b = both('/team/info', {'team_id': team_id})
        result.compare('teams', team_id, on_a.get('team_info') or on_a, on_b.get('team_info') or on_b)
        result.compare('team_members', team_id, members(on_a), members(on_b))
    for alias in [sfx + '-ci', sfx + '-personal', sfx + '-llm']:
        result.compare('keys', alias, key_by_alias(a[0], a[1], alias), key_by_alias(b[0], b[1], alias))

    report = {'objects': result.objects, 'fields_compared': result.fields, 'fields_set_on_a': result.set_fields,
              'total_fields_compared': sum(result.fields.values()),
              'total_fields_set_on_a': sum(result.set_fields.values()), 'differences': result.differences}
    with open(report_file, 'w') as out:
        json.dump(report, out, indent=1, sort_keys=True)
    print(json.dumps(report, indent=1, sort_keys=True))
    return 1 if result.differences else 0


if __name__ == '__main__':
    sys.exit(main())
