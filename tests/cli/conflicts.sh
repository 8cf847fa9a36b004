# A member who declares a conflict finds the case nowhere; a new member screens the
# cases that were there before them; the last chair cannot be offboarded.
source "$(dirname "$0")/common.sh" "$1"

init_community
add_member priya priya@tidewater.example "Priya Raman"
add_member jonas jonas@tidewater.example "Jonas Lindqvist"
CASE=$(as priya case new --code-only --report "Rude replies in review." --reporter "Noor <noor@example.net>" --reported "@casey")
expect_exit 0 as jonas case list
expect_contains "$WORK/last.out" "$CASE"

expect_exit 0 as jonas case conflict "$CASE" --note "I work with the reporter."
expect_exit 0 as jonas case list
grep -qF "$CASE" "$WORK/last.out" && fail "the case still appears in the list of a member with a conflict"
expect_exit 3 as jonas case show "$CASE"
expect_contains "$WORK/last.err" "no case '${CASE/-/ }'"
expect_exit 0 as jonas person list
expect_contains "$WORK/last.out" "No person records."
expect_exit 3 as jonas case conflict "$CASE"

# Others see the disclosure, never the note.
expect_exit 0 as priya case show "$CASE"
expect_contains "$WORK/last.out" "conflict-disclosure"
grep -qF "I work with the reporter" "$WORK/last.out" && fail "the conflict note was shown"

# A member who is a party is excluded at intake.
add_member mei mei@tidewater.example "Mei Tanaka"
OTHER=$(as priya case new --code-only --report "Mei saw it happen." --witness "Mei <MEI@tidewater.example>")
expect_exit 3 as mei case show "$OTHER"

# A new member sees code names to screen, then the case once cleared.
sleep 1  # joining must come after the case's opening, which is measured in seconds
add_member ada ada@tidewater.example "Ada Ferreira"
expect_exit 0 as ada case screening
expect_contains "$WORK/last.out" "$CASE"
expect_exit 3 as ada case show "$CASE"
expect_exit 0 as ada case clear "$CASE"
expect_exit 3 as ada case show "$CASE"                      # waiting for approval
expect_exit 0 as priya case access list
expect_contains "$WORK/last.out" "ada@tidewater.example"
expect_exit 3 as jonas case access approve "$CASE" --member ada@tidewater.example   # jonas has a conflict
expect_exit 0 as priya case access approve "$CASE" --member ada@tidewater.example
expect_exit 0 as ada case show "$CASE"

# Offboarding ends access at once, sessions included; the last chair stays.
expect_exit 0 as robin member offboard --email priya@tidewater.example
expect_exit 5 as priya case list
expect_contains "$WORK/last.err" "not signed in, or the session has ended"
expect_exit 4 as robin member offboard --email robin@tidewater.example
expect_contains "$WORK/last.err" "the last active chair cannot be offboarded"
echo "conflicts: ok"
