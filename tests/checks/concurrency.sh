#!/usr/bin/env bash
# Concurrency: 8 ansible-playbook runs at once converge the same 3 teams (litellm_team, by alias) and 20 keys
# (litellm_key, by alias, in those teams) against the real proxy (tests/reliability/concurrency.yml).
# Asserts: each run is ok or failed with a clear message (no traceback); the proxy then holds exactly 3 teams
# and 20 keys, each key once, in its team, with its settings (nothing half-done); a rerun is a no-op
# (changed=0). Cleans up what it created.
#
# Environment (set by scripts/test.sh; when run by hand, only the proxy is needed):
#   LITELLM_API_BASE, LITELLM_API_KEY   the proxy (an admin credential)
#   PYTHON                              a Python with ansible-core and requests (default: python3)
#   ANSIBLE_COLLECTIONS_PATH            where berriai.litellm is (default: a link tree to this checkout)
#   WORK                                scratch directory (default: a new directory under /tmp)
#   CONC_RUNS                           how many runs at once (8)
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
ROOT=${COLLECTION_SOURCE:-$(cd "$HERE/../.." && pwd -P)}
PY=${PYTHON:-python3}
RUNS=${CONC_RUNS:-8}
: "${LITELLM_API_BASE:?LITELLM_API_BASE is required}" "${LITELLM_API_KEY:?LITELLM_API_KEY is required}"
PLAYBOOK=$(dirname "$PY")/ansible-playbook
[ -x "$PLAYBOOK" ] || PLAYBOOK=ansible-playbook

OUT=$(mktemp -d "${WORK:-/tmp}/concurrency.XXXXXX") || exit 1
if [ -z "${ANSIBLE_COLLECTIONS_PATH:-}" ]; then
  mkdir -p "$OUT/tree/ansible_collections/berriai" && ln -sfn "$ROOT" "$OUT/tree/ansible_collections/berriai/litellm"
  export ANSIBLE_COLLECTIONS_PATH=$OUT/tree
fi
export ANSIBLE_NOCOLOR=1 ANSIBLE_RETRY_FILES_ENABLED=0 PYTHONDONTWRITEBYTECODE=1
PREFIX="conc-$(date +%s)-$RANDOM"
export CONC_PREFIX=$PREFIX

trap '"$PY" "$ROOT/tests/reliability/proxy_check.py" cleanup "$PREFIX"' EXIT

echo "concurrency: $RUNS runs of tests/reliability/concurrency.yml at once, names $PREFIX-*, output in $OUT"
start=$SECONDS
pids=()
for i in $(seq 1 "$RUNS"); do
  ( CONC_OUT=$OUT/run$i.json "$PLAYBOOK" -i localhost, "$ROOT/tests/reliability/concurrency.yml" \
      >"$OUT/run$i.out" 2>&1 </dev/null; echo $? >"$OUT/run$i.rc" ) &
  pids+=($!)
done
wait "${pids[@]}"
echo "the $RUNS runs took $((SECONDS - start))s"

start=$SECONDS
CONC_OUT=$OUT/rerun.json "$PLAYBOOK" -i localhost, "$ROOT/tests/reliability/concurrency.yml" >"$OUT/rerun.out" 2>&1 </dev/null
echo $? >"$OUT/rerun.rc"
echo "the rerun took $((SECONDS - start))s"

"$PY" "$ROOT/tests/reliability/proxy_check.py" concurrency "$PREFIX" "$OUT" "$RUNS"
rc=$?
if [ $rc -ne 0 ]; then
  echo "--- failed; the runs' output is in $OUT (tail of each):"
  for f in "$OUT"/run*.out "$OUT"/rerun.out; do echo "== $f"; tail -n 15 "$f"; done
fi
exit $rc
