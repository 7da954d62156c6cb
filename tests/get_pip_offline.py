"""Offline stand-in for https://ci-files.testing.ansible.com/ansible-test/get-pip-X.Y.py.

ansible-test runs this file (via runpy, argv = pip install options + 'pip==X.Y') inside a fresh
venv created with --without-pip. We run pip from the wheel bundled with the interpreter's
ensurepip and let it install the requested pip version from the configured index (PyPI).
"""
import glob
import os
import sys
import ensurepip

args = [a for a in sys.argv[1:] if a not in ('--no-setuptools', '--no-wheel')]
bundled = glob.glob(os.path.join(os.path.dirname(ensurepip.__file__), '_bundled', 'pip-*.whl'))
if not bundled:
    sys.exit('no bundled pip wheel found in ensurepip')
sys.path.insert(0, bundled[0])
from pip._internal.cli.main import main as pip_main  # noqa: E402
sys.exit(pip_main(['install', '--quiet'] + args))
