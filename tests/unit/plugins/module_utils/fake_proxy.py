# -*- coding: utf-8 -*-
# The one in-memory stand-in for _api.LiteLLMClient used by the unit tests of every object.
#
# FakeClient routes each request to a handler `(method, path) -> handler(query_or_body, path)` registered by
# an object's fake (a subclass, or a mixin that adds routes in its __init__). A handler returns the parsed body
# (a 2xx answer) or raises FakeAnswer(status, body) for any other status; the client turns that into the same
# exceptions LiteLLMClient raises (CredentialError for 401/403, None for a 404 with missing_ok...). Every call is
# recorded, so tests assert the exact reads and writes, and that check mode writes nothing. A test changes one
# answer with on(method, path, action): the action runs once, on the next such call, before the handler (to
# change the state behind the module's back, lose an answer, or answer an error).

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy
import datetime
import itertools
import re

from ansible_collections.berriai.litellm.plugins.module_utils._api import (
    LiteLLMClient, ResponseLostError, proxy_message)

# The fake's clock: one second later at each now(), from this moment.
_EPOCH = datetime.datetime(2026, 11, 26, 22, 35, 10)


class FakeAnswer(Exception):
    def __init__(self, status, body=None):
        super(FakeAnswer, self).__init__(status)
        self.status = status
        self.body = body


class _Session(object):
    headers = {}


class FakeClient(LiteLLMClient):
    """The real client's get/post/put/patch/delete/paged and error wording, over in-memory state: only call() (the
    transport) is replaced. Records (method, path, query or body) per call."""

    _api_key = None  # what the real client scrubs from messages

    api_base = 'http://proxy.test'
    litellm_version = '1.108.7'  # what /public/model_hub/info tells (None: a proxy that does not say)

    def __init__(self):
        self.routes = {}       # (method, path regex) -> handler
        self.hooks = {}        # (method, path) -> actions, one per call (see on())
        self.calls = []
        self.counts = {}
        self.applied_writes = 0
        self.session = _Session()
        self._ids = ('uuid-%04d' % n for n in itertools.count(1))
        self._clock = ((_EPOCH + datetime.timedelta(seconds=n)).strftime('%Y-%m-%dT%H:%M:%S.000000Z')
                       for n in itertools.count())
        self.route('GET', '/public/model_hub/info', lambda query, path: {'litellm_version': self.litellm_version})
        self.route('GET', '/health/readiness', lambda query, path: {'status': 'healthy', 'db': 'connected'})

    # -- set-up helpers for object fakes --

    def route(self, method, pattern, handler):
        self.routes[(method, re.compile('^%s$' % pattern))] = handler

    def on(self, method, path, action):
        """Run `action(fake, query_or_body)` on the next `method path` call, before its handler. It returns None
        (the handler answers), an exception to raise as the client would (ResponseLostError: the answer was lost),
        or (status, body) to answer instead."""
        self.hooks.setdefault((method, path), []).append(action)

    def _hook(self, method, path, payload):
        actions = self.hooks.get((method, path))
        answer = actions.pop(0)(self, copy.deepcopy(payload)) if actions else None
        if isinstance(answer, ResponseLostError):
            if method != 'GET':
                self.applied_writes += 1  # as LiteLLMClient counts it: the write may have been carried out
            raise answer
        if isinstance(answer, Exception) and not isinstance(answer, FakeAnswer):
            raise answer
        if isinstance(answer, tuple):
            raise FakeAnswer(*answer)
        if answer is not None:
            raise answer

    def new_id(self):
        return next(self._ids)

    def now(self):
        return next(self._clock)

    # -- what tests assert on --

    @property
    def writes(self):
        return [(method, path, body) for method, path, body in self.calls if method != 'GET']

    @property
    def reads(self):
        return [(path, query) for method, path, query in self.calls if method == 'GET']

    def writes_to(self, path):
        """The bodies written to `path`, in order."""
        return [body for method, written, body in self.calls if method != 'GET' and written == path]

    # -- the client's interface --

    def call(self, method, path, params=None, body=None, missing_ok=False):
        payload = copy.deepcopy(body if body is not None else params)
        self.calls.append((method, path, payload))
        self.counts[method] = self.counts.get(method, 0) + 1
        for (route_method, pattern), handler in self.routes.items():
            if route_method == method and pattern.match(path):
                break
        else:
            raise AssertionError('the fake proxy has no route for %s %s' % (method, path))
        try:
            self._hook(method, path, payload)
            answer = handler(copy.deepcopy(payload) if payload is not None else {}, path)
        except FakeAnswer as exc:
            if exc.status == 404 and missing_ok:
                return None
            # The real client's wording and exception classes, from the same code.
            raise self.error_for(method, path, exc.status, exc.body)
        if method != 'GET':
            self.applied_writes += 1
        return copy.deepcopy(answer)

    def set_pool_size(self, size):
        pass


def page_of(items, query, items_key, size_param='size'):
    """One page of `items` in the envelope LiteLLM's list endpoints use."""
    size = int(query.get(size_param) or 100)
    page = int(query.get('page') or 1)
    total_pages = max(1, (len(items) + size - 1) // size)
    return {items_key: items[(page - 1) * size:page * size], 'total_pages': total_pages, 'page': page,
            'total': len(items)}


__all__ = ['FakeAnswer', 'FakeClient', 'page_of', 'proxy_message']
