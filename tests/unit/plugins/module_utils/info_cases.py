# -*- coding: utf-8 -*-
# The proxies and rows the tests of litellm_team_info (test_team.py) and litellm_key_info (test_key.py) share, and
# how they run an _info module's logic (it must never write).

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.berriai.litellm.plugins.module_utils import _runner as runner
from ansible_collections.berriai.litellm.plugins.modules import litellm_key_info, litellm_team_info
from ansible_collections.berriai.litellm.tests.unit.plugins.module_utils.fake_litellm import FakeLiteLLM

INFO_SECRET = 'sk-raw-secret-never-returned'


def InfoProxy(teams=(), keys=(), shift_after_first_page=None):
    """The proxy holding `teams` and `keys`; with `shift_after_first_page`, someone creates that key between our
    first and second page of /key/list (it is the newest: everything moves one place down)."""
    client = FakeLiteLLM(teams=teams, keys=keys)
    if shift_after_first_page:
        client.on('GET', '/key/list', lambda fake, query: None)
        client.on('GET', '/key/list', lambda fake, query: fake.add_key(**shift_after_first_page) and None)
    return client


def team_row(n, alias=None, **fields):
    row = {'team_id': 'team-%04d' % n, 'team_alias': alias if alias is not None else 'team %04d' % n,
           'models': [], 'max_budget': None, 'budget_duration': None, 'tpm_limit': None, 'rpm_limit': None,
           'metadata': {}, 'blocked': False, 'organization_id': None, 'spend': 0.0,
           'members_with_roles': [{'user_id': 'default_user_id', 'role': 'admin'}],
           'created_at': '2026-11-26T22:35:56.486000Z', 'updated_at': '2026-11-26T22:35:56.503000Z',
           'budget_reset_at': None}
    row.update(fields)
    return row


def key_row(n, team_id=None, alias=None, **fields):
    row = {'token': '%064x' % n, 'key_name': 'sk-...%04d' % n, 'key_alias': alias or 'key-%04d' % n,
           'team_id': team_id, 'models': [], 'max_budget': None, 'metadata': {}, 'blocked': None,
           'expires': None, 'spend': 0.0, 'api_key': None, 'team_alias': None,
           'created_at': '2026-11-26T22:35:56.916000Z'}
    row.update(fields)
    return row


def run_info(logic, client, **params):
    base = dict((name, None) for name in litellm_key_info.ARGUMENT_SPEC)
    base.update(dict((name, None) for name in litellm_team_info.ARGUMENT_SPEC))
    base.update(params)
    result = runner.execute(logic, base, client=client)
    assert 'failed' not in result or result['failed'] is False, result.get('msg')
    assert client.writes == []
    return result
