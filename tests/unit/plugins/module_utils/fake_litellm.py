# -*- coding: utf-8 -*-
# The fake proxy's teams and keys, on the shared FakeClient, in the shapes LiteLLM 1.108.7 answers (measured on the
# real proxy):
# - /team/info wraps the team in team_info next to its live keys; a missing team is a 404;
# - /v2/team/list pages (page, page_size), newest first unless sort_by, and matches team_alias as a substring;
#   its search never matches an alias holding a backslash (the proxy's LIKE pattern escapes it away);
# - /team/new answers the row (a taken team_id is a 400), /team/update answers {team_id, data} and replaces each
#   field sent (metadata included, null clears), /team/delete deletes the team's keys with it (to the archive);
# - /key/info wraps the key in `info` without its token; a deleted key still answers 200 with status deleted;
# - /key/list pages (page, size), newest first, filters on key_alias and team_id, lists the archive with
#   status=deleted and gives full records (with token) only with return_full_object=true, else tokens;
# - /key/generate and /key/update answer the flat row with `key` and `token`/`token_id`; a generate with a secret
#   that exists answers 200 and changes nothing (an upsert with update={}); key aliases are unique (400);
#   the proxy does not check that a generate's team_id exists; /key/delete moves keys to the archive.
# - the settings of issue 11 where docs/research/settings-probe.md found them: metadata-backed ones folded into
#   metadata (a metadata sent replaces it, a setting sent alone is set in the stored copy, null is ignored), a key's
#   soft_budget in litellm_budget_table, a team's model_aliases in litellm_model_table and team_member_* in
#   team_member_budget_table (/team/info only), object_permission in a row of its own merged per field (/team/info
#   only; a key drops MCP servers that do not exist), team_member_permissions only through
#   /team/permissions_update, key_type only on generate, organization_id as org_id in /key/list; Enterprise-only
#   settings with a value are refused (403) unless `licence` is 'enterprise' (/health/license).

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy
import datetime
import hashlib
import itertools

from ansible_collections.berriai.litellm.tests.unit.plugins.module_utils.fake_proxy import (
    FakeAnswer, FakeClient, page_of)

# The columns of a team row as /team/new, /team/update (data) and /team/info (team_info) return them (trimmed).
TEAM_DEFAULTS = {
    'team_alias': None, 'organization_id': None, 'admins': [], 'members': [],
    'members_with_roles': [{'user_id': 'default_user_id', 'user_email': None, 'role': 'admin'}],
    'metadata': {}, 'tpm_limit': None, 'rpm_limit': None, 'tpd_limit': None, 'max_budget': None,
    'soft_budget': None, 'budget_duration': None, 'models': [], 'blocked': False, 'spend': 0.0,
    'max_parallel_requests': None, 'budget_reset_at': None,
}
TEAM_COLUMNS = ('team_id', 'team_alias', 'models', 'max_budget', 'budget_duration', 'tpm_limit', 'rpm_limit',
                'metadata', 'blocked', 'organization_id')

# The columns of a key row as /key/list returns them (trimmed).
KEY_DEFAULTS = {
    'key_alias': None, 'team_id': None, 'models': [], 'max_budget': None, 'budget_duration': None,
    'tpm_limit': None, 'rpm_limit': None, 'max_parallel_requests': None, 'metadata': {}, 'user_id': None,
    'blocked': None, 'expires': None, 'spend': 0.0,
}

# The settings of issue 11, where the proxy keeps them (docs/research/settings-probe.md).
KEY_SETTING_DEFAULTS = {
    'aliases': {}, 'config': {}, 'permissions': {}, 'allowed_cache_controls': [], 'allowed_routes': [],
    'key_type': 'default', 'budget_id': None, 'auto_rotate': False, 'rotation_interval': None,
    'model_max_budget': {}, 'organization_id': None, 'litellm_budget_table': None, 'object_permission': None,
    'soft_budget': None,
}
TEAM_SETTING_DEFAULTS = {
    'team_member_permissions': [], 'router_settings': {}, 'access_group_ids': [], 'litellm_model_table': None,
    'team_member_budget_table': None, 'object_permission': None,
}
IN_METADATA = {
    'key': ('model_rpm_limit', 'model_tpm_limit', 'enforced_params', 'rpm_limit_type', 'tpm_limit_type', 'tags',
            'guardrails', 'allowed_passthrough_routes'),
    'team': ('model_rpm_limit', 'model_tpm_limit', 'tags', 'guardrails', 'allowed_passthrough_routes',
             'team_member_key_duration'),
}
ENTERPRISE_WHEN_SET = {
    'key': ('tags', 'guardrails', 'allowed_passthrough_routes', 'model_max_budget', 'organization_id'),
    'team': ('tags', 'guardrails', 'allowed_passthrough_routes', 'model_max_budget', 'team_member_key_duration'),
}
# LiteLLM's answer when such a setting has a value and the proxy has no licence.
ENTERPRISE_ONLY = ('This feature is only available for LiteLLM Enterprise users: %s. You must be a LiteLLM '
                   'Enterprise user to use this feature.')
# Dict settings /key/update must never get as null (LiteLLM 1.108 then fails /key/list for everybody).
NEVER_NULL_ON_KEY_UPDATE = ('metadata', 'aliases', 'config', 'permissions', 'model_max_budget')
TEAM_MEMBER_BUDGET = {'team_member_budget': 'max_budget', 'team_member_budget_duration': 'budget_duration',
                      'team_member_rpm_limit': 'rpm_limit', 'team_member_tpm_limit': 'tpm_limit'}
PERMISSION_LISTS = ('models', 'mcp_servers', 'mcp_access_groups', 'mcp_toolsets', 'blocked_tools', 'vector_stores',
                    'agents', 'agent_access_groups', 'search_tools', 'skills')

TEAM_SETTINGS = {'soft_budget', 'model_aliases', 'team_member_permissions', 'router_settings', 'access_group_ids',
                 'object_permission'} | set(IN_METADATA['team']) | set(TEAM_MEMBER_BUDGET)
# Nulls /team/update answers 500 to.
TEAM_NEVER_NULL = ('object_permission', 'model_rpm_limit', 'model_tpm_limit', 'access_group_ids', 'metadata')

ADMIN_KEY = 'sk-admin-secret-1234'


def task_params(argument_spec, **options):
    """A task's parameters as AnsibleModule hands them over: every option, defaults filled in, this proxy's
    connection options."""
    values = dict((name, spec.get('default')) for name, spec in argument_spec.items())
    values.update(api_base=FakeLiteLLM.api_base, api_key=ADMIN_KEY)
    values.update(options)
    return values


# Error bodies, as the proxy answers them.
WRONG_CREDENTIAL = (401, {'error': {'message': 'Authentication Error, Invalid API key provided.',
                                    'type': 'token_not_found_in_db', 'param': 'key', 'code': '401'}})
NOT_FOUND_UPDATE = (404, {'error': {'message': 'Key not found.', 'type': 'not_found_error', 'param': 'key',
                                    'code': '404'}})
NOT_FOUND_INFO = (404, {'error': {'message': 'Key not found in database', 'type': 'not_found_error', 'param': 'key',
                                  'code': '404'}})
DUPLICATE_ALIAS = 'Key with alias %r already exists. Unique key aliases across all keys are required.'
DELETED_AT = '2026-11-26T22:35:57.884000+00:00'
_SECONDS = {'s': 1, 'm': 60, 'h': 3600, 'd': 86400, 'w': 604800}


def sha(secret):
    return hashlib.sha256(secret.encode('utf-8')).hexdigest()


def _bad_request(message, param):
    return FakeAnswer(400, {'error': {'message': message, 'type': 'bad_request_error', 'param': param, 'code': '400'}})


def _newest_first(rows):
    return sorted(rows, key=lambda r: (str(r.get('created_at') or ''), str(r.get('token') or r.get('team_id'))),
                  reverse=True)


class _SettingsStore(object):
    """Where the fake keeps the settings of issue 11 of a key or team row, as LiteLLM 1.108.7 does."""

    licence = 'community'   # what /health/license answers
    mcp_servers = {}        # server_id -> the MCP server (a key drops servers it cannot match by id, alias or name)

    def mcp_server(self, query, path):
        server = self.mcp_servers.get(path.rsplit('/', 1)[1])
        if server is None:
            raise FakeAnswer(404, {'detail': 'MCP Server with id %s not found' % path.rsplit('/', 1)[1]})
        return server

    def mcp_known(self, identifier):
        return any(identifier in (s['server_id'], s.get('alias'), s.get('server_name'))
                   for s in self.mcp_servers.values())

    def check_licence(self, body, kind):
        names = [name for name in ENTERPRISE_WHEN_SET[kind] if body.get(name)]
        if names and self.licence != 'enterprise':
            raise FakeAnswer(403, {'error': {'message': str({'error': ENTERPRISE_ONLY % names[0]}),
                                             'type': 'auth_error', 'param': 'None', 'code': '403'}})

    def store_settings(self, row, body, kind):
        """The settings of `body` (a create or an update) into `row`; returns the names handled here."""
        self.fold_metadata(row, body, kind)
        if body.get('object_permission') is not None:
            self.store_permission(row, body['object_permission'], drop_unknown_mcp=kind == 'key')
        if kind == 'key':
            self.store_key_budget(row, body)
        else:
            self.store_team_tables(row, body)
        if kind == 'key':
            return set(IN_METADATA[kind]) | {'object_permission', 'soft_budget', 'key_type'}
        return set(IN_METADATA[kind]) | {'object_permission', 'model_aliases', 'team_member_permissions'} | set(
            TEAM_MEMBER_BUDGET)

    @staticmethod
    def fold_metadata(row, body, kind):
        """A metadata sent replaces the stored one; a metadata-backed setting sent is set in it (null: ignored)."""
        metadata = copy.deepcopy(body['metadata'] if 'metadata' in body else row.get('metadata') or {})
        if (row.get('metadata') or {}).get('team_member_budget_id'):
            metadata['team_member_budget_id'] = row['metadata']['team_member_budget_id']
        metadata.update((name, body[name]) for name in IN_METADATA[kind] if body.get(name) is not None)
        row['metadata'] = metadata

    def store_permission(self, row, asked, drop_unknown_mcp):
        permission = row.get('object_permission') or dict(
            dict((name, []) for name in PERMISSION_LISTS), object_permission_id=self.new_id(),
            mcp_tool_permissions=None)
        permission.update(copy.deepcopy(asked))
        if drop_unknown_mcp:
            permission['mcp_servers'] = [s for s in permission['mcp_servers'] or [] if self.mcp_known(s)]
        row['object_permission'] = permission
        row['object_permission_id'] = permission['object_permission_id']

    def store_key_budget(self, row, body):
        """A key's soft_budget lives in a budget row of its own, made on first use (and it becomes the budget_id)."""
        if 'soft_budget' not in body or (body['soft_budget'] is None and not row.get('litellm_budget_table')):
            return
        if not row.get('litellm_budget_table'):
            row['litellm_budget_table'] = {'budget_id': self.new_id(), 'model_max_budget': {}}
            row['budget_id'] = row['litellm_budget_table']['budget_id']
        soft = body['soft_budget']
        row['litellm_budget_table']['soft_budget'] = None if soft is None else float(soft)

    def store_team_tables(self, row, body):
        if body.get('model_aliases') is not None:
            table = row.get('litellm_model_table') or {'model_id': len(self.teams) + 1}
            row['litellm_model_table'] = dict(table, model_aliases=copy.deepcopy(body['model_aliases']))
            row['model_id'] = row['litellm_model_table']['model_id']
        members = dict((column, body[name]) for name, column in TEAM_MEMBER_BUDGET.items() if name in body)
        if not members:
            return
        if row.get('team_member_budget_table') is None:
            budget_id = 'team-%s-budget-%s' % (row['team_id'], self.new_id())
            row['team_member_budget_table'] = dict((column, None) for column in TEAM_MEMBER_BUDGET.values())
            row['team_member_budget_table']['budget_id'] = budget_id
            row['metadata']['team_member_budget_id'] = budget_id
        if members.get('max_budget') is not None:
            members['max_budget'] = float(members['max_budget'])
        row['team_member_budget_table'].update(members)


class FakeLiteLLM(_SettingsStore, FakeClient):
    """Teams, live keys and deleted keys in memory. `refuse=True`: every request is refused (a wrong api_key)."""

    api_base = 'http://proxy.test:4000'  # the tests' api_base, as error messages name it

    def __init__(self, teams=(), keys=(), refuse=False):
        super(FakeLiteLLM, self).__init__()
        self.teams = {}       # team_id -> row
        self.live = {}        # token -> key row (without the secret)
        self.archive = {}     # token -> deleted key row (with deleted_at)
        self.refuse = refuse
        self.mcp_servers = {}
        self._secrets = ('sk-generated-%04d-abcdefgh' % n for n in itertools.count(1))
        self._tokens = itertools.count(1)
        for method, path, handler in (
                ('GET', '/team/info', self.team_info), ('GET', '/v2/team/list', self.team_list),
                ('POST', '/team/new', self.team_new), ('POST', '/team/update', self.team_update),
                ('POST', '/team/delete', self.team_delete), ('GET', '/key/info', self.key_info),
                ('GET', '/key/list', self.key_list), ('POST', '/key/generate', self.key_generate),
                ('POST', '/key/update', self.key_update), ('POST', '/key/delete', self.key_delete),
                ('POST', '/team/permissions_update', self.team_permissions_update),
                ('GET', '/health/license', lambda query, path: {'license_type': self.licence}),
                ('GET', '/v1/mcp/server', lambda query, path: list(self.mcp_servers.values())),
                ('GET', '/v1/mcp/server/(.+)', self.mcp_server)):
            self.route(method, path, self._refusing(handler))
        for team in teams:
            self.add_team(**team)
        for key in keys:
            self.add_key(**key)

    def _refusing(self, handler):
        def answer(payload, path):
            if self.refuse:
                raise FakeAnswer(*WRONG_CREDENTIAL)
            return handler(payload, path)
        return answer

    # -- what the proxy holds (set up without a request) --

    def add_team(self, **fields):
        row = copy.deepcopy(dict(TEAM_DEFAULTS, **TEAM_SETTING_DEFAULTS))
        row.update(fields)
        row['team_id'] = row.get('team_id') or self.new_id()
        row['created_at'] = row.get('created_at') or self.now()
        row['updated_at'] = row['created_at']
        self.teams[row['team_id']] = row
        return row

    def add_key(self, secret=None, **fields):
        """A live key; its token is the sha256 of `secret` when given, else a made-up one. Returns the token."""
        number = next(self._tokens)
        row = dict(copy.deepcopy(dict(KEY_DEFAULTS, **KEY_SETTING_DEFAULTS)), key_name='sk-...' + (secret[-4:] if secret else '%04d' % number))
        row.update(fields)
        row['token'] = sha(secret) if secret else fields.get('token') or '%064x' % number
        row['created_at'] = row.get('created_at') or self.now()
        self.live[row['token']] = row
        return row['token']

    def archive_key(self, token, when=DELETED_AT):
        row = self.live.pop(token)
        row['deleted_at'] = when
        self.archive[token] = row

    def keys_of(self, team_id):
        return [k for k in self.live.values() if k.get('team_id') == team_id]

    def held(self):
        """All the proxy holds: what check mode must leave as it is."""
        return copy.deepcopy((self.teams, self.live, self.archive))

    # -- teams --

    def team_info(self, query, path):
        team = self.teams.get(query.get('team_id'))
        if team is None:
            raise FakeAnswer(404, {'detail': {'error': 'Team not found, passed team id: %s.' % query.get('team_id')}})
        return {'team_id': team['team_id'], 'team_info': team, 'keys': self.keys_of(team['team_id']),
                'team_memberships': [{'user_id': 'default_user_id', 'team_id': team['team_id']}]}

    def team_list(self, query, path):
        alias = query.get('team_alias')
        teams = [dict(listed_team(t), members_count=len(t['members_with_roles']),
                      keys_count=len(self.keys_of(t['team_id'])))
                 for t in self.teams.values()
                 if alias is None or ('\\' not in alias and alias in (t.get('team_alias') or ''))]
        if query.get('sort_by'):
            teams.sort(key=lambda t: t[query['sort_by']], reverse=query.get('sort_order') == 'desc')
        else:
            teams = _newest_first(teams)
        assert int(query['page_size']) <= 100
        answer = page_of(teams, query, 'teams', size_param='page_size')
        answer['page_size'] = int(query['page_size'])
        return answer

    def team_new(self, body, path):
        if body.get('team_id') in self.teams:
            raise _bad_request('Team id = %s already exists. Please use a different team id.' % body['team_id'],
                               'team_id')
        unknown = set(body) - set(TEAM_COLUMNS) - TEAM_SETTINGS
        assert not unknown, 'the module sent fields a team does not have: %s' % unknown
        self.check_licence(body, 'team')
        row = self.add_team(team_id=body.get('team_id'))
        handled = self.store_settings(row, body, 'team')
        row.update((k, v) for k, v in body.items() if k not in handled and k != 'metadata')
        row['team_member_permissions'] = body.get('team_member_permissions') or []
        return row

    def team_update(self, body, path):
        team = self.teams.get(body.get('team_id'))
        if team is None:
            raise FakeAnswer(404, {'detail': {'error': 'Team not found, passed team_id=%s' % body.get('team_id')}})
        refused = [name for name in TEAM_NEVER_NULL if name in body and body[name] is None]
        if refused:
            raise FakeAnswer(500, {'error': {'message': 'Could not find field at updateOneLiteLLM_TeamTable.data.%s'
                                                        % refused[0], 'code': '500'}})
        self.check_licence(body, 'team')
        handled = self.store_settings(team, body, 'team')
        team.update((k, v) for k, v in body.items() if k not in handled and k != 'metadata')
        team['updated_at'] = self.now()
        return {'team_id': team['team_id'], 'data': team}

    def team_permissions_update(self, body, path):
        team = self.teams[body['team_id']]
        team['team_member_permissions'] = list(body['team_member_permissions'])
        return team

    def team_delete(self, body, path):
        missing = [t for t in body['team_ids'] if t not in self.teams]
        if missing:
            raise FakeAnswer(404, {'detail': {'error': 'Team not found, passed team_id=%s' % missing[0]}})
        for team_id in body['team_ids']:
            del self.teams[team_id]
            for key in self.keys_of(team_id):  # the cascade
                self.archive_key(key['token'])
        return {'deleted_teams': list(body['team_ids'])}

    # -- keys --

    def key_info(self, query, path):
        token = query['key']
        if token in self.live:
            info = dict(self.live[token], status='active')
        elif token in self.archive:
            info = dict(self.archive[token], status='deleted')
        else:
            raise FakeAnswer(*NOT_FOUND_INFO)
        info.pop('token')
        if str(self.litellm_version or '').startswith('1.80.'):
            info['object_permission'] = None  # LiteLLM 1.80's /key/info gives only object_permission_id
        return {'key': token, 'info': info}

    def key_list(self, query, path):
        rows = self.archive if query.get('status') == 'deleted' else self.live
        keys = _newest_first(r for r in rows.values()
                             if all(r.get(f) == query[f] for f in ('key_alias', 'team_id') if f in query)
                             and query.get('key_hash', r['token']) == r['token'])
        if query.get('return_full_object') != 'true':
            keys = [k['token'] for k in keys]
        else:
            keys = [listed_key(k) for k in keys]
            if str(self.litellm_version or '').startswith('1.80.'):
                # LiteLLM 1.80's /key/list leaves out the key's budget
                keys = [dict((f, v) for f, v in k.items() if f not in ('budget_id', 'litellm_budget_table'))
                        for k in keys]
        assert int(query['size']) <= 100
        answer = page_of(keys, query, 'keys')
        answer['total_count'] = answer.pop('total')
        answer['current_page'] = answer.pop('page')
        return answer

    def key_generate(self, body, path):
        secret = body.get('key') or next(self._secrets)
        token = sha(secret)
        alias = body.get('key_alias')
        if token in self.live:
            # LiteLLM upserts with update={}: 200, nothing changes, the answer echoes the request.
            return dict(self.live[token], key=secret, key_alias=alias, token_id=token)
        if alias and any(r['key_alias'] == alias for r in self.live.values()):
            raise _bad_request(DUPLICATE_ALIAS % alias, 'key_alias')
        self.check_licence(body, 'key')
        fields = dict((k, v) for k, v in body.items() if k in KEY_DEFAULTS or k in KEY_SETTING_DEFAULTS)
        for name in ('soft_budget', 'object_permission', 'metadata'):
            fields.pop(name, None)  # stored below, where LiteLLM keeps them
        duration = body.get('duration')
        if duration:
            seconds = int(duration[:-1]) * _SECONDS[duration[-1]]
            fields['expires'] = (datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None) + datetime.timedelta(seconds=seconds)).strftime(
                '%Y-%m-%dT%H:%M:%S.%fZ')
        self.add_key(secret, **fields)
        self.store_settings(self.live[token], body, 'key')
        return dict(self.live[token], key=secret, token_id=token, duration=None)

    def key_update(self, body, path):
        token = body['key']
        if token not in self.live:
            raise FakeAnswer(*NOT_FOUND_UPDATE)
        alias = body.get('key_alias')
        if alias and any(r['key_alias'] == alias and t != token for t, r in self.live.items()):
            raise _bad_request(DUPLICATE_ALIAS % alias, 'key_alias')
        nulls = [name for name in NEVER_NULL_ON_KEY_UPDATE if name in body and body[name] is None]
        assert not nulls, 'null for %s on /key/update breaks /key/list for everybody' % nulls
        self.check_licence(body, 'key')
        handled = self.store_settings(self.live[token], body, 'key')  # key_type among them: create-only
        self.live[token].update((k, v) for k, v in body.items() if k not in handled and k not in ('key', 'metadata'))
        return dict(self.live[token], key=token)

    def key_delete(self, body, path):
        found = [t for t in body['keys'] if t in self.live]
        if not found:
            raise FakeAnswer(404, {'error': {'message': "{'error': 'No keys found'}"}})
        for token in found:
            self.archive_key(token)
        return {'deleted_keys': found}


def listed_team(team):
    """A team as /v2/team/list shows it: no object permission, no member budget table."""
    listed = dict(team, object_permission=None)
    listed.pop('team_member_budget_table', None)
    return listed


def listed_key(key):
    """A key as /key/list shows it: organization_id named org_id."""
    listed = dict(key, org_id=key.get('organization_id'))
    listed.pop('organization_id', None)
    return listed
