# Copyright: contributors to the berriai.litellm collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Tests for tests/tools/faultproxy.py against a tiny in-process upstream (no LiteLLM proxy needed).

Run: python -m pytest tests/tools -q
"""

import http.client
import http.server
import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest
import requests

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import faultproxy  # noqa: E402  pylint: disable=wrong-import-position

SECRET = "sk-very-secret-0123456789"
OLD_401 = ('{"error":{"message":"Authentication Error: invalid user key - user key does not exist in db. '
           'User Key=%s","type":"auth_error","param":"None","code":"401"}}')


class _UpstreamHandler(http.server.BaseHTTPRequestHandler):
    """Echoes what it got as JSON; paths starting with /missing answer 404 like LiteLLM's /key/update."""

    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        return

    def _any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        record = {
            "method": self.command,
            "path": self.path,
            "headers": {k.lower(): v for k, v in self.headers.items()},
            "body": body.decode("utf-8"),
        }
        self.server.seen.append(record)
        if self.path.startswith("/missing"):
            status, payload = 404, {"error": {"message": "Key not found.", "type": "not_found_error", "param": "key", "code": "404"}}
        elif self.path.startswith("/nocontent"):
            status, payload = 204, None
        else:
            status, payload = 200, record
        data = b"" if payload is None else json.dumps(payload).encode("utf-8")
        self.send_response(status)
        if payload is not None:
            self.send_header("Content-Type", "application/json")
        self.send_header("X-Upstream", "yes")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = _any


@pytest.fixture(name="upstream")
def fixture_upstream():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _UpstreamHandler)
    server.daemon_threads = True
    server.seen = []
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    server.url = "http://127.0.0.1:%d" % server.server_address[1]
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(name="logbuf")
def fixture_logbuf():
    return io.StringIO()


@pytest.fixture(name="proxy")
def fixture_proxy(upstream, logbuf):
    fp = faultproxy.FaultProxy(upstream.url, log_stream=logbuf).start()
    yield fp
    fp.stop()
    assert "internal error" not in logbuf.getvalue()


@pytest.fixture(name="session")
def fixture_session():
    with requests.Session() as sess:
        yield sess


def _wait_for(predicate, timeout=3.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.01)
    return predicate()


# ---- plain forwarding ------------------------------------------------------------------------------


def test_forwards_method_path_query_headers_body(proxy, upstream, session):
    resp = session.post(proxy.url + "/team/new?a=1&b=two", json={"team_alias": "x"},
                        headers={"Authorization": "Bearer sk-1234", "X-Custom": "v"}, timeout=5)
    assert resp.status_code == 200
    assert resp.headers["X-Upstream"] == "yes"
    assert int(resp.headers["Content-Length"]) == len(resp.content)
    echoed = resp.json()
    assert echoed["method"] == "POST"
    assert echoed["path"] == "/team/new?a=1&b=two"
    assert json.loads(echoed["body"]) == {"team_alias": "x"}
    assert echoed["headers"]["authorization"] == "Bearer sk-1234"
    assert echoed["headers"]["x-custom"] == "v"
    assert echoed["headers"]["host"] == upstream.url.split("//", 1)[1]
    assert len(upstream.seen) == 1


def test_keep_alive_on_client_side(proxy):
    host, port = proxy.url.split("//", 1)[1].split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=5)
    try:
        first_sock = None
        for i in range(4):
            conn.request("POST" if i % 2 else "GET", "/key/list", body=b'{"n": %d}' % i if i % 2 else None)
            resp = conn.getresponse()
            body = resp.read()
            assert resp.status == 200
            assert int(resp.getheader("Content-Length")) == len(body)
            assert not resp.will_close
            first_sock = first_sock or conn.sock
            assert conn.sock is first_sock  # still the same TCP connection
    finally:
        conn.close()
    assert proxy.counts()["received"]["total"] == 4


def test_head_and_204_are_relayed_without_body(proxy, session):
    resp = session.head(proxy.url + "/key/list", timeout=5)
    assert resp.status_code == 200 and resp.content == b""
    assert int(resp.headers["Content-Length"]) > 0  # what a GET would carry
    resp = session.delete(proxy.url + "/nocontent", timeout=5)
    assert resp.status_code == 204 and resp.content == b""
    # the connection is still usable afterwards
    assert session.get(proxy.url + "/key/list", timeout=5).status_code == 200


def test_chunked_request_body_is_forwarded_with_content_length(proxy, upstream, session):
    resp = session.post(proxy.url + "/key/generate", data=iter([b'{"key_alias":', b' "c"}']), timeout=5)
    assert resp.status_code == 200
    assert json.loads(resp.json()["body"]) == {"key_alias": "c"}
    assert upstream.seen[-1]["headers"]["content-length"] == str(len(b'{"key_alias": "c"}'))
    assert "transfer-encoding" not in upstream.seen[-1]["headers"]


def test_upstream_down_answers_502():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        dead = "http://127.0.0.1:%d" % sock.getsockname()[1]  # bound but not listening: refused
        with faultproxy.FaultProxy(dead) as fp:
            resp = requests.get(fp.url + "/key/list", timeout=5)
            assert resp.status_code == 502
            assert resp.json()["error"]["type"] == "faultproxy_upstream_error"
            assert fp.counts()["forwarded"]["total"] == 0


# ---- actions ---------------------------------------------------------------------------------------


def test_status_action_answers_without_forwarding(proxy, upstream, session):
    proxy.set_rules([{"method": "POST", "path": "^/team/new$", "action": "status", "status": 429, "retry_after": 2}])
    resp = session.post(proxy.url + "/team/new", json={"team_alias": "t"}, timeout=5)
    assert resp.status_code == 429
    assert resp.headers["Retry-After"] == "2"
    assert resp.json()["error"]["code"] == "429"
    assert upstream.seen == []
    counts = proxy.counts()
    assert counts["received"]["writes"] == 1
    assert counts["forwarded"]["writes"] == 0
    assert counts["actions"] == {"status": 1}
    # other requests are untouched, on the same keep-alive session
    assert session.get(proxy.url + "/team/list", timeout=5).status_code == 200


def test_status_action_custom_body(proxy, session):
    proxy.set_rules([{"action": "status", "status": 503, "response_body": {"detail": "down"}}])
    resp = session.get(proxy.url + "/anything", timeout=5)
    assert resp.status_code == 503
    assert resp.json() == {"detail": "down"}
    assert "Retry-After" not in resp.headers


def test_delay_exceeds_client_timeout_but_request_still_reaches_upstream(proxy, upstream, session):
    proxy.set_rules([{"method": "POST", "path": "^/key/generate$", "action": "delay", "seconds": 0.6, "times": 1}])
    start = time.monotonic()
    with pytest.raises(requests.exceptions.ReadTimeout):
        session.post(proxy.url + "/key/generate", json={"key_alias": "d"}, timeout=0.2)
    assert time.monotonic() - start < 0.5
    assert _wait_for(lambda: len(upstream.seen) == 1)  # the proxy still carried it out
    assert _wait_for(lambda: proxy.counts()["forwarded"]["writes"] == 1)
    # times=1: the next one is fast
    start = time.monotonic()
    assert session.post(proxy.url + "/key/generate", json={}, timeout=5).status_code == 200
    assert time.monotonic() - start < 0.5


def test_delay_within_timeout_just_slows_down(proxy, session):
    proxy.set_rules([{"action": "delay", "seconds": 0.3}])
    start = time.monotonic()
    assert session.get(proxy.url + "/key/list", timeout=5).status_code == 200
    assert time.monotonic() - start >= 0.3


def test_reset_sends_rst_and_does_not_forward(proxy, upstream):
    proxy.set_rules([{"method": "GET", "path": "^/key/list$", "action": "reset"}])
    host, port = proxy.url.split("//", 1)[1].split(":")
    with socket.create_connection((host, int(port)), timeout=5) as sock:
        sock.sendall(b"GET /key/list HTTP/1.1\r\nHost: x\r\n\r\n")
        with pytest.raises(ConnectionResetError):
            data = sock.recv(1024)
            assert data != b"", "got a FIN instead of a RST"
    with pytest.raises(requests.exceptions.ConnectionError):
        requests.get(proxy.url + "/key/list", timeout=5)
    assert upstream.seen == []
    counts = proxy.counts()
    assert counts["received"]["total"] == 2 and counts["forwarded"]["total"] == 0
    assert [e["status"] for e in proxy.log()] == [None, None]


def test_malformed_keeps_status_breaks_body(proxy, upstream, session):
    proxy.set_rules([{"method": "GET", "path": "^/key/list$", "action": "malformed"}])
    resp = session.get(proxy.url + "/key/list", timeout=5)
    assert resp.status_code == 200
    assert resp.text == '{"keys": ['
    assert int(resp.headers["Content-Length"]) == len(resp.content)
    with pytest.raises(ValueError):
        resp.json()
    assert len(upstream.seen) == 1
    proxy.set_rules([{"action": "malformed", "response_body": "<html>oops"}])
    resp = session.post(proxy.url + "/missing", json={}, timeout=5)
    assert resp.status_code == 404 and resp.text == "<html>oops"


def test_drop_response_forwards_then_resets(proxy, upstream, session):
    proxy.set_rules([{"method": "POST", "path": "^/team/new$", "action": "drop_response", "times": 1}])
    with pytest.raises(requests.exceptions.ConnectionError):
        session.post(proxy.url + "/team/new", json={"team_alias": "fp-test-x"}, timeout=5)
    assert len(upstream.seen) == 1
    assert json.loads(upstream.seen[0]["body"]) == {"team_alias": "fp-test-x"}
    counts = proxy.counts()
    assert counts["received"]["by_path"] == {"POST /team/new": 1}
    assert counts["forwarded"]["by_path"] == {"POST /team/new": 1}
    assert counts["forwarded"]["writes"] == 1
    entry = proxy.log()[-1]
    assert entry["action"] == "drop_response" and entry["status"] is None and entry["upstream_status"] == 200
    # exhausted after one: the retry gets its answer
    assert session.post(proxy.url + "/team/new", json={"team_alias": "fp-test-x"}, timeout=5).status_code == 200


def test_rewrite_404_to_old_401(proxy, session):
    proxy.set_rules([{"method": "POST", "path": "^/(missing|key/update)", "action": "rewrite_404_to_old_401"}])
    resp = session.post(proxy.url + "/missing/key/update", json={"key": "sk-abc", "max_budget": 1}, timeout=5)
    assert resp.status_code == 401
    assert resp.text == OLD_401 % "sk-abc"
    assert int(resp.headers["Content-Length"]) == len(resp.content)
    # no key in the body: empty
    resp = session.post(proxy.url + "/missing", data=b"", timeout=5)
    assert resp.status_code == 401 and resp.text == OLD_401 % ""
    # not a 404 upstream: relayed unchanged
    resp = session.post(proxy.url + "/key/update", json={"key": "sk-abc"}, timeout=5)
    assert resp.status_code == 200 and resp.json()["method"] == "POST"
    assert [e["upstream_status"] for e in proxy.log()] == [404, 404, 200]


def test_rewrite_uses_query_key_when_body_has_none(proxy, session):
    proxy.set_rules([{"action": "rewrite_404_to_old_401"}])
    resp = session.get(proxy.url + "/missing/key/info?key=sk-q", timeout=5)
    assert resp.status_code == 401 and resp.text == OLD_401 % "sk-q"


# ---- matching: skip / times / method / body / query -------------------------------------------------


def test_rewrite_body_changes_what_the_upstream_answered(proxy, upstream, session):
    proxy.set_rules([{"method": "GET", "path": "^/team/info$", "action": "rewrite_body",
                      "pattern": r'"path":\s*"/team/info[^"]*"', "replacement": '"path": "/rewritten"'}])
    r = session.get(proxy.url + "/team/info?team_id=t1", timeout=5)
    assert r.status_code == 200
    assert r.json()["path"] == "/rewritten"
    assert proxy.log()[-1]["action"] == "rewrite_body"
    assert session.get(proxy.url + "/team/list", timeout=5).json()["path"] == "/team/list"


def test_skip_and_times(proxy, session):
    proxy.set_rules([{"method": "GET", "path": "^/key/list$", "action": "status", "status": 503, "skip": 1, "times": 2}])
    codes = [session.get(proxy.url + "/key/list", timeout=5).status_code for dummy in range(5)]
    assert codes == [200, 503, 503, 200, 200]
    rule = proxy.rules()[0]
    assert rule["_matched"] == 5 and rule["_fired"] == 2 and rule["_exhausted"] is True


def test_first_armed_rule_wins_and_skip_counts_every_match(proxy, session):
    proxy.set_rules([
        {"name": "first-fails", "method": "POST", "path": "^/team/new$", "action": "status", "status": 500, "times": 1},
        {"name": "third-fails", "method": "POST", "path": "^/team/new$", "action": "status", "status": 502, "skip": 2, "times": 1},
    ])
    codes = [session.post(proxy.url + "/team/new", json={}, timeout=5).status_code for dummy in range(4)]
    assert codes == [500, 200, 502, 200]
    assert [e["rule"] for e in proxy.log()] == ["first-fails", None, "third-fails", None]


def test_method_list_body_and_query_matching(proxy, session):
    proxy.set_rules([
        {"method": ["put", "PATCH"], "action": "status", "status": 500},
        {"method": "POST", "path": "^/key/", "body": '"key_alias":\\s*"fp-test-b"', "action": "status", "status": 502},
        {"method": "GET", "path": "^/key/info$", "query": "(^|&)key=sk-bad", "action": "status", "status": 503},
    ])
    assert session.put(proxy.url + "/x", timeout=5).status_code == 500
    assert session.patch(proxy.url + "/x", timeout=5).status_code == 500
    assert session.post(proxy.url + "/key/generate", json={"key_alias": "fp-test-b"}, timeout=5).status_code == 502
    assert session.post(proxy.url + "/key/generate", json={"key_alias": "fp-test-a"}, timeout=5).status_code == 200
    assert session.post(proxy.url + "/team/new", json={"key_alias": "fp-test-b"}, timeout=5).status_code == 200
    assert session.get(proxy.url + "/key/info?key=sk-bad", timeout=5).status_code == 503
    assert session.get(proxy.url + "/key/info?key=sk-good", timeout=5).status_code == 200


def test_invalid_rules_are_rejected():
    bad = [
        [{"action": "explode"}],
        [{"action": "status", "status": 99}],
        [{"action": "delay"}],
        [{"action": "reset", "times": -1}],
        [{"action": "reset", "path": "("}],
        [{"action": "reset", "paht": "/x"}],
        [{"action": "rewrite_body", "pattern": "x"}],
        [{"action": "rewrite_body", "pattern": "(", "replacement": "y"}],
        [{"action": "forward", "pattern": "x", "replacement": "y"}],
        [{"action": "forward", "retry_after": 1}],
        {"not": "a list"},
    ]
    for rules in bad:
        with pytest.raises(faultproxy.RuleError):
            faultproxy.parse_rules(rules)


# ---- control API -------------------------------------------------------------------------------------


def test_control_api(proxy, upstream, session):
    base = proxy.url + "/__faults__"
    rules = [{"method": "GET", "path": "^/team/list$", "action": "status", "status": 500, "times": 1}]
    resp = session.put(base + "/rules", json=rules, timeout=5)
    assert resp.status_code == 200 and resp.json()[0]["action"] == "status"
    assert session.get(proxy.url + "/team/list", timeout=5).status_code == 500
    assert session.get(proxy.url + "/team/list", timeout=5).status_code == 200
    session.post(proxy.url + "/team/new", json={"team_alias": "t"}, timeout=5)

    got = session.get(base + "/rules", timeout=5).json()
    assert got[0]["_fired"] == 1 and got[0]["_exhausted"] is True

    counts = session.get(base + "/counts", timeout=5).json()
    assert counts["received"] == {"total": 3, "writes": 1, "by_method": {"GET": 2, "POST": 1},
                                  "by_path": {"GET /team/list": 2, "POST /team/new": 1}}
    assert counts["forwarded"] == {"total": 2, "writes": 1, "by_method": {"GET": 1, "POST": 1},
                                   "by_path": {"GET /team/list": 1, "POST /team/new": 1}}
    assert counts["actions"] == {"status": 1, "forward": 2}

    log = session.post(base + "/log", timeout=5).json()
    assert [(e["method"], e["path"], e["status"], e["action"]) for e in log] == [
        ("GET", "/team/list", 500, "status"), ("GET", "/team/list", 200, "forward"), ("POST", "/team/new", 200, "forward")]

    assert session.post(base + "/reset", timeout=5).status_code == 200
    counts = session.get(base + "/counts", timeout=5).json()
    assert counts["received"]["total"] == 0 and counts["forwarded"]["total"] == 0
    assert session.post(base + "/log", timeout=5).json() == []

    # bad rules: 400, old rules kept
    resp = session.put(base + "/rules", data=b'[{"action": "nope"}]', timeout=5)
    assert resp.status_code == 400 and "action" in resp.json()["error"]
    resp = session.put(base + "/rules", data=b"not json", timeout=5)
    assert resp.status_code == 400
    assert len(session.get(base + "/rules", timeout=5).json()) == 1
    assert session.put(base + "/rules", json={"rules": []}, timeout=5).json() == []

    assert session.get(base + "/nope", timeout=5).status_code == 404
    assert session.delete(base + "/counts", timeout=5).status_code == 405
    # control requests are never forwarded nor counted
    assert len(upstream.seen) == 2
    assert proxy.counts()["received"]["total"] == 0


def test_library_helpers(proxy, session):
    session.get(proxy.url + "/key/list", timeout=5)
    assert proxy.counts()["received"]["by_path"] == {"GET /key/list": 1}
    proxy.reset_counts()
    assert proxy.counts()["received"]["total"] == 0
    proxy.set_rules([{"action": "reset"}])
    assert proxy.rules()[0]["action"] == "reset"
    with pytest.raises(faultproxy.RuleError):
        proxy.set_rules([{"action": "bogus"}])


def test_secrets_never_logged(proxy, logbuf, session):
    proxy.set_rules([{"path": "^/key/update", "action": "rewrite_404_to_old_401"}])
    session.post(proxy.url + "/key/update?key=" + SECRET, json={"key": SECRET, "metadata": {"p": SECRET}},
                 headers={"Authorization": "Bearer " + SECRET}, timeout=5)
    session.get(proxy.url + "/key/info?key=" + SECRET, headers={"Authorization": "Bearer " + SECRET}, timeout=5)
    output = logbuf.getvalue()
    assert "POST /key/update -> 200" in output
    assert "GET /key/info -> 200" in output
    assert SECRET not in output and "?" not in output
    assert SECRET not in json.dumps(proxy.log())
    assert SECRET not in json.dumps(proxy.counts())


def test_refuses_non_loopback_listen():
    for listen in ("0.0.0.0:0", "192.0.2.1:0", "example.com:0", "nope"):
        with pytest.raises(ValueError):
            faultproxy.parse_listen(listen)
    assert faultproxy.parse_listen("localhost:0") == ("127.0.0.1", 0)
    assert faultproxy.parse_listen("[::1]:8080") == ("::1", 8080)


def test_stop_closes_keep_alive_connections(upstream):
    fp = faultproxy.FaultProxy(upstream.url).start()
    sess = requests.Session()
    assert sess.get(fp.url + "/key/list", timeout=5).status_code == 200
    fp.stop()
    with pytest.raises(requests.exceptions.ConnectionError):
        sess.get(fp.url + "/key/list", timeout=5)
    sess.close()
    assert len(upstream.seen) == 1


# ---- TLS and the CLI ----------------------------------------------------------------------------------


@pytest.fixture(name="self_signed", scope="module")
def fixture_self_signed(tmp_path_factory):
    if not shutil.which("openssl"):
        pytest.skip("openssl CLI not available to make a self-signed certificate")
    tmp = tmp_path_factory.mktemp("tls")
    cert, key = tmp / "cert.pem", tmp / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    return str(cert), str(key)


@pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning")
def test_tls_listening(upstream, self_signed):
    cert, key = self_signed
    logbuf = io.StringIO()
    with faultproxy.FaultProxy(upstream.url, tls_cert=cert, tls_key=key, log_stream=logbuf) as fp:
        assert fp.url.startswith("https://127.0.0.1:")
        with pytest.raises(requests.exceptions.SSLError):
            requests.get(fp.url + "/key/list", timeout=5)  # default CA bundle: self-signed is rejected
        with requests.Session() as sess:
            for dummy in range(2):
                assert sess.get(fp.url + "/key/list", verify=cert, timeout=5).status_code == 200
        assert requests.get(fp.url + "/key/list", verify=False, timeout=5).status_code == 200
        assert fp.counts()["forwarded"]["total"] == 3
        fp.set_rules([{"method": "POST", "action": "drop_response", "times": 1}])
        with pytest.raises(requests.exceptions.ConnectionError):
            requests.post(fp.url + "/team/new", json={}, verify=cert, timeout=5)
        assert len(upstream.seen) == 4
        assert requests.post(fp.url + "/team/new", json={}, verify=cert, timeout=5).status_code == 200
    assert "internal error" not in logbuf.getvalue()


def test_cli_port_file_rules_file_and_sigterm(upstream, tmp_path):
    rules_file = tmp_path / "rules.json"
    rules_file.write_text(json.dumps([{"method": "GET", "path": "^/key/list$", "action": "status", "status": 503, "times": 1}]))
    port_file = tmp_path / "port"
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "faultproxy.py")
    proc = subprocess.Popen([sys.executable, script, "--listen", "127.0.0.1:0", "--upstream", upstream.url,
                             "--rules", str(rules_file), "--port-file", str(port_file)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert _wait_for(port_file.exists, timeout=5), proc.stderr.read() if proc.poll() is not None else "no port file"
        port = int(port_file.read_text().strip())
        first_line = proc.stdout.readline()
        assert "http://127.0.0.1:%d" % port in first_line
        url = "http://127.0.0.1:%d" % port
        with requests.Session() as sess:
            assert sess.get(url + "/key/list?key=" + SECRET, timeout=5).status_code == 503
            assert sess.get(url + "/key/list", timeout=5).status_code == 200
            assert sess.get(url + "/__faults__/counts", timeout=5).json()["received"]["total"] == 2
            proc.send_signal(signal.SIGTERM)
            assert proc.wait(timeout=5) == 0
        stderr = proc.stderr.read()
        assert "GET /key/list -> 503 [status rule #0]" in stderr
        assert SECRET not in stderr
        assert "internal error" not in stderr
        assert not port_file.exists()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()


def test_cli_rejects_bad_arguments(tmp_path):
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "faultproxy.py")
    bad_rules = tmp_path / "bad.json"
    bad_rules.write_text('[{"action": "nope"}]')
    for extra in (["--listen", "0.0.0.0:0"], ["--rules", str(bad_rules)]):
        res = subprocess.run([sys.executable, script, "--upstream", "http://127.0.0.1:9"] + extra,
                             capture_output=True, text=True, timeout=10, check=False)
        assert res.returncode == 2, res.stderr
        assert "faultproxy:" in res.stderr
