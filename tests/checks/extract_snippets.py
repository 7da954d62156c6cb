#!/usr/bin/env python
# -*- coding: utf-8 -*-
"""Write the YAML snippets of the documentation as playbooks, so ansible-lint can check them.

    extract_snippets.py REPO DEST

- the EXAMPLES of each module in plugins/modules/ (a task list) become DEST/module_<name>.yml, one play;
- every ```yaml block of README.md and docs/*.md (not the generated docs/modules/ pages, whose examples are
  the modules' EXAMPLES) becomes DEST/<file>_<n>.yml: as it is when it is a play, wrapped in one when it
  is a task list.
Prints what it wrote; fails if a snippet is not valid YAML.
"""

from __future__ import absolute_import, division, print_function

import ast
import glob
import os
import re
import sys

import yaml

PLAY = '''---
# From {source}
- name: Snippet from {source}
  hosts: localhost
  connection: local
  gather_facts: false
  tasks:
{tasks}'''


def indent(text, spaces):
    return ''.join((' ' * spaces + line) if line.strip() else line for line in text.splitlines(True))


def as_playbook(text, source):
    data = yaml.safe_load(text)
    if not isinstance(data, list) or not data or not all(isinstance(item, dict) for item in data):
        return None
    if all('hosts' in item or 'import_playbook' in item or 'ansible.builtin.import_playbook' in item for item in data):
        return text if text.startswith('---') else '---\n# From %s\n%s' % (source, text)
    return PLAY.format(source=source, tasks=indent(text.strip('\n') + '\n', 4))


def module_examples(repo):
    for path in sorted(glob.glob(os.path.join(repo, 'plugins', 'modules', '*.py'))):
        tree = ast.parse(open(path).read())
        for node in tree.body:
            if isinstance(node, ast.Assign) and getattr(node.targets[0], 'id', None) == 'EXAMPLES':
                yield 'module_%s' % os.path.basename(path)[:-3], os.path.relpath(path, repo), node.value.value


def markdown_blocks(repo):
    files = [os.path.join(repo, 'README.md')] + sorted(glob.glob(os.path.join(repo, 'docs', '*.md')))
    for path in files:
        if not os.path.exists(path):
            continue
        text = open(path).read()
        for n, match in enumerate(re.finditer(r'^```ya?ml\n(.*?)^```', text, re.S | re.M), 1):
            stem = os.path.relpath(path, repo).replace('/', '_').replace('.md', '')
            yield '%s_%d' % (stem, n), '%s (yaml block %d)' % (os.path.relpath(path, repo), n), match.group(1)


def main(argv):
    repo, dest = argv[1], argv[2]
    if not os.path.isdir(dest):
        os.makedirs(dest)
    bad = 0
    for name, source, text in list(module_examples(repo)) + list(markdown_blocks(repo)):
        try:
            playbook = as_playbook(text, source)
        except yaml.YAMLError as exc:
            print('%s: not valid YAML: %s' % (source, str(exc).replace('\n', ' ')))
            bad = 1
            continue
        if playbook is None:
            print('%s: not a play or a task list, skipped' % source)
            continue
        with open(os.path.join(dest, name + '.yml'), 'w') as handle:
            handle.write(playbook)
        print('%s -> %s.yml' % (source, name))
    return bad


if __name__ == '__main__':
    sys.exit(main(sys.argv))
