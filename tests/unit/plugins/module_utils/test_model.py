# -*- coding: utf-8 -*-
# Unit tests of litellm_model's logic (module_utils/_model.py) over the fake model endpoints. Each test asserts
# the result, the warnings and the exact writes; check mode sends no write; the api_key never shows.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

import pytest

from ansible_collections.berriai.litellm.plugins.module_utils import _runner as runner
from ansible_collections.berriai.litellm.plugins.module_utils._model import is_secret_param, run_model
from ansible_collections.berriai.litellm.tests.unit.plugins.module_utils.fake_model import FakeModelProxy

SECRET = 'sk-model-secret-value-4711'
MOCK = {'model': 'openai/mock', 'mock_response': 'hello'}


def params(**overrides):
    base = {'model_id': 'm-1', 'model_name': None, 'state': 'present', 'litellm_params': None,
            'secret_params': None, 'model_info': None, 'update_secrets': 'on_create'}
    base.update(overrides)
    return base


def run(proxy, check_mode=False, **overrides):
    result = runner.execute(run_model, params(**overrides), check_mode=check_mode, client=proxy)
    assert SECRET not in json.dumps(result)
    return result


def existing(**info):
    proxy = FakeModelProxy()
    proxy.add('mock-a', dict(MOCK, api_key=SECRET, rpm=10),
              dict({'mode': 'chat', 'managed_by': 'berriai.litellm'}, **info), model_id='m-1')
    return proxy


@pytest.mark.parametrize('check_mode', [True, False])
def test_create(check_mode):
    proxy = FakeModelProxy()
    result = run(proxy, check_mode, model_name='mock-a', litellm_params=MOCK, secret_params={'api_key': SECRET},
                 model_info={'mode': 'chat'})
    assert result['changed'] and result['outcome'] == 'created' and result['model_id'] == 'm-1'
    # only what the task manages (not LiteLLM's defaults nor its cost map), the api_key as sent, in both modes
    assert result['model']['litellm_params'] == dict(MOCK, api_key='******** (sent)')
    assert result['model']['model_info'] == {'mode': 'chat', 'managed_by': 'berriai.litellm', 'id': 'm-1',
                                             'db_model': True}
    assert result['diff']['after']['litellm_params'] == result['model']['litellm_params']
    assert result['diff']['after']['model_info'] == result['model']['model_info']
    if check_mode:
        assert proxy.writes == []
        return
    assert proxy.writes == [('POST', '/model/new', {
        'model_name': 'mock-a', 'litellm_params': dict(MOCK, api_key=SECRET),
        'model_info': {'mode': 'chat', 'managed_by': 'berriai.litellm', 'id': 'm-1'}})]
    assert proxy.reads[-1] == ('/model/info', {'litellm_model_id': 'm-1'})


def test_unchanged_on_create_only_and_changed_with_always():
    proxy = existing()
    asked = dict(model_name='mock-a', litellm_params=MOCK, secret_params={'api_key': SECRET})
    result = run(proxy, **asked)
    assert not result['changed'] and proxy.writes == []
    result = run(proxy, update_secrets='always', **asked)
    assert result['changed'] and result['msg'] == 'model updated: litellm_params'
    assert proxy.writes == [('PATCH', '/model/m-1/update', {'litellm_params': {'api_key': SECRET}})]


@pytest.mark.parametrize('options', [
    {'model_id': 'm-2', 'model_name': 'mock-b', 'litellm_params': MOCK, 'secret_params': {'api_key': SECRET},
     'model_info': {'mode': 'chat', 'base_model': 'gpt-4o-mini'}},
    {'model_id': 'm-2', 'model_name': 'mock-b', 'litellm_params': MOCK},
    {'litellm_params': {'rpm': 20, 'timeout': 30}, 'model_info': {'access_groups': ['a']}},
    {'secret_params': {'api_key': SECRET}, 'update_secrets': 'always'},
    {'model_name': 'mock-b'},
    {'litellm_params': {'rpm': 10}},
    {'state': 'absent'},
])
def test_check_mode_predicts_the_result_and_diff_of_the_real_run(options):
    checked = run(existing(), True, **options)
    real = run(existing(), **options)
    for name in ('changed', 'outcome', 'model', 'model_id', 'diff', 'warnings'):
        assert real[name] == checked[name], name
    assert real['msg'] == checked['msg'].replace('would be ', '')
    for view in (real['model'], real['diff']['before'], real['diff']['after']):
        assert not set(view.get('litellm_params') or {}) & set(['use_in_pass_through', 'merge_reasoning_content_in_choices'])
        assert 'input_cost_per_token' not in (view.get('model_info') or {})


def test_only_what_the_task_sets_is_compared_and_sent():
    proxy = existing()
    result = run(proxy, litellm_params={'rpm': 20}, model_info={'access_groups': ['a']})
    assert result['msg'] == 'model updated: litellm_params, model_info'
    assert proxy.writes == [('PATCH', '/model/m-1/update', {
        'litellm_params': {'rpm': 20}, 'model_info': {'access_groups': ['a'], 'id': 'm-1'}})]
    assert proxy.models['m-1']['litellm_params']['mock_response'] == 'hello'
    assert not run(proxy, litellm_params={'rpm': 20}, model_info={'access_groups': ['a']})['changed']


@pytest.mark.parametrize('check_mode', [True, False])
def test_rename(check_mode):
    proxy = existing()
    result = run(proxy, check_mode, model_name='mock-b')
    assert result['changed'] and result['model']['model_name'] == 'mock-b'
    assert proxy.writes == ([] if check_mode else [('PATCH', '/model/m-1/update', {'model_name': 'mock-b'})])


def test_an_unmarked_model_is_marked():
    proxy = FakeModelProxy()
    proxy.add('ui-model', MOCK, model_id='m-1')
    run(proxy, model_name='ui-model')
    assert proxy.writes == [('PATCH', '/model/m-1/update', {'model_info': {'managed_by': 'berriai.litellm',
                                                                           'id': 'm-1'}})]


def test_by_name_finds_the_one_db_deployment():
    proxy = existing()
    assert not run(proxy, model_id=None, model_name='mock-a', litellm_params={'rpm': 10})['changed']
    proxy.add('mock-a', MOCK, model_id='m-2')
    result = run(proxy, model_id=None, model_name='mock-a', litellm_params={'rpm': 10})
    assert result['failed'] and 'ids: m-1, m-2' in result['msg'] and proxy.writes == []


def test_by_name_creates_when_absent_without_an_id():
    proxy = FakeModelProxy()
    result = run(proxy, model_id=None, model_name='mock-a', litellm_params=MOCK)
    assert result['changed'] and result['model_id'] == 'uuid-0001'
    assert 'id' not in proxy.writes[0][2]['model_info']


@pytest.mark.parametrize('by_id', [True, False])
def test_a_config_model_is_refused_before_any_write(by_id):
    proxy = FakeModelProxy()
    proxy.add('mock', MOCK, model_id='cfg-1', db_model=False)
    result = run(proxy, model_id='cfg-1' if by_id else None, model_name='mock', litellm_params={'rpm': 1})
    assert result['failed'] and "config file" in result['msg'] and 'cfg-1' in result['msg']
    assert proxy.writes == []
    assert run(proxy, model_id='cfg-1', state='absent')['failed']


def test_store_model_in_db_off_says_what_to_set():
    proxy = FakeModelProxy(store_model_in_db=False)
    result = run(proxy, model_name='mock-a', litellm_params=MOCK)
    assert result['failed'] and 'store_model_in_db: true' in result['msg']


def test_a_taken_id_created_meanwhile_is_converged():
    proxy = FakeModelProxy()
    first = []

    def info_then_race(query, path):
        if first:
            return proxy.info(query, path)
        first.append(query)
        try:
            return proxy.info(query, path)
        finally:
            proxy.add('mock-a', MOCK, model_id='m-1')  # another run creates it right after our look-up
    proxy.route('GET', '/model/info', info_then_race)
    result = run(proxy, model_name='mock-a', litellm_params=dict(MOCK, rpm=5))
    assert result['changed'] and 'another run' in result['warnings'][0]
    assert [w[1] for w in proxy.writes] == ['/model/new', '/model/m-1/update']


def test_only_the_exact_not_found_answer_means_absent():
    proxy = FakeModelProxy()

    def other_400(query, path):
        from ansible_collections.berriai.litellm.tests.unit.plugins.module_utils.fake_proxy import FakeAnswer
        raise FakeAnswer(400, {'detail': {'error': 'something else'}})
    proxy.route('GET', '/model/info', other_400)
    result = run(proxy, model_name='mock-a', litellm_params=MOCK)
    assert result['failed'] and proxy.writes == []


@pytest.mark.parametrize('check_mode', [True, False])
def test_delete(check_mode):
    proxy = existing()
    result = run(proxy, check_mode, state='absent')
    assert result['changed'] and result['model'] == {}
    assert proxy.writes == ([] if check_mode else [('POST', '/model/delete', {'id': 'm-1'})])
    assert not run(FakeModelProxy(), state='absent')['changed']


def test_a_gone_model_during_update_is_created_again():
    proxy = existing()
    proxy.route('PATCH', '/model/([^/]+)/update', lambda body, path: proxy.models.clear() or proxy.update(body, path))
    result = run(proxy, model_name='mock-a', litellm_params=dict(MOCK, rpm=99))
    assert result['changed'] and result['outcome'] == 'recreated'
    assert proxy.models['m-1']['litellm_params']['rpm'] == 99


@pytest.mark.parametrize('name,secret', [
    ('api_key', True), ('aws_secret_access_key', True), ('vertex_credentials', True), ('litellm_credential_name', False),
    ('input_cost_per_token', False), ('max_tokens', False), ('api_base', False), ('rpm', False),
])
def test_secret_names(name, secret):
    assert is_secret_param(name) == secret


@pytest.mark.parametrize('args,phrase', [
    (dict(litellm_params={'model': 'x', 'api_key': SECRET}), 'give it in secret_params'),
    (dict(litellm_params={'model': 'x'}, secret_params={'model': 'y'}), 'choose one'),
    (dict(model_info={'id': 'x'}), 'give it as model_id'),
    (dict(model_id=''), 'model_id must not be empty'),
])
def test_bad_input_fails_before_any_request(args, phrase):
    proxy = FakeModelProxy()
    result = run(proxy, **args)
    assert result['failed'] and phrase in result['msg'] and proxy.calls == []


def test_info_by_id_name_and_all_never_shows_a_secret():
    from ansible_collections.berriai.litellm.plugins.module_utils._model import run_model_info
    proxy = existing()
    proxy.add('mock', MOCK, model_id='cfg-1', db_model=False)

    def info(**args):
        result = runner.execute(run_model_info, dict({'model_id': None, 'model_name': None, 'db_only': False}, **args),
                                client=proxy)
        assert SECRET not in json.dumps(result) and not result['changed']
        return [(m['model_id'], m['db_model']) for m in result['models']]
    assert info(model_id='m-1') == [('m-1', True)]
    assert info(model_id='nope') == []
    assert info(model_name='mock') == [('cfg-1', False)]
    assert info() == [('cfg-1', False), ('m-1', True)]
    assert info(db_only=True) == [('m-1', True)]
    assert proxy.writes == []
