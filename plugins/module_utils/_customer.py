# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""litellm_customer's logic on the converge cycle (_reconciler.Reconciler), and the reads of customers.

A customer (LiteLLM's end user) is the `user` a caller names in its requests: its id is the caller's choice.
Proxy facts (proxy/management_endpoints/customer_endpoints.py of LiteLLM 1.108.7 and 1.80.17, open source, no
licence): POST /customer/new (400 "already exists" on a taken id; creates a budget row of its own when a budget
field is sent), GET /customer/info?end_user_id= (404), GET /customer/list (every customer, one answer),
POST /customer/update (404; of the budget fields only max_budget, and neither a null nor a 0; models: [] empties
them), POST /customer/delete {user_ids} (404 for a missing id; the customer's budget row stays). /customer/unblock
needs LiteLLM Enterprise (400 without it): a customer is unblocked with /customer/update blocked=false instead.
A customer has no metadata (no field the ownership marker could live in): it is never pruned.

Its budget: either a named budget it shares (budget_id, a budget made with /budget/new or litellm_budget), or a
budget row of its own that the proxy made (a UUID id), whose limits (max_budget, budget_duration, tpm_limit,
rpm_limit) are the customer's settings, changed with /budget/update on that row. The module never deletes a
budget row.

LiteLLM 1.80.17: customers have no models, and /customer/update drops blocked=false (it skips every value equal
to 0), so a blocked customer cannot be unblocked there: both are refused before any write, naming the version.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ansible_collections.berriai.litellm.plugins.module_utils import _compare as compare
from ansible_collections.berriai.litellm.plugins.module_utils._api import LiteLLMError, ParameterError
from ansible_collections.berriai.litellm.plugins.module_utils._declaration import Declaration, Option
from ansible_collections.berriai.litellm.plugins.module_utils._reconciler import Reconciler
from ansible_collections.berriai.litellm.plugins.module_utils._records import Records

REGIONS = ['eu', 'us']
_OWN = 'litellm_budget_table.%s (the budget row LiteLLM made for the customer; /budget/update)'

# litellm_customer's options (plugins/modules/litellm_customer.py documents them): argspec, compared fields,
# result view and export shape.
CUSTOMER = Declaration(
    'customer', 'customers', 'berriai.litellm.litellm_customer', identity=['user_id'], options=[
        Option('user_id', dict(type='str', required=True)),
        Option('alias', dict(type='str'), 'str'),
        Option('blocked', dict(type='bool'), 'bool'),
        Option('allowed_model_region', dict(type='str', choices=REGIONS), 'str'),
        Option('default_model', dict(type='str'), 'str'),
        Option('models', dict(type='list', elements='str'), 'list', where='models (not on LiteLLM 1.80)'),
        Option('budget_id', dict(type='str'), 'id', where='budget_id (a named budget it shares)'),
        Option('max_budget', dict(type='float'), 'float', unlimited=True, where=_OWN % 'max_budget'),
        Option('budget_duration', dict(type='str'), 'str', unlimited=True, where=_OWN % 'budget_duration'),
        Option('tpm_limit', dict(type='int'), 'int', unlimited=True, where=_OWN % 'tpm_limit'),
        Option('rpm_limit', dict(type='int'), 'int', unlimited=True, where=_OWN % 'rpm_limit'),
    ])
CUSTOMER_FIELDS = CUSTOMER.fields
# The customer's own budget limits (on its budget row).
LIMITS = dict((name, CUSTOMER_FIELDS[name]) for name in CUSTOMER.unlimitable)
# Fields written with /customer/update (the limits go to the budget row).
ROW_FIELDS = ('alias', 'blocked', 'allowed_model_region', 'default_model', 'models')
# LiteLLM 1.80.17: no models column, and blocked=false dropped by /customer/update (measured in its source).
KEPT_SINCE = (1, 81)

# The ids the proxy gives the budget rows it makes itself (Prisma's uuid()).
_UUID = re.compile(r'^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$')


def is_own_budget(budget_id, named=None):
    """Whether `budget_id` is a budget row the proxy made for the customer (not a named, shared budget): a UUID,
    unless the task names that very id as its budget_id."""
    return bool(budget_id) and bool(_UUID.match(str(budget_id))) and budget_id != named


def lifted(record, named=None):
    """A /customer/info or /customer/list record with its budget's limits as its own fields; budget_id is the named
    budget it uses (None for its own budget row or none), own_budget_id the id of its own budget row."""
    if not isinstance(record, dict) or not record.get('user_id'):
        return None
    record = dict(record)
    budget = record.get('litellm_budget_table') or {}
    row = budget.get('budget_id') or record.get('budget_id')
    for name in LIMITS:
        record[name] = budget.get(name)
    own = is_own_budget(row, named)
    record['own_budget_id'] = row if own else None
    record['budget_id'] = None if own else row
    record['blocked'] = bool(record.get('blocked'))
    return record


class CustomerRecords(Records):

    def __init__(self, client, named=None):
        super(CustomerRecords, self).__init__(client)
        self.named = named

    def get(self, user_id):
        """The customer with this id, or None."""
        return lifted(self.client.get('/customer/info', params={'end_user_id': user_id}, missing_ok=True),
                      self.named)

    def all(self):
        body = self.client.get('/customer/list') or []
        return [c for c in (lifted(r, self.named) for r in (body if isinstance(body, list) else [])) if c]


def customer_result(record):
    return CUSTOMER.result(record)


def validate_customer_params(params):
    compare.check_budget_and_limits(params, 'max_budget', ['user_id', 'alias', 'default_model', 'budget_id'])
    own = sorted(name for name in LIMITS if params.get(name) is not None) + list(params.get('unlimited') or ())
    if params.get('budget_id') and own:
        raise ParameterError('budget_id links the customer to a budget it shares; %s would be the limits of a budget '
                             'of its own: choose one' % ', '.join(sorted(set(own))))


class CustomerReconciler(Reconciler):
    kind = 'customer'
    fields = CUSTOMER_FIELDS
    id_field = 'user_id'

    def __init__(self, ctx, params, records=None):
        records = records if records is not None else CustomerRecords(ctx.client, params.get('budget_id'))
        super(CustomerReconciler, self).__init__(ctx, params, records)

    def validate(self):
        validate_customer_params(self.params)

    def label(self):
        return repr(self.params.get('user_id'))

    def look_up(self):
        return self.records.get(self.params['user_id'])

    def wants_own_budget(self):
        return any(self.params.get(name) is not None for name in LIMITS) or bool(self.params.get('unlimited'))

    def wanted(self, current):
        wanted = compare.requested(self.params, self.fields, self.params.get('unlimited'))
        if self.wants_own_budget() and (current or {}).get('budget_id'):
            # limits of its own, while it shares a named budget: it gets a budget row of its own (the shared one
            # is left as it is)
            wanted['budget_id'] = None
        return wanted

    def check_write(self, fields):
        """Before any write, check mode too: a named budget must exist (its limits become the customer's), and
        what LiteLLM 1.80 cannot keep fails, naming the option."""
        if fields.get('budget_id'):
            self.linked = self.named_budget(fields['budget_id'])
        options = []
        if fields.get('models'):
            options.append('models')
        if 'blocked' in fields and not fields['blocked'] and (getattr(self, 'current', None) or {}).get('blocked'):
            options.append('blocked')
        if options and self.ctx.proxy.older_than(KEPT_SINCE):
            raise LiteLLMError('%s cannot keep %s of a customer (its customers have no models, and its '
                               '/customer/update drops blocked=false; /customer/unblock needs LiteLLM Enterprise). '
                               'Leave %s out of the task or upgrade the proxy. Nothing was changed'
                               % (self.ctx.proxy.describe(), ', '.join(options), ', '.join(options)))

    def named_budget(self, budget_id):
        """The budget row `budget_id` (GET /budget/list: LiteLLM reads one budget only with a POST)."""
        body = self.client.get('/budget/list') or []
        for budget in body if isinstance(body, list) else []:
            if isinstance(budget, dict) and budget.get('budget_id') == budget_id:
                return budget
        raise LiteLLMError('budget_id %r does not exist on the proxy: make the budget first (berriai.litellm.'
                           'litellm_budget, or /budget/new). Nothing was changed' % budget_id)

    def finish(self, outcome, before, after, reason=None, updated=()):
        linked = getattr(self, 'linked', None)
        if linked and after is not None and self.check_mode:
            # the customer's limits will be the named budget's: check mode predicts what the read-back shows
            after = dict(after, **dict((name, linked.get(name)) for name in LIMITS))
        return super(CustomerReconciler, self).finish(outcome, before, after, reason, updated)

    def converge_present(self, current):
        self.current = current
        return super(CustomerReconciler, self).converge_present(current)

    def create_body(self, base=None):
        body = super(CustomerReconciler, self).create_body(base)
        body['user_id'] = self.params['user_id']
        return body

    def predicted(self, body):
        record = dict((name, None) for name in CUSTOMER_FIELDS)
        record.update(body)
        record['blocked'] = bool(body.get('blocked'))
        return record

    def apply_create(self, body):
        self.client.post('/customer/new', body)
        return {'user_id': body['user_id']}

    def created_meanwhile(self, error, body):
        # 400 "Customer already exists": another run created it since we looked.
        if error.status == 400 and 'already exists' in str(error.proxy_message or ''):
            return self.records.get(body['user_id'])
        return None

    def apply_update(self, current, updates):
        row = dict((name, updates[name]) for name in ROW_FIELDS if name in updates)
        limits = dict((name, updates[name]) for name in LIMITS if name in updates)
        if updates.get('budget_id'):
            row['budget_id'] = updates['budget_id']  # link it to the named budget
        elif 'budget_id' in updates or (limits and not current.get('own_budget_id')):
            # a budget row of its own, with the limits asked and the others it had
            budget = dict((name, updates.get(name, current.get(name))) for name in LIMITS)
            made = self.client.post('/budget/new', dict((k, v) for k, v in budget.items() if v is not None)) or {}
            if not made.get('budget_id'):
                raise LiteLLMError('the proxy made no budget for customer %s (it answered %r)' % (self.label(), made))
            row['budget_id'] = made['budget_id']
        elif limits:
            self.client.post('/budget/update', dict(limits, budget_id=current['own_budget_id']))
        if row:
            self.client.post('/customer/update', dict(row, user_id=current['user_id']))
        return current

    def apply_delete(self, record):
        self.client.post('/customer/delete', {'user_ids': [record['user_id']]}, missing_ok=True)

    def result_fields(self, before, after):
        return {
            'customer': customer_result(after),
            'user_id': self.params['user_id'],
        }


def run_customer(ctx, params):
    return CustomerReconciler(ctx, params).run()


# -- litellm_customer_info --

# Read-only facts returned beside the managed fields.
CUSTOMER_FACTS = ('spend', 'own_budget_id')


def customer_info_record(record):
    customer = customer_result(record)
    for name in CUSTOMER_FACTS:
        customer[name] = record.get(name)
    return customer


def run_customer_info(ctx, params):
    compare.check_not_empty(params, ['user_id'])
    records = CustomerRecords(ctx.client)
    user_id = params.get('user_id')
    found = [records.get(user_id)] if user_id else records.all()
    customers = sorted((customer_info_record(r) for r in found if r is not None), key=lambda c: c['user_id'])
    where = ' with user_id %r' % user_id if user_id else ' in the proxy'
    return {'changed': False, 'customers': customers, 'msg': '%d customer(s)%s' % (len(customers), where)}
