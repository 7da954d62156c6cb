# -*- coding: utf-8 -*-
# Unit tests of module_utils/_runner.py: execute() turns a logic's result or failure into the module's result, the
# same for the module and the controller fast path; Context gives the logic its client, modes, cache and warnings.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.berriai.litellm.plugins.module_utils import _runner as runner
from ansible_collections.berriai.litellm.plugins.module_utils._api import LiteLLMError, ParameterError
from ansible_collections.berriai.litellm.plugins.module_utils._key import run_key
from ansible_collections.berriai.litellm.plugins.module_utils._team import run_team
from ansible_collections.berriai.litellm.tests.unit.plugins.module_utils.fake_litellm import FakeLiteLLM

ADMIN_KEY = 'sk-admin-secret-1234'
CONNECTION = {'api_base': 'http://proxy.test:4000', 'api_key': ADMIN_KEY}


class Response(object):
    status_code = 200
    headers = {}
    content = b'{"keys": [], "total_pages": 1}'

    def json(self):
        return {'keys': [], 'total_pages': 1}


class Session(object):
    """requests.Session as execute() is handed it by the fast path: every request answered 200."""

    def __init__(self):
        self.headers = {}
        self.sent = []

    def request(self, method, url, **kwargs):
        self.sent.append((method, url))
        return Response()


def test_the_client_is_built_once_from_the_connection_options_over_the_given_session():
    session = Session()

    def logic(ctx, params):
        assert ctx.client.session is session
        return {'changed': False, 'keys': ctx.client.paged('/key/list', {}, 'keys')}

    result = runner.execute(logic, dict(CONNECTION), session=session)
    assert result == {'changed': False, 'keys': [], 'warnings': [], 'http_requests': {'GET': 1}}
    assert session.sent == [('GET', 'http://proxy.test:4000/key/list')]
    assert session.headers['Authorization'] == 'Bearer ' + ADMIN_KEY


@pytest.mark.parametrize('missing', ['api_base', 'api_key'])
def test_missing_connection_options_fail_before_the_logic_runs(missing):
    params = dict(CONNECTION)
    del params[missing]
    logic = pytest.fail  # never called
    result = runner.execute(logic, params, session=Session())
    assert result['failed'] is True and result['changed'] is False and missing in result['msg']
    assert result['warnings'] == [] and 'http_requests' not in result


def test_a_parameter_error_fails_unchanged_without_the_credential():
    def logic(ctx, params):
        ctx.warn('about to refuse %s' % params['api_key'])
        raise ParameterError('bad value next to %s' % params['api_key'])

    result = runner.execute(logic, dict(CONNECTION), client=FakeLiteLLM())
    assert result['failed'] is True and result['changed'] is False and 'status' not in result
    assert ADMIN_KEY not in repr(result) and result['msg'].startswith('bad value next to ')
    assert result['warnings'] == ['about to refuse ********']


@pytest.mark.parametrize('wrote', [False, True])
def test_a_proxy_error_reports_changed_only_after_a_write_that_took_effect(wrote):
    proxy = FakeLiteLLM()

    def logic(ctx, params):
        if wrote:
            ctx.client.post('/team/new', {'team_alias': 'research'})
        raise LiteLLMError('the proxy failed', status=500)

    result = runner.execute(logic, dict(CONNECTION), client=proxy)
    assert result['failed'] is True and result['changed'] is wrote and result['status'] == 500
    assert result['http_requests'] == ({'POST': 1} if wrote else {})


def test_modes_reach_the_logic_through_the_context():
    seen = []
    runner.execute(lambda ctx, params: seen.append((ctx.check_mode, ctx.diff_mode)) or {'changed': False},
                   dict(CONNECTION), check_mode=True, diff_mode=True, client=FakeLiteLLM())
    assert seen == [(True, True)]


def test_a_run_cache_given_to_execute_serves_the_next_run():
    proxy = FakeLiteLLM(teams=[{'team_id': 't1', 'team_alias': 'one'}])
    cache = runner.RunCache()
    task = dict(CONNECTION, state='present', team_alias='one', on_team_change='recreate')
    for alias in ('a', 'b'):
        result = runner.execute(run_key, dict(task, key_alias=alias), client=proxy, cache=cache)
        assert result['changed'] is True, result['msg']
    assert cache.team_ids == {'one': 't1'}
    assert [read[0] for read in proxy.reads].count('/v2/team/list') == 1


def test_an_item_context_shares_the_client_modes_and_cache_but_keeps_its_warnings():
    ctx = runner.Context(FakeLiteLLM(), check_mode=True, diff_mode=True)
    ctx.team_ids['one'] = 't1'
    item = ctx.item()
    item.warn('only mine')
    assert (item.client, item.check_mode, item.diff_mode, item.team_ids) == (ctx.client, True, True, {'one': 't1'})
    assert item.cache is ctx.cache
    assert item.warnings == ['only mine'] and ctx.warnings == []


def test_writes_count_only_the_ones_that_took_effect():
    assert runner.Context(None).writes == 0
    proxy = FakeLiteLLM()
    ctx = runner.Context(proxy)
    proxy.post('/team/new', {'team_alias': 'research'})
    with pytest.raises(LiteLLMError):
        proxy.post('/team/update', {'team_id': 'nope'})
    assert ctx.writes == 1


def test_the_result_of_a_logic_keeps_its_own_fields():
    result = runner.execute(run_team, dict(CONNECTION, state='present', team_alias='research', team_id=None,
                                           unlimited=None, purge_metadata=False),
                            client=FakeLiteLLM())
    assert result['outcome'] == 'created' and result['team_id'] == 'uuid-0001' and result['warnings'] == []


def test_the_proxy_version_is_read_only_when_asked_and_once_per_run_bulk_items_included():
    proxy = FakeLiteLLM()
    proxy.litellm_version = '1.80.17'

    def logic(ctx, params):
        item = ctx.item()
        return {'changed': False, 'versions': [ctx.proxy.version, item.proxy.version, ctx.proxy.text]}

    result = runner.execute(logic, dict(CONNECTION), client=proxy)
    assert result['versions'] == [(1, 80, 17), (1, 80, 17), '1.80.17']
    assert proxy.reads == [('/public/model_hub/info', None)]
    runner.execute(lambda ctx, params: {'changed': False}, dict(CONNECTION), client=proxy)
    assert len(proxy.reads) == 1  # a run that does not ask reads nothing


class _Licence(object):
    def __init__(self, *answers):
        self.answers = list(answers)
        self.reads = 0

    def get(self, path, missing_ok=False):
        assert path == '/health/license' and missing_ok
        self.reads += 1
        return self.answers.pop(0)


@pytest.mark.parametrize('answer,kind', [
    ({'license_type': 'community'}, 'community'), ({'license_type': 'enterprise'}, 'enterprise'),
    (None, None), ({}, None), (['not', 'an', 'object'], None), ('text', None), ({'license_type': None}, None)])
def test_the_licence_is_read_once_per_run_whatever_the_proxy_answers(answer, kind):
    # issue 20 review 3.5: one licence reader, named in the run cache, that never raises on an odd answer
    client = _Licence(answer)
    ctx = runner.Context(client)
    assert ctx.licence_type() == kind and ctx.item().licence_type() == kind and ctx.cache.licence == (kind or '')
    assert client.reads == 1


def test_the_run_cache_keeps_teams_and_mcp_servers_apart():
    # issue 20 review 3.1: a team id equal to an MCP server name seen earlier is still checked
    cache = runner.RunCache()
    assert (cache.team_ids, cache.teams, cache.mcp_servers, cache.licence) == ({}, set(), set(), None)
