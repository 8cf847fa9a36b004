# Each kind of failure has its own exit code, a message naming what is wrong, and
# changes nothing in the database.
source "$(dirname "$0")/common.sh" "$1"

init_community
conduct member add --as robin@tidewater.example --email priya@tidewater.example --name "Priya Raman" >/dev/null
conduct member add --as robin@tidewater.example --email ada@tidewater.example --name "Ada Ferreira" --role adviser >/dev/null
CASE=$(conduct case new --as priya@tidewater.example --code-only --report "A report." --reported unknown)

before=$(dump_database)

# 2: usage and invalid arguments
expect_exit 2 conduct
expect_exit 2 conduct frobnicate
expect_exit 2 conduct case list                                   # no --as
expect_contains "$WORK/last.err" "--as is required"
expect_exit 2 conduct case new --as priya@tidewater.example --report "" --space moon --category rude
expect_contains "$WORK/last.err" "--report is required"
expect_contains "$WORK/last.err" "--space must be one of"
expect_contains "$WORK/last.err" "--category 'rude' is not a category"
expect_exit 2 conduct case transition "$CASE" --as priya@tidewater.example --to closed --reason x
expect_contains "$WORK/last.err" "--to must be one of"
expect_exit 2 conduct case list --as priya@tidewater.example --state nonsense
expect_exit 2 conduct member add --as robin@tidewater.example --email not-an-email --name ""
expect_contains "$WORK/last.err" "--email must be an email address"
expect_contains "$WORK/last.err" "--name is required"
expect_exit 2 conduct init --slug "Bad Slug" --name x --contact nobody --chair-email x --chair-name x --policy nosuch
expect_contains "$WORK/last.err" "--policy 'nosuch' is neither a shipped policy"

# 3: not found (a missing case and a case one may not see answer alike)
expect_exit 3 conduct case show amber-nothing --as priya@tidewater.example
expect_contains "$WORK/last.err" "no case 'amber nothing'"
expect_exit 3 conduct case show "$CASE" --as ada@tidewater.example
expect_contains "$WORK/last.err" "no case '${CASE/-/ }'"
expect_exit 3 conduct person show "Grey Nobody" --as priya@tidewater.example

# 4: refused by the lifecycle
expect_exit 4 conduct case transition "$CASE" --as priya@tidewater.example --to resolved --reason x \
  --resolution-source group --outcome no-action
expect_contains "$WORK/last.err" "cannot move to 'resolved'; it can move to: acknowledged"

# 5: not allowed
expect_exit 5 conduct case list --as stranger@example.org
expect_exit 5 conduct member add --as priya@tidewater.example --email new@example.org --name New

# 6: already exists
expect_exit 6 conduct member add --as robin@tidewater.example --email PRIYA@tidewater.example --name Again
expect_exit 6 conduct init --slug tidewater --name Again --contact c@example.org --chair-email x@example.org --chair-name X

after=$(dump_database)
[ "$before" = "$after" ] || { diff <(echo "$before") <(echo "$after") >&2; fail "a failed command changed the database"; }

# --json errors carry the documented shape on stdout.
expect_exit 3 conduct --json case show amber-nothing --as priya@tidewater.example
expect_contains "$WORK/last.out" '"code": "not_found"'
echo "exit_codes: ok"
