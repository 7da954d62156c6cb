"""The recording forwarder of tests/checks/secrets_audit.sh (stdlib only).

tests/tools/faultproxy.py without rules, in front of the real proxy, that also appends every LiteLLM secret
it carries (anything shaped sk-...) to SECRETS_FILE, so the audit knows every credential and every generated
secret of the run without the suite's help. One line per secret and place it was seen, "PLACE<TAB>SECRET",
PLACE being answer (in a proxy's answer: a generated secret), request (in a request body: a caller-chosen
secret), query, auth-accepted (an Authorization header the proxy did not answer 401) or auth-refused.
The file is created with mode 0600.

    secret_recorder.py FAULTPROXY_PY UPSTREAM PORT_FILE SECRETS_FILE
"""
import os
import re
import signal
import sys
import threading
import zlib

PATTERN = re.compile(rb'sk-[A-Za-z0-9_\-]{8,}')


def main(argv):
    faultproxy_py, upstream, port_file, secrets_file = argv
    sys.path.insert(0, os.path.dirname(os.path.abspath(faultproxy_py)))
    import faultproxy  # pylint: disable=import-outside-toplevel

    lock = threading.Lock()
    seen = set()
    out = os.fdopen(os.open(secrets_file, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600), 'w')

    def record(place, found):
        with lock:
            for secret in found:
                if (place, secret) not in seen:
                    seen.add((place, secret))
                    out.write('%s\t%s\n' % (place, secret.decode('ascii')))
            out.flush()

    def decoded(headers, body):
        encoding = ''.join(v for k, v in headers if k.lower() == 'content-encoding').lower()
        try:
            if 'gzip' in encoding:
                return zlib.decompress(body, 16 + zlib.MAX_WBITS)
            if 'deflate' in encoding:
                return zlib.decompress(body)
        except zlib.error:
            pass
        return body

    original = faultproxy.Handler._forward  # pylint: disable=protected-access

    def forward(self, method, path, query, body):
        record('request', set(PATTERN.findall(body or b'')))
        record('query', set(PATTERN.findall((query or '').encode('utf-8', 'replace'))))
        credentials = set(PATTERN.findall(self.headers.get('Authorization', '').encode('latin-1', 'replace')))
        try:
            result = original(self, method, path, query, body)
        except Exception:
            record('auth-refused', credentials)  # no answer: say nothing about the credential
            raise
        record('auth-refused' if result[0] == 401 else 'auth-accepted', credentials)
        record('answer', set(PATTERN.findall(decoded(result[2], result[3] or b''))))
        return result

    faultproxy.Handler._forward = forward  # pylint: disable=protected-access

    proxy = faultproxy.FaultProxy(upstream, log_stream=sys.stderr).start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    tmp = port_file + '.tmp'
    with open(tmp, 'w', encoding='utf-8') as handle:
        handle.write('%d\n' % proxy.port)
    os.replace(tmp, port_file)
    try:
        while not stop.wait(0.5):
            pass
    finally:
        proxy.stop()
        out.close()
        os.unlink(port_file)
    return 0


if __name__ == '__main__':
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1:]))
