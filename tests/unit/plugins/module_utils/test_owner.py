# -*- coding: utf-8 -*-
# Unit tests of the ownership marker (module_utils/_owner.py): added to a create body, recognised on a record of
# each kind, hidden from results and diffs, kept through a metadata purge and invisible to comparisons.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.berriai.litellm.plugins.module_utils import _compare as compare, _owner as owner

MARK = {'managed_by': 'berriai.litellm'}


def test_the_marker_is_added_to_a_create_body_and_hidden_from_views():
    body = owner.mark({'metadata': {'env': 'prod'}}, 'metadata')
    assert body == {'metadata': {'env': 'prod', 'managed_by': 'berriai.litellm'}}
    assert owner.is_owned(body, 'teams') and not owner.is_owned({'metadata': None}, 'keys')
    assert owner.is_owned({'mcp_info': {'managed_by': 'berriai.litellm'}}, 'mcp_servers')
    assert compare.view(body, {'metadata': 'dict'}) == {'metadata': {'env': 'prod'}}
    assert compare.view({'credential_info': dict(MARK)}, {'credential_info': 'dict'}) == {'credential_info': {}}


def test_the_marker_survives_a_purge_and_compares_as_no_change():
    held = {'env': 'prod', 'managed_by': 'berriai.litellm'}
    assert compare.merge_metadata(held, {'env': 'dev'}, purge=True) == {'env': 'dev', 'managed_by': 'berriai.litellm'}
    wanted = compare.merge_metadata(held, {'env': 'prod'}, purge=False)
    assert compare.changes({'metadata': held}, {'metadata': wanted}, {'metadata': 'dict'}) == {}


def test_a_text_marker_for_a_kind_without_a_dict_field():
    # an access group: the marker ends its description, and views strip it
    assert owner.text_marked(None) == owner.TEXT_MARKER == '[managed_by: berriai.litellm]'
    assert owner.text_marked('Fast models') == 'Fast models [managed_by: berriai.litellm]'
    assert owner.is_owned({'description': 'Fast models [managed_by: berriai.litellm]'}, 'access_groups')
    assert not owner.is_owned({'description': 'Fast models'}, 'access_groups')
    assert not owner.is_owned({'description': None}, 'access_groups')
    assert owner.text_unmarked('Fast models [managed_by: berriai.litellm]') == 'Fast models'
    assert owner.text_unmarked(owner.TEXT_MARKER) is None and owner.text_unmarked('by hand') == 'by hand'
