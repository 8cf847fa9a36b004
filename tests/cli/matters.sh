# A matter of the group from the command line: admitting a member put to the vote, one
# member standing aside mid-vote and dropping out of the count, the arithmetic shown; a
# member added afterwards takes no part; refusals exit 4 with the reason.
source "$(dirname "$0")/common.sh" "$1"

init_community
add_member priya priya@tidewater.example "Priya Raman"
add_member jonas jonas@tidewater.example "Jonas Lindqvist"
add_member mei mei@tidewater.example "Mei Tanaka"

expect_exit 2 as priya matter propose --kind bylaws --text ""
expect_contains "$WORK/last.err" "--kind must be one of admit-member, guideline, policy or other"
expect_exit 0 as priya matter propose --kind admit-member --text "Admit Ana Lima as a member."
expect_contains "$WORK/last.out" "Matter 1 (admit-member), voting; proposed by Priya Raman"
expect_contains "$WORK/last.out" "So far 0 of 4 eligible members voted"

expect_exit 0 as priya matter vote 1 agree
expect_exit 0 as jonas matter vote 1 object
expect_exit 0 as jonas matter stand-aside 1
expect_contains "$WORK/last.out" "You stood aside from this matter."
expect_contains "$WORK/last.out" "So far 1 of 3 eligible members voted"
expect_exit 4 as jonas matter vote 1 agree
expect_contains "$WORK/last.err" "you stood aside from this matter"

add_member noa noa@tidewater.example "Noa Levi"
expect_exit 4 as noa matter vote 1 agree
expect_contains "$WORK/last.err" "before you were a voting member of the group"

expect_exit 0 as robin matter vote 1 agree
expect_exit 0 as mei --json matter vote 1 agree
/usr/bin/python3 - "$WORK/last.out" <<'PY' || fail "the matter was not agreed by consensus"
import json, sys
matter = json.load(open(sys.argv[1]))
assert matter["status"] == "agreed" and matter["outcome"] == "passed-by-consensus", matter
assert "3 of 3 eligible members agreed" in matter["arithmetic"], matter["arithmetic"]
PY
expect_exit 4 as priya matter vote 1 object
expect_contains "$WORK/last.err" "closed"
expect_exit 0 as jonas matter list
expect_contains "$WORK/last.out" "Matter 1 (admit-member), agreed"
expect_exit 3 as jonas matter show 2
