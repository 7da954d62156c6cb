#!/usr/bin/env bash
# Example playbooks, run against the real proxy with the collection INSTALLED from the built tarball
# (COLLECTION_TARBALL, or one built here), in a fresh collections path:
#   onboard_team.yml     a new team with two service keys: changed; their secrets land in 0600 files and
#                        nowhere in the output; a second run changes nothing and writes no secret
#   rotate_team_keys.yml every key of the team gets a new secret and token; alias, team and settings stay
#   offboard_team.yml    --check deletes nothing; then the team and its keys are gone; a second run: unchanged
#   quickstart.yml       a team and a key (the key's alias and token are shown, its secret is not); a second
#                        run changes nothing; its objects are deleted afterwards
#   onboard_people.yml   a team, three users, their memberships and keys: changed; a second run changes nothing
#   promote.yml          that team exported and applied to the same proxy (source = target): nothing changes,
#                        twice; the export file holds no secret
#   models.yml           a credential, a DB model using it, a team and a key: a completion answers through the
#                        proxy; a second run changes nothing; models_state=absent removes them
# Run by scripts/test.sh, or by hand: tests/checks/examples.sh (proxy: LITELLM_API_BASE/LITELLM_API_KEY,
# default http://127.0.0.1:4000 and sk-1234).
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib/common.bash"

COLL=$SCRATCH/collections
RUN=$SCRATCH/run
mkdir -p "$RUN" "$SCRATCH/secrets"
TEAM="example-check-$$-$RANDOM"
SECRETS=$SCRATCH/secrets/$TEAM

install_collection() {
  ensure_tarball || return 1
  ANSIBLE_COLLECTIONS_PATH=$COLL ansible-galaxy collection install "$COLLECTION_TARBALL" -p "$COLL" --force --offline \
    >/dev/null || return 1
  export ANSIBLE_COLLECTIONS_PATH=$COLL ANSIBLE_COLLECTIONS_SCAN_SYS_PATH=false
  unset ANSIBLE_INVENTORY
  ansible-galaxy collection list berriai.litellm 2>/dev/null | grep -E '^#|berriai' || return 1
  [ -f "$COLL/ansible_collections/berriai/litellm/MANIFEST.json" ] || { echo "not installed from a tarball"; return 1; }
  [ ! -e "$COLL/ansible_collections/berriai/litellm/tests" ] || { echo "the installed copy holds tests/"; return 1; }
}

proxy_up() {
  local code
  code=$(curl -s --max-time 10 -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $LITELLM_API_KEY" \
    "$LITELLM_API_BASE/key/list?size=1")
  echo "GET $LITELLM_API_BASE/key/list: HTTP $code"
  [ "$code" = 200 ]
}

# play NAME EXAMPLE [ARGS...]: run an example from a scratch copy of examples/; the output goes to $RUN/NAME.log
play() {
  local name=$1 example=$2 rc; shift 2
  (cd "$RUN" && ansible-playbook -i localhost, "$REPO/examples/$example" "$@") >"$RUN/$name.log" 2>&1
  rc=$?
  grep -E '^(PLAY RECAP|localhost +:)' "$RUN/$name.log" | tail -n 1
  if [ $rc -ne 0 ]; then tail -n 30 "$RUN/$name.log"; fi
  return $rc
}
changed_count() { grep -E '^localhost +:' "$RUN/$1.log" | tail -n1 | sed -E 's/.*changed=([0-9]+).*/\1/'; }
# no secret of any key appears in any output of this run
no_secret_in_logs() {
  local leaked
  leaked=$(grep -lE 'sk-[A-Za-z0-9_-]{16,}' "$RUN"/*.log || true)
  [ -z "$leaked" ] || { echo "a secret-like sk- value appears in: $leaked"; return 1; }
  if [ -d "$SECRETS" ]; then
    for f in "$SECRETS"/*; do
      if grep -qF -f "$f" "$RUN"/*.log; then echo "the secret of $(basename "$f") appears in the output"; return 1; fi
    done
  fi
}
api() { curl -s --max-time 20 -H "Authorization: Bearer $LITELLM_API_KEY" "$LITELLM_API_BASE$1"; }
tokens_of_team() {
  local id
  id=$(api "/v2/team/list?team_alias=$TEAM&page_size=100" | "$PYTHON" -c 'import json, sys
teams = [t for t in json.load(sys.stdin)["teams"] if t["team_alias"] == sys.argv[1]]
print(teams[0]["team_id"] if teams else "")' "$TEAM")
  [ -n "$id" ] || return 0
  api "/key/list?team_id=$id&return_full_object=true&size=100" | "$PYTHON" -c 'import json, sys
print("\n".join(sorted("%s %s" % (k["key_alias"], k["token"]) for k in json.load(sys.stdin)["keys"])))'
}

ARGS=(-e "team_alias=$TEAM" -e "secrets_dir=$SECRETS")
ONBOARD_VARS='{"team_models": ["fake", "fake-2"], "team_owner": "examples-check"}'

onboard() {
  play onboard onboard_team.yml "${ARGS[@]}" -e "$ONBOARD_VARS" || return 1
  [ "$(changed_count onboard)" -gt 0 ] || { echo "the first run changed nothing"; return 1; }
  ls -l "$SECRETS"
  [ "$(find "$SECRETS" -type f -perm 0600 | wc -l)" -eq 2 ] || { echo "expected 2 secret files, mode 0600"; return 1; }
  grep -qx 'sk-[A-Za-z0-9_-]*' "$SECRETS/$TEAM-ci" || { echo "$TEAM-ci holds no secret"; return 1; }
  tokens_of_team >"$RUN/tokens.before"
  cat "$RUN/tokens.before"
  [ "$(wc -l <"$RUN/tokens.before")" -eq 2 ] || { echo "the team should hold 2 keys"; return 1; }
  no_secret_in_logs
}

onboard_again() {
  local before
  before=$(cat "$SECRETS"/* | sha256sum)
  play onboard-again onboard_team.yml "${ARGS[@]}" -e "$ONBOARD_VARS" || return 1
  [ "$(changed_count onboard-again)" -eq 0 ] || { echo "the second run changed something"; return 1; }
  [ "$(cat "$SECRETS"/* | sha256sum)" = "$before" ] || { echo "the second run rewrote a secret"; return 1; }
}

rotate() {
  local old_ci
  old_ci=$(cat "$SECRETS/$TEAM-ci")
  play rotate rotate_team_keys.yml "${ARGS[@]}" || return 1
  [ "$(changed_count rotate)" -gt 0 ] || { echo "nothing was rotated"; return 1; }
  tokens_of_team >"$RUN/tokens.after"
  cat "$RUN/tokens.after"
  [ "$(cut -d' ' -f1 "$RUN/tokens.before")" = "$(cut -d' ' -f1 "$RUN/tokens.after")" ] || {
    echo "the aliases changed"; return 1; }
  [ -z "$(comm -12 <(cut -d' ' -f2 "$RUN/tokens.before" | sort) <(cut -d' ' -f2 "$RUN/tokens.after" | sort))" ] || {
    echo "a token did not change"; return 1; }
  [ "$(cat "$SECRETS/$TEAM-ci")" != "$old_ci" ] || { echo "the secret file was not renewed"; return 1; }
  # the rotated key kept its settings: rpm_limit 60 and max_budget 50 from onboard_team.yml
  api "/key/list?key_alias=$TEAM-ci&return_full_object=true" | "$PYTHON" -c 'import json, sys
k = json.load(sys.stdin)["keys"][0]
assert (k["rpm_limit"], k["max_budget"], k["metadata"].get("client")) == (60, 50.0, "ci"), k
print("rotated %s keeps rpm_limit=60, max_budget=50, metadata" % k["key_alias"])' || return 1
  no_secret_in_logs
}

offboard() {
  play offboard-check offboard_team.yml "${ARGS[@]}" --check || return 1
  [ "$(tokens_of_team | wc -l)" -eq 2 ] || { echo "--check deleted something"; return 1; }
  play offboard offboard_team.yml "${ARGS[@]}" || return 1
  [ "$(changed_count offboard)" -gt 0 ] || { echo "the offboard changed nothing"; return 1; }
  grep -q "keys deleted with it: $TEAM-ci, $TEAM-notebook" "$RUN/offboard.log" || { echo "the deleted keys are not reported"; return 1; }
  if [ -n "$(tokens_of_team)" ] || [[ $(api "/v2/team/list?team_alias=$TEAM") == *"\"$TEAM\""* ]]; then
    echo "the team or its keys are still there"; return 1
  fi
  play offboard-again offboard_team.yml "${ARGS[@]}" || return 1
  [ "$(changed_count offboard-again)" -eq 0 ] || { echo "the second offboard changed something"; return 1; }
}

quickstart() {
  play quickstart quickstart.yml || return 1
  play quickstart-again quickstart.yml || return 1
  [ "$(changed_count quickstart-again)" -eq 0 ] || { echo "the second quickstart run changed something"; return 1; }
  grep -q 'token [0-9a-f]\{64\}' "$RUN/quickstart.log" || { echo "the key's token is not shown"; return 1; }
  no_secret_in_logs
}

PEOPLE_ARGS=(-e "team_alias=$TEAM-people" -e "secrets_dir=$SECRETS-people")

onboard_people() {
  play people onboard_people.yml "${PEOPLE_ARGS[@]}" || return 1
  [ "$(changed_count people)" -gt 0 ] || { echo "the first run changed nothing"; return 1; }
  play people-again onboard_people.yml "${PEOPLE_ARGS[@]}" || return 1
  [ "$(changed_count people-again)" -eq 0 ] || { echo "the second run changed something"; return 1; }
  no_secret_in_logs
}

promote_to_itself() {
  local run
  for run in promote promote-again; do
    SOURCE_API_BASE=$LITELLM_API_BASE SOURCE_API_KEY=$LITELLM_API_KEY PROMOTE_EXPORT_FILE=$RUN/export.yml \
      play "$run" promote.yml -e "secrets_dir=$SECRETS-promoted" \
      -e "{\"promote_teams\": [\"$TEAM-people\"], \"promote_kinds\": [\"users\", \"teams\", \"team_members\", \"keys\"]}" \
      || return 1
  done
  grep -q "$TEAM-people" "$RUN/export.yml" || { echo "the export does not hold the team"; return 1; }
  # the first run may write the export file; applying it to the proxy it came from changes nothing
  [ "$(grep -c '^changed:' "$RUN/promote.log")" -le 1 ] || { echo "applying the export to its own proxy changed something"; return 1; }
  [ "$(changed_count promote-again)" -eq 0 ] || { echo "the second promote changed something"; return 1; }
  if grep -qE 'sk-[A-Za-z0-9_-]{16,}' "$RUN/export.yml"; then echo "the export file holds a secret"; return 1; fi
  no_secret_in_logs
}

models() {
  play models models.yml || return 1
  [ "$(changed_count models)" -gt 0 ] || { echo "the first run changed nothing"; return 1; }
  grep -q 'hello from example-chat' "$RUN/models.log" || { echo "the completion through the proxy did not answer"; return 1; }
  play models-again models.yml || return 1
  [ "$(changed_count models-again)" -eq 0 ] || { echo "the second run changed something"; return 1; }
  play models-absent models.yml -e models_state=absent || return 1
  no_secret_in_logs
}

cleanup_objects() {
  # whatever a failed part left behind; quickstart's fixed names
  ansible localhost -i localhost, -c local -e "ansible_python_interpreter=$PYTHON" -m berriai.litellm.litellm_team -a "team_alias=$TEAM state=absent" >/dev/null 2>&1
  ansible localhost -i localhost, -c local -e "ansible_python_interpreter=$PYTHON" -m berriai.litellm.litellm_team -a "team_alias=example-team state=absent" >/dev/null 2>&1
  ansible localhost -i localhost, -c local -e "ansible_python_interpreter=$PYTHON" -m berriai.litellm.litellm_key -a "key_alias=example-key state=absent" >/dev/null 2>&1
  ansible localhost -i localhost, -c local -e "ansible_python_interpreter=$PYTHON" -m berriai.litellm.litellm_team -a "team_alias=$TEAM-people state=absent" >/dev/null 2>&1
  for person in ada grace alan; do
    ansible localhost -i localhost, -c local -e "ansible_python_interpreter=$PYTHON" -m berriai.litellm.litellm_user -a "user_id=$person state=absent" >/dev/null 2>&1
  done
  return 0
}

part "install the collection from the tarball" install_collection || finish
part "the proxy answers" proxy_up || finish
part "onboard_team.yml creates the team, its keys and secret files" onboard &&
  part "onboard_team.yml again: unchanged" onboard_again
part "rotate_team_keys.yml renews every key of the team" rotate
part "offboard_team.yml deletes the team and its keys" offboard
part "quickstart.yml, twice" quickstart
part "onboard_people.yml, twice" onboard_people &&
  part "promote.yml of that team onto its own proxy: nothing changes" promote_to_itself
part "models.yml: a completion through a DB model, twice, then removed" models
cleanup_objects
finish
