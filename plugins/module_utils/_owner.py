# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The ownership marker: every object the collection creates carries managed_by=berriai.litellm in a dict field
the proxy keeps as sent, so that pruning (the berriai.litellm.proxy role, litellm_plan's prune) deletes only what
the collection made and never what people made by hand.

Results, diffs and exports do not show the marker (compare.view, compare.RESERVED_METADATA_KEYS), and
comparisons keep it (metadata and credential_info are merged over what the proxy holds).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

MARKER = 'managed_by'
OWNER = 'berriai.litellm'

# Where each kind keeps the marker (verified on LiteLLM 1.108.7 and 1.80.17: each survives reads, lists and
# partial updates).
MARKER_FIELDS = {
    'credentials': 'credential_info',
    'models': 'model_info',
    'mcp_servers': 'mcp_info',
    'users': 'metadata',
    'teams': 'metadata',
    'keys': 'metadata',
    'access_groups': 'description',  # no dict field: the marker is TEXT_MARKER at the end of the text
}
# Where a kind has no dict field that grants nothing (an access group: its other fields give access), the marker
# is this text at the end of a text field; views strip it (text_unmarked).
TEXT_MARKER = '[%s: %s]' % (MARKER, OWNER)
# The fields whose views (results, diffs) leave the marker out: a user's own dicts.
HIDDEN_IN = ('metadata', 'credential_info')


def mark(body, field):
    """`body` (a create body) with the marker in its dict `field`."""
    body[field] = dict(body.get(field) or {}, **{MARKER: OWNER})
    return body


def is_owned(record, kind):
    """Whether a proxy record of `kind` carries the marker."""
    held = (record or {}).get(MARKER_FIELDS[kind])
    if isinstance(held, str):
        return held.endswith(TEXT_MARKER)
    return isinstance(held, dict) and held.get(MARKER) == OWNER


def text_marked(text):
    """`text` (or none) with TEXT_MARKER at its end."""
    return '%s %s' % (text, TEXT_MARKER) if text else TEXT_MARKER


def text_unmarked(text):
    """`text` without TEXT_MARKER at its end; None for no text."""
    if isinstance(text, str) and text.endswith(TEXT_MARKER):
        text = text[:-len(TEXT_MARKER)].rstrip(' ')
    return text or None


def unmarked(field, value):
    """A view of `value` (the field `field`) without the marker."""
    if field in HIDDEN_IN and isinstance(value, dict) and value.get(MARKER) == OWNER:
        value = dict(value)
        del value[MARKER]
    return value
