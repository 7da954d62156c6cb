# -*- coding: utf-8 -*-
# Unit tests of module_utils/_reconciler.py: the converge cycle every object goes through. A minimal subclass
# (Thing, over an in-memory dict) pins the hook contract: which hooks the cycle calls, in which order, with what,
# and what the result says; check mode calls no apply_* hook.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.berriai.litellm.plugins.module_utils import _reconciler as reconciler
from ansible_collections.berriai.litellm.plugins.module_utils import _runner as runner
from ansible_collections.berriai.litellm.plugins.module_utils._api import LiteLLMError, ParameterError
from ansible_collections.berriai.litellm.plugins.module_utils._records import Records


class Store(Records):
    """Things by name; `raced` is a thing another run creates just before our create (which is then refused)."""

    recheck_after_create = False

    def __init__(self, things=None):
        super(Store, self).__init__(None)
        self.things = dict(things or {})
        self.raced = None

    def get(self, name):
        """A thing as stored: what the cycle reads back after each write (Reconciler.reread)."""
        found = self.things.get(name)
        return dict(found) if found else None


class Thing(reconciler.Reconciler):
    """The smallest object: a name (its id), a size and a colour; a colour change recreates it."""

    kind = 'thing'
    fields = {'name': 'str', 'size': 'int', 'colour': 'str'}
    id_field = 'name'
    records_class = Store

    def __init__(self, ctx, params, records=None):
        super(Thing, self).__init__(ctx, params, records)
        self.hooks = []

    def called(self, name, *args):
        self.hooks.append((name,) + args)

    def validate(self):
        self.called('validate')
        if (self.params.get('size') or 0) < 0:
            raise ParameterError('size must not be negative')

    def prepare(self):
        self.called('prepare')

    def look_up(self):
        self.called('look_up')
        found = self.records.things.get(self.params['name'])
        return dict(found) if found else None

    def recreate_reason(self, current):
        colour = self.params.get('colour')
        return 'colour' if colour and current.get('colour') != colour else None

    def check_write(self, fields):
        self.called('check_write', dict(fields))

    def apply_create(self, body):
        self.called('apply_create', dict(body))
        if self.records.raced is not None:
            self.records.things[body['name']], self.records.raced = self.records.raced, None
            raise LiteLLMError('taken', status=400, proxy_message='already exists')
        self.records.things[body['name']] = dict(body)
        return dict(body)

    def apply_update(self, current, updates):
        self.called('apply_update', dict(updates))
        self.records.things[current['name']].update(updates)
        return dict(self.records.things[current['name']])

    def apply_delete(self, record):
        self.called('apply_delete', record['name'])
        self.records.things.pop(record['name'], None)

    def before_delete(self, current):
        self.called('before_delete', current['name'])

    def created_meanwhile(self, error, body):
        self.called('created_meanwhile', error.status)
        return self.look_up() if error.status == 400 else None

    def result_fields(self, before, after):
        return {'thing': after}


def converge(store, check_mode=False, **params):
    ctx = runner.Context(None, check_mode=check_mode)
    thing = Thing(ctx, dict({'state': 'present'}, **params), records=store)
    result = thing.run()
    result['warnings'] = ctx.warnings
    return result, thing.hooks


def test_create_calls_the_hooks_in_order_and_check_mode_applies_nothing():
    store = Store()
    check, hooks = converge(store, check_mode=True, name='a', size=1)
    assert hooks == [('validate',), ('prepare',), ('look_up',), ('check_write', {'name': 'a', 'size': 1})]
    assert (check['changed'], check['outcome'], check['msg']) == (True, 'created', 'thing would be created')
    assert check['thing'] == {'name': 'a', 'size': 1} and store.things == {}
    real, hooks = converge(store, name='a', size=1)
    assert hooks[-1] == ('apply_create', {'name': 'a', 'size': 1})
    assert (real['outcome'], real['msg'], real['thing'], real['diff']) == (
        'created', 'thing created', check['thing'], check['diff'])


def test_no_op_update_and_delete():
    store = Store({'a': {'name': 'a', 'size': 1, 'colour': 'red'}})
    same, hooks = converge(store, name='a', size=1)
    assert (same['changed'], same['outcome'], same['msg']) == (False, 'unchanged', 'thing is as requested')
    assert hooks == [('validate',), ('prepare',), ('look_up',)]
    check, hooks = converge(store, check_mode=True, name='a', size=2)
    assert (check['outcome'], check['msg']) == ('updated', 'thing would be updated: size')
    assert hooks[-1] == ('check_write', {'size': 2})
    real, hooks = converge(store, name='a', size=2)
    assert hooks[-1] == ('apply_update', {'size': 2}) and real['diff'] == check['diff']
    assert real['diff'] == {'before': {'name': 'a', 'size': 1, 'colour': 'red'},
                            'after': {'name': 'a', 'size': 2, 'colour': 'red'}}
    gone, hooks = converge(store, name='a', state='absent')
    assert hooks[-2:] == [('before_delete', 'a'), ('apply_delete', 'a')] and gone['msg'] == 'thing deleted'
    assert converge(store, name='a', state='absent')[0]['msg'] == 'thing is absent'


def test_bad_input_fails_before_any_hook_that_reads():
    with pytest.raises(ParameterError):
        converge(Store(), name='a', size=-1)


def test_a_recreate_deletes_then_creates_with_a_warning():
    store = Store({'a': {'name': 'a', 'size': 1, 'colour': 'red'}})
    result, hooks = converge(store, name='a', colour='blue')
    assert [h[0] for h in hooks[3:]] == ['check_write', 'apply_delete', 'check_write', 'apply_create']
    assert (result['outcome'], result['msg'], result['recreate_reason']) == ('recreated', 'thing recreated', 'colour')
    assert result['warnings'] == ["thing 'a' was recreated (colour)"]
    assert store.things['a'] == {'name': 'a', 'size': 1, 'colour': 'blue'}


def test_a_recreate_that_raced_another_run_says_recreated_in_msg_as_in_outcome():
    # issue 20 review 3.3: the other run's copy is converged; outcome and msg both say recreated
    store = Store({'a': {'name': 'a', 'size': 1, 'colour': 'red'}})
    store.raced = {'name': 'a', 'size': 1, 'colour': 'blue'}
    result, hooks = converge(store, name='a', colour='blue', size=3)
    assert ('created_meanwhile', 400) in hooks
    assert (result['changed'], result['outcome'], result['recreated']) == (True, 'recreated', True)
    assert result['msg'] == 'thing recreated'
    assert 'created by another run' in result['warnings'][-1]
    assert store.things['a'] == {'name': 'a', 'size': 3, 'colour': 'blue'}


def test_the_oldest_of_twins_is_kept():
    twins = [{'id': 'b', 'created_at': '2026-01-02'}, {'id': 'a', 'created_at': '2026-01-02'},
             {'id': 'c', 'created_at': '2026-01-01'}]
    assert reconciler.oldest(twins, 'id')['id'] == 'c'
    assert reconciler.oldest(twins[:2], 'id')['id'] == 'a'
