# -*- coding: utf-8 -*-
# The credential endpoints of LiteLLM 1.108.7 (proxy/credential_endpoints/endpoints.py) over FakeClient:
# POST /credentials (409 on a taken name, 422 without credential_info), GET /credentials/by_name/{name}
# (404; values masked when their name holds a secret word, first 2 + 4 stars + last 2), GET /credentials,
# PATCH /credentials/{name} (values merged, credential_values_to_delete removes, info required, a credential_name
# in the body must be the path's: 400), DELETE (404). FakeCredentialProxy(v1_80=True) is LiteLLM 1.80.17: its
# PATCH requires credential_name and credential_values in the body too (422).

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy

try:
    from urllib.parse import unquote
except ImportError:
    from urllib import unquote

from ansible_collections.berriai.litellm.tests.unit.plugins.module_utils.fake_proxy import FakeAnswer, FakeClient

SECRET_WORDS = ('authorization', 'token', 'key', 'secret', 'vertex_credentials', 'credentials', 'password', 'passwd')


def proxy_mask(values):
    def mask(value):
        if not isinstance(value, str):
            return value
        return '*****' if len(value) <= 4 else value[:2] + '****' + value[-2:]
    return dict((k, mask(v) if any(w in k.lower() for w in SECRET_WORDS) else v) for k, v in values.items())


class FakeCredentialProxy(FakeClient):

    def __init__(self, credentials=(), race=None, v1_80=False):
        super(FakeCredentialProxy, self).__init__()
        self.v1_80 = v1_80
        if v1_80:
            self.litellm_version = '1.80.17'
        self.credentials = {}
        self.race = race  # a credential another run creates just before our POST
        for credential in credentials:
            self.add(**credential)
        self.route('GET', '/credentials/by_name/(.+)', self.by_name)
        self.route('GET', '/credentials', self.list_all)
        self.route('POST', '/credentials', self.create)
        self.route('PATCH', '/credentials/(.+)', self.update)
        self.route('DELETE', '/credentials/(.+)', self.remove)

    def add(self, credential_name, credential_values, credential_info=None, display_name=None, source='db'):
        self.credentials[credential_name] = {
            'credential_name': credential_name, 'credential_values': dict(credential_values),
            'credential_info': dict(credential_info or {}), 'display_name': display_name, 'source': source}

    @staticmethod
    def _name(path):
        return unquote(path.split('/', 2)[2].split('/', 1)[1] if path.startswith('/credentials/by_name/')
                       else path.split('/', 2)[2])

    def _find(self, path):
        name = self._name(path)
        if name not in self.credentials:
            raise FakeAnswer(404, {'detail': 'Credential not found. Got credential name: ' + name})
        return self.credentials[name]

    def view(self, row):
        return dict(copy.deepcopy(row), credential_values=proxy_mask(row['credential_values']))

    def by_name(self, query, path):
        return self.view(self._find(path))

    def list_all(self, query, path):
        return {'success': True, 'credentials': [self.view(row) for row in self.credentials.values()]}

    def create(self, body, path):
        if 'credential_info' not in body:
            raise FakeAnswer(422, {'detail': [{'loc': ['body', 'credential_info'], 'msg': 'Field required'}]})
        if self.race:
            self.add(**self.race)
            self.race = None
        if body['credential_name'] in self.credentials:
            raise FakeAnswer(409, {'detail': "Credential '%s' already exists." % body['credential_name']})
        self.add(body['credential_name'], body['credential_values'], body['credential_info'],
                 body.get('display_name'))
        return {'success': True, 'message': 'Credential created successfully'}

    def update(self, body, path):
        for field in ('credential_info', 'credential_name', 'credential_values') if self.v1_80 else ('credential_info',):
            if field not in body:
                raise FakeAnswer(422, {'detail': [{'loc': ['body', field], 'msg': 'Field required'}]})
        row = self._find(path)
        if body.get('credential_name') not in (None, row['credential_name']):
            raise FakeAnswer(400, {'error': {'message': 'credential_name is immutable.'}})
        row['credential_values'].update(body.get('credential_values') or {})
        for name in body.get('credential_values_to_delete') or ():
            row['credential_values'].pop(name, None)
        row['credential_info'].update(body['credential_info'])
        if 'display_name' in body:
            row['display_name'] = body['display_name']
        return {'success': True, 'message': 'Credential updated successfully'}

    def remove(self, body, path):
        del self.credentials[self._find(path)['credential_name']]
        return {'success': True}
