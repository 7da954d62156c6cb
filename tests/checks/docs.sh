#!/usr/bin/env bash
# Docs check: the module documentation is valid, renders, and the committed pages are current.
#   1. antsibull-docs lint-collection-docs --plugin-docs (schema, markup, O()/M()/RV() references), in a copy
#   2. ansible-doc renders every module of the collection found on ANSIBLE_COLLECTIONS_PATH (the installed one
#      under scripts/test.sh; this checkout when run by hand)
#   3. scripts/build-docs.sh regenerates docs/modules/ into a scratch dir: it must equal the committed pages
# Run by scripts/test.sh (see its hook contract), or by hand: tests/checks/docs.sh
set -uo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
VENV=${BERRIAI_LITELLM_VENV:-${BERRIAI_LITELLM_HOME:-/var/tmp/berriai-litellm}/venv}
export PYTHON=${PYTHON:-$VENV/bin/python}
export PATH="$(dirname "$PYTHON"):$PATH"
OWN_WORK=""
if [ -z "${WORK:-}" ]; then WORK=$(mktemp -d); OWN_WORK=1; fi
SCRATCH=$(mktemp -d "$WORK/docs-check.XXXXXX")
cleanup() { rm -rf "$SCRATCH"; [ -z "$OWN_WORK" ] || rm -rf "$WORK"; }
trap cleanup EXIT
export ANSIBLE_LOCAL_TEMP=${ANSIBLE_LOCAL_TEMP:-$SCRATCH/tmp} ANSIBLE_NOCOLOR=1 PYTHONDONTWRITEBYTECODE=1
failed=0
t() { date +%s%N; }
report() { local ms=$(( ($(t) - $3) / 1000000 )); printf '%-52s %s (%d.%01ds)\n' "$1" "$2" $((ms / 1000)) $((ms % 1000 / 100)); }

# a real copy of the sources (tracked plus untracked-but-not-ignored files): the tools run there, not in the repo
COPY=$SCRATCH/src/ansible_collections/berriai/litellm
mkdir -p "$COPY"
(cd "$REPO" && git ls-files -z -c -o --exclude-standard 2>/dev/null | while IFS= read -r -d '' f; do
   [ -e "$f" ] && printf '%s\0' "$f"; done | tar --null --no-recursion -T - -cf -) | (cd "$COPY" && tar -xf -)
[ -f "$COPY/galaxy.yml" ] || { echo "could not copy the sources of $REPO"; exit 1; }

# 1. lint
start=$(t)
echo "== antsibull-docs lint-collection-docs --plugin-docs"
if (cd "$COPY" && antsibull-docs lint-collection-docs --plugin-docs .); then
  report "lint-collection-docs --plugin-docs" PASS "$start"
else
  report "lint-collection-docs --plugin-docs" FAIL "$start"; failed=1
fi

# 2. ansible-doc renders each module
start=$(t)
if [ -z "${ANSIBLE_COLLECTIONS_PATH:-}" ]; then
  mkdir -p "$SCRATCH/tree/ansible_collections/berriai"
  ln -s "$REPO" "$SCRATCH/tree/ansible_collections/berriai/litellm"
  export ANSIBLE_COLLECTIONS_PATH=$SCRATCH/tree ANSIBLE_COLLECTIONS_SCAN_SYS_PATH=false
fi
echo "== ansible-doc of each module (ANSIBLE_COLLECTIONS_PATH=$ANSIBLE_COLLECTIONS_PATH)"
modules=$(ansible-doc -t module -l berriai.litellm 2>/dev/null | awk '{print $1}')
[ -n "$modules" ] || { echo "ansible-doc finds no module of berriai.litellm"; failed=1; }
doc_failed=0
for m in $modules; do
  if out=$(ansible-doc -t module "$m" 2>&1) && grep -q '^OPTIONS' <<<"$out" && grep -q '^RETURN VALUES' <<<"$out"; then
    echo "  $m: renders ($(wc -l <<<"$out") lines)"
  else
    echo "  $m: does NOT render:"; sed 's/^/    /' <<<"$out" | head -n 8; doc_failed=1
  fi
done
if [ $doc_failed -eq 0 ] && [ -n "$modules" ]; then report "ansible-doc renders $(wc -w <<<"$modules") modules" PASS "$start"
else report "ansible-doc renders every module" FAIL "$start"; failed=1; fi

# 3. the committed pages are what scripts/build-docs.sh makes now
start=$(t)
echo "== docs/modules/ is up to date (scripts/build-docs.sh into a scratch dir, then diff)"
if "$REPO/scripts/build-docs.sh" "$SCRATCH/pages" && diff -ru "$REPO/docs/modules" "$SCRATCH/pages"; then
  report "docs/modules/ matches scripts/build-docs.sh" PASS "$start"
else
  echo "docs/modules/ is stale or could not be generated: run scripts/build-docs.sh and commit docs/modules/"
  report "docs/modules/ matches scripts/build-docs.sh" FAIL "$start"; failed=1
fi

exit $failed
