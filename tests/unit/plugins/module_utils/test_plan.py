# -*- coding: utf-8 -*-
# Unit tests of litellm_plan's logic (module_utils/_plan.py): the plan per
# kind from each module's own check-mode outcome, every reference problem listed at once before any prediction,
# prune limited to marked objects absent from the file (and to prune_match), the keys that go with a pruned team
# or user predicted, nothing written.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.berriai.litellm.plugins.module_utils import _plan as plan
from ansible_collections.berriai.litellm.plugins.module_utils._runner import Context

MARK = {'managed_by': 'berriai.litellm'}


class Inventory(object):
    """What the proxy holds, as _plan.Inventory reads it."""

    def __init__(self, **kinds):
        for kind in plan.PRUNE_ORDER:
            setattr(self, kind, kinds.get(kind, []))
        self.all_models = kinds.get('all_models', self.models)
        self.budgets = kinds.get('budgets', [])


def proxy(**kinds):
    return Inventory(
        teams=kinds.get('teams', [
            {'team_id': 't-own', 'team_alias': 'own', 'models': ['chat'], 'metadata': dict(MARK)},
            {'team_id': 't-old', 'team_alias': 'old', 'models': [], 'metadata': dict(MARK)},
            {'team_id': 't-hand', 'team_alias': 'hand', 'models': [], 'metadata': {}},
        ]),
        keys=kinds.get('keys', [
            {'token': 'a' * 64, 'key_alias': 'old-ci', 'team_id': 't-old', 'metadata': dict(MARK)},
            {'token': 'b' * 64, 'key_alias': 'old-hand', 'team_id': 't-old', 'metadata': {}},
            {'token': 'c' * 64, 'key_alias': 'gone', 'team_id': None, 'metadata': dict(MARK)},
            {'token': 'd' * 64, 'key_alias': 'by-hand', 'team_id': None, 'metadata': None},
        ]),
        users=kinds.get('users', [{'user_id': 'ann', 'user_email': 'ann@example.com', 'metadata': dict(MARK)}]),
        models=kinds.get('models', [{'model_id': 'chat-1', 'model_name': 'chat', 'model_info': dict(MARK, db_model=True)}]),
        credentials=kinds.get('credentials', [{'credential_name': 'openai', 'credential_info': dict(MARK)}]),
        mcp_servers=kinds.get('mcp_servers', [{'server_id': 'wiki', 'server_name': 'wiki', 'mcp_info': {}}]),
        access_groups=kinds.get('access_groups', [
            {'access_group_name': 'fast', 'description': 'Fast [managed_by: berriai.litellm]'},
            {'access_group_name': 'stale', 'description': '[managed_by: berriai.litellm]'},
            {'access_group_name': 'by-hand-group', 'description': 'made in the UI'},
        ]),
        budgets=kinds.get('budgets', []),
    )


SPEC = dict(argument_spec=dict(
    api_base=dict(type='str'), api_key=dict(type='str', no_log=True), validate_certs=dict(type='bool'),
    ca_path=dict(type='path'), timeout=dict(type='float'), retries=dict(type='int'),
    state=dict(type='str', default='present'), team_id=dict(type='str'), team_alias=dict(type='str'),
    key_alias=dict(type='str'), user_id=dict(type='str'), user_email=dict(type='str'),
    models=dict(type='list', elements='str'), credential_name=dict(type='str'), model_id=dict(type='str'),
    model_name=dict(type='str'), litellm_params=dict(type='dict'), server_id=dict(type='str'),
    server_name=dict(type='str'), object_permission=dict(type='dict'), budget_id=dict(type='str'),
    members=dict(type='list', elements='dict'), credential_values=dict(type='dict', no_log=True),
    default_model=dict(type='str'),
    access_group_name=dict(type='str'), teams=dict(type='list', elements='str'),
    keys=dict(type='list', elements='str', no_log=False), mcp_servers=dict(type='list', elements='str')),
    supports_check_mode=True)


def modules(outcomes):
    """Stub modules: each item's outcome from `outcomes` by its label (default unchanged); keys in bulk."""
    seen = []

    def logic_for(kind):
        def logic(ctx, item):
            assert ctx.check_mode and ctx.team_ids == {}  # the run's cache, as the module's logic uses it
            seen.append((kind, plan.label(kind, item)))
            outcome = outcomes.get((kind, plan.label(kind, item)), 'unchanged')
            if outcome == 'failed':
                return {'failed': True, 'outcome': 'failed', 'msg': 'team not found'}
            return {'changed': outcome != 'unchanged', 'outcome': outcome, 'diff': {'before': {}, 'after': {'x': 1}}}
        return logic

    def run_keys(ctx, params):
        return {'key_results': [logic_for('keys')(ctx, item) for item in params['keys']]}

    found = dict((kind, (SPEC, logic_for(kind))) for kind in plan.KINDS)
    found['keys'] = (SPEC, run_keys)
    return found, seen


def run(monkeypatch, inventory, check_mode=True, diff_mode=False, outcomes=None, **params):
    monkeypatch.setattr(plan, 'Inventory', lambda client: inventory)
    found, seen = modules(outcomes or {})
    full = dict((name, None) for name in plan.PLAN_ARGSPEC)
    full.update(prune=False, prune_kinds=list(plan.PRUNE_ORDER), fail_on_drift=False)
    for kind in plan.KINDS:
        full[kind] = []
    full.update(params)
    ctx = Context(object(), check_mode=check_mode, diff_mode=diff_mode)
    result, no_log = plan.run_plan(ctx, full, found, ArgumentSpecValidator)
    return result, ctx.warnings, seen, no_log


FILE = dict(
    teams=[{'team_alias': 'own', 'models': ['chat']}],
    keys=[{'key_alias': 'ci', 'team_alias': 'own', 'models': ['chat']}],
    users=[{'user_id': 'ann'}],
    models=[{'model_id': 'chat-1', 'model_name': 'chat', 'litellm_params': {'litellm_credential_name': 'openai'}}],
    credentials=[{'credential_name': 'openai', 'credential_values': {'api_key': 'sk-plan-unit-secret-1234'}}],
    mcp_servers=[{'server_id': 'wiki'}],
    access_groups=[{'access_group_name': 'fast', 'teams': ['own'], 'keys': ['ci'], 'mcp_servers': ['wiki']}],
)


def test_the_plan_names_each_object_by_its_modules_outcome(monkeypatch):
    outcomes = {('keys', 'ci'): 'created', ('teams', 'own'): 'updated'}
    result, warnings, seen, no_log = run(monkeypatch, proxy(), outcomes=outcomes, **FILE)
    assert not result.get('failed'), result
    assert result['plan']['keys'] == {'create': ['ci'], 'update': [], 'recreate': [], 'delete': []}
    assert result['plan']['teams']['update'] == ['own']
    assert result['apply'] == dict(dict((kind, []) for kind in plan.KINDS), keys=[0], teams=[0])
    assert result['counts'] == {'create': 1, 'update': 1, 'recreate': 0, 'delete': 0}
    assert result['drift'] is True and result['changed'] is False and result['check_mode'] is True
    assert result['msg'].startswith('1 to create, 1 to update, 0 to recreate, 0 to delete')
    # every kind was predicted, in dependency order
    assert [kind for kind, _name in seen] == [
        'credentials', 'models', 'mcp_servers', 'users', 'teams', 'keys', 'access_groups']
    # the credential's secret is a no_log value of its module's spec: the action plugin censors it
    assert 'sk-plan-unit-secret-1234' in no_log


def test_nothing_to_do_is_no_drift_and_fail_on_drift_passes(monkeypatch):
    result, _w, _s, _n = run(monkeypatch, proxy(), fail_on_drift=True, **FILE)
    assert not result.get('failed') and result['drift'] is False
    assert result['msg'] == 'no drift: the proxy holds what the file says'


def test_fail_on_drift_fails_with_the_whole_plan(monkeypatch):
    result, _w, _s, _n = run(monkeypatch, proxy(), fail_on_drift=True, outcomes={('users', 'ann'): 'updated'}, **FILE)
    assert result['failed'] and result['msg'].startswith('drift: 0 to create, 1 to update')
    assert 'update users: ann' in result['msg'] and result['plan']['users']['update'] == ['ann']


def test_prune_deletes_only_marked_objects_absent_from_the_file_and_predicts_the_cascade(monkeypatch):
    result, warnings, _s, _n = run(monkeypatch, proxy(), prune=True, **FILE)
    assert not result.get('failed'), result
    assert result['plan']['teams']['delete'] == ['old']
    # 'gone' is pruned on its own; old-ci and old-hand go with their team (even the hand-made one: LiteLLM's cascade)
    assert result['plan']['keys']['delete'] == ['gone']
    assert result['cascade'] == {'keys': ['old-ci', 'old-hand']}
    assert result['prune']['teams'] == [{'team_id': 't-old', 'state': 'absent'}]
    assert result['prune']['keys'] == [{'key_alias': 'gone', 'state': 'absent'}]
    # an access group is marked in its description
    assert result['prune']['access_groups'] == [{'access_group_name': 'stale', 'state': 'absent'}]
    # made by hand: never pruned, only reported
    assert result['not_managed'] == {'teams': ['hand'], 'keys': ['old-hand', 'by-hand'],
                                     'access_groups': ['by-hand-group']}
    assert result['not_managed_summary'] == ('not managed (not made by this collection, never pruned): '
                                             'access_groups: by-hand-group; keys: old-hand, by-hand; teams: hand')
    assert any('1 teams would be deleted, not in the file: old' in w for w in warnings)
    assert any('2 key(s) go with the pruned teams and users: old-ci, old-hand' in w for w in warnings)
    assert result['counts']['delete'] == 3


def test_without_prune_nothing_is_deleted_and_unlisted_objects_are_only_reported(monkeypatch):
    result, _w, _s, _n = run(monkeypatch, proxy(), **FILE)
    assert all(not result['plan'][kind]['delete'] for kind in plan.KINDS)
    assert result['prune'] == dict((kind, []) for kind in plan.PRUNE_ORDER) and result['cascade'] == {'keys': []}
    assert result['not_managed']['teams'] == ['hand']


def test_prune_kinds_and_prune_match_limit_what_is_pruned(monkeypatch):
    result, _w, _s, _n = run(monkeypatch, proxy(), prune=True, prune_kinds=['keys'], **FILE)
    assert result['plan']['teams']['delete'] == [] and result['plan']['keys']['delete'] == ['gone', 'old-ci']
    result, _w, _s, _n = run(monkeypatch, proxy(), prune=True, prune_match='^ol', **FILE)
    assert result['plan']['teams']['delete'] == ['old'] and result['plan']['keys']['delete'] == []
    assert result['not_managed'] == {'keys': ['old-hand']}  # 'hand' and 'by-hand' do not match


def test_every_reference_problem_is_listed_at_once_before_any_prediction(monkeypatch):
    bad = dict(
        teams=[{'team_alias': 'own', 'models': ['chat']},
               {'team_alias': 'new', 'models': ['nope'], 'object_permission': {'mcp_servers': ['ghost']},
                'members': [{'user_email': 'who@example.com'}]}],
        keys=[{'key_alias': 'k1', 'team_alias': 'own', 'models': ['embed']},
              {'key_alias': 'k2', 'team_alias': 'missing'},
              {'key_alias': 'k3', 'budget_id': 'b-404', 'user_id': 'nobody'}],
        models=[{'model_id': 'm', 'model_name': 'embed', 'litellm_params': {'litellm_credential_name': 'nocred'}}],
        team_members=[{'team_alias': 'own', 'user_id': 'ghost-user'}],
    )
    result, _w, seen, _n = run(monkeypatch, proxy(), **bad)
    assert result['failed'] and seen == []
    assert result['problems'] == [
        'models[0] (m): credential nocred does not exist (neither in the file nor on the proxy)',
        'teams[1] (new): models nope do not exist (neither in the file nor on the proxy)',
        'teams[1] (new): object_permission.mcp_servers names MCP servers that do not exist: ghost',
        'teams[1] (new): member who@example.com is not a user (neither in the file nor on the proxy)',
        'team_members[0] (own: ghost-user): user ghost-user is not a user (neither in the file nor on the proxy)',
        'keys[0] (k1): models embed are not among the models of its team own',
        'keys[1] (k2): team missing does not exist (neither in the file nor on the proxy)',
        'keys[2] (k3): budget_id b-404 does not exist (neither in the file nor on the proxy)',
        'keys[2] (k3): user nobody does not exist (neither in the file nor on the proxy)',
    ]
    assert result['msg'].startswith('9 problem(s) in the file, nothing written:')


def test_two_items_naming_one_object_are_a_problem(monkeypatch):
    result, _w, seen, _n = run(monkeypatch, proxy(), users=[{'user_id': 'a', 'user_email': 'X@example.com'},
                                                            {'user_id': 'b', 'user_email': 'x@example.com'}],
                               keys=[{'key_alias': 'k'}, {'key_alias': 'k'}])
    assert result['failed'] and seen == []
    assert result['problems'] == [
        'users[1] (x@example.com): names the same object as users[0] (user_email x@example.com)',
        'keys[1] (k): names the same object as keys[0] (key_alias k)']


def test_a_pruned_team_is_no_reference(monkeypatch):
    result, _w, _s, _n = run(monkeypatch, proxy(), prune=True, keys=[{'key_alias': 'k', 'team_alias': 'old'}])
    assert result['problems'] == ['keys[0] (k): team old does not exist (neither in the file nor on the proxy)']


def test_bad_options_are_problems_naming_the_item(monkeypatch):
    result, _w, seen, _n = run(monkeypatch, proxy(), teams=[{'team_alias': 'own', 'colour': 'red'}])
    assert result['failed'] and seen == []
    assert len(result['problems']) == 1
    assert result['problems'][0].startswith('teams[0] (own): ') and 'colour' in result['problems'][0]


def test_an_item_waiting_for_an_object_the_plan_creates_is_planned_not_failed(monkeypatch):
    result, _w, _s, _n = run(monkeypatch, proxy(), outcomes={('teams', 'new'): 'created', ('keys', 'k'): 'failed'},
                             teams=[{'team_alias': 'new'}], keys=[{'key_alias': 'k', 'team_alias': 'new'}])
    assert not result.get('failed'), result
    assert result['plan']['keys']['create'] == ['k']


def test_an_access_group_waiting_for_a_team_and_a_key_the_plan_creates_is_planned(monkeypatch):
    outcomes = {('teams', 'new'): 'created', ('keys', 'k'): 'created', ('access_groups', 'g'): 'failed'}
    result, _w, _s, _n = run(monkeypatch, proxy(), outcomes=outcomes, teams=[{'team_alias': 'new'}],
                             keys=[{'key_alias': 'k', 'team_alias': 'new'}],
                             access_groups=[{'access_group_name': 'g', 'teams': ['new'], 'keys': ['k']}])
    assert not result.get('failed'), result
    assert result['plan']['access_groups']['create'] == ['g']


def test_an_access_group_naming_what_exists_nowhere_is_a_problem(monkeypatch):
    result, _w, seen, _n = run(monkeypatch, proxy(), access_groups=[
        {'access_group_name': 'g', 'teams': ['own', 'nope'], 'keys': ['by-hand', 'no-key'], 'mcp_servers': ['x'],
         'models': ['chat', 'no-model']}])
    assert result['failed'] and seen == []
    assert result['problems'] == [
        'access_groups[0] (g): models no-model do not exist (neither in the file nor on the proxy)',
        'access_groups[0] (g): MCP servers x do not exist (neither in the file nor on the proxy)',
        'access_groups[0] (g): teams nope do not exist (neither in the file nor on the proxy)',
        'access_groups[0] (g): keys no-key do not exist (neither in the file nor on the proxy)']


def test_a_failed_prediction_of_its_own_is_a_problem(monkeypatch):
    result, _w, _s, _n = run(monkeypatch, proxy(), outcomes={('keys', 'k'): 'failed'},
                             keys=[{'key_alias': 'k', 'team_alias': 'own'}])
    assert result['failed'] and result['problems'] == ['keys[0] (k): team not found']


def test_diff_mode_returns_one_diff_per_planned_object(monkeypatch):
    result, _w, _s, _n = run(monkeypatch, proxy(), diff_mode=True, outcomes={('teams', 'own'): 'updated'}, **FILE)
    assert result['diff'] == [{'before': {}, 'after': {'x': 1}, 'before_header': 'teams/own',
                               'after_header': 'teams/own'}]


def test_a_bad_prune_match_fails_naming_it(monkeypatch):
    with pytest.raises(Exception) as failure:
        run(monkeypatch, proxy(), prune=True, prune_match='(')
    assert 'prune_match is not a regular expression' in str(failure.value)


# -- customers: no field for the ownership marker --

def test_customers_are_never_pruned_only_listed_as_not_managed(monkeypatch):
    inventory = proxy()
    inventory.customers = [{'user_id': 'acme'}, {'user_id': 'by-hand'}]
    result, warnings, seen, _n = run(monkeypatch, inventory, prune=True, customers=[{'user_id': 'acme'}], **FILE)
    assert not result.get('failed'), result
    assert result['not_managed']['customers'] == ['by-hand']
    assert result['plan']['customers']['delete'] == [] and 'customers' not in result['prune']
    assert ('customers', 'acme') in seen  # predicted with its module's logic


def test_customers_references_are_checked(monkeypatch):
    inventory = proxy()
    inventory.customers = []
    customers = [{'user_id': 'a', 'budget_id': 'nope', 'models': ['chat', 'ghost'], 'default_model': 'phantom'},
                 {'user_id': 'a'}]
    result, _w, seen, _n = run(monkeypatch, inventory, customers=customers, **FILE)
    assert result['failed'] and seen == []
    assert "customers[0] (a): models ghost, phantom do not exist" in result['msg']
    assert 'customers[0] (a): budget_id nope does not exist (neither in the file nor on the proxy)' in result['msg']
    assert 'customers[1] (a): names the same object as customers[0] (user_id a)' in result['msg']


# -- budgets: never pruned (no ownership marker); deleted only when the file names them with state absent --

BUDGETS = [{'budget_id': 'b-1'}, {'budget_id': 'by-hand'},
           {'budget_id': '3f0b5a8e-1c2d-4e5f-8a9b-0c1d2e3f4a5b'}]  # LiteLLM's own, for a team member


def test_budgets_are_never_pruned_and_litellms_own_are_not_even_listed(monkeypatch):
    result, _w, _s, _n = run(monkeypatch, proxy(budgets=BUDGETS), prune=True, budgets=[{'budget_id': 'b-1'}],
                             **FILE)
    assert result['plan']['budgets']['delete'] == [] and 'budgets' not in result['prune']
    assert result['not_managed']['budgets'] == ['by-hand']


def test_a_budget_named_with_state_absent_is_planned_for_deletion_and_applied(monkeypatch):
    result, warnings, _s, _n = run(monkeypatch, proxy(budgets=BUDGETS), outcomes={('budgets', 'by-hand'): 'deleted'},
                                   budgets=[{'budget_id': 'b-1'}, {'budget_id': 'by-hand', 'state': 'absent'}])
    assert result['plan']['budgets']['delete'] == ['by-hand'] and result['apply']['budgets'] == [1]
    assert result['counts']['delete'] == 1 and 'delete budgets: by-hand' in result['msg']
    assert not any('not in the file' in w for w in warnings)


def test_a_key_may_use_a_budget_of_the_file_but_not_one_it_deletes(monkeypatch):
    keys = [{'key_alias': 'k1', 'budget_id': 'new-budget'}, {'key_alias': 'k2', 'budget_id': 'b-1'}]
    result, _w, _s, _n = run(monkeypatch, proxy(budgets=BUDGETS), keys=keys, budgets=[{'budget_id': 'new-budget'}])
    assert not result.get('failed') and result['problems'] == []
    result, _w, _s, _n = run(monkeypatch, proxy(budgets=BUDGETS), keys=keys,
                             budgets=[{'budget_id': 'new-budget'}, {'budget_id': 'b-1', 'state': 'absent'}])
    assert result['problems'] == ['keys[1] (k2): budget_id b-1 does not exist (neither in the file nor on the proxy)']


def test_two_items_naming_one_budget_are_a_problem(monkeypatch):
    result, _w, _s, _n = run(monkeypatch, proxy(), budgets=[{'budget_id': 'x'}, {'budget_id': 'x', 'state': 'present'}])
    assert result['problems'] == ['budgets[1] (x): names the same object as budgets[0] (budget_id x)']
