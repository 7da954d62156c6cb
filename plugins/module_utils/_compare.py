# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The one compare/normalise helper: what the task asks for against what the proxy holds.

Idempotency lives or dies here, so both sides go through the same normalise() and the rules are unit-tested
directly: lists compare as sets, numbers as numbers, a never-set boolean as false, metadata merged or purged.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy
import math
import re

from ansible_collections.berriai.litellm.plugins.module_utils._api import ParameterError
from ansible_collections.berriai.litellm.plugins.module_utils import _owner

# Keys LiteLLM itself keeps inside an object's metadata for other features (tags, guardrails, per-model
# limits...). A task's metadata never removes them, even with purge_metadata: they have their own settings.
RESERVED_METADATA_KEYS = frozenset([
    'tags', 'guardrails', 'policies', 'prompts', 'model_rpm_limit', 'model_tpm_limit', 'enforced_params',
    'temp_budget_increase', 'temp_budget_expiry', 'soft_budget_alerting_emails', 'logging',
    'disable_global_guardrails', 'rpm_limit_type', 'tpm_limit_type', 'allowed_passthrough_routes',
    'denied_passthrough_routes', 'team_member_key_duration', 'team_member_budget_id', 'model_itpm_limit',
    'model_otpm_limit', 'mcp_rpm_limit', 'tag_rpm_limit', 'allowed_vector_store_indexes',
    'managed_by',  # the collection's ownership marker (_owner.py)
])

# LiteLLM's duration strings: 30s, 10m, 12h, 30d, 2w, 1mo.
DURATION_PATTERN = re.compile(r'^[1-9][0-9]*(s|m|h|d|w|mo)$')


def normalise(value, kind):
    """One value in the form used for comparison, diffs and results."""
    if kind == 'list':
        if value is None:
            return []
        return sorted(set(str(item) for item in value))
    if kind == 'bool':
        return bool(value)
    if kind == 'dict':
        return copy.deepcopy(value) if isinstance(value, dict) else {}
    if kind == 'lists':
        # A dict of lists (an object permission): each list as a set, empty lists left out.
        return dict((name, normalise(items, 'list')) for name, items in (value or {}).items() if items)
    if kind == 'id':
        # An id where an empty one means none (a key without a team, user, budget...).
        return str(value) if value not in (None, '') else None
    if kind == 'exact':
        # Compared as given: an ordered list (a command's args) or any other structure passed through.
        return copy.deepcopy(value)
    if value is None:
        return None
    if kind == 'float':
        number = float(value)
        return int(number) if number.is_integer() else number
    if kind == 'int':
        return int(value)
    return str(value)


def view(record, fields):
    """The managed fields of a proxy record (or of a planned one), normalised."""
    record = record or {}
    return dict((name, normalise(_owner.unmarked(name, record.get(name)), kind)) for name, kind in fields.items())


def result_view(record, fields, ids=()):
    """An object as its module returns it: the managed fields normalised, plus its ids; {} for no object."""
    if record is None:
        return {}
    result = view(record, fields)
    for name in ids:
        result[name] = record.get(name)
    return result


def requested(params, fields, unlimited=None):
    """The fields the task sets: options left out are not managed. `unlimited` names fields to clear."""
    wanted = {}
    for name in fields:
        if params.get(name) is not None:
            wanted[name] = params[name]
    for name in unlimited or ():
        wanted[name] = None
    return wanted


def merge_metadata(current, asked, purge):
    """The metadata to store: merged over the current one, or exactly `asked` (keeping LiteLLM's own keys)."""
    current = current if isinstance(current, dict) else {}
    if purge:
        merged = dict((k, v) for k, v in current.items() if k in RESERVED_METADATA_KEYS)
    else:
        merged = copy.deepcopy(current)
    merged.update(copy.deepcopy(asked or {}))
    return merged


def changes(current, wanted, fields):
    """The subset of `wanted` that differs from `current`, compared in normalised form."""
    differing = {}
    for name, value in wanted.items():
        kind = fields[name]
        if normalise(value, kind) != normalise((current or {}).get(name), kind):
            differing[name] = value
    return differing


def planned(current, updates):
    """What the record will look like after `updates` (used for check mode and diffs)."""
    after = dict(current or {})
    after.update(updates)
    return after


def diff(before, after, fields):
    """Ansible's diff structure: before/after of the managed fields. Absent objects are empty dicts."""
    return {
        'before': view(before, fields) if before is not None else {},
        'after': view(after, fields) if after is not None else {},
    }


def check_duration(option, value):
    if value is not None and not DURATION_PATTERN.match(str(value)):
        raise ParameterError('%s must be a LiteLLM duration such as 30s, 10m, 12h, 30d, 2w or 1mo; got %r'
                             % (option, value))


def check_not_negative(params, options):
    for option in options:
        value = params.get(option)
        if value is not None and value < 0:
            raise ParameterError('%s must be 0 or more (use the unlimited option to remove a limit); got %s'
                                 % (option, value))


def check_budget_and_limits(params, budget, not_empty):
    """The checks every object with a budget and limits shares: `not_empty` options, numbers of 0 or more, a finite
    budget, a LiteLLM budget_duration, and nothing both set and listed in unlimited."""
    check_not_empty(params, list(not_empty) + ['budget_duration'])
    check_not_negative(params, [budget, 'tpm_limit', 'rpm_limit'])
    check_finite(params, [budget])
    check_duration('budget_duration', params.get('budget_duration'))
    check_unlimited_conflicts(params)


def check_finite(params, options):
    for option in options:
        value = params.get(option)
        if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
            raise ParameterError('%s must be a finite number; got %s' % (option, value))


def check_not_empty(params, options):
    for option in options:
        value = params.get(option)
        if value is not None and not str(value).strip():
            raise ParameterError('%s must not be empty' % option)


def check_unlimited_conflicts(params):
    for name in params.get('unlimited') or ():
        if params.get(name) is not None:
            raise ParameterError('%s is both set and listed in unlimited: choose one' % name)
