#!/usr/bin/env python
# Copyright: contributors to the berriai.litellm collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""berriai.litellm beside the proxy-as-code tools on PyPI, on one real LiteLLM proxy. Run it with tests/benchmarks/run.sh.

The SAME state (teams with pinned ids, keys in those teams with a budget, users, credentials with a secret
api_key, DB models with a mock_response) goes through each tool, as far as the tool can express it:

- the collection: one playbook (playbooks/peer_state.yml), the way the README tells a user to write it;
- litellm-as-code 0.5.0: a YAML spec, `litellm-as-code spec.yml` (`--dry-run` for the dry run). It always reads
  GET /organization/list, which an open-source proxy answers 403 (no Enterprise licence) and it aborts; the
  benchmark runs it through a shim of a few lines (PEER_SHIM below) that takes that 403 as "no organizations";
- litellm-auto-synch-manager 1.9.1 ("lasm"): keys only (it manages models, credentials, access groups and keys
  with no team, budget or user; its models need providers and endpoint types of its own), `lasm --apply`;
  its dry run is the default mode.

Phases per tool and size: first apply (from nothing), no-op (the same again), dry run of a one-field change
(one team's and one key's max_budget; check mode for the collection), the change applied. Each phase: wall
time, the client's CPU (user+sys of the process and its children), the requests (counted by the forwarder
tests/tools/faultproxy.py between every tool and the proxy), and whether the proxy then holds exactly the
wanted state (read back directly, not counted): every object of the tool's state with every field it sets,
and after a dry run, nothing changed. The rows that change nothing (no-op, dry run, the floor) are the median of
--repeat runs (3). Each tool works on its own objects (its own name prefix) and the
benchmark deletes them at the end.

Prints a Markdown table with the ratios of the collection over each peer, row by row, and the Ansible floor
(playbooks/peer_floor.yml: the same playbook shape with debug tasks).
"""

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time

import requests

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
PLAYBOOKS = os.path.join(HERE, 'playbooks')
sys.path.insert(0, os.path.join(REPO, 'tests', 'tools'))

from faultproxy import FaultProxy  # noqa: E402  pylint: disable=wrong-import-position

# litellm-as-code aborts on an open-source proxy: its first read of every run, GET /organization/list, answers
# 403 without an Enterprise licence. These lines (the whole shim) take that answer as "no organizations".
PEER_SHIM = '''
import sys
from litellm_as_code import api, cli
_list = api.LiteLLMClient.list_organizations
def list_organizations(self):
    try:
        return _list(self)
    except Exception as exc:
        if '403' in str(exc):
            return []
        raise
api.LiteLLMClient.list_organizations = list_organizations
sys.exit(cli.main(sys.argv[1:]))
'''

PHASES = ('first apply', 'no-op', 'dry run of a change', 'one-field change')


def log(message):
    sys.stderr.write('[peers %s] %s\n' % (time.strftime('%H:%M:%S'), message))
    sys.stderr.flush()


def state(prefix, keys, teams, users, credentials, models, changed=False):
    """The wanted state; `changed`: one team's and one key's max_budget raised (the one-field change)."""
    team_list = [{'team_id': '%s-t%02d' % (prefix, i), 'team_alias': '%s-t%02d' % (prefix, i), 'max_budget': 100.0}
                 for i in range(teams)]
    key_list = [{'key_alias': '%s-k%04d' % (prefix, i), 'team_id': team_list[i % teams]['team_id'] if teams else None,
                 'max_budget': 10.0}
                for i in range(keys)]
    if changed and teams:
        team_list[0]['max_budget'] = 150.0
        key_list[0]['max_budget'] = 20.0
    return {
        'teams': team_list,
        'keys': key_list,
        'users': [{'user_id': '%s-u%02d' % (prefix, i), 'user_email': '%s-u%02d@example.com' % (prefix, i),
                   'user_alias': 'user %d' % i} for i in range(users)],
        'credentials': [{'credential_name': '%s-c%d' % (prefix, i), 'credential_info': {'custom_llm_provider': 'openai'},
                         'credential_values': {'api_key': 'peer-bench-secret-%d' % i}} for i in range(credentials)],
        'models': [{'model_id': '%s-m%d' % (prefix, i), 'model_name': '%s-m%d' % (prefix, i),
                    'litellm_params': {'model': 'openai/gpt-4o-mini', 'mock_response': 'hi'},
                    'secret_params': {'api_key': 'peer-bench-model-secret'}} for i in range(models)],
    }


# Phases that change nothing on the proxy: run --repeat times.
REPEATED = ('no-op', 'dry run of a change')


def median_run(runs):
    """The run with the median wall time of (wall, cpu, process, counts) runs."""
    return sorted(runs, key=lambda run: run[0])[len(runs) // 2]


def misprediction(tool, proc):
    """What a dry run of the one-field change predicted wrongly ([] when right): the change is one team's and one
    key's max_budget, nothing to create. litellm-as-code prints "N to create, M to update"; the collection's check
    mode reports the Teams loop item and the Keys task changed (the recap's changed=2)."""
    output = proc.stdout + proc.stderr
    if tool == 'litellm-as-code':
        found = re.search(r'(\d+) to create, (\d+) to update', output)
        said = (int(found.group(1)), int(found.group(2))) if found else None
        return [] if said == (0, 2) else ['dry run predicted %s to create, %s to update (0 and 2 expected)'
                                          % (said or ('?', '?'))]
    if tool == 'collection':
        found = re.search(r'changed=(\d+)', output)
        changed_items = len(re.findall(r'^changed: ', output, re.M))
        said = (int(found.group(1)) if found else None, changed_items)
        return [] if said == (2, 2) else ['check mode reported changed=%s with %s changed items (2 and 2 expected)'
                                          % said]
    return []


def loop_reads(items, pages):
    """The GETs of a no-op loop over `items` existing objects of one kind whose list takes `pages` pages
    (plugins/module_utils/_records.py Listing): the first item reads its object alone; the second reads the list's
    first page, and is answered from it when that is all; else items read alone until as many were asked as the
    list has pages, and the next reads every page."""
    if items <= 1:
        return items
    if pages <= 1:
        return 2
    reads = 1 + 2
    for asked in range(3, items + 1):
        reads += 1 if asked <= pages else (pages if asked == pages + 1 else 0)
    return reads


def las_spec(wanted):
    """The state as a litellm-as-code spec."""
    return {
        'users': [dict(u, auto_create_key=False) for u in wanted['users']],
        'teams': [dict(t) for t in wanted['teams']],
        'virtual_keys': [dict(k) for k in wanted['keys']],
        'credentials': [dict(c) for c in wanted['credentials']],
        'models': [{'model_name': m['model_name'], 'model_info': {'id': m['model_id']},
                    'litellm_params': dict(m['litellm_params'], **m['secret_params'])} for m in wanted['models']],
    }


def lasm_alias(app):
    """The alias lasm gives the key of an app (LITELLM_VKEY_FOR_ and the app's letters and digits, upper case)."""
    return 'LITELLM_VKEY_FOR_' + re.sub('[^A-Z0-9]', '', app.upper())


def lasm_files(wanted, workdir, managed_by):
    """lasm's config/ and data/ for the keys of the state (lasm keys carry models, no team or budget; lasm names
    them itself from the app: lasm_alias)."""
    os.makedirs(os.path.join(workdir, 'config'), exist_ok=True)
    os.makedirs(os.path.join(workdir, 'data'), exist_ok=True)
    with open(os.path.join(workdir, 'config', 'config.yaml'), 'w', encoding='utf-8') as handle:
        json.dump({'version': '2.2', 'settings': {'managed_by': managed_by, 'create_credentials': False}}, handle)
    keys = [{'app': k['key_alias'], 'models': ['peer-bench-model']} for k in wanted['keys']]
    with open(os.path.join(workdir, 'data', 'keys.yaml'), 'w', encoding='utf-8') as handle:
        json.dump({'version': '2.2', 'keys': keys}, handle)


def failure_lines(output):
    """What a failed run said about its failure: its error lines (Ansible's failed/fatal, a peer's error/FEHLER), or
    the end of its output."""
    lines = [line.strip() for line in output.splitlines()
             if line.startswith(('failed:', 'fatal:', 'error:', 'ERROR', 'FEHLER', 'Traceback')) or '"msg":' in line]
    return (' | '.join(lines) or ' | '.join(output.strip().splitlines()[-4:]))[:1500]


class Peers(object):

    def __init__(self, args):
        self.args = args
        self.upstream = args.api_base.rstrip('/')
        self.session = requests.Session()
        self.session.headers.update({'Authorization': 'Bearer %s' % args.api_key, 'Content-Type': 'application/json'})
        self.work = tempfile.mkdtemp(prefix='litellm-peers-')
        self.run_id = 'peer-%s-%d' % (time.strftime('%H%M%S'), os.getpid())
        self.made = []   # (prefix, wanted) to delete at the end
        self.rows = []
        self.count_errors = []
        self.fp = FaultProxy(self.upstream).start()

    # -- running a tool --

    def env(self):
        env = dict(os.environ)
        env.update({
            'ANSIBLE_COLLECTIONS_PATH': self.args.collections_path,
            'ANSIBLE_LOCALHOST_WARNING': 'False', 'ANSIBLE_INVENTORY_UNPARSED_WARNING': 'False',
            'ANSIBLE_RETRY_FILES_ENABLED': 'False', 'ANSIBLE_NOCOLOR': '1',
            'LITELLM_API_KEY': self.args.api_key, 'LITELLM_BASE_URL': self.fp.url,
            'LITELLM_API_BASE': self.fp.url,
        })
        env.pop('ANSIBLE_CONFIG', None)
        return env

    def list_pages(self):
        """How many pages of 100 the team and user lists take now (read directly, not counted): a loop over them
        reads the list once it takes no more pages than the items asked (see loop_reads)."""
        pages = {}
        for kind, path, size in (('teams', '/v2/team/list', 'page_size'), ('users', '/user/list', 'page_size')):
            _status, body = self.get(path, page=1, **{size: 1})
            pages[kind] = max(1, -(-int((body or {}).get('total') or 0) // 100))
        return pages

    def live_count(self):
        """How many live keys the proxy holds (read directly, not counted): the pages of a full /key/list read."""
        _status, body = self.get('/key/list', page=1, size=1)
        return int((body or {}).get('total_count') or 0)

    def timed(self, argv, cwd=None):
        """(wall, cpu, process, counts) of one run of argv through the forwarder."""
        live_before = self.live_count()
        pages = self.list_pages()
        self.fp.reset_counts()
        load = os.getloadavg()[0]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.monotonic()
        proc = subprocess.run(argv, cwd=cwd or self.work, env=self.env(), capture_output=True, text=True, check=False)
        wall = time.monotonic() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        counts = self.fp.counts()['forwarded']
        counts['load'] = load
        counts['live'] = (live_before, self.live_count())
        counts['pages'] = pages
        return wall, cpu, proc, counts

    def collection(self, wanted, phase, floor=False):
        path = os.path.join(self.work, 'collection.json')
        with open(path, 'w', encoding='utf-8') as handle:
            json.dump({'peer': wanted, 'bench_api_base': self.fp.url}, handle)
        argv = [self.args.ansible_playbook, os.path.join(PLAYBOOKS, 'peer_floor.yml' if floor else 'peer_state.yml'),
                '-e', '@' + path]
        if phase == 'dry run of a change':
            argv.append('--check')
        return self.timed(argv)

    def las(self, wanted, phase):
        path = os.path.join(self.work, 'spec.yml')
        with open(path, 'w', encoding='utf-8') as handle:
            json.dump(las_spec(wanted), handle)  # JSON is YAML
        argv = [os.path.join(self.args.peers_venv, 'bin', 'python'), '-c', PEER_SHIM, path]
        if phase == 'dry run of a change':
            argv.append('--dry-run')
        return self.timed(argv)

    def lasm(self, wanted, phase, prefix):
        workdir = os.path.join(self.work, 'lasm-' + prefix)
        lasm_files(wanted, workdir, prefix)
        argv = [os.path.join(self.args.peers_venv, 'bin', 'lasm'), '--config', os.path.join(workdir, 'config'),
                '--data', os.path.join(workdir, 'data'), '--litellm-base-url', self.fp.url,
                '--litellm-api-key', self.args.api_key]
        if phase != 'dry run of a change':
            argv.append('--apply')
        return self.timed(argv, cwd=workdir)

    # -- reading back --

    def get(self, path, **params):
        answer = self.session.get(self.upstream + path, params=params, timeout=120)
        return answer.status_code, (answer.json() if answer.content else None)

    def live_keys(self, prefix):
        """Every live key whose alias starts with `prefix`- (or is one of lasm's names for it)."""
        starts = (prefix + '-', lasm_alias(prefix))
        keys, page = [], 1
        while True:
            _status, body = self.get('/key/list', return_full_object='true', page=page, size=100)
            batch = (body or {}).get('keys') or []
            keys += [k for k in batch if isinstance(k, dict) and str(k.get('key_alias') or '').startswith(starts)]
            if page >= ((body or {}).get('total_pages') or 0) or not batch:
                return keys
            page += 1

    def differences(self, wanted, kinds, prefix):
        """What the proxy holds that differs from `wanted` (read back directly), as short strings; [] = exact."""
        wrong = []
        if 'keys' in kinds:
            live = self.live_keys(prefix)
            by_alias = {}
            for key in live:
                by_alias.setdefault(key['key_alias'], []).append(key)
            for key in wanted['keys']:
                found = by_alias.pop(key['key_alias'], [])
                if len(found) != 1:
                    wrong.append('key %s: %d on the proxy' % (key['key_alias'], len(found)))
                    continue
                for name in kinds['keys']:
                    if found[0].get(name) != key[name]:
                        wrong.append('key %s: %s %r, wanted %r' % (key['key_alias'], name, found[0].get(name), key[name]))
            wrong += ['key %s: not wanted' % alias for alias in by_alias]
        if 'teams' in kinds:
            for team in wanted['teams']:
                status, body = self.get('/team/info', team_id=team['team_id'])
                info = (body or {}).get('team_info') if status == 200 else None
                if not info:
                    wrong.append('team %s: missing' % team['team_id'])
                elif any(info.get(n) != team[n] for n in ('team_alias', 'max_budget')):
                    wrong.append('team %s: %s' % (team['team_id'], dict((n, info.get(n)) for n in ('team_alias', 'max_budget'))))
        if 'users' in kinds:
            for user in wanted['users']:
                status, body = self.get('/user/info', user_id=user['user_id'])
                info = (body or {}).get('user_info') if status == 200 else None
                if not info or any(info.get(n) != user[n] for n in ('user_email', 'user_alias')):
                    wrong.append('user %s: %s' % (user['user_id'], 'missing' if not info else 'differs'))
        if 'credentials' in kinds:
            _status, body = self.get('/credentials')
            names = set(c.get('credential_name') for c in (body or {}).get('credentials') or [])
            wrong += ['credential %s: missing' % c['credential_name'] for c in wanted['credentials']
                      if c['credential_name'] not in names]
        if 'models' in kinds:
            for model in wanted['models']:
                status, body = self.get('/model/info', litellm_model_id=model['model_id'])
                data = (body or {}).get('data') or [] if status == 200 else []
                named = [m for m in data if m.get('model_name') == model['model_name']]
                if len(named) != 1:
                    wrong.append('model %s: %d on the proxy' % (model['model_id'], len(named)))
        return wrong

    # -- cleaning up --

    def delete(self, prefix, wanted):
        def post(path, body):
            return self.session.post(self.upstream + path, data=json.dumps(body), timeout=300)

        aliases = [k['key_alias'] for k in self.live_keys(prefix)]
        for start in range(0, len(aliases), 50):
            post('/key/delete', {'key_aliases': aliases[start:start + 50]})
        post('/team/delete', {'team_ids': [t['team_id'] for t in wanted['teams']]})
        post('/user/delete', {'user_ids': [u['user_id'] for u in wanted['users']]})
        for credential in wanted['credentials']:
            self.session.delete(self.upstream + '/credentials/' + credential['credential_name'], timeout=60)
        for model in wanted['models']:
            post('/model/delete', {'id': model['model_id']})
        # lasm's models/keys carry these names
        status, body = self.get('/model/info')
        for model in (body or {}).get('data') or [] if status == 200 else []:
            if str(model.get('model_name') or '').startswith(prefix):
                post('/model/delete', {'id': (model.get('model_info') or {}).get('id')})

    # -- the runs --

    def one_run(self, tool, shown, phase, prefix, objects):
        """(wall, cpu, process, counts) of one run of `tool` given the state `shown`."""
        if tool == 'collection':
            return self.collection(shown, phase)
        if tool == 'litellm-as-code':
            return self.las(shown, phase)
        return self.lasm(state(prefix, **objects), phase, prefix)

    def tool_rows(self, tool, size):
        args = self.args
        prefix = '%s-%s-%d' % (self.run_id, tool, size)
        objects = dict(keys=size, teams=args.teams, users=args.users, credentials=args.credentials, models=args.models)
        if tool == 'lasm':
            objects = dict(keys=size, teams=0, users=0, credentials=0, models=0)
        base = state(prefix, **objects)
        changed = state(prefix, changed=True, **objects)
        if tool == 'lasm':
            # what the proxy must hold: the keys under the names lasm gives them
            expected = [dict(k, key_alias=lasm_alias(k['key_alias'])) for k in base['keys']]
            base, changed = dict(base, keys=expected), dict(changed, keys=expected)
        if tool == 'lasm':
            # lasm's keys have no budget: its one-field change is the key's models... which it cannot express
            # without a second model; the change rows are left out for it.
            kinds = {'keys': ['key_alias']}
        else:
            kinds = {'keys': ['team_id', 'max_budget'], 'teams': 1, 'users': 1, 'credentials': 1, 'models': 1}
        self.made.append((prefix, changed))
        phases = PHASES if tool != 'lasm' else PHASES[:2]
        for phase in phases:
            wanted = changed if phase == 'one-field change' else base
            shown = changed if phase == 'dry run of a change' else wanted  # what the tool is given
            # The rows that change nothing run --repeat times (the median run is shown); the others once.
            repeat = self.args.repeat if phase in REPEATED else 1
            wall, cpu, proc, counts = median_run([self.one_run(tool, shown, phase, prefix, objects)
                                                  for run in range(repeat)])
            ok_exit = proc.returncode == 0 or (tool == 'litellm-as-code' and phase == 'dry run of a change'
                                               and proc.returncode == 2)
            wrong = self.differences(wanted, kinds, prefix)
            if phase == 'dry run of a change':
                wrong += misprediction(tool, proc)
            row = {'tool': tool, 'size': size, 'phase': phase, 'wall': wall, 'cpu': cpu,
                   'objects': sum(objects.values()), 'requests': counts['total'], 'writes': counts['writes'],
                   'by_method': counts['by_method'], 'load': counts['load'], 'rc': proc.returncode,
                   'exact': ok_exit and not wrong, 'wrong': wrong[:5], 'wrong_count': len(wrong),
                   'tail': '' if ok_exit else failure_lines(proc.stdout + proc.stderr)}
            self.rows.append(row)
            log('%-16s %4d keys  %-20s %7.2f s  cpu %6.2f s  %5d requests (%d writes)  rc %s  %s' % (
                tool, size, phase, wall, cpu, row['requests'], row['writes'], proc.returncode,
                'exact' if row['exact'] else 'NOT EXACT: %d differences %s' % (len(wrong), wrong[:2])))
            if not ok_exit:
                log('  its failure: %s' % row['tail'])
            if tool == 'collection' and phase in ('no-op', 'dry run of a change'):
                self.check_reads(row, counts, objects)
            if phase == 'no-op' and counts['writes']:
                row['write_paths'] = dict((path, n) for path, n in counts['by_path'].items()
                                          if not path.startswith(('GET ', 'HEAD ')))
                log('  writes in the no-op: %s' % row['write_paths'])
        if tool == 'collection':
            wall, cpu, proc, counts = median_run([self.collection(base, 'no-op', floor=True)
                                                  for run in range(self.args.repeat)])
            self.rows.append({'tool': 'Ansible floor (peer_floor.yml)', 'size': size, 'phase': 'any', 'wall': wall,
                              'cpu': cpu, 'objects': sum(objects.values()), 'requests': counts['total'],
                              'writes': counts['writes'], 'load': counts['load'], 'rc': proc.returncode,
                              'exact': None, 'wrong': [], 'wrong_count': 0})
            log('Ansible floor    %4d keys  %7.2f s  cpu %6.2f s' % (size, wall, cpu))

    def check_reads(self, row, counts, objects):
        """The collection's no-op and dry run: the loops over teams and users read as loop_reads says, one GET per
        credential and model, one per 100 live keys (the page count from the live keys just before or just after
        the run), and no write. A difference is printed and makes the exit status 1."""
        loops = loop_reads(objects['teams'], counts['pages']['teams'])
        loops += loop_reads(objects['users'], counts['pages']['users'])
        reads = loops + objects['credentials'] + objects['models']
        expected = sorted(set(reads + max(1, -(-live // 100)) for live in counts['live']))
        gets = counts['by_method'].get('GET', 0)
        row['expected_gets'] = expected
        if gets not in expected or counts['writes']:
            row['count_error'] = 'GET %d (expected %s), writes %d (expected 0): %s' % (
                gets, ' or '.join(str(n) for n in expected), counts['writes'],
                dict((path, n) for path, n in counts['by_path'].items() if not path.startswith('HEAD ')))
            self.count_errors.append('%s %d keys %s: %s' % (row['tool'], row['size'], row['phase'], row['count_error']))
            log('  REQUEST COUNT WRONG: %s' % row['count_error'])

    def run(self):
        try:
            for size in self.args.sizes:
                for tool in self.args.tools:
                    self.tool_rows(tool, size)
        finally:
            for prefix, wanted in self.made:
                try:
                    self.delete(prefix, wanted)
                except requests.RequestException as exc:
                    log('cleanup of %s failed: %s' % (prefix, exc))
            self.fp.stop()
        return self.report()

    def report(self):
        out = []
        out.append('litellm-as-code runs through a shim of a few lines (tests/benchmarks/peers.py PEER_SHIM): its '
                   'GET /organization/list answering 403 (no Enterprise licence) is taken as "no organizations".')
        out.append('lasm manages keys without team, budget or user: it gets the keys only (alias, one model), first '
                   'apply and no-op.')
        out.append('')
        out.append('| tool | keys | phase | wall s | client CPU s | requests | writes | exact | load | '
                   'ours / this (wall) | ours / this (CPU) |')
        out.append('|---|---:|---|---:|---:|---:|---:|---|---:|---:|---:|')
        ours = dict(((r['size'], r['phase']), r) for r in self.rows if r['tool'] == 'collection')
        for row in self.rows:
            mine = ours.get((row['size'], row['phase']))
            ratio_wall = ratio_cpu = ''
            finished = row['rc'] == 0 or (row['rc'] == 2 and row['phase'] == 'dry run of a change')
            comparable = row['tool'] != 'collection' and finished and row['exact'] and row['wall'] and row['cpu']
            if mine is not None and comparable:
                ratio_wall = '%.2fx' % (mine['wall'] / row['wall'])
                ratio_cpu = '%.2fx' % (mine['cpu'] / row['cpu'])
            if row['tool'].startswith('Ansible floor'):
                mine = ours.get((row['size'], 'no-op'))
                if mine:
                    ratio_wall = 'no-op %.2fx' % (mine['wall'] / row['wall'])
                    ratio_cpu = 'no-op %.2fx' % (mine['cpu'] / row['cpu'])
            exact = '' if row['exact'] is None else ('yes' if row['exact'] else 'no (%d%s)' % (
                row['wrong_count'], ', rc %s' % row['rc'] if row['rc'] not in (0, 2) else ''))
            out.append('| %s | %d | %s | %.2f | %.2f | %d | %d | %s | %.1f | %s | %s |' % (
                row['tool'], row['size'], row['phase'], row['wall'], row['cpu'], row['requests'], row['writes'],
                exact, row['load'], ratio_wall, ratio_cpu))
        checked = [r for r in self.rows if 'expected_gets' in r]
        out.append('')
        out.append('Request counts of the collection\'s no-op and dry run (one GET per team, user, credential and model, '
                   'one per 100 live keys, no write): %d checks, %d wrong%s' % (
                       len(checked), len(self.count_errors),
                       ''.join('\n- ' + error for error in self.count_errors)))
        text = '\n'.join(out)
        print(text)
        if self.args.json_out:
            with open(self.args.json_out, 'w', encoding='utf-8') as handle:
                json.dump({'rows': self.rows, 'count_errors': self.count_errors}, handle, indent=1)
        return 1 if self.count_errors else 0


def main(argv=None):
    parser = argparse.ArgumentParser(description='berriai.litellm beside the proxy-as-code tools on PyPI.')
    parser.add_argument('--api-base', default=os.environ.get('LITELLM_API_BASE'))
    parser.add_argument('--api-key', default=os.environ.get('LITELLM_API_KEY'))
    parser.add_argument('--collections-path', required=True)
    parser.add_argument('--ansible-playbook', default='ansible-playbook')
    parser.add_argument('--peers-venv', required=True, help='a venv with litellm-as-code and lasm installed')
    parser.add_argument('--sizes', type=lambda v: [int(s) for s in v.replace(',', ' ').split()], default=[10, 200])
    parser.add_argument('--tools', type=lambda v: v.replace(',', ' ').split(),
                        default=['collection', 'litellm-as-code', 'lasm'])
    parser.add_argument('--teams', type=int, default=10)
    parser.add_argument('--users', type=int, default=20)
    parser.add_argument('--credentials', type=int, default=2)
    parser.add_argument('--models', type=int, default=5)
    parser.add_argument('--repeat', type=int, default=3, help='runs of the no-op, dry run and floor rows (median)')
    parser.add_argument('--json-out')
    args = parser.parse_args(argv)
    if not args.api_base or not args.api_key:
        parser.error('LITELLM_API_BASE and LITELLM_API_KEY (or --api-base/--api-key) are required')
    return Peers(args).run()


if __name__ == '__main__':
    sys.exit(main())
