# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The team and key settings beyond budgets and limits (issue 11), as one catalogue.

Each setting says where LiteLLM 1.108.7 stores it (the proxy folds many into `metadata`, others into a table of
their own), whether an update changes it in place, and whether it needs a LiteLLM Enterprise licence (measured:
docs/research/settings-probe.md). The modules' options, the compare kinds, the reads (lift) and the docs table
(docs/settings.md, scripts/settings_table.py) all come from this catalogue.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import collections
import copy

try:
    from urllib.parse import quote
except ImportError:  # Python 2
    from urllib import quote

from ansible_collections.berriai.litellm.plugins.module_utils._api import LiteLLMError, ParameterError
from ansible_collections.berriai.litellm.plugins.module_utils import _compare as compare
from ansible_collections.berriai.litellm.plugins.module_utils._declaration import Option

Setting = collections.namedtuple('Setting', 'name objects spec kind stored updatable licence')

KEY, TEAM, BOTH = ('key',), ('team',), ('key', 'team')
OSS, ENTERPRISE = 'open source', 'Enterprise'
META = 'metadata'

# The object permission's list fields (models, MCP servers, vector stores, agents...).
PERMISSION_LISTS = ('models', 'mcp_servers', 'mcp_access_groups', 'mcp_toolsets', 'blocked_tools', 'vector_stores',
                    'agents', 'agent_access_groups', 'search_tools', 'skills')
PERMISSION_SPEC = dict(type='dict', options=dict((name, dict(type='list', elements='str'))
                                                 for name in PERMISSION_LISTS))
LIMIT_TYPES = ['guaranteed_throughput', 'best_effort_throughput', 'dynamic']


def _list():
    return dict(type='list', elements='str')


SETTINGS = [
    Setting('soft_budget', BOTH, dict(type='float'), 'float',
            {'key': 'litellm_budget_table.soft_budget', 'team': 'soft_budget'}, 'yes', OSS),
    Setting('aliases', KEY, dict(type='dict'), 'dict', 'aliases', 'yes', OSS),
    Setting('config', KEY, dict(type='dict'), 'dict', 'config', 'yes', OSS),
    Setting('permissions', KEY, dict(type='dict'), 'dict', 'permissions', 'yes', OSS),
    Setting('allowed_cache_controls', KEY, _list(), 'list', 'allowed_cache_controls', 'yes', OSS),
    Setting('allowed_routes', KEY, _list(), 'list', 'allowed_routes', 'yes', OSS),
    Setting('key_type', KEY, dict(type='str', choices=['default', 'llm_api', 'management', 'read_only']), 'str',
            'key_type', 'no: the key is recreated', OSS),
    Setting('enforced_params', KEY, _list(), 'list', META, 'yes', OSS),
    Setting('rpm_limit_type', KEY, dict(type='str', choices=LIMIT_TYPES), 'str', META, 'yes', OSS),
    Setting('tpm_limit_type', KEY, dict(type='str', choices=LIMIT_TYPES), 'str', META, 'yes', OSS),
    Setting('budget_id', KEY, dict(type='str'), 'id', 'budget_id', 'yes', OSS),
    Setting('auto_rotate', KEY, dict(type='bool'), 'bool', 'auto_rotate', 'yes', OSS),
    Setting('rotation_interval', KEY, dict(type='str'), 'str', 'rotation_interval', 'yes', OSS),
    Setting('model_rpm_limit', BOTH, dict(type='dict'), 'dict', META, 'yes', OSS),
    Setting('model_tpm_limit', BOTH, dict(type='dict'), 'dict', META, 'yes', OSS),
    Setting('object_permission', BOTH, PERMISSION_SPEC, 'lists',
            {'key': 'object_permission (own table)', 'team': 'object_permission (own table; /team/info only)'},
            'yes, merged per field', OSS),
    Setting('model_aliases', TEAM, dict(type='dict'), 'dict', 'litellm_model_table.model_aliases', 'yes', OSS),
    Setting('team_member_permissions', TEAM, _list(), 'list', 'team_member_permissions',
            'yes (/team/permissions_update)', OSS),
    Setting('team_member_budget', TEAM, dict(type='float'), 'float',
            'team_member_budget_table.max_budget (/team/info only)', 'yes', OSS),
    Setting('team_member_budget_duration', TEAM, dict(type='str'), 'str',
            'team_member_budget_table.budget_duration (/team/info only)', 'yes', OSS),
    Setting('team_member_rpm_limit', TEAM, dict(type='int'), 'int',
            'team_member_budget_table.rpm_limit (/team/info only)', 'yes', OSS),
    Setting('team_member_tpm_limit', TEAM, dict(type='int'), 'int',
            'team_member_budget_table.tpm_limit (/team/info only)', 'yes', OSS),
    Setting('router_settings', TEAM, dict(type='dict'), 'dict', 'router_settings', 'yes', OSS),
    Setting('access_group_ids', TEAM, _list(), 'list', 'access_group_ids', 'yes', OSS),
    Setting('tags', BOTH, _list(), 'list', META, 'yes', ENTERPRISE),
    Setting('guardrails', BOTH, _list(), 'list', META, 'yes', ENTERPRISE),
    Setting('allowed_passthrough_routes', BOTH, dict(_list(), no_log=False), 'list', META, 'yes', ENTERPRISE),
    Setting('model_max_budget', BOTH, dict(type='dict'), 'dict',
            {'key': 'model_max_budget', 'team': '(refused)'}, 'yes', ENTERPRISE),
    Setting('team_member_key_duration', TEAM, dict(type='str', no_log=False), 'str', META, 'yes', ENTERPRISE),
    Setting('organization_id', KEY, dict(type='str'), 'id', 'organization_id (org_id in /key/list)', 'yes',
            ENTERPRISE),
]


# -- what a LiteLLM version can keep --

Capability = collections.namedtuple('Capability', 'objects minimum reason sets')


def _set(value):
    return value not in (None, '', [], {})


def _empty_list(value):
    return value == []


# option (dotted for a field inside one: object_permission.models) -> what a proxy older than `minimum` cannot keep
# (a list of Capability when it differs per object). A write that would set it there fails before any write, check
# mode too (check_version); `sets(value)` says whether the value sent sets it. Measured on 1.80.17 (cannot) and
# 1.108.7 (can); the releases between are left to the read-back after each write (_reconciler.verify).
VERSION_LIMITS = {
    'soft_budget': Capability(TEAM, (1, 81), 'the 1.80 line has no soft_budget column for teams', _set),
    'model_aliases': Capability(TEAM, (1, 81), 'the 1.80 line stores them, but /team/info never returns them '
                                'again (litellm_model_table: null)', _set),
    'access_group_ids': Capability(TEAM, (1, 81), 'the 1.80 line does not keep a team\'s access groups', _set),
    'key_type': Capability(KEY, (1, 81), 'the 1.80 line keeps no key type (its /key/generate only derives the '
                           'allowed routes from it), so every run would recreate the key; give allowed_routes instead',
                           lambda value: value not in (None, 'default')),
    'team_member_budget_duration': Capability(
        TEAM, (1, 81), '/team/new of the 1.80 line ignores it, and its /team/update that sets it wipes the team\'s '
        'other metadata (owner, model_rpm_limit, model_tpm_limit)', _set),
}
# The 1.80 line checks the licence for these metadata fields whenever they are sent, an empty list included (HTTP
# 403); later releases take an empty list without a licence. A list with values is left to the licence check.
VERSION_LIMITS.update((field, Capability(BOTH, (1, 81), 'the 1.80 line refuses an empty %s list without an '
                                         'Enterprise licence (HTTP 403)' % field, _empty_list))
                      for field in ('tags', 'guardrails', 'allowed_passthrough_routes'))
# The object permission lists the 1.80 line does not have (it keeps mcp_servers, mcp_access_groups, vector_stores,
# agents and agent_access_groups; its create and update drop the others), on keys and teams alike.
VERSION_LIMITS.update(('object_permission.%s' % field, Capability(
    BOTH, (1, 81), 'the object permission of the 1.80 line has no %s list' % field, _set))
    for field in ('models', 'blocked_tools', 'mcp_toolsets', 'search_tools', 'skills'))
# MCP server fields the 1.80 line's MCP servers do not have (its create and update drop them; server_timeout is
# the field timeout).
VERSION_LIMITS.update((field, Capability(('MCP server',), (1, 81), "the 1.80 line's MCP servers have no %s field"
                                         % field, sets)) for field, sets in (
    ('available_on_public_internet', lambda value: value is True), ('spec_path', _set), ('instructions', _set),
    ('tool_name_to_display_name', _set), ('tool_name_to_description', _set), ('timeout', _set),
    ('max_concurrent_requests', _set), ('rpm', _set)))


# The settings a task may clear with `unlimited` (the others are cleared with an empty value).
UNLIMITABLE = ('soft_budget', 'team_member_budget', 'team_member_budget_duration', 'team_member_rpm_limit',
               'team_member_tpm_limit')


def settings_of(kind):
    return [s for s in SETTINGS if kind in s.objects]


def declared(kind):
    """The settings of `kind` as options of its object's declaration (_declaration.Option)."""
    return [Option(s.name, copy.deepcopy(s.spec), s.kind, unlimited=s.name in UNLIMITABLE, where=stored_where(s, kind))
            for s in settings_of(kind)]


def stored_where(setting, kind):
    return setting.stored[kind] if isinstance(setting.stored, dict) else setting.stored


def fields(kind):
    """name -> compare kind (_compare.normalise) of the settings of `kind`."""
    return dict((s.name, s.kind) for s in settings_of(kind))


def in_metadata(kind):
    return [s.name for s in settings_of(kind) if stored_where(s, kind) == META]


def enterprise(kind):
    return [s.name for s in settings_of(kind) if s.licence == ENTERPRISE]


# -- input checks, before any request --

def validate(params, kind):
    compare.check_not_negative(params, ['soft_budget', 'team_member_budget', 'team_member_rpm_limit',
                                        'team_member_tpm_limit'])
    compare.check_finite(params, ['soft_budget', 'team_member_budget'])
    for name in ('rotation_interval', 'team_member_budget_duration', 'team_member_key_duration'):
        compare.check_duration(name, params.get(name))
    for name in ('model_rpm_limit', 'model_tpm_limit'):
        check_model_limits(name, params.get(name))
    soft, hard = params.get('soft_budget'), params.get('max_budget')
    if kind == 'team' and soft is not None and hard is not None and soft >= hard:
        raise ParameterError('soft_budget (%s) must be lower than max_budget (%s): LiteLLM refuses it otherwise'
                             % (soft, hard))
    if params.get('auto_rotate') and not params.get('rotation_interval'):
        raise ParameterError('auto_rotate needs rotation_interval: LiteLLM silently stores auto_rotate false without it')
    if params.get('rotation_interval') and params.get('auto_rotate') is not True:
        raise ParameterError('rotation_interval needs auto_rotate: true (LiteLLM ignores it otherwise)')
    if params.get('budget_id') and params.get('soft_budget') is not None:
        raise ParameterError('soft_budget and budget_id cannot be used together: LiteLLM gives a key with soft_budget '
                             'a budget of its own, ignoring budget_id')
    if params.get('key_type') not in (None, 'default') and params.get('allowed_routes') is not None:
        raise ParameterError('allowed_routes cannot be used with key_type %s: LiteLLM sets the routes of that key '
                             'type itself' % params['key_type'])


def check_model_limits(name, limits):
    """Per-model limits: whole numbers of 0 or more (keys would store anything, teams refuse non-integers)."""
    for model, limit in (limits or {}).items():
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
            raise ParameterError('%s[%s] must be a whole number of 0 or more; got %r' % (name, model, limit))


# -- reads: each setting where the proxy keeps it, lifted to the top level of the record --

def lift(record, kind):
    """`record` (a /key/info, /key/list, /team/info or /v2/team/list entry) with every setting at its own name."""
    if not isinstance(record, dict):
        return record
    record = dict(record)
    metadata = record.get('metadata') if isinstance(record.get('metadata'), dict) else {}
    for name in in_metadata(kind):
        record[name] = metadata.get(name)
    record['object_permission'] = permission_lists(record.get('object_permission'))
    if kind == 'key':
        _lift_key(record)
    else:
        _lift_team(record)
    return record


def as_created(answer, body, kind):
    """A create answer (/team/new, /key/generate) as a record, each setting the create sent at its own name:
    LiteLLM stores them as sent, but its answer does not show them all where it keeps them."""
    record = lift(answer, kind)
    record.update((name, body[name]) for name in fields(kind) if name in body)
    return record


def _lift_key(record):
    budget = record.get('litellm_budget_table')
    if isinstance(budget, dict):
        record['soft_budget'] = budget.get('soft_budget')
    if 'org_id' in record and 'organization_id' not in record:
        record['organization_id'] = record['org_id']  # /key/list names it org_id
    record['key_type'] = record.get('key_type') or 'default'
    for name in ('team_id', 'user_id', 'budget_id', 'organization_id'):
        if record.get(name) == '':
            record[name] = None  # LiteLLM stores an empty user_id as sent: no user


def _lift_team(record):
    models = record.get('litellm_model_table')
    if 'model_aliases' not in record or isinstance(models, dict):
        record['model_aliases'] = (models or {}).get('model_aliases') if isinstance(models, dict) else {}
    budget = record.get('team_member_budget_table')
    if isinstance(budget, dict) or 'team_member_budget_table' in record:
        budget = budget or {}
        record['team_member_budget'] = budget.get('max_budget')
        record['team_member_budget_duration'] = budget.get('budget_duration')
        record['team_member_rpm_limit'] = budget.get('rpm_limit')
        record['team_member_tpm_limit'] = budget.get('tpm_limit')


def permission_lists(permission):
    """An object permission's list fields, as stored (its id, relations and unset entries left out)."""
    if not isinstance(permission, dict):
        return {}
    return dict((name, permission[name]) for name in PERMISSION_LISTS if permission.get(name))


def needs_team_info(params):
    """Settings /v2/team/list does not show (it answers object_permission null and no member budget table)."""
    return any(params.get(name) is not None for name in (
        'object_permission', 'team_member_budget', 'team_member_budget_duration', 'team_member_rpm_limit',
        'team_member_tpm_limit')) or any(name.startswith('team_member_') for name in params.get('unlimited') or ())


# -- what the task asks for --

def wanted_permission(current, asked):
    """The object permission after the task: the current lists with the asked ones over them (LiteLLM merges per
    field; an empty list clears one)."""
    merged = dict(permission_lists(current))
    merged.update(dict((name, value) for name, value in (asked or {}).items() if value is not None))
    return merged


def fold_into_metadata(wanted, kind):
    """When metadata is sent, it carries the asked metadata-backed settings too (the top-level value wins anyway,
    but the diff and the compare must show the metadata as it will be stored)."""
    if isinstance(wanted.get('metadata'), dict):
        for name in in_metadata(kind):
            if name in wanted:
                wanted['metadata'][name] = wanted[name]
    return wanted


def request_body(body):
    """A create or update body as LiteLLM takes it: an empty team_id, user_id, budget_id or organization_id means
    none and is sent as null (LiteLLM ignores an empty team_id on /key/update)."""
    body = dict(body)
    for name in ('team_id', 'user_id', 'budget_id', 'organization_id'):
        if body.get(name) == '':
            body[name] = None
    return body


def rotation_pair(body, params):
    """LiteLLM recomputes the rotation date only when auto_rotate and rotation_interval come together."""
    if params.get('auto_rotate') and ('auto_rotate' in body or 'rotation_interval' in body):
        body['auto_rotate'] = True
        body['rotation_interval'] = params['rotation_interval']
    return body


# -- the licence --

LICENCE_MESSAGE = ('%s need%s a LiteLLM Enterprise licence, and the proxy has none (/health/license: %s); set it '
                   'to an empty value or leave it out. Nothing was changed')


def unlicensed(fields, kind):
    """The Enterprise-only settings among `fields` (a create body or an update) that a write would set."""
    return sorted(name for name in enterprise(kind) if fields.get(name))


def check_licence(ctx, fields, kind):
    """Fail before any write when the task sets an Enterprise-only setting on a proxy without the licence.

    /health/license tells (read once per run); a proxy that does not answer it is left to refuse the write."""
    names = unlicensed(fields, kind)
    if not names:
        return
    kind_of_licence = ctx.licence_type()
    if kind_of_licence and kind_of_licence != 'enterprise':
        raise LiteLLMError(LICENCE_MESSAGE % (', '.join(sorted(names)), '' if len(names) > 1 else 's',
                                              kind_of_licence))


# -- the proxy's version --

VERSION_MESSAGE = '%s. Leave %s out of the task or upgrade the proxy. Nothing was changed'


def _member_duration_kept(fields):
    """A team_member_budget_duration the 1.80 line keeps all the same: the member budget its /team/new makes (for a
    member budget or limit in the same write) takes the team's budget_duration (measured on 1.80.17), so a write of
    both, equal, keeps it. litellm_export of a 1.80 proxy gives such teams."""
    member_limits = ('team_member_budget', 'team_member_rpm_limit', 'team_member_tpm_limit')
    if fields.get('team_member_budget_duration') != fields.get('budget_duration'):
        return False
    return any(fields.get(n) is not None for n in member_limits)


# option -> fields -> True when a write of `fields` keeps the option on a version VERSION_LIMITS names all the same
KEPT_ALL_THE_SAME = {'team_member_budget_duration': _member_duration_kept}


def version_limits(fields, kind):
    """(option, Capability) for each VERSION_LIMITS entry that a write of `fields` would set on a `kind`."""
    found = []
    for name, entries in sorted(VERSION_LIMITS.items()):
        for entry in entries if isinstance(entries, list) else [entries]:
            if kind in entry.objects and entry.sets(value_at(fields, name)):
                if name in KEPT_ALL_THE_SAME and KEPT_ALL_THE_SAME[name](fields):
                    continue
                found.append((name, entry))
    return found


def value_at(fields, dotted):
    """fields['a']['b'] for 'a.b'; None where any part is missing."""
    value = fields
    for part in dotted.split('.'):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def check_version(ctx, fields, kind):
    """Fail before any write (check mode too) when a write of `fields` would set, on the detected LiteLLM version, a
    setting that version cannot keep (VERSION_LIMITS). The version is read only when such a setting is written."""
    limits = version_limits(fields, kind)
    refused = [(name, entry) for name, entry in limits if ctx.proxy.older_than(entry.minimum)]
    if refused:
        names = [name for name, entry in refused]
        reasons = '; '.join('%s %s needs LiteLLM %s or later: %s' % (kind, name, _dotted(entry.minimum), entry.reason)
                            for name, entry in refused)
        what = '%s cannot keep %s (%s)' % (ctx.proxy.describe(), ', '.join(names), reasons)
        raise LiteLLMError(VERSION_MESSAGE % (what, ', '.join(names)))


def _dotted(version):
    return '.'.join(str(part) for part in version)


# -- MCP servers named in object_permission --

NO_MCP_SERVERS = 'no-mcp-servers'  # LiteLLM's own entry: no MCP server at all
MISSING_MCP_MESSAGE = ('object_permission.mcp_servers names MCP servers that do not exist: %s. LiteLLM would drop '
                       'them silently (and the task would report a change on every run); create them first '
                       '(berriai.litellm.litellm_mcp_server) or correct the ids. Nothing was changed')


def check_mcp_servers(ctx, client, fields, params):
    """Fail before any write when a write would set MCP servers the proxy does not have.

    Only the servers the task names are checked, each once per run (the run cache's mcp_servers): by
    id (GET /v1/mcp/server/<id>, 404 = none), then by alias or name, as LiteLLM matches them, in one list read."""
    if 'object_permission' not in fields:
        return
    asked = ((params.get('object_permission') or {}).get('mcp_servers') or [])
    seen = ctx.cache.mcp_servers
    unread = [name for name in asked if name != NO_MCP_SERVERS and name not in seen]
    unknown = [name for name in unread if client.get('/v1/mcp/server/%s' % quote(name, safe=''), missing_ok=True) is None]
    if unknown:
        servers = client.get('/v1/mcp/server') or []
        named = set(server.get(field) for server in servers if isinstance(server, dict)
                    for field in ('server_id', 'alias', 'server_name'))
        unknown = [name for name in unknown if name not in named]
    if unknown:
        raise LiteLLMError(MISSING_MCP_MESSAGE % ', '.join(sorted(set(unknown))))
    seen.update(asked)


def explain_refusal(exc, fields, kind):
    """The proxy's own licence refusal, reworded to name the options (its /team/update answer names none)."""
    text = str(exc.proxy_message or exc.message or '')
    names = unlicensed(fields, kind)
    if names and ('Enterprise' in text or 'enterprise' in text or 'Organization' in text):
        return LiteLLMError('%s: refused by the proxy, which needs a LiteLLM Enterprise licence for it (%s). '
                            'Nothing was changed' % (', '.join(sorted(names)), text), status=exc.status)
    return exc


# -- results --

_UNSET = (None, [], {}, False)


def trimmed(view, kind):
    """A result or diff view without the settings of this catalogue that are unset (most objects have none)."""
    names = fields(kind)
    return dict((name, value) for name, value in view.items()
                if name not in names or (value not in _UNSET and not (name == 'key_type' and value == 'default')))


def trimmed_diff(before, after, managed, kind):
    shown = compare.diff(before, after, managed)
    return dict((side, trimmed(view, kind)) for side, view in shown.items())


class WithSettings(object):
    """What a Reconciler of an object carrying LiteLLM's settings (keys, teams) adds: the settings it asks for in
    the form they are sent, and the checks before any write. Mixed in before Reconciler; `settings_kind` names
    the object in the catalogue."""

    settings_kind = None

    def wanted(self, current):
        wanted = super(WithSettings, self).wanted(current)
        if 'object_permission' in wanted:
            wanted['object_permission'] = wanted_permission((current or {}).get('object_permission'),
                                                            wanted['object_permission'])
        return fold_into_metadata(wanted, self.settings_kind)

    def check_write(self, fields):
        check_licence(self.ctx, fields, self.settings_kind)
        check_mcp_servers(self.ctx, self.client, fields, self.params)
