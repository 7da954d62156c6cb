#!/usr/bin/env bash
# The whole test suite of the berriai.litellm collection, one command from a fresh clone:
#
#   scripts/test.sh [--only STEP[,STEP...]] [--skip STEP[,STEP...]] [--keep-work]
#
# Steps (each runs even if an earlier one failed, prints a status line with its seconds; the script
# exits non-zero if any failed; its last line is "N passed, M failed", N/M counting steps, and each
# integration target counts as one step). Steps marked @V run once per ansible-core version V of the
# matrix (scripts/common.sh's MATRIX: 2.16 ... 2.21, each on a controller Python it supports) and are
# reported as STEP@V (sanity@2.16, units@2.21, integration@2.16/litellm_key ...); `--only sanity` selects
# every version's sanity, `--only sanity@2.16` one of them.
#   setup        venv (outside the repo) from tests/requirements-dev.txt (ansible-core 2.19: the main venv,
#                used by every step without @V), shellcheck (apt-get, if missing), ansible-test's offline
#                get-pip shim, a symlink tree and real copies of the collection under the work dir
#   setup@V      V's venv $BERRIAI_LITELLM_HOME/venv-core<V>-py<python> from tests/requirements-matrix.txt
#                + ansible-core==V.* (reused while unchanged; none for the main venv's version)
#   sanity@V     ansible-test sanity --venv --python <V's controller Python>, in a real copy of the
#                git-tracked files plus untracked files that are not ignored (one copy per version): every
#                test on the oldest and the newest version (BERRIAI_LITELLM_SANITY_FULL) and on a version named
#                with --only sanity@V, the version-sensitive ones (validate-modules import compile ansible-doc:
#                BERRIAI_LITELLM_SANITY_VERSION_TESTS) on the others
#   units@V      pytest tests/unit (PYTHONPATH = the symlink tree); "no tests collected" is a failure
#   docs         antsibull-docs lint-collection-docs --plugin-docs . (always)
#   changelog    antsibull-changelog lint              (only if changelogs/config.yaml exists)
#   lint         ansible-lint --profile production      (only if .ansible-lint exists; run in a copy)
#   package      ansible-galaxy collection build + install of the tarball into a clean collections path
#   proxy        the real LiteLLM proxy: tests/proxy/start.sh (in the background, while sanity runs),
#                unless LITELLM_API_BASE and LITELLM_API_KEY are set (then that proxy is used).
#   proxy-1.80   the second proxy, LiteLLM 1.80.17 (the oldest supported; BERRIAI_LITELLM_OLD_LITELLM, empty for
#                none), started after the first in the background: LITELLM_PROXY_HOME /var/tmp/litellm-proxy-1.80,
#                port 4001, PGPORT 5434 (BERRIAI_LITELLM_OLD_PROXY_HOME/_OLD_PORT/_OLD_PGPORT), unless
#                LITELLM_OLD_API_BASE and LITELLM_OLD_API_KEY are set. A proxy this script started is stopped at
#                the end; one that was running is left alone.
#   integration@V  on the main venv's version (BERRIAI_LITELLM_FULL_INTEGRATION): every
#                tests/integration/targets/<t>/ (a role with tasks/main.yml, or a runme.sh) runs as its own
#                ansible-playbook against the INSTALLED collection; an `aliases` file with a `disabled`
#                line skips the target. Reported as integration@V/<t>. On the main version, when
#                checks/secrets_audit runs too, the pass goes through that audit's recording forwarder at -vvv
#                with a distinctive admin key (its output kept for the audit; the step shows the task lines)
#   smoke@V      on every other version (and on those too when only smoke is selected): the target
#                tests/integration/targets/smoke only
#   integration-1.80  the targets whose aliases have a line `litellm_1_80` against the LiteLLM 1.80.17 proxy,
#                on the main venv (integration-1.80/<t>; the others are listed as SKIP; a target named in
#                BERRIAI_LITELLM_TARGETS runs there whatever its aliases say: to try one before adding the line)
#                Targets of all three run together in one pool, BERRIAI_LITELLM_JOBS (3) at a time (each target
#                uses names of its own); those whose aliases say `serial` (timing- and count-sensitive: reliability,
#                request_counts) run afterwards, alone.
#   checks       every executable tests/checks/*.sh, each a step of its own (checks/<name>), BERRIAI_LITELLM_CHECK_JOBS
#                (2) at a time, examples first (the longest); a check must use names of its own on the proxy
#
# Hook contract for tests/checks/*.sh (add a script there to add a step; no edit here is needed):
#   - run with bash's exit code as the verdict (0 = pass), from the repository root, stdin /dev/null,
#     after the package, proxy and integration steps, with at most BERRIAI_LITELLM_CHECK_TIMEOUT seconds (1800)
#   - environment:
#       PYTHON                    the venv's python (has ansible-core, requests, pytest, the linters)
#       PATH                      the venv's bin first
#       ANSIBLE_COLLECTIONS_PATH  a collections path holding the collection INSTALLED from the tarball
#       PYTHONPATH                a tree whose ansible_collections/berriai/litellm links to the repo
#       LITELLM_API_BASE, LITELLM_API_KEY   the proxy (empty if the proxy step failed)
#       COLLECTION_TARBALL        the built berriai-litellm-<version>.tar.gz (empty if the build failed)
#       WORK                      a scratch directory of this run (deleted at the end); write there
#       REPO_ROOT                 the repository; COLLECTION_SRC and COLLECTION_SOURCE (the same):
#                                 a real copy of its sources (git-tracked + untracked-not-ignored files)
#       ANSIBLE_LOCAL_TEMP, ANSIBLE_REMOTE_TMP, ANSIBLE_HOME, ANSIBLE_INVENTORY (localhost, local
#       connection, the venv's python) are set so nothing is written into the repository or $HOME.
#   - a check must not write into the repository.
#
# Integration targets that use runme.sh get the same environment plus ANSIBLE_ROLES_PATH (the
# targets directory) and OUTPUT_DIR, and run from a scratch copy of their directory.
#
# Settings (environment): BERRIAI_LITELLM_HOME (/var/tmp/berriai-litellm), BERRIAI_LITELLM_VENV
# ($BERRIAI_LITELLM_HOME/venv), BERRIAI_LITELLM_WORK (a new $BERRIAI_LITELLM_HOME/runs/run.* by default,
# deleted at the end unless --keep-work), BERRIAI_LITELLM_PYTHON (python3.11), BERRIAI_LITELLM_TIME_LIMIT
# (5100 s for the whole suite; steps that would start later fail as not run), BERRIAI_LITELLM_MATRIX (the
# versions, see scripts/common.sh), BERRIAI_LITELLM_FULL_INTEGRATION (the versions that run every target:
# "main" by default; versions or the words main, oldest, newest), LITELLM_PROXY_HOME and the other settings of
# tests/proxy/start.sh, LITELLM_API_BASE + LITELLM_API_KEY (use a running proxy), BERRIAI_LITELLM_TARGETS (only
# these integration targets, space-separated names; all by default). `--only checks/NAME` runs one check.
# At the end: a table of every step's seconds (parallel groups: each step's, then the group's wall time) and the total.
set -uo pipefail
# shellcheck source=scripts/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# the second proxy: the oldest supported LiteLLM (empty: no second pass)
OLD_LITELLM=${BERRIAI_LITELLM_OLD_LITELLM-1.80.17}
OLD_LABEL=$(echo "$OLD_LITELLM" | cut -d. -f1,2)                # 1.80: the steps proxy-1.80 and integration-1.80
OLD_ALIAS=litellm_${OLD_LABEL//./_}                              # litellm_1_80: the aliases line of its targets
OLD_PROXY_HOME=${BERRIAI_LITELLM_OLD_PROXY_HOME:-/var/tmp/litellm-proxy-$OLD_LABEL}
OLD_PORT=${BERRIAI_LITELLM_OLD_PORT:-4001} OLD_PGPORT=${BERRIAI_LITELLM_OLD_PGPORT:-5434}
JOBS=${BERRIAI_LITELLM_JOBS:-3}
CHECK_JOBS=${BERRIAI_LITELLM_CHECK_JOBS:-2}
SLOW_FIRST="litellm_user promote_roundtrip litellm_team litellm_key litellm_team_member team_members"
ALL_STEPS="setup sanity units docs changelog lint package proxy integration smoke${OLD_LITELLM:+ proxy-$OLD_LABEL integration-$OLD_LABEL} checks"
VERSIONED_STEPS="setup sanity units integration smoke"   # also STEP@VERSION
VERSIONS=$(matrix_versions | sort -V | tr '\n' ' ')
ONLY="" SKIP="" KEEP_WORK=${BERRIAI_LITELLM_KEEP_WORK:-}
while [ $# -gt 0 ]; do
  case $1 in
    --only) ONLY="$ONLY ${2//,/ }"; shift 2 ;;
    --only=*) v=${1#--only=}; ONLY="$ONLY ${v//,/ }"; shift ;;
    --skip) SKIP="$SKIP ${2//,/ }"; shift 2 ;;
    --skip=*) v=${1#--skip=}; SKIP="$SKIP ${v//,/ }"; shift ;;
    --keep-work) KEEP_WORK=1; shift ;;
    -h|--help) sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
for s in $ONLY $SKIP; do
  case $s in
    *@*) case " $VERSIONED_STEPS " in *" ${s%%@*} "*) ;; *) echo "unknown step: $s (per version: $VERSIONED_STEPS)" >&2; exit 2 ;; esac
         case " $VERSIONS " in *" ${s#*@} "*) ;; *) echo "unknown version in $s (versions: $VERSIONS)" >&2; exit 2 ;; esac ;;
    checks/*) [ -f "$(dirname "${BASH_SOURCE[0]}")/../tests/checks/${s#checks/}.sh" ] || { echo "unknown check: $s" >&2; exit 2; } ;;
    *) case " $ALL_STEPS " in *" $s "*) ;; *) echo "unknown step: $s (steps: $ALL_STEPS)" >&2; exit 2 ;; esac ;;
  esac
done
# integration, smoke and checks need the package and the proxy
case " $ONLY " in *" integration@"*|*" integration "*|*" smoke"*|*" checks"*) ONLY="$ONLY package proxy" ;; esac
case " $ONLY " in *" checks/"*) ONLY="$ONLY checks" ;; esac
case " $ONLY " in *" integration-$OLD_LABEL "*) ONLY="$ONLY package proxy-$OLD_LABEL" ;; esac
case " $SKIP " in *" integration-$OLD_LABEL "*) SKIP="$SKIP proxy-$OLD_LABEL" ;; esac
wanted() {
  [ "$1" = setup ] && return 0
  case " $SKIP " in *" $1 "*) return 1 ;; esac
  [ -z "${ONLY// /}" ] && return 0
  case " $ONLY " in *" $1 "*) return 0 ;; *) return 1 ;; esac
}
# check_wanted checks/NAME: whether that check runs (--only checks/NAME selects it alone, --skip checks/NAME all but it)
check_wanted() {
  wanted checks || return 1
  case " $SKIP " in *" $1 "*) return 1 ;; esac
  case " $ONLY " in *" checks/"*) case " $ONLY " in *" $1 "*) return 0 ;; *) return 1 ;; esac ;; esac
  return 0
}
# wanted_at STEP VERSION: whether STEP runs on VERSION (named as STEP or STEP@VERSION); setup@VERSION
# runs when any step does on VERSION
wanted_at() {
  local s
  if [ "$1" = setup ]; then
    case " $SKIP " in *" setup@$2 "*) return 1 ;; esac
    for s in sanity units integration smoke; do wanted_at "$s" "$2" && return 0; done
    return 1
  fi
  case " $SKIP " in *" $1 "*|*" $1@$2 "*) return 1 ;; esac
  [ -z "${ONLY// /}" ] && return 0
  case " $ONLY " in *" $1 "*|*" $1@$2 "*) return 0 ;; *) return 1 ;; esac
}

# ---------------------------------------------------------------- work dir and environment
mkdir -p "$BASE/runs" || exit 1
find "$BASE/runs" -mindepth 1 -maxdepth 1 -name 'run.*' -mtime +2 -exec rm -rf {} + 2>/dev/null
if [ -n "${BERRIAI_LITELLM_WORK:-}" ]; then
  WORK=$BERRIAI_LITELLM_WORK; KEEP_WORK=1; mkdir -p "$WORK" || exit 1
else
  WORK=$(mktemp -d "$BASE/runs/run.XXXXXX") || exit 1
fi
WORK=$(cd "$WORK" && pwd -P)
TREE=$WORK/tree                                   # symlink tree -> repo
SRC=$WORK/src/ansible_collections/$NS/$NAME       # real copy (build, lint, integration targets)
LINT=$WORK/lint/ansible_collections/$NS/$NAME     # real copy for ansible-lint (it writes .ansible/)
COLL=$WORK/collections                            # the collection installed from the tarball
TARBALL=""

export PATH="$VENV/bin:$PATH"
export PYTHONDONTWRITEBYTECODE=1                  # no __pycache__ in the repo
export ANSIBLE_LOCAL_TEMP=$WORK/tmp/ansible-local
export ANSIBLE_REMOTE_TMP=$WORK/tmp/ansible-remote
export ANSIBLE_HOME=$BASE/ansible-home            # galaxy cache, default collections/roles paths
export ANSIBLE_PYTHON_INTERPRETER=$PY             # modules run with the venv's python (has requests)
[ -t 1 ] || export ANSIBLE_NOCOLOR=1 NO_COLOR=1
mkdir -p "$ANSIBLE_LOCAL_TEMP" "$ANSIBLE_REMOTE_TMP" "$ANSIBLE_HOME"
INVENTORY=$WORK/inventory.ini
printf 'localhost ansible_connection=local ansible_python_interpreter=%s\n' "$PY" >"$INVENTORY"

# tmo SECONDS CMD...: run CMD with a time limit (timeout kills CMD's whole process group when it runs
# out, and passes on a TERM it receives).
# Every limit is also capped by what is left of the suite's time limit, BERRIAI_LITELLM_TIME_LIMIT seconds
# (5100: CI allows 90 minutes, and the summary must still be printed).
TIME_LIMIT=${BERRIAI_LITELLM_TIME_LIMIT:-5100}
time_left() { echo $((TIME_LIMIT - SECONDS)); }
tmo() {
  local t=$1 left; shift
  left=$(time_left)
  [ "$left" -lt "$t" ] && t=$left
  [ "$t" -lt 10 ] && t=10
  timeout -k 30 "$t" "$@"
}

# kill_tree PID: TERM PID and all its descendants (by pid: an interrupted run leaves nothing behind)
descendants() { local c; for c in $(ps -o pid= --ppid "$1" 2>/dev/null); do echo "$c"; descendants "$c"; done; }
kill_tree() { local pids; mapfile -t pids < <(echo "$1"; descendants "$1"); kill -TERM "${pids[@]}" 2>/dev/null; }

# ---------------------------------------------------------------- step bookkeeping
RESULT_NAMES=() RESULT_STATUS=() RESULT_SECS=() RESULT_NOTE=()
record() { RESULT_NAMES+=("$1"); RESULT_STATUS+=("$2"); RESULT_SECS+=("$3"); RESULT_NOTE+=("${4:-}"); }
# step NAME FUNCTION [ARGS...]: run FUNCTION in a subshell, time it, record PASS/FAIL
step() {
  local name=$1 start rc status note; shift
  if [ "$(time_left)" -le 10 ]; then
    record "$name" FAIL 0 "not run: the suite's time limit (${TIME_LIMIT}s) was reached"
    echo; echo "------------------- $name: FAIL (not run: time limit)"
    return 1
  fi
  echo
  echo "=================== $name"
  start=$SECONDS
  # in the background and waited for, so that a TERM/INT to this script is handled at once (bash
  # would otherwise wait for the foreground step to end before running the trap)
  ( "$@" ) &
  STEP_PID=$!
  wait "$STEP_PID"
  rc=$?
  STEP_PID=""
  if [ $rc -eq 0 ]; then status=PASS; else status=FAIL; fi
  case $rc in 0) note="" ;; 124|137) note="exit $rc (timed out?)" ;; *) note="exit $rc" ;; esac
  record "$name" "$status" $((SECONDS - start)) "$note"
  echo "------------------- $name: $status ($((SECONDS - start))s)"
  return $rc
}
skip_step() { record "$1" SKIP 0 "$2"; echo; echo "------------------- $1: SKIP ($2)"; }
# steps_in_parallel JOBS NAME FUNCTION ARGS [NAME FUNCTION ARGS ...]: like `step NAME FUNCTION ARGS...` for each
# triple (ARGS: words), JOBS of them at a time; each step's output is printed when all have ended, in the order
# given, and the group's wall time is recorded as a row of its own (status "-", not counted)
steps_in_parallel() {
  local jobs=$1 i n=0 name rc secs note p running t0=$SECONDS; shift
  local -a names=() pids=()
  mkdir -p "$WORK/steps" || return 1
  while [ $# -ge 3 ]; do
    name=$1
    while :; do
      running=0
      for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && running=$((running + 1)); done
      [ "$running" -lt "$jobs" ] && break
      sleep 1
    done
    if [ "$(time_left)" -le 10 ]; then
      echo 124 0 >"$WORK/steps/${name//\//_}.rc"; echo "not run: the suite's time limit" >"$WORK/steps/${name//\//_}.out"
    else
      log "starting $name (in parallel, up to $jobs at a time)"
      # shellcheck disable=SC2086 # ARGS: words
      ( start=$SECONDS; ( "$2" $3 ) >"$WORK/steps/${name//\//_}.out" 2>&1 </dev/null
        echo "$? $((SECONDS - start))" >"$WORK/steps/${name//\//_}.rc" ) &
      pids+=($!); STEP_PID="${pids[*]}"
    fi
    names+=("$name"); shift 3
  done
  for p in "${pids[@]}"; do wait "$p"; done
  STEP_PID=""
  for i in "${!names[@]}"; do
    name=${names[$i]}
    echo; echo "=================== $name (ran in parallel)"
    cat "$WORK/steps/${name//\//_}.out"
    read -r rc secs <"$WORK/steps/${name//\//_}.rc" 2>/dev/null || { rc=1; secs=0; }
    case $rc in 0) note="" ;; 124|137) note="exit $rc (timed out?)" ;; *) note="exit $rc" ;; esac
    if [ "$rc" = 0 ]; then record "$name" PASS "$secs" ""; else record "$name" FAIL "$secs" "$note"; n=1; fi
    echo "------------------- $name: $([ "$rc" = 0 ] && echo PASS || echo FAIL) (${secs}s)"
  done
  record "  (${#names[@]} steps above, $jobs at a time: wall time)" - $((SECONDS - t0)) ""
  return $n
}

# ---------------------------------------------------------------- the proxies
# Two real proxies: "main" (tests/proxy/start.sh's default LiteLLM, the caller's LITELLM_PROXY_HOME/LITELLM_PORT/
# PGPORT) and "old" (the oldest supported LiteLLM, $OLD_LITELLM, in a state directory and on ports of its own).
STEP_PID=""           # the running step(s)
declare -A PROXY_PID=() PROXY_STARTED_BY_US=() PROXY_ENV=()
PROXY_ENV[main]=""
PROXY_ENV[old]="LITELLM_VERSION=$OLD_LITELLM LITELLM_PROXY_HOME=$OLD_PROXY_HOME LITELLM_PORT=$OLD_PORT PGPORT=$OLD_PGPORT"
RECORDER_PID=""       # the secrets audit's recording forwarder (the main integration pass goes through it)

# proxy_cmd NAME CMD...: run CMD with proxy NAME's settings (start.sh/stop.sh read them from the environment)
proxy_cmd() {
  local name=$1; shift
  # shellcheck disable=SC2086 # VAR=value words
  env ${PROXY_ENV[$name]} "$@"
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [ -n "${STEP_PID:-}" ]; then
    log "interrupted: stopping the running step(s)"
    for p in $STEP_PID; do kill_tree "$p"; done
    for p in $STEP_PID; do wait "$p" 2>/dev/null; done
  fi
  audit_stop_recorder
  # the audit's admin user, when checks/secrets_audit did not get to delete it
  if [ -n "${AUDIT_DIR:-}" ] && [ -d "$AUDIT_DIR/private" ]; then bash "$REPO/tests/checks/secrets_audit.sh" --forget "$AUDIT_DIR"; fi
  for name in "${!PROXY_PID[@]}"; do
    p=${PROXY_PID[$name]}
    if kill -0 "$p" 2>/dev/null; then kill -TERM -- "-$p" 2>/dev/null || kill -TERM "$p" 2>/dev/null; wait "$p" 2>/dev/null; fi
  done
  for name in "${!PROXY_STARTED_BY_US[@]}"; do
    log "stopping the $name proxy this run started (tests/proxy/stop.sh)"
    proxy_cmd "$name" "$PROXY_DIR/stop.sh" || true
  done
  if [ -z "$KEEP_WORK" ]; then rm -rf "$WORK"; else log "work dir kept: $WORK"; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# start_proxy_in_background NAME [AFTER]: start.sh for proxy NAME in the background; with AFTER (a proxy name), only
# once AFTER's start has ended (two cold installs at once fight over apt's lock and the 2 CPUs)
start_proxy_in_background() {
  local name=$1 after=${2:-} out=$WORK/proxy-$1 after_pid="" after_rc=""
  if [ "$name" = main ] && [ -n "${LITELLM_API_BASE:-}" ] && [ -n "${LITELLM_API_KEY:-}" ]; then
    log "using the proxy given by LITELLM_API_BASE=$LITELLM_API_BASE"; return 0
  fi
  if [ "$name" = old ] && [ -n "${LITELLM_OLD_API_BASE:-}" ] && [ -n "${LITELLM_OLD_API_KEY:-}" ]; then
    log "using the LiteLLM $OLD_LITELLM proxy given by LITELLM_OLD_API_BASE=$LITELLM_OLD_API_BASE"; return 0
  fi
  if proxy_cmd "$name" "$PROXY_DIR/start.sh" --is-running; then
    log "the $name proxy (${PROXY_ENV[$name]:-start.sh defaults}) is running: using it, and leaving it running"
  else
    PROXY_STARTED_BY_US[$name]=1
  fi
  if [ -n "$after" ] && [ -n "${PROXY_PID[$after]:-}" ]; then after_pid=${PROXY_PID[$after]} after_rc=$WORK/proxy-$after.stdout.rc; fi
  log "starting the $name proxy in the background (tests/proxy/start.sh ${PROXY_ENV[$name]}; log in the $(proxy_step "$name") step)"
  # its own process group, so that an interrupted run can stop it; the proxy itself runs in its own session
  # with the caller's PATH: the proxy gets its own venv, not one made from this script's venv
  # (single quotes meant: the inner bash expands $0..$4 and $SECONDS)
  # shellcheck disable=SC2016,SC2086
  PATH=$ORIG_PATH setsid env ${PROXY_ENV[$name]} bash -c '
    while [ -n "$3" ] && [ ! -s "$4" ] && kill -0 "$3" 2>/dev/null; do sleep 2; done
    start=$SECONDS; "$0" >"$1" 2>"$2"; rc=$?; echo "$rc $((SECONDS - start))" >"$1.rc"; exit $rc' \
    "$PROXY_DIR/start.sh" "$out.stdout" "$out.stderr" "$after_pid" "$after_rc" </dev/null &
  PROXY_PID[$name]=$!
}
proxy_step() { if [ "$1" = main ]; then echo proxy; else echo "proxy-$OLD_LABEL"; fi; }

# check_proxy BASE KEY: the proxy answers an admin request
check_proxy() {
  local code
  curl -s --max-time 10 "$1/health/readiness" | head -c 300; echo
  code=$(curl -s --max-time 10 -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $2" "$1/key/list?size=1")
  echo "GET $1/key/list with the admin key: HTTP $code"
  [ "$code" = 200 ]
}

# wait_for_proxy NAME: wait for the background start of proxy NAME; writes its export line to $WORK/proxy-NAME.env
wait_for_proxy() {
  local name=$1 out=$WORK/proxy-$1 line rc secs pid=${PROXY_PID[$1]:-}
  if [ -z "$pid" ]; then
    if [ "$name" = main ]; then
      echo "using LITELLM_API_BASE=$LITELLM_API_BASE"; check_proxy "$LITELLM_API_BASE" "$LITELLM_API_KEY" || return 1
      echo "export LITELLM_API_BASE=$LITELLM_API_BASE" >"$out.env"
    else
      echo "using LITELLM_OLD_API_BASE=$LITELLM_OLD_API_BASE"; check_proxy "$LITELLM_OLD_API_BASE" "$LITELLM_OLD_API_KEY" || return 1
      echo "export LITELLM_OLD_API_BASE=$LITELLM_OLD_API_BASE" >"$out.env"
    fi
    return 0
  fi
  # (this runs in a subshell, which cannot `wait` for the main shell's job: poll for its result file)
  while [ ! -s "$out.stdout.rc" ] && kill -0 "$pid" 2>/dev/null; do
    if [ "$(time_left)" -le 60 ]; then echo "the proxy start is still running at the time limit"; cat "$out.stderr"; return 1; fi
    sleep 1
  done
  read -r rc secs <"$out.stdout.rc" 2>/dev/null || { rc=1; secs='?'; }
  cat "$out.stderr"
  echo "tests/proxy/start.sh ${PROXY_ENV[$name]}: exit $rc after ${secs}s (ran in the background)"
  [ "$rc" = 0 ] || return 1
  line=$(tail -n1 "$out.stdout")
  case $line in "export LITELLM_API_BASE="*) ;; *) echo "unexpected last line from start.sh: $line"; return 1 ;; esac
  if [ "$name" = old ]; then line=${line//LITELLM_API_/LITELLM_OLD_API_}; fi
  echo "$line" >"$out.env"
}

# ---------------------------------------------------------------- the secrets audit's recorder
# The main integration pass runs through tests/checks/secrets_audit.sh's recording forwarder, at -vvv, with a
# distinctive admin credential (a key of a proxy_admin user made for the run); checks/secrets_audit then scans
# what that pass printed and logged ($AUDIT_DIR/output) instead of running every target again.
AUDIT_DIR=""
audit_start_recorder() {
  AUDIT_DIR=$WORK/audit
  mkdir -p "$AUDIT_DIR" && chmod 700 "$AUDIT_DIR" || return 1
  export_test_env
  bash "$REPO/tests/checks/secrets_audit.sh" --record "$AUDIT_DIR" || { AUDIT_DIR=""; return 1; }
  RECORDER_PID=$(cat "$AUDIT_DIR/run/recorder.pid")
}
audit_stop_recorder() {
  [ -n "$RECORDER_PID" ] || return 0
  kill "$RECORDER_PID" 2>/dev/null
  for _ in $(seq 1 50); do kill -0 "$RECORDER_PID" 2>/dev/null || break; sleep 0.1; done
  RECORDER_PID=""
}

# ---------------------------------------------------------------- steps
do_setup() {
  setup_venv || return 1
  ensure_shellcheck || return 1
  install_get_pip_shim || return 1
  link_tree "$TREE" || return 1
  copy_tree "$SRC" || return 1
  "$PY" --version && "$VENV/bin/ansible" --version | sed -n 1p
  echo "venv $VENV, work dir $WORK"
}

# use_version VERSION: point this (sub)shell at VERSION's venv: VENV, PY, PATH, the modules' interpreter
# and an inventory of its own. Every step @VERSION starts with it (steps run in subshells).
use_version() {
  VENV=$(venv_of "$1") && PY=$VENV/bin/python || return 1
  [ -x "$PY" ] || { echo "no venv for ansible-core $1 ($VENV): the setup@$1 step failed"; return 1; }
  export PATH="$VENV/bin:$ORIG_PATH"
  export ANSIBLE_PYTHON_INTERPRETER=$PY
  INVENTORY=$WORK/inventory-$1.ini
  printf 'localhost ansible_connection=local ansible_python_interpreter=%s\n' "$PY" >"$INVENTORY"
  "$PY" -c 'import ansible.release as r, sys; print("ansible-core %s on Python %s" % (r.__version__, sys.version.split()[0]))'
}

do_setup_version() {
  setup_version_venv "$1" && install_get_pip_shim "$(venv_of "$1")/bin/python"
}

# sanity_tests VERSION: the ansible-test options that select VERSION's sanity tests: every test on the versions in
# $SANITY_FULL (the oldest and the newest by default), the version-sensitive ones on the others (what each
# ansible-core checks differently: the modules' argument specs and docs, imports, compilation, ansible-doc; the
# linters - pylint, pep8, shellcheck, yamllint... - are the same code on every version and run on the oldest and newest)
SANITY_VERSION_TESTS=${BERRIAI_LITELLM_SANITY_VERSION_TESTS:-validate-modules import compile ansible-doc}
sanity_tests() {
  local v=$1 t full
  # asked for by name (--only sanity@V: a developer's check before landing): every test
  case " $ONLY " in *" sanity@$v "*) return 0 ;; esac
  for full in ${BERRIAI_LITELLM_SANITY_FULL:-oldest newest}; do
    case $full in oldest) full=$OLDEST ;; newest) full=$NEWEST ;; main) full=$MAIN_VERSION ;; esac
    [ "$full" = "$v" ] && return 0
  done
  for t in $SANITY_VERSION_TESTS; do printf -- '--test %s ' "$t"; done
}
do_sanity() {
  local v=$1 py dir
  use_version "$v" || return 1
  py=$(matrix_python "$v") || return 1
  command -v shellcheck >/dev/null || { echo "shellcheck is missing: ansible-test would skip its shellcheck test"; return 1; }
  dir=$BASE/sanity-$v/ansible_collections/$NS/$NAME   # kept between runs: its tests/output holds ansible-test's caches
  (
    flock -w 1800 7 || { echo "the sanity copy $dir is locked by another run"; exit 1; }
    copy_tree "$dir" || exit 1
    cd "$dir" || exit 1
    # only the controller's Python: the compile and import tests of the other Pythons would need them all
    # shellcheck disable=SC2046 # the --test options: words
    tmo 2400 ansible-test sanity --venv --python "$py" --color no $(sanity_tests "$v")
  ) 7>"$BASE/sanity-$v.lock"
}

do_units() {
  use_version "$1" || return 1
  local args=(-p no:cacheprovider --basetemp "$WORK/pytest-$1" -ra)
  if "$PY" -c 'import importlib.metadata as m; m.version("pytest-ansible")' 2>/dev/null; then
    args+=(-p no:pytest-ansible)
  fi
  cd "$REPO" || return 1
  PYTHONPATH=$TREE${PYTHONPATH:+:$PYTHONPATH} tmo 1200 "$PY" -m pytest "${args[@]}" tests/unit
  local rc=$?
  [ $rc -eq 5 ] && echo "pytest collected no tests: that counts as a failure"
  return $rc
}

do_docs() {
  copy_tree "$LINT" || return 1
  cd "$LINT" && tmo 900 antsibull-docs lint-collection-docs --plugin-docs .
}

do_changelog() {
  copy_tree "$LINT" || return 1
  cd "$LINT" && tmo 300 antsibull-changelog lint
}

do_lint() {
  copy_tree "$LINT" || return 1
  cd "$LINT" || return 1
  # with any of these set, ansible-lint does not install the collection into the copy's .ansible/
  unset ANSIBLE_HOME ANSIBLE_COLLECTIONS_PATH ANSIBLE_ROLES_PATH ANSIBLE_LIBRARY
  # not --offline: that also skips installing the collection into .ansible/ (then nothing resolves)
  ANSIBLE_LINT_SKIP_SCHEMA_UPDATE=1 tmo 900 ansible-lint --profile production
}

do_package() {
  local tarball
  tarball=$(build_and_install "$WORK/build" "$COLL") || return 1
  echo "$tarball" >"$WORK/tarball"
  echo "built $tarball, installed under $COLL"
  ANSIBLE_COLLECTIONS_PATH=$COLL ANSIBLE_COLLECTIONS_SCAN_SYS_PATH=false ansible-galaxy collection list "$NS.$NAME"
}

# export the environment that integration targets and checks get
export_test_env() {
  export PYTHON=$PY
  export ANSIBLE_COLLECTIONS_PATH=$COLL
  export ANSIBLE_COLLECTIONS_SCAN_SYS_PATH=false
  export ANSIBLE_INVENTORY=$INVENTORY
  export PYTHONPATH=$TREE${PYTHONPATH:+:$PYTHONPATH}
  export COLLECTION_TARBALL=$TARBALL
  export WORK REPO_ROOT=$REPO COLLECTION_SRC=$SRC COLLECTION_SOURCE=$SRC
  export LITELLM_API_BASE=${LITELLM_API_BASE:-} LITELLM_API_KEY=${LITELLM_API_KEY:-}
}

# run_target VERSION TARGET [PROXY]: PROXY main (default: LITELLM_API_BASE), old (LITELLM_OLD_API_BASE), or
# audit (the main proxy through the secrets audit's recorder, at -vvv: everything it prints and logs goes to
# $AUDIT_DIR/output/TARGET/, which checks/secrets_audit scans; the step's own output is its summary)
run_target() {
  use_version "$1" || return 1
  local t=$2 how=${3:-main} dir=$SRC/tests/integration/targets/$2 scratch=$WORK/integration-$1-${3:-main}/$2 rc out
  local -a cmd
  export_test_env
  if [ "$how" = old ]; then export LITELLM_API_BASE=$LITELLM_OLD_API_BASE LITELLM_API_KEY=$LITELLM_OLD_API_KEY; fi
  export ANSIBLE_ROLES_PATH=$SRC/tests/integration/targets
  rm -rf "$scratch" && mkdir -p "$scratch/output" || return 1
  if [ -f "$dir/runme.sh" ]; then
    cp -a "$dir/." "$scratch/" || return 1
    export OUTPUT_DIR=$scratch/output
    cmd=(bash ./runme.sh)
  else
    cmd=(ansible-playbook "$SRC/tests/integration/run_target.yml" -e "target=$t")
  fi
  cd "$scratch" || return 1
  if [ "$how" != audit ]; then
    tmo "${BERRIAI_LITELLM_TARGET_TIMEOUT:-1200}" "${cmd[@]}" </dev/null
    return
  fi
  out=$AUDIT_DIR/output/$t
  mkdir -p "$out" || return 1
  [ -f "$dir/runme.sh" ] && export OUTPUT_DIR=$out || cmd+=(-e "rel_log_dir=$out")
  LITELLM_API_BASE=$(cat "$AUDIT_DIR/run/recorder.url") LITELLM_API_KEY=$(cat "$AUDIT_DIR/private/admin_key") \
    ANSIBLE_LOG_PATH=$out/ansible.log \
    tmo "${BERRIAI_LITELLM_TARGET_TIMEOUT:-1200}" "${cmd[@]}" -vvv </dev/null >"$out/stdout" 2>"$out/stderr"
  rc=$?
  echo "$rc" >"$AUDIT_DIR/run/$t.rc"
  echo "(at -vvv through the secrets audit's recorder: $(wc -c <"$out/stdout") bytes of output, scanned by checks/secrets_audit;"
  echo " here the task lines and the recap$([ $rc -eq 0 ] || echo ', then the last 150 lines and stderr'))"
  grep -E '^(TASK \[|PLAY RECAP|localhost +:|fatal:|failed:|\[ERROR\]|\[WARNING\]|\[DEPRECATION)' "$out/stdout" | grep -v '^TASK \[Gathering' | cut -c1-300
  if [ $rc -ne 0 ]; then
    echo "--- the last 150 lines of its output:"; tail -n 150 "$out/stdout" | cut -c1-2000
    echo "--- stderr:"; tail -n 50 "$out/stderr"
  fi
  return $rc
}

run_check() {
  export_test_env
  cd "$REPO" || return 1
  tmo "${BERRIAI_LITELLM_CHECK_TIMEOUT:-1800}" "$1" </dev/null
}

# ---------------------------------------------------------------- run
# has_alias TARGET WORD: the target's aliases file has a line WORD
has_alias() { [ -f "$SRC/tests/integration/targets/$1/aliases" ] && grep -qx "[[:space:]]*$2[[:space:]]*" "$SRC/tests/integration/targets/$1/aliases"; }
# collect_targets VERSION PROXY: queue every target as the step integration@VERSION/<t> (PROXY main or audit) or
# integration-$OLD_LABEL/<t> (PROXY old: only the targets whose aliases say $OLD_ALIAS): PARALLEL_STEPS
# (run $JOBS at a time) or, aliases `serial`, SERIAL_STEPS (run alone, after the others)
PARALLEL_STEPS=() SERIAL_STEPS=()
collect_targets() {
  local v=$1 how=$2 prefix t d n=0
  if [ "$how" = old ]; then prefix=integration-$OLD_LABEL; else prefix=integration@$v; fi
  # the slowest first (measured; the pool's last step is then a short one), then the others by name
  local -a order=()
  for t in $SLOW_FIRST; do [ -d "$SRC/tests/integration/targets/$t" ] && order+=("$t"); done
  for d in "$SRC"/tests/integration/targets/*/; do
    t=$(basename "$d"); case " $SLOW_FIRST " in *" $t "*) ;; *) order+=("$t") ;; esac
  done
  for t in "${order[@]}"; do
    d=$SRC/tests/integration/targets/$t/
    [ -d "$d" ] || continue
    # BERRIAI_LITELLM_TARGETS: only these targets (names, space-separated); all by default
    if [ -n "${BERRIAI_LITELLM_TARGETS:-}" ]; then case " $BERRIAI_LITELLM_TARGETS " in *" $t "*) ;; *) continue ;; esac; fi
    n=$((n + 1))
    if has_alias "$t" disabled; then skip_step "$prefix/$t" "aliases: disabled"
    elif [ "$how" = old ] && [ -z "${BERRIAI_LITELLM_TARGETS:-}" ] && ! has_alias "$t" "$OLD_ALIAS"; then skip_step "$prefix/$t" "not on LiteLLM $OLD_LITELLM yet (aliases: no $OLD_ALIAS)"
    elif [ ! -f "$d/runme.sh" ] && [ ! -f "$d/tasks/main.yml" ] && [ ! -f "$d/tasks/main.yaml" ]; then
      echo; echo "$prefix/$t has neither tasks/main.yml nor runme.sh"
      record "$prefix/$t" FAIL 0 "no tasks/main.yml or runme.sh"
    else queue_target "$prefix/$t" "$v" "$t" "$how"
    fi
  done
  [ $n -gt 0 ] || skip_step "$prefix" "no targets in tests/integration/targets/"
}
# queue_target NAME VERSION TARGET PROXY: queue one target as the step NAME, unless the package or the proxy failed
queue_target() {
  local proxy=main
  [ "$4" = old ] && proxy=old
  if [ -z "$TARBALL" ]; then record "$1" FAIL 0 "not run: the package step failed"
  elif [ -z "${PROXY_OK[$proxy]:-}" ]; then record "$1" FAIL 0 "not run: no proxy ($(proxy_step $proxy) failed)"
  elif [ -n "${SETUP_FAILED[$2]:-}" ]; then record "$1" FAIL 0 "not run: setup@$2 failed"
  elif has_alias "$3" serial; then SERIAL_STEPS+=("$1" run_target "$2 $3 $4")
  else PARALLEL_STEPS+=("$1" run_target "$2 $3 $4")
  fi
}

echo "berriai.litellm test suite: repo $REPO"
if ! step setup do_setup; then
  for s in $ALL_STEPS; do
    [ "$s" != setup ] && wanted "$s" && skip_step "$s" "setup failed"
  done
else
  MAIN_VERSION=$(main_version)
  OLDEST=${VERSIONS%% *} NEWEST=$(echo "$VERSIONS" | awk '{print $NF}')
  FULL=" "
  # one full pass fits CI's time (each takes about 15-25 minutes on 2 CPUs); the others get the smoke target, and the
  # secrets audit runs every target once more (on the main venv, at -vvv)
  for f in ${BERRIAI_LITELLM_FULL_INTEGRATION:-main}; do
    case $f in main) f=$MAIN_VERSION ;; oldest) f=$OLDEST ;; newest) f=$NEWEST ;; esac
    case "$FULL" in *" $f "*) ;; *) FULL="$FULL$f " ;; esac
  done
  FULL_ALL=$FULL
  echo "ansible-core versions: $VERSIONS(main venv: $MAIN_VERSION; every integration target on:$FULL; smoke on the others)"
  if wanted proxy; then start_proxy_in_background main; fi
  if [ -n "$OLD_LITELLM" ] && wanted "proxy-$OLD_LABEL"; then start_proxy_in_background old main; fi

  # the versions' venvs, $JOBS at a time (pip mostly waits for the registry)
  declare -A SETUP_FAILED=()
  setups=()
  for v in $VERSIONS; do
    if [ "$(venv_of "$v")" = "$VENV" ] || ! wanted_at setup "$v"; then continue; fi
    setups+=("setup@$v" do_setup_version "$v")
  done
  if [ ${#setups[@]} -gt 0 ]; then
    steps_in_parallel "$JOBS" "${setups[@]}"
    for v in $VERSIONS; do
      for i in "${!RESULT_NAMES[@]}"; do
        [ "${RESULT_NAMES[$i]}" = "setup@$v" ] && [ "${RESULT_STATUS[$i]}" != PASS ] && SETUP_FAILED[$v]=1
      done
    done
  fi
  # versioned_step STEP FUNCTION [JOBS]: STEP@V for every version V (unless setup@V failed), JOBS at a time
  versioned_step() {
    local s=$1 fn=$2 jobs=${3:-1} v
    local -a triples=()
    for v in $VERSIONS; do
      wanted_at "$s" "$v" || continue
      if [ -n "${SETUP_FAILED[$v]:-}" ]; then record "$s@$v" FAIL 0 "not run: setup@$v failed"; continue; fi
      if [ "$jobs" -gt 1 ]; then triples+=("$s@$v" "$fn" "$v"); else step "$s@$v" "$fn" "$v"; fi
    done
    [ ${#triples[@]} -eq 0 ] || steps_in_parallel "$jobs" "${triples[@]}"
  }
  versioned_step sanity do_sanity "${BERRIAI_LITELLM_SANITY_JOBS:-1}"
  versioned_step units do_units
  if wanted docs; then step docs do_docs; else skip_step docs "not selected"; fi
  if ! wanted changelog; then skip_step changelog "not selected"
  elif [ -f "$REPO/changelogs/config.yaml" ]; then step changelog do_changelog
  else skip_step changelog "no changelogs/config.yaml"; fi
  if ! wanted lint; then skip_step lint "not selected"
  elif [ -f "$REPO/.ansible-lint" ]; then step lint do_lint
  else skip_step lint "no .ansible-lint"; fi

  if wanted package; then
    step package do_package && TARBALL=$(cat "$WORK/tarball")
  else skip_step package "not selected"; fi

  declare -A PROXY_OK=()
  if wanted proxy; then
    if step proxy wait_for_proxy main; then
      PROXY_OK[main]=1
      eval "$(cat "$WORK/proxy-main.env")"
    fi
  else skip_step proxy "not selected"; fi
  if [ -n "$OLD_LITELLM" ] && wanted "proxy-$OLD_LABEL"; then
    if step "proxy-$OLD_LABEL" wait_for_proxy old; then
      PROXY_OK[old]=1
      eval "$(cat "$WORK/proxy-old.env")"
    fi
  elif [ -n "$OLD_LITELLM" ]; then skip_step "proxy-$OLD_LABEL" "not selected"; fi

  # the main pass on the main venv's version goes through the secrets audit's recorder, at -vvv
  # (checks/secrets_audit then scans its output instead of running every target again)
  AUDITED=""
  if wanted_at integration "$MAIN_VERSION" && case "$FULL" in *" $MAIN_VERSION "*) true ;; *) false ;; esac \
     && check_wanted checks/secrets_audit && [ -x "$REPO/tests/checks/secrets_audit.sh" ] && [ -n "${PROXY_OK[main]:-}" ]; then
    if audit_start_recorder; then AUDITED=1; export BERRIAI_LITELLM_AUDIT_DIR=$AUDIT_DIR
    else log "the secrets audit's recorder did not start: the main pass runs without it (checks/secrets_audit runs every target itself)"; fi
  fi
  # every target on the versions in $FULL (the main venv's first), the smoke target on the others, the targets
  # that pass on LiteLLM $OLD_LITELLM against that proxy: all in one pool, $JOBS at a time; then the `serial` ones
  for v in $MAIN_VERSION $VERSIONS; do
    case "$FULL" in *" $v "*) FULL=${FULL/ $v / } ;; *) continue ;; esac   # (each version once)
    if wanted_at integration "$v"; then
      if [ "$v" = "$MAIN_VERSION" ] && [ -n "$AUDITED" ]; then collect_targets "$v" audit; else collect_targets "$v" main; fi
    fi
  done
  for v in $VERSIONS; do
    case "$FULL_ALL" in *" $v "*) wanted_at integration "$v" && continue ;; esac   # (it runs the smoke target too)
    wanted_at smoke "$v" || continue
    if [ -d "$SRC/tests/integration/targets/smoke" ]; then queue_target "smoke@$v" "$v" smoke main
    else record "smoke@$v" FAIL 0 "no tests/integration/targets/smoke"; fi
  done
  if [ -n "$OLD_LITELLM" ] && wanted "integration-$OLD_LABEL"; then collect_targets "$MAIN_VERSION" old; fi
  [ ${#PARALLEL_STEPS[@]} -eq 0 ] || steps_in_parallel "$JOBS" "${PARALLEL_STEPS[@]}"
  # a target that failed in the pool runs once more, alone (BERRIAI_LITELLM_RETRY_ALONE=0: not): the proxy's own
  # failures under concurrent load (LiteLLM answering 500 "Transaction already closed" to a /team/new beside
  # others) must not fail the suite, and a real failure fails again. Its pool row becomes RETRY (not counted; its
  # output stays above and, for the audited pass, in the audit's output); the row "(again, alone)" is the verdict.
  if [ "${BERRIAI_LITELLM_RETRY_ALONE:-1}" = 1 ]; then
    while [ ${#PARALLEL_STEPS[@]} -ge 3 ]; do
      name=${PARALLEL_STEPS[0]}
      for i in "${!RESULT_NAMES[@]}"; do
        if [ "${RESULT_NAMES[$i]}" != "$name" ] || [ "${RESULT_STATUS[$i]}" != FAIL ]; then continue; fi
        RESULT_STATUS[i]=RETRY RESULT_NOTE[i]="${RESULT_NOTE[$i]}; failed in the pool: run again alone, below"
        read -r v t how <<<"${PARALLEL_STEPS[2]}"
        if [ "$how" = audit ] && [ -d "$AUDIT_DIR/output/$t" ]; then mv "$AUDIT_DIR/output/$t" "$AUDIT_DIR/output/$t.in-pool"; fi
        # shellcheck disable=SC2086 # ARGS: words
        step "$name (again, alone)" "${PARALLEL_STEPS[1]}" ${PARALLEL_STEPS[2]}
        break
      done
      PARALLEL_STEPS=("${PARALLEL_STEPS[@]:3}")
    done
  fi
  while [ ${#SERIAL_STEPS[@]} -ge 3 ]; do
    # shellcheck disable=SC2086 # ARGS: words
    step "${SERIAL_STEPS[0]}" "${SERIAL_STEPS[1]}" ${SERIAL_STEPS[2]}
    SERIAL_STEPS=("${SERIAL_STEPS[@]:3}")
  done
  audit_stop_recorder

  # the checks, $CHECK_JOBS at a time (each uses names of its own on the proxy; examples' prune is scoped to its
  # own names), the longest first: they were a third of the suite's serial tail
  if wanted checks; then
    found="" CHECK_STEPS=()
    for c in "$REPO"/tests/checks/examples.sh "$REPO"/tests/checks/*.sh; do
      [ -e "$c" ] || continue
      n=checks/$(basename "$c" .sh)
      case " $found " in *" $n "*) continue ;; esac
      found="$found $n"
      check_wanted "$n" || { skip_step "$n" "not selected"; continue; }
      if [ -x "$c" ]; then CHECK_STEPS+=("$n" run_check "$c")
      else skip_step "$n" "not executable"; fi
    done
    [ -n "$found" ] || skip_step checks "no tests/checks/*.sh"
    if [ ${#CHECK_STEPS[@]} -eq 3 ]; then step "${CHECK_STEPS[0]}" run_check "${CHECK_STEPS[2]}"
    elif [ ${#CHECK_STEPS[@]} -gt 3 ]; then steps_in_parallel "$CHECK_JOBS" "${CHECK_STEPS[@]}"; fi
  else skip_step checks "not selected"; fi
fi

# ---------------------------------------------------------------- summary
# every step's seconds in the order run (steps that ran in parallel: each its own seconds, then the group's wall
# time), then the total: a regression shows in the CI log itself
passed=0 failed=0
echo
echo "=================== summary: every step's seconds"
printf '%-52s %-5s %6s  %s\n' STEP STATUS SECS NOTE
for i in "${!RESULT_NAMES[@]}"; do
  printf '%-52s %-5s %6s  %s\n' "${RESULT_NAMES[$i]}" "${RESULT_STATUS[$i]}" "${RESULT_SECS[$i]}" "${RESULT_NOTE[$i]}"
  case ${RESULT_STATUS[$i]} in PASS) passed=$((passed + 1)) ;; FAIL) failed=$((failed + 1)) ;; esac
done
retried=$(printf '%s\n' "${RESULT_STATUS[@]}" | grep -c '^RETRY$')
[ "$retried" -eq 0 ] || echo "($retried target(s) failed in the pool and ran again alone: their RETRY rows)"
printf '%-52s %-5s %6s  %s\n' "TOTAL (wall, from the start of the script)" - "$SECONDS" "$((SECONDS / 60)) min $((SECONDS % 60)) s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
