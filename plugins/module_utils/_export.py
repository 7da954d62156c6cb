# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""litellm_export's logic: a live proxy as the options of the collection's modules. Free of AnsibleModule.

Every object kind is read through the Records class of its own module (every page), and each record comes out
in the exact shape of that module's options, so that a playbook can loop over it: ids and aliases kept (a
re-apply adopts instead of duplicating), server-side fields left out, unset settings left out (they read as
the module's default), and every secret a placeholder to fill from a variable (the proxy never returns them).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

try:
    import yaml
except ImportError:  # dest then fails with a clear message
    yaml = None

from ansible_collections.berriai.litellm.plugins.module_utils._api import ParameterError
from ansible_collections.berriai.litellm.plugins.module_utils import _compare as compare, _secrets as secrets
from ansible_collections.berriai.litellm.plugins.module_utils._credential import CREDENTIAL_FIELDS, CredentialRecords
from ansible_collections.berriai.litellm.plugins.module_utils._key import KEY_FIELDS
from ansible_collections.berriai.litellm.plugins.module_utils._model import ModelRecords, is_db_model
from ansible_collections.berriai.litellm.plugins.module_utils._mcp_server import (
    MCP_SERVER_FIELDS, RENAMED, McpServerRecords)
from ansible_collections.berriai.litellm.plugins.module_utils._records import KeyRecords, TeamRecords
from ansible_collections.berriai.litellm.plugins.module_utils._team import TEAM_FIELDS
from ansible_collections.berriai.litellm.plugins.module_utils._team_member import MEMBER_FIELDS, TeamMembers
from ansible_collections.berriai.litellm.plugins.module_utils._user import USER_FIELDS, UserRecords

# The object kinds, in the order a promotion applies them (what an object refers to exists before it).
KINDS = ('credentials', 'models', 'mcp_servers', 'users', 'teams', 'team_members', 'keys')
# The module that applies each kind, named in the documentation and in the vars file's comments.
MODULES = {
    'credentials': 'berriai.litellm.litellm_credential',
    'models': 'berriai.litellm.litellm_model',
    'mcp_servers': 'berriai.litellm.litellm_mcp_server',
    'users': 'berriai.litellm.litellm_user',
    'teams': 'berriai.litellm.litellm_team',
    'team_members': 'berriai.litellm.litellm_team_member',
    'keys': 'berriai.litellm.litellm_key',
}
# The user LiteLLM makes for the master key (and adds to every team the master key creates): not an object
# anybody set up.
SYSTEM_USER = 'default_user_id'
# What a placeholder looks like: a template that reads one entry of the secrets variable when the vars file
# is loaded. %s: the variable's name, %r: the entry's name.
PLACEHOLDER = "{{ %s[%r] }}"
# The entries of a model's model_info that a person sets; the proxy's reads add many more from its cost map
# (prices, context sizes, supports_*), which are not the model's settings.
MODEL_INFO_SETTINGS = ('base_model', 'mode', 'access_groups', 'tier', 'description', 'supported_environments')


def creator_entries(members):
    """How many of a team's first members are the membership LiteLLM adds itself: the team's creator, an admin
    without a budget in the team (default_user_id for the master key). Applying the export elsewhere adds the
    applying credential's user the same way, and adding an admin needs an Enterprise licence."""
    first = members[0] if members else {}
    budget = [first.get(name) for name in MEMBER_FIELDS if name != 'role']
    return 1 if first.get('role') == 'admin' and not any(budget) else 0


def tidy(options, first):
    """Options without unset values (None, empty lists and dicts, false), the identifying ones first."""
    kept = dict((name, value) for name, value in options.items() if value not in (None, [], {}, False))
    ordered = [name for name in first if name in kept] + sorted(name for name in kept if name not in first)
    return dict((name, kept[name]) for name in ordered)


def own_metadata(metadata):
    """Metadata without the entries LiteLLM keeps there for its own features."""
    return dict((k, v) for k, v in (metadata or {}).items() if k not in compare.RESERVED_METADATA_KEYS)


def shaped(record, fields, first):
    options = compare.view(record, fields)
    for name in first:
        options.setdefault(name, record.get(name))
    if 'metadata' in options:
        options['metadata'] = own_metadata(options['metadata'])
    return tidy(options, first)


class Export(object):
    """One export run: reads each asked kind once, in scope (some teams, or all)."""

    def __init__(self, client, params):
        self.client = client
        self.params = params
        self.skipped = []  # (kind, label, why) of objects that cannot be applied elsewhere as they are
        self._teams = None
        self._members = None

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

    def secret(self, name):
        return PLACEHOLDER % (self.params.get('secrets_variable') or 'litellm_secrets', name)

    # -- teams, and the scope they set --

    def teams_in_scope(self):
        if self._teams is None:
            teams = self.chosen(TeamRecords(self.client).all(), 'teams', 'team_id', 'team_alias')
            self._teams = sorted(teams, key=lambda t: (t.get('team_alias') or '', t['team_id']))
        return self._teams

    def scoped(self):
        return bool(self.params.get('teams'))

    def teams(self):
        return [shaped(t, TEAM_FIELDS, ('team_id', 'team_alias')) for t in self.teams_in_scope()]

    def team_members(self):
        # Member budgets are only in /team/info: one read per team.
        if self._members is None:
            self._members = []
            reader = TeamMembers(self.client)
            for team in self.teams_in_scope():
                roster = reader.read(team['team_id']) or {'members': []}
                self._members.extend(shaped(m, MEMBER_FIELDS, ('team_id', 'user_id'))
                                     for m in roster['members'][creator_entries(roster['members']):])
        return self._members

    # -- credentials, models --

    def with_placeholders(self, values, prefix):
        """`values` with each secret (masked on read) a placeholder named `prefix`/its name."""
        return dict((name, self.secret('%s/%s' % (prefix, name)) if value == secrets.MASK else value)
                    for name, value in (values or {}).items())

    def credentials(self):
        found = []
        records = self.chosen(CredentialRecords(self.client).all(), 'credentials', 'credential_name')
        for record in sorted(records, key=lambda c: c.get('credential_name') or ''):
            name = record['credential_name']
            values = self.with_placeholders(record.get('credential_values'), 'credentials/' + name)
            record = dict(record, credential_values=values)
            found.append(shaped(record, CREDENTIAL_FIELDS, ('credential_name',)))
        return found

    def models(self):
        found = []
        # config.yaml models are not objects of the API
        records = [r for r in ModelRecords(self.client).listed() if is_db_model(r)]
        for record in self.chosen(records, 'models', 'model_id', 'model_name'):
            params = self.with_placeholders(record.get('litellm_params'), 'models/%s' % record['model_id'])
            info = record.get('model_info') or {}
            found.append(tidy({
                'model_id': record['model_id'],
                'model_name': record.get('model_name'),
                # false and null parameters are the proxy's defaults, which its reads add
                'litellm_params': dict((k, v) for k, v in params.items()
                                       if not is_placeholder(v) and v not in (None, False)),
                'secret_params': dict((k, v) for k, v in params.items() if is_placeholder(v)),
                'model_info': dict((k, info[k]) for k in MODEL_INFO_SETTINGS if info.get(k) not in (None, [], '')),
            }, ('model_id', 'model_name')))
        return sorted(found, key=lambda m: (m.get('model_name') or '', m['model_id']))

    # -- users, keys, MCP servers --

    def users(self):
        users = [u for u in UserRecords(self.client).list() if u.get('user_id') != SYSTEM_USER]
        if self.scoped():
            in_teams = set(m['user_id'] for m in self.team_members())
            users = [u for u in users if u.get('user_id') in in_teams]
        users.sort(key=lambda u: (u.get('user_email') or '', u['user_id']))
        return [shaped(u, USER_FIELDS, ('user_id', 'user_email')) for u in users]

    def keys(self):
        records = KeyRecords(self.client).list()
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
            keys.append(shaped(record, KEY_FIELDS, ('key_alias', 'team_id')))
        return keys

    def mcp_servers(self):
        servers = []
        records = self.chosen(McpServerRecords(self.client).all(), 'mcp_servers', 'server_id', 'server_name')
        for record in sorted(records, key=lambda r: str(r.get('server_name'))):
            server = shaped(record, MCP_SERVER_FIELDS, ('server_id', 'server_name'))
            server.update((option, record[field]) for option, (field, _kind) in RENAMED.items()
                          if record.get(field) is not None)
            if server.get('alias') == server.get('server_name'):
                del server['alias']  # LiteLLM's default alias: the name
            if record.get('auth_type') not in (None, 'none'):
                server['credentials'] = self.secret('mcp_servers/%s/credentials' % record['server_id'])
            servers.append(server)
        return servers

    def run(self):
        kinds = self.params.get('kinds') or KINDS
        return dict((kind, getattr(self, kind)()) for kind in KINDS if kind in kinds)


def run_export(ctx, params):
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

def is_placeholder(value):
    return isinstance(value, str) and value.startswith('{{ ')


def placeholders_in(value):
    """Every placeholder in `value`, at any depth."""
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return sorted(set(found for item in value for found in placeholders_in(item)))
    return [value] if is_placeholder(value) else []


def vars_file_text(objects, params):
    """The export as a YAML vars file: one variable per kind, one block per object, keys in a fixed order."""
    if yaml is None:
        raise ParameterError('dest needs PyYAML on the host that runs the module')
    prefix = params.get('var_prefix') or 'litellm_'
    lines = ['---', '# A LiteLLM proxy exported by berriai.litellm.litellm_export. Each variable is a list of the',
             '# options of one module; apply them in this order.']
    secrets = placeholders_in(objects)
    if secrets:
        lines.append('# Secrets are placeholders: define these entries in a vaulted variable first:')
        lines.extend('#   %s' % placeholder for placeholder in secrets)
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
