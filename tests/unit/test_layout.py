# -*- coding: utf-8 -*-
# The repository's own references hold: every integration target says where it runs (an `aliases` file, as
# ansible-test and scripts/test.sh read it), and every script or doc a plugin's text names exists.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import glob
import os
import re

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
TARGETS = sorted(os.path.basename(os.path.dirname(p))
                 for p in glob.glob(os.path.join(ROOT, 'tests', 'integration', 'targets', '*', 'tasks')))


@pytest.mark.parametrize('target', TARGETS)
def test_every_integration_target_has_aliases_naming_its_context(target):
    path = os.path.join(ROOT, 'tests', 'integration', 'targets', target, 'aliases')
    assert os.path.isfile(path), '%s has no aliases file' % target
    with open(path) as handle:
        assert 'context/controller' in handle.read().split(), target


def _named_paths():
    pattern = re.compile(r'\b((?:scripts|docs|tests)/[A-Za-z0-9_./-]+\.(?:py|sh|md))\b')
    for path in sorted(glob.glob(os.path.join(ROOT, 'plugins', '*', '*.py'))):
        with open(path) as handle:
            for name in pattern.findall(handle.read()):
                yield os.path.relpath(path, ROOT), name


def test_every_script_and_doc_a_plugin_names_exists():
    named = list(_named_paths())
    assert len(named) > 5
    missing = [(source, name) for source, name in named if not os.path.exists(os.path.join(ROOT, name))]
    assert missing == []


def test_every_module_utils_file_has_its_unit_test_file():
    # tests/unit mirrors module_utils file by file: plugins/module_utils/_x.py -> tests/unit/plugins/module_utils/test_x.py
    sources = sorted(os.path.basename(p)[1:] for p in glob.glob(os.path.join(ROOT, 'plugins', 'module_utils', '_*.py'))
                     if not p.endswith('__init__.py'))
    assert len(sources) > 10
    missing = ['plugins/module_utils/_%s has no tests/unit/plugins/module_utils/test_%s' % (name, name)
               for name in sources
               if not os.path.isfile(os.path.join(ROOT, 'tests', 'unit', 'plugins', 'module_utils', 'test_' + name))]
    assert missing == [], 'tests/unit mirrors module_utils file by file (issue 21 item 4): %s' % '; '.join(missing)
