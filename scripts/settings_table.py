#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Write docs/settings.md, the table of the team and key settings, from plugins/module_utils/_settings.py and the
modules' documentation (each option's first description line), and docs/objects.md, the table of every object's
options, from their declarations (plugins/module_utils/_declaration.py). tests/unit/plugins/module_utils/
test_settings.py and test_declaration.py fail when a committed page differs, or when the documentation and the
catalogue disagree.

    scripts/settings_table.py            # writes docs/settings.md and docs/objects.md
"""

from __future__ import absolute_import, division, print_function

import os
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PAGE = os.path.join(REPO, 'docs', 'settings.md')
OBJECTS_PAGE = os.path.join(REPO, 'docs', 'objects.md')


def _importable():
    tree = tempfile.mkdtemp()
    os.makedirs(os.path.join(tree, 'ansible_collections', 'berriai'))
    os.symlink(REPO, os.path.join(tree, 'ansible_collections', 'berriai', 'litellm'))
    sys.path.insert(0, tree)


def main():
    _importable()
    from ansible_collections.berriai.litellm.tests.unit.plugins.module_utils import declaration_docs, settings_docs
    for page, render in ((PAGE, settings_docs.render_page), (OBJECTS_PAGE, declaration_docs.render_page)):
        with open(page, 'w') as handle:
            handle.write(render())
        print('wrote %s' % page)


if __name__ == '__main__':
    main()
