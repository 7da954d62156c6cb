# -*- coding: utf-8 -*-
# Unit tests of litellm_keys' logic (module_utils/_bulk.py) on the in-memory proxy of fake_litellm.py:
# the semantics of litellm_key, with one paged read for all keys and no read per key.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy

import pytest

from ansible_collections.berriai.litellm.plugins.module_utils import _bulk as bulk, _runner as runner
from ansible_collections.berriai.litellm.plugins.module_utils._api import ParameterError
from ansible_collections.berriai.litellm.plugins.modules.litellm_keys import ARGUMENT_SPEC

from ansible_collections.berriai.litellm.tests.unit.plugins.module_utils.fake_litellm import NOT_FOUND_UPDATE
from ansible_collections.berriai.litellm.tests.unit.plugins.module_utils.test_key import ADMIN_KEY, FakeProxy


def item(**kwargs):
    """One item of `keys`, as the argspec hands it over (every sub-option present)."""
    options = ARGUMENT_SPEC['keys']['options']
    result = dict((name, spec.get('default')) for name, spec in options.items())
    result.update(kwargs)
    return result


def run(fake, items, check_mode=False, concurrency=4, diff_mode=False):
    params = {'keys': [item(**i) for i in items], 'concurrency': concurrency,
              'api_base': 'http://proxy.test:4000', 'api_key': ADMIN_KEY}
    return runner.execute(bulk.run_keys, params, check_mode=check_mode, client=fake, diff_mode=diff_mode)


def key_list_reads(fake):
    return [c for c in fake.calls if c[0] == 'GET' and c[1] == '/key/list']


def test_create_then_noop_reads_the_list_once_and_writes_nothing():
    fake = FakeProxy()
    wanted = [{'key_alias': 'k%d' % n, 'team_id': 't1', 'max_budget': 2} for n in range(5)]
    first = run(fake, wanted)
    assert first['changed'] and first['summary']['created'] == 5
    assert all(r['secret'].startswith('sk-') for r in first['key_results'])
    assert len(fake.writes_to('/key/generate')) == 5

    fake.calls = []
    again = run(fake, wanted)
    assert not again['changed'] and again['summary']['unchanged'] == 5
    assert fake.calls == [('GET', '/key/list', {'return_full_object': 'true', 'page': 1, 'size': 100})]
    assert all(r['secret'] is None for r in again['key_results'])
    assert all('diff' not in r for r in again['key_results'])  # only in diff mode: it would double the result


def test_check_mode_predicts_and_only_reads():
    fake = FakeProxy()
    fake.add_key('sk-existing-key-0001', key_alias='k1', team_id='t1', max_budget=1.0)
    before = copy.deepcopy(fake.live)
    result = run(fake, [{'key_alias': 'k1', 'team_id': 't1', 'max_budget': 3},
                        {'key_alias': 'k2', 'team_id': 't1'}], check_mode=True, diff_mode=True)
    assert result['summary'] == {'created': 1, 'updated': 1, 'recreated': 0, 'deleted': 0, 'unchanged': 0,
                                 'failed': 0}
    assert fake.writes == [] and fake.live == before
    assert result['key_results'][0]['diff']['before']['max_budget'] == 1
    assert result['key_results'][0]['diff']['after']['max_budget'] == 3


def test_team_change_recreates_and_a_vanished_key_is_recreated_after_a_confirmed_read():
    fake = FakeProxy()
    moved = fake.add_key('sk-existing-key-0001', key_alias='moved', team_id='t1')
    vanished = fake.add_key('sk-existing-key-0002', key_alias='vanished', team_id='t1', max_budget=1.0)

    def delete_behind_our_back(proxy, body):
        proxy.archive_key(vanished)
        return NOT_FOUND_UPDATE
    fake.on('POST', '/key/update', delete_behind_our_back)

    result = run(fake, [{'key_alias': 'moved', 'team_id': 't2'},
                        {'key_alias': 'vanished', 'team_id': 't1', 'max_budget': 4}], concurrency=1)
    by_alias = dict((r['key_alias'], r) for r in result['key_results'])
    assert by_alias['moved']['recreate_reason'] == 'team_change' and by_alias['moved']['token'] != moved
    assert by_alias['vanished']['recreate_reason'] == 'missing'
    assert by_alias['vanished']['virtual_key']['max_budget'] == 4
    assert result['summary']['recreated'] == 2
    assert len(result['warnings']) == 2


def test_a_failing_key_fails_the_task_but_the_others_converge():
    fake = FakeProxy()
    fake.add_key('sk-existing-key-0001', key_alias='taken', team_id='t1')
    fake.add_key('sk-existing-key-0002', key_alias='mine', team_id='t1')
    result = run(fake, [{'key_alias': 'mine', 'team_id': 't1', 'max_budget': 9},
                        {'token': 'f' * 64, 'team_id': 't1'}])
    assert result['failed'] and result['changed']
    assert result['summary']['updated'] == 1 and result['summary']['failed'] == 1
    assert '1 of 2 keys failed' in result['msg']
    assert 'cannot be created from its token' in result['msg']


def test_deleted_keys_are_found_in_the_teams_archive_once_per_team():
    fake = FakeProxy()
    for n in range(3):
        fake.archive_key(fake.add_key('sk-existing-key-000%d' % n, key_alias='k%d' % n, team_id='t1'))
    result = run(fake, [{'key_alias': 'k%d' % n, 'team_id': 't1'} for n in range(3)])
    assert [r['recreate_reason'] for r in result['key_results']] == ['deleted'] * 3
    archive_reads = [c for c in key_list_reads(fake) if (c[2] or {}).get('status') == 'deleted']
    assert archive_reads == [('GET', '/key/list', {'team_id': 't1', 'status': 'deleted', 'return_full_object': 'true',
                                                   'page': 1, 'size': 100})]


@pytest.mark.parametrize('items,message', [
    ([{'key_alias': 'a'}, {'key_alias': 'a'}], 'keys[0] and keys[1] name the same key'),
    ([{'key_alias': 'a', 'budget_duration': 'monthly'}], 'keys[0]: budget_duration must be a LiteLLM duration'),
])
def test_bad_items_fail_before_any_request(items, message):
    fake = FakeProxy()
    result = run(fake, items)
    assert result['failed'] and message in result['msg']
    assert fake.calls == []


def test_concurrency_is_bounded():
    with pytest.raises(ParameterError):
        bulk.validate_keys_params({'keys': [], 'concurrency': 64})


def test_item_warnings_appear_once_at_task_level_and_outcomes_are_counted():
    fake = FakeProxy()
    fake.add_key('sk-existing-key-0001', key_alias='moved', team_id='t1')
    fake.add_key('sk-existing-key-0002', key_alias='kept', team_id='t1')
    result = run(fake, [{'key_alias': 'moved', 'team_id': 't2'}, {'key_alias': 'kept', 'team_id': 't1'},
                        {'key_alias': 'new', 'team_id': 't1'}, {'key_alias': 'gone', 'state': 'absent'}],
                 concurrency=1)
    assert [r['outcome'] for r in result['key_results']] == ['recreated', 'unchanged', 'created', 'unchanged']
    assert result['msg'] == '1 created, 1 recreated, 2 unchanged'
    assert all('warnings' not in r for r in result['key_results'])
    assert len(result['warnings']) == 1 and "key 'moved' was recreated" in result['warnings'][0]


def test_team_aliases_and_ids_are_read_once_per_task():
    fake = FakeProxy()
    fake.add_team(team_id='t3', team_alias='three')
    result = run(fake, [{'key_alias': 'k%d' % n, 'team_alias': 'three'} for n in range(3)]
                 + [{'key_alias': 'j%d' % n, 'team_id': 't1'} for n in range(3)], concurrency=1)
    assert result['summary']['created'] == 6
    assert [read for read in fake.reads if read[0] != '/key/list'] == [
        ('/v2/team/list', {'team_alias': 'three', 'page': 1, 'page_size': 100}), ('/team/info', {'team_id': 't1'})]


@pytest.mark.parametrize('bad,message', [
    ({'token': 'sk-' + 'a' * 40}, 'keys[0]: token is the sha256 of a key'),
    ({'token': 'F' * 64}, 'keys[0]: token must be the sha256 of a key'),
    ({'key_alias': 'a', 'max_budget': float('nan')}, 'keys[0]: max_budget must be a finite number'),
])
def test_refused_items_fail_before_any_request(bad, message):
    fake = FakeProxy()
    result = run(fake, [bad])
    assert result['failed'] and message in result['msg'] and fake.calls == []


def test_an_item_in_a_team_id_that_does_not_exist_fails_alone_before_its_write():
    fake = FakeProxy()
    result = run(fake, [{'key_alias': 'ok', 'team_id': 't1'}, {'key_alias': 'typo', 'team_id': 't-typo'}],
                 concurrency=1)
    assert result['failed'] and result['summary']['created'] == 1 and result['summary']['failed'] == 1
    assert "typo: no team has team_id 't-typo'" in result['msg']
    assert [body['key_alias'] for body in fake.writes_to('/key/generate')] == ['ok']


def test_check_mode_predicts_keys_in_a_team_an_earlier_task_would_create():
    fake = FakeProxy()
    items = [{'key_alias': 'k', 'team_alias': 'not-yet'}]
    checked = run(fake, items, check_mode=True)
    assert not checked.get('failed'), checked['msg']
    assert checked['summary']['created'] == 1 and fake.writes == []
    assert len(checked['warnings']) == 1 and "team 'not-yet' does not exist yet" in checked['warnings'][0]
    real = run(fake, items)
    assert real['failed'] and "no team has the alias 'not-yet'" in real['msg'] and fake.writes == []


def test_180_a_key_type_it_cannot_keep_fails_that_item_before_any_write():
    fake = FakeProxy()
    fake.litellm_version = '1.80.17'
    result = run(fake, [{'key_alias': 'typed', 'key_type': 'llm_api'}, {'key_alias': 'plain', 'key_type': 'default'}])
    assert result['failed'] and result['summary']['failed'] == 1 and result['summary']['created'] == 1
    assert [body['key_alias'] for body in fake.writes_to('/key/generate')] == ['plain']
    assert 'LiteLLM 1.80.17 cannot keep key_type' in result['key_results'][0]['msg']


def test_180_keys_with_a_soft_budget_are_read_from_key_info_where_the_list_leaves_the_budget_out():
    fake = FakeProxy()
    fake.litellm_version = '1.80.17'
    items = [{'key_alias': 'sb1', 'soft_budget': 4.0}, {'key_alias': 'plain'}]
    first = run(fake, items)
    assert not first.get('failed'), first['msg']
    assert first['key_results'][0]['virtual_key']['soft_budget'] == 4.0
    fake.calls[:] = []
    again = run(fake, items)
    assert not again['changed'] and fake.writes == []
    assert [path for path, query in fake.reads].count('/key/info') == 1  # the key with a soft_budget only
