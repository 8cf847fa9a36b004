# A member who declares a conflict finds the case nowhere; a new member screens the
# cases that were there before them; the last chair cannot be offboarded.
source "$(dirname "$0")/common.sh" "$1"

init_community
conduct member add --as robin@tidewater.example --email priya@tidewater.example --name "Priya Raman" >/dev/null
conduct member add --as robin@tidewater.example --email jonas@tidewater.example --name "Jonas Lindqvist" >/dev/null
CASE=$(conduct case new --as priya@tidewater.example --code-only --report "Rude replies in review." \
  --reporter "Noor <noor@example.net>" --reported "@casey")
expect_exit 0 conduct case list --as jonas@tidewater.example
expect_contains "$WORK/last.out" "$CASE"

expect_exit 0 conduct case conflict "$CASE" --as jonas@tidewater.example --note "I work with the reporter."
expect_exit 0 conduct case list --as jonas@tidewater.example
grep -qF "$CASE" "$WORK/last.out" && fail "the case still appears in the list of a member with a conflict"
expect_exit 3 conduct case show "$CASE" --as jonas@tidewater.example
expect_contains "$WORK/last.err" "no case '${CASE/-/ }'"
expect_exit 0 conduct person list --as jonas@tidewater.example
expect_contains "$WORK/last.out" "No person records."
expect_exit 3 conduct case conflict "$CASE" --as jonas@tidewater.example

# Others see the disclosure, never the note.
expect_exit 0 conduct case show "$CASE" --as priya@tidewater.example
expect_contains "$WORK/last.out" "conflict-disclosure"
grep -qF "I work with the reporter" "$WORK/last.out" && fail "the conflict note was shown"

# A member who is a party is excluded at intake.
conduct member add --as robin@tidewater.example --email mei@tidewater.example --name "Mei Tanaka" >/dev/null
OTHER=$(conduct case new --as priya@tidewater.example --code-only --report "Mei saw it happen." \
  --witness "Mei <MEI@tidewater.example>")
expect_exit 3 conduct case show "$OTHER" --as mei@tidewater.example

# A new member sees code names to screen, then the case once cleared.
sleep 1  # joined_at must be after the case's opening, which the clock measures in seconds
conduct member add --as robin@tidewater.example --email ada@tidewater.example --name "Ada Ferreira" >/dev/null
expect_exit 0 conduct case screening --as ada@tidewater.example
expect_contains "$WORK/last.out" "$CASE"
expect_exit 3 conduct case show "$CASE" --as ada@tidewater.example
expect_exit 0 conduct case clear "$CASE" --as ada@tidewater.example
expect_exit 0 conduct case show "$CASE" --as ada@tidewater.example

# Offboarding ends access; the last chair stays.
expect_exit 0 conduct member offboard --email priya@tidewater.example --as robin@tidewater.example
expect_exit 5 conduct case list --as priya@tidewater.example
expect_exit 4 conduct member offboard --email robin@tidewater.example --as robin@tidewater.example
expect_contains "$WORK/last.err" "the last active chair cannot be offboarded"
echo "conflicts: ok"
