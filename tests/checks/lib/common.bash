# shellcheck shell=bash
# Shared by the tests/checks/*.sh scripts (sourced). Each check runs under scripts/test.sh, which sets
# PYTHON, PATH, ANSIBLE_COLLECTIONS_PATH (the installed collection), LITELLM_API_BASE/KEY, COLLECTION_TARBALL
# and WORK, or by hand, when these fall back to: the test venv, a tarball built here, the proxy at
# http://127.0.0.1:4000 with sk-1234, and a temporary WORK. A check never writes into the repository.

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd -P)
VENV=${BERRIAI_LITELLM_VENV:-${BERRIAI_LITELLM_HOME:-/var/tmp/berriai-litellm}/venv}
export PYTHON=${PYTHON:-$VENV/bin/python}
[ -x "$PYTHON" ] || PYTHON=$(command -v python3)
export PATH="$(dirname "$PYTHON"):$PATH"
export PYTHONDONTWRITEBYTECODE=1 ANSIBLE_NOCOLOR=1 ANSIBLE_FORCE_COLOR=0
CHECK=$(basename "$0" .sh)

OWN_WORK=""
if [ -z "${WORK:-}" ]; then WORK=$(mktemp -d); OWN_WORK=1; fi
SCRATCH=$(mktemp -d "$WORK/check-$CHECK.XXXXXX")
export ANSIBLE_LOCAL_TEMP=${ANSIBLE_LOCAL_TEMP:-$SCRATCH/tmp/ansible-local}
export ANSIBLE_REMOTE_TMP=${ANSIBLE_REMOTE_TMP:-$SCRATCH/tmp/ansible-remote}
_cleanup() { rm -rf "$SCRATCH"; if [ -n "$OWN_WORK" ]; then rm -rf "$WORK"; fi; }
trap _cleanup EXIT

FAILED=0
_now() { date +%s%N; }
# part NAME COMMAND...: run one part of the check, print PASS/FAIL with its time; a failure fails the check
part() {
  local name=$1 start rc ms; shift
  echo "== $name"
  start=$(_now)
  "$@"
  rc=$?
  ms=$(( ($(_now) - start) / 1000000 ))
  if [ $rc -eq 0 ]; then
    printf -- '-- %s: PASS (%d.%ds)\n' "$name" $((ms / 1000)) $((ms % 1000 / 100))
  else
    printf -- '-- %s: FAIL, exit %d (%d.%ds)\n' "$name" $rc $((ms / 1000)) $((ms % 1000 / 100))
    FAILED=1
  fi
  return $rc
}
finish() {
  if [ "$FAILED" -eq 0 ]; then echo "$CHECK: PASS"; else echo "$CHECK: FAIL"; fi
  exit "$FAILED"
}

# copy_sources DEST: a real copy of the collection (git-tracked files plus untracked ones that are not ignored)
copy_sources() {
  mkdir -p "$1" || return 1
  (cd "$REPO" && git ls-files -z -c -o --exclude-standard | while IFS= read -r -d '' f; do
     if [ -e "$f" ]; then printf '%s\0' "$f"; fi; done | tar --null --no-recursion -T - -cf -) | (cd "$1" && tar -xf -)
  [ -f "$1/galaxy.yml" ]
}

collection_version() {
  "$PYTHON" -c 'import sys, yaml; print(yaml.safe_load(open(sys.argv[1]))["version"])' "$REPO/galaxy.yml"
}

# ensure_tarball: COLLECTION_TARBALL, or build one from a copy of the sources into SCRATCH
ensure_tarball() {
  if [ -n "${COLLECTION_TARBALL:-}" ] && [ -f "$COLLECTION_TARBALL" ]; then return 0; fi
  local src=$SCRATCH/build/src/ansible_collections/berriai/litellm
  copy_sources "$src" || return 1
  ansible-galaxy collection build "$src" --output-path "$SCRATCH/build" --force >/dev/null || return 1
  COLLECTION_TARBALL=$(ls "$SCRATCH"/build/berriai-litellm-*.tar.gz | head -n1)
  echo "built $COLLECTION_TARBALL"
  export COLLECTION_TARBALL
}

# the proxy, for checks that need it
export LITELLM_API_BASE=${LITELLM_API_BASE:-http://127.0.0.1:4000}
export LITELLM_API_KEY=${LITELLM_API_KEY:-sk-1234}
