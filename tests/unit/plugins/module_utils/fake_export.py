# -*- coding: utf-8 -*-
# A fake proxy holding every kind litellm_export reads, in the shapes of LiteLLM 1.108.7: /v2/team/list
# (page_size), /team/info with members_with_roles and team_memberships (member budgets), /key/list
# (return_full_object), /user/list (page_size), /credentials (masked), /v2/model/info (paged, config and DB
# models), /customer/list (one answer), and the MCP servers of fake_mcp_server.py. Pages are small so
# that the tests see every page read.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.berriai.litellm.tests.unit.plugins.module_utils.fake_mcp_server import McpServerProxy
from ansible_collections.berriai.litellm.tests.unit.plugins.module_utils.fake_proxy import FakeAnswer, page_of

SERVER_SIDE = {'spend': 3.5, 'created_at': '2026-11-26T22:35:10.000000Z', 'budget_reset_at': None,
               'updated_at': '2026-11-26T22:35:10.000000Z'}


class ExportProxy(McpServerProxy):

    def __init__(self, teams=(), keys=(), users=(), members=(), servers=(), credentials=(), models=(), customers=(),
                 groups=(), v1_80=False, budgets=()):
        super(ExportProxy, self).__init__(servers)
        # unified access groups as GET /v1/access_group answers them (LiteLLM 1.80 has no such route: 404); v1_80:
        # LiteLLM 1.80's /key/list rows, without the key's budget
        self.groups = list(groups)
        self.route('GET', '/v1/access_group', self.access_groups)
        self.v1_80_groups = v1_80
        self.budgets = list(budgets)  # GET /budget/list rows
        self.route('GET', '/budget/list', lambda q, p: self.budgets)
        self.credentials = list(credentials)  # as GET /credentials shows them: secret values masked
        self.models = list(models)  # /v2/model/info rows
        self.route('GET', '/credentials', lambda q, p: {'credentials': self.credentials})
        self.route('GET', '/v2/model/info', lambda q, p: page_of(self.models, q, 'data'))
        self.teams = [dict(SERVER_SIDE, **t) for t in teams]
        # /key/list's rows carry budget_id (null without a budget); LiteLLM 1.80's leave it out (/key/info has it)
        self.keys = [dict(dict(SERVER_SIDE, budget_id=None), **k) for k in keys]
        self.route('GET', '/key/info', self.key_info)
        self.users = [dict(SERVER_SIDE, **u) for u in users]
        self.members = list(members)  # {team_id, user_id, role, max_budget...}
        self.route('GET', '/v2/team/list', lambda q, p: page_of(self.teams, q, 'teams', 'page_size'))
        self.route('GET', '/key/list', lambda q, p: page_of(self.listed_keys(), q, 'keys'))
        self.route('GET', '/user/list', lambda q, p: page_of(self.users, q, 'users', 'page_size'))
        self.route('GET', '/team/info', self.team_info)
        self.customers = list(customers)  # /customer/list rows, their budget in litellm_budget_table
        self.route('GET', '/customer/list', lambda q, p: self.customers)

    def listed_keys(self):
        if not self.v1_80_groups:
            return self.keys
        return [dict((name, value) for name, value in k.items() if name not in ('budget_id', 'litellm_budget_table'))
                for k in self.keys]

    def key_info(self, query, path):
        found = [k for k in self.keys if k['token'] == query['key']]
        if not found:
            raise FakeAnswer(404, {'detail': 'Key not found'})
        return {'key': query['key'], 'info': dict((name, value) for name, value in found[0].items() if name != 'token')}

    def access_groups(self, query, path):
        if self.v1_80_groups:
            raise FakeAnswer(404, {'detail': 'Not Found'})
        aliases = dict((k['token'], k.get('key_alias')) for k in self.keys)
        return [dict(g, assigned_keys=[{'id': t, 'name': aliases.get(t)} for t in g.get('assigned_key_ids') or []],
                     assigned_teams=[{'id': t, 'name': None} for t in g.get('assigned_team_ids') or []])
                for g in self.groups]

    def team_info(self, query, path):
        team = [t for t in self.teams if t['team_id'] == query['team_id']]
        if not team:
            raise FakeAnswer(404, {'detail': 'team not found'})
        members = [m for m in self.members if m['team_id'] == query['team_id']]
        roles = [{'user_id': m['user_id'], 'user_email': None, 'role': m.get('role', 'user')} for m in members]
        budgets = [{'user_id': m['user_id'], 'team_id': m['team_id'], 'litellm_budget_table': dict(
            (name, m.get(name)) for name in ('max_budget', 'budget_duration', 'tpm_limit', 'rpm_limit', 'allowed_models'))}
            for m in members]
        return {'team_id': query['team_id'], 'team_info': dict(team[0], members_with_roles=roles),
                'team_memberships': budgets, 'keys': []}
