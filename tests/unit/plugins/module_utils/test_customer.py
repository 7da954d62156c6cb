# -*- coding: utf-8 -*-
# Unit tests of litellm_customer's logic (module_utils/_customer.py) over the fake customer endpoints: results,
# the exact writes (check mode: none), the customer's own budget row vs a named budget, and LiteLLM 1.80's limits.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.berriai.litellm.plugins.module_utils import _runner as runner
from ansible_collections.berriai.litellm.plugins.module_utils._customer import run_customer, run_customer_info
from ansible_collections.berriai.litellm.tests.unit.plugins.module_utils.fake_customer import FakeCustomerProxy

OWN = '00000001-0000-4000-8000-000000000001'  # the fake's first budget row made by the proxy


def params(**overrides):
    base = dict((name, None) for name in ('alias', 'blocked', 'allowed_model_region', 'default_model', 'models',
                                          'budget_id', 'max_budget', 'budget_duration', 'tpm_limit', 'rpm_limit',
                                          'unlimited'))
    base.update(user_id='acme', state='present')
    base.update(overrides)
    return base


def run(proxy, check_mode=False, **overrides):
    return runner.execute(run_customer, params(**overrides), check_mode=check_mode, client=proxy)


def view(**fields):
    base = {'user_id': 'acme', 'alias': None, 'blocked': False, 'allowed_model_region': None, 'default_model': None,
            'models': [], 'budget_id': None, 'max_budget': None, 'budget_duration': None, 'tpm_limit': None,
            'rpm_limit': None}
    base.update(fields)
    return base


@pytest.mark.parametrize('check_mode', [True, False])
def test_create_with_a_budget_of_its_own(check_mode):
    proxy = FakeCustomerProxy()
    result = run(proxy, check_mode, alias='ACME', max_budget=10, budget_duration='30d', rpm_limit=5, models=['fake'])
    expected = view(alias='ACME', max_budget=10, budget_duration='30d', rpm_limit=5, models=['fake'])
    assert result['changed'] and result['outcome'] == 'created' and result['customer'] == expected
    assert result['diff'] == {'before': {}, 'after': dict((k, v) for k, v in expected.items() if k != 'user_id')}
    if check_mode:
        assert proxy.writes == [] and result['msg'] == 'customer would be created'
    else:
        assert proxy.writes == [('POST', '/customer/new', {'user_id': 'acme', 'alias': 'ACME', 'max_budget': 10,
                                                           'budget_duration': '30d', 'rpm_limit': 5,
                                                           'models': ['fake']})]
        assert proxy.customers['acme']['budget_id'] == OWN  # the row the proxy made: shown as its own, not named
        again = run(proxy, alias='ACME', max_budget=10, budget_duration='30d', rpm_limit=5, models=['fake'])
        assert not again['changed'] and again['msg'] == 'customer is as requested'


def test_unchanged_sends_nothing_but_one_read():
    proxy = FakeCustomerProxy([{'user_id': 'acme', 'alias': 'ACME', 'blocked': True, 'budget_id': 'free'}],
                              budgets=[{'budget_id': 'free', 'max_budget': 1}])
    result = run(proxy, alias='ACME', blocked=True, budget_id='free')
    assert not result['changed'] and proxy.writes == []
    assert proxy.reads == [('/customer/info', {'end_user_id': 'acme'})]
    assert result['customer']['budget_id'] == 'free' and result['customer']['max_budget'] == 1


@pytest.mark.parametrize('check_mode', [True, False])
def test_update_of_its_own_limits_goes_to_its_budget_row(check_mode):
    proxy = FakeCustomerProxy([{'user_id': 'acme', 'max_budget': 10, 'tpm_limit': 100}])
    result = run(proxy, check_mode, max_budget=0, budget_duration='1d', alias='A')
    assert result['changed'] and result['msg'].endswith('alias, budget_duration, max_budget')
    assert result['customer'] == view(alias='A', max_budget=0, budget_duration='1d', tpm_limit=100)
    if check_mode:
        assert proxy.writes == []
    else:
        # max_budget 0 through /customer/update would be dropped: the budget row takes it
        assert proxy.writes == [('POST', '/budget/update', {'budget_id': OWN, 'max_budget': 0, 'budget_duration': '1d'}),
                                ('POST', '/customer/update', {'user_id': 'acme', 'alias': 'A'})]


@pytest.mark.parametrize('check_mode', [True, False])
def test_unlimited_clears_a_limit_on_its_row(check_mode):
    proxy = FakeCustomerProxy([{'user_id': 'acme', 'max_budget': 10, 'rpm_limit': 3}])
    result = run(proxy, check_mode, unlimited=['max_budget'])
    assert result['changed'] and result['customer']['max_budget'] is None and result['customer']['rpm_limit'] == 3
    assert proxy.writes == ([] if check_mode else [('POST', '/budget/update', {'budget_id': OWN, 'max_budget': None})])


def test_limits_on_a_customer_without_a_budget_make_a_row_and_link_it():
    proxy = FakeCustomerProxy([{'user_id': 'acme'}])
    result = run(proxy, tpm_limit=50)
    assert result['changed'] and result['customer'] == view(tpm_limit=50)
    assert proxy.writes == [('POST', '/budget/new', {'tpm_limit': 50}),
                            ('POST', '/customer/update', {'user_id': 'acme', 'budget_id': OWN})]


def test_limits_on_a_customer_sharing_a_named_budget_leave_that_budget_alone():
    proxy = FakeCustomerProxy([{'user_id': 'acme', 'budget_id': 'free'}],
                              budgets=[{'budget_id': 'free', 'max_budget': 1, 'rpm_limit': 2}])
    predicted = run(proxy, True, max_budget=5)
    result = run(proxy, max_budget=5)
    assert result['customer'] == predicted['customer'] == view(max_budget=5, rpm_limit=2)
    assert result['msg'] == 'customer updated: budget_id, max_budget'
    assert proxy.writes == [('POST', '/budget/new', {'max_budget': 5, 'rpm_limit': 2}),
                            ('POST', '/customer/update', {'user_id': 'acme', 'budget_id': OWN})]
    assert proxy.budgets['free']['max_budget'] == 1  # the shared budget is unchanged
    assert not run(proxy, max_budget=5)['changed']


@pytest.mark.parametrize('existing', [True, False])
def test_budget_id_links_a_named_budget_whose_limits_check_mode_predicts(existing):
    proxy = FakeCustomerProxy([{'user_id': 'acme', 'max_budget': 10, 'tpm_limit': 4}] if existing else [],
                              budgets=[{'budget_id': 'free', 'max_budget': 1, 'budget_duration': '1d'}])
    predicted = run(proxy, True, budget_id='free')
    assert proxy.writes == []
    result = run(proxy, budget_id='free')
    assert result['customer'] == predicted['customer'] == view(budget_id='free', max_budget=1, budget_duration='1d')
    assert result['diff'] == predicted['diff']
    assert proxy.writes == [('POST', '/customer/update' if existing else '/customer/new',
                             {'user_id': 'acme', 'budget_id': 'free'} if existing else
                             {'user_id': 'acme', 'budget_id': 'free'})]
    if existing:
        assert OWN in proxy.budgets  # its old row is never deleted
    assert not run(proxy, budget_id='free')['changed']


@pytest.mark.parametrize('check_mode', [True, False])
def test_a_missing_named_budget_fails_before_any_write(check_mode):
    proxy = FakeCustomerProxy([{'user_id': 'acme'}])
    result = run(proxy, check_mode, budget_id='nope')
    assert result['failed'] and "budget_id 'nope' does not exist" in result['msg'] and proxy.writes == []


def test_a_task_naming_the_customers_own_row_as_budget_id_is_unchanged():
    proxy = FakeCustomerProxy([{'user_id': 'acme', 'max_budget': 10}])
    result = run(proxy, budget_id=OWN)
    assert not result['changed'] and result['customer']['budget_id'] == OWN


@pytest.mark.parametrize('check_mode', [True, False])
def test_block_and_unblock(check_mode):
    proxy = FakeCustomerProxy([{'user_id': 'acme', 'blocked': True}])
    result = run(proxy, check_mode, blocked=False)
    assert result['changed'] and result['customer']['blocked'] is False
    assert proxy.writes == ([] if check_mode else [('POST', '/customer/update', {'user_id': 'acme', 'blocked': False})])


def test_models_emptied():
    proxy = FakeCustomerProxy([{'user_id': 'acme', 'models': ['fake']}])
    result = run(proxy, models=[])
    assert result['changed'] and proxy.customers['acme']['models'] == []


def test_not_kept_fails_naming_the_field_and_version():
    proxy = FakeCustomerProxy([{'user_id': 'acme'}])
    proxy.on('POST', '/customer/update', lambda fake, body: fake.customers['acme'].update(alias='other'))
    proxy.route('POST', '/customer/update', lambda body, path: {})  # accepted, not kept
    result = run(proxy, alias='A')
    assert result['failed'] and 'did not keep alias' in result['msg'] and '1.108.7' in result['msg']


@pytest.mark.parametrize('check_mode', [True, False])
def test_delete_keeps_the_budget_row(check_mode):
    proxy = FakeCustomerProxy([{'user_id': 'acme', 'max_budget': 10}])
    result = run(proxy, check_mode, state='absent')
    assert result['changed'] and result['outcome'] == 'deleted' and result['customer'] == {}
    if check_mode:
        assert proxy.writes == []
    else:
        assert proxy.writes == [('POST', '/customer/delete', {'user_ids': ['acme']})]
        assert OWN in proxy.budgets
        assert not run(proxy, state='absent')['changed']


def test_a_customer_created_meanwhile_is_converged():
    proxy = FakeCustomerProxy()
    proxy.on('POST', '/customer/new', lambda fake, body: fake.add('acme', alias='B'))
    result = run(proxy, alias='A')
    assert result['changed'] and result['customer']['alias'] == 'A'
    assert any('created by another run' in w for w in result['warnings'])


@pytest.mark.parametrize('overrides, option', [
    (dict(budget_id='free', max_budget=1), 'budget_id'),
    (dict(budget_id='free', unlimited=['rpm_limit']), 'budget_id'),
    (dict(max_budget=-1), 'max_budget'),
    (dict(budget_duration='monthly'), 'budget_duration'),
    (dict(max_budget=1, unlimited=['max_budget']), 'max_budget'),
    (dict(user_id=' '), 'user_id'),
])
def test_bad_input_fails_before_any_request(overrides, option):
    proxy = FakeCustomerProxy()
    result = run(proxy, **overrides)
    assert result['failed'] and option in result['msg'] and proxy.calls == []


# -- LiteLLM 1.80.17 --

@pytest.mark.parametrize('check_mode', [True, False])
def test_1_80_refuses_models_and_unblocking_before_any_write(check_mode):
    proxy = FakeCustomerProxy([{'user_id': 'acme', 'blocked': True}], v1_80=True)
    result = run(proxy, check_mode, models=['fake'], alias='A')
    assert result['failed'] and 'models' in result['msg'] and '1.80.17' in result['msg'] and proxy.writes == []
    result = run(proxy, check_mode, blocked=False)
    assert result['failed'] and 'blocked' in result['msg'] and '1.80.17' in result['msg'] and proxy.writes == []
    result = run(proxy, check_mode, blocked=True, alias='A')  # what it can keep is fine
    assert result['changed'] and not result.get('failed')


def test_1_80_create_and_rerun():
    proxy = FakeCustomerProxy(v1_80=True)
    assert run(proxy, max_budget=3, blocked=False)['outcome'] == 'created'
    assert not run(proxy, max_budget=3, blocked=False)['changed']


# -- litellm_customer_info --

def test_info_one_and_all():
    proxy = FakeCustomerProxy([{'user_id': 'b', 'budget_id': 'free'}, {'user_id': 'a', 'max_budget': 2}],
                              budgets=[{'budget_id': 'free', 'max_budget': 1}])
    one = runner.execute(run_customer_info, {'user_id': 'a'}, check_mode=False, client=proxy)
    assert one['customers'] == [dict(view(user_id='a', max_budget=2), spend=0.0, own_budget_id=OWN)]
    every = runner.execute(run_customer_info, {'user_id': None}, check_mode=False, client=proxy)
    assert [c['user_id'] for c in every['customers']] == ['a', 'b'] and every['customers'][1]['budget_id'] == 'free'
    none = runner.execute(run_customer_info, {'user_id': 'zzz'}, check_mode=False, client=proxy)
    assert none['customers'] == [] and proxy.writes == []


def test_info_on_1_80_reads_the_budget_id_from_the_budget_table():
    proxy = FakeCustomerProxy([{'user_id': 'b', 'budget_id': 'free'}], budgets=[{'budget_id': 'free'}], v1_80=True)
    every = runner.execute(run_customer_info, {'user_id': None}, check_mode=False, client=proxy)
    assert every['customers'][0]['budget_id'] == 'free' and every['customers'][0]['models'] == []
