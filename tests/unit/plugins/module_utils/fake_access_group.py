# -*- coding: utf-8 -*-
# The fake proxy's unified access groups, on the fake teams and keys (fake_litellm.FakeLiteLLM), in the shapes
# LiteLLM 1.108.7 answers (proxy/management_endpoints/access_group_endpoints.py): POST /v1/access_group answers 201
# with the group (409 for a name that exists, 400 "Unknown team ids"; keys and MCP servers are not checked);
# GET /v1/access_group lists every group, GET/PUT/DELETE /v1/access_group/{id} answer 404 for a missing one; a PUT
# changes the fields it sends; DELETE answers 204 (no body). Every answer names the resources beside their ids
# (assigned_teams: team aliases, assigned_keys: key aliases, access_mcp_servers: alias or name), and the teams and
# keys carry the group in their access_group_ids. AccessGroupProxy(v1_80=True) is LiteLLM 1.80.17: no such route.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy

from ansible_collections.berriai.litellm.tests.unit.plugins.module_utils.fake_proxy import FakeAnswer
from ansible_collections.berriai.litellm.tests.unit.plugins.module_utils.fake_litellm import FakeLiteLLM

LISTS = ('access_model_names', 'access_mcp_server_ids', 'access_agent_ids', 'access_skill_names',
         'assigned_team_ids', 'assigned_key_ids')
NOT_FOUND = {'detail': 'Not Found'}


class AccessGroupProxy(FakeLiteLLM):

    def __init__(self, teams=(), keys=(), groups=(), mcp_servers=(), v1_80=False):
        super(AccessGroupProxy, self).__init__(teams=teams, keys=keys)
        self.groups = {}
        self.mcp_servers = dict((s['server_id'], dict(s)) for s in mcp_servers)
        if v1_80:
            self.litellm_version = '1.80.17'
            for method in ('GET', 'POST', 'PUT', 'DELETE'):
                self.route(method, '/v1/access_group(/.+)?', self.no_route)
        else:
            self.route('GET', '/v1/access_group', lambda query, path: [self.shown(g) for g in self.groups.values()])
            self.route('POST', '/v1/access_group', self.create)
            self.route('GET', '/v1/access_group/(.+)', lambda query, path: self.shown(self.group_at(path)))
            self.route('PUT', '/v1/access_group/(.+)', self.update)
            self.route('DELETE', '/v1/access_group/(.+)', self.remove)
        for group in groups:
            self.add_group(**group)

    @staticmethod
    def no_route(payload, path):
        raise FakeAnswer(404, NOT_FOUND)

    def add_group(self, **fields):
        row = dict((name, []) for name in LISTS)
        row.update(description=None, mcp_tool_permissions=None, created_by='default_user_id',
                   updated_by='default_user_id')
        row.update(copy.deepcopy(fields))
        row['access_group_id'] = row.get('access_group_id') or self.new_id()
        row['created_at'] = row['updated_at'] = self.now()
        self.groups[row['access_group_id']] = row
        self.link(row, row['assigned_team_ids'], row['assigned_key_ids'], [])
        return row

    def link(self, row, teams, keys, dropped):
        group_id = row['access_group_id']
        for rows, ids in ((self.teams, teams), (self.live, keys)):
            for found in ids:
                if found in rows and group_id not in (rows[found].get('access_group_ids') or []):
                    rows[found]['access_group_ids'] = list(rows[found].get('access_group_ids') or []) + [group_id]
        for rows in (self.teams, self.live):
            for found in dropped:
                if found in rows:
                    rows[found]['access_group_ids'] = [g for g in rows[found].get('access_group_ids') or []
                                                       if g != group_id]

    def group_at(self, path):
        group = self.groups.get(path.rsplit('/', 1)[1])
        if group is None:
            raise FakeAnswer(404, {'detail': "Access group '%s' not found" % path.rsplit('/', 1)[1]})
        return group

    def shown(self, row):
        shown = copy.deepcopy(row)
        teams = [t for t in row['assigned_team_ids'] if t in self.teams]  # the proxy leaves out teams now gone
        shown['assigned_team_ids'] = teams
        shown['assigned_teams'] = [{'id': t, 'name': self.teams[t].get('team_alias')} for t in teams]
        shown['assigned_keys'] = [{'id': k, 'name': (self.live.get(k) or {}).get('key_alias')}
                                  for k in row['assigned_key_ids']]
        shown['access_mcp_servers'] = [{'id': s, 'name': (self.mcp_servers.get(s) or {}).get('alias')
                                        or (self.mcp_servers.get(s) or {}).get('server_name')}
                                       for s in row['access_mcp_server_ids']]
        shown['access_agents'] = []
        return shown

    def check_teams(self, body):
        unknown = sorted(set(body.get('assigned_team_ids') or []) - set(self.teams))
        if unknown:
            raise FakeAnswer(400, {'detail': 'Unknown team ids: %s' % ', '.join(unknown)})

    def create(self, body, path):
        if any(g['access_group_name'] == body['access_group_name'] for g in self.groups.values()):
            raise FakeAnswer(409, {'detail': "Access group '%s' already exists" % body['access_group_name']})
        self.check_teams(body)
        return self.shown(self.add_group(**body))

    def update(self, body, path):
        row = self.group_at(path)
        self.check_teams(body)
        old = set(row['assigned_team_ids']) | set(row['assigned_key_ids'])
        row.update(copy.deepcopy(body))
        row['updated_at'] = self.now()
        new = set(row['assigned_team_ids']) | set(row['assigned_key_ids'])
        self.link(row, row['assigned_team_ids'], row['assigned_key_ids'], old - new)
        return self.shown(row)

    def remove(self, query, path):
        row = self.group_at(path)
        self.link(row, [], [], row['assigned_team_ids'] + row['assigned_key_ids'])
        del self.groups[row['access_group_id']]
        return None
