# -*- coding: utf-8 -*-
# The budget endpoints of LiteLLM 1.108.7 (proxy/management_endpoints/budget_management_endpoints.py) over
# FakeClient, as measured: POST /budget/new (the row; a taken budget_id: 400 "already exists"; a model_max_budget
# without an Enterprise licence: 400), POST /budget/update (partial: the fields sent, null clears; a missing budget:
# 200 null), GET /budget/list (every row), POST /budget/delete {id} (the row; missing: 200 null), GET /health/license.
# FakeBudgetProxy(v1_80=True) is LiteLLM 1.80.17: no tpd_limit (dropped), model_max_budget kept without a licence,
# a taken budget_id is a database error (500).

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy

from ansible_collections.berriai.litellm.tests.unit.plugins.module_utils.fake_proxy import FakeAnswer, FakeClient

COLUMNS = ('max_budget', 'soft_budget', 'max_parallel_requests', 'tpm_limit', 'rpm_limit', 'tpd_limit',
           'model_max_budget', 'budget_duration', 'budget_reset_at')


class FakeBudgetProxy(FakeClient):

    def __init__(self, budgets=(), v1_80=False, licence='community'):
        super(FakeBudgetProxy, self).__init__()
        self.v1_80 = v1_80
        if v1_80:
            self.litellm_version = '1.80.17'
        self.licence = licence
        self.dropped = ()  # fields the writes accept but do not keep (a proxy that loses a field)
        self.budgets = {}
        for budget in budgets:
            self.add(**budget)
        self.route('GET', '/budget/list', lambda query, path: [copy.deepcopy(b) for b in self.budgets.values()])
        self.route('POST', '/budget/new', self.create)
        self.route('POST', '/budget/update', self.update)
        self.route('POST', '/budget/delete', self.remove)
        self.route('GET', '/health/license', lambda query, path: {'license_type': self.licence})

    def columns(self):
        return [c for c in COLUMNS if not (self.v1_80 and c == 'tpd_limit')]

    def add(self, budget_id, **fields):
        row = dict((c, None) for c in self.columns())
        row.update((name, value) for name, value in fields.items() if name in self.columns())
        row.update(budget_id=budget_id, created_by='default_user_id', updated_by='default_user_id',
                   created_at=self.now(), updated_at=self.now())
        self.budgets[budget_id] = row
        return row

    def check(self, body):
        if body.get('model_max_budget') and not self.v1_80 and self.licence != 'enterprise':
            raise FakeAnswer(400, {'detail': {'error': 'Invalid model_max_budget: You must have an enterprise '
                                                       'license to set model_max_budget.'}})

    def create(self, body, path):
        self.check(body)
        if body.get('budget_id') in self.budgets:
            if self.v1_80:
                raise FakeAnswer(500, {'error': {'message': 'Unique constraint failed on the fields: (`budget_id`)'}})
            raise FakeAnswer(400, {'detail': {'error': "Budget with id '%s' already exists." % body['budget_id']}})
        budget_id = body.pop('budget_id', None) or self.new_id()
        fields = dict((name, value) for name, value in body.items() if value is not None)
        if fields.get('budget_duration'):
            fields['budget_reset_at'] = '2026-12-31T00:00:00Z'
        return copy.deepcopy(self.add(budget_id, **fields))

    def update(self, body, path):
        self.check(body)
        row = self.budgets.get(body.get('budget_id'))
        if row is None:
            return None
        row.update((name, value) for name, value in body.items() if name in self.columns() and name not in self.dropped)
        row['updated_at'] = self.now()
        return copy.deepcopy(row)

    def remove(self, body, path):
        return copy.deepcopy(self.budgets.pop(body['id'], None))
