"""Reads of the real LiteLLM proxy for the reliability checks (stdlib only; the credential never printed).

    proxy_check.py concurrency PREFIX OUTDIR RUNS   verify the concurrent runs of tests/checks/concurrency.sh
    proxy_check.py admin-user create USER_ID         a proxy_admin user with a key: prints the key (an admin credential)
    proxy_check.py admin-user delete USER_ID         delete that user and its keys
    proxy_check.py cleanup PREFIX                    delete the teams whose alias starts with PREFIX- (and so their
                                                     keys) and the keys PREFIX-k0..PREFIX-k19

Environment: LITELLM_API_BASE, LITELLM_API_KEY. Prints one line per assertion; exit status 1 if any failed.
"""
import json
import os
import re
import sys
import urllib.error
import urllib.parse
import urllib.request

BASE = os.environ.get('LITELLM_API_BASE', '').rstrip('/')
KEY = os.environ.get('LITELLM_API_KEY', '')
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))
FAILURES = []


def call(method, path, params=None, body=None):
    url = BASE + path + ('?' + urllib.parse.urlencode(params) if params else '')
    request = urllib.request.Request(url, method=method, data=None if body is None else json.dumps(body).encode(),
                                     headers={'Authorization': 'Bearer ' + KEY, 'Content-Type': 'application/json'})
    try:
        with OPENER.open(request, timeout=60) as answer:
            return answer.status, json.load(answer)
    except urllib.error.HTTPError as exc:
        return exc.code, None


def check(ok, what):
    print('%s  %s' % ('ok  ' if ok else 'FAIL', what))
    if not ok:
        FAILURES.append(what)
    return ok


def teams_with_prefix(prefix):
    status, body = call('GET', '/v2/team/list', {'team_alias': prefix, 'page_size': 100})
    if status != 200:
        raise SystemExit('GET /v2/team/list answered HTTP %s' % status)
    return [t for t in body.get('teams', []) if str(t.get('team_alias') or '').startswith(prefix + '-')]


def keys(params):
    found, page = [], 1
    while True:
        status, body = call('GET', '/key/list', dict(params, return_full_object='true', size=100, page=page))
        if status != 200:
            raise SystemExit('GET /key/list answered HTTP %s' % status)
        found.extend(k for k in body.get('keys', []) if isinstance(k, dict))
        if page >= (body.get('total_pages') or 0):
            return found
        page += 1


CLEAR_MESSAGE_BAD = re.compile(r'Traceback|MODULE FAILURE|most recent call last|Exception:|Error\(|object has no attribute')


def clear(msg):
    return isinstance(msg, str) and len(msg) > 15 and not CLEAR_MESSAGE_BAD.search(msg)


def verify_concurrency(prefix, outdir, runs):
    team_aliases = ['%s-t%d' % (prefix, n) for n in (1, 2, 3)]
    key_aliases = ['%s-k%d' % (prefix, n) for n in range(20)]

    # every run: ok, or failed with a clear message; nothing printed a traceback
    for i in range(1, runs + 1):
        rc = open(os.path.join(outdir, 'run%d.rc' % i)).read().strip()
        out = open(os.path.join(outdir, 'run%d.out' % i), errors='replace').read()
        summary_path = os.path.join(outdir, 'run%d.json' % i)
        summary = json.load(open(summary_path)) if os.path.exists(summary_path) else None
        failed = [] if summary is None else [r for r in summary['teams'] + summary['keys'] if r.get('failed')]
        # ansible-core 2.19 shows a loop item's warnings but does not keep them in the registered result
        warnings = re.findall(r'^\[WARNING\]: (.*)$', out, re.M)
        check('Traceback (most recent call last)' not in out, 'run %d printed no traceback' % i)
        if rc == '0':
            kinds = sorted(set(re.sub(r"'%s-\w+'|\(.*\)|[0-9a-f-]{36}" % re.escape(prefix), '…', w)[:60] for w in warnings))
            check(summary is not None and not failed, 'run %d ok (%d race warnings, %d kinds: %s)'
                  % (i, len(warnings), len(kinds), ' | '.join(kinds)))
        else:
            check(summary is not None and failed and all(clear(r.get('msg')) for r in failed)
                  and all('Traceback' not in str(r.get('exception') or '') for r in failed),
                  'run %d failed (rc %s) with clear messages: %s'
                  % (i, rc, '; '.join(sorted(set(str(r.get('msg')) for r in failed)))[:600] if summary else 'no summary'))

    # the proxy: exactly 3 teams and 20 keys, each where it belongs, with its settings
    teams = teams_with_prefix(prefix)
    by_alias = {}
    for team in teams:
        by_alias.setdefault(team['team_alias'], []).append(team)
    check(sorted(by_alias) == team_aliases and all(len(v) == 1 for v in by_alias.values()),
          'exactly 3 teams, one per alias: %s' % {a: len(v) for a, v in sorted(by_alias.items())})
    check(all(t.get('max_budget') == 10 for t in teams), 'every team has max_budget 10')
    team_ids = {alias: v[0]['team_id'] for alias, v in by_alias.items()}

    in_teams = [k for tid in team_ids.values() for k in keys({'team_id': tid})]
    check(len(in_teams) == 20 and sorted(k.get('key_alias') for k in in_teams) == sorted(key_aliases),
          'the 3 teams hold exactly the 20 keys (%d keys)' % len(in_teams))
    wrong = []
    for n, alias in enumerate(key_aliases):
        found = [k for k in keys({'key_alias': alias}) if k.get('key_alias') == alias]
        want_team = team_ids.get('%s-t%d' % (prefix, n % 3 + 1))
        if len(found) != 1 or found[0].get('team_id') != want_team or found[0].get('max_budget') != 1:
            wrong.append('%s: %d key(s) %s' % (alias, len(found), [(k.get('team_id'), k.get('max_budget')) for k in found]))
    check(not wrong, 'each of the 20 aliases is exactly one key, in its team, with max_budget 1%s'
          % (': ' + '; '.join(wrong) if wrong else ''))

    # the rerun changes nothing
    rc = open(os.path.join(outdir, 'rerun.rc')).read().strip()
    out = open(os.path.join(outdir, 'rerun.out'), errors='replace').read()
    recap = re.search(r'ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)', out)
    summary = json.load(open(os.path.join(outdir, 'rerun.json')))
    items = summary['teams'] + summary['keys']
    check(rc == '0' and recap is not None and recap.group(2) == '0' and recap.group(4) == '0',
          'the rerun is a no-op: %s' % (recap.group(0) if recap else 'no PLAY RECAP (rc %s)' % rc))
    check(len(items) == 23 and not any(r.get('changed') or r.get('failed') for r in items),
          'the rerun changed none of the 23 items')


def cleanup(prefix):
    team_ids = [t['team_id'] for t in teams_with_prefix(prefix)]
    aliases = ['%s-k%d' % (prefix, n) for n in range(20)]  # in case one was left outside the teams
    if team_ids:
        call('POST', '/team/delete', body={'team_ids': team_ids})
    if aliases:
        call('POST', '/key/delete', body={'key_aliases': aliases})
    left = teams_with_prefix(prefix)
    print('cleanup: deleted %d team(s) and their keys; %d team(s) left' % (len(team_ids), len(left)))


def admin_user(action, user_id):
    if action == 'create':
        status, body = call('POST', '/user/new', body={'user_id': user_id, 'user_role': 'proxy_admin',
                                                       'metadata': {'purpose': 'berriai.litellm secrets audit'}})
        if status != 200 or not (body or {}).get('key'):
            raise SystemExit('POST /user/new (proxy_admin) answered HTTP %s' % status)
        global KEY  # pylint: disable=global-statement
        master, KEY = KEY, body['key']
        checks = [call('GET', '/key/list', {'size': 1})[0], call('GET', '/v2/team/list', {'page_size': 1})[0]]
        KEY = master
        if checks != [200, 200]:
            admin_user('delete', user_id)
            raise SystemExit('the proxy_admin key of %s is not an admin credential (HTTP %s)' % (user_id, checks))
        sys.stdout.write(body['key'] + '\n')
    elif action == 'delete':
        status = call('POST', '/user/delete', body={'user_ids': [user_id]})[0]
        print('deleted the user %s and its keys (HTTP %s)' % (user_id, status))
    else:
        raise SystemExit(__doc__)


def main(argv):
    if not BASE or not KEY:
        raise SystemExit('LITELLM_API_BASE and LITELLM_API_KEY are required')
    if argv[:1] == ['concurrency'] and len(argv) == 4:
        verify_concurrency(argv[1], argv[2], int(argv[3]))
    elif argv[:1] == ['admin-user'] and len(argv) == 3:
        admin_user(argv[1], argv[2])
    elif argv[:1] == ['cleanup'] and len(argv) == 2:
        cleanup(argv[1])
    else:
        raise SystemExit(__doc__)
    return 1 if FAILURES else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
