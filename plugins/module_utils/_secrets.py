# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Write-only values (a credential's secret values, a model's api_key): how they are compared, sent and shown.

LiteLLM never reads a secret back as it was written (it masks it or leaves it out), so a secret is sent only
when a run decides to (on create, or with update_secrets=always), and results show it as MASK.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.berriai.litellm.plugins.module_utils._api import ParameterError, scrub, secret_looking_values


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

# LiteLLM's sensitive-name rule for a model's litellm_params (litellm_core_utils/sensitive_data_masker.py): a name
# with one of these segments is a secret (left out of reads, or masked), unless a segment is "cost".
SECRET_SEGMENTS = frozenset(('password', 'secret', 'key', 'token', 'auth', 'authorization', 'cookie', 'credential',
                             'credentials', 'access', 'private', 'certificate', 'fingerprint', 'tenancy'))
PLAIN_PARAMS = frozenset(('litellm_credential_name',))  # read back as it is


def is_secret_param(name):
    """Whether LiteLLM treats a parameter called `name` as a secret (_model's write-only parameters)."""
    if name in PLAIN_PARAMS:
        return False
    segments = str(name).lower().replace('-', '_').split('_')
    return 'cost' not in segments and any(segment in SECRET_SEGMENTS for segment in segments)


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


# -- secrets named by reference --

# Options that name secrets by reference, and the option each fills: an entry name of a variable (by default
# litellm_secrets, a vaulted one), resolved on the controller by the module's action plugin before the module
# runs (plugins/plugin_utils/_fast_path.py), so that a task's arguments, a loop item among them, never hold the
# secret itself. A dict option names one entry per name (secret_params_from: {api_key: models/gpt/api_key});
# a string option names the whole value (credentials_from: mcp_servers/github/credentials).
REFERENCES = {
    'secret_params_from': 'secret_params',
    'credential_values_from': 'credential_values',
    'credentials_from': 'credentials',
}
SECRETS_VARIABLE = 'litellm_secrets'
# The options of a module that takes references (beside the reference option itself, documented per module).
REFERENCE_ARGSPEC = dict(secrets_variable=dict(type='str', default=SECRETS_VARIABLE, no_log=False))


def reference_argspec(option):
    """The argspec of a module's reference option and of secrets_variable."""
    kind = dict(type='str') if option == 'credentials_from' else dict(type='dict')
    return dict(REFERENCE_ARGSPEC, **{option: dict(kind, no_log=False)})


def resolve_references(args, lookup):
    """`args` with each reference option replaced by the secrets it names (into the option it fills).

    lookup(variable) returns the variable's value, or None when it is not defined. Fails (ParameterError) naming
    the option and the entry, never a value: an undefined variable, a missing entry, an option set both ways."""
    asked = [option for option in sorted(REFERENCES) if args.get(option) is not None]
    if not asked:
        return args
    args = dict(args)
    variable = args.get('secrets_variable') or SECRETS_VARIABLE
    store = lookup(variable)
    if not isinstance(store, dict):
        raise ParameterError('%s names entries of the variable %s, which is %s: define it (with ansible-vault) or '
                             'name another one in secrets_variable' % (
                                 asked[0], variable, 'not defined' if store is None else 'not a dictionary'))
    for option in asked:
        target = REFERENCES[option]
        names = args.pop(option)
        if isinstance(names, dict):
            filled = dict(args.get(target) or {})
            for name in sorted(names):
                if name in filled:
                    raise ParameterError('%s.%s is also set in %s: choose one' % (option, name, target))
                filled[name] = _entry(store, names[name], '%s.%s' % (option, name), variable)
            args[target] = filled
        else:
            if args.get(target) is not None:
                raise ParameterError('%s and %s are both set: choose one' % (option, target))
            args[target] = _entry(store, names, option, variable)
    return args


def _entry(store, name, option, variable):
    if not isinstance(name, str) or name not in store:
        raise ParameterError('%s: the variable %s has no entry %r' % (option, variable, name))
    return plain(store[name])


def plain(value):
    """A resolved secret as plain data: vaulted strings decrypted (str()), containers copied."""
    if isinstance(value, dict):
        return dict((str(k), plain(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if value is None or isinstance(value, (bool, int, float)):
        return value
    return str(value)


def refuse_unresolved(params):
    """A reference option reaching a module's logic was not resolved (the action plugin resolves them)."""
    for option in sorted(REFERENCES):
        if params.get(option) is not None:
            raise ParameterError('%s is resolved on the controller by the action plugin of this module, from the '
                                 'variable named in secrets_variable; it cannot be used without it' % option)
