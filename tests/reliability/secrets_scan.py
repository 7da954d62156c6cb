"""The verdict of tests/checks/secrets_audit.sh (stdlib + PyYAML, which ansible-core brings).

    secrets_scan.py SECRETS_FILE OUTPUT_DIR TARGETS_DIR

1. Every secret in SECRETS_FILE (written by secret_recorder.py: each credential and each secret that crossed the
   wire during the audited run) and the admin key (environment AUDIT_ADMIN_KEY; also AUDIT_OTHER_KEY, matched as a
   whole word) must appear in no file under OUTPUT_DIR (everything the run printed and logged), neither whole
   nor without its "sk-" prefix. A credential the proxy only ever refused (a deliberately wrong api_key) is
   reported, not failed.
2. Static rules for the integration targets in TARGETS_DIR: a uri task that sends an Authorization header, and
   a set_fact that holds the admin key or a bearer token, must be no_log; no task may put a credential in its
   `environment` (-vvv prints it in the EXEC line, no_log or not). A litellm_key(s) task that registers its
   result without no_log is reported, not failed (it would print a secret it generates at -v).

Findings never show a secret: a secret is named by its LiteLLM token's first 12 characters (sha256 of it).
Exit status 1 if anything failed.
"""
import hashlib
import os
import re
import sys

import yaml

MUST_HIDE = {'answer', 'request', 'query', 'auth-accepted'}


def token(secret):
    return hashlib.sha256(secret.encode('utf-8')).hexdigest()[:12]


def load_secrets(path):
    places = {}
    with open(path, encoding='utf-8') as handle:
        for line in handle:
            place, dummy, secret = line.rstrip('\n').partition('\t')
            if secret:
                places.setdefault(secret, set()).add(place)
    return places


def task_of(lines, index):
    for i in range(index, -1, -1):
        match = re.search(r'TASK \[([^\]]*)\]', lines[i])
        if match:
            return match.group(1)
    return '(before the first task)'


def scan_outputs(outdir, needles):
    """needles: [(label, regex, fatal)]. Returns (fatal findings, notes)."""
    fatal, notes = [], []
    files = sorted(os.path.join(d, f) for d, dummy, fs in os.walk(outdir) for f in fs)
    for path in files:
        with open(path, encoding='utf-8', errors='replace') as handle:
            lines = handle.read().split('\n')
        for label, regex, is_fatal in needles:
            for number, line in enumerate(lines):
                if regex.search(line):
                    finding = '%s in %s line %d (task: %s)' % (
                        label, os.path.relpath(path, outdir), number + 1, task_of(lines, number))
                    (fatal if is_fatal else notes).append(finding)
    return files, fatal, notes


# -- static no_log rules

def truthy_no_log(value):
    if value is True:
        return True
    if isinstance(value, str):
        text = value.strip().lower()
        return text in ('true', 'yes') or bool(re.search(r'default\(\s*true\s*\)', text))
    return False


MODULE_KEYS = ('ansible.builtin.uri', 'uri', 'ansible.builtin.set_fact', 'set_fact',
               'berriai.litellm.litellm_key', 'litellm_key', 'berriai.litellm.litellm_keys', 'litellm_keys')


def walk_tasks(tasks, inherited_no_log, where):
    for task in tasks or []:
        if not isinstance(task, dict):
            continue
        no_log = truthy_no_log(task['no_log']) if 'no_log' in task else inherited_no_log
        for section in ('block', 'rescue', 'always'):
            if section in task:
                yield from walk_tasks(task[section], no_log, where)
        if any(section in task for section in ('block', 'rescue', 'always')):
            continue
        module = next((k for k in MODULE_KEYS if k in task), None)
        yield where, task.get('name') or '(unnamed)', (module or '').split('.')[-1], task, no_log


def static_findings(targets_dir):
    fatal, notes = [], []
    for target in sorted(os.listdir(targets_dir)):
        tdir = os.path.join(targets_dir, target)
        for dirpath, dummy, filenames in os.walk(tdir):
            for filename in sorted(filenames):
                if not filename.endswith(('.yml', '.yaml')):
                    continue
                path = os.path.join(dirpath, filename)
                try:
                    with open(path, encoding='utf-8') as handle:
                        data = yaml.safe_load(handle)
                except (OSError, yaml.YAMLError) as exc:
                    notes.append('%s: not parsed (%s)' % (os.path.relpath(path, targets_dir), type(exc).__name__))
                    continue
                if not isinstance(data, list):
                    continue
                where = os.path.relpath(path, targets_dir)
                plays = [p for p in data if isinstance(p, dict) and 'hosts' in p]
                task_lists = [data] if not plays else [p.get(s) for p in plays for s in ('pre_tasks', 'tasks', 'post_tasks', 'handlers')]
                for tasks in task_lists:
                    for where_, name, module, task, no_log in walk_tasks(tasks, False, where):
                        args = repr(task.get(next((k for k in MODULE_KEYS if k in task), None)))
                        label = 'target %s, %s, task %r' % (target, where_, name)
                        if re.search(r'LITELLM_API_KEY|Bearer|api_key', repr(task.get('environment'))):
                            fatal.append('%s: passes a credential in `environment`, which -vvv prints in the EXEC line '
                                         'even with no_log (the task inherits LITELLM_API_KEY already)' % label)
                        elif module == 'uri' and not no_log and re.search(r'(?i)authorization|_auth\b|auth\W', args):
                            fatal.append('%s: a uri task that sends an Authorization header is not no_log' % label)
                        elif module == 'set_fact' and not no_log and re.search(r'LITELLM_API_KEY|Bearer', args):
                            fatal.append('%s: a set_fact that holds the admin key or a bearer token is not no_log '
                                         '(its facts are printed at -v)' % label)
                        elif module in ('litellm_key', 'litellm_keys') and 'register' in task and not no_log:
                            notes.append('%s: litellm_key registers its result without no_log (a secret it '
                                         'generates would be printed at -v)' % label)
    return fatal, notes


def main(argv):
    if len(argv) != 3:
        sys.exit(__doc__)
    secrets_file, outdir, targets_dir = argv
    places = load_secrets(secrets_file)
    admin = os.environ.get('AUDIT_ADMIN_KEY', '')
    other = os.environ.get('AUDIT_OTHER_KEY', '')
    failures = []

    kinds = {'generated (in an answer)': 0, 'caller-chosen (in a request)': 0, 'credential accepted': 0,
             'credential refused only': 0}
    needles = []
    for secret, where in sorted(places.items()):
        if 'request' in where or 'query' in where:
            kinds['caller-chosen (in a request)'] += 1
        elif 'answer' in where:
            kinds['generated (in an answer)'] += 1
        elif 'auth-accepted' in where:
            kinds['credential accepted'] += 1
        else:
            kinds['credential refused only'] += 1
        if secret == admin:
            continue
        fatal = bool(where & MUST_HIDE)
        label = '%s secret (token %s..., seen: %s)' % (
            'a' if fatal else 'a refused-only', token(secret), ','.join(sorted(where)))
        needles.append((label, re.compile(re.escape(secret)), fatal))
        if len(secret) > 11:
            needles.append((label + ' without its sk- prefix', re.compile(re.escape(secret[3:])), fatal))
    if admin:
        needles.append(('the admin key', re.compile(re.escape(admin)), True))
        needles.append(('the admin key without its sk- prefix', re.compile(re.escape(admin[3:])), True))
    if other and other != admin:
        needles.append(('the master key given to the check', re.compile(r'(?<![A-Za-z0-9_\-])%s(?![A-Za-z0-9_\-])' % re.escape(other)), True))

    print('secrets seen on the wire during the run: %d (%s)' % (len(places), ', '.join('%s: %d' % kv for kv in kinds.items())))
    if kinds['generated (in an answer)'] < 5:
        failures.append('only %d generated secrets crossed the wire: the audited run did too little to prove anything'
                        % kinds['generated (in an answer)'])
    if admin and 'auth-accepted' not in places.get(admin, set()):
        failures.append('the admin key was never used through the recorder: the run did not use it')

    files, leaks, refused_notes = scan_outputs(outdir, needles)
    size = sum(os.path.getsize(f) for f in files)
    print('output scanned: %d files, %d bytes' % (len(files), size))
    for leak in leaks:
        print('LEAK  %s' % leak)
    for note in refused_notes:
        print('note  %s' % note)
    failures.extend(leaks)

    static_fatal, static_notes = static_findings(targets_dir)
    for finding in static_fatal:
        print('NO_LOG  %s' % finding)
    for note in static_notes:
        print('note  %s' % note)
    failures.extend(static_fatal)

    print('%s  no secret and no admin key in the output of the run; no_log rules of the targets'
          % ('ok  ' if not failures else 'FAIL'))
    if failures:
        for failure in failures:
            if failure not in leaks and failure not in static_fatal:
                print('FAIL  %s' % failure)  # (the leaks and no_log findings are listed above)
        print('%d failure(s)' % len(failures))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
