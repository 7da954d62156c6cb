#!/usr/bin/env bash
# Secrets audit: every integration target (tests/integration/targets/<t>/, each as a role from
# tests/integration/run_target.yml, as scripts/test.sh does) runs at verbosity 3 (-vvv) with ANSIBLE_LOG_PATH set;
# everything they print and log (stdout, stderr, the Ansible log, the forwarders' logs) is kept, and the audit
# asserts that neither the admin key nor any secret that crossed the wire appears anywhere in it
# (tests/reliability/secrets_scan.py), plus the no_log rules of the targets.
#
# How it knows the secrets without the suite's help: the run talks to the proxy through a recording forwarder
# (tests/reliability/secret_recorder.py: tests/tools/faultproxy.py without rules) that notes every sk-... it
# carries: each generated secret (in the proxy's answers), each caller-chosen secret, each credential used.
# The admin key of the run is distinctive: a key of a proxy_admin user made for the audit (with the master
# key, which the run itself never sees), deleted at the end.
#
#   secrets_audit.sh               run the targets (all at once) and scan their output: the audit on its own
#   secrets_audit.sh --record DIR  only start the recording: make the admin user, start the recorder (in the
#                                  background, pid in DIR/run/recorder.pid) and write DIR/run/recorder.url (the proxy
#                                  to use) and DIR/private/admin_key (the credential to use; never scanned). The
#                                  caller runs the targets so, with their output under DIR/output/<target>/, and
#                                  stops the recorder. (scripts/test.sh does this for its main integration pass.)
#   secrets_audit.sh --scan DIR    the verdict on such a recorded run, then --forget
#   secrets_audit.sh --forget DIR  delete the admin user and DIR/private
# Run as a check by scripts/test.sh with BERRIAI_LITELLM_AUDIT_DIR set (its recorded main pass): --scan that.
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

export ANSIBLE_NOCOLOR=1 ANSIBLE_RETRY_FILES_ENABLED=0 PYTHONDONTWRITEBYTECODE=1

# record DIR: 1. a distinctive admin credential for the run, 2. the recording forwarder in front of the proxy
record() {
  local dir=$1 user key pid
  mkdir -p "$dir/output" "$dir/private" "$dir/run" && chmod 700 "$dir" "$dir/private" || return 1
  user="secrets-audit-$(date +%s)-$RANDOM"
  echo "$user" >"$dir/run/admin_user"
  key=$("$PY" "$ROOT/tests/reliability/proxy_check.py" admin-user create "$user") || return 1
  (umask 077 && echo "$key" >"$dir/private/admin_key") || return 1
  echo "admin credential of the run: a key of the proxy_admin user $user (not the master key)"
  rm -f "$dir/run/recorder.port"
  "$PY" "$ROOT/tests/reliability/secret_recorder.py" "$FAULTPROXY" "$LITELLM_API_BASE" "$dir/run/recorder.port" \
    "$dir/private/secrets.tsv" 2>>"$dir/output/recorder.log" </dev/null >/dev/null &
  pid=$!
  echo "$pid" >"$dir/run/recorder.pid"
  for _ in $(seq 1 100); do [ -s "$dir/run/recorder.port" ] && break; sleep 0.1; done
  [ -s "$dir/run/recorder.port" ] || { echo "the recorder did not start"; cat "$dir/output/recorder.log"; return 1; }
  echo "http://127.0.0.1:$(tr -dc 0-9 <"$dir/run/recorder.port")" >"$dir/run/recorder.url"
  echo "recording forwarder: $(cat "$dir/run/recorder.url") -> $LITELLM_API_BASE"
}
# forget DIR: the admin user of the run deleted, the private files removed
forget() {
  local dir=$1
  if [ -s "$dir/run/admin_user" ]; then
    "$PY" "$ROOT/tests/reliability/proxy_check.py" admin-user delete "$(cat "$dir/run/admin_user")" || true
    rm -f "$dir/run/admin_user"
  fi
  rm -rf "$dir/private"
}
# scan DIR: the verdict (4.) on a recorded run whose recorder has stopped
scan() {
  local dir=$1
  [ -s "$dir/private/admin_key" ] || { echo "no recorded run in $dir"; return 1; }
  AUDIT_ADMIN_KEY=$(cat "$dir/private/admin_key") AUDIT_OTHER_KEY=$LITELLM_API_KEY \
    "$PY" "$ROOT/tests/reliability/secrets_scan.py" "$dir/private/secrets.tsv" "$dir/output" "$TARGETS_DIR"
}

case "${1:-}" in
  --record) record "$2"; exit ;;
  --forget) forget "$2"; exit ;;
  --scan) scan "$2"; rc=$?; forget "$2"; exit $rc ;;
  "") ;;
  *) echo "usage: $0 [--record DIR | --scan DIR | --forget DIR]" >&2; exit 2 ;;
esac
if [ -n "${BERRIAI_LITELLM_AUDIT_DIR:-}" ]; then
  dir=$BERRIAI_LITELLM_AUDIT_DIR
  echo "the audit of scripts/test.sh's main integration pass (run at -vvv through the recorder): $dir/output"
  for t in "$dir"/output/*/; do
    [ -d "$t" ] || continue
    echo "  $(basename "$t"): exit $(cat "$dir/run/$(basename "$t").rc" 2>/dev/null || echo '?'), $(wc -c <"$t/stdout" 2>/dev/null) bytes of output"
  done
  scan "$dir"; rc=$?; forget "$dir"; exit $rc
fi

AUDIT=$(mktemp -d "${WORK:-/tmp}/secrets_audit.XXXXXX") || exit 1
chmod 700 "$AUDIT"
OUT=$AUDIT/output          # everything the run prints and logs: scanned
RECORDER_PID=""
finish() {
  local rc=$?
  if [ -n "$RECORDER_PID" ] && kill -0 "$RECORDER_PID" 2>/dev/null; then kill "$RECORDER_PID"; wait "$RECORDER_PID" 2>/dev/null; fi
  forget "$AUDIT"
  if [ -n "${AUDIT_KEEP:-}" ] || [ $rc -ne 0 ]; then echo "the run's output is kept in $OUT"; else rm -rf "$AUDIT"; fi
  exit $rc
}
trap finish EXIT

record "$AUDIT" || exit 1
RECORDER_PID=$(cat "$AUDIT/run/recorder.pid")
RECORDER=$(cat "$AUDIT/run/recorder.url")
AUDIT_ADMIN_KEY=$(cat "$AUDIT/private/admin_key")

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
    # (-vvv on the command line, not ANSIBLE_VERBOSITY: an ansible command a target runs keeps its own verbosity)
    run_env=(LITELLM_API_BASE="$RECORDER" LITELLM_API_KEY="$AUDIT_ADMIN_KEY"
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
scan "$AUDIT"
