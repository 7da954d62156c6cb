#!/usr/bin/env bash
# ansible-lint (production profile, the repository's .ansible-lint) on the YAML of the documentation: the
# EXAMPLES of every module and the ```yaml blocks of README.md and docs/*.md, written out as playbooks by
# extract_snippets.py. By hand it also lints examples/ and tests/integration/; under scripts/test.sh those are
# linted by its own lint step (the whole collection), so this check does not lint them twice.
# ansible-lint runs in a copy of the sources: it installs the collection into the copy's .ansible/ (a symlink
# loop if it were the repository).
# Run by scripts/test.sh, or by hand: tests/checks/lint.sh
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib/common.bash"

COPY=$SCRATCH/lint/ansible_collections/berriai/litellm
copy_sources "$COPY" || { echo "could not copy the sources"; exit 1; }
SNIPPETS=docs-snippets
targets=("$SNIPPETS")
if [ -z "${COLLECTION_SRC:-}" ]; then targets+=(examples tests/integration); fi

extract() { "$PYTHON" "$REPO/tests/checks/extract_snippets.py" "$COPY" "$COPY/$SNIPPETS"; }

lint() {
  echo "ansible-lint --profile production ${targets[*]}"
  # with any of these set, ansible-lint does not install the collection into the copy's .ansible/
  (cd "$COPY" && env -u ANSIBLE_COLLECTIONS_PATH -u ANSIBLE_ROLES_PATH -u ANSIBLE_HOME -u ANSIBLE_LIBRARY \
     ANSIBLE_LINT_SKIP_SCHEMA_UPDATE=1 NO_COLOR=1 ansible-lint --profile production "${targets[@]}")
}

part "extract the documentation's YAML snippets" extract || finish
part "ansible-lint (production) on ${targets[*]}" lint
finish
