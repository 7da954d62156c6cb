# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Write-only values (a credential's secret values, a model's api_key): how they are compared, sent and shown.

LiteLLM never reads a secret back as it was written (it masks it or leaves it out), so a secret is sent only
when a run decides to (on create, or with update_secrets=always), and results show it as MASK.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.berriai.litellm.plugins.module_utils._api import scrub, secret_looking_values


# How results and diffs show a secret: the proxy's masked (or missing) value reads as MASK, and a secret this
# run sends (or would send) as SENT_SECRET, so that a secret to send always differs from the one held.
MASK = '********'
SENT_SECRET = '******** (sent)'


def masked(values, is_secret):
    """`values` with every secret one shown as MASK: what a result or a diff may hold."""
    return dict((name, MASK if is_secret(name) else value) for name, value in (values or {}).items())


def merged_over(current, asked, is_secret, sent):
    """What to compare with `current`: the plain values of `asked` over it, and SENT_SECRET for each secret
    named in `sent` (secrets cannot be read back, so only those the run sends count)."""
    merged = dict(current or {})
    for name, value in (asked or {}).items():
        if not is_secret(name):
            merged[name] = value
        elif name in sent:
            merged[name] = SENT_SECRET
    return merged


def to_send(current, asked, is_secret, sent):
    """The entries of `asked` a partial update sends: plain values that differ from `current`, secrets in `sent`."""
    current = current or {}
    return dict((name, value) for name, value in (asked or {}).items()
                if (name in sent if is_secret(name) else current.get(name) != value))


def scrub_error(error, secrets):
    """`error` (a LiteLLMError) with every given secret masked in its texts: proxies echo request bodies."""
    words = [str(secret) for secret in secrets if secret not in (None, '') and len(str(secret)) > 2]
    error.message = scrub(error.message, words)
    error.proxy_message = scrub(error.proxy_message, words)
    error.args = (error.message,)
    return error


# -- what output must never show --

# The options whose whole value is a secret (no_log in their module's argspec too), whatever their entries are named.
SECRET_OPTIONS = ('api_key', 'key', 'secret_params', 'credential_values', 'credentials')
# Options that name secrets (references to entries of a variable), never hold them.
REFERENCE_SUFFIX = '_from'
# Entries named like a secret by LiteLLM's rule that hold none: names of groups, aliases, types, references.
NOT_SECRETS = frozenset(('access_groups', 'mcp_access_groups', 'agent_access_groups', 'key_alias', 'key_name',
                         'key_type', 'auth_type', 'token_type', 'litellm_credential_name', 'credential_name',
                         'team_member_key_duration', 'max_tokens', 'token_count'))
# Shorter strings are not secrets, and censoring them would garble the output (Ansible replaces every occurrence).
SHORTEST_SECRET = 4


def recognised(params):
    """Every value in a task's arguments that the collection recognises as a secret, wherever it was given:
    sk-... strings at any depth, the values of the secret options, and every string under an entry that
    LiteLLM's own rule names a secret (api_key, aws_secret_access_key, vertex_credentials, Authorization,
    GITHUB_TOKEN... inside litellm_params, model_info, metadata, headers, env, extra_settings...).

    Added to the no_log values of both paths (plugin_utils/_fast_path.py and _runner.run_module), so that
    invocation.module_args, msg, diff and warnings never show them, in check mode and on failure too: a secret
    given in a wrong option is refused, and must not be printed by the refusal."""
    # Imported here: _model imports this module.
    from ansible_collections.berriai.litellm.plugins.module_utils._model import is_secret_param

    def named_secret(name):
        return str(name) not in NOT_SECRETS and is_secret_param(name)

    found = set(secret_looking_values(params))
    for option, value in (params or {}).items():
        if str(option).endswith(REFERENCE_SUFFIX):
            continue
        if option == 'keys' and isinstance(value, list):
            # litellm_keys: each item is the options of one key
            found.update(*[recognised(item) for item in value if isinstance(item, dict)])
        elif option in SECRET_OPTIONS:
            found.update(_strings(value))
        elif isinstance(value, (dict, list, tuple)):
            found.update(_under_secret_names(value, named_secret))
    return set(value for value in found if len(value) >= SHORTEST_SECRET)


def _strings(value):
    """Every string in `value`, at any depth (numbers too: a secret given as a number is still printed)."""
    if isinstance(value, dict):
        return set().union(*[_strings(item) for item in value.values()]) if value else set()
    if isinstance(value, (list, tuple)):
        return set().union(*[_strings(item) for item in value]) if value else set()
    if isinstance(value, bool) or value is None:
        return set()
    return set([str(value)])


def _under_secret_names(value, named_secret):
    """The strings under an entry of `value` (any depth) whose name is a secret's; a list of
    {name: ..., value: ...} pairs (headers) counts by its name."""
    found = set()
    if isinstance(value, dict):
        label = value.get('name') if isinstance(value.get('name'), str) else None
        for name, item in value.items():
            if named_secret(name) or (label and name == 'value' and named_secret(label)):
                found.update(_strings(item))
            elif isinstance(item, (dict, list, tuple)):
                found.update(_under_secret_names(item, named_secret))
    elif isinstance(value, (list, tuple)):
        for item in value:
            found.update(_under_secret_names(item, named_secret))
    return found
