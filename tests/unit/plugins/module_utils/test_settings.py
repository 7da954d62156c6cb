# -*- coding: utf-8 -*-
# The settings of issue 11: the docs table is current, the documentation agrees with the catalogue, and the reads,
# checks and the licence gate behave as measured on LiteLLM 1.108.7.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os

import pytest
import yaml

from ansible_collections.berriai.litellm.plugins.module_utils import _settings as settings
from ansible_collections.berriai.litellm.plugins.module_utils._api import LiteLLMError, ParameterError
from ansible_collections.berriai.litellm.plugins.module_utils._key import KEY_OPTIONS
from ansible_collections.berriai.litellm.plugins.modules import litellm_keys
from ansible_collections.berriai.litellm.tests.unit.plugins.module_utils import settings_docs

REPO = os.path.join(os.path.dirname(__file__), '..', '..', '..', '..')


def test_the_settings_page_is_current():
    with open(os.path.join(REPO, 'docs', 'settings.md')) as handle:
        assert handle.read() == settings_docs.render_page(), 'run scripts/settings_table.py and commit docs/settings.md'


@pytest.mark.parametrize('kind', ['key', 'team'])
def test_every_setting_is_documented_as_its_argspec(kind):
    documented = settings_docs.documented_options(kind)
    for setting in settings.settings_of(kind):
        doc = documented[setting.name]
        assert doc['type'] == setting.spec['type'], setting.name
        assert doc.get('choices') == setting.spec.get('choices'), setting.name
        assert ('B(LiteLLM Enterprise)' in str(doc['description'])) == (setting.licence == settings.ENTERPRISE), setting.name


def test_litellm_keys_documents_every_key_option():
    items = yaml.safe_load(litellm_keys.DOCUMENTATION)['options']['keys']['suboptions']
    assert set(items) == set(KEY_OPTIONS)
    for name, spec in KEY_OPTIONS.items():
        assert items[name]['type'] == spec['type'], name


def test_a_key_record_is_lifted_from_where_litellm_keeps_each_setting():
    record = settings.lift({'metadata': {'model_rpm_limit': {'fake': 3}, 'owner': 'x'}, 'model_rpm_limit': None,
                            'litellm_budget_table': {'soft_budget': 7.0}, 'org_id': None, 'key_type': None,
                            'user_id': '', 'object_permission': {'models': ['m'], 'agents': [],
                                                                 'object_permission_id': 'p'}}, 'key')
    assert record['model_rpm_limit'] == {'fake': 3}
    assert record['soft_budget'] == 7.0
    assert record['key_type'] == 'default'
    assert record['user_id'] is None
    assert record['object_permission'] == {'models': ['m']}


def test_a_team_record_is_lifted_from_its_tables():
    record = settings.lift({'metadata': {}, 'litellm_model_table': {'model_aliases': {'a': 'fake'}},
                            'team_member_budget_table': {'max_budget': 2.0, 'rpm_limit': 10}}, 'team')
    assert record['model_aliases'] == {'a': 'fake'}
    assert record['team_member_budget'] == 2.0
    assert record['team_member_rpm_limit'] == 10


@pytest.mark.parametrize('params, kind, phrase', [
    ({'model_rpm_limit': {'fake': -1}}, 'key', 'model_rpm_limit[fake]'),
    ({'model_tpm_limit': {'fake': 1.5}}, 'team', 'whole number'),
    ({'soft_budget': 5, 'max_budget': 5}, 'team', 'lower than max_budget'),
    ({'auto_rotate': True}, 'key', 'needs rotation_interval'),
    ({'rotation_interval': '30d'}, 'key', 'needs auto_rotate'),
    ({'budget_id': 'b', 'soft_budget': 1}, 'key', 'cannot be used together'),
    ({'key_type': 'read_only', 'allowed_routes': ['x']}, 'key', 'cannot be used with key_type'),
    ({'rotation_interval': 'monthly', 'auto_rotate': True}, 'key', 'LiteLLM duration'),
])
def test_bad_settings_are_refused_before_any_request(params, kind, phrase):
    with pytest.raises(ParameterError, match=phrase.replace('[', r'\[')):
        settings.validate(params, kind)


class _Licence(object):
    def __init__(self, kind):
        self.kind = kind
        self.reads = 0

    def get(self, path, missing_ok=False):
        assert path == '/health/license'
        self.reads += 1
        return {'license_type': self.kind}


def _Ctx():
    from ansible_collections.berriai.litellm.plugins.module_utils._runner import Context
    return Context(None)


def test_an_enterprise_setting_fails_before_any_write_without_the_licence():
    client, ctx = _Licence('community'), _Ctx()
    ctx.client = client
    with pytest.raises(LiteLLMError, match='^guardrails, tags need a LiteLLM Enterprise licence'):
        settings.check_licence(ctx, {'tags': ['a'], 'guardrails': ['g'], 'max_budget': 1}, 'key')
    settings.check_licence(ctx, {'tags': [], 'model_max_budget': {}}, 'key')  # empty values pass
    with pytest.raises(LiteLLMError, match='^team_member_key_duration needs'):
        settings.check_licence(ctx, {'team_member_key_duration': '30d'}, 'team')
    assert client.reads == 1  # once per run


def test_a_licensed_proxy_takes_them():
    ctx = _Ctx()
    ctx.client = _Licence('enterprise')
    settings.check_licence(ctx, {'tags': ['a'], 'organization_id': 'o'}, 'key')


def test_metadata_carries_the_asked_metadata_settings():
    wanted = settings.fold_into_metadata({'metadata': {'owner': 'x', 'model_rpm_limit': {'a': 1}},
                                          'model_rpm_limit': {'a': 2}}, 'key')
    assert wanted['metadata']['model_rpm_limit'] == {'a': 2}


def test_an_empty_id_is_sent_as_null_and_rotation_as_a_pair():
    assert settings.request_body({'team_id': '', 'user_id': ''}) == {'team_id': None, 'user_id': None}
    body = settings.rotation_pair({'rotation_interval': '7d'}, {'auto_rotate': True, 'rotation_interval': '7d'})
    assert body == {'auto_rotate': True, 'rotation_interval': '7d'}
