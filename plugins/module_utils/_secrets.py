# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Write-only values (a credential's secret values, a model's api_key): how they are compared, sent and shown.

LiteLLM never reads a secret back as it was written (it masks it or leaves it out), so a secret is sent only
when a run decides to (on create, or with update_secrets=always), and results show it as MASK.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.berriai.litellm.plugins.module_utils._api import scrub


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
