# -*- coding: utf-8 -*-
# The model endpoints of LiteLLM 1.108.7 over FakeClient: POST /model/new (500 without store_model_in_db, 500
# "Failed to add model to db" for a taken id; the answer's litellm_params are ciphertext), GET /model/info
# ?litellm_model_id= (400 "Model id = X not found on litellm proxy"; api_key left out), GET /v2/model/info
# (paged, filtered by model name), PATCH /model/{id}/update (partial merge; 404; 400 for a config model),
# POST /model/delete (400 "not found in db"). Reads add LiteLLM's defaults to litellm_params and entries of its
# cost map to model_info (1.108.7 adds some 190), none of which were sent.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy

from ansible_collections.berriai.litellm.tests.unit.plugins.module_utils.fake_proxy import (
    FakeAnswer, FakeClient, page_of)

SECRET_PARAMS = ('api_key', 'aws_secret_access_key', 'vertex_credentials')
ADDED_PARAMS = {'use_in_pass_through': False, 'use_litellm_proxy': False, 'merge_reasoning_content_in_choices': False}
ADDED_INFO = {'input_cost_per_token': 1.5e-07, 'max_tokens': 16384, 'litellm_provider': 'openai', 'key': 'gpt-4o-mini',
              'supports_vision': True, 'mode': 'chat'}


class FakeModelProxy(FakeClient):

    def __init__(self, models=(), store_model_in_db=True):
        super(FakeModelProxy, self).__init__()
        self.models = {}
        self.store_model_in_db = store_model_in_db
        for model in models:
            self.add(**model)
        self.route('GET', '/model/info', self.info)
        self.route('GET', '/v2/model/info', self.listing)
        self.route('POST', '/model/new', self.create)
        self.route('PATCH', '/model/([^/]+)/update', self.update)
        self.route('POST', '/model/delete', self.remove)

    def add(self, model_name, litellm_params, model_info=None, model_id=None, db_model=True):
        model_id = model_id or self.new_id()
        info = dict(model_info or {}, id=model_id, db_model=db_model)
        self.models[model_id] = {'model_name': model_name, 'litellm_params': dict(litellm_params),
                                 'model_info': info}
        return model_id

    def view(self, row):
        row = copy.deepcopy(row)
        for name in SECRET_PARAMS:
            row['litellm_params'].pop(name, None)
        row['litellm_params'] = dict(ADDED_PARAMS, **row['litellm_params'])
        row['model_info'] = dict(ADDED_INFO, **row['model_info'])
        return row

    def info(self, query, path):
        model_id = query['litellm_model_id']
        if model_id not in self.models:
            raise FakeAnswer(400, {'detail': {'error': 'Model id = %s not found on litellm proxy' % model_id}})
        return {'data': [self.view(self.models[model_id])]}

    def listing(self, query, path):
        rows = [self.view(row) for row in self.models.values()
                if not query.get('model') or row['model_name'] == query['model']]
        return page_of(rows, query, 'data')

    def create(self, body, path):
        if not self.store_model_in_db:
            raise FakeAnswer(500, {'detail': {'error': "Set `'STORE_MODEL_IN_DB='True'` in your env to enable this "
                                                       "feature."}})
        model_id = body['model_info'].get('id')
        if model_id in self.models:
            raise FakeAnswer(500, {'detail': {'error': 'Failed to add model to db. Check your server logs for more '
                                                       'details.'}})
        model_id = self.add(body['model_name'], body['litellm_params'], body['model_info'], model_id)
        return {'model_id': model_id, 'model_name': body['model_name'],
                'litellm_params': dict((k, 'gAAAA-ciphertext') for k in body['litellm_params'])}

    def update(self, body, path):
        model_id = path.split('/')[2]
        row = self.models.get(model_id)
        if row is None:
            raise FakeAnswer(404, {'error': {'message': 'Model %s not found on proxy.' % model_id}})
        if not row['model_info']['db_model']:
            raise FakeAnswer(400, {'error': {'message': 'Cannot edit config-based model.'}})
        row['model_name'] = body.get('model_name') or row['model_name']
        row['litellm_params'].update(body.get('litellm_params') or {})
        row['model_info'].update(body.get('model_info') or {})
        return {'model_id': model_id, 'litellm_params': {'model': 'gAAAA-ciphertext'}}

    def remove(self, body, path):
        row = self.models.get(body['id'])
        if row is None or not row['model_info']['db_model']:
            raise FakeAnswer(400, {'detail': {'error': 'Model with id=%s not found in db' % body['id']}})
        del self.models[body['id']]
        return {'message': 'Model: %s deleted successfully' % body['id']}
