# -*- coding: utf-8 -*-
# Unit tests of module_utils/_compare.py, the compare/normalise helper: where idempotency is won or lost.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.berriai.litellm.plugins.module_utils import _compare as compare
from ansible_collections.berriai.litellm.plugins.module_utils._api import ParameterError

FIELDS = {'models': 'list', 'max_budget': 'float', 'tpm_limit': 'int', 'blocked': 'bool',
          'metadata': 'dict', 'team_alias': 'str'}


@pytest.mark.parametrize('kind,value,expected', [
    ('list', ['b', 'a', 'a'], ['a', 'b']),
    ('list', None, []),
    ('float', 5, 5),
    ('float', 5.0, 5),
    ('float', '10.5', 10.5),
    ('float', None, None),
    ('int', '60', 60),
    ('bool', None, False),
    ('bool', True, True),
    ('dict', None, {}),
    ('str', 7, '7'),
])
def test_normalise(kind, value, expected):
    assert compare.normalise(value, kind) == expected


def test_proxy_floats_and_task_ints_compare_equal():
    current = {'max_budget': 5.0, 'tpm_limit': 1000, 'models': ['fake-2', 'fake'], 'blocked': None}
    wanted = {'max_budget': 5, 'tpm_limit': 1000, 'models': ['fake', 'fake-2'], 'blocked': False}
    assert compare.changes(current, wanted, FIELDS) == {}


def test_only_differing_fields_are_changes():
    current = {'max_budget': 5.0, 'tpm_limit': 1000, 'models': ['fake']}
    wanted = {'max_budget': 6, 'tpm_limit': 1000, 'models': ['fake', 'fake-2']}
    assert compare.changes(current, wanted, FIELDS) == {'max_budget': 6, 'models': ['fake', 'fake-2']}


def test_clearing_a_limit_is_a_change_only_while_it_is_set():
    assert compare.changes({'max_budget': 5.0}, {'max_budget': None}, FIELDS) == {'max_budget': None}
    assert compare.changes({'max_budget': None}, {'max_budget': None}, FIELDS) == {}


def test_requested_takes_only_what_the_task_sets_plus_unlimited():
    params = {'models': None, 'max_budget': 3.0, 'tpm_limit': None, 'blocked': False, 'metadata': None,
              'team_alias': 'x'}
    assert compare.requested(params, FIELDS, ['tpm_limit']) == {
        'max_budget': 3.0, 'blocked': False, 'team_alias': 'x', 'tpm_limit': None}


def test_an_empty_models_list_is_managed():
    assert compare.requested({'models': []}, {'models': 'list'}) == {'models': []}
    assert compare.changes({'models': ['fake']}, {'models': []}, FIELDS) == {'models': []}


def test_metadata_merge_keeps_unnamed_keys():
    merged = compare.merge_metadata({'owner': 'a', 'env': 'dev', 'tags': ['x']}, {'env': 'prod'}, purge=False)
    assert merged == {'owner': 'a', 'env': 'prod', 'tags': ['x']}


def test_metadata_purge_keeps_only_the_task_and_litellm_reserved_keys():
    merged = compare.merge_metadata({'owner': 'a', 'env': 'dev', 'tags': ['x'], 'guardrails': ['g']},
                                    {'env': 'prod'}, purge=True)
    assert merged == {'env': 'prod', 'tags': ['x'], 'guardrails': ['g']}


def test_metadata_merge_does_not_alias_the_current_dict():
    current = {'nested': {'a': 1}}
    merged = compare.merge_metadata(current, {'b': 2}, purge=False)
    merged['nested']['a'] = 99
    assert current == {'nested': {'a': 1}}


def test_merged_metadata_equal_to_current_is_no_change():
    current = {'metadata': {'owner': 'a', 'env': 'prod'}}
    wanted = {'metadata': compare.merge_metadata(current['metadata'], {'env': 'prod'}, purge=False)}
    assert compare.changes(current, wanted, FIELDS) == {}


def test_diff_of_absent_objects_is_empty_dicts():
    result = compare.diff(None, {'max_budget': 5.0, 'models': ['b', 'a']}, FIELDS)
    assert result['before'] == {}
    assert result['after']['models'] == ['a', 'b']
    assert result['after']['max_budget'] == 5
    assert compare.diff({'tpm_limit': 1}, None, FIELDS)['after'] == {}


@pytest.mark.parametrize('value', ['30s', '10m', '12h', '30d', '2w', '1mo'])
def test_durations_accepted(value):
    compare.check_duration('budget_duration', value)


@pytest.mark.parametrize('value', ['30', 'd30', '0d', '30 d', '-1', '1y', ''])
def test_durations_rejected_naming_the_option(value):
    with pytest.raises(ParameterError) as caught:
        compare.check_duration('duration', value)
    assert str(caught.value).startswith('duration must be a LiteLLM duration')


def test_negative_values_are_rejected_naming_the_option():
    with pytest.raises(ParameterError) as caught:
        compare.check_not_negative({'rpm_limit': -1, 'tpm_limit': 5}, ['tpm_limit', 'rpm_limit'])
    assert str(caught.value).startswith('rpm_limit must be 0 or more')


def test_empty_strings_are_rejected_naming_the_option():
    with pytest.raises(ParameterError) as caught:
        compare.check_not_empty({'team_alias': '  '}, ['team_alias'])
    assert str(caught.value) == 'team_alias must not be empty'


def test_an_option_cannot_be_set_and_unlimited():
    with pytest.raises(ParameterError) as caught:
        compare.check_unlimited_conflicts({'unlimited': ['max_budget'], 'max_budget': 5.0})
    assert 'max_budget is both set and listed in unlimited' in str(caught.value)
