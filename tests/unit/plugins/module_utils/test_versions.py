# -*- coding: utf-8 -*-
# Unit tests of what a LiteLLM version can keep (_settings.VERSION_LIMITS, check_version, the Reconciler's
# check_before_write): a task that would write a setting the detected version cannot keep fails before any write,
# in check mode too, naming the option and the version; the version is read only when such a setting is written.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.berriai.litellm.plugins.module_utils import _runner as runner
from ansible_collections.berriai.litellm.plugins.module_utils import _settings as settings
from ansible_collections.berriai.litellm.plugins.module_utils._team import run_team
from ansible_collections.berriai.litellm.plugins.modules.litellm_team import ARGUMENT_SPEC
from ansible_collections.berriai.litellm.tests.unit.plugins.module_utils.fake_litellm import FakeLiteLLM, task_params

VERSION_READ = ('/public/model_hub/info', None)


def proxy_at(version, **teams):
    proxy = FakeLiteLLM(teams=[dict(team_id=team_id, **fields) for team_id, fields in teams.items()])
    proxy.litellm_version = version
    return proxy


def run(proxy, check_mode=False, **options):
    options.setdefault('team_alias', 'research')
    return runner.execute(run_team, task_params(ARGUMENT_SPEC, **options), check_mode=check_mode, client=proxy)


@pytest.mark.parametrize('check_mode', [False, True])
@pytest.mark.parametrize('option, value', [
    ('soft_budget', 5.0), ('model_aliases', {'fast': 'gpt-4o-mini'}), ('access_group_ids', ['g1']),
    ('object_permission', {'models': ['gpt-4o']}), ('team_member_budget_duration', '30d')])
def test_a_team_setting_1_80_cannot_keep_fails_before_any_write(option, value, check_mode):
    proxy = proxy_at('1.80.17')
    result = run(proxy, check_mode, **{option: value})
    assert result['failed'] is True and result['changed'] is False
    name = 'object_permission.models' if option == 'object_permission' else option
    assert result['msg'].startswith('LiteLLM 1.80.17 cannot keep %s (team %s needs LiteLLM 1.81 or later: '
                                    % (name, name))
    assert result['msg'].endswith('Leave %s out of the task or upgrade the proxy. Nothing was changed' % name)
    assert proxy.writes == [] and VERSION_READ in proxy.reads


def test_an_update_is_refused_too_and_names_every_setting_the_version_cannot_keep():
    proxy = proxy_at('1.80.17', t1={'team_alias': 'research', 'max_budget': 10.0})
    result = run(proxy, max_budget=20.0, soft_budget=5.0, access_group_ids=['g1'])
    assert result['failed'] is True
    assert 'cannot keep access_group_ids, soft_budget (' in result['msg']
    assert proxy.writes == []


@pytest.mark.parametrize('check_mode', [False, True])
def test_a_member_budget_duration_1_80_gives_all_the_same_is_written(check_mode):
    # /team/new of the 1.80 line gives the member budget it makes the team's budget_duration: an export of such a
    # team applied to another 1.80 proxy is kept, not refused
    proxy = proxy_at('1.80.17')
    result = run(proxy, check_mode, budget_duration='30d', team_member_budget=3.25, team_member_budget_duration='30d')
    assert result.get('failed') is not True and result['changed'] is True
    assert len(proxy.writes) == (0 if check_mode else 1)


@pytest.mark.parametrize('fields', [
    {'budget_duration': '30d', 'team_member_budget_duration': '30d'},  # no member budget: /team/new makes none
    {'budget_duration': '30d', 'team_member_budget': 3.25, 'team_member_budget_duration': '7d'},  # not the team's
    {'team_member_rpm_limit': 20, 'team_member_budget_duration': '7d'}])
def test_another_member_budget_duration_is_still_refused_on_1_80(fields):
    proxy = proxy_at('1.80.17')
    result = run(proxy, **fields)
    assert result['failed'] is True and 'cannot keep team_member_budget_duration' in result['msg']
    assert proxy.writes == []


@pytest.mark.parametrize('kind', ['team', 'key'])
@pytest.mark.parametrize('name', ['tags', 'guardrails', 'allowed_passthrough_routes'])
def test_an_empty_licensed_list_is_refused_on_1_80_but_values_are_left_to_the_licence_check(kind, name):
    # the 1.80 line checks the licence of these whenever they are sent (HTTP 403 for [] too)
    assert [found for found, entry in settings.version_limits({name: []}, kind)] == [name]
    assert settings.version_limits({name: ['a']}, kind) == []


@pytest.mark.parametrize('version', ['1.108.7', '1.81.0', None])
def test_a_version_that_keeps_it_or_does_not_tell_writes_as_asked(version):
    proxy = proxy_at(version)
    result = run(proxy, soft_budget=5.0, max_budget=10.0)
    assert result.get('failed') is not True and result['changed'] is True
    assert proxy.writes_to('/team/new')[0]['soft_budget'] == 5.0


def test_the_version_is_not_read_when_nothing_listed_is_written():
    proxy = proxy_at('1.80.17', t1={'team_alias': 'research', 'max_budget': 10.0})
    assert run(proxy, max_budget=20.0)['changed'] is True  # a write, but of nothing the table lists
    assert VERSION_READ not in proxy.reads
    proxy = proxy_at('1.80.17', t1={'team_alias': 'research', 'soft_budget': 5.0})
    assert run(proxy, soft_budget=5.0)['changed'] is False  # no write: nothing to check
    assert VERSION_READ not in proxy.reads


def test_every_limit_has_objects_a_minimum_version_and_a_reason():
    for option, entries in settings.VERSION_LIMITS.items():
        for entry in entries if isinstance(entries, list) else [entries]:
            assert entry.reason and isinstance(entry.minimum, tuple) and entry.objects
