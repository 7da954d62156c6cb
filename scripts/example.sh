#!/usr/bin/env bash
# Set everything up on a fresh machine and run the example playbook examples/quickstart.yml:
#   1. the venv (the same as scripts/test.sh's: $BERRIAI_LITELLM_VENV, default /var/tmp/berriai-litellm/venv)
#   2. the real LiteLLM proxy on 127.0.0.1 (tests/proxy/start.sh), unless LITELLM_API_BASE and
#      LITELLM_API_KEY are already set; the proxy is LEFT RUNNING afterwards
#   3. the collection built from this checkout and installed from the tarball into a fresh
#      collections path ($BERRIAI_LITELLM_HOME/example/collections)
#   4. ansible-playbook examples/quickstart.yml (extra arguments are passed to ansible-playbook, e.g. -v or --check)
set -euo pipefail
# shellcheck source=scripts/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

setup_venv
export PATH="$VENV/bin:$PATH"
export PYTHONDONTWRITEBYTECODE=1
OUT=$BASE/example
mkdir -p "$OUT/tmp"
export ANSIBLE_LOCAL_TEMP=$OUT/tmp/ansible-local ANSIBLE_REMOTE_TMP=$OUT/tmp/ansible-remote
export ANSIBLE_HOME=$BASE/ansible-home
export ANSIBLE_PYTHON_INTERPRETER=$PY

if [ -n "${LITELLM_API_BASE:-}" ] && [ -n "${LITELLM_API_KEY:-}" ]; then
  log "using the proxy at LITELLM_API_BASE=$LITELLM_API_BASE"
  started=""
else
  log "starting the LiteLLM proxy (tests/proxy/start.sh; the first time takes a few minutes)"
  line=$(PATH=$ORIG_PATH "$PROXY_DIR/start.sh" | tail -n1)
  case $line in "export LITELLM_API_BASE="*) eval "$line" ;; *) log "tests/proxy/start.sh failed"; exit 1 ;; esac
  started=1
fi

log "building the collection and installing it from the tarball"
tarball=$(build_and_install "$OUT" "$OUT/collections")
log "installed $(basename "$tarball") into $OUT/collections"

log "running examples/quickstart.yml"
cd "$REPO"
ANSIBLE_COLLECTIONS_PATH=$OUT/collections ANSIBLE_COLLECTIONS_SCAN_SYS_PATH=false \
  ansible-playbook -i localhost, examples/quickstart.yml "$@"

echo
echo "To use the proxy and the installed collection from your shell:"
echo "  export LITELLM_API_BASE=$LITELLM_API_BASE LITELLM_API_KEY=$LITELLM_API_KEY"
echo "  export ANSIBLE_COLLECTIONS_PATH=$OUT/collections"
if [ -n "$started" ]; then
  stop="tests/proxy/stop.sh"
  [ -n "${LITELLM_PROXY_HOME:-}" ] && stop="LITELLM_PROXY_HOME=$LITELLM_PROXY_HOME $stop"
  echo "The proxy is left running. Stop it with:  $stop   (add --wipe to delete its database too)"
fi
