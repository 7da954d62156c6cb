#!/usr/bin/env python
# Copyright: contributors to the berriai.litellm collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fault-injecting HTTP forwarder for the integration tests (Python 3.11 standard library only).

Sits between the modules and a real LiteLLM proxy, forwards every request and relays the answer,
unless a rule says to misbehave. See tests/tools/README.md for the rule format and the control API.

CLI:      python tests/tools/faultproxy.py --listen 127.0.0.1:0 --upstream http://127.0.0.1:4000 \
              [--rules rules.json] [--port-file PATH] [--tls-cert CERT --tls-key KEY]
Library:  fp = FaultProxy("http://127.0.0.1:4000", rules=[...]).start(); fp.url; fp.counts(); fp.stop()

It never logs request bodies, headers or query strings: only method, path, status and action.
"""

import argparse
import collections
import copy
import gzip
import http.client
import http.server
import ipaddress
import json
import os
import re
import signal
import socket
import ssl
import struct
import sys
import threading
import time
import urllib.parse

CONTROL_PREFIX = "/__faults__"

ACTIONS = ("forward", "status", "delay", "reset", "malformed", "drop_response", "rewrite_404_to_old_401", "rewrite_body")

RULE_KEYS = {
    # matching
    "name", "method", "path", "query", "body", "skip", "times",
    # what to do
    "action", "status", "retry_after", "response_body", "seconds", "pattern", "replacement",
}

DEFAULT_MALFORMED_BODY = '{"keys": ['

# Hop-by-hop headers (RFC 9110 7.6.1) are never relayed; framing is recomputed on each side.
HOP_BY_HOP = {
    "connection", "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization",
    "te", "trailer", "transfer-encoding", "upgrade", "expect",
}

READ_METHODS = ("GET", "HEAD")


class RuleError(ValueError):
    """A rule (or list of rules) is not valid."""


def _compile(rule, key):
    pattern = rule.get(key)
    if pattern is None:
        return None
    if not isinstance(pattern, str):
        raise RuleError("rule %r: %r must be a regular expression string" % (rule.get("name", ""), key))
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise RuleError("rule %r: %r is not a valid regular expression: %s" % (rule.get("name", ""), key, exc)) from exc


class Rule:
    """One validated rule plus its counters (how many requests it matched, how often it fired)."""

    def __init__(self, spec, index):
        if not isinstance(spec, dict):
            raise RuleError("rule #%d must be a JSON object, got %s" % (index, type(spec).__name__))
        unknown = set(spec) - RULE_KEYS
        if unknown:
            raise RuleError("rule #%d: unknown field(s) %s (known: %s)" % (index, ", ".join(sorted(unknown)), ", ".join(sorted(RULE_KEYS))))
        self.spec = copy.deepcopy(spec)
        self.index = index
        self.name = spec.get("name") or "#%d" % index
        action = spec.get("action")
        if action not in ACTIONS:
            raise RuleError("rule %s: action must be one of %s, got %r" % (self.name, ", ".join(ACTIONS), action))
        self.action = action

        method = spec.get("method", "*")
        methods = [method] if isinstance(method, str) else method
        if not isinstance(methods, list) or not methods or not all(isinstance(m, str) and m for m in methods):
            raise RuleError("rule %s: method must be a string or a non-empty list of strings" % self.name)
        methods = [m.upper() for m in methods]
        self.methods = None if "*" in methods else frozenset(methods)
        self.path_re = _compile(spec, "path")
        self.query_re = _compile(spec, "query")
        self.body_re = _compile(spec, "body")

        self.skip = spec.get("skip", 0)
        self.times = spec.get("times")
        for key, value, allow_none in (("skip", self.skip, False), ("times", self.times, True)):
            if value is None and allow_none:
                continue
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise RuleError("rule %s: %s must be a non-negative integer%s" % (self.name, key, " or null" if allow_none else ""))

        self.status = spec.get("status", 500 if action == "status" else None)
        if action == "status":
            if isinstance(self.status, bool) or not isinstance(self.status, int) or not 200 <= self.status <= 599:
                raise RuleError("rule %s: status must be an integer HTTP status between 200 and 599" % self.name)
        elif "status" in spec:
            raise RuleError("rule %s: status only applies to action 'status'" % self.name)
        self.retry_after = spec.get("retry_after")
        if self.retry_after is not None:
            if action != "status":
                raise RuleError("rule %s: retry_after only applies to action 'status'" % self.name)
            if isinstance(self.retry_after, bool) or not isinstance(self.retry_after, (str, int, float)):
                raise RuleError("rule %s: retry_after must be a string or a number" % self.name)
            self.retry_after = str(self.retry_after)
        self.response_body = spec.get("response_body")
        if self.response_body is not None and action not in ("status", "malformed"):
            raise RuleError("rule %s: response_body only applies to actions 'status' and 'malformed'" % self.name)
        self.seconds = spec.get("seconds")
        if action == "delay":
            if isinstance(self.seconds, bool) or not isinstance(self.seconds, (int, float)) or self.seconds < 0:
                raise RuleError("rule %s: action 'delay' needs seconds (a non-negative number)" % self.name)
        elif self.seconds is not None:
            raise RuleError("rule %s: seconds only applies to action 'delay'" % self.name)

        self.pattern = _compile(spec, "pattern")
        self.replacement = spec.get("replacement")
        if action == "rewrite_body":
            if self.pattern is None or not isinstance(self.replacement, str):
                raise RuleError("rule %s: action 'rewrite_body' needs pattern (a regular expression) and replacement "
                                "(a string)" % self.name)
        elif "pattern" in spec or "replacement" in spec:
            raise RuleError("rule %s: pattern and replacement only apply to action 'rewrite_body'" % self.name)

        self.matched = 0  # requests that met the criteria
        self.fired = 0  # requests the action was applied to

    def matches(self, method, path, query, body_text):
        if self.methods is not None and method not in self.methods:
            return False
        if self.path_re is not None and not self.path_re.search(path):
            return False
        if self.query_re is not None and not self.query_re.search(query):
            return False
        if self.body_re is not None and not self.body_re.search(body_text):
            return False
        return True

    def armed(self):
        """After this request was counted in `matched`: should the action apply to it?"""
        if self.matched <= self.skip:
            return False
        return self.times is None or self.fired < self.times

    def state(self):
        out = copy.deepcopy(self.spec)
        out["_index"] = self.index
        out["_matched"] = self.matched
        out["_fired"] = self.fired
        out["_exhausted"] = self.times is not None and self.fired >= self.times
        return out


def parse_rules(rules):
    """Validate a JSON-like list of rules (or {"rules": [...]}); returns a list of Rule objects."""
    if isinstance(rules, dict) and "rules" in rules:
        rules = rules["rules"]
    if rules is None:
        rules = []
    if not isinstance(rules, list):
        raise RuleError("rules must be a JSON list of rule objects (or {\"rules\": [...]})")
    return [Rule(spec, i) for i, spec in enumerate(rules)]


def _new_counter_block():
    return {"total": 0, "writes": 0, "by_method": {}, "by_path": {}}


def _bump(block, method, path):
    block["total"] += 1
    if method not in READ_METHODS:
        block["writes"] += 1
    block["by_method"][method] = block["by_method"].get(method, 0) + 1
    key = "%s %s" % (method, path)
    block["by_path"][key] = block["by_path"].get(key, 0) + 1


class State:
    """Rules, counters and the request log, shared by all handler threads."""

    def __init__(self, rules, log_size=10000):
        self.lock = threading.Lock()
        self.rules = rules
        self.log = collections.deque(maxlen=log_size)
        self.seq = 0
        self._zero()

    def _zero(self):
        self.received = _new_counter_block()
        self.forwarded = _new_counter_block()
        self.actions = {}
        self.log.clear()

    def reset_counts(self):
        with self.lock:
            self._zero()

    def set_rules(self, rules):
        with self.lock:
            self.rules = rules

    def rules_state(self):
        with self.lock:
            return [rule.state() for rule in self.rules]

    def counts(self):
        with self.lock:
            return {
                "received": copy.deepcopy(self.received),
                "forwarded": copy.deepcopy(self.forwarded),
                "actions": dict(self.actions),
            }

    def log_entries(self):
        with self.lock:
            return list(self.log)

    def on_received(self, method, path, query, body_text):
        """Count the request and pick the rule that applies to it (the first armed one), or None."""
        with self.lock:
            _bump(self.received, method, path)
            chosen = None
            for rule in self.rules:
                if not rule.matches(method, path, query, body_text):
                    continue
                rule.matched += 1
                if chosen is None and rule.armed():
                    rule.fired += 1
                    chosen = rule
            action = chosen.action if chosen else "forward"
            self.actions[action] = self.actions.get(action, 0) + 1
            return chosen

    def on_forwarded(self, method, path):
        with self.lock:
            _bump(self.forwarded, method, path)

    def add_log(self, method, path, status, action, rule, upstream_status):
        with self.lock:
            self.seq += 1
            entry = {
                "seq": self.seq,
                "time": round(time.time(), 3),
                "method": method,
                "path": path,
                "status": status,
                "action": action,
                "rule": rule.name if rule is not None else None,
                "upstream_status": upstream_status,
            }
            self.log.append(entry)
            return entry


def _rewritten(rule, headers, body):
    """The upstream's answer with rule.pattern replaced by rule.replacement in its body (decoded; gzip undone)."""
    encoding = [v.lower() for k, v in headers if k.lower() == "content-encoding"]
    if encoding and encoding[0] == "gzip":
        body = gzip.decompress(body)
    headers = [(k, v) for k, v in headers if k.lower() != "content-encoding"]
    text = rule.pattern.sub(rule.replacement, body.decode("utf-8", errors="replace"))
    return headers, text.encode("utf-8")


def _json_bytes(obj):
    return json.dumps(obj, indent=None).encode("utf-8")


class UpstreamError(Exception):
    """Forwarding failed; `sent` tells whether the request had reached the upstream."""

    def __init__(self, message, sent):
        super().__init__(message)
        self.sent = sent


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "faultproxy"
    sys_version = ""
    disable_nagle_algorithm = True
    timeout = 600  # idle keep-alive connections are closed after this many seconds

    # ---- plumbing -------------------------------------------------------------------------------

    def setup(self):
        super().setup()
        self.server.track(self.connection)

    def finish(self):
        try:
            super().finish()
        finally:
            self.server.untrack(self.connection)

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        # The base class logs the raw request line (query string included) and parse errors; say nothing.
        return

    def _log(self, method, path, status, action, rule=None, upstream_status=None):
        """Record one request. Called BEFORE the client gets its answer (or its RST), so a client that
        asks for the log or the counts right after seeing the answer always finds its request there."""
        entry = self.server.state.add_log(method, path, status, action, rule, upstream_status)
        stream = self.server.log_stream
        if stream is not None:
            extra = "" if upstream_status is None or upstream_status == status else " (upstream %s)" % upstream_status
            rule_txt = "" if rule is None else " rule %s" % rule.name
            try:
                stream.write("faultproxy: %s %s -> %s [%s%s]%s\n" % (
                    method, path, "no answer" if status is None else status, action, rule_txt, extra))
                stream.flush()
            except (OSError, ValueError):
                pass
        return entry

    def _read_body(self):
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks = []
            while True:
                size_line = self.rfile.readline(65537)
                if not size_line:
                    raise ConnectionError("client closed the connection inside a chunked body")
                size = int(size_line.split(b";", 1)[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline(65537) not in (b"\r\n", b"\n", b""):
                        pass  # trailers are dropped
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline(65537)
            return b"".join(chunks)
        length = self.headers.get("Content-Length")
        if not length:
            return b""
        length = int(length)
        if length < 0:
            raise ValueError("negative Content-Length")
        body = self.rfile.read(length)
        if len(body) != length:
            raise ConnectionError("client closed the connection inside the body")
        return body

    def _send(self, status, headers, body, reason=None, head=False):
        """Answer with status, headers (list of pairs, framing headers excluded) and body bytes."""
        self.send_response_only(status, reason)
        seen_date = False
        for name, value in headers:
            lname = name.lower()
            if lname in HOP_BY_HOP or lname == "content-length":
                continue
            seen_date = seen_date or lname == "date"
            self.send_header(name, value)
        if not seen_date:
            self.send_header("Date", self.date_time_string())
        self.send_header("Content-Length", str(len(body)))  # for HEAD: the length a GET would get
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if body and not head:
            self.wfile.write(body)
        self.wfile.flush()

    def _send_json(self, status, obj, extra_headers=()):
        headers = [("Content-Type", "application/json")]
        headers.extend(extra_headers)
        self._send(status, headers, _json_bytes(obj), head=self.command == "HEAD")

    def _abort_connection(self):
        """Close the client socket abruptly: SO_LINGER 0 makes the kernel send RST, no FIN, no answer."""
        self.close_connection = True
        sock = self.connection
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        except OSError:
            pass
        # rfile holds a reference to the socket (makefile); drop it so close() really closes now. wfile
        # (a _SocketWriter) holds none and must stay open: the base class flushes it after each request.
        try:
            self.rfile.close()
        except (OSError, ValueError):
            pass
        try:
            sock.close()
        except OSError:
            pass

    # ---- dispatch -------------------------------------------------------------------------------

    def do_GET(self):
        self._handle()

    do_HEAD = do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = do_GET

    def _handle(self):
        method = self.command.upper()
        split = urllib.parse.urlsplit(self.path)
        path, query = split.path or "/", split.query
        try:
            body = self._read_body()
        except (ValueError, ConnectionError, OSError):
            self.close_connection = True
            self._log(method, path, None, "bad_request_body")
            return
        if path == CONTROL_PREFIX or path.startswith(CONTROL_PREFIX + "/"):
            self._control(method, path, body)
            return
        body_text = body.decode("utf-8", errors="replace")
        state = self.server.state
        rule = state.on_received(method, path, query, body_text)
        action = rule.action if rule is not None else "forward"
        try:
            self._apply(action, rule, method, path, query, body)
        except OSError:
            # The client went away (e.g. it timed out during a delay) or we are stopping: nothing left to answer.
            self.close_connection = True

    def _apply(self, action, rule, method, path, query, body):
        if action == "status":
            self._answer_status(rule, method, path)
            return
        if action == "reset":
            self._log(method, path, None, action, rule)  # before the RST: the client may ask for the log at once
            self._abort_connection()
            return
        if action == "delay":
            if self.server.stopping.wait(rule.seconds):
                self._log(method, path, None, "delay_interrupted", rule)
                self._abort_connection()
                return

        try:
            status, reason, headers, resp_body = self._forward(method, path, query, body)
        except UpstreamError as exc:
            self.close_connection = True
            if exc.sent:
                self.server.state.on_forwarded(method, path)
            if action == "drop_response":
                self._log(method, path, None, action + "+upstream_error", rule)
                self._abort_connection()
                return
            self._log(method, path, 502, action + "+upstream_error", rule)
            self._send_json(502, {"error": {
                "message": "faultproxy: upstream request failed: %s" % exc,
                "type": "faultproxy_upstream_error", "param": None, "code": "502"}})
            return
        self.server.state.on_forwarded(method, path)

        if action == "drop_response":
            self._log(method, path, None, action, rule, upstream_status=status)
            self._abort_connection()
            return
        if action == "malformed":
            broken = rule.response_body if rule.response_body is not None else DEFAULT_MALFORMED_BODY
            if not isinstance(broken, str):
                broken = json.dumps(broken)
            headers = [(k, v) for k, v in headers if k.lower() != "content-encoding"]
            self._log(method, path, status, action, rule, upstream_status=status)
            self._send(status, headers, broken.encode("utf-8"), reason)
            return
        if action == "rewrite_404_to_old_401" and status == 404:
            key = _request_key(body, query)
            old = {"error": {
                "message": "Authentication Error: invalid user key - user key does not exist in db. User Key=%s" % key,
                "type": "auth_error", "param": "None", "code": "401"}}
            payload = json.dumps(old, separators=(",", ":")).encode("utf-8")
            self._log(method, path, 401, action, rule, upstream_status=status)
            self._send(401, [("Content-Type", "application/json")], payload, head=method == "HEAD")
            return

        if action == "rewrite_body":
            headers, resp_body = _rewritten(rule, headers, resp_body)

        # plain relay (forward, delay, rewrite_body, rewrite_404_to_old_401 when the upstream did not say 404)
        self._log(method, path, status, action, rule, upstream_status=status)
        self._relay(method, status, reason, headers, resp_body)

    def _relay(self, method, status, reason, headers, resp_body):
        if method == "HEAD" or status in (204, 304) or 100 <= status < 200:
            # No body on the wire; a HEAD answer keeps the upstream's Content-Length as is.
            self.send_response_only(status, reason)
            seen_date = False
            for name, value in headers:
                lname = name.lower()
                if lname in HOP_BY_HOP:
                    continue
                if lname == "content-length" and status in (204, 304):
                    continue
                seen_date = seen_date or lname == "date"
                self.send_header(name, value)
            if not seen_date:
                self.send_header("Date", self.date_time_string())
            if self.close_connection:
                self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.flush()
            return
        self._send(status, headers, resp_body, reason)

    def _answer_status(self, rule, method, path):
        status = rule.status
        if rule.response_body is None:
            payload = _json_bytes({"error": {
                "message": "faultproxy: injected HTTP %d" % status,
                "type": "faultproxy_injected_fault", "param": None, "code": str(status)}})
        elif isinstance(rule.response_body, str):
            payload = rule.response_body.encode("utf-8")
        else:
            payload = _json_bytes(rule.response_body)
        headers = [("Content-Type", "application/json")]
        if rule.retry_after is not None:
            headers.append(("Retry-After", rule.retry_after))
        self._log(method, path, status, "status", rule)
        self._send(status, headers, payload, head=method == "HEAD")

    def _forward(self, method, path, query, body):
        up = self.server.upstream
        target = up.path_prefix + path + ("?" + query if query else "")
        if up.scheme == "https":
            conn = http.client.HTTPSConnection(up.host, up.port, timeout=self.server.upstream_timeout,
                                               context=self.server.upstream_ssl_context)
        else:
            conn = http.client.HTTPConnection(up.host, up.port, timeout=self.server.upstream_timeout)
        sent = False
        try:
            conn.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
            conn.putheader("Host", up.netloc)
            for name, value in self.headers.items():
                lname = name.lower()
                if lname in HOP_BY_HOP or lname in ("host", "content-length"):
                    continue
                conn.putheader(name, value)
            if body or method not in READ_METHODS:
                conn.putheader("Content-Length", str(len(body)))
            conn.endheaders(body if body else None)
            sent = True
            resp = conn.getresponse()
            resp_body = resp.read()
            return resp.status, resp.reason, resp.getheaders(), resp_body
        except (OSError, http.client.HTTPException) as exc:
            raise UpstreamError("%s: %s" % (type(exc).__name__, exc), sent) from exc
        finally:
            conn.close()

    # ---- control API ----------------------------------------------------------------------------

    def _control(self, method, path, body):
        state = self.server.state
        sub = path[len(CONTROL_PREFIX):].strip("/")
        if sub == "counts" and method == "GET":
            self._send_json(200, state.counts())
        elif sub == "reset" and method == "POST":
            state.reset_counts()
            self._send_json(200, {"reset": True})
        elif sub == "rules" and method == "GET":
            self._send_json(200, state.rules_state())
        elif sub == "rules" and method in ("PUT", "POST"):
            try:
                rules = parse_rules(json.loads(body.decode("utf-8") or "[]"))
            except (ValueError, RuleError) as exc:
                self._send_json(400, {"error": str(exc)})
                return
            state.set_rules(rules)
            self._send_json(200, state.rules_state())
        elif sub == "log" and method in ("POST", "GET"):
            self._send_json(200, state.log_entries())
        elif sub in ("counts", "reset", "rules", "log"):
            self._send_json(405, {"error": "method %s not allowed on %s" % (method, path)})
        else:
            hint = "try GET {0}/counts, POST {0}/reset, GET|PUT {0}/rules, POST {0}/log".format(CONTROL_PREFIX)
            self._send_json(404, {"error": "unknown control endpoint %s; %s" % (path, hint)})


def _request_key(body, query):
    """The `key` field of a JSON request body, else the `key` query parameter, else ''."""
    try:
        data = json.loads(body.decode("utf-8")) if body else None
    except ValueError:
        data = None
    if isinstance(data, dict) and isinstance(data.get("key"), str):
        return data["key"]
    values = urllib.parse.parse_qs(query).get("key")
    return values[0] if values else ""


class Upstream:
    def __init__(self, url):
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("upstream must be an http:// or https:// URL, got %r" % url)
        self.scheme = parts.scheme
        self.host = parts.hostname
        self.port = parts.port or (443 if parts.scheme == "https" else 80)
        self.netloc = parts.netloc.rsplit("@", 1)[-1]
        self.path_prefix = parts.path.rstrip("/")
        self.url = url


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True

    def __init__(self, address, state, upstream, *, tls_context=None, upstream_timeout=120.0,
                 upstream_ssl_context=None, log_stream=None):
        host = address[0]
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.state = state
        self.upstream = upstream
        self.upstream_timeout = upstream_timeout
        self.upstream_ssl_context = upstream_ssl_context
        self.log_stream = log_stream
        self.tls_context = tls_context
        self.stopping = threading.Event()
        self._conn_lock = threading.Lock()
        self._conns = set()
        super().__init__(address, Handler)

    def server_bind(self):
        # HTTPServer.server_bind does a reverse DNS lookup (getfqdn); skip it.
        http.server.socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]

    def get_request(self):
        sock, addr = super().get_request()
        if self.tls_context is not None:
            # The handshake runs in the handler thread (see finish_request), not in the accept loop.
            sock = self.tls_context.wrap_socket(sock, server_side=True, do_handshake_on_connect=False)
        return sock, addr

    def finish_request(self, request, client_address):
        if isinstance(request, ssl.SSLSocket):
            try:
                request.settimeout(10)
                request.do_handshake()
            except (OSError, ValueError):
                return  # e.g. the client rejected our self-signed certificate
        super().finish_request(request, client_address)

    def handle_error(self, request, client_address):
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError, ssl.SSLError)) or self.stopping.is_set():
            return
        if self.log_stream is not None:
            try:
                # Only the exception type: messages could echo request data.
                self.log_stream.write("faultproxy: internal error while handling a request: %s\n" % type(exc).__name__)
                self.log_stream.flush()
            except (OSError, ValueError):
                pass

    def track(self, conn):
        with self._conn_lock:
            self._conns.add(conn)

    def untrack(self, conn):
        with self._conn_lock:
            self._conns.discard(conn)

    def close_all_connections(self):
        with self._conn_lock:
            conns = list(self._conns)
        for conn in conns:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def parse_listen(value):
    """'HOST:PORT' or '[V6]:PORT' on a loopback address only; returns (host, port)."""
    host, sep, port = value.rpartition(":")
    if not sep:
        raise ValueError("--listen must be HOST:PORT, got %r" % value)
    host = host.strip("[]") or "127.0.0.1"
    if host == "localhost":
        host = "127.0.0.1"
    try:
        addr = ipaddress.ip_address(host)
    except ValueError as exc:
        raise ValueError("--listen host must be a loopback IP address, got %r" % host) from exc
    if not addr.is_loopback:
        raise ValueError("--listen host must be a loopback address (127.0.0.0/8 or ::1), got %s" % host)
    port = int(port)
    if not 0 <= port <= 65535:
        raise ValueError("--listen port out of range: %d" % port)
    return host, port


class FaultProxy:
    """The forwarder as a library object; the server runs in a background thread.

        fp = FaultProxy("http://127.0.0.1:4000", rules=[{"method": "POST", "path": "^/team/new$",
                                                         "action": "drop_response", "times": 1}]).start()
        try:
            ... point the client at fp.url ...
            assert fp.counts()["forwarded"]["by_path"]["POST /team/new"] == 1
        finally:
            fp.stop()
    """

    def __init__(self, upstream, rules=None, host="127.0.0.1", port=0, tls_cert=None, tls_key=None,
                 upstream_timeout=120.0, upstream_ca=None, upstream_insecure=False, log_stream=None):
        self.host, self.port = parse_listen("%s:%d" % (host, port))
        self.upstream = Upstream(upstream)
        self.state = State(parse_rules(rules))
        self.tls_context = None
        if tls_cert or tls_key:
            if not (tls_cert and tls_key):
                raise ValueError("TLS needs both a certificate and a key")
            self.tls_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            self.tls_context.load_cert_chain(tls_cert, tls_key)
        self.upstream_ssl_context = None
        if self.upstream.scheme == "https":
            if upstream_insecure:
                self.upstream_ssl_context = ssl._create_unverified_context()  # pylint: disable=protected-access
            else:
                self.upstream_ssl_context = ssl.create_default_context(cafile=upstream_ca)
        self.upstream_timeout = upstream_timeout
        self.log_stream = log_stream
        self.server = None
        self._thread = None

    @property
    def url(self):
        """Base URL of the forwarder (valid once started; kept after stop())."""
        host = "[%s]" % self.host if ":" in self.host else self.host
        return "%s://%s:%d" % ("https" if self.tls_context else "http", host, self.port)

    def start(self):
        if self.server is not None:
            return self
        self.server = Server((self.host, self.port), self.state, self.upstream, tls_context=self.tls_context,
                             upstream_timeout=self.upstream_timeout, upstream_ssl_context=self.upstream_ssl_context,
                             log_stream=self.log_stream)
        self.port = self.server.server_address[1]
        self._thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="faultproxy", daemon=True)
        self._thread.start()
        return self

    def stop(self):
        server = self.server
        if server is None:
            return
        server.stopping.set()
        server.shutdown()
        server.close_all_connections()
        server.server_close()
        if self._thread is not None:
            self._thread.join(5)
        self.server = None
        self._thread = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()

    # control, same as the HTTP control API
    def counts(self):
        return self.state.counts()

    def reset_counts(self):
        self.state.reset_counts()

    def set_rules(self, rules):
        self.state.set_rules(parse_rules(rules))

    def rules(self):
        return self.state.rules_state()

    def log(self):
        return self.state.log_entries()


def _write_port_file(path, port):
    tmp = "%s.tmp.%d" % (path, os.getpid())
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write("%d\n" % port)
    os.replace(tmp, path)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Fault-injecting HTTP forwarder for integration tests.")
    parser.add_argument("--listen", default="127.0.0.1:0", help="loopback HOST:PORT to listen on (port 0: any free port)")
    parser.add_argument("--upstream", required=True, help="base URL to forward to, e.g. http://127.0.0.1:4000")
    parser.add_argument("--rules", help="JSON file with the initial rules (a list, or {\"rules\": [...]})")
    parser.add_argument("--port-file", help="write the actual port number here once listening (removed at exit)")
    parser.add_argument("--tls-cert", help="listen with TLS using this PEM certificate (chain)")
    parser.add_argument("--tls-key", help="PEM private key for --tls-cert")
    parser.add_argument("--upstream-timeout", type=float, default=120.0, help="seconds to wait for the upstream (default 120)")
    parser.add_argument("--upstream-ca", help="CA bundle to verify an https upstream")
    parser.add_argument("--upstream-insecure", action="store_true", help="do not verify an https upstream's certificate")
    parser.add_argument("--quiet", action="store_true", help="do not log one line per request to stderr")
    args = parser.parse_args(argv)
    if bool(args.tls_cert) != bool(args.tls_key):
        parser.error("--tls-cert and --tls-key go together")

    try:
        host, port = parse_listen(args.listen)
        rules = []
        if args.rules:
            with open(args.rules, encoding="utf-8") as handle:
                rules = json.load(handle)
            if isinstance(rules, dict) and "rules" in rules:
                rules = rules["rules"]
        proxy = FaultProxy(args.upstream, rules=rules, host=host, port=port, tls_cert=args.tls_cert,
                           tls_key=args.tls_key, upstream_timeout=args.upstream_timeout, upstream_ca=args.upstream_ca,
                           upstream_insecure=args.upstream_insecure, log_stream=None if args.quiet else sys.stderr)
        proxy.start()
    except (ValueError, OSError) as exc:  # RuleError, json and ssl errors included
        sys.stderr.write("faultproxy: %s\n" % exc)
        return 2

    stop = threading.Event()

    def _on_signal(signum, frame):  # pylint: disable=unused-argument
        stop.set()

    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)

    try:
        if args.port_file:
            _write_port_file(args.port_file, proxy.port)
        sys.stdout.write("faultproxy listening on %s -> %s (%d rules)\n" % (proxy.url, args.upstream, len(proxy.rules())))
        sys.stdout.flush()
        while not stop.wait(0.5):
            pass
    finally:
        proxy.stop()
        if args.port_file:
            try:
                os.unlink(args.port_file)
            except OSError:
                pass
        sys.stderr.write("faultproxy: stopped\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
