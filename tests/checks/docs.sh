#!/usr/bin/env bash
# Docs check: the module documentation is valid, renders, and the committed pages are current.
#   1. antsibull-docs lint-collection-docs --plugin-docs (schema, markup, O()/M()/RV() references), in a copy
#   2. ansible-doc renders every module of the collection on ANSIBLE_COLLECTIONS_PATH (the installed copy under
#      scripts/test.sh; this checkout when run by hand)
#   3. scripts/build-docs.sh, run into a scratch dir, makes exactly the committed docs/modules/
# Run by scripts/test.sh, or by hand: tests/checks/docs.sh
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib/common.bash"

COPY=$SCRATCH/src/ansible_collections/berriai/litellm
copy_sources "$COPY" || { echo "could not copy the sources"; exit 1; }

lint_docs() { (cd "$COPY" && antsibull-docs lint-collection-docs --plugin-docs .); }

render_each() {
  if [ -z "${ANSIBLE_COLLECTIONS_PATH:-}" ]; then
    mkdir -p "$SCRATCH/tree/ansible_collections/berriai"
    ln -s "$REPO" "$SCRATCH/tree/ansible_collections/berriai/litellm"
    export ANSIBLE_COLLECTIONS_PATH=$SCRATCH/tree ANSIBLE_COLLECTIONS_SCAN_SYS_PATH=false
  fi
  echo "ANSIBLE_COLLECTIONS_PATH=$ANSIBLE_COLLECTIONS_PATH"
  local modules m out bad=0
  modules=$(ansible-doc -t module -l berriai.litellm 2>/dev/null | awk '{print $1}')
  [ -n "$modules" ] || { echo "ansible-doc finds no module of berriai.litellm"; return 1; }
  for m in $modules; do
    if out=$(ansible-doc -t module "$m" 2>&1) && grep -q '^OPTIONS' <<<"$out" && grep -q '^RETURN VALUES' <<<"$out"; then
      echo "  $m: renders ($(wc -l <<<"$out") lines)"
    else
      echo "  $m: does NOT render:"; head -n 6 <<<"$out" | sed 's/^/    /'; bad=1
    fi
  done
  return $bad
}

pages_current() {
  "$REPO/scripts/build-docs.sh" "$SCRATCH/pages" || return 1
  diff -ru "$REPO/docs/modules" "$SCRATCH/pages" || {
    echo "docs/modules/ is stale: run scripts/build-docs.sh and commit docs/modules/"; return 1; }
  echo "docs/modules/ holds $(find "$REPO/docs/modules" -mindepth 1 -maxdepth 1 | wc -l) pages, as scripts/build-docs.sh makes them"
}

part "antsibull-docs lint-collection-docs --plugin-docs" lint_docs
part "ansible-doc renders every module" render_each
part "docs/modules/ is what scripts/build-docs.sh makes" pages_current
finish
