# A decision from the command line: a case evaluated, its reported person told and
# answered, a suspension proposed and voted on while one member recuses mid-vote, the
# arithmetic shown; the procedure's refusals exit 4 and change nothing.
source "$(dirname "$0")/common.sh" "$1"

init_community
add_member priya priya@tidewater.example "Priya Raman"
add_member jonas jonas@tidewater.example "Jonas Lindqvist"
add_member mei mei@tidewater.example "Mei Tanaka"
CASE=$(as priya case new --code-only --report "Mocking a newcomer's English in the help channel." --reported "@casey")
as priya case transition "$CASE" --to acknowledged --reason "Receipt confirmed." >/dev/null
as priya case transition "$CASE" --to investigating --reason "Reading the channel." >/dev/null
SPACED=${CASE//-/ }

expect_exit 2 as priya case evaluate "$CASE" --violation yes --ongoing no --answer covered-space=maybe
expect_contains "$WORK/last.err" "answers.covered-space"
expect_exit 0 as priya case evaluate "$SPACED" --rest no --answer repeat-risk=yes --note "repeat-risk=Twice this week." \
  --what-happened "Three mocking comments." --violation yes --rule character-attacks --responsible "Casey" --ongoing no
expect_contains "$WORK/last.out" "urgency raised"
expect_contains "$WORK/last.out" "Twice this week."
expect_exit 0 as priya case list
grep -F "$CASE" "$WORK/last.out" | grep -qF "urgency raised" || fail "the list does not show the urgency"

# Proposing before the person was told: exit 4, and nothing is written.
expect_exit 4 as priya case propose "$CASE" --party 1 --resolution temporary-suspension --duration-days 30
expect_contains "$WORK/last.err" "has not been told what was reported"
expect_exit 0 as priya --json case decisions "$CASE"
[ "$(/usr/bin/python3 -c 'import json,sys; print(len(json.load(sys.stdin)["proposals"]))' <"$WORK/last.out")" = 0 ] ||
  fail "a refused proposal was written"

expect_exit 0 as priya case respond "$CASE" --party 1 --step told --text "We told Casey what was reported."
expect_exit 0 as priya case respond "$CASE" --party 1 --step responded --text "Casey says it was a joke."
expect_exit 2 as priya case propose "$CASE" --party 1 --resolution temporary-suspension --duration-days 3
expect_contains "$WORK/last.err" "--duration-days must be between 30 and 90"
expect_exit 0 as priya case propose "$CASE" --party 1 --resolution temporary-suspension --duration-days 30 \
  --message-to-reported "You are suspended from the help channel for 30 days."
expect_contains "$WORK/last.out" "1. party 1: temporary-suspension, 30 days (voting; proposed by Priya Raman)"
expect_contains "$WORK/last.out" "So far 0 of 4 eligible members voted"

expect_exit 0 as jonas case vote "$CASE" 1 agree
expect_exit 0 as mei case vote "$CASE" 1 object
expect_contains "$WORK/last.out" "your ballot: object"
expect_exit 2 as jonas case vote "$CASE" 1 maybe
expect_contains "$WORK/last.err" "ballot"

# Mei recuses: she drops out of the count and is told why she may not vote.
expect_exit 0 as mei case conflict "$CASE" --note "I know Casey."
expect_exit 4 as mei case vote "$CASE" 1 agree
expect_contains "$WORK/last.err" "declared a conflict of interest"
expect_exit 4 as mei --json case vote "$CASE" 1 agree
[ "$(cat "$WORK/last.out" "$WORK/last.err" | grep -c '"error"')" = 1 ] || fail "a --json error is not printed once"
expect_exit 0 as priya case decisions "$CASE"
expect_contains "$WORK/last.out" "So far 1 of 3 eligible members voted"

expect_exit 0 as priya case vote "$CASE" 1 agree
expect_exit 0 as robin case vote "$CASE" 1 agree
expect_contains "$WORK/last.out" "3 of 3 eligible members agreed, two-thirds needs 2; passed by consensus."
expect_contains "$WORK/last.out" "(agreed; proposed by Priya Raman)"
expect_exit 4 as jonas case vote "$CASE" 1 object
expect_contains "$WORK/last.err" "not being voted on"
expect_exit 0 as robin case show "$CASE"
expect_contains "$WORK/last.out" "State:      awaiting-feedback"

# The feedback round: the case names no reporter, so nobody is asked and it is over at
# once; a case naming one waits for their answer or the deadline.
OTHER=$(as priya case new --code-only --report "Rude replies to a newcomer." --reporter "Noor Haddad <noor@example.net>" \
  --reported "@drift")
for STATE in acknowledged investigating; do as priya case transition "$OTHER" --to $STATE --reason "Next." >/dev/null; done
as priya case respond "$OTHER" --party 2 --step waived-for-safety --text "Telling them is unsafe." >/dev/null
as priya case propose "$OTHER" --party 2 --resolution warning >/dev/null
for MEMBER in robin jonas mei priya; do as $MEMBER case vote "$OTHER" 1 agree >/dev/null; done
expect_exit 4 as priya case enact "$OTHER" 1
expect_contains "$WORK/last.err" "the feedback round is not over: 0 of 1 affected person answered; the round is open until"
expect_exit 4 as priya case transition "$OTHER" --to enacting --reason "Skipping the round."
expect_contains "$WORK/last.err" "proposal 1 was agreed: enact it once its feedback round is over"
# The portal needs the reporter's thread that a report from the form has.
expect_exit 4 as priya case feedback "$OTHER" 1 --party 1 --step asked --channel portal --text "A warning?"
expect_contains "$WORK/last.err" "this case has no reporter thread"
expect_exit 0 as priya case feedback "$OTHER" 1 --party 1 --step asked --channel phone --text "We read her the proposal."
expect_contains "$WORK/last.out" "party 1 (reporter): asked"
expect_exit 0 as priya case feedback "$OTHER" 1 --party 1 --step answered --text "A warning is enough for her."
expect_contains "$WORK/last.out" "feedback: 1 of 1 affected person answered"
expect_exit 0 as priya case enact "$OTHER" 1 --note "Sending the warning today."
expect_contains "$WORK/last.out" "(enacted; proposed by Priya Raman)"
expect_exit 0 as priya case show "$OTHER"
expect_contains "$WORK/last.out" "State:      enacting"
expect_contains "$WORK/last.out" "Sending the warning today."
# The list of open cases leaves resolved ones out.
as priya case transition "$OTHER" --to resolved --reason "Warning sent." --resolution-source group \
  --outcome action-taken >/dev/null
expect_exit 0 as priya case list --open
expect_contains "$WORK/last.out" "$CASE"
grep -qF "$OTHER" "$WORK/last.out" && fail "the open cases list a resolved one"

# Acting at once: Jonas bans the account and records it; only he reports it, the
# report opens the review, and the group ratifies it by the vote rule.
expect_exit 2 as jonas case act "$OTHER" --situation urgent --what "Banned." --why "Threats." --affects "Casey"
expect_contains "$WORK/last.err" "--situation must be one of: ongoing or physical-danger"
expect_exit 0 as jonas case act "$OTHER" --situation physical-danger --what "Banned the account everywhere." \
  --why "A threat naming the reporter's street." --affects "Casey"
expect_contains "$WORK/last.out" "1. physical-danger, taken by Jonas Lindqvist"
expect_contains "$WORK/last.out" "awaiting-report: to be reported to the group by"
expect_exit 4 as priya case report-action "$OTHER" 1 --text "Reporting for Jonas."
expect_contains "$WORK/last.err" "Action 1 is reported by the member who took it"
expect_exit 0 as jonas case report-action "$OTHER" 1 --text "The account stays banned until the group decides."
expect_contains "$WORK/last.out" "under-review: under review by the group"
for voter in jonas priya robin; do expect_exit 0 as "$voter" case vote "$OTHER" 1 agree --action; done
expect_exit 0 as mei case vote "$OTHER" 1 object --action
expect_exit 0 as priya --json case decisions "$OTHER"
[ "$(/usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["actions"][0]["status"])' <"$WORK/last.out")" = \
  ratified ] || fail "the action was not ratified"
expect_exit 4 as mei case vote "$OTHER" 1 agree --action
expect_contains "$WORK/last.err" "action 1 is ratified, not under review"

# A resolved case is no longer a danger: its flags change with a reason on the timeline.
expect_exit 2 as priya case flags "$OTHER" --physical-danger no --reason ""
expect_exit 2 as priya case flags "$OTHER" --ongoing no --reason "Already so."
expect_contains "$WORK/last.err" "--ongoing and physical_danger are both as the case has them"
expect_exit 0 as priya case flags "$OTHER" --physical-danger yes --reason "He came back to the venue."
expect_contains "$WORK/last.out" "not ongoing, a physical danger"
expect_exit 0 as priya case show "$OTHER"
expect_contains "$WORK/last.out" "Flags changed: someone may be in physical danger."
echo "decisions: ok"
