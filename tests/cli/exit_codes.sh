# Each kind of failure has its own exit code, a message naming what is wrong, and
# changes nothing in the database.
source "$(dirname "$0")/common.sh" "$1"

init_community
add_member priya priya@tidewater.example "Priya Raman"
add_member ada ada@tidewater.example "Ada Ferreira" adviser
CASE=$(as priya case new --code-only --report "A report." --reported unknown)

before=$(dump_database)

# 2: usage and invalid arguments
expect_exit 2 conduct
expect_exit 2 conduct frobnicate
expect_exit 2 conduct case list                                   # neither --as nor a session
expect_contains "$WORK/last.err" "--as is required"
expect_exit 2 as priya case new --report "" --space moon --category rude
expect_contains "$WORK/last.err" "--report is required"
expect_contains "$WORK/last.err" "--space must be one of"
expect_contains "$WORK/last.err" "--category 'rude' is not a category"
expect_exit 2 as priya case transition "$CASE" --to closed --reason x
expect_contains "$WORK/last.err" "--to must be one of"
expect_exit 2 as priya case list --state nonsense
expect_exit 2 as robin member add --email not-an-email --name ""
expect_contains "$WORK/last.err" "--email must be an email address"
expect_contains "$WORK/last.err" "--name is required"
expect_exit 2 conduct init --slug "Bad Slug" --name x --contact nobody --chair-email x --chair-name x --policy nosuch
expect_contains "$WORK/last.err" "--policy 'nosuch' is neither a shipped policy"
expect_exit 2 as priya case list --as robin@tidewater.example     # --as disagrees with the session
expect_contains "$WORK/last.err" "--as names a different member"

# 3: not found (a missing case and a case one may not see answer alike)
expect_exit 3 as priya case show amber-nothing
expect_contains "$WORK/last.err" "no case 'amber nothing'"
expect_exit 3 as ada case show "$CASE"
expect_contains "$WORK/last.err" "no case '${CASE/-/ }'"
expect_exit 3 as priya person show "Grey Nobody"

# 4: refused by the lifecycle
expect_exit 4 as priya case transition "$CASE" --to resolved --reason x --resolution-source group --outcome no-action
expect_contains "$WORK/last.err" "cannot move to 'resolved'; it can move to: acknowledged"

# 5: not allowed, or not signed in
expect_exit 5 as priya member add --email new@example.org --name New
expect_exit 5 env CONDUCT_PASSWORD=wrong-password-here CONDUCT_TOTP=000000 "$CONDUCT_BIN" case list --as stranger@example.org
expect_contains "$WORK/last.err" "the email, password or code is not right"
expect_exit 5 env CONDUCT_SESSION=not-a-session "$CONDUCT_BIN" case list

# 6: already exists
expect_exit 6 as robin member add --email PRIYA@tidewater.example --name Again
expect_exit 6 conduct init --slug tidewater --name Again --contact c@example.org --chair-email x@example.org --chair-name X

# Refusals and failed sign-ins are logged (the audit log); nothing else may change.
unchanged() { grep -v -e '^INSERT INTO throttles' -e '^INSERT INTO sessions' -e '^INSERT INTO audit_log'; }
after=$(dump_database | unchanged)
before=$(echo "$before" | unchanged)
[ "$before" = "$after" ] || { diff <(echo "$before") <(echo "$after") >&2; fail "a failed command changed the database"; }

# A missing case and a withheld one leave the same kind of audit entry.
expect_exit 0 as robin --json audit trail --limit 500
python3 - "$WORK/last.out" "$CASE" <<'PYTHON'
import json, sys
entries = json.load(open(sys.argv[1]))["entries"]
refused = {(e["actor_name"] if "actor_name" in e else e["actor"], e["action"], e["case"]) for e in entries
           if e["action"].startswith("refused")}
expected = {("Priya Raman", "refused read-case", "amber-nothing"), ("Ada Ferreira", "refused read-case", sys.argv[2]),
            ("Priya Raman", "refused manage-members", None), ("public", "refused session.open", None)}
missing = expected - refused
assert not missing, f"missing refusals in the audit trail: {missing}; found {refused}"
kinds = {e["digest"] for e in entries if e["action"] == "refused read-case"}
assert len(kinds) == 1, "refusals of a missing and of a withheld case differ in their digest"
PYTHON
expect_exit 0 conduct audit verify
expect_contains "$WORK/last.out" "The audit log is intact"

# --json errors carry the documented shape on stdout.
expect_exit 3 as priya --json case show amber-nothing
expect_contains "$WORK/last.out" '"code": "not_found"'
echo "exit_codes: ok"
