# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Runs a module's logic, either inside AnsibleModule (run_module) or anywhere else (execute).

The logic of every module is a function `logic(ctx, params) -> result dict` that raises ParameterError or
LiteLLMError. `execute` turns those into a failed result, so the module and the controller fast path
(plugins/plugin_utils/_fast_path.py) report the same thing in the same words.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.berriai.litellm.plugins.module_utils._api import (
    HAS_REQUESTS, REQUESTS_IMPORT_ERROR, LiteLLMClient, LiteLLMError, ParameterError, ProxyVersion, scrub)
from ansible_collections.berriai.litellm.plugins.module_utils._secrets import recognised as recognised_secrets, refuse_unresolved
from ansible_collections.berriai.litellm.plugins.module_utils._records import Listing


class RunCache(object):
    """What a run reads once and reuses, by name. The fast path shares one per proxy and credential across the
    items of a loop (a team looked up once per run, not per item), and litellm_keys across its items."""

    def __init__(self):
        self.team_ids = {}         # team alias -> team id
        self.teams = set()         # team ids the proxy was seen to have
        self.mcp_servers = set()   # MCP server ids, aliases or names the proxy was seen to have
        self.licence = None        # /health/license's license_type ('' when the proxy does not tell)
        # team id -> its members as /team/info told (_team_member.py): a loop of litellm_team_member reads each
        # team once; a membership write drops its team
        self.rosters = {}
        self.listings = {}         # kind -> its Listing for the items of a loop (_records.Listing)

    def listing(self, kind):
        """The Listing the items of a loop over objects of `kind` share."""
        if kind not in self.listings:
            self.listings[kind] = Listing()
        return self.listings[kind]

    def licence_type(self, client):
        """The proxy's licence type ('enterprise', 'community'...) or None when it does not tell (no such
        endpoint, an answer that is not an object): /health/license read once per run."""
        if self.licence is None:
            answer = client.get('/health/license', missing_ok=True)
            self.licence = str((answer.get('license_type') if isinstance(answer, dict) else None) or '')
        return self.licence or None


class Context(object):
    """What a module's logic may use: the client, check and diff mode, the run's cache (RunCache), warnings, and
    the proxy's LiteLLM version (ctx.proxy.version, read once when first asked)."""

    def __init__(self, client, check_mode=False, diff_mode=False, cache=None, proxy=None):
        self.client = client
        self._proxy = proxy
        self.check_mode = check_mode
        self.diff_mode = diff_mode
        self.cache = RunCache() if cache is None else cache
        self.warnings = []

    @property
    def team_ids(self):
        """Team alias -> id for the run (the run cache's)."""
        return self.cache.team_ids

    def licence_type(self):
        """The proxy's licence type, or None when it does not tell (read once per run)."""
        return self.cache.licence_type(self.client)

    def warn(self, message):
        self.warnings.append(message)

    def item(self):
        """A context for one item of a bulk run: the same client, modes, cache and version, its own warnings."""
        return Context(self.client, self.check_mode, self.diff_mode, self.cache, self.proxy)

    @property
    def proxy(self):
        """The proxy's version, read at most once per run and only when something asks (ProxyVersion):
        ctx.proxy.version is a tuple such as (1, 80, 17) or None, ctx.proxy.text '1.80.17' or 'unknown'."""
        if self._proxy is None:
            self._proxy = ProxyVersion(self.client)
        return self._proxy

    @property
    def writes(self):
        """Writes that took effect (or may have: their answer was lost). Refused ones do not count."""
        if self.client is None:
            return 0
        return self.client.applied_writes


def execute(logic, params, check_mode=False, diff_mode=False, client=None, session=None, cache=None):
    """Run `logic` and return its result, warnings included. A failure is a result with failed=True and a clear msg.

    The client is `client` when given (tests), else built here from the connection options over `session`.
    """
    ctx = Context(client, check_mode, diff_mode, cache)
    try:
        refuse_unresolved(params)
        if ctx.client is None:
            ctx.client = LiteLLMClient.from_params(params, session=session)
        result = logic(ctx, params)
    except ParameterError as exc:
        result = {'failed': True, 'changed': False, 'msg': scrub(str(exc), [params.get('api_key')])}
    except LiteLLMError as exc:
        # A failure after a write has changed something: say so rather than hide it.
        # A write the proxy did not keep (NotKept) brings the result of what it holds.
        result = dict(getattr(exc, 'result', None) or {})
        result.update(failed=True, changed=ctx.writes > 0, msg=scrub(exc.message, [params.get('api_key')]))
        if exc.status is not None:
            result['status'] = exc.status
    result['warnings'] = [scrub(w, [params.get('api_key')]) for w in ctx.warnings]
    if ctx.client is not None:
        result['http_requests'] = dict(ctx.client.counts)
    return result


def run_module(definition, logic):
    """The whole of a module's main(): build AnsibleModule from `definition`, run `logic`, exit."""
    from ansible.module_utils.basic import AnsibleModule, missing_required_lib

    module = AnsibleModule(**definition)
    module.no_log_values.update(recognised_secrets(module.params))
    if not HAS_REQUESTS:
        module.fail_json(msg=missing_required_lib('requests'), exception=REQUESTS_IMPORT_ERROR)
    result = execute(logic, module.params, check_mode=module.check_mode, diff_mode=module._diff)
    for warning in result.pop('warnings'):
        module.warn(warning)
    if result.get('failed'):
        result.pop('failed')
        module.fail_json(**result)
    module.exit_json(**result)
