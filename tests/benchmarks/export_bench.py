#!/usr/bin/env python
# Copyright: contributors to the berriai.litellm collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark of litellm_export at scale against a plain `requests` script doing the same reads.

    PYTHONPATH=<tree with ansible_collections/berriai/litellm> python export_bench.py [--keys 1000]
        [--teams 100] [--users 200] [--repeat 3] [--playbook]

Against the real proxy (LITELLM_API_BASE, LITELLM_API_KEY): makes --teams teams, --users users and --keys keys
(spread over the teams) with a `bench-export-<time>-` prefix, then times, --repeat times each (the median; the three take turns):
  - export: litellm_export's logic (module_utils/_export.run_export) in this process, every kind, through the
    collection's HTTP client;
  - raw: plain requests over one Session, the same GETs in the same order, parsing the JSON and nothing else;
  - playbook (with --playbook): an ansible-playbook run of one litellm_export task (the controller fast path).
It prints one JSON line: seconds of each, the ratio export/raw (target: at most 1.5), the export's requests
by path, and the counts exported. The proxy holds other objects too; they are exported with the rest.
Everything it made is deleted at the end (teams, with their keys; users).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

import requests

from ansible_collections.berriai.litellm.plugins.module_utils._api import LiteLLMClient
from ansible_collections.berriai.litellm.plugins.module_utils._export import run_export
from ansible_collections.berriai.litellm.plugins.module_utils._runner import execute

BASE = os.environ['LITELLM_API_BASE'].rstrip('/')
HEADERS = {'Authorization': 'Bearer ' + os.environ['LITELLM_API_KEY']}
PARAMS = {'api_base': BASE, 'api_key': os.environ['LITELLM_API_KEY'], 'validate_certs': True, 'ca_path': None,
          'timeout': 60.0, 'retries': 3, 'var_prefix': 'litellm_', 'secrets_variable': 'litellm_secrets'}


def post(session, path, body, tries=4):
    """A write of the set-up; a 5xx (a busy proxy's database pool) is tried again, and a 400 after it means the
    earlier try was carried out (the object exists)."""
    for attempt in range(tries):
        answer = session.post(BASE + path, json=body, headers=HEADERS, timeout=60)
        if attempt and answer.status_code == 400:
            return None
        if answer.status_code < 500 or attempt == tries - 1:
            answer.raise_for_status()
            return answer.json()
        time.sleep(1 + attempt)


def seed(prefix, teams, users, keys):
    """The objects to export, made 8 at a time."""
    session = requests.Session()
    team_ids = ['%s-team-%03d' % (prefix, n) for n in range(teams)]
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda t: post(session, '/team/new', {'team_id': t, 'team_alias': t, 'max_budget': 100,
                                                            'metadata': {'bench': prefix}}), team_ids))
        list(pool.map(lambda n: post(session, '/user/new', {
            'user_id': '%s-user-%03d' % (prefix, n), 'user_email': '%s-%03d@example.com' % (prefix, n),
            'auto_create_key': False}), range(users)))
        list(pool.map(lambda n: post(session, '/key/generate', {
            'key_alias': '%s-key-%04d' % (prefix, n), 'team_id': team_ids[n % teams], 'max_budget': 5}),
            range(keys)))


def clean(prefix, team_ids, users):
    """Delete what seed made (one team at a time: a batch with a team that was never made answers 404)."""
    session = requests.Session()
    for team_id in team_ids:
        session.post(BASE + '/team/delete', json={'team_ids': [team_id]}, headers=HEADERS, timeout=60)
    session.post(BASE + '/user/delete', json={'user_ids': ['%s-user-%03d' % (prefix, n) for n in range(users)]},
                 headers=HEADERS, timeout=60)


def paged(session, path, params, items_key, size_param):
    items, page = [], 1
    while True:
        body = session.get(BASE + path, params=dict(params, page=page, **{size_param: 100}), headers=HEADERS,
                           timeout=60).json()
        if isinstance(body, list):
            return body
        items.extend(body.get(items_key) or [])
        if page >= (body.get('total_pages') or 0) or not body.get(items_key):
            return items
        page += 1


def raw_export():
    """The export's reads with plain requests: the same GETs, in the same order."""
    session = requests.Session()

    def get(path, **params):
        return session.get(BASE + path, params=params, headers=HEADERS, timeout=60).json()

    get('/credentials')
    paged(session, '/v2/model/info', {}, 'data', 'size')
    get('/v1/mcp/server')
    paged(session, '/user/list', {}, 'users', 'page_size')
    teams = paged(session, '/v2/team/list', {'sort_by': 'team_id', 'sort_order': 'asc'}, 'teams', 'page_size')
    for team in teams:
        get('/team/info', team_id=team['team_id'])
    paged(session, '/key/list', {'return_full_object': 'true'}, 'keys', 'size')


def module_export():
    result = execute(run_export, dict(PARAMS), client=LiteLLMClient.from_params(PARAMS))
    if result.get('failed'):
        raise SystemExit(result['msg'])
    return result


def playbook_export(tree):
    playbook = os.path.join(tempfile.mkdtemp(), 'export.yml')
    with open(playbook, 'w') as out:
        out.write('- hosts: localhost\n  connection: local\n  gather_facts: false\n  tasks:\n'
                  '    - berriai.litellm.litellm_export: {}\n')
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=tree)
    subprocess.run([os.path.join(os.path.dirname(sys.executable), 'ansible-playbook'), '-i', 'localhost,',
                    playbook], env=env, check=True, stdout=subprocess.DEVNULL)


def timed(actions, repeat):
    """The median seconds of each action; the actions take turns, so a warming or busy proxy hits all alike."""
    seconds = dict((name, []) for name in actions)
    for _round in range(repeat):
        for name, action in actions.items():
            start = time.monotonic()
            action()
            seconds[name].append(time.monotonic() - start)
    return dict((name + '_seconds', round(statistics.median(times), 3)) for name, times in seconds.items())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n', maxsplit=1)[0])
    parser.add_argument('--keys', type=int, default=1000)
    parser.add_argument('--teams', type=int, default=100)
    parser.add_argument('--users', type=int, default=200)
    parser.add_argument('--repeat', type=int, default=3)
    parser.add_argument('--playbook', action='store_true')
    args = parser.parse_args()
    prefix = 'bench-export-%d' % time.time()
    team_ids = ['%s-team-%03d' % (prefix, n) for n in range(args.teams)]
    try:
        seed(prefix, args.teams, args.users, args.keys)
        actions = {'raw': raw_export, 'export': module_export}
        if args.playbook:
            tree = next(p for p in sys.path if os.path.isdir(os.path.join(p, 'ansible_collections')))
            actions['playbook'] = lambda: playbook_export(tree)
        figures = timed(actions, args.repeat)
        figures['ratio'] = round(figures['export_seconds'] / figures['raw_seconds'], 2)
        result = module_export()
        figures.update(counts=result['counts'], requests=result['http_requests'], target_ratio=1.5)
    finally:
        clean(prefix, team_ids, args.users)
    print(json.dumps(figures))


if __name__ == '__main__':
    main()
