# -*- coding: utf-8 -*-
# An in-memory LiteLLM 1.108.7 for users and team members, on the shared FakeClient. It answers as the real proxy
# does (verified on it): /user/new mints a key unless auto_create_key is false, /user/update creates a missing user,
# emails are unique (409), /user/delete deletes every key of the user, /team/member_add creates a missing user and
# answers 400 team_member_already_in_team to a repeat, /team/member_update on a non-member leaves an orphan budget
# row, /team/member_delete deletes the member's keys in that team, role admin is refused (no licence).

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy

from ansible_collections.berriai.litellm.tests.unit.plugins.module_utils.fake_proxy import (
    FakeAnswer, FakeClient, page_of)

PREMIUM = 'Assigning team admins is a premium feature. You must be a LiteLLM Enterprise user to use this feature.'
USER_DEFAULTS = {'user_alias': None, 'user_role': 'internal_user', 'models': [], 'max_budget': None,
                 'budget_duration': None, 'tpm_limit': None, 'rpm_limit': None, 'metadata': {}, 'teams': [],
                 'spend': 0.0}
BUDGET_COLUMNS = ('max_budget', 'budget_duration', 'tpm_limit', 'rpm_limit', 'allowed_models')


def _error(status, message, error_type=None):
    return FakeAnswer(status, {'error': {'message': message, 'type': error_type, 'code': str(status)}})


class FakeUsers(FakeClient):

    def __init__(self):
        super(FakeUsers, self).__init__()
        self.users = {}
        self.teams = {}
        self.keys = []
        self.memberships = {}  # (team_id, user_id) -> budget row
        self.caller = None  # the user of the api_key; None: the master key
        # LiteLLM 1.80.17: a member added by id shows no user_email in members_with_roles, and adding a member
        # again answers 200 and changes nothing (1.108 answers 400 team_member_already_in_team)
        self.legacy = False
        for method, path, handler in (
                ('GET', '/user/info', self._user_info), ('GET', '/user/list', self._user_list),
                ('POST', '/user/new', self._user_new), ('POST', '/user/update', self._user_update),
                ('POST', '/user/delete', self._user_delete), ('GET', '/team/info', self._team_info),
                ('GET', '/v2/team/list', self._team_list), ('POST', '/team/member_add', self._member_add),
                ('POST', '/team/member_update', self._member_update),
                ('POST', '/team/member_delete', self._member_delete), ('GET', '/key/list', self._key_list),
                ('GET', '/key/info', self._key_info),
                ('GET', '/health/license', lambda query, path: {'has_license': False, 'license_type': 'community'})):
            self.route(method, path, handler)

    # -- set-up --

    def add_user(self, user_id=None, **fields):
        row = copy.deepcopy(USER_DEFAULTS)
        row.update(fields, user_id=user_id or self.new_id(), created_at=self.now())
        self.users[row['user_id']] = row
        return row

    def add_team(self, team_id, team_alias=None):
        self.teams[team_id] = {'team_id': team_id, 'team_alias': team_alias,
                               'members_with_roles': [{'user_id': 'default_user_id', 'user_email': None,
                                                       'role': 'admin'}]}
        return self.teams[team_id]

    def add_key(self, user_id, team_id=None, key_alias=None):
        key = {'token': '%064x' % (len(self.keys) + 1), 'key_name': 'sk-...%04d' % (len(self.keys) + 1),
               'key_alias': key_alias, 'user_id': user_id, 'team_id': team_id}
        self.keys.append(key)
        return key

    def members(self, team_id):
        return self.teams[team_id]['members_with_roles']

    # -- users --

    def _user_info(self, query, path):
        user = self.users.get(query.get('user_id'))
        if user is None:
            raise _error(404, 'User %s not found' % query.get('user_id'))
        return {'user_id': user['user_id'], 'user_info': user, 'teams': [],
                'keys': [k for k in self.keys if k['user_id'] == user['user_id']]}

    def _user_list(self, query, path):
        users = sorted(self.users.values(), key=lambda u: u['user_id'])
        if query.get('user_email'):  # part of the e-mail, ignoring case (measured on 1.108.7 and 1.80.17)
            users = [u for u in users if query['user_email'].lower() in (u.get('user_email') or '').lower()]
        if query.get('user_ids'):
            users = [u for u in users if u['user_id'] in query['user_ids'].split(',')]
        return page_of(users, query, 'users', size_param='page_size')

    def _user_new(self, body, path):
        if body.get('user_id') in self.users:
            raise _error(409, 'User with id %s already exists' % body['user_id'])
        if body.get('user_email') and any(u.get('user_email') == body['user_email'] for u in self.users.values()):
            raise _error(409, 'User with email %s already exists' % body['user_email'])
        minted = body.pop('auto_create_key', True)
        user = self.add_user(**body)
        answer = dict(user, key='')
        if minted:
            answer['key'] = 'sk-minted-%s' % user['user_id']
            self.add_key(user['user_id'], key_alias=None)
        return answer

    def _user_update(self, body, path):
        user = self.users.get(body.get('user_id'))
        if user is None:  # LiteLLM 1.108 upserts
            user = self.add_user(body['user_id'])
        for name, value in body.items():
            if name == 'models' and value == []:
                continue  # dropped by the proxy
            user[name] = value
        return {'user_id': user['user_id'], 'data': user}

    def _user_delete(self, body, path):
        ids = body.get('user_ids') or []
        if any(i not in self.users for i in ids):
            raise _error(404, 'user not found')
        for user_id in ids:
            del self.users[user_id]
            self.keys = [k for k in self.keys if k['user_id'] != user_id]
            for team in self.teams.values():
                team['members_with_roles'] = [m for m in team['members_with_roles'] if m['user_id'] != user_id]
        return 1

    def _key_info(self, query, path):
        if query.get('key'):
            raise AssertionError('the fake serves /key/info for the caller only')
        if self.caller is None:
            raise _error(404, 'Key not found in database')  # the master key
        return {'key': 'hashed', 'info': {'user_id': self.caller}}

    def _key_list(self, query, path):
        keys = [dict(k, key='sk-secret-of-%s' % k['token'][-4:]) for k in self.keys
                if not query.get('user_id') or k['user_id'] == query['user_id']]
        return page_of(keys, query, 'keys')

    # -- teams and members --

    def _team(self, team_id):
        team = self.teams.get(team_id)
        if team is None:
            raise _error(404, "Team doesn't exist in db. Team=%s" % team_id)
        return team

    def _team_info(self, query, path):
        team = self._team(query.get('team_id'))
        memberships = [{'user_id': user_id, 'team_id': team_id, 'litellm_budget_table': budget}
                       for (team_id, user_id), budget in sorted(self.memberships.items()) if team_id == team['team_id']]
        return {'team_id': team['team_id'], 'team_info': team, 'team_memberships': memberships,
                'keys': [k for k in self.keys if k['team_id'] == team['team_id']]}

    def _team_list(self, query, path):
        teams = [t for t in self.teams.values() if query.get('team_alias', '') in (t.get('team_alias') or '')]
        return page_of(teams, query, 'teams', size_param='page_size')

    def _member_add(self, body, path):
        team = self._team(body.get('team_id'))
        many = isinstance(body['member'], list)
        members = body['member'] if many else [body['member']]
        if any(m.get('role') == 'admin' for m in members):
            raise _error(400, PREMIUM)
        new = [m for m in members if not self._in_team(team, m)]
        if not new and self.legacy:
            return {'team_id': team['team_id'], 'updated_users': [], 'updated_team_memberships': []}
        if not new:
            raise _error(400, 'User already in team. Member: user_id=%s' % members[0].get('user_id'),
                         'team_member_already_in_team')
        users = []
        for member in new:
            user = self.users.get(member.get('user_id')) or next(
                (u for u in self.users.values()
                 if member.get('user_email') and u.get('user_email') == member['user_email']),
                None) or self.add_user(member.get('user_id'), user_email=member.get('user_email'))
            if self.legacy and any(m['user_id'] == user['user_id'] for m in team['members_with_roles']):
                continue  # 1.80: 200, nothing changed
            shown = member.get('user_email') if self.legacy else user.get('user_email')
            team['members_with_roles'].append({'user_id': user['user_id'], 'user_email': shown,
                                               'role': member['role']})
            self._set_budget(team['team_id'], user['user_id'], body)
            users.append(user)
        return {'team_id': team['team_id'], 'updated_users': users, 'updated_team_memberships': []}

    @staticmethod
    def _in_team(team, member):
        return any(m['user_id'] == member.get('user_id') or (member.get('user_email') and m['user_email'] ==
                                                             member['user_email']) for m in team['members_with_roles'])

    def _set_budget(self, team_id, user_id, settings):
        budget = self.memberships.setdefault((team_id, user_id), dict((c, None) for c in BUDGET_COLUMNS))
        sent = dict(settings, max_budget=settings.get('max_budget_in_team'))
        for column in BUDGET_COLUMNS:
            if column in sent and (column != 'max_budget' or 'max_budget_in_team' in settings):
                budget[column] = sent[column]

    def _member_update(self, body, path):
        team = self._team(body.get('team_id'))
        if body.get('role') == 'admin':
            raise _error(400, PREMIUM)
        self._set_budget(team['team_id'], body['user_id'], body)
        for member in team['members_with_roles']:
            if member['user_id'] == body['user_id'] and body.get('role'):
                member['role'] = body['role']
        return dict(body)

    def _member_delete(self, body, path):
        team = self._team(body.get('team_id'))
        if not any(m['user_id'] == body.get('user_id') for m in team['members_with_roles']):
            raise _error(400, 'User not found in team')
        team['members_with_roles'] = [m for m in team['members_with_roles'] if m['user_id'] != body['user_id']]
        self.memberships.pop((team['team_id'], body['user_id']), None)
        self.keys = [k for k in self.keys if not (k['user_id'] == body['user_id'] and k['team_id'] == team['team_id'])]
        return {'team_id': team['team_id']}


def research_with_ann():
    """The proxy the membership tests start from: the team t1 (research) and the user ann, not yet a member."""
    fake = FakeUsers()
    fake.add_team('t1', 'research')
    fake.add_user('ann', user_email='ann@example.com')
    return fake
