#!/usr/bin/env bash
# A secret in a wrong option, and secrets named by reference in loops, in runs that fail (issue 19): the
# playbook (secrets.yml) runs at -vvv with --diff, on both paths, in check mode and for real; its whole output
# must show every failed item's error and never a secret given to it. The secrets are made for this run and
# kept outside the output (the secrets audit, tests/checks/secrets_audit.sh, also scans this target's output).
set -euo pipefail
HERE=$(pwd)
OUT=${OUTPUT_DIR:-$HERE/output}
mkdir -p "$OUT"
: "${LITELLM_API_BASE:?}" "${LITELLM_API_KEY:?}"
SFX=so-$(date +%s)-$RANDOM
PRIVATE=$(mktemp -d)
chmod 700 "$PRIVATE"
trap 'rm -rf "$PRIVATE"' EXIT
# The secrets: two not shaped like a LiteLLM key (only the option's name makes them secrets), one sk-.
S_PLAIN=plain-$RANDOM$RANDOM-$SFX-secret
S_AWS=AWS$RANDOM$RANDOM/$SFX/EXAMPLEKEY
S_PEM=PEM-$RANDOM$RANDOM-$SFX-private
S_REF=sk-so-ref-$RANDOM$RANDOM-$SFX
cat >"$PRIVATE/secrets.yml" <<YAML
so_plain: "$S_PLAIN"
so_aws: "$S_AWS"
so_pem: "$S_PEM"
litellm_secrets:
  credentials/$SFX-cred/api_key: "$S_REF"
  models/$SFX-model/api_key: "$S_REF"
YAML
set +e
ansible-playbook -vvv --diff "$HERE/secrets.yml" -e "so_sfx=$SFX" -e @"$PRIVATE/secrets.yml" "$@" >"$OUT/run.log" 2>&1
rc=$?
set -e
cat "$OUT/run.log"
[ $rc -eq 0 ] || { echo "the playbook failed (rc $rc): its own assertions say why"; exit 1; }
# Never a secret, whole or without its sk- prefix.
for secret in "$S_PLAIN" "$S_AWS" "$S_PEM" "$S_REF" "${S_REF#sk-}"; do
  if grep -qF -- "$secret" "$OUT/run.log"; then
    echo "FAIL: a secret given to the run is in its output:"; grep -nF -- "$secret" "$OUT/run.log" | sed "s|$secret|<THE SECRET>|g" | head -5
    exit 1
  fi
done
# Every failed item's error is shown (no no_log hides it).
for error in 'litellm_params.api_key is a secret' 'litellm_params.aws_secret_access_key is a secret' \
  'litellm_params.vertex_credentials is a secret' "credential_values_to_delete names api_key" \
  "has no entry 'credentials/$SFX-missing/api_key'"; do
  grep -qF -- "$error" "$OUT/run.log" || { echo "FAIL: the output does not show the error: $error"; exit 1; }
done
grep -q 'changed: \[localhost\] => (item=' "$OUT/run.log" || { echo "FAIL: no changed item shown"; exit 1; }
echo "PASS: $(grep -c 'failed: \[localhost\]\|fatal: \[localhost\]' "$OUT/run.log") failed results shown, no secret in $(wc -l <"$OUT/run.log") lines at -vvv"
