#!/usr/bin/env bash
# Changelog check (antsibull-changelog), in a copy of the sources:
#   1. antsibull-changelog lint (the fragments) and lint-changelog-yaml (changelogs/changelog.yaml)
#   2. CHANGELOG.rst and changelogs/changelog.yaml hold every fragment: while galaxy.yml's version is the latest
#      release in changelog.yaml (being prepared), `antsibull-changelog release --update-existing` with that
#      release's date must change nothing; after a version bump, `antsibull-changelog generate` must not.
# To add a change: write changelogs/fragments/<topic>.yml, then run
#   antsibull-changelog release --version <galaxy.yml version> --date <its date in changelog.yaml> --update-existing
# (or `antsibull-changelog release` to cut a new version) and commit CHANGELOG.rst and changelogs/.
# Run by scripts/test.sh, or by hand: tests/checks/changelog.sh
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib/common.bash"

COPY=$SCRATCH/src/ansible_collections/berriai/litellm
copy_sources "$COPY" || { echo "could not copy the sources"; exit 1; }
# antsibull-changelog finds the collection's plugins itself (ansible-doc with a tree of its own)
unset ANSIBLE_COLLECTIONS_PATH

lint() {
  (cd "$COPY" && antsibull-changelog lint && antsibull-changelog lint-changelog-yaml changelogs/changelog.yaml) &&
    echo "$(find "$COPY/changelogs/fragments" -mindepth 1 -maxdepth 1 | wc -l) fragments, changelog.yaml: no problem"
}

current() {
  local version date
  version=$(collection_version) || return 1
  date=$("$PYTHON" -c 'import sys, yaml
releases = (yaml.safe_load(open(sys.argv[1])) or {}).get("releases") or {}
print(releases.get(sys.argv[2], {}).get("release_date", ""))' "$COPY/changelogs/changelog.yaml" "$version") || return 1
  if [ -n "$date" ]; then
    echo "galaxy.yml's version $version is in changelog.yaml (release date $date): folding in the fragments again"
    (cd "$COPY" && antsibull-changelog release --version "$version" --date "$date" --update-existing) || return 1
  else
    echo "galaxy.yml's version $version is not released yet: regenerating CHANGELOG.rst from changelog.yaml"
    (cd "$COPY" && antsibull-changelog generate) || return 1
  fi
  if ! diff -u "$REPO/changelogs/changelog.yaml" "$COPY/changelogs/changelog.yaml" ||
     ! diff -u "$REPO/CHANGELOG.rst" "$COPY/CHANGELOG.rst"; then
    echo "CHANGELOG.rst or changelogs/changelog.yaml is stale: see the comment at the top of $0"; return 1
  fi
  echo "CHANGELOG.rst and changelogs/changelog.yaml are current"
}

part "antsibull-changelog lint" lint
part "CHANGELOG.rst holds every fragment" current
finish
