# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""litellm_mcp_server's logic on the converge cycle (_reconciler.Reconciler), and litellm_mcp_server_info's.

An MCP server is found by its server_id (the caller may choose it) or by its server_name, which the proxy keeps
unique case-insensitively (with aliases). Its credentials are write-only: the proxy never returns them, so they
are sent when the server is created, or on every run with update_secrets=always. An unreachable url is accepted
by the proxy and reported unhealthy on read: the result carries that health and the run warns.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.berriai.litellm.plugins.module_utils import _owner as owner
from ansible_collections.berriai.litellm.plugins.module_utils._api import ParameterError
from ansible_collections.berriai.litellm.plugins.module_utils import _compare as compare
from ansible_collections.berriai.litellm.plugins.module_utils._declaration import Declaration, Option
from ansible_collections.berriai.litellm.plugins.module_utils._reconciler import Reconciler
from ansible_collections.berriai.litellm.plugins.module_utils._records import Records

SERVER_PATH = '/v1/mcp/server'

# litellm_mcp_server's options (plugins/modules/litellm_mcp_server.py documents them): argspec, compared fields
# ('exact': as given, order kept), result view and export shape.
MCP_SERVER = Declaration(
    'MCP server', 'mcp_servers', 'berriai.litellm.litellm_mcp_server', identity=['server_id', 'server_name'], options=[
        Option('server_id', dict(type='str')),
        Option('server_name', dict(type='str'), 'str'),
        Option('alias', dict(type='str'), 'str'),
        Option('description', dict(type='str'), 'str'),
        Option('url', dict(type='str'), 'str'),
        Option('transport', dict(type='str', choices=['sse', 'http', 'stdio']), 'str'),
        Option('auth_type', dict(type='str'), 'str'),
        # write-only: sent, never read back (the proxy answers null or a few non-secret entries)
        Option('credentials', dict(type='dict', no_log=True), export='named by reference: credentials_from'),
        Option('mcp_access_groups', dict(type='list', elements='str'), 'list'),
        Option('allowed_tools', dict(type='list', elements='str'), 'list'),
        Option('extra_headers', dict(type='list', elements='str'), 'list'),
        Option('static_headers', dict(type='dict'), 'dict'),
        Option('tool_name_to_display_name', dict(type='dict'), 'dict'),
        Option('tool_name_to_description', dict(type='dict'), 'dict'),
        Option('instructions', dict(type='str'), 'str'),
        Option('spec_path', dict(type='str'), 'str'),
        Option('command', dict(type='str'), 'str'),
        Option('args', dict(type='list', elements='str'), 'exact'),
        Option('env', dict(type='dict'), 'dict'),
        Option('allow_all_keys', dict(type='bool'), 'bool'),
        Option('available_on_public_internet', dict(type='bool'), 'bool'),
        # named otherwise than the proxy's field, because the name is taken: `timeout` is the connection's
        Option('server_timeout', dict(type='float'), 'float', field='timeout'),
        Option('max_concurrent_requests', dict(type='int'), 'int'),
        Option('rpm', dict(type='int'), 'int'),
        Option('extra_settings', dict(type='dict'), export="the proxy's fields the module does not declare"),
    ], references='credentials_from')
MCP_SERVER_FIELDS = MCP_SERVER.fields
SECRET_FIELDS = ('credentials',)
# Fields of the proxy's record that extra_settings may not set: the managed options, the identity, what the
# proxy sets itself.
NOT_EXTRA = frozenset(list(MCP_SERVER_FIELDS) + list(SECRET_FIELDS) + [
    'server_id', 'status', 'health_check_error', 'last_health_check', 'created_at', 'updated_at', 'created_by',
    'updated_by', 'approval_status', 'submitted_by', 'submitted_at', 'teams', 'mcp_info'])
# LiteLLM separates a server's name from its tools' names with this (MCP_TOOL_PREFIX_SEPARATOR's default) and
# refuses a server name or alias that holds it.
NAME_SEPARATOR = '-'
# What LiteLLM stores for a field the create leaves out (the alias: the name, see stored_alias).
CREATE_DEFAULTS = {'transport': 'sse', 'args': [], 'env': {}, 'available_on_public_internet': True}
# LiteLLM 1.80.17 has no available_on_public_internet field (it reads as false); 1.108.7 has it (default true).
PUBLIC_FIELD_SINCE = (1, 81)
# Read-only facts litellm_mcp_server_info returns beside the options.
MCP_SERVER_FACTS = ('created_at', 'updated_at', 'created_by', 'updated_by')


def health_of(record):
    """The server's health as the proxy reports it on read (status: healthy, unhealthy, unknown...)."""
    record = record or {}
    return {'status': record.get('status'), 'error': record.get('health_check_error'),
            'checked_at': record.get('last_health_check')}


def mcp_server_result(record, extra=None):
    """The managed fields of a record (never its credentials), with its server_id; `extra`: the extra settings'
    fields (name -> compare kind) the task manages."""
    if record is None:
        return {}
    result = MCP_SERVER.result(record, ['server_id'])
    result.update(compare.view(record, extra or {}))
    return result


def stored_alias(alias):
    """The alias as LiteLLM stores it: spaces as underscores."""
    return alias.replace(' ', '_') if alias else alias


def same_name(record, name):
    return bool(name) and str(record.get('server_name') or '').lower() == name.lower()


class McpServerRecords(Records):

    def get(self, server_id):
        return self.client.get('%s/%s' % (SERVER_PATH, server_id), missing_ok=True)

    def all(self):
        """Every MCP server (the list is not paged)."""
        body = self.client.get(SERVER_PATH)
        return [s for s in (body if isinstance(body, list) else []) if isinstance(s, dict)]

    def health(self, server_ids):
        """server_id -> health status, for many servers in one request (the list reads carry none)."""
        body = self.client.get(SERVER_PATH + '/health', params={'server_ids': list(server_ids)})
        return dict((entry.get('server_id'), entry.get('status')) for entry in body or [] if isinstance(entry, dict))

    def with_name(self, name):
        """The servers called `name`, compared as the proxy keeps names unique: case-insensitively."""
        return [s for s in self.all() if same_name(s, name)]


def validate_mcp_server_params(params):
    compare.check_not_empty(params, ['server_id', 'server_name', 'alias', 'url'])
    for option in ('server_name', 'alias'):
        if NAME_SEPARATOR in (params.get(option) or ''):
            raise ParameterError("%s must not contain '%s' (LiteLLM puts it between a server's name and its tools' "
                                 "names, and refuses it): use '_' instead; got %r"
                                 % (option, NAME_SEPARATOR, params[option]))
    compare.check_not_negative(params, ['server_timeout', 'max_concurrent_requests', 'rpm'])
    compare.check_finite(params, ['server_timeout'])
    clashing = sorted(set(params.get('extra_settings') or {}) & NOT_EXTRA)
    if clashing:
        raise ParameterError('extra_settings may not set %s: use the options of the same name (or none, for '
                             'what the proxy sets itself)' % ', '.join(clashing))
    if params.get('credentials') is not None and not isinstance(params['credentials'], dict):
        raise ParameterError('credentials must be a dictionary such as {auth_value: ...}')


class McpServerReconciler(Reconciler):
    kind = 'MCP server'
    view_fields = MCP_SERVER_FIELDS
    id_field = 'server_id'
    reads_after_write = True  # apply_create/apply_update read the server back
    records_class = McpServerRecords

    def __init__(self, ctx, params, records=None):
        super(McpServerReconciler, self).__init__(ctx, params, records)
        # (a clashing extra setting is refused by validate(), naming extra_settings)
        self.extra = dict((name, 'exact') for name in (params.get('extra_settings') or {}) if name not in NOT_EXTRA)
        # credentials compare against what the proxy shows (null): sent whenever they are wanted
        self.fields = dict(MCP_SERVER_FIELDS, credentials='exact', **self.extra)
        self.view_fields = dict(MCP_SERVER_FIELDS, **self.extra)

    def validate(self):
        validate_mcp_server_params(self.params)

    def label(self):
        return repr(self.params.get('server_name') or self.params.get('server_id'))

    def look_up(self):
        server_id = self.params.get('server_id')
        name = self.params.get('server_name')
        if server_id:
            current = self.records.get(server_id)
            if current is None and name and self.params['state'] == 'present':
                self.refuse_name_held_elsewhere(name, server_id)
            return current
        named = self.records.with_name(name)
        # Read it by id: only that read checks its health.
        return self.records.get(named[0]['server_id']) if named else None

    def refuse_name_held_elsewhere(self, name, server_id):
        # The proxy would refuse the create; an MCP server cannot be recreated without its write-only credentials.
        for held in self.records.with_name(name):
            raise ParameterError('no MCP server has server_id %r, and %r already has the server_name %r (the proxy '
                                 'keeps names unique): give server_id %r to manage it, or delete it first'
                                 % (server_id, held.get('server_id'), held.get('server_name'), held.get('server_id')))

    def wanted(self, current):
        wanted = MCP_SERVER.requested(self.params)
        if 'alias' in wanted:
            wanted['alias'] = stored_alias(wanted['alias'])
        if current is not None and not self.params.get('server_id'):
            # Found by this name, ignoring case: the same name, not a rename (server_id and server_name rename).
            wanted.pop('server_name', None)
        wanted.update(self.params.get('extra_settings') or {})
        if self.params.get('credentials') is not None:
            wanted['credentials'] = self.params['credentials']
        if current is not None and self.params.get('update_secrets') != 'always':
            wanted.pop('credentials', None)
        if current is not None and 'alias' not in wanted and compare.changes(current, wanted, self.fields):
            # Every update sends the whole record (see update_body), and LiteLLM sets an empty alias to the name:
            # an alias that was the name (or none) follows the name; another one is kept.
            name = current.get('server_name')
            if not current.get('alias') or current.get('alias') == stored_alias(name):
                wanted['alias'] = stored_alias(wanted.get('server_name', name))
        return wanted

    def create_body(self, base=None):
        body = super(McpServerReconciler, self).create_body(base)
        if self.params.get('server_id'):
            body['server_id'] = self.params['server_id']
        return owner.mark(body, 'mcp_info')

    def predicted(self, body):
        """What LiteLLM stores for `body`: its defaults for what the create leaves out."""
        record = dict(CREATE_DEFAULTS)
        record.update(body)
        if 'available_on_public_internet' not in body:
            record['available_on_public_internet'] = self.public_by_default()
        record['alias'] = stored_alias(body.get('alias') or body.get('server_name'))
        record.setdefault('server_id', None)
        return record

    def public_by_default(self):
        """Whether the proxy makes a new server available on the public internet when the task does not say."""
        if self.ctx.proxy.older_than(PUBLIC_FIELD_SINCE):
            return False
        return CREATE_DEFAULTS['available_on_public_internet']

    def apply_create(self, body):
        created = self.client.post(SERVER_PATH, body)
        # The create answer carries no health yet: read the server as the proxy reports it.
        return self.records.get(created['server_id']) or created

    def created_meanwhile(self, error, body):
        if error.status == 400 and body.get('server_id'):
            return self.records.get(body['server_id'])
        return None

    def update_body(self, current, updates):
        """The whole record: LiteLLM 1.80 replaces it with the PUT's (a field left out is reset: the alias to null,
        the transport to sse...). Every field the server has that this task may write, the updates over them;
        the credentials only when they are sent (they read as null)."""
        body = dict((name, current[name]) for name in self.fields if name in current and name != 'credentials')
        body.update(updates)
        body['server_id'] = current['server_id']
        return body

    def apply_update(self, current, updates):
        self.client.put(SERVER_PATH, self.update_body(current, updates))
        return self.records.get(current['server_id']) or compare.planned(current, updates)

    def apply_delete(self, record):
        self.client.delete('%s/%s' % (SERVER_PATH, record['server_id']), missing_ok=True)

    def result_fields(self, before, after):
        server = mcp_server_result(after, self.extra)
        health = health_of(after)
        if after is not None and health['status'] == 'unhealthy':
            self.ctx.warn('MCP server %s is unhealthy: %s' % (self.label(), health['error'] or 'no reason given'))
        return {
            'mcp_server': server,
            'server_id': server.get('server_id') or (before or {}).get('server_id') or self.params.get('server_id'),
            'health': health if 'status' in (after or {}) else {},  # none for an absent or predicted server
        }


def run_mcp_server(ctx, params):
    return McpServerReconciler(ctx, params).run()


# -- litellm_mcp_server_info --

def mcp_server_info_record(record):
    server = mcp_server_result(record)
    server['health'] = health_of(record)
    server.update((name, record.get(name)) for name in MCP_SERVER_FACTS)
    return server


def run_mcp_server_info(ctx, params):
    compare.check_not_empty(params, ['server_id', 'server_name'])
    records = McpServerRecords(ctx.client)
    if params.get('server_id'):
        found = [s for s in [records.get(params['server_id'])] if s is not None]
        scope = 'with server_id %r' % params['server_id']
    elif params.get('server_name'):
        found = records.with_name(params['server_name'])
        scope = 'called %r' % params['server_name']
    else:
        found = records.all()
        scope = 'in the proxy'
    unchecked = [r['server_id'] for r in found if r.get('status') is None]
    if unchecked:
        statuses = records.health(unchecked)
        found = [dict(r, status=statuses.get(r['server_id'])) if r['server_id'] in unchecked else r for r in found]
    servers = sorted((mcp_server_info_record(r) for r in found),
                     key=lambda s: (s.get('server_name') or '', s.get('server_id') or ''))
    return {'changed': False, 'msg': '%d MCP server(s) %s' % (len(servers), scope), 'mcp_servers': servers}
