#!/usr/bin/env python
# Copyright: contributors to the berriai.litellm collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The benchmark of berriai.litellm against its peers, on a real LiteLLM proxy. Run it with tests/benchmarks/run.sh.

Every contestant is a separate process (ansible-playbook, or raw_bulk.py) whose wall time is measured here,
and talks to the proxy through one counting forwarder (tests/tools/faultproxy.py, started in this process),
so the requests of each row are counted in the same run that is timed, and every row pays the forwarder's
latency alike. See tests/benchmarks/README.md for what each row is.

Exit status: 0 when every request count is the expected one (timing targets are reported, not enforced,
unless --strict), 1 otherwise.
"""

import argparse
import datetime
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import statistics
import tempfile
import threading
import time

import requests

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
PLAYBOOKS = os.path.join(HERE, 'playbooks')
sys.path.insert(0, os.path.join(REPO, 'tests', 'tools'))

from faultproxy import FaultProxy  # noqa: E402  pylint: disable=wrong-import-position
from peers import loop_reads  # noqa: E402  pylint: disable=wrong-import-position

PAGE = 100
TARGETS = {
    'loop_noop_vs_floor': 0.5,
    'bulk_noop_vs_raw': 1.5,
    'bulk_create_vs_raw': 1.5,
    'member_noop_vs_floor': 0.2,
}


def log(message):
    sys.stderr.write('[bench %s] %s\n' % (time.strftime('%H:%M:%S'), message))
    sys.stderr.flush()


class Bench(object):

    def __init__(self, args):
        self.args = args
        self.upstream = args.api_base.rstrip('/')
        self.api_key = args.api_key
        self.work = tempfile.mkdtemp(prefix='litellm-bench-')
        self.session = requests.Session()
        self.session.headers.update({'Authorization': 'Bearer %s' % self.api_key, 'Content-Type': 'application/json'})
        self.run_id = 'bench-%s-%d' % (time.strftime('%H%M%S'), os.getpid())
        self.teams_made = []
        self.rows = []
        self.checks = []
        self.fp = None
        self.sample_live = False

    # -- plumbing --

    def start_forwarder(self):
        self.fp = FaultProxy(self.upstream).start()
        # Count the client connections it accepts too (keep-alive shows as few connections for many requests).
        server, track, lock = self.fp.server, self.fp.server.track, threading.Lock()
        self.connections = [0]

        def counting_track(conn):
            with lock:
                self.connections[0] += 1
            track(conn)
        server.track = counting_track
        log('counting forwarder %s -> %s' % (self.fp.url, self.upstream))

    def vars_file(self, name, data):
        path = os.path.join(self.work, name + '.json')
        with open(path, 'w', encoding='utf-8') as handle:
            json.dump(data, handle)
        return path

    def key_set(self, kind, count, teams):
        team_aliases = ['%s-%s-t%02d' % (self.run_id, kind, i) for i in range(teams)]
        keys = [{'key_alias': '%s-%s-k%04d' % (self.run_id, kind, i), 'team_alias': team_aliases[i % teams],
                 'max_budget': 10.0} for i in range(count)]
        return team_aliases, keys

    def env(self):
        env = dict(os.environ)
        env.update({
            'ANSIBLE_COLLECTIONS_PATH': self.args.collections_path,
            'ANSIBLE_CALLBACK_PLUGINS': os.path.join(HERE, 'callback_plugins'),
            'ANSIBLE_CALLBACKS_ENABLED': 'bench_record',
            'BENCH_RECORD_FILE': os.path.join(self.work, 'record.json'),
            'ANSIBLE_LOCALHOST_WARNING': 'False',
            'ANSIBLE_INVENTORY_UNPARSED_WARNING': 'False',
            'ANSIBLE_RETRY_FILES_ENABLED': 'False',
            'ANSIBLE_NOCOLOR': '1',
            'LITELLM_API_KEY': self.api_key,
        })
        env.pop('ANSIBLE_CONFIG', None)
        return env

    def counted(self, argv):
        """Run argv with the forwarder's counters zeroed; (wall seconds, completed process, forwarded counts)."""
        self.fp.reset_counts()
        self.connections[0] = 0
        live_before = self.live_keys() if self.sample_live else None
        load = os.getloadavg()[0]
        started = time.monotonic()
        proc = subprocess.run(argv, cwd=self.work, env=self.env(), capture_output=True, text=True, check=False)
        wall = time.monotonic() - started
        counts = self.fp.counts()['forwarded']
        # The live keys just before and after (read directly, not counted): the pages a full read takes.
        counts['live'] = (live_before, self.live_keys()) if self.sample_live else None
        counts['connections'] = self.connections[0]
        counts['load'] = load
        return wall, proc, counts

    def playbook(self, playbook, vars_path, extra=None, check=False, quiet_fail=False):
        argv = [self.args.ansible_playbook, os.path.join(PLAYBOOKS, playbook), '-e', '@' + vars_path,
                '-e', 'bench_api_base=%s' % self.fp.url]
        for name, value in (extra or {}).items():
            argv += ['-e', '%s=%s' % (name, value)]
        if check:
            argv.append('--check')
        record_file = os.path.join(self.work, 'record.json')
        if os.path.exists(record_file):
            os.unlink(record_file)
        wall, proc, counts = self.counted(argv)
        if proc.returncode != 0 and not quiet_fail:
            raise SystemExit('ansible-playbook %s failed (rc %s):\n%s\n%s' % (playbook, proc.returncode,
                                                                              proc.stdout[-3000:], proc.stderr[-3000:]))
        summary, tasks_seconds = None, None
        if os.path.exists(record_file):
            with open(record_file, encoding='utf-8') as handle:
                record = json.load(handle)
            summary = record['summary']
            timed = [t for t in record['tasks'] if t['name'] != 'BENCH summary' and t['end'] is not None]
            if timed:
                tasks_seconds = timed[-1]['end'] - timed[0]['start']
        return {'wall': wall, 'counts': counts, 'summary': summary, 'tasks_seconds': tasks_seconds}

    def raw(self, mode, vars_path):
        argv = [sys.executable, os.path.join(HERE, 'raw_bulk.py'), '--vars-file', vars_path, '--mode', mode,
                '--concurrency', str(self.args.concurrency), '--api-base', self.fp.url]
        wall, proc, counts = self.counted(argv)
        if proc.returncode != 0:
            raise SystemExit('raw_bulk.py %s failed (rc %s):\n%s\n%s' % (mode, proc.returncode, proc.stdout, proc.stderr))
        summary = json.loads(proc.stdout.strip().splitlines()[-1])
        return {'wall': wall, 'counts': counts, 'summary': summary, 'tasks_seconds': summary['seconds']}

    def live_keys(self):
        """How many live keys the proxy holds (read directly, not counted)."""
        body = self.session.get(self.upstream + '/key/list', params={'page': 1, 'size': 1}, timeout=60).json()
        return int(body.get('total_count') or 0)

    @staticmethod
    def reads(others, before, after):
        """GETs of a bulk run: `others` plus one page per 100 live keys (a range if the count moved)."""
        pages = sorted(max(1, math.ceil(n / float(PAGE))) for n in (before, after))
        return (others + pages[0], others + pages[1])

    def delete_teams(self, aliases):
        """Delete teams by id (= alias here): their keys go with them."""
        for start in range(0, len(aliases), 20):
            batch = aliases[start:start + 20]
            self.session.post(self.upstream + '/team/delete', data=json.dumps({'team_ids': batch}), timeout=300)
        self.teams_made = [t for t in self.teams_made if t not in aliases]

    def make_teams(self, aliases):
        path = self.vars_file('teams-%d' % len(self.teams_made), {'bench_teams': aliases})
        self.teams_made.extend(aliases)
        self.playbook('teams.yml', path)

    # -- recording --

    def row(self, section, label, objects, results, expect=None, note=''):
        """Record one row from one result or several repetitions (median times); check each one's counts."""
        if isinstance(results, dict):
            results = [results]
        first = results[0]
        counts = first['counts']
        tasks = [r['tasks_seconds'] for r in results if r['tasks_seconds'] is not None]
        row = {
            'section': section, 'label': label, 'objects': objects,
            'wall': statistics.median(r['wall'] for r in results), 'walls': [r['wall'] for r in results],
            'tasks_seconds': statistics.median(tasks) if tasks else None, 'runs': len(results),
            'total': counts['total'], 'writes': counts['writes'], 'connections': counts['connections'],
            'load': [r['counts']['load'] for r in results],
            'by_method': counts['by_method'], 'by_path': counts['by_path'], 'summary': first['summary'], 'note': note,
        }
        self.rows.append(row)
        log('%-55s %7.2f s  %5d requests  %4d conn  %s%s' % (
            label, row['wall'], row['total'], row['connections'], json.dumps(counts['by_method'], sort_keys=True),
            '  (median of %s)' % ', '.join('%.2f' % w for w in row['walls']) if len(results) > 1 else ''))
        for result in results:
            self.check(label, result, expect or {})
        return row

    def check(self, label, result, expect):
        counts = result['counts']
        by_method = counts['by_method']
        summary = result['summary'] or {}
        for what, wanted in expect.items():
            if callable(wanted):
                wanted = wanted(result)
            if what in ('GET', 'POST'):
                got = by_method.get(what, 0)
            elif what in ('writes', 'total'):
                got = counts[what]
            elif what.startswith('path '):
                got = counts['by_path'].get(what[5:], 0)
            elif what == 'module':
                # The module's own count (http_requests) must be what the forwarder saw.
                got = dict((k, int(v)) for k, v in (summary.get('http_requests') or {}).items() if int(v))
                wanted = dict(by_method)
            elif what in ('changed', 'failed', 'created'):
                got = int(summary.get(what, -1))
            else:
                raise ValueError(what)
            if isinstance(wanted, tuple):  # a range: other clients of the proxy may add keys meanwhile
                ok = wanted[0] <= got <= wanted[1]
                wanted = wanted[0] if wanted[0] == wanted[1] else '%d..%d' % wanted
            else:
                ok = got == wanted
            self.checks.append({'row': label, 'what': what, 'expected': wanted, 'got': got, 'ok': ok})

    # -- the runs --

    def run(self):
        args = self.args
        n, teams, bulk, reps = args.loop_keys, args.teams, args.bulk_keys, args.repeat
        try:
            self.start_forwarder()
            empty = self.vars_file('empty', {})
            self.row('start', 'ansible-playbook, empty play', 0, [self.playbook('empty.yml', empty) for rep in range(reps)])

            # Loop path
            if n:
                sec = 'loop'
                team_aliases, keys = self.key_set('loop', n, teams)
                uri_keys = self.key_set('uri', n, teams)[1]
                uri_keys = [dict(k, team_alias=team_aliases[i % teams]) for i, k in enumerate(uri_keys)]
                loop_vars = self.vars_file('loop', {'bench_keys': keys, 'bench_teams': team_aliases})
                uri_vars = self.vars_file('uri', {'bench_keys': uri_keys, 'bench_teams': team_aliases})
                log('loop path: %d keys in %d teams' % (n, teams))
                self.make_teams(team_aliases)
                self.row(sec, 'litellm_key loop, first run (creates)', n, self.playbook('key_loop.yml', loop_vars),
                         expect={'POST': n, 'path POST /key/generate': n, 'writes': n, 'changed': n, 'module': True})
                # The no-op (the run the target is about) is short beside the uri runs, so a burst of other load
                # on the machine can land on it alone: it runs three times, spread over the section (median).
                # The loop's items read the key list once it takes no more pages than the keys asked so far
                # (_records.Listing; peers.loop_reads): n reads become a few pages, as many as the live keys
                # before the run take (the uri runs below add keys).
                self.sample_live = True

                def key_reads(result):
                    return loop_reads(n, max(1, math.ceil(result['counts']['live'][0] / float(PAGE))))

                noops = [self.playbook('key_loop.yml', loop_vars)]
                self.row(sec, 'litellm_key loop, check mode (all %d would change)' % n, n,
                         self.playbook('key_loop.yml', loop_vars, extra={'bench_budget': 20}, check=True),
                         expect={'GET': lambda result: teams + key_reads(result), 'path GET /v2/team/list': teams,
                                 'writes': 0, 'changed': n, 'module': True})
                m = min(n, args.module_path_keys)
                if m:
                    few = self.vars_file('loop-module-path', {'bench_keys': keys[:m], 'bench_teams': team_aliases})
                    self.row(sec, 'litellm_key loop, no-op, module path (fast path off)', m,
                             self.playbook('key_loop.yml', few, extra={'litellm_fast_path': 'false'}),
                             expect={'GET': 2 * m, 'writes': 0, 'changed': 0, 'module': True})
                self.row(sec, 'uri playbook, first run (look up, create)', n, self.playbook('uri_loop.yml', uri_vars),
                         expect={'GET': teams + n, 'POST': n, 'changed': n})
                noops.append(self.playbook('key_loop.yml', loop_vars))
                self.row(sec, 'uri playbook, rerun (look up)', n, self.playbook('uri_loop.yml', uri_vars),
                         expect={'GET': teams + n, 'writes': 0, 'changed': 0})
                self.row(sec, 'uri GET per item (Ansible floor)', n, self.playbook('uri_floor.yml', loop_vars),
                         expect={'GET': n, 'writes': 0})
                noops.append(self.playbook('key_loop.yml', loop_vars))
                self.row(sec, 'litellm_key loop, no-op rerun', n, noops,
                         expect={'GET': lambda result: teams + key_reads(result), 'path GET /v2/team/list': teams,
                                 'path GET /key/list': key_reads, 'writes': 0, 'changed': 0, 'module': True})
                self.sample_live = False
                self.delete_teams(team_aliases)

            # Bulk path
            if bulk:
                sec = 'bulk'
                c = args.concurrency
                log('bulk path: %d keys in %d teams, concurrency %d' % (bulk, teams, c))
                rounds = []
                for r in range(max(1, args.create_rounds)):
                    m_teams, m_keys = self.key_set('bm%d' % r, bulk, teams)
                    r_teams, r_keys = self.key_set('br%d' % r, bulk, teams)
                    rounds.append((m_teams, self.vars_file('bulk-module-%d' % r, {'bench_keys': m_keys,
                                                                                  'bench_concurrency': c}),
                                   r_teams, self.vars_file('bulk-raw-%d' % r, {'bench_keys': r_keys})))
                self.make_teams([t for rnd in rounds for t in rnd[0] + rnd[2]])

                # Each create starts from the same proxy state (the other contestant's keys are deleted first);
                # the order alternates from round to round.
                self.sample_live = True
                creates, raw_creates, create_counts = [], [], []
                for r, (m_teams, m_vars, r_teams, r_vars) in enumerate(rounds):
                    for who in (('module', 'raw') if r % 2 == 0 else ('raw', 'module')):
                        if who == 'module':
                            creates.append(self.playbook('keys_bulk.yml', m_vars))
                            create_counts.append(('module', creates[-1]))
                            if r == 0:
                                self.bulk_reads(sec, bulk, m_vars)
                            self.delete_teams(m_teams)
                        else:
                            raw_creates.append(self.raw('create', r_vars))
                            create_counts.append(('raw', raw_creates[-1]))
                            self.delete_teams(r_teams)
                self.row(sec, 'litellm_keys, create', bulk, creates)
                self.row(sec, 'raw_bulk.py, create (same calls, %d threads)' % c, bulk, raw_creates)
                for who, result in create_counts:
                    # Team lookups, the paged read of the live keys before the run, one read of deleted keys
                    # per team; one generate per key (the module also reads the keys back, below).
                    before, after = result['counts']['live']
                    expect = {'GET': self.reads(2 * teams, before, after - bulk), 'POST': bulk,
                              'path GET /v2/team/list': teams}
                    if who == 'module':
                        # and, after the writes, every live key read back once (one page per 100) to verify them
                        verify = self.reads(0, before + bulk, after)
                        expect['GET'] = (expect['GET'][0] + verify[0], expect['GET'][1] + verify[1])
                        expect.update({'path POST /key/generate': bulk, 'changed': bulk, 'module': True})
                        self.check('litellm_keys, create', result, expect)
                    else:
                        expect['created'] = bulk
                        self.check('raw_bulk.py, create', result, expect)

            # Other objects: loops of litellm_team_member and litellm_model against a uri GET per object
            if args.member_loop or args.model_loop:
                self.object_loops(args.member_loop, args.model_loop)
        finally:
            self.delete_objects()
            if self.teams_made:
                log('cleanup: deleting %d teams (and their keys)' % len(self.teams_made))
                try:
                    self.delete_teams(list(self.teams_made))
                except requests.RequestException as exc:
                    log('cleanup failed: %s; delete the teams %s* by hand' % (exc, self.run_id))
            if self.fp is not None:
                self.fp.stop()
            shutil.rmtree(self.work, ignore_errors=True)

    def object_loops(self, members, models):
        """No-op loops of litellm_team_member (one team's members) and litellm_model (DB deployments), each beside
        a uri loop of one GET per object (the same read the module sends: /team/info, /model/info)."""
        sec, reps = 'objects', self.args.repeat
        if members:
            team = '%s-members' % self.run_id
            self.make_teams([team])
            self.users_made = ['%s-u%04d' % (self.run_id, i) for i in range(members)]
            m_vars = self.vars_file('members', {'bench_team': team, 'bench_members': self.users_made})
            u_vars = self.vars_file('members-uri', {'bench_paths': ['/team/info?team_id=%s' % team] * members})
            log('objects: %d members of one team' % members)
            self.row(sec, 'litellm_team_member loop, first run (adds)', members, self.playbook('member_loop.yml', m_vars),
                     expect={'path POST /team/member_add': members, 'writes': members, 'changed': members,
                             'module': True})
            noop, floor = [], []
            for rep in range(reps):
                noop.append(self.playbook('member_loop.yml', m_vars))
                floor.append(self.playbook('uri_get_loop.yml', u_vars))
            # the loop reads the team once (its items share the roster until one of them writes)
            self.row(sec, 'litellm_team_member loop, no-op rerun', members, noop,
                     expect={'GET': 1, 'path GET /team/info': 1, 'writes': 0, 'changed': 0, 'module': True})
            self.row(sec, 'uri GET per member (/team/info)', members, floor, expect={'GET': members, 'writes': 0})
            self.delete_teams([team])
        if models:
            self.models_made = ['%s-m%03d' % (self.run_id, i) for i in range(models)]
            m_vars = self.vars_file('models', {'bench_models': self.models_made})
            u_vars = self.vars_file('models-uri', {'bench_paths': ['/model/info?litellm_model_id=%s' % m
                                                                   for m in self.models_made]})
            log('objects: %d model deployments' % models)
            self.row(sec, 'litellm_model loop, first run (creates)', models, self.playbook('model_loop.yml', m_vars),
                     expect={'path POST /model/new': models, 'writes': models, 'changed': models, 'module': True})
            noop, floor = [], []
            for rep in range(reps):
                noop.append(self.playbook('model_loop.yml', m_vars))
                floor.append(self.playbook('uri_get_loop.yml', u_vars))
            self.row(sec, 'litellm_model loop, no-op rerun', models, noop,
                     expect={'GET': models, 'writes': 0, 'changed': 0, 'module': True})
            self.row(sec, 'uri GET per model (/model/info)', models, floor, expect={'GET': models, 'writes': 0})

    def delete_objects(self):
        """The users the member rows created (member_add creates them) and the model rows' deployments."""
        try:
            users, models = getattr(self, 'users_made', []), getattr(self, 'models_made', [])
            for start in range(0, len(users), 100):
                self.session.post(self.upstream + '/user/delete', data=json.dumps({'user_ids': users[start:start + 100]}),
                                  timeout=300)
            for model_id in models:
                self.session.post(self.upstream + '/model/delete', data=json.dumps({'id': model_id}), timeout=60)
            self.users_made, self.models_made = [], []
        except requests.RequestException as exc:
            log('cleanup failed: %s; delete the users and models %s* by hand' % (exc, self.run_id))

    def bulk_reads(self, sec, bulk, m_vars):
        """The short runs over the module's 1,000 live keys, alternating and repeated; rows show the median."""
        reps = self.args.repeat
        before = self.live_keys()
        noop, raw_noop, check, floor = [], [], [], []
        teams = self.args.teams
        for rep in range(reps):
            noop.append(self.playbook('keys_bulk.yml', m_vars))
            raw_noop.append(self.raw('noop', m_vars))
            check.append(self.playbook('keys_bulk.yml', m_vars, extra={'bench_budget': 20}, check=True))
            floor.append(self.playbook('bulk_floor.yml', m_vars))
        # One GET per team alias, one per 100 live keys (from the live count around that very run), no write.
        reads = {'path GET /v2/team/list': teams, 'writes': 0,
                 'GET': lambda result: self.reads(teams, *result['counts']['live'])}
        self.row(sec, 'litellm_keys, no-op', bulk, noop, expect=dict(reads, changed=0, module=True),
                 note='%d live keys' % before)
        self.row(sec, 'raw_bulk.py, no-op (same reads)', bulk, raw_noop, expect=dict(reads), note='%d live keys' % before)
        self.row(sec, 'litellm_keys, check mode (all %d would change)' % bulk, bulk, check,
                 expect=dict(reads, changed=bulk, module=True))
        self.row(sec, 'Ansible floor: one task over the %d-key list (debug)' % bulk, bulk, floor, expect={'total': 0})
        if self.args.module_path_keys:
            self.row(sec, 'litellm_keys, no-op, module path (fast path off)', bulk,
                     self.playbook('keys_bulk.yml', m_vars, extra={'litellm_fast_path': 'false'}),
                     expect=dict(reads, changed=0, module=True))

    # -- report --

    def find(self, label_start):
        for row in self.rows:
            if row['label'].startswith(label_start):
                return row
        return None

    def ratios(self):
        """Wall-time ratios (and in-task ratios). Rows over different numbers of keys compare time per key."""
        pairs = [
            ('loop_noop_vs_floor', 'litellm_key loop no-op / uri GET per item', 'litellm_key loop, no-op rerun',
             'uri GET per item'),
            (None, 'litellm_key loop no-op / uri playbook rerun', 'litellm_key loop, no-op rerun',
             'uri playbook, rerun'),
            (None, 'litellm_key loop first run / uri playbook first run', 'litellm_key loop, first run',
             'uri playbook, first run'),
            (None, 'litellm_key loop no-op, module path / uri GET per item (per key)',
             'litellm_key loop, no-op, module path', 'uri GET per item'),
            (None, 'litellm_key loop no-op, fast path / module path (per key)', 'litellm_key loop, no-op rerun',
             'litellm_key loop, no-op, module path'),
            ('bulk_noop_vs_raw', 'litellm_keys no-op / raw_bulk.py no-op', 'litellm_keys, no-op', 'raw_bulk.py, no-op'),
            ('bulk_create_vs_raw', 'litellm_keys create / raw_bulk.py create', 'litellm_keys, create',
             'raw_bulk.py, create'),
            (None, 'litellm_keys check mode / raw_bulk.py no-op', 'litellm_keys, check mode', 'raw_bulk.py, no-op'),
            (None, 'litellm_keys no-op / Ansible floor for one task over the list', 'litellm_keys, no-op',
             'Ansible floor: one task'),
            (None, 'litellm_key loop no-op / litellm_keys no-op (per key)', 'litellm_key loop, no-op rerun',
             'litellm_keys, no-op'),
            ('member_noop_vs_floor', 'litellm_team_member loop no-op / uri GET per member',
             'litellm_team_member loop, no-op rerun', 'uri GET per member'),
            (None, 'litellm_model loop no-op / uri GET per model', 'litellm_model loop, no-op rerun',
             'uri GET per model'),
        ]
        out = []
        for target_name, label, top, bottom in pairs:
            a, b = self.find(top), self.find(bottom)
            if not a or not b:
                continue
            if label.endswith('(per key)'):
                value = (a['wall'] / a['objects']) / (b['wall'] / b['objects'])
                task_value = None
            else:
                value = a['wall'] / b['wall']
                task_value = (a['tasks_seconds'] / b['tasks_seconds']
                              if a['tasks_seconds'] and b['tasks_seconds'] else None)
            target = TARGETS.get(target_name)
            out.append({'name': target_name, 'label': label, 'value': value, 'task_value': task_value,
                        'target': target, 'met': None if target is None else value <= target})
        # The best any Ansible task could do for the bulk no-op: Ansible's floor for one task over the list, plus
        # the raw script's own work (its HTTP reads and compare, without its interpreter start).
        floor, raw = self.find('Ansible floor: one task'), self.find('raw_bulk.py, no-op')
        if floor and raw and raw['tasks_seconds']:
            bound = (floor['wall'] + raw['tasks_seconds']) / raw['wall']
            out.append({'name': None, 'label': '(Ansible floor + raw_bulk.py no-op in-task) / raw_bulk.py no-op: '
                                               'the bound for any module', 'value': bound,
                        'task_value': None, 'target': None, 'met': None})
        return out

    def report(self, machine):
        lines = []
        lines.append('Measured %s on %s' % (machine['date'], machine['summary']))
        lines.append('Every run went through the counting forwarder; wall = the whole process (ansible-playbook or '
                     'python); in-task = from the start of the first task to the end of the last (raw_bulk.py: its '
                     'own clock); load = the 1-minute load average when the run started (median); rows marked * '
                     'are the median of alternating runs (the loop no-op: 3, spread over the loop section; the '
                     'short bulk runs: %d; the creates: %d).' % (self.args.repeat, self.args.create_rounds))
        lines.append('')
        lines.append('| run | objects | wall s | in-task s | s/object | requests | GET | POST | req/object | '
                     'connections | changed | load |')
        lines.append('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
        order = ['litellm_key loop, first run', 'litellm_key loop, no-op rerun', 'litellm_keys, create',
                 'raw_bulk.py, create', 'litellm_team_member loop, first run', 'litellm_team_member loop, no-op',
                 'uri GET per member', 'litellm_model loop, first run', 'litellm_model loop, no-op']

        def rank(row):
            starts = [row['label'].startswith(o) for o in order]
            return (['start', 'loop', 'bulk', 'objects'].index(row['section']), starts.index(True) if any(starts) else len(order))
        rows = sorted(self.rows, key=rank)
        section = None
        for row in rows:
            if row['section'] != section:
                section = row['section']
                title = {'start': '**constant**', 'loop': '**loop path** (%d keys, %d teams)' % (
                    self.args.loop_keys, self.args.teams),
                    'bulk': '**bulk path** (%d keys, %d teams, concurrency %d)' % (
                        self.args.bulk_keys, self.args.teams, self.args.concurrency),
                    'objects': '**other objects** (%d members of one team; %d DB model deployments)' % (
                        self.args.member_loop, self.args.model_loop)}[section]
                lines.append('| %s | | | | | | | | | | | |' % title)
            objects = row['objects']
            summary = row['summary'] or {}
            changed = summary.get('changed', summary.get('created', ''))
            lines.append('| %s%s | %s | %.2f | %s | %s | %d | %d | %d | %s | %d | %s | %s |' % (
                row['label'], ' *' if row['runs'] > 1 else '', objects or '', row['wall'],
                '%.2f' % row['tasks_seconds'] if row['tasks_seconds'] is not None else '',
                '%.4f' % (row['wall'] / objects) if objects else '',
                row['total'], row['by_method'].get('GET', 0), row['by_method'].get('POST', 0),
                '%.3f' % (row['total'] / float(objects)) if objects else '', row['connections'], changed,
                '%.1f' % statistics.median(row['load'])))
        lines.append('')
        lines.append('| ratio (wall time) | value | in-task | target | |')
        lines.append('|---|---:|---:|---:|---|')
        for ratio in self.ratios():
            lines.append('| %s | %.3fx | %s | %s | %s |' % (
                ratio['label'], ratio['value'],
                '%.3fx' % ratio['task_value'] if ratio['task_value'] is not None else '',
                '<= %.1fx' % ratio['target'] if ratio['target'] else '',
                '' if ratio['met'] is None else ('met' if ratio['met'] else 'MISSED')))
        lines.append('')
        bad = [c for c in self.checks if not c['ok']]
        lines.append('Request counts: %d checks, %d wrong%s' % (len(self.checks), len(bad), ':' if bad else '.'))
        for check in bad:
            lines.append('  WRONG %s: %s expected %s, got %s'
                         % (check['row'], check['what'], check['expected'], check['got']))
        return '\n'.join(lines)


def machine_facts(api_base):
    cpu = 'unknown CPU'
    try:
        with open('/proc/cpuinfo', encoding='utf-8') as handle:
            for line in handle:
                if line.startswith('model name'):
                    cpu = line.split(':', 1)[1].strip()
                    break
    except OSError:
        pass
    memory = None
    try:
        with open('/proc/meminfo', encoding='utf-8') as handle:
            for line in handle:
                if line.startswith('MemTotal:'):
                    memory = '%.1f GiB' % (int(line.split()[1]) / 1024.0 / 1024.0)
    except OSError:
        pass
    try:
        from ansible.release import __version__ as ansible_version
    except ImportError:
        ansible_version = 'unknown'
    try:
        litellm = requests.get(api_base.rstrip('/') + '/openapi.json', timeout=30).json()['info']['version']
    except (requests.RequestException, ValueError, KeyError):
        litellm = 'unknown'
    facts = {
        'date': datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC'),
        'nproc': os.cpu_count(), 'memory': memory, 'cpu': cpu, 'ansible_core': ansible_version,
        'python': platform.python_version(), 'requests': requests.__version__, 'litellm': litellm,
        'load_before': os.getloadavg()[0],
    }
    facts['summary'] = ('%(nproc)s CPUs (%(cpu)s), %(memory)s RAM; ansible-core %(ansible_core)s, Python %(python)s, '
                        'requests %(requests)s, LiteLLM %(litellm)s' % facts)
    return facts


def main(argv=None):
    parser = argparse.ArgumentParser(description='Benchmark berriai.litellm against ansible.builtin.uri and plain requests.')
    parser.add_argument('--api-base', default=os.environ.get('LITELLM_API_BASE'))
    parser.add_argument('--api-key', default=os.environ.get('LITELLM_API_KEY'))
    parser.add_argument('--collections-path', required=True, help='a directory holding ansible_collections/berriai/litellm')
    parser.add_argument('--ansible-playbook', default='ansible-playbook')
    parser.add_argument('--loop-keys', type=int, default=200)
    parser.add_argument('--bulk-keys', type=int, default=1000)
    parser.add_argument('--teams', type=int, default=10)
    parser.add_argument('--concurrency', type=int, default=8)
    parser.add_argument('--member-loop', type=int, default=200,
                        help='memberships of the litellm_team_member loop rows (0 leaves them out)')
    parser.add_argument('--model-loop', type=int, default=50,
                        help='DB deployments of the litellm_model loop rows (0 leaves them out)')
    parser.add_argument('--module-path-keys', type=int, default=50,
                        help='keys of the loop row with litellm_fast_path=false (0 leaves out both module-path rows)')
    parser.add_argument('--repeat', type=int, default=3, help='repetitions of the short bulk runs (median shown)')
    parser.add_argument('--create-rounds', type=int, default=2,
                        help='bulk creates of each contestant, alternating which goes first (median shown)')
    parser.add_argument('--json-out', help='write the rows, ratios, checks and machine facts here')
    parser.add_argument('--strict', action='store_true', help='also exit 1 when a timing target is missed')
    args = parser.parse_args(argv)
    if not args.api_base or not args.api_key:
        parser.error('give --api-base/--api-key or set LITELLM_API_BASE/LITELLM_API_KEY')

    machine = machine_facts(args.api_base)
    bench = Bench(args)
    started = time.monotonic()
    bench.run()
    machine['load_after'] = os.getloadavg()[0]
    machine['benchmark_seconds'] = round(time.monotonic() - started, 1)
    text = bench.report(machine)
    print(text)
    print('\nWhole benchmark: %.0f s; load average (1 min) %.2f before, %.2f after.'
          % (machine['benchmark_seconds'], machine['load_before'], machine['load_after']))
    if args.json_out:
        with open(args.json_out, 'w', encoding='utf-8') as handle:
            json.dump({'machine': machine, 'rows': bench.rows, 'ratios': bench.ratios(), 'checks': bench.checks,
                       'args': vars(args)}, handle, indent=1, default=str)
    bad_counts = any(not c['ok'] for c in bench.checks)
    missed = any(r['met'] is False for r in bench.ratios())
    return 1 if bad_counts or (args.strict and missed) else 0


if __name__ == '__main__':
    sys.exit(main())
