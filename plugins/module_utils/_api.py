# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The one HTTP client of the collection: a requests session that speaks to LiteLLM's management API.

It turns the proxy's answers into values and exceptions the module logic can act on:
404 is a lookup result (``None``), 401/403 is a refused credential, other failures name the request.
Nothing here imports AnsibleModule, so the same client serves modules and the controller fast path.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import re
import threading
import time
import traceback

try:
    import requests
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None
except ImportError:
    requests = None
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = traceback.format_exc()

from ansible.module_utils.basic import env_fallback


CONNECTION_ARGSPEC = dict(
    api_base=dict(type='str', fallback=(env_fallback, ['LITELLM_API_BASE'])),
    api_key=dict(type='str', no_log=True, fallback=(env_fallback, ['LITELLM_API_KEY'])),
    validate_certs=dict(type='bool', default=True),
    ca_path=dict(type='path'),
    timeout=dict(type='float', default=30),
    retries=dict(type='int', default=3),
)

SAFE_METHODS = ('GET', 'HEAD')
RETRY_STATUSES = (429, 500, 502, 503, 504)
MAX_BACKOFF = 8.0
MAX_RETRY_AFTER = 30.0

# Anything that looks like a LiteLLM secret. Proxy messages sometimes echo the credential back.
_SECRET_PATTERN = re.compile(r'sk-[A-Za-z0-9_\-]{4,}')


class LiteLLMError(Exception):
    """A failure to show the user as it is: the message names the request and never holds a secret."""

    def __init__(self, message, status=None, proxy_message=None):
        super(LiteLLMError, self).__init__(message)
        self.message = message
        self.status = status
        self.proxy_message = proxy_message


class CredentialError(LiteLLMError):
    """The proxy refused the credential (401/403)."""


class ResponseLostError(LiteLLMError):
    """No answer came back (timeout, reset connection): a write may or may not have been carried out."""


class ParameterError(Exception):
    """Bad input, found before any request is sent. The message names the option."""


def scrub(text, secrets=()):
    """Return text with every given secret, and anything shaped like a LiteLLM key, masked."""
    if text is None:
        return text
    text = str(text)
    for secret in secrets:
        if secret:
            text = text.replace(secret, '********')
    return _SECRET_PATTERN.sub(lambda m: m.group(0)[:3] + '***', text)


def secret_looking_values(value):
    """Every string in a task's arguments shaped like a LiteLLM secret (sk-...), at any depth.

    They are censored from the task's output like no_log options, even when given in an option that holds no
    secret (a key pasted as token by mistake): Ansible would print them with the module's arguments.
    """
    if isinstance(value, dict):
        return set().union(*[secret_looking_values(item) for item in value.values()]) if value else set()
    if isinstance(value, (list, tuple)):
        return set().union(*[secret_looking_values(item) for item in value]) if value else set()
    if isinstance(value, str) and value.startswith('sk-') and len(value) > 3:
        return set([value])
    return set()


def proxy_message(body):
    """The human part of a LiteLLM error body, whichever of its shapes it comes in."""
    if isinstance(body, dict):
        error = body.get('error')
        if isinstance(error, dict) and error.get('message'):
            return str(error['message'])
        if isinstance(error, str):
            return error
        detail = body.get('detail')
        if isinstance(detail, dict):
            inner = detail.get('error') or detail.get('message')
            if inner:
                return str(inner)
        if detail:
            return json.dumps(detail) if not isinstance(detail, str) else detail
        if body.get('message'):
            return str(body['message'])
    if body is None:
        return ''
    return str(body)[:500]


class LiteLLMClient(object):
    """A keep-alive session on one proxy. Counts its requests (by method) for tests and benchmarks."""

    def __init__(self, api_base, api_key, validate_certs=True, ca_path=None, timeout=30.0, retries=3,
                 session=None, sleep=time.sleep):
        if not HAS_REQUESTS:
            raise LiteLLMError('the Python library requests is required')
        if not api_base:
            raise ParameterError('api_base is required: set the api_base option or the LITELLM_API_BASE environment variable')
        if not api_key:
            raise ParameterError('api_key is required: set the api_key option or the LITELLM_API_KEY environment variable')
        if not re.match(r'^https?://', api_base):
            raise ParameterError('api_base must start with http:// or https://, got %s' % scrub(api_base, [api_key]))
        if timeout is not None and timeout <= 0:
            raise ParameterError('timeout must be greater than 0')
        if retries is not None and retries < 0:
            raise ParameterError('retries must be 0 or more')
        self.api_base = api_base.rstrip('/')
        self._api_key = api_key
        self.timeout = timeout
        self.retries = retries or 0
        self._sleep = sleep
        self.session = session or requests.Session()
        self.session.headers.update({
            'Authorization': 'Bearer %s' % api_key,
            'Content-Type': 'application/json',
            'Accept': 'application/json',
            'User-Agent': 'berriai.litellm-ansible',
        })
        self.verify = (ca_path or True) if validate_certs else False
        if isinstance(self.session, requests.Session):
            self.verify = settle_environment(self.session, self.api_base, self.verify)
        self.counts = {}
        # Writes the proxy accepted, or whose answer was lost (they may have been carried out): a failed run
        # reports changed only when one of these happened, not for writes the proxy refused.
        self.applied_writes = 0
        self._counts_lock = threading.Lock()  # the bulk module sends from several threads

    def set_pool_size(self, size):
        """Keep up to `size` connections open, for concurrent requests over this session."""
        adapter = requests.adapters.HTTPAdapter(pool_connections=1, pool_maxsize=max(10, size))
        self.session.mount('http://', adapter)
        self.session.mount('https://', adapter)

    @classmethod
    def from_params(cls, params, session=None):
        return cls(params.get('api_base'), params.get('api_key'),
                   validate_certs=params.get('validate_certs', True), ca_path=params.get('ca_path'),
                   timeout=params.get('timeout', 30), retries=params.get('retries', 3), session=session)

    def _scrub(self, text):
        return scrub(text, [self._api_key])

    def _describe(self, method, path):
        return '%s %s%s' % (method, self.api_base, path)

    def request(self, method, path, params=None, body=None):
        """Send one request and return (status, parsed JSON). Raises LiteLLMError for transport failures."""
        attempt = 0
        while True:
            attempt += 1
            with self._counts_lock:
                self.counts[method] = self.counts.get(method, 0) + 1
            retryable = method in SAFE_METHODS and attempt <= self.retries
            response = self._send(method, path, params, body, retryable)
            if response is None:  # a connection failure a read may retry
                self._backoff(attempt, None)
                continue
            if response.status_code in RETRY_STATUSES and retryable:
                response.close()
                self._backoff(attempt, _retry_after(response.headers.get('Retry-After')))
                continue
            return response.status_code, self._parse(method, path, response)

    def _send(self, method, path, params, body, retryable):
        """The response, or None after a connection failure that may be retried. Other failures raise."""
        where = self._describe(method, path)
        try:
            return self.session.request(method, self.api_base + path, params=params,
                                        data=None if body is None else json.dumps(body),
                                        timeout=self.timeout, verify=self.verify)
        except requests.exceptions.SSLError as exc:
            raise LiteLLMError('TLS verification failed for %s: %s. Give ca_path with the proxy\'s CA, or set '
                               'validate_certs to false for a test proxy' % (where, self._scrub(_short_reason(exc))))
        except requests.exceptions.ConnectionError as exc:
            if retryable:
                return None
            # A refused or failed connect never reached the proxy; a reset after sending may have.
            if _is_connect_failure(exc):
                raise LiteLLMError('could not connect to %s: %s' % (where, self._scrub(_short_reason(exc))))
            raise ResponseLostError('lost the connection during %s: %s' % (where, self._scrub(_short_reason(exc))))
        except requests.exceptions.Timeout:
            raise ResponseLostError('no answer within %ss (timeout) for %s' % (_fmt_seconds(self.timeout), where))
        except requests.exceptions.RequestException as exc:
            raise LiteLLMError('request failed for %s: %s' % (where, self._scrub(_short_reason(exc))))

    def _parse(self, method, path, response):
        status = response.status_code
        try:
            return response.json() if response.content else None
        except ValueError:
            if status >= 400:
                return response.text
            # A write the proxy accepted but whose answer cannot be read is as good as lost: the caller must find
            # out what happened rather than assume nothing did.
            error_class = LiteLLMError if method in SAFE_METHODS else ResponseLostError
            raise error_class('the proxy answered %s with HTTP %s but the body is not JSON: %s'
                              % (self._describe(method, path), status, self._scrub(response.text[:200])),
                              status=status)

    def _backoff(self, attempt, retry_after):
        delay = retry_after if retry_after is not None else min(MAX_BACKOFF, 0.5 * (2 ** (attempt - 1)))
        self._sleep(delay)

    def call(self, method, path, params=None, body=None, missing_ok=False):
        """Request and check the status. Returns the body, or None for 404 when missing_ok."""
        try:
            status, parsed = self.request(method, path, params=params, body=body)
        except ResponseLostError:
            self._note_write(method)
            raise
        if 200 <= status < 300:
            self._note_write(method)
            return parsed
        if status == 404 and missing_ok:
            return None
        raise self.error_for(method, path, status, parsed)

    def _note_write(self, method):
        if method not in SAFE_METHODS:
            with self._counts_lock:
                self.applied_writes += 1

    def error_for(self, method, path, status, parsed):
        message = self._scrub(proxy_message(parsed)).rstrip('. ')
        where = self._describe(method, path)
        if status == 401:
            return CredentialError('the proxy refused the request %s (HTTP 401): %s. Check that api_key is a '
                                   'LiteLLM admin credential' % (where, message),
                                   status=status, proxy_message=message)
        if status == 403:
            # LiteLLM answers 403 both to a non-admin credential and to a change it does not allow (a key moved
            # into a team its user is not a member of), so the proxy's own words lead.
            return CredentialError('the proxy refused the request %s (HTTP 403, forbidden): %s. Either api_key is not '
                                   'a LiteLLM admin credential, or the proxy does not allow this change'
                                   % (where, message), status=status, proxy_message=message)
        if status == 404:
            return LiteLLMError('not found (HTTP 404) for %s: %s' % (where, message),
                                status=status, proxy_message=message)
        if status == 400 or status == 422:
            return LiteLLMError('the proxy rejected %s (HTTP %s): %s' % (where, status, message),
                                status=status, proxy_message=message)
        return LiteLLMError('the proxy failed on %s (HTTP %s): %s' % (where, status, message),
                            status=status, proxy_message=message)

    def get(self, path, params=None, missing_ok=False):
        return self.call('GET', path, params=params, missing_ok=missing_ok)

    def post(self, path, body, missing_ok=False):
        return self.call('POST', path, body=body, missing_ok=missing_ok)

    def put(self, path, body, missing_ok=False):
        return self.call('PUT', path, body=body, missing_ok=missing_ok)

    def patch(self, path, body, missing_ok=False):
        return self.call('PATCH', path, body=body, missing_ok=missing_ok)

    def delete(self, path, params=None, missing_ok=False):
        return self.call('DELETE', path, params=params, missing_ok=missing_ok)

    def paged(self, path, params, items_key, page_param='page', size_param='size', size=100):
        """Every item of a paged list endpoint."""
        items = []
        page = 1
        while True:
            batch, total_pages = self.page(path, params, items_key, page, page_param, size_param, size)
            items.extend(batch)
            if page >= total_pages or not batch:
                return items
            page += 1

    def page(self, path, params, items_key, page, page_param='page', size_param='size', size=100):
        """(the items of one page of a paged list endpoint, how many pages the proxy says it has). An endpoint that
        answers a plain list has one page."""
        query = dict(params or {})
        query[page_param] = page
        query[size_param] = size
        body = self.get(path, params=query)
        if isinstance(body, list):
            return body, 1
        return (body or {}).get(items_key) or [], (body or {}).get('total_pages') or 0


VERSION_SOURCES = (('/public/model_hub/info', 'litellm_version'), ('/health/readiness', 'litellm_version'))


def parse_version(text):
    """'1.80.17' (or 'v1.80.17.dev1') -> (1, 80, 17); None when `text` names no version."""
    match = re.match(r'^v?(\d+)\.(\d+)(?:\.(\d+))?', str(text or '').strip())
    if not match:
        return None
    return tuple(int(part or 0) for part in match.groups())


class ProxyVersion(object):
    """The LiteLLM version of the proxy, read when first asked and then kept for the run (ctx.proxy).

    version: a tuple such as (1, 80, 17), or None when the proxy does not tell; text: '1.80.17' or 'unknown'.
    The read is one GET of /public/model_hub/info (public, LiteLLM 1.80 and later), else /health/readiness (which
    carries the version up to 1.108); a proxy that answers neither counts as unknown, never as a failure.
    """

    def __init__(self, client):
        self.client = client
        self._version = None
        self._text = None
        self._lock = threading.Lock()  # the items of a bulk run share it from several threads

    def _read(self):
        with self._lock:
            if self._text is None:
                text, self._version = 'unknown', None
                for path, field in VERSION_SOURCES:
                    found = self._field(path, field)
                    if parse_version(found) is not None:
                        text, self._version = str(found), parse_version(found)
                        break
                self._text = text
        return self._version

    def _field(self, path, field):
        try:
            body = self.client.get(path, missing_ok=True)
        except LiteLLMError:
            return None
        return body.get(field) if isinstance(body, dict) else None

    @property
    def version(self):
        return self._read()

    @property
    def text(self):
        self._read()
        return self._text

    def older_than(self, minimum):
        """True when the proxy is known to be older than `minimum` (a tuple); an unknown version is not."""
        version = self._read()
        return version is not None and version < tuple(minimum)

    def describe(self):
        """How messages name the proxy: 'LiteLLM 1.80.17' or 'LiteLLM (version unknown)'."""
        return 'LiteLLM %s' % self.text if self.version is not None else 'LiteLLM (version unknown)'


def settle_environment(session, api_base, verify):
    """Apply the environment's proxy and CA settings for api_base (HTTPS_PROXY, NO_PROXY, REQUESTS_CA_BUNDLE...)
    to `session` once, as requests would on every request, and stop requests from reading them again; returns the
    `verify` to send. requests walks os.environ twice per request otherwise (merge_environment_settings: a
    quarter of the client's own time on a no-op). It would also read ~/.netrc, whose Basic auth would replace the
    Bearer credential. A session is settled once per verify value (the fast path keeps one per connection)."""
    settled = getattr(session, 'litellm_settled', None)
    if settled is None:
        settled = {}
        session.litellm_settled = settled
    if verify not in settled:
        if getattr(session, 'trust_env', False):
            settings = session.merge_environment_settings(api_base, {}, None, verify, None)
            session.proxies.update(settings.get('proxies') or {})
            settled[verify] = settings.get('verify', verify)
            session.trust_env = False
        else:
            settled[verify] = verify
    return settled[verify]


def _retry_after(value):
    if not value:
        return None
    try:
        return max(0.0, min(MAX_RETRY_AFTER, float(value)))
    except ValueError:
        return None


def _is_connect_failure(exc):
    text = repr(exc)
    return any(word in text for word in ('NewConnectionError', 'Connection refused', 'Failed to establish',
                                         'NameResolutionError', 'ConnectTimeout'))


def _short_reason(exc):
    text = str(exc)
    match = re.search(r"(Connection refused|Connection reset by peer|Connection aborted|RemoteDisconnected[^')]*|"
                      r"certificate verify failed[^')]*|Name or service not known|timed out)", text)
    return match.group(1) if match else text[:200]


def _fmt_seconds(value):
    return ('%g' % value) if value is not None else 'no limit '
