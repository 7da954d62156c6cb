#!/usr/bin/env bash
# Secrets audit: runs every integration target (tests/integration/targets/<t>/, each as a role from
# tests/integration/run_target.yml, as scripts/test.sh does) at verbosity 3 (-vvv) with ANSIBLE_LOG_PATH set,
# keeps everything they print and log (stdout, stderr, the Ansible log, the forwarders' logs), and asserts
# that neither the admin key nor any secret that crossed the wire appears anywhere in it
# (tests/reliability/secrets_scan.py), plus the no_log rules of the targets.
#
# How it knows the secrets without the suite's help: the run talks to the proxy through a recording forwarder
# (tests/reliability/secret_recorder.py: tests/tools/faultproxy.py without rules) that notes every sk-... it
# carries: each generated secret (in the proxy's answers), each caller-chosen secret, each credential used.
# The admin key of the run is distinctive: a key of a proxy_admin user made for the audit (with the master
# key, which the run itself never sees), deleted at the end.
#
# Environment (set by scripts/test.sh; by hand only the proxy is needed): LITELLM_API_BASE, LITELLM_API_KEY
# (the master key), PYTHON, ANSIBLE_COLLECTIONS_PATH (default: a link tree to this checkout), WORK,
# AUDIT_TARGETS (default: every target), AUDIT_KEEP=1 (keep the output directory).
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
ROOT=${COLLECTION_SOURCE:-$(cd "$HERE/../.." && pwd -P)}
PY=${PYTHON:-python3}
: "${LITELLM_API_BASE:?LITELLM_API_BASE is required}" "${LITELLM_API_KEY:?LITELLM_API_KEY is required}"
PLAYBOOK=$(dirname "$PY")/ansible-playbook
[ -x "$PLAYBOOK" ] || PLAYBOOK=ansible-playbook
TARGETS_DIR=$ROOT/tests/integration/targets
FAULTPROXY=$ROOT/tests/tools/faultproxy.py

AUDIT=$(mktemp -d "${WORK:-/tmp}/secrets_audit.XXXXXX") || exit 1
chmod 700 "$AUDIT"
OUT=$AUDIT/output          # everything the run prints and logs: scanned
PRIV=$AUDIT/private        # the recorder's list of secrets: never scanned, deleted at the end
mkdir -p "$OUT" "$PRIV" "$AUDIT/run"
if [ -z "${ANSIBLE_COLLECTIONS_PATH:-}" ]; then
  mkdir -p "$AUDIT/tree/ansible_collections/berriai" && ln -sfn "$ROOT" "$AUDIT/tree/ansible_collections/berriai/litellm"
  export ANSIBLE_COLLECTIONS_PATH=$AUDIT/tree
fi
export ANSIBLE_NOCOLOR=1 ANSIBLE_RETRY_FILES_ENABLED=0 PYTHONDONTWRITEBYTECODE=1

AUDIT_USER="secrets-audit-$(date +%s)-$RANDOM"
RECORDER_PID=""
finish() {
  local rc=$?
  if [ -n "$RECORDER_PID" ] && kill -0 "$RECORDER_PID" 2>/dev/null; then kill "$RECORDER_PID"; wait "$RECORDER_PID" 2>/dev/null; fi
  "$PY" "$ROOT/tests/reliability/proxy_check.py" admin-user delete "$AUDIT_USER" || true
  rm -rf "$PRIV"
  if [ -n "${AUDIT_KEEP:-}" ] || [ $rc -ne 0 ]; then echo "the run's output is kept in $OUT"; else rm -rf "$AUDIT"; fi
  exit $rc
}
trap finish EXIT

# 1. a distinctive admin credential for the run
AUDIT_ADMIN_KEY=$("$PY" "$ROOT/tests/reliability/proxy_check.py" admin-user create "$AUDIT_USER") || exit 1
echo "admin credential of the run: a key of the proxy_admin user $AUDIT_USER (not the master key)"

# 2. the recording forwarder in front of the proxy
"$PY" "$ROOT/tests/reliability/secret_recorder.py" "$FAULTPROXY" "$LITELLM_API_BASE" "$AUDIT/run/recorder.port" \
  "$PRIV/secrets.tsv" 2>"$OUT/recorder.log" </dev/null &
RECORDER_PID=$!
for _ in $(seq 1 100); do [ -s "$AUDIT/run/recorder.port" ] && break; sleep 0.1; done
[ -s "$AUDIT/run/recorder.port" ] || { echo "the recorder did not start"; cat "$OUT/recorder.log"; exit 1; }
RECORDER=http://127.0.0.1:$(tr -dc 0-9 <"$AUDIT/run/recorder.port")

# 3. every target at verbosity 3, all at once (they use names of their own)
targets=()
for d in "$TARGETS_DIR"/*/; do
  t=$(basename "$d")
  if [ -n "${AUDIT_TARGETS:-}" ] && ! [[ " $AUDIT_TARGETS " == *" $t "* ]]; then continue; fi
  if [ -f "$d/aliases" ] && grep -qx '[[:space:]]*disabled[[:space:]]*' "$d/aliases"; then continue; fi
  [ -f "$d/tasks/main.yml" ] || [ -f "$d/tasks/main.yaml" ] || [ -f "$d/runme.sh" ] || continue
  targets+=("$t")
done
echo "targets: ${targets[*]} (verbosity 3, through the recorder $RECORDER)"
start=$SECONDS
pids=()
for t in "${targets[@]}"; do
  mkdir -p "$OUT/$t" "$AUDIT/run/$t"
  (
    cd "$AUDIT/run/$t" || exit 1
    # the target's environment: the recorder as the proxy, with the audit's admin key
    run_env=(LITELLM_API_BASE="$RECORDER" LITELLM_API_KEY="$AUDIT_ADMIN_KEY" ANSIBLE_VERBOSITY=3
      ANSIBLE_LOG_PATH="$OUT/$t/ansible.log" ANSIBLE_ROLES_PATH="$TARGETS_DIR")
    if [ -f "$TARGETS_DIR/$t/runme.sh" ]; then
      cp -a "$TARGETS_DIR/$t/." . && env "${run_env[@]}" OUTPUT_DIR="$OUT/$t" bash ./runme.sh -vvv
    else
      env "${run_env[@]}" "$PLAYBOOK" -vvv "$ROOT/tests/integration/run_target.yml" -e "target=$t" -e "rel_log_dir=$OUT/$t"
    fi >"$OUT/$t/stdout" 2>"$OUT/$t/stderr" </dev/null
    echo $? >"$AUDIT/run/$t.rc"
  ) &
  pids+=($!)
done
wait "${pids[@]}"
echo "the targets took $((SECONDS - start))s:"
for t in "${targets[@]}"; do
  rc=$(cat "$AUDIT/run/$t.rc" 2>/dev/null || echo '?')
  echo "  $t: exit $rc, $(wc -c <"$OUT/$t/stdout") bytes of output$([ "$rc" = 0 ] || echo ' (the target failed: its own step reports why; the audit covers what it ran)')"
done
kill "$RECORDER_PID"; wait "$RECORDER_PID" 2>/dev/null; RECORDER_PID=""

# 4. the verdict
AUDIT_ADMIN_KEY=$AUDIT_ADMIN_KEY AUDIT_OTHER_KEY=$LITELLM_API_KEY \
  "$PY" "$ROOT/tests/reliability/secrets_scan.py" "$PRIV/secrets.tsv" "$OUT" "$TARGETS_DIR"
