# Two reports of one incident, each in a case of its own: linked into one case, read
# there, split out again with a reason; both timelines say so. A member in conflict
# with one report loses the whole incident.
source "$(dirname "$0")/common.sh" "$1"

init_community
add_member priya priya@tidewater.example "Priya Raman"
add_member jonas jonas@tidewater.example "Jonas Lindqvist"
FIRST=$(as priya case new --code-only --report "Insults in the review of pull request 12." --reported "@casey")
SECOND=$(as priya case new --code-only --report "I saw the insults on pull request 12 as well." --reported "@casey")

expect_exit 0 as jonas case conflict "$SECOND" --note "I mentor Casey."
expect_exit 3 as jonas case link "$FIRST" "$SECOND"          # jonas may not write the second case
expect_exit 2 as priya case link "$FIRST" "$FIRST"
expect_contains "$WORK/last.err" "names this case itself"

expect_exit 0 as priya case link "$FIRST" "$SECOND" --note "Both describe pull request 12."
expect_contains "$WORK/last.out" "Linked here: $SECOND"
expect_contains "$WORK/last.out" "I saw the insults on pull request 12 as well."
expect_exit 0 as priya case links "$SECOND"
expect_contains "$WORK/last.out" "Linked into $FIRST"
expect_exit 2 as priya case link "$FIRST" "$SECOND"
expect_contains "$WORK/last.err" "is already linked into this case"
expect_exit 0 as priya case list
grep -F "$SECOND" "$WORK/last.out" | grep -qF "(linked: see case links)" || fail "the list does not mark the linked case"
grep -F "$FIRST" "$WORK/last.out" | grep -qF "(linked" && fail "the list marks the primary as linked"

# In conflict with the second report, Jonas now sees neither case.
expect_exit 3 as jonas case show "$FIRST"
expect_exit 0 as jonas case list
grep -qF "$FIRST" "$WORK/last.out" && fail "a member in conflict with a linked report still lists the incident"

expect_exit 0 as priya --json case links "$FIRST"
[ "$(/usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["linked"][0]["case"]["url_name"])' <"$WORK/last.out")" = "$SECOND" ] ||
  fail "the JSON links do not name the linked case"

expect_exit 2 as priya case split "$FIRST" "$SECOND" --reason " "
expect_contains "$WORK/last.err" "--reason is required"
expect_exit 0 as priya case split "$FIRST" "$SECOND" --reason "The second report is about another review."
expect_contains "$WORK/last.out" "No linked cases."
for CASE in "$FIRST" "$SECOND"; do
  expect_exit 0 as priya case show "$CASE"
  [ "$(grep -c '  link  by Priya Raman' "$WORK/last.out")" = 2 ] || { cat "$WORK/last.out"; fail "$CASE: not two link entries"; }
  expect_contains "$WORK/last.out" "The second report is about another review."
done

# The same report sent twice: the repeat is closed into the case it repeats, resolved as
# a duplicate; resolving by hand as a duplicate is refused, and so is closing it twice.
REPEAT=$(as priya case new --code-only --report "Insults in the review of pull request 12." --reported "@casey")
expect_exit 2 as priya case transition "$REPEAT" --to resolved --reason "Same." --resolution-source group \
  --outcome duplicate
expect_contains "$WORK/last.err" "duplicate closes a case only by linking it"
expect_exit 0 as priya case link "$FIRST" "$REPEAT" --duplicate --note "The same report, sent twice."
expect_exit 0 as priya --json case show "$REPEAT"
/usr/bin/python3 -c 'import json,sys; c=json.load(sys.stdin); assert c["state"] == "resolved", c["state"]; assert c["resolution"]["outcome"] == "duplicate", c["resolution"]' <"$WORK/last.out" ||
  fail "the repeat was not closed as a duplicate"
expect_exit 0 as priya case split "$FIRST" "$REPEAT" --reason "Checking a second time."
expect_exit 4 as priya case link "$FIRST" "$REPEAT" --duplicate
expect_contains "$WORK/last.err" "the case is resolved already"
echo "links: ok"
