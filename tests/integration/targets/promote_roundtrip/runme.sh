#!/usr/bin/env bash
# The two-proxy round trip of litellm_export and examples/promote.yml (run by scripts/test.sh as a runme.sh
# target). Proxy A is the suite's (LITELLM_API_BASE/LITELLM_API_KEY); proxy B, of A's LiteLLM version, is started
# here with tests/proxy/start.sh on ports and a state directory of its own (PROMOTE_PROXY_HOME, PROMOTE_PORT,
# PROMOTE_PGPORT, PROMOTE_LITELLM_VERSION), and stopped at the end if this script started it. Steps:
#   1. set every open-source setting of every kind on A with direct API calls, not the modules (build_a.yml)
#   2. promote A to B (examples/promote.yml, its loops without no_log), then compare A's and B's own API reads
#      field by field (compare_api.py: settings, members and member budgets, object permissions, model params,
#      MCP fields), and both exports (compare.yml)
#   3. promote again: nothing changes (changed=0), and A and B still read the same
#   4. change A, promote: only that change is applied
# Objects carry a prefix unique to the run and are deleted from both proxies at the end (cleanup.yml).
set -euo pipefail
HERE=$(pwd)
ROOT=${COLLECTION_SOURCE:-${REPO_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)}}
OUT=${OUTPUT_DIR:-$HERE/output}
mkdir -p "$OUT"
: "${LITELLM_API_BASE:?proxy A is LITELLM_API_BASE}" "${LITELLM_API_KEY:?}"
export SOURCE_API_BASE=$LITELLM_API_BASE SOURCE_API_KEY=$LITELLM_API_KEY
# Proxy B runs A's LiteLLM version (PROMOTE_LITELLM_VERSION: another one): the round trip of each supported
# version. The pinned version (tests/proxy/start.sh's default) keeps B in /var/tmp/litellm-proxy-promote on ports
# 4060/5493; another version in /var/tmp/litellm-proxy-promote-<major.minor> on ports 4061/5494 (both can run at once).
A_VERSION=$(python3 -c 'import json, sys
from urllib.request import urlopen
try:
    print(json.loads(urlopen(sys.argv[1].rstrip("/") + "/public/model_hub/info", timeout=30).read()).get("litellm_version") or "")
except Exception:
    print("")' "$LITELLM_API_BASE")
# shellcheck disable=SC2016  # the $ is sed's, matched literally in start.sh
PINNED=$(sed -n 's/^LITELLM_VERSION="\${LITELLM_VERSION:-\([0-9.]*\)}".*/\1/p' "$ROOT/tests/proxy/start.sh")
B_VERSION=${PROMOTE_LITELLM_VERSION:-${A_VERSION:-$PINNED}}
if [ "$B_VERSION" = "$PINNED" ]; then
  B_HOME=${PROMOTE_PROXY_HOME:-/var/tmp/litellm-proxy-promote} B_PORT=${PROMOTE_PORT:-4060} B_PGPORT=${PROMOTE_PGPORT:-5493}
  VENV_HOMES="${LITELLM_PROXY_HOME:-} /var/tmp/litellm-proxy"
else
  B_LABEL=$(echo "$B_VERSION" | cut -d. -f1,2)
  B_HOME=${PROMOTE_PROXY_HOME:-/var/tmp/litellm-proxy-promote-$B_LABEL} B_PORT=${PROMOTE_PORT:-4061} B_PGPORT=${PROMOTE_PGPORT:-5494}
  VENV_HOMES="${LITELLM_PROXY_HOME:-} /var/tmp/litellm-proxy-$B_LABEL"
fi
echo "proxy A: LiteLLM ${A_VERSION:-(version unknown)}; proxy B: LiteLLM $B_VERSION ($B_HOME, port $B_PORT)"

# Proxy B. Its first start would install a venv of its own: reuse one of that version when there is one (only one
# of that version: start.sh would install B's version into it otherwise).
if [ ! -e "$B_HOME/venv" ]; then
  for home in $VENV_HOMES; do
    if [ -x "$home/venv/bin/litellm" ] && grep -q "^litellm\[proxy\]==$B_VERSION " "$home/venv/.installed" 2>/dev/null; then
      mkdir -p "$B_HOME" && ln -s "$home/venv" "$B_HOME/venv"
      break
    fi
  done
fi
started_b=
if ! LITELLM_PROXY_HOME=$B_HOME "$ROOT/tests/proxy/start.sh" --is-running; then started_b=1; fi
b_env=$(LITELLM_PROXY_HOME=$B_HOME LITELLM_VERSION=$B_VERSION LITELLM_PORT=$B_PORT PGPORT=$B_PGPORT \
  "$ROOT/tests/proxy/start.sh" 2>"$OUT/proxy-b.log")
B_API_BASE=$(sed -n 's/.*LITELLM_API_BASE=\([^ ]*\).*/\1/p' <<<"$b_env")
B_API_KEY=$(sed -n 's/.*LITELLM_API_KEY=\([^ ]*\).*/\1/p' <<<"$b_env")
export RT_B_KEY=$B_API_KEY RT_B_BASE=$B_API_BASE  # in the environment: -vvv prints extra vars

SFX=rt-$(date +%s)-$RANDOM
PRIVATE=$(mktemp -d)  # the secrets for B: outside the output, which the secrets audit scans
chmod 700 "$PRIVATE"
export PROMOTE_EXPORT_FILE=$OUT/export-a.yml
# A playbook against A (the environment as given) or against B (promote.yml applies to LITELLM_API_*).
on_a() { ansible-playbook "$@" -e "rt_sfx=$SFX" -e "rt_out=$OUT" -e "rt_secrets_file=$PRIVATE/secrets.yml"; }
on_b() { LITELLM_API_BASE=$B_API_BASE LITELLM_API_KEY=$B_API_KEY on_a "$@"; }
# promote.yml with this run's objects only (other targets share proxy A) and the secrets B needs; what it
# changed (tasks and loop items) goes to $OUT/$1.json (callback_plugins/rt_changes.py).
promote() {
  local report=$1; shift
  RT_CHANGES_FILE=$OUT/$report.json ANSIBLE_CALLBACK_PLUGINS=$HERE/callback_plugins ANSIBLE_CALLBACKS_ENABLED=rt_changes \
    on_b "$ROOT/examples/promote.yml" -e @"$HERE/scope.yml" -e @"$PRIVATE/secrets.yml" -e "secrets_dir=$PRIVATE/keys" "$@"
}
finish() {
  local rc=$?
  rm -rf "$PRIVATE"
  on_a cleanup.yml -e "rt_b_base=$B_API_BASE" >"$OUT/cleanup.log" 2>&1 || true
  if [ -n "$started_b" ]; then LITELLM_PROXY_HOME=$B_HOME "$ROOT/tests/proxy/stop.sh" >>"$OUT/proxy-b.log" 2>&1 || true; fi
  exit $rc
}
trap finish EXIT

# A's and B's API reads of this run's objects, field by field (the numbers go to $OUT/api-<step>.json).
compare_api() { python3 "$HERE/compare_api.py" "$SFX" "$OUT/api-$1.json" >"$OUT/api-$1.log" || { cat "$OUT/api-$1.log"; exit 1; }
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print("%s: A and B read the same: %d objects, %d fields compared (%d set on A)" % (sys.argv[2], sum(r["objects"].values()), r["total_fields_compared"], r["total_fields_set_on_a"]))' "$OUT/api-$1.json" "$1"; }

start=$SECONDS
on_a build_a.yml "$@"
promote first "$@"
compare_api first
on_a compare.yml -e @"$HERE/scope.yml" -e "rt_b_base=$B_API_BASE" -e rt_report=first "$@"
promote second "$@"
compare_api second
on_a compare.yml -e @"$HERE/scope.yml" -e "rt_b_base=$B_API_BASE" -e rt_report=second "$@"
on_a change_a.yml "$@"
promote third "$@"
compare_api third
on_a compare.yml -e @"$HERE/scope.yml" -e "rt_b_base=$B_API_BASE" -e rt_report=third "$@"
echo "round trip: $((SECONDS - start))s"
