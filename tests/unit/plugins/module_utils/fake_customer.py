# -*- coding: utf-8 -*-
# The customer endpoints of LiteLLM 1.108.7 (proxy/management_endpoints/customer_endpoints.py) over FakeClient,
# with the budget rows they use (/budget/new, /budget/update): /customer/new (400 on a taken id; a budget field
# makes a budget row with a UUID id), /customer/info?end_user_id= (404), /customer/list, /customer/update (404;
# None is never written, 0 only for a bool, [] only for models; of the budget fields only max_budget, written to
# the customer's budget row, made when it has none), /customer/delete (404 when an id is missing; the budget row
# stays). FakeCustomerProxy(v1_80=True) is LiteLLM 1.80.17: no models, and /customer/update drops every value
# equal to 0 (blocked=false included).

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy
import itertools

from ansible_collections.berriai.litellm.tests.unit.plugins.module_utils.fake_proxy import FakeAnswer, FakeClient

BUDGET_FIELDS = ('max_budget', 'soft_budget', 'max_parallel_requests', 'tpm_limit', 'rpm_limit', 'budget_duration')
ROW_FIELDS = ('alias', 'blocked', 'allowed_model_region', 'default_model', 'models', 'budget_id')


class FakeCustomerProxy(FakeClient):

    def __init__(self, customers=(), budgets=(), v1_80=False):
        super(FakeCustomerProxy, self).__init__()
        self.v1_80 = v1_80
        if v1_80:
            self.litellm_version = '1.80.17'
        self.customers = {}
        self.budgets = {}
        self._uuids = ('%08x-0000-4000-8000-%012x' % (n, n) for n in itertools.count(1))
        for budget in budgets:
            self.budgets[budget['budget_id']] = dict(dict((f, None) for f in BUDGET_FIELDS), **budget)
        for customer in customers:
            self.add(**customer)
        self.route('POST', '/customer/new', self.create)
        self.route('GET', '/customer/info', self.info)
        self.route('GET', '/customer/list', self.list_all)
        self.route('POST', '/customer/update', self.update)
        self.route('POST', '/customer/delete', self.remove)
        self.route('POST', '/budget/new', self.budget_new)
        self.route('POST', '/budget/update', self.budget_update)
        self.route('GET', '/budget/list', lambda query, path: [copy.deepcopy(b) for b in self.budgets.values()])

    def new_budget(self, fields):
        budget_id = fields.get('budget_id') or next(self._uuids)
        self.budgets[budget_id] = dict(dict((f, None) for f in BUDGET_FIELDS), budget_id=budget_id,
                                       **dict((f, fields.get(f)) for f in BUDGET_FIELDS if fields.get(f) is not None))
        return budget_id

    def add(self, user_id, **fields):
        row = {'user_id': user_id, 'alias': None, 'blocked': False, 'allowed_model_region': None,
               'default_model': None, 'budget_id': None, 'spend': 0.0}
        if not self.v1_80:
            row['models'] = []
        if any(fields.get(f) is not None for f in BUDGET_FIELDS):
            row['budget_id'] = self.new_budget(fields)
        for name in ROW_FIELDS:
            if fields.get(name) is not None and (name != 'models' or not self.v1_80):
                row[name] = fields[name]
        self.customers[user_id] = row

    def view(self, row):
        record = copy.deepcopy(row)
        budget = self.budgets.get(row['budget_id'])
        record['litellm_budget_table'] = copy.deepcopy(budget) if budget else None
        if self.v1_80:
            record = dict((k, v) for k, v in record.items() if v is not None)  # model_dump(exclude_none=True)
        return record

    def _find(self, user_id, param='user_id'):
        if user_id not in self.customers:
            raise FakeAnswer(404, {'error': {'message': 'End User Id=%s does not exist in db' % user_id,
                                             'type': 'not_found', 'param': param, 'code': '404'}})
        return self.customers[user_id]

    def create(self, body, path):
        if body['user_id'] in self.customers:
            raise FakeAnswer(400, {'error': {'message': 'Customer already exists, passed user_id=%s. Please pass a '
                                             'new user_id.' % body['user_id'], 'code': '400'}})
        if body.get('max_budget') is not None and body.get('budget_id') is not None:
            raise FakeAnswer(422, {'detail': "Set either 'max_budget' or 'budget_id', not both."})
        self.add(**body)
        return self.view(self.customers[body['user_id']])

    def info(self, query, path):
        return self.view(self._find(query['end_user_id'], 'end_user_id'))

    def list_all(self, query, path):
        rows = [self.view(row) for row in self.customers.values()]
        if self.v1_80:
            for row in rows:
                row.pop('budget_id', None)  # its list's response model has no budget_id (the budget table has)
        return rows

    def keeps(self, name, value):
        if value is None:
            return False
        if self.v1_80:
            return value not in ([], {}, 0)  # blocked=false is 0 too
        if isinstance(value, bool) or name == 'models':
            return True
        return not (isinstance(value, (list, dict)) and not value) and value != 0

    def update(self, body, path):
        row = self._find(body['user_id'])
        for name in ROW_FIELDS:
            if name in body and self.keeps(name, body[name]) and (name != 'models' or not self.v1_80):
                row[name] = body[name]
        if 'max_budget' in body and self.keeps('max_budget', body['max_budget']):
            if row['budget_id'] in self.budgets:
                self.budgets[row['budget_id']]['max_budget'] = body['max_budget']
            else:
                row['budget_id'] = self.new_budget({'max_budget': body['max_budget']})
        return self.view(row)

    def remove(self, body, path):
        missing = [u for u in body['user_ids'] if u not in self.customers]
        if missing:
            raise FakeAnswer(404, {'error': {'message': 'End User Id(s)=%s do not exist in db' % ', '.join(missing)}})
        for user_id in body['user_ids']:
            del self.customers[user_id]
        return {'deleted_customers': len(body['user_ids']), 'message': 'Successfully deleted customers'}

    def budget_new(self, body, path):
        if body.get('budget_id') in self.budgets:
            raise FakeAnswer(400, {'error': "Budget with id '%s' already exists." % body['budget_id']})
        return copy.deepcopy(self.budgets[self.new_budget(body)])

    def budget_update(self, body, path):
        budget = self.budgets.get(body['budget_id'])
        if budget is None:
            return None  # LiteLLM answers 200 null for a missing id
        budget.update(dict((f, body[f]) for f in BUDGET_FIELDS if f in body))
        return copy.deepcopy(budget)
