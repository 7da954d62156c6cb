# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""litellm_budget's logic on the converge cycle (_reconciler.Reconciler), and litellm_budget_info's.

LiteLLM (proxy/management_endpoints/budget_management_endpoints.py, 1.80.17 and 1.108.7): POST /budget/new (a
caller-chosen budget_id; a taken one: 400 on 1.108.7, a database error on 1.80.17), POST /budget/update (partial:
the fields sent; a null clears one), POST /budget/info (a POST, so not used: it would count as a write), GET
/budget/list (every budget, not paged), POST /budget/delete {id}. Both write answers are the database row after the
write. The signalling of a missing budget is weak (measured): /budget/info answers 200 [], /budget/update and
/budget/delete answer 200 null. So a budget is looked up in /budget/list, an update answered null is a budget gone
meanwhile (created again), and a delete answered null is a budget already gone.

A budget has no field of its own to carry the collection's ownership marker (no metadata; model_max_budget is
enforced, and needs an Enterprise licence on 1.108.7), and LiteLLM makes budgets itself for team members, tags,
customers and keys with a soft budget, which outlive their owners: nothing prunes a budget that the file does not
name (_plan.py lists them as not managed).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ansible_collections.berriai.litellm.plugins.module_utils import _compare as compare
from ansible_collections.berriai.litellm.plugins.module_utils._api import LiteLLMError, ParameterError
from ansible_collections.berriai.litellm.plugins.module_utils._declaration import Declaration, Option
from ansible_collections.berriai.litellm.plugins.module_utils._reconciler import Gone, Reconciler
from ansible_collections.berriai.litellm.plugins.module_utils._records import Records
from ansible_collections.berriai.litellm.plugins.module_utils._settings import LICENCE_MESSAGE

# litellm_budget's options (_declaration.py). `unlimited` clears a budget or limit (an update sends null);
# model_max_budget is cleared with {}.
BUDGET = Declaration('budget', 'budgets', 'berriai.litellm.litellm_budget', identity=['budget_id'], options=[
    Option('budget_id', dict(type='str', required=True), where='budget_id (the budget table\'s key)'),
    Option('max_budget', dict(type='float'), 'float', unlimited=True),
    Option('soft_budget', dict(type='float'), 'float', unlimited=True),
    Option('budget_duration', dict(type='str'), 'str', unlimited=True),
    Option('max_parallel_requests', dict(type='int'), 'int', unlimited=True),
    Option('tpm_limit', dict(type='int'), 'int', unlimited=True),
    Option('rpm_limit', dict(type='int'), 'int', unlimited=True),
    Option('tpd_limit', dict(type='int'), 'int', unlimited=True, where='tpd_limit (none on LiteLLM 1.80)'),
    Option('model_max_budget', dict(type='dict'), 'dict',
           where='model_max_budget (Enterprise on LiteLLM 1.108)'),
])
# The entries of one model's budget in model_max_budget (LiteLLM's BudgetConfig).
MODEL_BUDGET_KINDS = {'max_budget': 'float', 'budget_duration': 'str', 'tpm_limit': 'int', 'rpm_limit': 'int'}
# Read-only facts litellm_budget_info returns beside the options.
BUDGET_FACTS = ('budget_reset_at', 'created_at', 'created_by', 'updated_at', 'updated_by')
# LiteLLM 1.80.17's budgets have no tpd_limit (its create and update drop it); 1.108.7 keeps it. 1.108.7 refuses a
# model_max_budget without an Enterprise licence (400); 1.80.17 keeps it without one.
SINCE_1_81 = (1, 81)
# The ids LiteLLM generates for the budgets it makes itself (measured on 1.80.17 and 1.108.7): a UUID for team
# members, tags, customers, keys with a soft budget and /budget/new without a budget_id; team-<alias>-budget-<hex>
# (team-budget-<hex> without an alias) for a team's default member budget (team_member_budget).
GENERATED_ID = re.compile(r'^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|team-(.+-)?budget-[0-9a-f]{32})$')


def made_by_litellm(record):
    """Whether a budget has an id LiteLLM generated (a UUID), not one a person chose."""
    return bool(GENERATED_ID.match(str((record or {}).get('budget_id') or '')))


def model_budgets(value):
    """model_max_budget as compared: each model's entries without the unset ones (LiteLLM stores what it was sent)."""
    if not isinstance(value, dict):
        return value
    kept = {}
    for model, limits in value.items():
        kept[model] = (dict((name, entry) for name, entry in limits.items() if entry is not None)
                       if isinstance(limits, dict) else limits)
    return kept


def shown(record):
    if not isinstance(record, dict):
        return None
    record = dict(record)
    record['model_max_budget'] = model_budgets(record.get('model_max_budget')) or {}
    return record


def budget_result(record):
    return BUDGET.result(record)


class BudgetRecords(Records):
    recheck_after_create = False  # budget_id is the table's primary key: a racing create is refused

    def all(self):
        """Every budget: those made through /budget/new and those LiteLLM made for members, tags, customers, keys."""
        body = self.client.get('/budget/list')
        return [shown(b) for b in (body if isinstance(body, list) else []) if isinstance(b, dict)]

    def get(self, budget_id):
        for budget in self.all():
            if budget.get('budget_id') == budget_id:
                return budget
        return None


def validate_budget_params(params):
    compare.check_not_empty(params, ['budget_id', 'budget_duration'])
    compare.check_not_negative(params, ['max_budget', 'soft_budget', 'max_parallel_requests', 'tpm_limit',
                                        'rpm_limit', 'tpd_limit'])
    compare.check_finite(params, ['max_budget', 'soft_budget'])
    compare.check_duration('budget_duration', params.get('budget_duration'))
    compare.check_unlimited_conflicts(params)
    for model, limits in (params.get('model_max_budget') or {}).items():
        where = 'model_max_budget[%s]' % model
        if not isinstance(limits, dict):
            kinds = ', '.join(sorted(MODEL_BUDGET_KINDS))
            raise ParameterError('%s must be a dictionary of %s; got %r' % (where, kinds, limits))
        unknown = sorted(set(limits) - set(MODEL_BUDGET_KINDS))
        if unknown:
            kinds = ', '.join(sorted(MODEL_BUDGET_KINDS))
            raise ParameterError('%s may hold only %s; got %s' % (where, kinds, ', '.join(unknown)))
        for name, kind in MODEL_BUDGET_KINDS.items():
            value = limits.get(name)
            if value is None:
                continue
            if kind == 'str':
                compare.check_duration('%s.%s' % (where, name), value)
            elif isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0 or (
                    kind == 'int' and not isinstance(value, int)):
                raise ParameterError('%s.%s must be a %s of 0 or more; got %r'
                                     % (where, name, 'whole number' if kind == 'int' else 'number', value))
            else:
                compare.check_finite({'%s.%s' % (where, name): float(value)}, ['%s.%s' % (where, name)])


class BudgetReconciler(Reconciler):
    kind = BUDGET.kind
    fields = BUDGET.fields
    id_field = 'budget_id'
    records_class = BudgetRecords
    reads_after_write = True  # /budget/new and /budget/update answer the database row after the write

    def validate(self):
        validate_budget_params(self.params)

    def look_up(self):
        return self.records.get(self.params['budget_id'])

    def wanted(self, current):
        wanted = compare.requested(self.params, self.fields, self.params.get('unlimited'))
        if 'model_max_budget' in wanted:
            wanted['model_max_budget'] = model_budgets(wanted['model_max_budget'])
        return wanted

    def create_body(self, base=None):
        body = super(BudgetReconciler, self).create_body(base)
        body['budget_id'] = self.params['budget_id']
        return body

    def predicted(self, body):
        record = dict((name, None) for name in self.fields)
        record.update(body)
        record['model_max_budget'] = record.get('model_max_budget') or {}
        return record

    def check_write(self, fields):
        """Before any write, check mode too: what the proxy's version or licence cannot keep fails, naming it."""
        if fields.get('tpd_limit') is not None and self.ctx.proxy.older_than(SINCE_1_81):
            raise LiteLLMError("%s cannot keep tpd_limit (the 1.80 line's budgets have no tpd_limit). Leave tpd_limit "
                               "out of the task or upgrade the proxy. Nothing was changed" % self.ctx.proxy.describe())
        if fields.get('model_max_budget') and not self.ctx.proxy.older_than(SINCE_1_81):
            licence = self.ctx.licence_type()
            if licence and licence != 'enterprise':
                raise LiteLLMError(LICENCE_MESSAGE % ('model_max_budget', 's', licence))

    # -- writes --

    def answered(self, answer, fallback):
        return shown(answer) if isinstance(answer, dict) and answer.get('budget_id') else fallback

    def apply_create(self, body):
        answer = self.client.post('/budget/new', body)
        return self.answered(answer, None) or self.records.get(body['budget_id'])

    def created_meanwhile(self, error, body):
        # Another run created the budget since we looked (1.108.7: 400 "already exists"; 1.80.17: a database error).
        if error.status in (400, 500):
            return self.records.get(body['budget_id'])
        return None

    def apply_update(self, current, updates):
        body = dict(updates, budget_id=current['budget_id'])
        answer = self.client.post('/budget/update', body)
        if answer is None:
            raise Gone(current, 200)  # LiteLLM answers 200 null for a budget that does not exist
        return self.answered(answer, None) or self.records.get(current['budget_id'])

    def recreate_warning(self, current, reason, status=None):
        return ('budget %s was recreated: it was deleted while this task updated it (LiteLLM answered the update '
                'with nothing)' % self.label())

    def apply_delete(self, record):
        # 200 null when it is already gone. Keys, members, customers and tags that use the budget lose it.
        self.client.post('/budget/delete', {'id': record['budget_id']})

    def result_fields(self, before, after):
        return {'budget': budget_result(after), 'budget_id': self.params['budget_id']}


def run_budget(ctx, params):
    return BudgetReconciler(ctx, params).run()


def budget_info_record(record):
    budget = budget_result(record)
    budget.update((name, record.get(name)) for name in BUDGET_FACTS)
    return budget


def run_budget_info(ctx, params):
    """litellm_budget_info: one budget by id, or every budget (those LiteLLM made itself too)."""
    compare.check_not_empty(params, ['budget_id'])
    found = BudgetRecords(ctx.client).all()
    if params.get('budget_id'):
        found = [b for b in found if b.get('budget_id') == params['budget_id']]
    budgets = sorted((budget_info_record(b) for b in found), key=lambda b: str(b.get('budget_id')))
    where = ' with budget_id %r' % params['budget_id'] if params.get('budget_id') else ''
    return {'changed': False, 'budgets': budgets, 'msg': '%d budget(s)%s' % (len(budgets), where)}
