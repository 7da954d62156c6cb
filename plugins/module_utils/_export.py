# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""litellm_export's logic: a live proxy as the options of the collection's modules. Free of AnsibleModule.

Every object kind is read through the Records class of its own module (every page), and each record comes out
in the exact shape of that module's options, so that a playbook can loop over it: ids and aliases kept (a
re-apply adopts instead of duplicating), server-side fields left out, unset settings left out (they read as
the module's default), and every secret a reference to an entry of a variable (the proxy never returns them):
the module's *_from option (_secrets.REFERENCES), which its action plugin resolves, so that a loop over the
export never holds a secret in its items.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

try:
    import yaml
except ImportError:  # dest then fails with a clear message
    yaml = None

from ansible_collections.berriai.litellm.plugins.module_utils._api import ParameterError
from ansible_collections.berriai.litellm.plugins.module_utils import _compare as compare, _secrets as secrets
from ansible_collections.berriai.litellm.plugins.module_utils import _settings as settings
from ansible_collections.berriai.litellm.plugins.module_utils._access_group import (
    ACCESS_GROUP, AccessGroupRecords, as_record)
from ansible_collections.berriai.litellm.plugins.module_utils._budget import BUDGET, BudgetRecords, made_by_litellm
from ansible_collections.berriai.litellm.plugins.module_utils._credential import CREDENTIAL, CredentialRecords
from ansible_collections.berriai.litellm.plugins.module_utils._customer import CUSTOMER, LIMITS, CustomerRecords
from ansible_collections.berriai.litellm.plugins.module_utils._key import KEY
from ansible_collections.berriai.litellm.plugins.module_utils._model import MODEL, ModelRecords, is_db_model
from ansible_collections.berriai.litellm.plugins.module_utils._mcp_server import MCP_SERVER, McpServerRecords
from ansible_collections.berriai.litellm.plugins.module_utils._records import KeyRecords, TeamRecords, read_team_info
from ansible_collections.berriai.litellm.plugins.module_utils._team import TEAM
from ansible_collections.berriai.litellm.plugins.module_utils._team_member import CREATOR_ID, MEMBER, team_roster
from ansible_collections.berriai.litellm.plugins.module_utils._user import USER, UserRecords

# The object kinds, in the order a promotion applies them (what an object refers to exists before it).
KINDS = ('credentials', 'models', 'mcp_servers', 'budgets', 'users', 'teams', 'team_members', 'keys', 'access_groups',
         'customers')
# The kinds whose module declares its options once (_declaration.Declaration): what the export writes of each
# (MODULES, MANAGED, IDENTITY, NOT_EXPORTED, SECRET_OPTIONS) derives from that declaration.
DECLARED = (CREDENTIAL, MODEL, MCP_SERVER, BUDGET, USER, TEAM, MEMBER, KEY, ACCESS_GROUP, CUSTOMER)
# The module that applies each kind, named in the documentation and in the vars file's comments.
MODULES = dict((declared.export_kind, declared.module) for declared in DECLARED)
# What each kind's module manages (the exported fields of its declaration), so that a field added to a module later
# is exported by construction. The options of a module that are neither exported fields nor identity are in
# NOT_EXPORTED, with why; a unit test (tests/unit/plugins/module_utils/test_export.py) fails when an option is in
# neither.
MANAGED = dict((declared.export_kind, declared.exported) for declared in DECLARED)
# The options that identify each object (kept, first in each item).
IDENTITY = dict((declared.export_kind, declared.identity) for declared in DECLARED)
NOT_EXPORTED = dict((declared.export_kind, declared.not_exported) for declared in DECLARED)
# The options that name a kind's secrets by reference (LiteLLM never reads a secret back): its *_from option,
# and secrets_variable when it is not the default.
SECRET_OPTIONS = dict((declared.export_kind, declared.secret_options) for declared in DECLARED
                      if declared.secret_options)
# Entries LiteLLM keeps in an object's metadata that are its own bookkeeping, not settings: left out.
SERVER_SIDE_METADATA = frozenset(('team_member_budget_id', 'temp_budget_increase', 'temp_budget_expiry'))
# The user LiteLLM makes for the master key (and adds to every team the master key creates): not an object
# anybody set up.
SYSTEM_USER = CREATOR_ID
# The entries of a model's model_info that a person sets; the proxy's reads add many more from its cost map
# (prices, context sizes, supports_*), which are not the model's settings.
MODEL_INFO_SETTINGS = ('base_model', 'mode', 'access_groups', 'tier', 'description', 'supported_environments')


def creators(body):
    """The user ids of a /team/info answer's membership that LiteLLM added itself: default_user_id (the master
    key's user) always, and the team's creator: its first member, an admin whose budget in the team is none or
    the team's default member budget (team_member_budget gives the creator that budget too). Applying the export
    elsewhere adds the applying credential's user the same way, and adding an admin needs an Enterprise
    licence."""
    info = body.get('team_info') or {}
    members = [m for m in info.get('members_with_roles') or [] if isinstance(m, dict)]
    found = set(m.get('user_id') for m in members if m.get('user_id') == CREATOR_ID)
    if members and members[0].get('role') == 'admin':
        first = members[0].get('user_id')
        own = [m for m in body.get('team_memberships') or [] if isinstance(m, dict) and m.get('user_id') == first]
        if not own or own[0].get('budget_id') in (None, default_member_budget(info)):
            found.add(first)
    return found


def default_member_budget(info):
    """The id of a team's default member budget (team_member_budget...), or None."""
    table = info.get('team_member_budget_table')
    return (table or {}).get('budget_id') or (info.get('metadata') or {}).get('team_member_budget_id')


# Booleans whose value when left out is true on the proxy: false is a setting of theirs.
TRUE_BY_DEFAULT = frozenset(('available_on_public_internet',))


def unset(value):
    """A value that reads as the module's default: None, false, an empty list or dict (0 is a value)."""
    return value is None or value is False or (isinstance(value, (list, dict)) and not value)


def tidy(options, first):
    """Options without unset values, the identifying ones first."""
    kept = dict((name, value) for name, value in options.items()
                if not unset(value) or (value is False and name in TRUE_BY_DEFAULT))
    ordered = [name for name in first if name in kept] + sorted(name for name in kept if name not in first)
    return dict((name, kept[name]) for name in ordered)


def own_metadata(metadata, kind=None):
    """Metadata without the settings LiteLLM keeps there (exported as their own options) and without its own
    bookkeeping. Anything else stays, LiteLLM's other entries included: applied, the module sends them back."""
    dropped = set(settings.in_metadata(kind)) if kind else set(compare.RESERVED_METADATA_KEYS)
    dropped |= SERVER_SIDE_METADATA
    return dict((k, v) for k, v in (metadata or {}).items() if k not in dropped)


def shaped(record, kind, settings_kind=None):
    """A record as the options of `kind`'s module: every field the module manages, its identity first."""
    first = IDENTITY[kind]
    options = compare.view(record, MANAGED[kind])
    for name in first:
        options.setdefault(name, record.get(name))
    if 'metadata' in options:
        options['metadata'] = own_metadata(options['metadata'], settings_kind)
    if options.get('key_type') == 'default':
        del options['key_type']  # the module's default
    return tidy(options, first)


class Export(object):
    """One export run: reads each asked kind once, in scope (some teams, or all)."""

    def __init__(self, client, params):
        self.client = client
        self.params = params
        self.skipped = []  # (kind, label, why) of objects that cannot be applied elsewhere as they are
        self._teams = None
        self._members = None
        self._infos = {}  # team_id -> its /team/info answer
        self._groups = None  # the unified access groups, listed once
        self._keys = None  # the exported keys: the access groups of a scoped export and the budgets use them

    def chosen(self, records, option, *names):
        """The records the filter `option` names (by any of the fields `names`), or all without it. A name
        that matches nothing fails: a typo must not export less than asked, silently."""
        wanted = self.params.get(option)
        if not wanted:
            return records
        kept = [r for r in records if any(r.get(name) in wanted for name in names)]
        missing = set(wanted) - set(r.get(name) for r in kept for name in names)
        if missing:
            raise ParameterError('%s: nothing has the name or id %s' % (option, ', '.join(sorted(missing))))
        return kept

    def references(self, item, option, names):
        """`item` naming its secrets by reference: `option` (a *_from option) set to `names` (entry names), and
        secrets_variable when it is not the default."""
        if names:
            item[option] = names
            variable = self.params.get('secrets_variable') or secrets.SECRETS_VARIABLE
            if variable != secrets.SECRETS_VARIABLE:
                item['secrets_variable'] = variable
        return item

    # -- teams, and the scope they set --

    def teams_in_scope(self):
        if self._teams is None:
            teams = self.chosen(TeamRecords(self.client).all(), 'teams', 'team_id', 'team_alias')
            self._teams = sorted(teams, key=lambda t: (t.get('team_alias') or '', t['team_id']))
        return self._teams

    def scoped(self):
        return bool(self.params.get('teams'))

    def team_info(self, team_id):
        """/team/info of a team (read once per team): the team list lacks its object permission and member
        budget, and only it has the members and their budgets."""
        if team_id not in self._infos:
            self._infos[team_id] = read_team_info(self.client, team_id)
        return self._infos[team_id]

    def teams(self):
        found = []
        for listed in self.teams_in_scope():
            body = self.team_info(listed['team_id']) if self.needs_info(listed) else None
            record = settings.lift(body['team_info'], 'team') if body else listed
            team = shaped(dict(record, team_id=listed['team_id']), 'teams', 'team')
            if team.get('access_group_ids') and 'access_groups' in (self.params.get('kinds') or KINDS):
                # a unified group's link is exported from the groups' side, by name (its id is the proxy's own
                # UUID); any other id the team holds is kept as it is
                unified = set(g.get('access_group_id') for g in self.listed_groups())
                kept = [i for i in team['access_group_ids'] if i not in unified]
                if kept:
                    team['access_group_ids'] = kept
                else:
                    team.pop('access_group_ids')
            found.append(team)
        return found

    def team_members(self):
        if self._members is None:
            self._members = []
            for team in self.teams_in_scope():
                body = self.team_info(team['team_id'])
                if body is None:
                    continue
                left_out = creators(body)
                inherited = self.inherited_budgets(body)
                for member in team_roster(body, team['team_id'])['members']:
                    if member['user_id'] in left_out:
                        continue
                    if member['user_id'] in inherited:
                        # the team's default member budget (team_member_budget): applied, the team gives it again
                        member = dict(member, **dict((name, None) for name in MEMBER.fields if name != 'role'))
                    self._members.append(shaped(member, 'team_members'))
        return self._members

    def needs_info(self, listed):
        """Whether a listed team has settings only /team/info shows (an object permission, a member budget), or
        its /team/info is read anyway (for its members)."""
        member_budget = (listed.get('metadata') or {}).get('team_member_budget_id')
        members_wanted = 'team_members' in (self.params.get('kinds') or KINDS)
        return bool(listed.get('object_permission_id') or member_budget or members_wanted)

    @staticmethod
    def inherited_budgets(body):
        """The members whose budget in the team is the team's default member budget, not one of their own."""
        default = default_member_budget(body.get('team_info') or {})
        return set(m.get('user_id') for m in body.get('team_memberships') or []
                   if isinstance(m, dict) and default and m.get('budget_id') == default)

    # -- credentials, models --

    @staticmethod
    def secret_names(values, prefix):
        """name -> entry name (`prefix`/name) of each secret of `values` (masked on read)."""
        return dict((name, '%s/%s' % (prefix, name)) for name, value in (values or {}).items() if value == secrets.MASK)

    def credentials(self):
        found = []
        records = self.chosen(CredentialRecords(self.client).all(), 'credentials', 'credential_name')
        for record in sorted(records, key=lambda c: c.get('credential_name') or ''):
            name = record['credential_name']
            hidden = self.secret_names(record.get('credential_values'), 'credentials/' + name)
            values = dict((k, v) for k, v in (record.get('credential_values') or {}).items() if k not in hidden)
            credential = shaped(dict(record, credential_values=values), 'credentials')
            found.append(self.references(credential, 'credential_values_from', hidden))
        return found

    def models(self):
        found = []
        # config.yaml models are not objects of the API
        records = [r for r in ModelRecords(self.client).listed() if is_db_model(r)]
        for record in self.chosen(records, 'models', 'model_id', 'model_name'):
            params = record.get('litellm_params') or {}
            hidden = self.secret_names(params, 'models/%s' % record['model_id'])
            info = record.get('model_info') or {}
            model = tidy({
                'model_id': record['model_id'],
                'model_name': record.get('model_name'),
                # false and null parameters are the proxy's defaults, which its reads add
                'litellm_params': dict((k, v) for k, v in params.items() if k not in hidden and v not in (None, False)),
                'model_info': dict((k, info[k]) for k in MODEL_INFO_SETTINGS if info.get(k) not in (None, [], '')),
            }, ('model_id', 'model_name'))
            found.append(self.references(model, 'secret_params_from', hidden))
        return sorted(found, key=lambda m: (m.get('model_name') or '', m['model_id']))

    # -- users, keys, MCP servers --

    def users(self):
        users = [u for u in UserRecords(self.client).list() if u.get('user_id') != SYSTEM_USER]
        if self.scoped():
            in_teams = set(m['user_id'] for m in self.team_members())
            users = [u for u in users if u.get('user_id') in in_teams]
        users.sort(key=lambda u: (u.get('user_email') or '', u['user_id']))
        return [shaped(u, 'users') for u in users]

    def keys(self):
        if self._keys is None:
            self._keys = self.listed_keys()
        return self._keys

    def listed_keys(self):
        reader = KeyRecords(self.client)
        records = reader.list()
        if self.scoped():
            # The teams' keys, and the personal keys of their members.
            team_ids = set(t['team_id'] for t in self.teams_in_scope())
            user_ids = set(m['user_id'] for m in self.team_members())
            records = [k for k in records if _in_teams_or_by_members(k, team_ids, user_ids)]
        keys = []
        for record in sorted(records, key=lambda k: (k.get('key_alias') or '', k.get('token') or '')):
            if not record.get('key_alias'):
                # No alias, no identity on another proxy: each apply would make another key.
                self.skipped.append(('keys', record.get('key_name') or '(a key)', 'it has no key_alias'))
                continue
            keys.append(self.key(reader.with_budget(record)))  # (LiteLLM 1.80's list leaves the budget out)
        return keys

    @staticmethod
    def key(record):
        key = shaped(record, 'keys', 'key')
        if key.get('soft_budget') is not None:
            # LiteLLM gives a key with a soft_budget a budget of its own: applied, soft_budget makes it again
            key.pop('budget_id', None)
        if key.get('key_type'):
            # LiteLLM sets the routes of a key type other than default itself (and refuses them with it)
            key.pop('allowed_routes', None)
        return key

    def mcp_servers(self):
        servers = []
        records = self.chosen(McpServerRecords(self.client).all(), 'mcp_servers', 'server_id', 'server_name')
        for record in sorted(records, key=lambda r: str(r.get('server_name'))):
            server = shaped(MCP_SERVER.exported_record(record), 'mcp_servers')
            if server.get('alias') == server.get('server_name'):
                del server['alias']  # LiteLLM's default alias: the name
            if record.get('auth_type') not in (None, 'none'):
                self.references(server, 'credentials_from', 'mcp_servers/%s/credentials' % record['server_id'])
            servers.append(server)
        return servers

    def listed_groups(self):
        if self._groups is None:
            self._groups = AccessGroupRecords(self.client).listed() or []
        return self._groups

    def access_groups(self):
        """The unified access groups (none on a proxy without them: LiteLLM 1.80), their teams by id and their keys
        by alias; in a scoped export, those assigned to a team in scope, with their teams and keys in scope."""
        records = [as_record(g) for g in self.listed_groups()]
        teams = set(t['team_id'] for t in self.teams_in_scope()) if self.scoped() else None
        keys = set(k['key_alias'] for k in self.keys()) if self.scoped() else None
        found = []
        for record in sorted(records, key=lambda g: g['access_group_name']):
            if teams is not None and not teams & set(record['teams']):
                continue
            aliases = record['names']['keys']
            unnamed = [token for token in record['keys'] if not aliases.get(token)]
            if unnamed:
                self.skipped.append(('access_groups', '%s: %d key(s)' % (record['access_group_name'], len(unnamed)),
                                     'a key without key_alias has no identity on another proxy'))
            group = dict(record, keys=[aliases[token] for token in record['keys'] if aliases.get(token)])
            if teams is not None:
                group.update(teams=[t for t in group['teams'] if t in teams],
                             keys=[k for k in group['keys'] if k in keys])
            found.append(shaped(group, 'access_groups'))
        return found

    def customers(self):
        if self.scoped():
            return []  # customers belong to no team
        found = []
        for record in sorted(CustomerRecords(self.client).all(), key=lambda c: c['user_id']):
            if record.get('budget_id'):
                # a named budget's limits are that budget's, not the customer's (nor options beside budget_id)
                record = dict(record, **dict((name, None) for name in LIMITS))
            found.append(shaped(record, 'customers'))
        return found

    def budgets(self):
        """The budgets the exported keys use, and (unless the export is scoped to some teams) every budget made
        with a chosen id. LiteLLM's own budgets (for team members, tags, customers, keys with a soft budget: a
        generated id) belong to their owners, which make them again when applied."""
        exported = self.keys() if 'keys' in (self.params.get('kinds') or KINDS) else []
        used = set(k.get('budget_id') for k in exported if k.get('budget_id'))
        records = [b for b in BudgetRecords(self.client).all()
                   if b.get('budget_id') in used or not (self.scoped() or made_by_litellm(b))]
        return [shaped(b, 'budgets') for b in sorted(records, key=lambda b: str(b.get('budget_id')))]

    def run(self):
        kinds = self.params.get('kinds') or KINDS
        return dict((kind, getattr(self, kind)()) for kind in KINDS if kind in kinds)


# A name a template can use: a letter or _, then letters, digits and _ (Ansible's rule for variable names).
VARIABLE_NAME = re.compile(r'^[A-Za-z_][A-Za-z0-9_]*$')


def check_variable_names(params):
    """var_prefix and secrets_variable make the names of the vars file's variables: refuse what no template can
    use, before any request."""
    for option in ('var_prefix', 'secrets_variable'):
        value = params.get(option)
        if value and not VARIABLE_NAME.match(value):
            raise ParameterError('%s must make valid variable names (letters, digits and _, not starting with a '
                                 'digit); got %r' % (option, value))


def run_export(ctx, params):
    check_variable_names(params)
    export = Export(ctx.client, params)
    objects = export.run()
    for kind, label, why in export.skipped:
        ctx.warn('%s: %s was left out of the export: %s' % (kind, label, why))
    counts = dict((kind, len(items)) for kind, items in objects.items())
    result = {
        'changed': False,
        'msg': 'exported ' + ', '.join('%d %s' % (counts[kind], kind) for kind in KINDS if kind in counts),
        'export': objects,
        'counts': counts,
        'left_out': [{'kind': kind, 'object': label, 'why': why} for kind, label, why in export.skipped],
    }
    if params.get('dest'):
        result['changed'] = write_vars_file(params['dest'], vars_file_text(objects, params), ctx.check_mode)
        result['dest'] = params['dest']
    return result


# -- the vars file --

def references_in(objects):
    """Every entry name the exported objects' reference options (*_from) name."""
    names = set()
    for items in objects.values():
        for item in items:
            for option in secrets.REFERENCES:
                value = item.get(option)
                names.update(value.values() if isinstance(value, dict) else [value] if value else [])
    return sorted(names)


def vars_file_text(objects, params):
    """The export as a YAML vars file: one variable per kind, one block per object, keys in a fixed order."""
    if yaml is None:
        raise ParameterError('dest needs PyYAML on the host that runs the module')
    prefix = params.get('var_prefix') or 'litellm_'
    lines = ['---', '# A LiteLLM proxy exported by berriai.litellm.litellm_export. Each variable is a list of the',
             '# options of one module; apply them in this order.']
    names = references_in(objects)
    if names:
        variable = params.get('secrets_variable') or secrets.SECRETS_VARIABLE
        lines.append('# Secrets are named by reference (the *_from options): define these entries of the variable %s'
                     % variable)
        lines.append('# (with ansible-vault) before applying:')
        lines.extend('#   %s' % name for name in names)
    for kind in KINDS:
        if kind not in objects:
            continue
        lines.extend(['', '# %s' % MODULES[kind]])
        text = yaml.safe_dump({prefix + kind: objects[kind]}, default_flow_style=False, sort_keys=False,
                              allow_unicode=True, width=120)
        # A blank line before each object: one block per object in a review.
        lines.extend(text.rstrip('\n').replace('\n- ', '\n\n- ').split('\n'))
    return '\n'.join(lines) + '\n'


def write_vars_file(dest, text, check_mode):
    """Write `text` to `dest` unless it already holds it; whether it (would have) changed."""
    try:
        with open(dest) as current:
            if current.read() == text:
                return False
    except (IOError, OSError):
        pass
    if not check_mode:
        with open(dest, 'w') as out:
            out.write(text)
    return True


def _in_teams_or_by_members(key, team_ids, user_ids):
    """A key of one of the teams, or a team-less key of one of their members."""
    if key.get('team_id'):
        return key['team_id'] in team_ids
    return key.get('user_id') in user_ids
