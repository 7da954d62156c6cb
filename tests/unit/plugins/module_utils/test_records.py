# -*- coding: utf-8 -*-
# Unit tests of module_utils/_records.py: where the reconcilers' records come from. The contract test runs the
# same cases through both sources of key records, live reads (KeyRecords, litellm_key) and the bulk module's
# snapshot (KeySnapshot, litellm_keys): they must agree, or the two modules disagree on the same proxy.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.berriai.litellm.plugins.module_utils import _records as records
from ansible_collections.berriai.litellm.plugins.module_utils import _runner as runner
from ansible_collections.berriai.litellm.plugins.module_utils._api import LiteLLMError
from ansible_collections.berriai.litellm.plugins.module_utils._bulk import run_keys
from ansible_collections.berriai.litellm.plugins.module_utils._key import run_key
from ansible_collections.berriai.litellm.tests.unit.plugins.module_utils.fake_litellm import FakeLiteLLM
from ansible_collections.berriai.litellm.tests.unit.plugins.module_utils.test_bulk import item
from ansible_collections.berriai.litellm.tests.unit.plugins.module_utils.test_key import ADMIN_KEY, params

SOURCES = {'live': records.KeyRecords, 'snapshot': records.KeySnapshot}


def proxy_with_history():
    """Keys: 'ci' live in t1; 'old' deleted with t1 and again with t2 (two archived keys); 'free' deleted without a
    team; 'twin' live twice (racing runs)."""
    fake = FakeLiteLLM(teams=[{'team_id': 't1'}, {'team_id': 't2'}, {'team_id': 't3'}])
    fake.add_key('sk-live-ci-000001', key_alias='ci', team_id='t1')
    fake.archive_key(fake.add_key('sk-old-in-t1-0001', key_alias='old', team_id='t1'))
    fake.archive_key(fake.add_key('sk-old-in-t2-0001', key_alias='old', team_id='t2'))
    fake.archive_key(fake.add_key('sk-free-key-00001', key_alias='free'))
    fake.add_key('sk-twin-one-00001', key_alias='twin')
    fake.add_key('sk-twin-two-00001', key_alias='twin')
    return fake


def tokens(keys):
    return sorted(k['token'] for k in keys)


@pytest.mark.parametrize('alias,team_id,teams', [
    ('old', None, ['t1', 't2']),    # no team asked: every archived key with the alias
    ('old', 't1', ['t1']),          # a team asked: only the key deleted with that team
    ('old', 't2', ['t2']),
    ('old', 't3', []),              # a key deleted with ANOTHER team is not this one's archive
    ('free', None, [None]),
    ('free', 't1', []),
    ('ci', 't1', []),               # live keys are not in the archive
    ('none', None, []),
])
def test_both_sources_find_the_same_deleted_keys(alias, team_id, teams):
    fake = proxy_with_history()
    found = dict((name, source(fake).deleted_with_alias(alias, team_id)) for name, source in SOURCES.items())
    assert tokens(found['live']) == tokens(found['snapshot'])
    assert sorted(k.get('team_id') or '' for k in found['live']) == sorted(t or '' for t in teams)


@pytest.mark.parametrize('alias', ['ci', 'twin', 'old', 'none'])
def test_both_sources_find_the_same_live_keys(alias):
    fake = proxy_with_history()
    live, snapshot = records.KeyRecords(fake), records.KeySnapshot(fake)
    assert tokens(live.with_alias(alias)) == tokens(snapshot.with_alias(alias))
    for key in live.with_alias(alias):
        assert live.get(key['token'])[0]['token'] == snapshot.get(key['token'])[0]['token']


@pytest.mark.parametrize('team_id', ['t1', 't2', 't3'])
def test_litellm_key_and_litellm_keys_agree_on_a_key_deleted_with_another_team(team_id):
    # issue 20 review 3.2: a key deleted with t1 (and one with t2), asked for again in `team_id`
    results = []
    for logic, task in ((run_key, params(key_alias='old', team_id=team_id)),
                        (run_keys, {'keys': [item(key_alias='old', team_id=team_id)], 'concurrency': 1,
                                    'api_base': 'http://proxy.test:4000', 'api_key': ADMIN_KEY})):
        result = runner.execute(logic, task, check_mode=True, client=proxy_with_history())
        results.append(result if logic is run_key else result['key_results'][0])
    single, bulk = results
    assert (single['outcome'], single['recreate_reason']) == (bulk['outcome'], bulk['recreate_reason'])
    assert single['outcome'] == ('created' if team_id == 't3' else 'recreated')


def test_a_team_alias_resolves_once_per_run_and_a_missing_one_is_a_typed_error():
    fake = FakeLiteLLM(teams=[{'team_id': 't1', 'team_alias': 'one'}])
    ctx = runner.Context(fake)
    assert records.team_id_for_alias(ctx, 'one') == 't1' == records.team_id_for_alias(ctx, 'one')
    assert [path for path, _query in fake.reads].count('/v2/team/list') == 1
    with pytest.raises(records.TeamNotFound, match="no team has the alias 'two'") as raised:
        records.team_id_for_alias(ctx, 'two')
    assert isinstance(raised.value, LiteLLMError)


def test_several_teams_with_one_alias_fail_naming_their_ids():
    with pytest.raises(LiteLLMError, match=r"2 teams have the alias 'x' \(ids: a, b\)"):
        records.one_team([{'team_id': 'b'}, {'team_id': 'a'}], 'x')
    assert records.one_team([], 'x') is None


def test_describe_keys_names_at_most_twenty():
    assert records.describe_keys([]) == 'it held no keys'
    text = records.describe_keys(['k%02d' % n for n in range(25)], check_mode=True)
    assert text.startswith('its 25 key(s) would go with it: k00, k01') and 'and 5 more (see deleted_keys)' in text
