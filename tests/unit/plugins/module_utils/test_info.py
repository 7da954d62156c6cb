# -*- coding: utf-8 -*-
# Unit tests of what the read-only modules share (module_utils/_info.py). Each _info module's own logic is tested
# beside its object's (litellm_team_info in test_team.py, litellm_key_info in test_key.py, on the proxies of
# info_cases.py).

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.berriai.litellm.plugins.module_utils import _info as info
from ansible_collections.berriai.litellm.plugins.modules import litellm_key_info, litellm_team_info

SECRET = 'sk-raw-secret-never-returned'


# -- without_secrets --

def test_without_secrets_drops_secret_fields_at_any_depth_and_keeps_masked_names():
    record = {'key': SECRET, 'key_name': 'sk-...abcd', 'token': 'ab' * 32, 'api_key': None,
              'metadata': {'api_key': SECRET, 'note': 'fine', 'nested': [{'key': SECRET, 'other': 1}]}}
    assert info.without_secrets(record) == {
        'key_name': 'sk-...abcd', 'token': 'ab' * 32, 'api_key': None,
        'metadata': {'note': 'fine', 'nested': [{'other': 1}]}}


@pytest.mark.parametrize('definition', [litellm_team_info.MODULE_KWARGS, litellm_key_info.MODULE_KWARGS])
def test_the_modules_support_check_mode_and_only_read(definition):
    assert definition['supports_check_mode'] is True
    assert definition['argument_spec']['api_key']['no_log'] is True
