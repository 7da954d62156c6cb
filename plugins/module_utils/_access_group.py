# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""litellm_access_group's logic on the converge cycle (_reconciler.Reconciler), and litellm_access_group_info's.

LiteLLM's unified access groups (proxy/management_endpoints/access_group_endpoints.py, 1.108.7; the 1.80 line has
none: its /v1/access_group answers 404): POST /v1/access_group (201; 409 for a name that exists; 400 "Unknown team
ids"), GET /v1/access_group (every group, not paged), GET/PUT/DELETE /v1/access_group/{id} (404 when missing; PUT
changes only the fields it sends; DELETE 204). The id is the proxy's (a UUID); the name is unique, so the name is
the identity. Assigned teams and keys are a two-sided link: the proxy writes the group's id into each team's and
key's access_group_ids too, and takes it out again on an update that drops them or on delete (teams and keys
survive). A group stores keys by their token (the hash), so the module takes key aliases (or tokens) and teams by
id or alias, and resolves them before any write: first against the names the proxy shows beside the group's ids
(no request), then by reading the proxy. The proxy checks that teams exist, not keys nor MCP servers: the module
checks them all. An access group has no dict field that grants nothing, so the ownership marker is a text at the
end of its description (_owner.TEXT_MARKER), which results, diffs and exports leave out.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

try:
    from urllib.parse import quote
except ImportError:  # Python 2
    from urllib import quote

from ansible_collections.berriai.litellm.plugins.module_utils import _owner as owner
from ansible_collections.berriai.litellm.plugins.module_utils import _compare as compare
from ansible_collections.berriai.litellm.plugins.module_utils._api import LiteLLMError, ParameterError
from ansible_collections.berriai.litellm.plugins.module_utils._declaration import Declaration, Option
from ansible_collections.berriai.litellm.plugins.module_utils._reconciler import Gone, Reconciler
from ansible_collections.berriai.litellm.plugins.module_utils._records import (
    KeyRecords, Records, TeamNotFound, TeamRecords, team_id_for_alias)

GROUP_PATH = '/v1/access_group'
# option -> the proxy's field. The records hold the options (teams and keys as team ids and key tokens once
# resolved); the module compares them (lists as sets).
PROXY_NAMES = {
    'models': 'access_model_names',
    'mcp_servers': 'access_mcp_server_ids',
    'teams': 'assigned_team_ids',
    'keys': 'assigned_key_ids',
}
_LINKED = '%s (and the access_group_ids of each %s)'

# litellm_access_group's options (plugins/modules/litellm_access_group.py documents them): argspec, compared
# fields, result view and export shape.
ACCESS_GROUP = Declaration(
    'access group', 'access_groups', 'berriai.litellm.litellm_access_group', identity=['access_group_name'], options=[
        Option('access_group_name', dict(type='str', required=True), where='access_group_name (unique)'),
        Option('description', dict(type='str'), 'str', where='description (the ownership marker at its end)'),
        Option('models', dict(type='list', elements='str'), 'list', where=PROXY_NAMES['models']),
        Option('mcp_servers', dict(type='list', elements='str'), 'list', where=PROXY_NAMES['mcp_servers']),
        Option('teams', dict(type='list', elements='str'), 'list', where=_LINKED % (PROXY_NAMES['teams'], 'team')),
        Option('keys', dict(type='list', elements='str', no_log=False), 'list',
               where=_LINKED % (PROXY_NAMES['keys'], 'key')),
    ])
# Where the proxy names the resources beside their ids ({id, name}): name = team alias, key alias, MCP alias or name.
NAMED_IN = {'teams': 'assigned_teams', 'keys': 'assigned_keys', 'mcp_servers': 'access_mcp_servers'}
# Read-only facts litellm_access_group_info returns beside the options.
ACCESS_GROUP_FACTS = ('access_agent_ids', 'access_skill_names', 'mcp_tool_permissions', 'created_at', 'created_by',
                      'updated_at', 'updated_by')
# The line that has them (the 1.80 line has no /v1/access_group).
ACCESS_GROUPS_SINCE = (1, 81)
TOKEN_PATTERN = re.compile(r'^[0-9a-f]{64}$')


def unsupported(ctx):
    return LiteLLMError('%s has no access groups (/v1/access_group answers 404; LiteLLM %s or later has them). '
                        'Nothing was changed' % (ctx.proxy.describe(), '.'.join(str(n) for n in ACCESS_GROUPS_SINCE)))


def as_record(raw):
    """A proxy answer in the module's terms: its options (ids, tokens), the marker taken out of the description."""
    if not isinstance(raw, dict):
        return None
    record = dict((option, list(raw.get(field) or [])) for option, field in PROXY_NAMES.items())
    record.update(access_group_id=raw.get('access_group_id'), access_group_name=raw.get('access_group_name'),
                  description=owner.text_unmarked(raw.get('description')),
                  owned=owner.is_owned(raw, 'access_groups'))
    record['names'] = dict((option, dict((entry.get('id'), entry.get('name')) for entry in raw.get(field) or []
                                         if isinstance(entry, dict)))
                           for option, field in NAMED_IN.items())
    record.update((name, raw.get(name)) for name in ACCESS_GROUP_FACTS)
    return record


class AccessGroupRecords(Records):

    recheck_after_create = False  # the proxy keeps names unique (a database constraint): no twins

    def __init__(self, client, ctx=None):
        super(AccessGroupRecords, self).__init__(client)
        self.ctx = ctx

    def get(self, group_id):
        return as_record(self.client.get('%s/%s' % (GROUP_PATH, quote(group_id, safe='')), missing_ok=True))

    def listed(self):
        """Every access group as the proxy answers (not paged), or None when the proxy has none (LiteLLM 1.80)."""
        body = self.client.get(GROUP_PATH, missing_ok=True)
        if body is None:
            return None
        return [g for g in body if isinstance(g, dict)] if isinstance(body, list) else []

    def raw_all(self):
        """listed(), with a LiteLLMError naming the version on a proxy that has no access groups."""
        found = self.listed()
        if found is None:
            raise unsupported(self.ctx)
        return found

    def all(self):
        return [as_record(g) for g in self.raw_all()]

    def named(self, name):
        return [g for g in self.all() if g.get('access_group_name') == name]


def check_entries(params):
    """Bad input, before any request."""
    compare.check_not_empty(params, ['access_group_name'])
    for option in ('models', 'mcp_servers', 'teams', 'keys'):
        for entry in params.get(option) or []:
            if not str(entry).strip():
                raise ParameterError('%s must not hold an empty entry' % option)
    for entry in params.get('keys') or []:
        if str(entry).startswith('sk-'):
            raise ParameterError('keys takes key aliases (or tokens, the hashes litellm_key returns), never a '
                                 "key's secret: an entry starts with sk-")
    if owner.TEXT_MARKER in (params.get('description') or ''):
        raise ParameterError('description must not hold %s: the collection adds it to the groups it creates'
                             % owner.TEXT_MARKER)


class AccessGroupReconciler(Reconciler):
    kind = ACCESS_GROUP.kind
    fields = ACCESS_GROUP.fields
    id_field = 'access_group_id'
    reads_after_write = True  # apply_create/apply_update read the group back
    records_class = AccessGroupRecords

    def __init__(self, ctx, params, records=None):
        super(AccessGroupReconciler, self).__init__(ctx, params, records or AccessGroupRecords(ctx.client, ctx))
        self.resolved = {'teams': {}, 'keys': {}, 'mcp_servers': {}}  # option -> entry -> id (token)
        self.labels = {'keys': {}}  # token -> how results show the key (its alias)

    def validate(self):
        check_entries(self.params)

    def label(self):
        return repr(self.params.get('access_group_name'))

    def look_up(self):
        named = self.records.named(self.params['access_group_name'])
        current = named[0] if named else None
        if current is not None:
            self.labels['keys'].update((token, name) for token, name in current['names']['keys'].items() if name)
        if self.params.get('state') != 'absent':
            self.resolve(current)
        return current

    # -- the entries the task names, as ids --

    def resolve(self, current):
        """Every team, key and MCP server the task names, as the id the proxy keeps; fails naming the option and
        the entry for one the proxy does not have (before any write, check mode too)."""
        for option, find in (('teams', self.find_team), ('keys', self.find_key), ('mcp_servers', self.find_server)):
            for entry in self.params.get(option) or []:
                found = self.known(current, option, entry) or find(entry)
                if found is None:
                    raise LiteLLMError('%s: the proxy has no %s %r. Nothing was changed'
                                       % (option, DESCRIBED[option], entry))
                self.resolved[option][entry] = found

    @staticmethod
    def known(current, option, entry):
        """The id of `entry` among the group's own (an id, or the one name the proxy shows beside an id)."""
        if current is None:
            return None
        if entry in current[option]:
            return entry
        ids = [found for found, name in current['names'][option].items() if name == entry]
        return ids[0] if len(ids) == 1 else None

    def find_team(self, entry):
        if entry in self.ctx.cache.teams or TeamRecords(self.client).get(entry) is not None:
            self.ctx.cache.teams.add(entry)
            return entry
        try:
            return team_id_for_alias(self.ctx, entry)
        except TeamNotFound:
            return None

    def find_key(self, entry):
        keys = KeyRecords(self.client)
        named = keys.with_alias(entry)
        if named:
            self.labels['keys'][named[0]['token']] = entry
            return named[0]['token']
        if TOKEN_PATTERN.match(entry):
            key, _deleted = keys.get(entry)
            if key is not None:
                if key.get('key_alias'):
                    self.labels['keys'][entry] = key['key_alias']
                return entry
        return None

    def find_server(self, entry):
        if entry in self.ctx.cache.mcp_servers:
            return entry
        if self.client.get('/v1/mcp/server/%s' % quote(entry, safe=''), missing_ok=True) is not None:
            self.ctx.cache.mcp_servers.add(entry)
            return entry
        servers = self.client.get('/v1/mcp/server') or []
        for server in servers if isinstance(servers, list) else []:
            names = [str(server.get(field) or '').lower() for field in ('alias', 'server_name')]
            if isinstance(server, dict) and entry.lower() in names:
                return server.get('server_id')
        return None

    # -- what the task asks for --

    def wanted(self, current):
        wanted = {}
        if self.params.get('description') is not None:
            wanted['description'] = self.params['description'] or None
        if self.params.get('models') is not None:
            wanted['models'] = list(self.params['models'])
        for option in ('teams', 'keys', 'mcp_servers'):
            if self.params.get(option) is not None:
                wanted[option] = [self.resolved[option].get(entry, entry) for entry in self.params[option]]
        return wanted

    def body(self, fields, owned):
        """The proxy's request body for the module's `fields`; the description marked when the group is owned."""
        body = dict((PROXY_NAMES[name], sorted(set(value))) for name, value in fields.items() if name in PROXY_NAMES)
        if 'description' in fields:
            body['description'] = owner.text_marked(fields['description']) if owned else fields['description']
        return body

    def create_body(self, base=None):
        wanted = self.wanted(None)
        wanted.setdefault('description', None)  # the marker, at least
        body = self.body(wanted, owned=True)
        body['access_group_name'] = self.params['access_group_name']
        return body

    def predicted(self, body):
        raw = dict(body, access_group_id=None)
        record = as_record(raw)
        record['names'] = dict((option, {}) for option in NAMED_IN)
        return record

    # -- writes --

    def apply_create(self, body):
        created = self.client.post(GROUP_PATH, body)
        return self.records.get(created['access_group_id']) or as_record(created)

    def created_meanwhile(self, error, body):
        if error.status == 409:
            named = self.records.named(body['access_group_name'])
            return named[0] if named else None
        return None

    def apply_update(self, current, updates):
        path = '%s/%s' % (GROUP_PATH, quote(current['access_group_id'], safe=''))
        if self.client.put(path, self.body(updates, current.get('owned')), missing_ok=True) is None:
            raise Gone(current, 404)
        return self.records.get(current['access_group_id']) or compare.planned(current, updates)

    def apply_delete(self, record):
        self.client.delete('%s/%s' % (GROUP_PATH, quote(record['access_group_id'], safe='')), missing_ok=True)

    # -- results --

    def shown(self, record):
        """A record as results and diffs show it: keys by alias (the token when the key has none)."""
        if record is None:
            return None
        labels = dict(self.labels['keys'], **dict((t, n) for t, n in (record.get('names') or {}).get('keys', {}).items()
                                                  if n))
        return dict(record, keys=[labels.get(token) or token for token in record.get('keys') or []])

    def diff(self, before, after):
        return compare.diff(self.shown(before), self.shown(after), self.fields)

    def result_fields(self, before, after):
        return {
            'access_group': access_group_result(self.shown(after)),
            'access_group_id': (after or before or {}).get('access_group_id'),
        }


DESCRIBED = {'teams': 'team with the id or alias', 'keys': 'key with the alias or token',
             'mcp_servers': 'MCP server with the id, name or alias'}


def access_group_result(record):
    return ACCESS_GROUP.result(record, ids=['access_group_id', 'access_group_name'])


def run_access_group(ctx, params):
    return AccessGroupReconciler(ctx, params).run()


# -- litellm_access_group_info --

def info_record(record):
    """A group as litellm_access_group_info returns it: the options (keys by alias where they have one), the names
    the proxy shows beside the ids, and the read-only facts."""
    labels = record['names']['keys']
    group = access_group_result(dict(record, keys=[labels.get(t) or t for t in record['keys']]))
    group['managed'] = record['owned']
    group['team_aliases'] = dict((team_id, record['names']['teams'].get(team_id)) for team_id in record['teams'])
    group['key_tokens'] = list(record['keys'])
    group.update((name, record.get(name)) for name in ACCESS_GROUP_FACTS)
    return group


def run_access_group_info(ctx, params):
    compare.check_not_empty(params, ['access_group_name'])
    found = AccessGroupRecords(ctx.client, ctx).all()
    name = params.get('access_group_name')
    if name:
        found = [g for g in found if g['access_group_name'] == name]
    groups = sorted((info_record(g) for g in found), key=lambda g: g['access_group_name'] or '')
    where = ' named %r' % name if name else ''
    return {'changed': False, 'access_groups': groups, 'msg': '%d access group(s)%s' % (len(groups), where)}
