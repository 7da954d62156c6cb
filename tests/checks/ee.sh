#!/usr/bin/env bash
# Execution-environment check (no containers needed):
#   1. the built tarball ships LICENSE, meta/execution-environment.yml, requirements.txt and bindep.txt, and leaves the
#      tests, the dev scripts, virtualenvs and local state out (galaxy.yml build_ignore)
#   2. ansible-builder's own introspection (the script it runs inside the image build) reads the installed
#      collection's dependencies: requests from requirements.txt, ca-certificates from bindep.txt
#   3. `ansible-builder create` accepts an execution-environment.yml (version 3) that installs the tarball, and
#      writes a build context (Containerfile and _build/) that installs the collection and its dependencies
# Run by scripts/test.sh (COLLECTION_TARBALL = the built tarball), or by hand (a tarball is built): tests/checks/ee.sh
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib/common.bash"

part "the collection tarball" ensure_tarball || finish
TARBALL_NAME=$(basename "$COLLECTION_TARBALL")
echo "tarball: $COLLECTION_TARBALL"

tarball_contents() {
  local listing bad=0 f
  listing=$(tar tzf "$COLLECTION_TARBALL") || return 1
  for f in LICENSE meta/execution-environment.yml requirements.txt bindep.txt meta/runtime.yml MANIFEST.json; do
    if grep -qx "$f" <<<"$listing"; then echo "  ships $f"; else echo "  MISSING $f"; bad=1; fi
  done
  for f in tests/ scripts/ .venv/ venv/ .ansible/ collections/ tests/proxy/state/ changelogs/.plugin-cache.yaml; do
    if grep -q "^${f//./\\.}" <<<"$listing"; then echo "  SHIPS $f (should be left out)"; bad=1; else echo "  leaves out $f"; fi
  done
  if grep -qE '(^|/)__pycache__/|\.pyc$|\.tar\.gz$' <<<"$listing"; then echo "  SHIPS caches or tarballs"; bad=1; fi
  echo "  $(wc -l <<<"$listing") entries"
  return $bad
}

introspect() {
  local coll=$SCRATCH/collections out
  ANSIBLE_COLLECTIONS_PATH=$coll ansible-galaxy collection install "$COLLECTION_TARBALL" -p "$coll" --force --offline >/dev/null ||
    return 1
  out=$("$PYTHON" -m ansible_builder._target_scripts.introspect introspect "$coll") || { echo "$out"; return 1; }
  echo "$out"
  grep -Eq "^- '?requests.*# from collection berriai\.litellm" <<<"$out" || { echo "requests (requirements.txt) is not found"; return 1; }
  grep -Eq "^- '?ca-certificates.*# from collection berriai\.litellm" <<<"$out" || { echo "bindep.txt is not found"; return 1; }
}

builder_create() {
  local ctx=$SCRATCH/ee
  mkdir -p "$ctx" || return 1
  cat >"$ctx/execution-environment.yml" <<YAML
---
version: 3
images:
  base_image:
    name: quay.io/fedora/python-311:latest
dependencies:
  ansible_core:
    package_pip: ansible-core>=2.16
  ansible_runner:
    package_pip: ansible-runner
  galaxy:
    collections:
      - name: /build/collections/$TARBALL_NAME
        type: file
additional_build_files:
  - src: $COLLECTION_TARBALL
    dest: collections
YAML
  (cd "$ctx" && ansible-builder create --file execution-environment.yml --context context \
    --output-filename Containerfile -v 3) || return 1
  [ -s "$ctx/context/Containerfile" ] || { echo "no Containerfile"; return 1; }
  [ -f "$ctx/context/_build/collections/$TARBALL_NAME" ] || { echo "the tarball is not in the build context"; return 1; }
  grep -q 'ansible-galaxy collection install' "$ctx/context/Containerfile" || { echo "the Containerfile installs no collection"; return 1; }
  grep -q 'introspect' "$ctx/context/Containerfile" || { echo "the Containerfile does not introspect the collections"; return 1; }
  echo "context: $(cd "$ctx/context" && find . -type f | sort | tr '\n' ' ')"
}

part "the tarball ships the EE files and leaves tests/venvs/state out" tarball_contents
part "ansible-builder introspect reads requirements.txt and bindep.txt" introspect
part "ansible-builder create accepts the EE definition" builder_create
finish
