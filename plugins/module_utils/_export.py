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
from ansible_collections.berriai.litellm.plugins.module_utils import _compare as compare
from ansible_collections.berriai.litellm.plugins.module_utils._key import KEY_FIELDS
from ansible_collections.berriai.litellm.plugins.module_utils._mcp_server import MCP_SERVER_FIELDS, McpServerRecords
from ansible_collections.berriai.litellm.plugins.module_utils._records import KeyRecords, TeamRecords
from ansible_collections.berriai.litellm.plugins.module_utils._team import TEAM_FIELDS
from ansible_collections.berriai.litellm.plugins.module_utils._team_member import MEMBER_FIELDS, TeamMembers
from ansible_collections.berriai.litellm.plugins.module_utils._user import USER_FIELDS, UserRecords

# The object kinds, in the order a promotion applies them (what an object refers to exists before it).
KINDS = ('mcp_servers', 'users', 'teams', 'team_members', 'keys')
# The module that applies each kind, named in the documentation and in the vars file's comments.
MODULES = {
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

    def secret(self, name):
        return PLACEHOLDER % (self.params.get('secrets_variable') or 'litellm_secrets', name)

    # -- teams, and the scope they set --

    def teams_in_scope(self):
        if self._teams is None:
            teams = TeamRecords(self.client).all()
            wanted = self.params.get('teams')
            if wanted:
                teams = [t for t in teams if t.get('team_id') in wanted or t.get('team_alias') in wanted]
                missing = set(wanted) - set(t.get('team_id') for t in teams) - set(t.get('team_alias') for t in teams)
                if missing:
                    raise ParameterError('teams: no team has the id or alias %s' % ', '.join(sorted(missing)))
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
                self._members.extend(shaped(m, MEMBER_FIELDS, ('team_id', 'user_id')) for m in roster['members']
                                     if m.get('user_id') != SYSTEM_USER)
        return self._members

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
            team_ids = set(t['team_id'] for t in self.teams_in_scope())
            records = [k for k in records if k.get('team_id') in team_ids]
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
        for record in sorted(McpServerRecords(self.client).all(), key=lambda s: str(s.get('server_name'))):
            server = shaped(record, MCP_SERVER_FIELDS, ('server_id', 'server_name'))
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
        'skipped': [{'kind': kind, 'object': label, 'why': why} for kind, label, why in export.skipped],
    }
    if params.get('dest'):
        result['changed'] = write_vars_file(params['dest'], vars_file_text(objects, params), ctx.check_mode)
        result['dest'] = params['dest']
    return result


# -- the vars file --

def placeholders_in(objects):
    found = set()
    for items in objects.values():
        for item in items:
            found.update(v for v in item.values() if isinstance(v, str) and v.startswith('{{ '))
    return sorted(found)


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
