# -*- coding: utf-8 -*-
# The fake proxy's MCP servers, in the shapes LiteLLM 1.108.7 uses: POST /v1/mcp/server answers 201 with the
# server (credentials null, the alias the name when not given), a duplicate id or name 400, a name with '-' 400;
# PUT /v1/mcp/server updates partially (202), and a new server_name without an alias becomes the alias too;
# DELETE /v1/mcp/server/{id} answers 202, a missing one 404; reads never return credentials, and a server whose
# url cannot be reached reads as unhealthy. McpServerProxy(v1_80=True) is LiteLLM 1.80.17: its PUT replaces the
# record with the request's (what the request leaves out reads as the request model's default), and its servers
# have no available_on_public_internet.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy

from ansible_collections.berriai.litellm.tests.unit.plugins.module_utils.fake_proxy import FakeAnswer, FakeClient

UNREACHABLE = 'http://127.0.0.1:1/mcp'
SERVER_DEFAULTS = {
    'description': None, 'transport': 'sse', 'auth_type': None, 'credentials': None,
    'mcp_access_groups': [], 'allowed_tools': [], 'extra_headers': [], 'static_headers': {}, 'args': [], 'env': {},
    'allow_all_keys': False, 'available_on_public_internet': True, 'mcp_info': {}, 'created_by': 'admin',
    'updated_by': 'admin',
}


# LiteLLM 1.80.17's UpdateMCPServerRequest: the fields a PUT resets to these when it leaves them out (model_dump
# with exclude_none; the alias is always written).
REPLACED_BY_DEFAULT = {'alias': None, 'transport': 'sse', 'mcp_access_groups': [], 'args': [], 'env': {},
                       'allow_all_keys': False}


def default_alias(body):
    """LiteLLM's validate_and_normalize_mcp_server_payload: the alias, else the name, spaces as underscores."""
    alias = body.get('alias') or body.get('server_name')
    return alias.replace(' ', '_') if alias else alias


def refuse_separator(body):
    for field in ('server_name', 'alias'):
        if '-' in (body.get(field) or ''):
            raise FakeAnswer(400, {'detail': {'error': "Server name cannot contain '-'. Use an alternative character "
                                                       "instead Found: %s" % body[field]}})


class McpServerProxy(FakeClient):

    def __init__(self, servers=(), v1_80=False):
        super(McpServerProxy, self).__init__()
        self.v1_80 = v1_80
        if v1_80:
            self.litellm_version = '1.80.17'
        self.servers = {}
        self.secrets = {}  # server_id -> the credentials last written (what the proxy keeps, never shows)
        for server in servers:
            self.add_server(**server)
        # The list carries no health; /health gives each server's status (no error); a read by id both.
        self.route('GET', '/v1/mcp/server', lambda query, path: [dict(s, credentials=None, status=None)
                                                                 for s in self.servers.values()])
        self.route('GET', '/v1/mcp/server/health', self.health)
        self.route('GET', '/v1/mcp/server/(.+)', lambda query, path: self.shown(self.server_at(path)))
        self.route('POST', '/v1/mcp/server', self.create)
        self.route('PUT', '/v1/mcp/server', self.update)
        self.route('DELETE', '/v1/mcp/server/(.+)', self.remove)

    def add_server(self, **fields):
        row = copy.deepcopy(SERVER_DEFAULTS)
        row['alias'] = default_alias(fields)  # unless given (None: a 1.80 server whose alias a partial PUT reset)
        row.update(fields)
        if self.v1_80:
            row.pop('available_on_public_internet', None)  # (1.80.17 has no such field)
        row.setdefault('server_id', self.new_id())
        row['created_at'] = row['updated_at'] = self.now()
        self.secrets[row['server_id']] = row.pop('credentials', None)
        row['credentials'] = None
        self.servers[row['server_id']] = row
        return row

    def shown(self, row):
        shown = dict(row, credentials=None)
        unhealthy = row.get('url') == UNREACHABLE
        shown.update(status='unhealthy' if unhealthy else 'healthy',
                     health_check_error='All connection attempts failed' if unhealthy else None)
        return shown

    def health(self, query, path):
        wanted = query.get('server_ids') or list(self.servers)
        return [{'server_id': i, 'status': self.shown(self.servers[i])['status']} for i in wanted if i in self.servers]

    def server_at(self, path):
        server_id = path.rsplit('/', 1)[1]
        if server_id not in self.servers:
            raise FakeAnswer(404, {'detail': 'MCP Server with id %s not found' % server_id})
        return self.servers[server_id]

    def create(self, body, path):
        refuse_separator(body)
        if body.get('server_id') in self.servers:
            raise FakeAnswer(400, {'detail': {'error': 'MCP Server with id %s already exists' % body['server_id']}})
        names = set(str(s.get(f) or '').lower() for s in self.servers.values() for f in ('server_name', 'alias'))
        if str(body.get('server_name') or '').lower() in names:
            raise FakeAnswer(400, {'detail': {'error': 'MCP server names and aliases must be unique, '
                                                       'case-insensitive'}})
        row = self.add_server(**body)
        return dict(row, credentials=None)

    def update(self, body, path):
        refuse_separator(body)
        row = self.server_at('/' + body.pop('server_id'))
        if self.v1_80 or body.get('server_name'):
            body['alias'] = default_alias(body)
        if self.v1_80:
            body = dict(REPLACED_BY_DEFAULT, **dict((k, v) for k, v in body.items() if v is not None))
        if 'credentials' in body:
            self.secrets[row['server_id']] = body.pop('credentials')
        row.update(body, updated_at=self.now())
        return dict(row, credentials=None)

    def remove(self, body, path):
        self.servers.pop(self.server_at(path)['server_id'])
        return None
