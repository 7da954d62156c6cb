#!/usr/bin/env python
# Copyright: contributors to the berriai.litellm collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The floor for the bulk path: plain `requests`, the API calls berriai.litellm.litellm_keys makes, nothing else.

    python raw_bulk.py --vars-file keys.json --mode create|noop [--concurrency 8]

The vars file is the one the benchmark gives the module ({"bench_keys": [{key_alias, team_alias, max_budget}]}).
Connection: LITELLM_API_BASE and LITELLM_API_KEY (or --api-base/--api-key).

Both modes read what the module reads, in the same order and with the same page sizes:
  1. one GET /v2/team/list?team_alias=X&page=1&page_size=100 per distinct team alias (sequential);
  2. GET /key/list?return_full_object=true&page=P&size=100 until total_pages (every live key);
then compare each wanted key with what was read (alias, team, max_budget).
`create` also, like the module for a key it does not find:
  3. one GET /key/list?team_id=T&status=deleted&return_full_object=true&page=1&size=100 per team of a missing key
     (the module looks for a deleted key with that alias to recreate);
  4. POST /key/generate {key_alias, team_id, max_budget} for each missing key, `--concurrency` at a time from a
     ThreadPoolExecutor over one requests.Session.
It prints one JSON line: {"seconds": in-process time, "requests": {...}, "created": n, "unchanged": n, ...}.
"""

import argparse
import json
import os
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import requests

PAGE = 100


class Counter:
    def __init__(self):
        self.lock = threading.Lock()
        self.by_method = {}

    def add(self, method):
        with self.lock:
            self.by_method[method] = self.by_method.get(method, 0) + 1


def paged(session, base, path, params, items_key, counter, size_param='size'):
    items, page = [], 1
    while True:
        query = dict(params, page=page)
        query[size_param] = PAGE
        counter.add('GET')
        response = session.get(base + path, params=query, timeout=60)
        response.raise_for_status()
        body = response.json()
        batch = body.get(items_key) or []
        items.extend(batch)
        if page >= (body.get('total_pages') or 0) or not batch:
            return items
        page += 1


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n', 1)[0])
    parser.add_argument('--vars-file', required=True)
    parser.add_argument('--mode', choices=['create', 'noop'], required=True)
    parser.add_argument('--concurrency', type=int, default=8)
    parser.add_argument('--api-base', default=os.environ.get('LITELLM_API_BASE'))
    parser.add_argument('--api-key', default=os.environ.get('LITELLM_API_KEY'))
    args = parser.parse_args(argv)
    if not args.api_base or not args.api_key:
        parser.error('give --api-base/--api-key or set LITELLM_API_BASE/LITELLM_API_KEY')
    with open(args.vars_file, encoding='utf-8') as handle:
        wanted = json.load(handle)['bench_keys']

    started = time.monotonic()
    base = args.api_base.rstrip('/')
    counter = Counter()
    session = requests.Session()
    session.headers.update({'Authorization': 'Bearer %s' % args.api_key, 'Content-Type': 'application/json'})
    adapter = requests.adapters.HTTPAdapter(pool_connections=1, pool_maxsize=args.concurrency)
    session.mount('http://', adapter)
    session.mount('https://', adapter)

    team_ids = {}
    for alias in sorted(set(k['team_alias'] for k in wanted)):
        teams = paged(session, base, '/v2/team/list', {'team_alias': alias}, 'teams', counter, size_param='page_size')
        exact = [t for t in teams if t.get('team_alias') == alias]
        if len(exact) != 1:
            sys.exit('raw_bulk: %d teams have the alias %r' % (len(exact), alias))
        team_ids[alias] = exact[0]['team_id']

    live = paged(session, base, '/key/list', {'return_full_object': 'true'}, 'keys', counter)
    by_alias = {}
    for record in live:
        if isinstance(record, dict) and record.get('key_alias'):
            by_alias.setdefault(record['key_alias'], []).append(record)

    missing, differing, unchanged = [], [], 0
    for item in wanted:
        found = by_alias.get(item['key_alias'])
        if not found:
            missing.append(item)
        elif (found[0].get('team_id') != team_ids[item['team_alias']]
              or float(found[0].get('max_budget') or -1) != float(item['max_budget'])):
            differing.append(item['key_alias'])
        else:
            unchanged += 1

    created = failed = 0
    if args.mode == 'create' and missing:
        for alias in sorted(set(k['team_alias'] for k in missing)):
            query = {'team_id': team_ids[alias], 'status': 'deleted', 'return_full_object': 'true'}
            paged(session, base, '/key/list', query, 'keys', counter)

        def generate(item):
            counter.add('POST')
            body = {'key_alias': item['key_alias'], 'team_id': team_ids[item['team_alias']],
                    'max_budget': float(item['max_budget'])}
            response = session.post(base + '/key/generate', data=json.dumps(body), timeout=60)
            return response.status_code == 200 and bool(response.json().get('key'))

        with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
            outcomes = list(pool.map(generate, missing))
        created = sum(1 for ok in outcomes if ok)
        failed = len(outcomes) - created

    print(json.dumps({
        'seconds': round(time.monotonic() - started, 3),
        'requests': counter.by_method,
        'created': created,
        'missing': len(missing) if args.mode == 'noop' else 0,
        'differing': len(differing),
        'unchanged': unchanged,
        'failed': failed,
    }))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
