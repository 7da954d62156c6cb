# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""litellm_plan's logic: what applying a whole vars file (litellm_export's variables) would do to a proxy.

    validate every item with its module's argument spec -> read the proxy once per kind -> check every reference
    (all problems at once) -> predict every item with its module's own logic in check mode -> what to prune (the
    objects carrying the ownership marker that the file does not list) and what goes with them (their keys)

Nothing here writes. The modules' argument specs and logic functions are handed in (`modules`: kind ->
(MODULE_KWARGS, logic)) by the action plugin, because module_utils cannot import the modules.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ansible_collections.berriai.litellm.plugins.module_utils import _owner as owner
from ansible_collections.berriai.litellm.plugins.module_utils._access_group import AccessGroupRecords
from ansible_collections.berriai.litellm.plugins.module_utils._api import CONNECTION_ARGSPEC, LiteLLMError, ParameterError
from ansible_collections.berriai.litellm.plugins.module_utils._budget import BudgetRecords, made_by_litellm
from ansible_collections.berriai.litellm.plugins.module_utils._credential import CredentialRecords
from ansible_collections.berriai.litellm.plugins.module_utils._customer import CustomerRecords
from ansible_collections.berriai.litellm.plugins.module_utils._export import KINDS, SYSTEM_USER
from ansible_collections.berriai.litellm.plugins.module_utils._mcp_server import McpServerRecords
from ansible_collections.berriai.litellm.plugins.module_utils._model import ModelRecords, is_db_model
from ansible_collections.berriai.litellm.plugins.module_utils._records import KeyRecords, TeamRecords
from ansible_collections.berriai.litellm.plugins.module_utils._runner import Context
from ansible_collections.berriai.litellm.plugins.module_utils._user import UserRecords

# The kinds prune may delete, in the order it deletes them (what refers to an object goes before it).
PRUNE_ORDER = ('access_groups', 'keys', 'teams', 'users', 'mcp_servers', 'models', 'credentials')
# The kinds that have no field for the ownership marker (a customer has no metadata): never pruned, those the file
# lacks only listed as not managed.
UNMARKED = ('customers',)
# What the plan says about an item, from its module's outcome (deleted: an item with state absent, named).
ACTIONS = (('created', 'create'), ('updated', 'update'), ('recreated', 'recreate'), ('deleted', 'delete'))
# The options that name an object of a kind, for the items that refer to it.
IDENTITIES = {
    'credentials': ('credential_name',),
    'mcp_servers': ('server_id', 'server_name'),
    'budgets': ('budget_id',),
    'users': ('user_id', 'user_email'),
    'teams': ('team_id', 'team_alias'),
    'keys': ('key_alias',),
    'access_groups': ('access_group_name',),
}
# How a key's check run says that its team is missing (the plan creates it first, or reports it).
DEPENDENCY_WARNING = 'does not exist yet (an earlier task'
# Model names that are not deployments: LiteLLM's special values.
SPECIAL_MODELS = frozenset(('all-proxy-models', 'all-team-models', 'no-default-models'))

PLAN_ARGSPEC = dict(
    CONNECTION_ARGSPEC,
    # Each list holds the options of one module (the secrets in them are kept out of the output by the action
    # plugin, with each module's own no_log options), hence no_log=False on the lists themselves.
    credentials=dict(type='list', elements='dict', default=[], no_log=False),
    models=dict(type='list', elements='dict', default=[]),
    mcp_servers=dict(type='list', elements='dict', default=[]),
    budgets=dict(type='list', elements='dict', default=[]),
    users=dict(type='list', elements='dict', default=[]),
    teams=dict(type='list', elements='dict', default=[]),
    team_members=dict(type='list', elements='dict', default=[]),
    keys=dict(type='list', elements='dict', default=[], no_log=False),
    customers=dict(type='list', elements='dict', default=[]),
    access_groups=dict(type='list', elements='dict', default=[]),
    prune=dict(type='bool', default=False),
    prune_kinds=dict(type='list', elements='str', choices=list(PRUNE_ORDER), default=list(PRUNE_ORDER)),
    prune_match=dict(type='str'),
    fail_on_drift=dict(type='bool', default=False),
)


def label(kind, item):
    """How the plan names an object of `kind` (a file item or a proxy record)."""
    if kind == 'credentials':
        return item.get('credential_name')
    if kind == 'models':
        return item.get('model_id') or (item.get('model_info') or {}).get('id') or item.get('model_name')
    if kind == 'mcp_servers':
        return item.get('server_name') or item.get('server_id')
    if kind == 'users':
        return item.get('user_email') or item.get('user_id')
    if kind == 'budgets':
        return item.get('budget_id')
    if kind == 'teams':
        return item.get('team_alias') or item.get('team_id')
    if kind == 'customers':
        return item.get('user_id')
    if kind == 'access_groups':
        return item.get('access_group_name')
    if kind == 'team_members':
        return '%s: %s' % (item.get('team_alias') or item.get('team_id'), item.get('user_email') or item.get('user_id'))
    return item.get('key_alias') or item.get('key_name') or item.get('token')


def _lower(value):
    return str(value).lower() if value not in (None, '') else None


class Inventory(object):
    """The proxy's objects, read once per kind (every page)."""

    def __init__(self, client):
        self.client = client
        every = CredentialRecords(client).all()
        self.credentials = [c for c in every if (c.get('source') or 'db') != 'config']
        self.config_credentials = [c for c in every if c.get('source') == 'config']  # a model may name them
        self.all_models = ModelRecords(client).listed()
        self.models = [m for m in self.all_models if is_db_model(m)]
        self.mcp_servers = [s for s in McpServerRecords(client).all() if not s.get('is_config')]
        self.users = [u for u in UserRecords(client).list() if u.get('user_id') != SYSTEM_USER]
        self.teams = TeamRecords(client).all()
        self.keys = KeyRecords(client).list()
        self.customers = CustomerRecords(client).all()
        self.access_groups = AccessGroupRecords(client).listed() or []  # none on LiteLLM 1.80
        # every budget, LiteLLM's own too (for members, tags, customers...): a key may use any of them
        self.budgets = BudgetRecords(client).all()


def in_file(kind, record, items):
    """Whether the proxy record is an object the file lists."""
    for item in items:
        if kind == 'credentials' and item.get('credential_name') == record.get('credential_name'):
            return True
        if kind == 'models' and (item.get('model_id') == record.get('model_id') if item.get('model_id')
                                 else item.get('model_name') == record.get('model_name')):
            return True
        if kind == 'mcp_servers' and (item.get('server_id') == record.get('server_id') if item.get('server_id')
                                      else _lower(item.get('server_name')) == _lower(record.get('server_name'))):
            return True
        if kind == 'users' and (item.get('user_id') == record.get('user_id') if item.get('user_id')
                                else _lower(item.get('user_email')) == _lower(record.get('user_email'))):
            return True
        if kind == 'teams' and (item.get('team_id') == record.get('team_id') if item.get('team_id')
                                else item.get('team_alias') == record.get('team_alias')):
            return True
        if kind == 'keys' and item.get('key_alias') and item.get('key_alias') == record.get('key_alias'):
            return True
        if kind == 'customers' and item.get('user_id') == record.get('user_id'):
            return True
        if kind == 'access_groups' and item.get('access_group_name') == record.get('access_group_name'):
            return True
        if kind == 'budgets' and item.get('budget_id') == record.get('budget_id'):
            return True
    return False


def in_scope(kind, record, pattern):
    """Whether the record's name or id matches `pattern` (a compiled regex, searched), or there is no pattern."""
    if pattern is None:
        return True
    ids = {'credentials': ('credential_name',), 'models': ('model_id', 'model_name'),
           'mcp_servers': ('server_id', 'server_name'), 'users': ('user_id', 'user_email'),
           'teams': ('team_id', 'team_alias'), 'keys': ('key_alias',), 'customers': ('user_id',),
           'access_groups': ('access_group_name',), 'budgets': ('budget_id',)}
    return any(pattern.search(str(record.get(name))) for name in ids[kind] if record.get(name))


def prune_candidates(inventory, items, prune_kinds, pattern=None):
    """(to delete: kind -> records, not managed: kind -> labels) among the proxy's objects the file lacks (those
    whose name or id matches `pattern`, when given)."""
    delete, not_managed = {}, {}
    for kind in PRUNE_ORDER + UNMARKED:
        for record in getattr(inventory, kind, None) or []:
            if in_file(kind, record, items.get(kind) or []) or not in_scope(kind, record, pattern):
                continue
            if kind in UNMARKED:
                not_managed.setdefault(kind, []).append(label(kind, record))
            elif owner.is_owned(record, kind) and kind in prune_kinds:
                delete.setdefault(kind, []).append(record)
            elif not owner.is_owned(record, kind):
                not_managed.setdefault(kind, []).append(label(kind, record))
    # A budget cannot carry the marker (_budget.py): never pruned. Those with a chosen id are listed; LiteLLM's own
    # (members, tags, customers: a generated id) belong to their owners.
    for record in inventory.budgets:
        if in_file('budgets', record, items.get('budgets') or []) or made_by_litellm(record):
            continue
        if in_scope('budgets', record, pattern):
            not_managed.setdefault('budgets', []).append(label('budgets', record))
    return delete, not_managed


def cascade(inventory, delete):
    """The keys LiteLLM deletes with the pruned teams and users (key labels), and the key records pruned on their
    own (those not going with a team or user)."""
    team_ids = set(t.get('team_id') for t in delete.get('teams', []))
    user_ids = set(u.get('user_id') for u in delete.get('users', []))
    going = [k for k in inventory.keys if k.get('team_id') in team_ids or k.get('user_id') in user_ids]
    going_tokens = set(k.get('token') for k in going)
    own = [k for k in delete.get('keys', []) if k.get('token') not in going_tokens]
    return sorted(label('keys', k) or '(a key without alias)' for k in going), own


class References(object):
    """Checks every reference of the file against the file and the proxy (minus what prune deletes)."""

    def __init__(self, inventory, items, delete):
        self.inv = inventory
        self.items = items
        gone = dict((kind, set(id(r) for r in records)) for kind, records in delete.items())
        self.kept = dict((kind, [r for r in getattr(inventory, kind) if id(r) not in gone.get(kind, set())])
                         for kind in PRUNE_ORDER)
        self.problems = []

    def problem(self, kind, position, item, text):
        self.problems.append('%s[%d] (%s): %s' % (kind, position, label(kind, item), text))

    def model_names(self):
        names = set(SPECIAL_MODELS)
        config = [m for m in self.inv.all_models if not is_db_model(m)]
        for model in list(self.items.get('models') or []) + self.kept['models'] + config:
            names.add(model.get('model_name'))
            names.update((model.get('model_info') or {}).get('access_groups') or [])
        return names

    def check_models(self, kind, position, item, models, known):
        unknown = sorted(m for m in models or [] if m not in known and '*' not in str(m))
        if unknown:
            self.problem(kind, position, item, 'models %s do not exist (neither in the file nor on the proxy)'
                         % ', '.join(unknown))

    def team_of(self, item):
        """The team an item names (from the file, else the proxy), or None; False when it names none."""
        team_id, alias = item.get('team_id'), item.get('team_alias')
        if not team_id and not alias:
            return False
        for team in list(self.items.get('teams') or []) + self.kept['teams']:
            if (team_id and team.get('team_id') == team_id) or (not team_id and team.get('team_alias') == alias):
                return team
        return None

    def user_exists(self, user_id, email):
        for user in list(self.items.get('users') or []) + self.kept['users']:
            if (user_id and user.get('user_id') == user_id) or (email and _lower(user.get('user_email')) == _lower(email)):
                return True
        return False

    def mcp_exists(self, name):
        return any(name in (s.get('server_id'), s.get('server_name'))
                   for s in list(self.items.get('mcp_servers') or []) + self.kept['mcp_servers'])

    def check_permissions(self, kind, position, item):
        servers = ((item.get('object_permission') or {}).get('mcp_servers')) or []
        missing = sorted(s for s in servers if not self.mcp_exists(s))
        if missing:
            self.problem(kind, position, item, 'object_permission.mcp_servers names MCP servers that do not exist: %s'
                         % ', '.join(missing))

    def budget_ids(self):
        """The budgets there will be: the file's (but those it deletes) and the proxy's."""
        listed = self.items.get('budgets') or []
        going = set(b.get('budget_id') for b in listed if b.get('state') == 'absent')
        ids = set(b.get('budget_id') for b in self.inv.budgets) | set(b.get('budget_id') for b in listed)
        return ids - going

    def check_budget(self, kind, position, item):
        if item.get('budget_id') and item['budget_id'] not in self.budget_ids():
            self.problem(kind, position, item, 'budget_id %s does not exist (neither in the file nor on the proxy)'
                         % item['budget_id'])

    def check_duplicates(self):
        """Two items of a kind that name one object: the second create would fail midway, or both would fight."""
        names = dict(IDENTITIES, models=('model_id',), keys=('key_alias',), customers=('user_id',))
        for kind in ('credentials', 'models', 'mcp_servers', 'budgets', 'users', 'teams', 'keys', 'customers',
                     'access_groups'):
            seen = {}
            for position, item in enumerate(self.items.get(kind) or []):
                for field in names[kind]:
                    value = _lower(item.get(field)) if field in ('user_email', 'server_name') else item.get(field)
                    if value in (None, ''):
                        continue
                    if (field, value) in seen:
                        self.problem(kind, position, item, 'names the same object as %s[%d] (%s %s)'
                                     % (kind, seen[(field, value)], field, item.get(field)))
                        break
                    seen[(field, value)] = position

    def run(self):
        self.check_duplicates()
        known = self.model_names()
        credentials = set(c.get('credential_name') for c in self.items.get('credentials') or [])
        credentials.update(c.get('credential_name') for c in self.kept['credentials'])
        credentials.update(c.get('credential_name') for c in getattr(self.inv, 'config_credentials', []))
        for position, model in enumerate(self.items.get('models') or []):
            name = (model.get('litellm_params') or {}).get('litellm_credential_name')
            if name and name not in credentials:
                self.problem('models', position, model, 'credential %s does not exist (neither in the file nor on '
                             'the proxy)' % name)
        for position, user in enumerate(self.items.get('users') or []):
            self.check_models('users', position, user, user.get('models'), known)
        for position, team in enumerate(self.items.get('teams') or []):
            self.check_models('teams', position, team, team.get('models'), known)
            self.check_permissions('teams', position, team)
            for member in team.get('members') or []:
                if not self.user_exists(member.get('user_id'), member.get('user_email')):
                    self.problem('teams', position, team, 'member %s is not a user (neither in the file nor on '
                                 'the proxy)' % (member.get('user_email') or member.get('user_id')))
        for position, member in enumerate(self.items.get('team_members') or []):
            if self.team_of(member) is None:
                self.problem('team_members', position, member, 'team %s does not exist (neither in the file nor '
                             'on the proxy)' % (member.get('team_alias') or member.get('team_id')))
            if not self.user_exists(member.get('user_id'), member.get('user_email')):
                self.problem('team_members', position, member, 'user %s is not a user (neither in the file nor on '
                             'the proxy)' % (member.get('user_email') or member.get('user_id')))
        for position, key in enumerate(self.items.get('keys') or []):
            self.check_key(position, key, known)
        for position, customer in enumerate(self.items.get('customers') or []):
            self.check_models('customers', position, customer,
                              list(customer.get('models') or []) + [m for m in [customer.get('default_model')] if m],
                              known)
            self.check_budget('customers', position, customer)
        for position, group in enumerate(self.items.get('access_groups') or []):
            self.check_access_group(position, group, known)
        return self.problems

    def check_access_group(self, position, group, known):
        """Its models, MCP servers (id, name or alias), teams (id or alias) and keys (alias or token) exist."""
        kind = 'access_groups'
        self.check_models(kind, position, group, group.get('models'), known)
        servers = list(self.items.get('mcp_servers') or []) + self.kept['mcp_servers']
        names = set(n for s in servers for n in (s.get('server_id'), s.get('server_name'), s.get('alias')) if n)
        missing = sorted(s for s in group.get('mcp_servers') or [] if s not in names)
        if missing:
            self.problem(kind, position, group, 'MCP servers %s do not exist (neither in the file nor on the proxy)'
                         % ', '.join(missing))
        teams = list(self.items.get('teams') or []) + self.kept['teams']
        names = set(n for t in teams for n in (t.get('team_id'), t.get('team_alias')) if n)
        missing = sorted(t for t in group.get('teams') or [] if t not in names)
        if missing:
            self.problem(kind, position, group, 'teams %s do not exist (neither in the file nor on the proxy)'
                         % ', '.join(missing))
        keys = list(self.items.get('keys') or []) + self.kept['keys']
        names = set(n for k in keys for n in (k.get('key_alias'), k.get('token')) if n)
        missing = sorted(k for k in group.get('keys') or [] if k not in names)
        if missing:
            self.problem(kind, position, group, 'keys %s do not exist (neither in the file nor on the proxy)'
                         % ', '.join(missing))

    def check_key(self, position, key, known):
        self.check_models('keys', position, key, key.get('models'), known)
        self.check_permissions('keys', position, key)
        self.check_budget('keys', position, key)
        if key.get('user_id') and not self.user_exists(key['user_id'], None):
            self.problem('keys', position, key, 'user %s does not exist (neither in the file nor on the proxy)'
                         % key['user_id'])
        team = self.team_of(key)
        if team is None:
            self.problem('keys', position, key, 'team %s does not exist (neither in the file nor on the proxy)'
                         % (key.get('team_alias') or key.get('team_id')))
        elif team and key.get('models'):
            allowed = set(team.get('models') or [])
            outside = sorted(set(key['models']) - allowed)
            if allowed and 'all-proxy-models' not in allowed and outside:
                self.problem('keys', position, key, 'models %s are not among the models of its team %s'
                             % (', '.join(outside), label('teams', team)))


def _merged(item, params):
    """An item with the plan task's connection options (the item's own win), as its module would get them."""
    merged = dict((name, params.get(name)) for name in CONNECTION_ARGSPEC)
    merged.update(item)
    return merged


class Planner(object):

    def __init__(self, ctx, params, modules, validator_class):
        self.ctx = ctx
        self.params = params
        self.modules = modules
        self.validator_class = validator_class
        self.no_log_values = set()
        self.diffs = []
        self.creates = {}  # kind -> the ids and names of the teams and users the plan creates

    def validated(self, problems):
        """Each kind's items with their module's defaults, or problems naming the item and the option."""
        validated = {}
        for kind in KINDS:
            definition = dict(self.modules[kind][0])
            definition.pop('supports_check_mode', None)
            validator = self.validator_class(**definition)
            validated[kind] = []
            for position, item in enumerate(self.params.get(kind) or []):
                result = validator.validate(_merged(item, self.params))
                self.no_log_values.update(result._no_log_values)
                if result.errors.errors:
                    problems.append('%s[%d] (%s): %s' % (kind, position, label(kind, item), result.errors.msg))
                validated[kind].append(result.validated_parameters)
        return validated

    def context(self):
        """A check-mode context for one prediction: the run's client, cache and proxy version, its own warnings."""
        return Context(self.ctx.client, True, self.ctx.diff_mode, self.ctx.cache, self.ctx.proxy)

    def predict(self, kind, items):
        """The module's outcome for each item of `kind` in check mode: [(outcome, result)]."""
        logic = self.modules[kind][1]
        if kind == 'keys':
            # litellm_keys' logic: one paged read of every key, then litellm_key's reconciler per item
            if not items:
                return []
            ctx = self.context()
            params = dict((name, self.params.get(name)) for name in CONNECTION_ARGSPEC)
            params.update(keys=items, concurrency=8)
            result = logic(ctx, params)
            self.keep_warnings(ctx)
            return [(r.get('outcome') or 'failed', r) for r in result['key_results']]
        found = []
        for item in items:
            ctx = self.context()
            try:
                result = logic(ctx, item)
            except (LiteLLMError, ParameterError) as exc:
                result = {'failed': True, 'outcome': 'failed', 'msg': getattr(exc, 'message', None) or str(exc)}
            self.keep_warnings(ctx)
            found.append((result.get('outcome') or 'failed', result))
        return found

    def keep_warnings(self, ctx):
        # (not that a team does not exist yet: the plan creates the teams it lists before their keys)
        self.ctx.warnings.extend(w for w in ctx.warnings if DEPENDENCY_WARNING not in w)

    def created(self, kind, item):
        """Note that the plan creates or recreates `item` (its ids and names), for the items that name it."""
        names = [item.get(name) for name in IDENTITIES.get(kind, ()) if item.get(name)]
        self.creates.setdefault(kind, set()).update(names)

    def waits_on(self, kind, item):
        """Whether `item` names an object this plan creates (its own check run cannot see it yet): a team or user
        (keys, memberships), an MCP server (object permissions), a credential (models)."""
        names = set()
        if kind == 'access_groups':
            for option, created in (('teams', 'teams'), ('keys', 'keys'), ('mcp_servers', 'mcp_servers')):
                names.update(self.creates.get(created, set()) & set(item.get(option) or []))
        if kind in ('keys', 'team_members'):
            names.update(self.creates.get('teams', set()) & set([item.get('team_id'), item.get('team_alias')]))
            names.update(self.creates.get('users', set()) & set([item.get('user_id'), item.get('user_email')]))
        servers = (item.get('object_permission') or {}).get('mcp_servers') or []
        names.update(self.creates.get('mcp_servers', set()) & set(servers))
        credential = (item.get('litellm_params') or {}).get('litellm_credential_name')
        names.update(self.creates.get('credentials', set()) & set([credential]))
        names.update(self.creates.get('budgets', set()) & set([item.get('budget_id')]))
        return bool(names)


def run_plan(ctx, params, modules, validator_class):
    """The plan of applying params' lists to the proxy; raises nothing for problems: they are in the result."""
    planner = Planner(ctx, params, modules, validator_class)
    problems = []
    pattern = _prune_pattern(params)
    items = planner.validated(problems)
    inventory = Inventory(ctx.client)
    delete, not_managed = prune_candidates(inventory, params, params['prune_kinds'] if params['prune'] else (), pattern)
    if not params['prune']:
        delete = {}
    problems.extend(References(inventory, params, delete).run())
    listed = '; '.join('%s: %s' % (kind, ', '.join(names)) for kind, names in sorted(not_managed.items()))
    result = {'changed': False, 'check_mode': ctx.check_mode, 'problems': problems, 'not_managed': not_managed,
              'not_managed_summary': 'not managed (not made by this collection, never pruned): %s' % (listed or 'none')}
    if problems:
        result.update(failed=True, msg='%d problem(s) in the file, nothing written:\n- %s'
                      % (len(problems), '\n- '.join(problems)))
        return result, planner.no_log_values

    plan, apply = _planned(ctx, planner, inventory, items, problems)
    if problems:
        result.update(failed=True, msg='%d object(s) cannot be planned, nothing written:\n- %s'
                      % (len(problems), '\n- '.join(problems)))
        return result, planner.no_log_values

    prune, cascaded = _pruned(ctx, inventory, delete, plan)
    counts = dict((action, sum(len(plan[kind][action]) for kind in KINDS)) for _done, action in ACTIONS)
    drift = any(counts.values())
    result.update(plan=plan, apply=apply, prune=prune, cascade={'keys': cascaded}, counts=counts, drift=drift,
                  msg=summary(plan, counts, cascaded))
    if ctx.diff_mode:
        result['diff'] = planner.diffs
    if drift and params['fail_on_drift']:
        result.update(failed=True, msg='drift: ' + result['msg'])
    return result, planner.no_log_values


def _prune_pattern(params):
    try:
        return re.compile(params['prune_match']) if params.get('prune_match') else None
    except re.error as exc:
        raise ParameterError('prune_match is not a regular expression: %s' % exc)


def _planned(ctx, planner, inventory, items, problems):
    """(the plan per kind and action, the positions of the items to apply per kind); an item that cannot be
    planned is added to `problems`."""
    plan = dict((kind, {'create': [], 'update': [], 'recreate': [], 'delete': []}) for kind in KINDS)
    apply = dict((kind, []) for kind in KINDS)
    for kind in KINDS:
        for position, (outcome, found) in enumerate(planner.predict(kind, items[kind])):
            item = items[kind][position]
            if outcome == 'failed':
                if not planner.waits_on(kind, item):
                    problems.append('%s[%d] (%s): %s' % (kind, position, label(kind, item), found.get('msg')))
                    continue
                # what its module will do once the objects it names exist
                held = kind in PRUNE_ORDER + UNMARKED and any(in_file(kind, r, [item]) for r in getattr(inventory, kind))
                outcome = 'updated' if held else 'created'
            for done, action in ACTIONS:
                if outcome == done:
                    plan[kind][action].append(label(kind, item))
                    apply[kind].append(position)
                    if done in ('created', 'recreated'):
                        planner.created(kind, item)
            diff = found.get('diff')
            if ctx.diff_mode and outcome != 'unchanged' and isinstance(diff, dict):
                planner.diffs.append(dict(diff, before_header='%s/%s' % (kind, label(kind, item)),
                                          after_header='%s/%s' % (kind, label(kind, item))))
    return plan, apply


def _pruned(ctx, inventory, delete, plan):
    """(the module options that delete each pruned object, per kind; the keys that go with pruned teams and
    users), the deletes added to `plan` and warned."""
    cascaded, own_keys = cascade(inventory, delete)
    if 'keys' in delete:
        delete['keys'] = own_keys
    prune = {}
    for kind in PRUNE_ORDER:
        records = delete.get(kind) or []
        plan[kind]['delete'] = sorted(plan[kind]['delete'] + [label(kind, r) or '(no name)' for r in records])
        prune[kind] = [prune_item(kind, r) for r in records]
        if records:
            ctx.warn('prune: %s %s %s, not in the file%s' % (
                len(records), kind, 'would be deleted' if ctx.check_mode else 'to delete',
                ': ' + ', '.join(sorted(label(kind, r) or '(no name)' for r in records))))
    if cascaded:
        ctx.warn('prune: %d key(s) go with the pruned teams and users: %s' % (len(cascaded), ', '.join(cascaded)))
    return prune, cascaded


def prune_item(kind, record):
    """The options of the module that deletes `record` (state absent, by its id)."""
    ids = {'credentials': 'credential_name', 'models': 'model_id', 'mcp_servers': 'server_id', 'users': 'user_id',
           'teams': 'team_id', 'access_groups': 'access_group_name'}
    if kind == 'keys':
        found = {'token': record.get('token')}
        if record.get('key_alias'):
            found = {'key_alias': record['key_alias']}
    else:
        found = {ids[kind]: record.get(ids[kind])}
    found['state'] = 'absent'
    return found


def summary(plan, counts, cascaded):
    if not any(counts.values()):
        return 'no drift: the proxy holds what the file says'
    parts = []
    for kind in KINDS:
        for action in ('create', 'update', 'recreate', 'delete'):
            if plan[kind][action]:
                parts.append('%s %s: %s' % (action, kind, ', '.join(plan[kind][action])))
    text = '%d to create, %d to update, %d to recreate, %d to delete (%s)' % (
        counts['create'], counts['update'], counts['recreate'], counts['delete'], '; '.join(parts))
    if cascaded:
        text += '; keys going with pruned teams/users: ' + ', '.join(cascaded)
    return text
