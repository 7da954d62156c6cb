# -*- coding: utf-8 -*-
# Unit tests of verified writes (_reconciler.Reconciler.verified, _bulk.verify_written): after each write the object
# is read back once and compared with what the task asks; a field the proxy did not keep fails the task naming the
# field, the value sent, the value stored and the proxy's version, and the result is what the proxy holds. A cache
# that settles within the pauses is waited out; a no-op run reads nothing more; litellm_keys reads the keys back
# with one paged read after its writes.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy

import pytest

from ansible_collections.berriai.litellm.plugins.module_utils import _reconciler
from ansible_collections.berriai.litellm.plugins.module_utils import _runner as runner
from ansible_collections.berriai.litellm.plugins.module_utils._team import run_team
from ansible_collections.berriai.litellm.plugins.module_utils._user import run_user
from ansible_collections.berriai.litellm.plugins.modules.litellm_team import ARGUMENT_SPEC
from ansible_collections.berriai.litellm.tests.unit.plugins.module_utils.fake_litellm import FakeLiteLLM, task_params
from ansible_collections.berriai.litellm.tests.unit.plugins.module_utils.fake_users import FakeUsers
from ansible_collections.berriai.litellm.tests.unit.plugins.module_utils.test_bulk import key_list_reads
from ansible_collections.berriai.litellm.tests.unit.plugins.module_utils.test_bulk import run as run_bulk
from ansible_collections.berriai.litellm.tests.unit.plugins.module_utils.test_key import FakeProxy
from ansible_collections.berriai.litellm.tests.unit.plugins.module_utils.test_key import run as run_key_task


@pytest.fixture(autouse=True)
def pauses(monkeypatch):
    """The pauses between re-reads, recorded instead of waited."""
    waited = []
    monkeypatch.setattr(_reconciler.Reconciler, 'wait', staticmethod(waited.append))
    return waited


def rewriting(proxy, method, path, change, times=None):
    """Make the proxy's answers to `method path` pass through change(answer) (the next `times` ones, else all):
    what the fault forwarder does to a real proxy's reads."""
    for (route_method, pattern), handler in list(proxy.routes.items()):
        if route_method == method and pattern.match(path):
            left = [times]

            def answer(payload, where, handler=handler):
                body = copy.deepcopy(handler(payload, where))  # not the fake's own record
                if left[0] is None or left[0] > 0:
                    left[0] = None if left[0] is None else left[0] - 1
                    change(body)
                return body
            proxy.routes[(route_method, pattern)] = answer


def team_budget(value):
    def change(body):
        body['team_info']['max_budget'] = value
    return change


def run_team_task(proxy, check_mode=False, **options):
    return runner.execute(run_team, task_params(ARGUMENT_SPEC, **options), check_mode=check_mode, client=proxy)


def test_an_update_the_proxy_did_not_keep_fails_naming_field_sent_stored_and_version(pauses):
    proxy = FakeLiteLLM(teams=[dict(team_id='t1', team_alias='research', max_budget=10.0)])
    rewriting(proxy, 'GET', '/team/info', team_budget(10.0))  # every read shows the old budget
    result = run_team_task(proxy, team_id='t1', team_alias='research', max_budget=20.0)
    assert result['failed'] is True and result['changed'] is True
    assert result['msg'] == (
        "team 'research' was updated (written: max_budget), but LiteLLM 1.108.7 did not keep max_budget (max_budget: "
        "sent 20.0, stored 10.0). The proxy holds the rest of what was written, and the result shows what it holds; "
        "a rerun would send the same again: leave max_budget out of the task, or use a LiteLLM that keeps it")
    assert result['team']['max_budget'] == 10  # what the proxy holds, not the plan
    assert proxy.writes_to('/team/update') == [{'team_id': 't1', 'max_budget': 20.0}]
    assert pauses == [0.5]  # read once more before failing


def test_a_create_the_proxy_did_not_keep_fails_and_says_what_was_written():
    proxy = FakeLiteLLM()
    rewriting(proxy, 'GET', '/team/info', team_budget(None))
    result = run_team_task(proxy, team_alias='research', max_budget=5.0, models=['gpt-4o'])
    assert result['failed'] is True and result['changed'] is True and result['outcome'] == 'created'
    assert result['msg'].startswith("team 'research' was created (written: max_budget, metadata, models, team_alias), but "
                                    "LiteLLM 1.108.7 did not keep max_budget (max_budget: sent 5.0, stored null)")
    assert result['team']['max_budget'] is None and result['team']['models'] == ['gpt-4o']


def test_a_proxy_cache_that_settles_is_waited_out_not_reported(pauses):
    proxy = FakeLiteLLM(teams=[dict(team_id='t1', team_alias='research', max_budget=10.0)])
    rewriting(proxy, 'GET', '/team/info', team_budget(10.0), times=2)  # the look-up and the first read-back
    result = run_team_task(proxy, team_id='t1', max_budget=20.0)
    assert result.get('failed') is not True and result['changed'] is True
    assert result['team']['max_budget'] == 20
    assert pauses == [0.5]  # the default: one more read (a credential waits longer: its verify_pauses)


def test_a_kept_write_costs_one_read_and_a_no_op_none():
    proxy = FakeLiteLLM(teams=[dict(team_id='t1', team_alias='research', max_budget=10.0)])
    assert run_team_task(proxy, team_id='t1', max_budget=20.0)['http_requests'] == {'GET': 2, 'POST': 1}
    assert run_team_task(proxy, team_id='t1', max_budget=20.0)['http_requests'] == {'GET': 3, 'POST': 1}  # +1 read


def test_check_mode_reads_nothing_back():
    proxy = FakeLiteLLM(teams=[dict(team_id='t1', team_alias='research', max_budget=10.0)])
    result = run_team_task(proxy, check_mode=True, team_id='t1', max_budget=20.0)
    assert result['changed'] is True and proxy.writes == [] and len(proxy.reads) == 1


def test_an_object_the_proxy_no_longer_shows_after_the_write_fails():
    proxy = FakeLiteLLM(teams=[dict(team_id='t1', team_alias='research', max_budget=10.0)])
    proxy.on('GET', '/team/info', lambda fake, query: None)  # the look-up, then every read-back: not found
    for unused in range(2):
        proxy.on('GET', '/team/info', lambda fake, query: (404, {'detail': {'error': 'Team not found'}}))
    result = run_team_task(proxy, team_id='t1', max_budget=20.0)
    assert result['failed'] is True
    assert 'was updated (written: max_budget), but the proxy (LiteLLM 1.108.7) does not show it afterwards' \
        in result['msg']


def test_a_user_update_the_proxy_ignored_fails():
    # LiteLLM 1.80's /user/update ignores a null: unlimited on max_budget answers 200 and keeps the budget
    proxy = FakeUsers()
    assert run_user_task(proxy, user_id='ann', max_budget=5.0)['changed'] is True
    rewriting(proxy, 'GET', '/user/info', lambda body: body['user_info'].update(max_budget=5.0))
    result = run_user_task(proxy, user_id='ann', unlimited=['max_budget'])
    assert result['failed'] is True
    assert 'did not keep max_budget (max_budget: sent null, stored 5.0)' in result['msg']
    assert result['user']['max_budget'] == 5


def run_user_task(proxy, **params):
    return runner.execute(run_user, dict({'state': 'present', 'purge_metadata': False, 'api_key': 'sk-admin-1234'},
                                         **params), client=proxy)


def test_bulk_keys_are_read_back_with_one_paged_read_and_a_dropped_field_fails_its_item():
    fake = FakeProxy()
    wanted = [{'key_alias': 'k%d' % n, 'team_id': 't1', 'max_budget': 2} for n in range(3)]

    def drop_k1_budget(body):
        for key in body.get('keys') or []:
            if isinstance(key, dict) and key.get('key_alias') == 'k1':
                key['max_budget'] = None
    rewriting(fake, 'GET', '/key/list', drop_k1_budget)
    result = run_bulk(fake, wanted)
    # the snapshot, then the read-back: no read per key (and the team's deleted keys, for the creates)
    assert len([read for read in key_list_reads(fake) if 'status' not in read[2]]) == 2
    assert [c for c in fake.calls if c[1] == '/key/info'] == []
    assert result['failed'] is True and result['summary']['created'] == 2 and result['summary']['failed'] == 1
    failed = [r for r in result['key_results'] if r.get('failed')]
    assert failed[0]['key_alias'] == 'k1' and failed[0]['secret'].startswith('sk-')  # the secret is not lost
    assert 'did not keep max_budget (max_budget: sent 2, stored null)' in failed[0]['msg']
    assert failed[0]['virtual_key']['max_budget'] is None


def test_a_created_key_is_read_back_by_the_look_for_twins_not_by_a_read_of_its_own():
    fake = FakeProxy()
    result, unused = run_key_task(fake, key_alias='ci', team_id='t1', max_budget=7)
    assert result['changed'] is True and result['virtual_key']['max_budget'] == 7
    assert [read[0] for read in fake.reads].count('/key/info') == 0
    fake.calls = []
    result, unused = run_key_task(fake, key_alias='ci', team_id='t1', max_budget=8)  # an update: one read back
    assert [read[0] for read in fake.reads] == ['/key/list', '/key/info']
