#!/usr/bin/env bash
# The benchmark in one command: berriai.litellm against ansible.builtin.uri and plain requests, on a real
# LiteLLM proxy. Prints the table (Markdown) and the ratios; see tests/benchmarks/README.md.
#
#   tests/benchmarks/run.sh                     # the full benchmark (about 6-8 minutes)
#   BENCH_LOOP_KEYS=20 BENCH_BULK_KEYS=100 tests/benchmarks/run.sh   # a quick smoke run
#   tests/benchmarks/run.sh --json-out /tmp/bench.json --strict      # extra arguments go to bench.py
#
# Settings (environment):
#   LITELLM_API_BASE, LITELLM_API_KEY  the proxy; when unset, tests/proxy/start.sh starts the local one
#   BENCH_LOOP_KEYS (200) BENCH_BULK_KEYS (1000) BENCH_TEAMS (10) BENCH_CONCURRENCY (8)
#   BENCH_MEMBERS (200) BENCH_MODELS (50)   the litellm_team_member and litellm_model loop rows (0: left out)
#   BENCH_PEERS (1)        0 leaves out the peer comparison (peers.py: litellm-as-code and lasm, pinned in
#                          requirements-peers.txt, installed from PyPI into BENCH_PEERS_VENV,
#                          /var/tmp/berriai-litellm/peers-venv by default)
#   BENCH_PEER_SIZES ("10 200")  the key counts of the peer comparison (plus 10 teams, 20 users, 2 credentials,
#                          5 models each)
#   BENCH_ONLY_PEERS (0)   1 runs the peer comparison only
#   BERRIAI_LITELLM_VENV   a venv with ansible-core and requests (default /var/tmp/berriai-litellm/venv; made
#                          from tests/benchmarks/requirements.txt in /var/tmp/berriai-litellm/bench-venv when absent)
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
REPO=$(cd "$HERE/../.." && pwd -P)
log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# A Python with ansible-core and requests.
VENV=${BERRIAI_LITELLM_VENV:-/var/tmp/berriai-litellm/venv}
if ! "$VENV/bin/python" -c 'import ansible, requests' 2>/dev/null; then
  VENV=/var/tmp/berriai-litellm/bench-venv
  if ! "$VENV/bin/python" -c 'import ansible, requests' 2>/dev/null; then
    log "creating $VENV (ansible-core, requests)"
    PY=$(command -v python3.11 || command -v python3)
    mkdir -p "$(dirname "$VENV")"
    "$PY" -m venv "$VENV"
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r "$HERE/requirements.txt"
  fi
fi

# The proxy.
if [ -z "${LITELLM_API_BASE:-}" ] || [ -z "${LITELLM_API_KEY:-}" ]; then
  log "LITELLM_API_BASE/LITELLM_API_KEY unset: starting the local proxy (tests/proxy/start.sh)"
  eval "$("$REPO/tests/proxy/start.sh")"
fi
export LITELLM_API_BASE LITELLM_API_KEY

# The collection, as Ansible finds it: <tmp>/ansible_collections/berriai/litellm -> this checkout.
TREE=$(mktemp -d /tmp/litellm-bench-tree.XXXXXX)
trap 'rm -rf "$TREE"' EXIT
mkdir -p "$TREE/ansible_collections/berriai"
ln -s "$REPO" "$TREE/ansible_collections/berriai/litellm"

export PATH="$VENV/bin:$PATH"
status=0
if [ "${BENCH_ONLY_PEERS:-0}" != 1 ]; then
"$VENV/bin/python" "$HERE/bench.py" \
  --collections-path "$TREE" \
  --ansible-playbook "$VENV/bin/ansible-playbook" \
  --loop-keys "${BENCH_LOOP_KEYS:-200}" \
  --bulk-keys "${BENCH_BULK_KEYS:-1000}" \
  --teams "${BENCH_TEAMS:-10}" \
  --member-loop "${BENCH_MEMBERS:-200}" \
  --model-loop "${BENCH_MODELS:-50}" \
  --concurrency "${BENCH_CONCURRENCY:-8}" \
  "$@" || status=$?
fi

# The peers, pinned, in a venv of their own (they must not share the collection's requests or PyYAML).
if [ "${BENCH_PEERS:-1}" != 0 ]; then
  PEERS_VENV=${BENCH_PEERS_VENV:-/var/tmp/berriai-litellm/peers-venv}
  installed=$("$PEERS_VENV/bin/pip" freeze 2>/dev/null || true)
  if grep -qvxF -e "$installed" "$HERE/requirements-peers.txt" 2>/dev/null || [ -z "$installed" ]; then
    log "installing the peers into $PEERS_VENV ($(tr '\n' ' ' < "$HERE/requirements-peers.txt"))"
    PY=$(command -v python3.11 || command -v python3)
    "$PY" -m venv "$PEERS_VENV"
    "$PEERS_VENV/bin/python" -m pip install -q --disable-pip-version-check -r "$HERE/requirements-peers.txt"
  fi
  "$VENV/bin/python" "$HERE/peers.py" \
    --collections-path "$TREE" \
    --ansible-playbook "$VENV/bin/ansible-playbook" \
    --peers-venv "$PEERS_VENV" \
    --sizes "${BENCH_PEER_SIZES:-10 200}" || status=$?
fi
exit $status
