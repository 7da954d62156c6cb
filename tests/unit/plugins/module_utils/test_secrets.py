# -*- coding: utf-8 -*-
# Unit tests of module_utils/_secrets.py: how write-only values (a credential's secret values, a model's api_key)
# are compared, sent and shown. A secret is never shown; one the run sends shows as '******** (sent)', so that a
# rotation's diff differs; a secret the run does not send never counts as a change.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.berriai.litellm.plugins.module_utils import _secrets as secrets
from ansible_collections.berriai.litellm.plugins.module_utils._api import LiteLLMError


def is_secret(name):
    return name in ('api_key', 'token')


def test_masked_shows_every_secret_as_the_mask():
    shown = secrets.masked({'api_key': 'sk-real-secret', 'region': 'eu', 'token': None}, is_secret)
    assert shown == {'api_key': secrets.MASK, 'region': 'eu', 'token': secrets.MASK}
    assert secrets.masked(None, is_secret) == {}


def test_merged_over_counts_only_the_secrets_the_run_sends():
    current = {'api_key': secrets.MASK, 'region': 'eu'}
    asked = {'api_key': 'sk-new', 'region': 'us'}
    assert secrets.merged_over(current, asked, is_secret, sent=()) == {'api_key': secrets.MASK, 'region': 'us'}
    sending = secrets.merged_over(current, asked, is_secret, sent=('api_key',))
    assert sending == {'api_key': secrets.SENT_SECRET, 'region': 'us'} and sending['api_key'] != current['api_key']
    assert 'sk-new' not in str(sending)


def test_to_send_holds_changed_plain_values_and_the_secrets_to_send():
    current = {'region': 'eu', 'tier': 'a'}
    asked = {'region': 'eu', 'tier': 'b', 'api_key': 'sk-new'}
    assert secrets.to_send(current, asked, is_secret, sent=()) == {'tier': 'b'}
    assert secrets.to_send(current, asked, is_secret, sent=('api_key',)) == {'tier': 'b', 'api_key': 'sk-new'}
    assert secrets.to_send(None, None, is_secret, sent=()) == {}


def test_scrub_error_masks_the_secrets_a_proxy_echoed():
    error = LiteLLMError('refused: {"api_key": "sk-echoed-secret"}', status=400,
                         proxy_message='bad value sk-echoed-secret')
    same = secrets.scrub_error(error, ['sk-echoed-secret', None, '', 'ab'])
    assert same is error
    for text in (error.message, error.proxy_message, str(error)):
        assert 'sk-echoed-secret' not in text
    assert error.status == 400
