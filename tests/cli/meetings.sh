# A meeting recorded from the command line: attendees, minutes, a case discussed and a
# decision taken in chat, each on the case's timeline; a member with a conflict sees
# the meeting without the case; bad input names its field (exit 2) and writes nothing.
source "$(dirname "$0")/common.sh" "$1"

init_community
add_member priya priya@tidewater.example "Priya Raman"
add_member jonas jonas@tidewater.example "Jonas Lindqvist"
CASE=$(as priya case new --code-only --report "Mocking a newcomer's English in the help channel." --reported "@casey")
SPACED=${CASE//-/ }
TODAY=$(date -u +%F)
TOMORROW=$(date -u -d tomorrow +%F)

# A future date, an unknown attendee and a case without its minutes: every field named.
expect_exit 2 as priya meeting record --held-on "$TOMORROW" --attendee nobody@example.org --case "$CASE" \
  --case-minutes ""
expect_contains "$WORK/last.err" "--held-on must not be in the future"
expect_contains "$WORK/last.err" "attendees[1] must be the email address of a member of the community"
expect_contains "$WORK/last.err" "cases[1].minutes is required"
expect_exit 2 as priya meeting record --held-on "$TODAY" --attendee priya@tidewater.example --case "$CASE"
expect_contains "$WORK/last.err" "give one for each --case"
expect_exit 0 as priya meeting list
expect_contains "$WORK/last.out" "No meetings recorded."

# Jonas declares a conflict, then attends the meeting that discusses the case.
expect_exit 0 as jonas case conflict "$CASE" --note "I know Casey."
expect_exit 0 as priya meeting record --held-on "$TODAY" --attendee priya@tidewater.example \
  --attendee robin@tidewater.example --attendee jonas@tidewater.example \
  --minutes "Agreed to review the help channel's guideline next month." \
  --case "$SPACED" --case-minutes "Priya asks the moderators for the channel log." \
  --chat "$CASE" --chat-who "Robin and Priya" --chat-at "${TODAY}T00:00:00Z" --chat-channel "#wg-private" \
  --chat-decision "Mute @casey in the help channel until the group decides."
expect_contains "$WORK/last.out" "Meeting 1, held on $TODAY, recorded by Priya Raman"
expect_contains "$WORK/last.out" "Present but excluded from this case, and not part of its discussion: Jonas Lindqvist."
expect_contains "$WORK/last.out" "in #wg-private"

expect_exit 0 as robin --json case show "$CASE"
/usr/bin/python3 - "$WORK/last.out" <<'PY' || fail "the meeting's entries are not on the case's timeline"
import json, sys
case = json.load(open(sys.argv[1]))
kinds = [entry["kind"] for entry in case["timeline"]]
assert kinds.count("minutes") == 1 and kinds.count("chat-decision") == 1, kinds
PY

# Jonas sees the meeting, its minutes and his own presence, and nothing of the case.
expect_exit 0 as jonas meeting show 1
expect_contains "$WORK/last.out" "Agreed to review the help channel's guideline next month."
expect_contains "$WORK/last.out" "Jonas Lindqvist"
grep -qF "$CASE" "$WORK/last.out" && fail "a member with a conflict sees the case in the meeting"
grep -qF "channel log" "$WORK/last.out" && fail "a member with a conflict reads what was said about the case"
expect_exit 0 as jonas --json meeting list
[ "$(/usr/bin/python3 -c 'import json,sys; print(len(json.load(sys.stdin)["meetings"]))' <"$WORK/last.out")" = 1 ] ||
  fail "the meeting is not listed"

expect_exit 3 as priya meeting show 9
expect_contains "$WORK/last.err" "no meeting 9"
expect_exit 0 as priya meeting --help
expect_contains "$WORK/last.out" "--as"
