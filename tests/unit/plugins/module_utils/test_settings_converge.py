# -*- coding: utf-8 -*-
# Every setting of issue 11 through the converge cycle, on the shared fake proxy of fake_litellm.py (which keeps
# each one where LiteLLM 1.108.7 does: docs/research/settings-probe.md): check mode predicts the change and writes
# nothing, the real run sends exactly the setting, and the next run is unchanged without a write. Metadata-backed
# settings survive a merged or purged metadata, clearing sends the documented empty values (never null for a dict
# on /key/update), and Enterprise-only settings fail before any write on a proxy without the licence.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.berriai.litellm.plugins.module_utils import _bulk as bulk, _runner as runner
from ansible_collections.berriai.litellm.plugins.module_utils import _settings as settings
from ansible_collections.berriai.litellm.plugins.module_utils._key import run_key
from ansible_collections.berriai.litellm.plugins.module_utils._team import run_team
from ansible_collections.berriai.litellm.plugins.modules import litellm_key, litellm_keys, litellm_team
from ansible_collections.berriai.litellm.tests.unit.plugins.module_utils.fake_litellm import (
    NEVER_NULL_ON_KEY_UPDATE, FakeLiteLLM, task_params)


def permission(**lists):
    """An object_permission as the argspec hands it over: every list present, None when not given."""
    return dict(dict((name, None) for name in settings.PERMISSION_LISTS), **lists)


ROTATION = {'auto_rotate': True, 'rotation_interval': '30d'}
# One value per open-source setting: the task's options, and what the write carries for them.
SAMPLES = {
    'key': {
        'soft_budget': {'soft_budget': 3.5},
        'aliases': {'aliases': {'gpt': 'fake'}},
        'config': {'config': {'retries': 2}},
        'permissions': {'permissions': {'allow_pii_controls': True}},
        'allowed_cache_controls': {'allowed_cache_controls': ['no-cache']},
        'allowed_routes': {'allowed_routes': ['/chat/completions']},
        'key_type': {'key_type': 'llm_api'},
        'enforced_params': {'enforced_params': ['user']},
        'rpm_limit_type': {'rpm_limit_type': 'guaranteed_throughput'},
        'tpm_limit_type': {'tpm_limit_type': 'best_effort_throughput'},
        'budget_id': {'budget_id': 'budget-shared'},
        'auto_rotate': ROTATION,
        'rotation_interval': ROTATION,
        'model_rpm_limit': {'model_rpm_limit': {'fake': 5}},
        'model_tpm_limit': {'model_tpm_limit': {'fake': 500}},
        'object_permission': {'object_permission': permission(models=['fake'], vector_stores=['vs1'])},
    },
    'team': {
        'soft_budget': {'soft_budget': 3.5},
        'model_rpm_limit': {'model_rpm_limit': {'fake': 5}},
        'model_tpm_limit': {'model_tpm_limit': {'fake': 500}},
        'object_permission': {'object_permission': permission(models=['fake'], agents=['a1'])},
        'model_aliases': {'model_aliases': {'gpt': 'fake'}},
        'team_member_permissions': {'team_member_permissions': ['/key/info', '/key/list']},
        'team_member_budget': {'team_member_budget': 2.0},
        'team_member_budget_duration': {'team_member_budget_duration': '30d'},
        'team_member_rpm_limit': {'team_member_rpm_limit': 10},
        'team_member_tpm_limit': {'team_member_tpm_limit': 1000},
        'router_settings': {'router_settings': {'num_retries': 2}},
        'access_group_ids': {'access_group_ids': ['ag-1']},
    },
}
# The runners of each kind: (module logic, argument spec), with the option that names the object.
RUNNERS = {'key': ('key', 'keys'), 'team': ('team',)}
NAMES = {'key': ('key_alias', 'k-settings'), 'keys': ('key_alias', 'k-settings'), 'team': ('team_alias', 't-settings')}


def run(proxy, via, check_mode=False, **options):
    """One task through litellm_key, litellm_keys (one item) or litellm_team; returns its result."""
    name, value = NAMES[via]
    options.setdefault(name, value)
    if via == 'keys':
        item = task_params(litellm_keys.ARGUMENT_SPEC['keys']['options'], **options)
        params = task_params(litellm_keys.ARGUMENT_SPEC, keys=[item], concurrency=1)
        return runner.execute(bulk.run_keys, params, check_mode=check_mode, client=proxy)
    logic, spec = (run_key, litellm_key.ARGUMENT_SPEC) if via == 'key' else (run_team, litellm_team.ARGUMENT_SPEC)
    return runner.execute(logic, task_params(spec, **options), check_mode=check_mode, client=proxy)


def existing(via, **options):
    """A proxy holding the object the tasks manage (made by the module), with its calls forgotten."""
    proxy = FakeLiteLLM()
    result = run(proxy, via, **options)
    assert result['changed'] and not result.get('failed'), result
    proxy.calls = []
    proxy.applied_writes = 0
    return proxy


def sent(options):
    """The settings part of the write for these options (None sub-options left out, as the module sends them)."""
    body = dict(options)
    if 'object_permission' in body:
        body['object_permission'] = dict((k, v) for k, v in body['object_permission'].items() if v is not None)
    return body


def identity(proxy, via):
    """How the update names the object: the key's token or the team's id."""
    if via == 'team':
        return {'team_id': list(proxy.teams)[0]}
    return {'key': list(proxy.live)[0]}


# Every create carries the collection's ownership marker (_owner.py).
MARKED = {'managed_by': 'berriai.litellm'}


def expected_writes(proxy, via, name, options, create):
    name_option, value = NAMES[via]
    if create:
        path = '/team/new' if via == 'team' else '/key/generate'
        return [(path, dict(sent(options), metadata=MARKED, **{name_option: value}))]
    if name == 'key_type':
        token = list(proxy.live)[0]
        # (the recreate carries the old key's settings over: auto_rotate false is the only one it has)
        return [('/key/delete', {'keys': [token]}),
                ('/key/generate', dict(sent(options), key_alias=value, auto_rotate=False, metadata=MARKED))]
    if name == 'team_member_permissions':
        return [('/team/permissions_update', dict(sent(options), **identity(proxy, via)))]
    return [('/team/update' if via == 'team' else '/key/update', dict(sent(options), **identity(proxy, via)))]


def converges(proxy, via, options, writes):
    """Check mode: changed, no write; for real: exactly `writes`; again: unchanged, no write."""
    held = proxy.held()
    check = run(proxy, via, check_mode=True, **options)
    assert check['changed'] and not check.get('failed'), check
    assert proxy.writes == [] and proxy.held() == held
    real = run(proxy, via, **options)
    assert real['changed'] and not real.get('failed'), real
    assert [(path, body) for unused, path, body in proxy.writes] == writes
    proxy.calls = []
    again = run(proxy, via, **options)
    assert not again['changed'] and not again.get('failed'), again
    assert proxy.writes == []
    return real


def cases(samples_of):
    return [pytest.param(kind, via, name, id='%s-%s' % (via, name))
            for kind in ('key', 'team') for via in RUNNERS[kind] for name in sorted(samples_of[kind])]


@pytest.mark.parametrize('kind', ['key', 'team'])
def test_every_open_source_setting_has_a_sample(kind):
    assert set(SAMPLES[kind]) == set(s.name for s in settings.settings_of(kind) if s.licence == settings.OSS)


@pytest.mark.parametrize('kind, via, name', cases(SAMPLES))
@pytest.mark.parametrize('create', [True, False], ids=['create', 'update'])
def test_a_setting_is_written_once_then_unchanged(kind, via, name, create):
    options = SAMPLES[kind][name]
    proxy = FakeLiteLLM() if create else existing(via)
    converges(proxy, via, options, expected_writes(proxy, via, name, options, create))


# -- metadata-backed settings and the task's own metadata --

META_SAMPLES = dict((kind, dict((name, SAMPLES[kind][name]) for name in settings.in_metadata(kind)
                                if name in SAMPLES[kind])) for kind in ('key', 'team'))


@pytest.mark.parametrize('kind, via, name', cases(META_SAMPLES))
@pytest.mark.parametrize('purge', [False, True], ids=['merge', 'purge'])
def test_metadata_merged_or_purged_keeps_a_metadata_backed_setting(kind, via, name, purge):
    options = META_SAMPLES[kind][name]
    proxy = existing(via, **options)
    result = run(proxy, via, metadata={'owner': 'x'}, purge_metadata=purge)
    assert result['changed'] and not result.get('failed'), result
    stored = list((proxy.teams if via == 'team' else proxy.live).values())[0]['metadata']
    assert stored['owner'] == 'x' and stored[name] == options[name]
    proxy.calls = []
    assert not run(proxy, via, metadata={'owner': 'x'}, **options)['changed']
    assert proxy.writes == []


# -- clearing, as documented: unlimited, or an empty value --

CLEARED = {
    'key': [({'soft_budget': 3.5}, {'unlimited': ['soft_budget']}, {'soft_budget': None})]
    + [(SAMPLES['key'][name], {name: empty}, {name: empty}) for name, empty in (
        ('aliases', {}), ('config', {}), ('permissions', {}), ('allowed_cache_controls', []), ('allowed_routes', []),
        ('enforced_params', []), ('model_rpm_limit', {}), ('model_tpm_limit', {}))]
    + [({'budget_id': 'budget-shared'}, {'budget_id': ''}, {'budget_id': None}),
       (ROTATION, {'auto_rotate': False}, {'auto_rotate': False}),
       (SAMPLES['key']['object_permission'], {'object_permission': permission(models=[])},
        {'object_permission': {'models': [], 'vector_stores': ['vs1']}})],
    'team': [(SAMPLES['team'][name], {'unlimited': [name]}, {name: None}) for name in (
        'soft_budget', 'team_member_budget', 'team_member_budget_duration', 'team_member_rpm_limit',
        'team_member_tpm_limit')]
    + [(SAMPLES['team'][name], {name: empty}, {name: empty}) for name, empty in (
        ('model_aliases', {}), ('router_settings', {}), ('access_group_ids', []), ('model_rpm_limit', {}),
        ('model_tpm_limit', {}))]
    + [(SAMPLES['team']['object_permission'], {'object_permission': permission(agents=[])},
        {'object_permission': {'models': ['fake'], 'agents': []}})],
}


@pytest.mark.parametrize('kind, via, set_options, clear_options, body', [
    pytest.param(kind, via, set_options, clear_options, body, id='%s-%s' % (via, '-'.join(sorted(body))))
    for kind in ('key', 'team') for via in RUNNERS[kind] for set_options, clear_options, body in CLEARED[kind]])
def test_clearing_sends_the_documented_empty_value(kind, via, set_options, clear_options, body):
    proxy = existing(via, **set_options)
    converges(proxy, via, clear_options, [('/team/update' if via == 'team' else '/key/update',
                                           dict(body, **identity(proxy, via)))])
    for unused, path, written in proxy.calls:
        assert not any(name in written and written[name] is None for name in NEVER_NULL_ON_KEY_UPDATE), written


def test_clearing_team_member_permissions_goes_through_permissions_update():
    options = SAMPLES['team']['team_member_permissions']
    proxy = existing('team', **options)
    converges(proxy, 'team', {'team_member_permissions': []},
              [('/team/permissions_update', dict(team_member_permissions=[], **identity(proxy, 'team')))])


# -- Enterprise-only settings on a proxy without the licence --

ENTERPRISE_SAMPLES = {
    'tags': ['prod'], 'guardrails': ['pii'], 'allowed_passthrough_routes': ['/vertex'],
    'model_max_budget': {'fake': {'budget_limit': 1.0, 'time_period': '1d'}}, 'team_member_key_duration': '30d',
    'organization_id': 'org-1',
}


@pytest.mark.parametrize('kind, via, name', [
    pytest.param(kind, kind, name, id='%s-%s' % (kind, name))
    for kind in ('key', 'team') for name in settings.enterprise(kind)])
@pytest.mark.parametrize('create', [True, False], ids=['create', 'update'])
@pytest.mark.parametrize('check_mode', [False, True], ids=['real', 'check'])
def test_an_enterprise_setting_fails_before_any_write(kind, via, name, create, check_mode):
    proxy = FakeLiteLLM() if create else existing(via)
    result = run(proxy, via, check_mode=check_mode, **{name: ENTERPRISE_SAMPLES[name]})
    assert result['failed'] and not result['changed']
    assert result['msg'].startswith('%s needs a LiteLLM Enterprise licence, and the proxy has none '
                                    '(/health/license: community)' % name), result['msg']
    assert proxy.writes == []


# -- MCP servers named in object_permission must exist (LiteLLM drops unknown ones silently) --

def with_mcp_server(proxy):
    proxy.mcp_servers['srv-1'] = {'server_id': 'srv-1', 'server_name': 'github', 'alias': 'gh'}
    return proxy


def server_reads(proxy):
    return [path for path, query in proxy.reads if path.startswith('/v1/mcp/server')]


@pytest.mark.parametrize('via', ['key', 'keys', 'team'])
@pytest.mark.parametrize('server', ['srv-1', 'github'], ids=['by_id', 'by_name'])
def test_an_existing_mcp_server_is_checked_once_and_kept(via, server):
    proxy = with_mcp_server(FakeLiteLLM())
    options = {'object_permission': permission(mcp_servers=[server])}
    converges(proxy, via, options, expected_writes(proxy, via, 'object_permission', options, True))
    assert server_reads(proxy) == []  # the rerun changes nothing, so it checks nothing


@pytest.mark.parametrize('via', ['key', 'keys', 'team'])
@pytest.mark.parametrize('create', [True, False], ids=['create', 'update'])
@pytest.mark.parametrize('check_mode', [False, True], ids=['real', 'check'])
def test_an_unknown_mcp_server_fails_before_any_write(via, create, check_mode):
    proxy = with_mcp_server(FakeLiteLLM() if create else existing(via))
    result = run(proxy, via, check_mode=check_mode,
                 object_permission=permission(mcp_servers=['srv-1', 'nope-2', 'nope-1'], models=['fake']))
    assert result['failed'] and not result['changed'] and proxy.writes == []
    assert 'object_permission.mcp_servers names MCP servers that do not exist: nope-1, nope-2.' in result['msg']


def test_each_mcp_server_is_read_once_per_run():
    proxy = with_mcp_server(FakeLiteLLM())
    items = [{'key_alias': 'k%d' % n, 'object_permission': permission(mcp_servers=['srv-1'])} for n in range(3)]
    params = task_params(litellm_keys.ARGUMENT_SPEC, concurrency=1, keys=[
        task_params(litellm_keys.ARGUMENT_SPEC['keys']['options'], **item) for item in items])
    result = runner.execute(bulk.run_keys, params, client=proxy)
    assert result['summary']['created'] == 3
    assert server_reads(proxy) == ['/v1/mcp/server/srv-1']


# -- a team recreated for a pinned team_id carries the settings /v2/team/list does not show --

UNLISTED = {'team_member_budget': 2.0, 'team_member_rpm_limit': 10, 'team_member_budget_duration': '30d',
            'object_permission': permission(models=['fake'])}


@pytest.mark.parametrize('check_mode', [False, True], ids=['real', 'check'])
def test_a_team_recreated_for_a_pinned_id_keeps_its_unlisted_settings(check_mode):
    proxy = existing('team', team_member_permissions=['/key/info'], model_aliases={'gpt': 'fake'}, **UNLISTED)
    old_id = list(proxy.teams)[0]
    result = run(proxy, 'team', check_mode=check_mode, team_id='pinned', max_budget=7)
    assert result['recreated'] and not result.get('failed'), result
    assert ('/team/info', {'team_id': old_id}) in proxy.reads
    carried = dict(sent(UNLISTED), team_member_permissions=['/key/info'], model_aliases={'gpt': 'fake'})
    if check_mode:
        assert proxy.writes == []
        assert dict((name, result['team'][name]) for name in carried) == carried
        return
    new_team = proxy.writes_to('/team/new')[0]
    assert dict((name, new_team[name]) for name in carried) == carried
    proxy.calls = []
    assert not run(proxy, 'team', team_id='pinned', max_budget=7, **UNLISTED)['changed'] and proxy.writes == []


def test_180_a_member_budget_update_sends_the_team_metadata_whole():
    # LiteLLM 1.80's /team/update that sets a team_member_* setting replaces the metadata with the budget's id alone
    proxy = FakeLiteLLM()
    proxy.litellm_version = '1.80.17'
    team = proxy.add_team(team_alias='kept', metadata={'owner': 'ops'})
    result = runner.execute(run_team, task_params(litellm_team.ARGUMENT_SPEC, team_id=team['team_id'],
                                                  team_member_rpm_limit=10), client=proxy)
    assert result['changed'], result
    assert proxy.writes_to('/team/update')[-1]['metadata']['owner'] == 'ops'
    proxy.litellm_version = '1.108.7'
    runner.execute(run_team, task_params(litellm_team.ARGUMENT_SPEC, team_id=team['team_id'],
                                         team_member_rpm_limit=11), client=proxy)
    assert 'metadata' not in proxy.writes_to('/team/update')[-1]
