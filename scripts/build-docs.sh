#!/usr/bin/env bash
# Regenerate the module pages, docs/modules/*.md, from the modules' own documentation:
#
#   scripts/build-docs.sh          # writes docs/modules/ (commit the result)
#   scripts/build-docs.sh DEST     # writes DEST instead (tests/checks/docs.sh compares it with docs/modules/)
#
# It reads this checkout (not an installed copy) with ansible-doc, renders the markup with antsibull-docs'
# parser (scripts/docs_md.py) and removes pages of modules that no longer exist. Works offline.
# Python: $PYTHON, else the test venv ($BERRIAI_LITELLM_VENV, default /var/tmp/berriai-litellm/venv, made by
# scripts/test.sh), else python3; it needs ansible-core and antsibull-docs (tests/requirements-dev.txt).
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
VENV=${BERRIAI_LITELLM_VENV:-${BERRIAI_LITELLM_HOME:-/var/tmp/berriai-litellm}/venv}
PY=${PYTHON:-$VENV/bin/python}
[ -x "$PY" ] || PY=$(command -v python3)
DEST=${1:-$REPO/docs/modules}

tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT
mkdir -p "$tree/ansible_collections/berriai" "$tree/tmp"
ln -s "$REPO" "$tree/ansible_collections/berriai/litellm"

PATH="$(dirname "$PY"):$PATH" \
ANSIBLE_COLLECTIONS_PATH=$tree ANSIBLE_COLLECTIONS_SCAN_SYS_PATH=false \
ANSIBLE_LOCAL_TEMP=$tree/tmp ANSIBLE_HOME=$tree/home ANSIBLE_NOCOLOR=1 PYTHONDONTWRITEBYTECODE=1 \
  "$PY" "$REPO/scripts/docs_md.py" berriai.litellm "$DEST"
