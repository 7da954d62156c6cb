#!/usr/bin/env bash
# Example playbooks, run against the real proxy with the collection INSTALLED from the built tarball
# (COLLECTION_TARBALL, or one built here), in a fresh collections path:
#   onboard_team.yml     a new team with two service keys: changed; their secrets land in 0600 files and
#                        nowhere in the output; a second run changes nothing and writes no secret
#   rotate_team_keys.yml every key of the team gets a new secret and token; alias, team and settings stay
#   offboard_team.yml    --check deletes nothing; then the team and its keys are gone; a second run: unchanged
#   quickstart.yml       a team and a key (the key's alias and token are shown, its secret is not); a second
#                        run changes nothing; its objects are deleted afterwards
#   onboard_people.yml   a team, three users, their memberships and keys: changed; a second run changes nothing;
#                        after each run (and each promote.yml below) the member budgets are as asked (read back)
#   promote.yml          that team exported and applied to the same proxy (source = target): nothing changes,
#                        twice; the export file holds no secret
#   models.yml           a credential, a DB model using it, a team and a key: a completion answers through the
#                        proxy; a second run changes nothing; models_state=absent removes them
#   gitops/              the role berriai.litellm.proxy on a file of 54 objects of every kind (53 on LiteLLM 1.80, which
#                        has no access groups: the copy leaves them out, as the file tells users; names made unique per
#                        run), secrets from an ansible-vault file: applied (a snapshot written first, holding no
#                        secret), applied again (nothing changes), the drift gate passes; a team and a key made by
#                        hand are neither changed nor pruned; one team removed from the file: the gate fails
#                        predicting it and its keys, the apply prunes exactly those; a file with reference errors
#                        fails listing all of them, with no write; an empty file prunes the rest
# Run by scripts/test.sh, or by hand: tests/checks/examples.sh (proxy: LITELLM_API_BASE/LITELLM_API_KEY,
# default http://127.0.0.1:4000 and sk-1234). BERRIAI_LITELLM_EXAMPLES=gitops: only the gitops/ parts.
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

# people_budgets RUN: onboard_people.yml's member budgets, as the proxy holds them after RUN, are those of the
# example (ada 25, grace 50, alan 25, each monthly): LiteLLM 1.80 drops the rest of a member's budget when a write
# sends only part of it
people_budgets() {
  local id
  id=$(api "/v2/team/list?team_alias=$TEAM-people&page_size=100" | "$PYTHON" -c 'import json, sys
teams = [t for t in json.load(sys.stdin)["teams"] if t["team_alias"] == sys.argv[1]]
print(teams[0]["team_id"] if len(teams) == 1 else "")' "$TEAM-people")
  [ -n "$id" ] || { echo "no single team $TEAM-people"; return 1; }
  api "/team/info?team_id=$id" | "$PYTHON" -c 'import json, sys
body = json.load(sys.stdin)
budgets = dict((m["user_id"], m.get("litellm_budget_table") or {}) for m in body.get("team_memberships") or [])
held = dict((u, [budgets.get(u, {}).get("max_budget"), budgets.get(u, {}).get("budget_duration")])
            for u in ("ada", "grace", "alan"))
want = {"ada": [25.0, "1mo"], "grace": [50.0, "1mo"], "alan": [25.0, "1mo"]}
assert held == want, "member budgets after %s: %s, expected %s" % (sys.argv[1], held, want)
print("member budgets after %s: %s" % (sys.argv[1], ", ".join("%s %s/%s" % (u, b[0], b[1]) for u, b in sorted(held.items()))))' "$1"
}

onboard_people() {
  play people onboard_people.yml "${PEOPLE_ARGS[@]}" || return 1
  [ "$(changed_count people)" -gt 0 ] || { echo "the first run changed nothing"; return 1; }
  people_budgets "the first run" || return 1
  play people-again onboard_people.yml "${PEOPLE_ARGS[@]}" || return 1
  [ "$(changed_count people-again)" -eq 0 ] || { echo "the second run changed something"; return 1; }
  people_budgets "the second run" || return 1
  no_secret_in_logs
}

promote_to_itself() {
  local run
  for run in promote promote-again; do
    SOURCE_API_BASE=$LITELLM_API_BASE SOURCE_API_KEY=$LITELLM_API_KEY PROMOTE_EXPORT_FILE=$RUN/export.yml \
      play "$run" promote.yml -e "secrets_dir=$SECRETS-promoted" \
      -e "{\"promote_teams\": [\"$TEAM-people\"], \"promote_kinds\": [\"users\", \"teams\", \"team_members\", \"keys\"]}" \
      || return 1
    people_budgets "promote.yml ($run)" || return 1
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

# -- gitops/: the role on a whole file --
GID="acme$(( $$ % 1000 ))$RANDOM"   # replaces "acme" in every name of the example
GITOPS=$RUN/gitops
GITOPS_OBJECTS=54 GITOPS_GROUPS=1   # the objects of proxy.yml; whether the proxy has access groups (not on 1.80)
VAULT_PASS=$SCRATCH/vault-pass
GITOPS_SECRET="gitops-upstream-$RANDOM$RANDOM$RANDOM"

# gplay NAME PLAYBOOK [ARGS...]: run a playbook of the copy of examples/gitops/; output in $RUN/NAME.log
gplay() {
  local name=$1 playbook=$2 rc; shift 2
  (cd "$GITOPS" && LITELLM_TIMEOUT=${LITELLM_TIMEOUT:-120} ansible-playbook -i localhost, "$playbook" --vault-password-file "$VAULT_PASS" \
    -e "litellm_key_secrets_dir=$SECRETS-gitops" "$@") >"$RUN/$name.log" 2>&1
  rc=$?
  grep -E '^localhost +:' "$RUN/$name.log" | tail -n 1
  if [ $rc -ne 0 ]; then grep -E '^(fatal|failed|.*ERROR)' "$RUN/$name.log" | head -n 5; fi
  return $rc
}
# gitops_items PATH: every object the list endpoint PATH returns, all pages (a JSON list on stdout)
gitops_items() {
  "$PYTHON" - "$LITELLM_API_BASE" "$LITELLM_API_KEY" "$1" <<'PY'
import json, sys, urllib.request
base, key, path = sys.argv[1:]
sizes = {'/key/list': 'size', '/v2/team/list': 'page_size', '/user/list': 'page_size'}
size = sizes.get(path.split('?')[0])
found, page = [], 1
while True:
    url = base + path + (('&' if '?' in path else '?') + 'page=%d&%s=100' % (page, size) if size else '')
    body = json.load(urllib.request.urlopen(urllib.request.Request(url, headers={'Authorization': 'Bearer ' + key}),
                                            timeout=60))
    items = body if isinstance(body, list) else next(v for k, v in body.items() if isinstance(v, list))
    found.extend(items)
    if not size or len(items) < 100:
        break
    page += 1
print(json.dumps(found))
PY
}
gitops_count() {  # gitops_count PATH FIELD: how many objects of the list at PATH have FIELD starting with $GID
  gitops_items "$1" | "$PYTHON" -c 'import json, sys
print(sum(1 for i in json.load(sys.stdin) if str(i.get(sys.argv[1]) or "").startswith(sys.argv[2])))' "$2" "$GID"
}
gitops_plan_line() { grep -A3 'The plan, and what' "$RUN/$1.log" | sed -n 's/^ *"\(.*\)",\{0,1\}$/\1/p' | head -n 1; }
ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

gitops_prepare() {
  mkdir -p "$GITOPS" || return 1
  cp "$REPO"/examples/gitops/*.yml "$GITOPS"/ || return 1
  sed -i "s/acme/$GID/g" "$GITOPS"/*.yml
  case "$(api /public/model_hub/info | "$PYTHON" -c 'import json, sys; print(json.load(sys.stdin).get("litellm_version"))')" in
    1.80.*)  # no unified access groups there: proxy.yml says to leave its list out
      GITOPS_GROUPS="" GITOPS_OBJECTS=53
      "$PYTHON" -c 'import sys, yaml
data = yaml.safe_load(open(sys.argv[1]))
del data["litellm_access_groups"]
yaml.safe_dump(data, open(sys.argv[1], "w"), sort_keys=False)' "$GITOPS/proxy.yml" || return 1 ;;
  esac
  sed "s/replace-with-the-[a-z-]*/$GITOPS_SECRET/" "$GITOPS/secrets.example.yml" >"$GITOPS/secrets.yml"
  echo "vault-$RANDOM$RANDOM" >"$VAULT_PASS"
  ansible-vault encrypt --vault-password-file "$VAULT_PASS" "$GITOPS/secrets.yml" >/dev/null || return 1
  head -n 1 "$GITOPS/secrets.yml" | grep -q "^[\$]ANSIBLE_VAULT" || { echo "secrets.yml is not vaulted"; return 1; }
  # made by hand, beside the file's objects and named like them: never changed, never pruned
  api_post /team/new "{\"team_alias\": \"$GID-handmade\", \"models\": [\"fake\"]}" >/dev/null &&
    api_post /key/generate "{\"key_alias\": \"$GID-handmade-key\", \"max_budget\": 1}" >/dev/null
}
api_post() { curl -s --max-time 30 -H "Authorization: Bearer $LITELLM_API_KEY" -H 'Content-Type: application/json' \
  -X POST -d "$2" "$LITELLM_API_BASE$1"; }
# gitops_marked KIND-PATH FIELD NAME-FIELD NAME: the record's FIELD holds the ownership marker
gitops_marked() {
  gitops_items "$1" | "$PYTHON" -c 'import json, sys
items = json.load(sys.stdin)
found = [i for i in items if i.get(sys.argv[2]) == sys.argv[3]]
assert found, "no %s %s" % (sys.argv[2], sys.argv[3])
assert (found[0].get(sys.argv[1]) or {}).get("managed_by") == "berriai.litellm", found[0].get(sys.argv[1])
print("%s %s: %s.managed_by = berriai.litellm" % (sys.argv[2], sys.argv[3], sys.argv[1]))' "$2" "$3" "$4"
}

gitops_apply() {
  gplay gitops-apply apply.yml || return 1
  [ "$(changed_count gitops-apply)" -gt 0 ] || { echo "the first apply changed nothing"; return 1; }
  gitops_plan_line gitops-apply
  gitops_plan_line gitops-apply | grep -q "^$GITOPS_OBJECTS to create, 0 to update, 0 to recreate, 0 to delete" || {
    echo "the plan is not $GITOPS_OBJECTS creates"; return 1; }
  [ "$(gitops_count /v2/team/list team_alias)" -eq 5 ] || { echo "expected 4 teams + the hand-made one"; return 1; }
  [ "$(gitops_count '/key/list?return_full_object=true' key_alias)" -eq 23 ] || { echo "expected 22 keys + the hand-made one"; return 1; }
  # every kind carries the ownership marker where the proxy keeps it
  gitops_marked /v2/team/list metadata team_alias "$GID-research" &&
    gitops_marked '/key/list?return_full_object=true' metadata key_alias "$GID-research-svc-1" &&
    gitops_marked "/user/list?user_ids=$GID-ann" metadata user_id "$GID-ann" &&
    gitops_marked /credentials credential_info credential_name "$GID-openai" &&
    gitops_marked /v1/mcp/server mcp_info server_id "${GID}tickets" || return 1
  # the access group (marked in its description), with its team and key; the customers with their own budgets
  [ -z "$GITOPS_GROUPS" ] || gitops_items /v1/access_group | "$PYTHON" -c 'import json, sys
found = [g for g in json.load(sys.stdin) if g["access_group_name"] == sys.argv[1] + "-fast"]
assert len(found) == 1, "no access group %s-fast" % sys.argv[1]
group = found[0]
assert "[managed_by: berriai.litellm]" in (group.get("description") or ""), group.get("description")
assert len(group.get("assigned_team_ids") or []) == 1 and len(group.get("assigned_key_ids") or []) == 1, group
assert group.get("access_model_names") == [sys.argv[1] + "-chat"], group.get("access_model_names")
print("access group %s-fast: marked, 1 team, 1 key, its model" % sys.argv[1])' "$GID" || return 1
  gitops_items /customer/list | "$PYTHON" -c 'import json, sys
found = dict((c["user_id"], (c.get("litellm_budget_table") or {}).get("max_budget")) for c in json.load(sys.stdin)
             if c["user_id"].startswith(sys.argv[1]))
assert found == {sys.argv[1] + "-shop-customer-1": 5.0, sys.argv[1] + "-shop-customer-2": 2.0}, found
print("customers: %s" % sorted(found.items()))' "$GID" || return 1
  # (from /key/info: LiteLLM 1.80's /key/list leaves a key's budget_id out)
  local token
  token=$(api "/key/list?return_full_object=true&key_alias=$GID-eve-laptop" | "$PYTHON" -c 'import json, sys
print(json.load(sys.stdin)["keys"][0]["token"])') || return 1
  api "/key/info?key=$token" | "$PYTHON" -c 'import json, sys
budget_id = json.load(sys.stdin)["info"].get("budget_id")
assert budget_id == sys.argv[1] + "-laptops", budget_id
print("key %s-eve-laptop: budget %s" % (sys.argv[1], budget_id))' "$GID" || return 1
  local snapshots
  snapshots=$(find "$GITOPS/snapshots" -name 'litellm-snapshot-*.yml' | wc -l)
  [ "$snapshots" -eq 1 ] || { echo "expected one snapshot, found $snapshots"; return 1; }
  if grep -qE "sk-[A-Za-z0-9_-]{16,}|$GITOPS_SECRET" "$GITOPS"/snapshots/*.yml; then echo "the snapshot holds a secret"; return 1; fi
  [ "$(find "$SECRETS-gitops" -type f -perm 0600 | wc -l)" -eq 22 ] || { echo "expected 22 key secret files (0600)"; return 1; }
  no_secret_in_logs && gitops_no_upstream_secret
}
gitops_no_upstream_secret() {
  if grep -l "$GITOPS_SECRET" "$RUN"/*.log; then echo "a vaulted secret appears in the output"; return 1; fi
}

gitops_again() {
  local start
  start=$(date +%s%N)
  gplay gitops-again apply.yml || return 1
  echo "no-op apply of the $GITOPS_OBJECTS-object file: $(ms_since "$start") ms (ansible-playbook, wall clock)"
  [ "$(changed_count gitops-again)" -eq 0 ] || { echo "the second apply changed something"; return 1; }
  gitops_plan_line gitops-again | grep -q '^no drift' || { echo "the second plan is not empty"; return 1; }
  [ "$(find "$GITOPS/snapshots" -type f | wc -l)" -eq 1 ] || { echo "a run with nothing to do wrote a snapshot"; return 1; }
  start=$(date +%s%N)
  gplay gitops-gate drift.yml --diff || return 1
  echo "drift gate (check-mode plan) of the $GITOPS_OBJECTS-object file: $(ms_since "$start") ms (ansible-playbook, wall clock)"
  # the hand-made objects: listed as not managed, untouched
  grep -q "$GID-handmade" "$RUN/gitops-gate.log" || { echo "the hand-made team is not reported as not managed"; return 1; }
  api "/v2/team/list?team_alias=$GID-handmade" | grep -q "\"$GID-handmade\"" || { echo "the hand-made team is gone"; return 1; }
  if api "/v2/team/list?team_alias=$GID-handmade" | grep -q managed_by; then echo "the hand-made team was marked"; return 1; fi
}

gitops_prune_one_team() {
  "$PYTHON" - "$GITOPS/proxy.yml" "$GID-data" <<'PY' || return 1
import sys, yaml
path, team = sys.argv[1], sys.argv[2]
data = yaml.safe_load(open(path))
data['litellm_teams'] = [t for t in data['litellm_teams'] if t['team_alias'] != team]
data['litellm_team_members'] = [m for m in data['litellm_team_members'] if m['team_alias'] != team]
data['litellm_keys'] = [k for k in data['litellm_keys'] if k.get('team_alias') != team]
yaml.safe_dump(data, open(path, 'w'), sort_keys=False)
PY
  if gplay gitops-gate-drift drift.yml; then echo "the drift gate passed with a team to prune"; return 1; fi
  gitops_plan_line gitops-gate-drift
  grep -q "0 to create, 0 to update, 0 to recreate, 1 to delete (delete teams: $GID-data); keys going with pruned teams/users: $GID-data-svc-1, $GID-data-svc-2, $GID-data-svc-3, $GID-data-svc-4" \
    "$RUN/gitops-gate-drift.log" || { echo "the gate does not predict exactly the team and its 4 keys"; return 1; }
  gplay gitops-prune apply.yml || return 1
  [ "$(gitops_count /v2/team/list team_alias)" -eq 4 ] || { echo "expected 3 teams + the hand-made one"; return 1; }
  [ "$(gitops_count "/key/list?return_full_object=true&key_alias=$GID-data-svc-1" key_alias)" -eq 0 ] || {
    echo "the pruned team's keys are still there"; return 1; }
  [ "$(gitops_count '/key/list?return_full_object=true' key_alias)" -eq 19 ] || { echo "expected 18 keys + the hand-made one"; return 1; }
  gplay gitops-gate-after drift.yml || return 1
}

gitops_reference_errors() {
  "$PYTHON" - "$GITOPS/proxy.yml" "$GITOPS/proxy-bad.yml" "$GID" <<'PY' || return 1
import sys, yaml
src, dest, gid = sys.argv[1:]
data = yaml.safe_load(open(src))
data['litellm_keys'].append({'key_alias': gid + '-bad-key', 'team_alias': gid + '-support', 'models': [gid + '-claude']})
data['litellm_teams'].append({'team_alias': gid + '-bad-team', 'models': ['no-such-model'],
                              'object_permission': {'mcp_servers': ['no_such_server']}})
data['litellm_models'].append({'model_id': gid + '-bad-model', 'model_name': gid + '-bad',
                               'litellm_params': {'model': 'openai/x', 'litellm_credential_name': 'no-such-credential'}})
yaml.safe_dump(data, open(dest, 'w'), sort_keys=False)
PY
  sed 's/- proxy.yml/- proxy-bad.yml/' "$GITOPS/apply.yml" >"$GITOPS/apply-bad.yml"
  if gplay gitops-bad apply-bad.yml; then echo "a file with reference errors was applied"; return 1; fi
  local log=$RUN/gitops-bad.log
  if ! { grep -q "4 problem(s) in the file, nothing written" "$log" &&
    grep -q "models\[4\] ($GID-bad-model): credential no-such-credential does not exist" "$log" &&
    grep -q "teams\[3\] ($GID-bad-team): models no-such-model do not exist" "$log" &&
    grep -q "teams\[3\] ($GID-bad-team): object_permission.mcp_servers names MCP servers that do not exist: no_such_server" "$log" &&
    grep -q "keys\[18\] ($GID-bad-key): models $GID-claude are not among the models of its team $GID-support" "$log"; }; then
    echo "not every problem is listed"; return 1
  fi
  [ "$(changed_count gitops-bad)" -eq 0 ] || { echo "something changed"; return 1; }
  if grep -q '"POST"' "$log"; then echo "the failed plan wrote"; return 1; fi
  [ "$(gitops_count "/v2/team/list?team_alias=$GID-bad-team" team_alias)" -eq 0 ] || { echo "the bad team was created"; return 1; }
  no_secret_in_logs && gitops_no_upstream_secret
}

gitops_cleanup() {
  # the role itself: an empty file prunes every object of this run that the collection made
  printf -- '---\nlitellm_teams: []\n' >"$GITOPS/proxy.yml"
  gplay gitops-empty apply.yml
  local rc=$?
  api_post /team/delete "{\"team_ids\": [$(api "/v2/team/list?team_alias=$GID-handmade" | "$PYTHON" -c 'import json, sys
print(", ".join(json.dumps(t["team_id"]) for t in json.load(sys.stdin)["teams"]))')]}" >/dev/null
  api_post /key/delete "{\"key_aliases\": [\"$GID-handmade-key\"]}" >/dev/null
  [ $rc -eq 0 ] || return 1
  [ "$(gitops_count /v2/team/list team_alias)" -eq 0 ] || { echo "teams of the run are left"; return 1; }
  [ "$(gitops_count /credentials credential_name)" -eq 0 ] || { echo "credentials of the run are left"; return 1; }
  [ -z "$GITOPS_GROUPS" ] || [ "$(gitops_count /v1/access_group access_group_name)" -eq 0 ] || {
    echo "the access group of the run is left"; return 1; }
  # customers are never pruned (no field carries the marker): listed as not managed, then removed by name
  grep -q "$GID-shop-customer-1" "$RUN/gitops-empty.log" || { echo "the customers are not reported as not managed"; return 1; }
  [ "$(gitops_count /customer/list user_id)" -eq 2 ] || { echo "the empty file removed a customer"; return 1; }
  api_post /customer/delete "{\"user_ids\": [\"$GID-shop-customer-1\", \"$GID-shop-customer-2\"]}" >/dev/null
  [ "$(gitops_count /customer/list user_id)" -eq 0 ] || { echo "the customers of the run are left"; return 1; }
  # so is the budget: a file naming it with state absent deletes it
  grep -q "$GID-laptops" "$RUN/gitops-empty.log" || { echo "the budget is not reported as not managed"; return 1; }
  printf -- '---\nlitellm_budgets:\n  - {budget_id: %s-laptops, state: absent}\n' "$GID" >"$GITOPS/proxy.yml"
  gplay gitops-budget-absent apply.yml || return 1
  [ "$(gitops_count /budget/list budget_id)" -eq 0 ] || { echo "the budget of the run is left"; return 1; }
}

cleanup_objects() {
  # whatever a failed part left behind; quickstart's fixed names
  ansible localhost -i localhost, -c local -e "ansible_python_interpreter=$PYTHON" -m berriai.litellm.litellm_team -a "team_alias=$TEAM state=absent" >/dev/null 2>&1
  ansible localhost -i localhost, -c local -e "ansible_python_interpreter=$PYTHON" -m berriai.litellm.litellm_team -a "team_alias=example-team state=absent" >/dev/null 2>&1
  ansible localhost -i localhost, -c local -e "ansible_python_interpreter=$PYTHON" -m berriai.litellm.litellm_key -a "key_alias=example-key state=absent" >/dev/null 2>&1
  ansible localhost -i localhost, -c local -e "ansible_python_interpreter=$PYTHON" -m berriai.litellm.litellm_team -a "team_alias=$TEAM-people state=absent" >/dev/null 2>&1
  api_post /customer/delete "{\"user_ids\": [\"$GID-shop-customer-1\", \"$GID-shop-customer-2\"]}" >/dev/null 2>&1
  api_post /budget/delete "{\"id\": \"$GID-laptops\"}" >/dev/null 2>&1
  for person in ada grace alan; do
    ansible localhost -i localhost, -c local -e "ansible_python_interpreter=$PYTHON" -m berriai.litellm.litellm_user -a "user_id=$person state=absent" >/dev/null 2>&1
  done
  return 0
}

part "install the collection from the tarball" install_collection || finish
part "the proxy answers" proxy_up || finish
# BERRIAI_LITELLM_EXAMPLES=gitops runs only the gitops/ parts (a developer's loop on the role)
if [ "${BERRIAI_LITELLM_EXAMPLES:-all}" != gitops ]; then
part "onboard_team.yml creates the team, its keys and secret files" onboard &&
  part "onboard_team.yml again: unchanged" onboard_again
part "rotate_team_keys.yml renews every key of the team" rotate
part "offboard_team.yml deletes the team and its keys" offboard
part "quickstart.yml, twice" quickstart
part "onboard_people.yml, twice" onboard_people &&
  part "promote.yml of that team onto its own proxy: nothing changes" promote_to_itself
part "models.yml: a completion through a DB model, twice, then removed" models
fi
part "gitops/: a vaulted secrets file and objects made by hand" gitops_prepare &&
  part "gitops/: apply.yml creates the objects, a snapshot first" gitops_apply &&
  part "gitops/: apply.yml again changes nothing; the drift gate passes; hand-made objects untouched" gitops_again &&
  part "gitops/: one team removed from the file: the gate predicts it and its keys, apply prunes them" gitops_prune_one_team &&
  part "gitops/: reference errors: all listed, nothing written" gitops_reference_errors
part "gitops/: an empty file prunes the rest" gitops_cleanup
cleanup_objects
finish
