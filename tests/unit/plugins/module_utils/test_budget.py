# -*- coding: utf-8 -*-
# Unit tests of litellm_budget's and litellm_budget_info's logic (module_utils/_budget.py) over the fake budget
# endpoints. Each test asserts the result, the warnings and the exact writes; check mode sends no write.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.berriai.litellm.plugins.module_utils import _runner as runner
from ansible_collections.berriai.litellm.plugins.module_utils._budget import made_by_litellm, run_budget, run_budget_info
from ansible_collections.berriai.litellm.tests.unit.plugins.module_utils.fake_budget import FakeBudgetProxy

OPTIONS = ('max_budget', 'soft_budget', 'budget_duration', 'max_parallel_requests', 'tpm_limit', 'rpm_limit',
           'tpd_limit', 'model_max_budget', 'unlimited')
EMPTY = dict((name, None) for name in OPTIONS[:-2])


def params(**overrides):
    base = dict((name, None) for name in OPTIONS)
    base.update(budget_id='apollo', state='present')
    base.update(overrides)
    return base


def run(proxy, check_mode=False, **overrides):
    return runner.execute(run_budget, params(**overrides), check_mode=check_mode, client=proxy)


def existing(**fields):
    return FakeBudgetProxy([dict({'budget_id': 'apollo', 'max_budget': 10.0, 'budget_duration': '30d',
                                  'rpm_limit': 100}, **fields)])


@pytest.mark.parametrize('check_mode', [True, False])
def test_create(check_mode):
    proxy = FakeBudgetProxy()
    result = run(proxy, check_mode, max_budget=10, soft_budget=8, budget_duration='30d', rpm_limit=100)
    assert result['changed'] and result['outcome'] == 'created'
    assert result['msg'] == ('budget would be created' if check_mode else 'budget created')
    assert result['budget'] == dict(EMPTY, budget_id='apollo', max_budget=10, soft_budget=8, budget_duration='30d',
                                    rpm_limit=100, model_max_budget={})
    assert result['diff'] == {'before': {}, 'after': dict((k, v) for k, v in result['budget'].items()
                                                          if k != 'budget_id')}
    if check_mode:
        assert proxy.writes == [] and proxy.budgets == {}
    else:
        assert proxy.writes == [('POST', '/budget/new', {'budget_id': 'apollo', 'max_budget': 10, 'soft_budget': 8,
                                                         'budget_duration': '30d', 'rpm_limit': 100})]
        assert proxy.budgets['apollo']['max_budget'] == 10
        # verified with the row the create answered: the one read is the look-up
        assert proxy.reads == [('/budget/list', None)]


def test_again_changes_nothing_and_writes_nothing():
    proxy = existing()
    result = run(proxy, max_budget=10, budget_duration='30d', rpm_limit=100)
    assert not result['changed'] and result['outcome'] == 'unchanged' and result['msg'] == 'budget is as requested'
    assert proxy.writes == [] and result['http_requests'] == {'GET': 1}


@pytest.mark.parametrize('check_mode', [True, False])
def test_update_sends_only_what_differs(check_mode):
    proxy = existing()
    result = run(proxy, check_mode, max_budget=20, rpm_limit=100, tpm_limit=1000)
    assert result['changed'] and result['msg'].endswith('max_budget, tpm_limit')
    assert result['diff']['before']['max_budget'] == 10 and result['diff']['after']['max_budget'] == 20
    assert result['budget']['budget_duration'] == '30d'  # left out: kept
    if check_mode:
        assert proxy.writes == []
    else:
        assert proxy.writes == [('POST', '/budget/update', {'budget_id': 'apollo', 'max_budget': 20,
                                                            'tpm_limit': 1000})]
        assert proxy.budgets['apollo']['budget_duration'] == '30d'


def test_unlimited_clears_with_null_and_then_is_unchanged():
    proxy = existing()
    result = run(proxy, unlimited=['max_budget', 'budget_duration'])
    assert result['changed'] and proxy.writes == [('POST', '/budget/update', {
        'budget_id': 'apollo', 'max_budget': None, 'budget_duration': None})]
    assert result['budget']['max_budget'] is None and result['budget']['rpm_limit'] == 100
    again = run(proxy, unlimited=['max_budget', 'budget_duration'])
    assert not again['changed'] and len(proxy.writes) == 1


def test_unlimited_and_set_fails_before_any_request():
    proxy = existing()
    result = run(proxy, max_budget=5, unlimited=['max_budget'])
    assert result['failed'] and 'max_budget is both set and listed in unlimited' in result['msg']
    assert proxy.calls == []


@pytest.mark.parametrize('check_mode', [True, False])
def test_delete(check_mode):
    proxy = existing()
    result = run(proxy, check_mode, state='absent')
    assert result['changed'] and result['outcome'] == 'deleted' and result['budget'] == {}
    assert result['diff']['after'] == {} and result['diff']['before']['max_budget'] == 10
    assert proxy.writes == ([] if check_mode else [('POST', '/budget/delete', {'id': 'apollo'})])


def test_absent_budget_is_left_alone():
    proxy = FakeBudgetProxy()
    result = run(proxy, state='absent')
    assert not result['changed'] and result['msg'] == 'budget is absent' and proxy.writes == []


def test_a_budget_deleted_during_the_update_is_created_again():
    # LiteLLM answers the update of a missing budget with 200 null
    proxy = existing()
    proxy.on('POST', '/budget/update', lambda fake, body: fake.budgets.clear())
    result = run(proxy, max_budget=20)
    assert result['changed'] and result['outcome'] == 'recreated' and result['recreate_reason'] == 'missing'
    assert any('deleted while this task updated it' in w for w in result['warnings'])
    assert [w[1] for w in proxy.writes] == ['/budget/update', '/budget/new']
    assert proxy.writes[1][2] == {'budget_id': 'apollo', 'max_budget': 20, 'budget_duration': '30d', 'rpm_limit': 100}
    assert proxy.budgets['apollo']['max_budget'] == 20


def test_a_budget_created_meanwhile_is_converged():
    proxy = FakeBudgetProxy()
    proxy.on('POST', '/budget/new', lambda fake, body: fake.add('apollo', max_budget=3.0) and None)
    result = run(proxy, max_budget=10)
    assert result['changed'] and result['outcome'] == 'updated' and proxy.budgets['apollo']['max_budget'] == 10
    assert any('created by another run' in w for w in result['warnings'])


def test_a_value_the_proxy_does_not_keep_fails_naming_it_and_the_version():
    proxy = existing()
    proxy.dropped = ('max_budget',)
    result = run(proxy, max_budget=20)
    assert result['failed'] and result['changed']
    assert 'did not keep max_budget (max_budget: sent 20, stored 10' in result['msg']
    assert 'LiteLLM 1.108.7' in result['msg']


def test_model_max_budget_needs_the_licence_on_1_108_and_nothing_is_written():
    proxy = FakeBudgetProxy()
    for check_mode in (True, False):
        result = run(proxy, check_mode, model_max_budget={'gpt-4o': {'max_budget': 5}})
        assert result['failed'] and 'model_max_budget needs a LiteLLM Enterprise licence' in result['msg']
        assert 'community' in result['msg'] and proxy.writes == []


def test_model_max_budget_with_the_licence_and_again():
    proxy = FakeBudgetProxy(licence='enterprise')
    asked = {'gpt-4o': {'max_budget': 5, 'budget_duration': '1d'}}
    result = run(proxy, model_max_budget=asked)
    assert result['changed'] and result['budget']['model_max_budget'] == asked
    proxy.budgets['apollo']['model_max_budget']['gpt-4o']['tpm_limit'] = None  # stored unset entries compare as absent
    again = run(proxy, model_max_budget=asked)
    assert not again['changed'] and len(proxy.writes) == 1


def test_clearing_model_max_budget_needs_no_licence():
    proxy = existing(model_max_budget={'gpt-4o': {'max_budget': 5.0}})
    result = run(proxy, model_max_budget={})
    assert result['changed'] and proxy.writes == [('POST', '/budget/update', {'budget_id': 'apollo',
                                                                              'model_max_budget': {}})]


def test_1_80_keeps_model_max_budget_without_a_licence_but_has_no_tpd_limit():
    proxy = FakeBudgetProxy(v1_80=True)
    result = run(proxy, model_max_budget={'gpt-4o': {'rpm_limit': 5}})
    assert result['changed'] and not result.get('failed')
    for check_mode in (True, False):
        result = run(proxy, check_mode, tpd_limit=1000)
        assert result['failed'] and 'LiteLLM 1.80.17 cannot keep tpd_limit' in result['msg']
    assert len(proxy.writes) == 1


def test_a_duplicate_on_1_80_is_a_database_error_then_converged():
    proxy = FakeBudgetProxy(v1_80=True)
    proxy.on('POST', '/budget/new', lambda fake, body: fake.add('apollo', max_budget=10.0) and None)
    result = run(proxy, max_budget=10)
    assert not result.get('failed') and result['outcome'] == 'unchanged'


@pytest.mark.parametrize('overrides, option, words', [
    ({'budget_id': ' '}, 'budget_id', 'must not be empty'),
    ({'max_budget': -1}, 'max_budget', 'must be 0 or more'),
    ({'soft_budget': float('nan')}, 'soft_budget', 'finite'),
    ({'budget_duration': 'monthly'}, 'budget_duration', 'LiteLLM duration'),
    ({'tpd_limit': -5}, 'tpd_limit', 'must be 0 or more'),
    ({'model_max_budget': {'gpt-4o': 5}}, 'model_max_budget[gpt-4o]', 'must be a dictionary'),
    ({'model_max_budget': {'gpt-4o': {'budget': 5}}}, 'model_max_budget[gpt-4o]', 'may hold only'),
    ({'model_max_budget': {'gpt-4o': {'tpm_limit': 1.5}}}, 'model_max_budget[gpt-4o].tpm_limit', 'whole number'),
    ({'model_max_budget': {'gpt-4o': {'max_budget': -1}}}, 'model_max_budget[gpt-4o].max_budget', '0 or more'),
    ({'model_max_budget': {'gpt-4o': {'budget_duration': 'x'}}}, 'model_max_budget[gpt-4o].budget_duration',
     'LiteLLM duration'),
])
def test_bad_input_fails_before_any_request(overrides, option, words):
    proxy = FakeBudgetProxy()
    result = run(proxy, **overrides)
    assert result['failed'] and option in result['msg'] and words in result['msg']
    assert proxy.calls == []


def test_info_one_and_all():
    proxy = existing()
    proxy.add('0c9d-member-budget', max_budget=1.0)
    result = runner.execute(run_budget_info, {'budget_id': None}, client=proxy)
    assert [b['budget_id'] for b in result['budgets']] == ['0c9d-member-budget', 'apollo']
    assert result['msg'] == '2 budget(s)' and not result['changed']
    one = runner.execute(run_budget_info, {'budget_id': 'apollo'}, client=proxy)
    assert one['budgets'][0]['max_budget'] == 10 and one['budgets'][0]['created_by'] == 'default_user_id'
    assert 'budget_reset_at' in one['budgets'][0]
    none = runner.execute(run_budget_info, {'budget_id': 'nope'}, client=proxy)
    assert none['budgets'] == [] and none['msg'] == "0 budget(s) with budget_id 'nope'"
    assert proxy.writes == []


@pytest.mark.parametrize('budget_id, generated', [
    ('3f0b5a8e-1c2d-4e5f-8a9b-0c1d2e3f4a5b', True),  # a member's, tag's, customer's, soft-budget key's
    ('team-research-budget-3369be182c9d472aaf75abd189a984d7', True),  # a team's default member budget
    ('team-budget-3369be182c9d472aaf75abd189a984d7', True),
    ('project-apollo', False),
    ('team-research-budget', False),
])
def test_which_budgets_litellm_made(budget_id, generated):
    assert made_by_litellm({'budget_id': budget_id}) is generated
