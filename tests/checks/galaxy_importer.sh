#!/usr/bin/env bash
# Galaxy's importer (galaxy-importer, what Galaxy runs on an uploaded collection) on the built tarball, with
# flake8, ansible-doc and ansible-lint on and require_v1_or_greater set. Any WARNING or ERROR it reports fails
# the check, with ONE exception while galaxy.yml's version is below 1.0.0:
#   require_v1_or_greater makes the importer stop at once with "Config is enabled that requires version to be
#   1.0.0 or greater" (nothing else is checked). While the version is 0.x that finding is expected: the check
#   accepts it only as the run's sole finding, and then imports again without require_v1_or_greater so that
#   everything else is checked. From version 1.0.0 on nothing is accepted: one run, every finding fails.
# The importer's configuration (GALAXY_IMPORTER_CONFIG) is written under the run's scratch directory.
# Run by scripts/test.sh (COLLECTION_TARBALL = the built tarball), or by hand (a tarball is built):
#   tests/checks/galaxy_importer.sh
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib/common.bash"

V1_FINDING='Config is enabled that requires version to be 1.0.0 or greater.'

part "the collection tarball" ensure_tarball || finish
"$PYTHON" -c 'import galaxy_importer' 2>/dev/null || {
  echo "galaxy-importer is not installed in $PYTHON's venv (tests/requirements-dev.txt)"; exit 1; }
VERSION=$(collection_version) || { echo "cannot read galaxy.yml's version"; exit 1; }
BELOW_V1=$("$PYTHON" -c 'import sys; print(int(int(sys.argv[1].split(".")[0]) < 1))' "$VERSION") || exit 1
echo "galaxy.yml's version: $VERSION$([ "$BELOW_V1" = 1 ] && echo " (below 1.0.0: the 1.0.0 finding is accepted, alone)")"

# run_importer NAME REQUIRE_V1: run the importer on the tarball; its output in $SCRATCH/NAME.out, its findings
# (WARNING and ERROR lines) in $SCRATCH/NAME.findings
run_importer() {
  local name=$1 cfg=$SCRATCH/$1.cfg rc
  mkdir -p "$SCRATCH/$name-tmp/ansible-local" || return 1
  cat >"$cfg" <<INI
[galaxy-importer]
LOG_LEVEL_MAIN = INFO
RUN_FLAKE8 = True
RUN_ANSIBLE_DOC = True
RUN_ANSIBLE_LINT = True
RUN_ANSIBLE_TEST = False
CHECK_REQUIRED_TAGS = True
REQUIRE_V1_OR_GREATER = $2
TMP_ROOT_DIR = $SCRATCH/$name-tmp
ANSIBLE_LOCAL_TMP = $SCRATCH/$name-tmp/ansible-local
INI
  (cd "$SCRATCH" && GALAXY_IMPORTER_CONFIG=$cfg "$PYTHON" -m galaxy_importer.main "$COLLECTION_TARBALL") \
    >"$SCRATCH/$name.out" 2>&1 </dev/null
  rc=$?
  grep -E '^(WARNING|ERROR)' "$SCRATCH/$name.out" >"$SCRATCH/$name.findings"
  echo "galaxy-importer (require_v1_or_greater = $2): exit $rc, $(wc -l <"$SCRATCH/$name.findings") finding(s)"
  return $rc
}

# with require_v1_or_greater: clean, or (version 0.x only) stopped by the 1.0.0 finding alone
v1() {
  local rc
  run_importer v1 True
  rc=$?
  if [ "$BELOW_V1" = 1 ] && [ $rc -ne 0 ] && [ "$(wc -l <"$SCRATCH/v1.findings")" = 1 ] &&
     grep -qF "$V1_FINDING" "$SCRATCH/v1.findings"; then
    echo "accepted while the version is $VERSION: $(cat "$SCRATCH/v1.findings")"
    return 0
  fi
  if [ $rc -eq 0 ] && [ ! -s "$SCRATCH/v1.findings" ]; then return 0; fi
  cat "$SCRATCH/v1.out"; return 1
}

# without it (version 0.x only: the v1 run stopped before checking anything else): no finding at all
rest() {
  local rc
  run_importer rest False
  rc=$?
  if [ $rc -eq 0 ] && [ ! -s "$SCRATCH/rest.findings" ]; then tail -n 3 "$SCRATCH/rest.out"; return 0; fi
  echo "findings:"; cat "$SCRATCH/rest.findings"
  echo "(its last lines:)"; tail -n 3 "$SCRATCH/rest.out"
  return 1
}

part "galaxy-importer with require_v1_or_greater" v1
if [ "$BELOW_V1" = 1 ]; then part "galaxy-importer, everything else (flake8, ansible-doc, ansible-lint)" rest; fi
finish
