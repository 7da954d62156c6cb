#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: berriai.litellm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Write docs/settings.md, the table of the team and key settings, from plugins/module_utils/_settings.py and the
modules' documentation (each option's first description line). tests/unit/plugins/module_utils/test_settings.py
fails when the committed page differs, or when the documentation and the catalogue disagree.

    scripts/settings_table.py            # writes docs/settings.md
"""

from __future__ import absolute_import, division, print_function

import os
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PAGE = os.path.join(REPO, 'docs', 'settings.md')


def _importable():
    tree = tempfile.mkdtemp()
    os.makedirs(os.path.join(tree, 'ansible_collections', 'berriai'))
    os.symlink(REPO, os.path.join(tree, 'ansible_collections', 'berriai', 'litellm'))
    sys.path.insert(0, tree)


def main():
    _importable()
    from ansible_collections.berriai.litellm.tests.unit.plugins.module_utils.settings_docs import render_page
    with open(PAGE, 'w') as handle:
        handle.write(render_page())
    print('wrote %s' % PAGE)


if __name__ == '__main__':
    main()
