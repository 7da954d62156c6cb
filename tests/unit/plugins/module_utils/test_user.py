# -*- coding: utf-8 -*-
# Unit tests of litellm_user's logic (module_utils/_user.py) on the in-memory proxy of fake_users.py.
# Each test asserts the result, the warnings and the exact writes; check mode sends no write.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

import pytest

from ansible_collections.berriai.litellm.plugins.module_utils import _runner as runner
from ansible_collections.berriai.litellm.plugins.module_utils._user import run_user
from ansible_collections.berriai.litellm.tests.unit.plugins.module_utils.fake_users import FakeUsers

BASE = {'state': 'present', 'purge_metadata': False, 'api_key': 'sk-admin-secret-1234'}


def run(proxy, check_mode=False, **params):
    return runner.execute(run_user, dict(BASE, **params), check_mode=check_mode, client=proxy)


@pytest.fixture
def proxy():
    return FakeUsers()


def test_create_never_mints_a_key(proxy):
    result = run(proxy, user_id='ann', user_email='ann@example.com', max_budget=5)
    assert result['changed'] and result['msg'] == 'user created'
    assert proxy.writes == [('POST', '/user/new', {'user_id': 'ann', 'user_email': 'ann@example.com',
                                                   'max_budget': 5, 'auto_create_key': False,
                                                   'metadata': {'managed_by': 'berriai.litellm'}})]
    assert proxy.keys == []
    assert result['user']['user_email'] == 'ann@example.com' and result['user_id'] == 'ann'
    assert 'sk-' not in json.dumps(result)


def test_check_mode_create_writes_nothing_and_predicts(proxy):
    result = run(proxy, check_mode=True, user_email='bob@example.com', user_alias='Bob')
    assert result['changed'] and result['msg'] == 'user would be created'
    assert proxy.writes == [] and result['user_id'] is None
    assert result['user']['user_alias'] == 'Bob'


def test_noop_reads_once_by_id_and_once_by_email(proxy):
    proxy.add_user('ann', user_email='ann@example.com', max_budget=5.0)
    assert not run(proxy, user_id='ann', max_budget=5)['changed']
    assert not run(proxy, user_email='ann@example.com', max_budget=5)['changed']
    assert [path for path, _q in proxy.reads] == ['/user/info', '/user/list'] and proxy.writes == []


@pytest.mark.parametrize('check_mode', [True, False])
def test_an_email_found_ignoring_case_is_not_rewritten(proxy, check_mode):
    proxy.add_user('ann', user_email='Ann.Lee@Example.com', max_budget=5.0)
    result = run(proxy, check_mode, user_email='ann.lee@example.com', max_budget=5)
    assert not result['changed'] and proxy.writes == []
    assert result['user']['user_email'] == 'Ann.Lee@Example.com'
    result = run(proxy, check_mode, user_email='ann.lee@example.com', max_budget=6)
    assert result['msg'].endswith('updated: max_budget') and result['user']['user_email'] == 'Ann.Lee@Example.com'


def test_the_case_of_an_email_changes_with_user_id(proxy):
    proxy.add_user('ann', user_email='Ann.Lee@Example.com')
    result = run(proxy, user_id='ann', user_email='ann.lee@example.com')
    assert result['msg'] == 'user updated: user_email'
    assert proxy.users['ann']['user_email'] == 'ann.lee@example.com'


def test_update_sends_only_the_changes_and_merged_metadata(proxy):
    proxy.add_user('ann', metadata={'team': 'a'}, tpm_limit=10)
    result = run(proxy, user_id='ann', metadata={'owner': 'x'}, tpm_limit=10, unlimited=['max_budget'])
    assert result['msg'] == 'user updated: metadata'
    assert proxy.writes == [('POST', '/user/update', {'user_id': 'ann', 'metadata': {'team': 'a', 'owner': 'x'}})]


def test_update_in_check_mode_writes_nothing(proxy):
    proxy.add_user('ann', user_role='internal_user')
    result = run(proxy, check_mode=True, user_id='ann', user_role='proxy_admin_viewer')
    assert result['changed'] and result['user']['user_role'] == 'proxy_admin_viewer' and proxy.writes == []


def test_email_of_another_user_fails_before_any_write(proxy):
    proxy.add_user('ann', user_email='ann@example.com')
    result = run(proxy, user_id='ann2', user_email='ann@example.com')
    assert result['failed'] and "belongs to the user 'ann'" in result['msg'] and proxy.writes == []


def test_delete_warns_with_the_keys_that_go_with_the_user(proxy):
    proxy.add_user('ann')
    proxy.add_key('ann', 't1', 'ann-laptop')
    proxy.add_key('ann', None, None)
    check = run(proxy, check_mode=True, user_id='ann', state='absent')
    assert check['changed'] and proxy.writes == []
    assert check['deleted_keys'] == ['ann-laptop', 'sk-...0002']
    assert '2 key(s) would go' in check['warnings'][0]
    real = run(proxy, user_id='ann', state='absent')
    assert proxy.writes == [('POST', '/user/delete', {'user_ids': ['ann']})] and proxy.keys == []
    assert '2 key(s) went' in real['warnings'][0]
    again = run(proxy, user_id='ann', state='absent')
    assert not again['changed'] and again['msg'] == 'user is absent'


def test_delete_by_email_reads_the_keys(proxy):
    proxy.add_user('ann', user_email='ann@example.com')
    proxy.add_key('ann', None, 'k1')
    result = run(proxy, user_email='ann@example.com', state='absent')
    assert result['deleted_keys'] == ['k1']
    assert [path for path, _q in proxy.reads] == ['/user/list', '/user/info']


def test_a_create_raced_by_another_run_converges(proxy):
    original = proxy.routes.copy()

    def racing_new(body, path):
        proxy.add_user('ann', max_budget=1.0)
        return original[[k for k in original if k[0] == 'POST' and k[1].pattern == '^/user/new$'][0]](body, path)

    proxy.route('POST', '/user/new', racing_new)
    result = run(proxy, user_id='ann', max_budget=2)
    assert result['changed'] and 'created by another run' in result['warnings'][0]
    assert proxy.writes[-1] == ('POST', '/user/update', {'user_id': 'ann', 'max_budget': 2})


def test_bad_duration_fails_before_any_request(proxy):
    result = run(proxy, user_id='ann', budget_duration='monthly')
    assert result['failed'] and 'budget_duration' in result['msg'] and proxy.calls == []


def test_emptying_models_fails_instead_of_changing_forever(proxy):
    proxy.add_user('ann', models=['fake'])
    result = run(proxy, user_id='ann', models=[])
    assert result['failed'] and 'models' in result['msg'] and proxy.writes == []
    assert not run(proxy, user_id='ann', models=['fake'])['changed']


# -- litellm_user_info --

def info(proxy, **params):
    from ansible_collections.berriai.litellm.plugins.module_utils._user import run_user_info
    return runner.execute(run_user_info, dict({'api_key': 'sk-admin-secret-1234'}, **params), client=proxy)


def test_info_by_id_is_one_read_with_keys_and_teams(proxy):
    proxy.add_user('ann', user_email='ann@example.com', teams=['t1'])
    proxy.add_key('ann', 't1', 'ann-key')
    result = info(proxy, user_id='ann')
    assert result['http_requests'] == {'GET': 1} and result['msg'] == "1 user(s) with user_id 'ann'"
    user = result['users'][0]
    assert user['teams'] == ['t1'] and [k['key_alias'] for k in user['virtual_keys']] == ['ann-key']
    assert info(proxy, user_id='nobody')['users'] == []


def test_info_of_every_user_reads_keys_once_and_never_a_secret(proxy):
    for n in range(150):
        proxy.add_user('u%03d' % n)
    proxy.add_key('u007', None, 'seven')
    result = info(proxy)
    assert len(result['users']) == 150
    assert [path for path, _q in proxy.reads] == ['/user/list', '/user/list', '/key/list']
    assert [k['key_alias'] for k in result['users'][7]['virtual_keys']] == ['seven']
    assert 'sk-secret' not in json.dumps(result)


@pytest.mark.parametrize('check_mode', [True, False])
def test_180_unlimited_is_refused_before_any_write(proxy, check_mode):
    # LiteLLM 1.80's /user/update ignores nulls: unlimited would be reported on every run and never applied
    proxy.litellm_version = '1.80.17'
    proxy.add_user('capped', max_budget=10, rpm_limit=3)
    result = run(proxy, check_mode=check_mode, user_id='capped', unlimited=['max_budget'])
    assert result['failed'] and not result['changed'] and proxy.writes == []
    assert 'max_budget' in result['msg'] and 'LiteLLM 1.80.17' in result['msg']
    # nothing to remove: nothing refused
    proxy.add_user('free')
    assert not run(proxy, check_mode=check_mode, user_id='free', unlimited=['max_budget']).get('failed')
