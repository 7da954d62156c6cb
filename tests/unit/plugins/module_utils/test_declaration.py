# -*- coding: utf-8 -*-
# Unit tests of module_utils/_declaration.py: an object's one declaration gives its module's argspec, its compared
# fields, its result view, its `unlimited` choices, its export shape and its row of docs/objects.md.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import importlib
import os

import pytest

from ansible_collections.berriai.litellm.plugins.module_utils._api import CONNECTION_ARGSPEC
from ansible_collections.berriai.litellm.plugins.module_utils import _export as exporting
from ansible_collections.berriai.litellm.plugins.module_utils._declaration import Declaration, Option, budget_options
from ansible_collections.berriai.litellm.tests.unit.plugins.module_utils import declaration_docs

PAGE = os.path.join(os.path.dirname(__file__), '..', '..', '..', '..', 'docs', 'objects.md')

GADGET = Declaration('gadget', 'gadgets', 'berriai.litellm.litellm_gadget', identity=['gadget_id', 'name'], options=[
    Option('gadget_id', dict(type='str')),
    Option('name', dict(type='str'), 'str'),
    Option('max_budget', dict(type='float'), 'float', unlimited=True),
    Option('gadget_timeout', dict(type='float'), 'float', field='timeout'),
    Option('info', dict(type='dict'), 'dict'),
    Option('token', dict(type='str', no_log=True), export='the proxy never shows it'),
    Option('purge_info', dict(type='bool', default=False), export='a run option'),
], references='credentials_from')


def test_the_argspec_holds_every_option_and_the_shared_ones():
    spec = GADGET.argspec()
    assert set(spec) - set(CONNECTION_ARGSPEC) == set([
        'state', 'gadget_id', 'name', 'max_budget', 'gadget_timeout', 'info', 'token', 'purge_info', 'unlimited',
        'update_secrets', 'credentials_from', 'secrets_variable'])
    assert spec['unlimited'] == dict(type='list', elements='str', choices=['max_budget'])
    assert spec['state']['default'] == 'present' and spec['token']['no_log'] is True
    spec['info']['type'] = 'changed'  # a copy: the declaration stays as it is
    assert GADGET.argspec()['info']['type'] == 'dict'


def test_without_an_unlimitable_option_or_references_there_is_no_such_option():
    plain = Declaration('thing', None, 'berriai.litellm.litellm_thing', ['thing_id'], [Option('thing_id', dict(type='str'))])
    assert set(plain.argspec()) - set(CONNECTION_ARGSPEC) == set(['state', 'thing_id'])
    assert plain.unlimitable == [] and plain.secret_options == () and plain.fields == {}


def test_an_option_that_is_neither_a_field_nor_identity_must_say_why_it_is_not_exported():
    with pytest.raises(ValueError, match='purge'):
        Declaration('thing', None, 'm', ['thing_id'], [Option('purge', dict(type='bool'))])


def test_fields_compare_by_the_proxys_names_and_results_show_the_options_names():
    assert GADGET.fields == {'name': 'str', 'max_budget': 'float', 'timeout': 'float', 'info': 'dict'}
    assert GADGET.requested({'name': 'a', 'gadget_timeout': 3.0, 'info': None, 'token': 'x'}) == {
        'name': 'a', 'timeout': 3.0}
    record = {'gadget_id': 'g1', 'name': 'a', 'max_budget': 2.0, 'timeout': 1.5,
              'info': {'managed_by': 'berriai.litellm', 'k': 'v'}, 'metadata': {}}
    assert GADGET.result(record) == {'gadget_id': 'g1', 'name': 'a', 'max_budget': 2, 'gadget_timeout': 1.5,
                                     'info': {'managed_by': 'berriai.litellm', 'k': 'v'}}
    assert GADGET.result(None) == {}
    assert GADGET.exported_record(record)['gadget_timeout'] == 1.5


def test_the_export_shape_comes_from_the_declaration():
    assert GADGET.exported == {'name': 'str', 'max_budget': 'float', 'gadget_timeout': 'float', 'info': 'dict'}
    assert sorted(GADGET.not_exported) == ['purge_info', 'state', 'token', 'unlimited', 'update_secrets']
    assert GADGET.secret_options == ('credentials_from', 'secrets_variable')


@pytest.mark.parametrize('module', sorted(declaration_docs.declarations()))
def test_each_declared_module_takes_its_declarations_argspec(module):
    plugin = importlib.import_module('ansible_collections.berriai.litellm.plugins.modules.' + module.split('.')[-1])
    assert plugin.ARGUMENT_SPEC == declaration_docs.declarations()[module].argspec()


def test_every_object_module_is_declared_and_its_export_comes_from_the_declaration():
    # an object module is one with an _info sibling (litellm_team_member is declared too)
    modules = os.path.join(os.path.dirname(PAGE), '..', 'plugins', 'modules')
    objects = set('berriai.litellm.' + name[:-len('_info.py')] for name in os.listdir(modules)
                  if name.endswith('_info.py'))
    declared = declaration_docs.declarations()
    assert objects - set(declared) == set()
    exported = set(d.export_kind for d in declared.values() if d.export_kind)
    # litellm_export writes each declared kind from its declaration, and no kind by hand
    assert exported == set(d.export_kind for d in exporting.DECLARED) == set(exporting.MODULES)
    assert set(exporting.MANAGED) == set(exporting.IDENTITY) == set(exporting.NOT_EXPORTED) == exported


def test_the_budget_options_can_be_unlimited_and_purge_metadata_is_not_exported():
    shared = Declaration('thing', 'things', 'm', ['thing_id'], [Option('thing_id', dict(type='str'))] + budget_options())
    assert shared.unlimitable == ['max_budget', 'budget_duration', 'tpm_limit', 'rpm_limit']
    assert shared.fields == {'models': 'list', 'max_budget': 'float', 'budget_duration': 'str', 'tpm_limit': 'int',
                             'rpm_limit': 'int', 'metadata': 'dict'}
    assert 'purge_metadata' in shared.not_exported and shared.argspec()['purge_metadata']['default'] is False


def test_the_objects_page_is_current():
    # scripts/settings_table.py rewrites docs/objects.md
    with open(PAGE) as handle:
        assert handle.read() == declaration_docs.render_page()
