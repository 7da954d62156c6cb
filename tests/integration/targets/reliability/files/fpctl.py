"""Replace a faultproxy's rules and zero its counts, in one quick call from a pipe lookup.

    fpctl.py FORWARDER_URL RULES_JSON   -> prints the rules' state as JSON; exits 1 with the reason on failure
"""
import json
import sys
import urllib.error
import urllib.request

OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback: never through an HTTP proxy


def call(base, method, path, body):
    request = urllib.request.Request(base + path, data=body, method=method,
                                     headers={'Content-Type': 'application/json'})
    with OPENER.open(request, timeout=10) as answer:
        return json.load(answer)


def main():
    base, rules = sys.argv[1].rstrip('/'), sys.argv[2]
    try:
        state = call(base, 'PUT', '/__faults__/rules', rules.encode('utf-8'))
        call(base, 'POST', '/__faults__/reset', b'')
    except urllib.error.HTTPError as exc:
        sys.exit('faultproxy refused the rules: HTTP %s %s' % (exc.code, exc.read().decode('utf-8', 'replace')))
    except (OSError, ValueError) as exc:
        sys.exit('faultproxy at %s did not answer: %s' % (base, exc))
    print(json.dumps(state))


if __name__ == '__main__':
    main()
