# A local representative from the command line: an after-event summary and an escalation
# open cases the representative never sees; they list what they sent in plain words;
# the chair finds the cases and the acknowledgements wait in the outbox.
source "$(dirname "$0")/common.sh" "$1"

init_community
add_member events events@harbour-days.example "Harbour Days CoC team" local-representative

expect_exit 0 as events submission send --kind summary \
  --what-happened "A speaker's slides included an offensive image." \
  --actions-taken "We spoke with the speaker, who removed the slide." \
  --person "reported-person:Sam Speaker:@sam"
expect_contains "$WORK/last.out" "Sent the summary"
expect_exit 2 as events submission send --kind escalation --what-happened "Shouting at the sprint."
expect_exit 0 as events --json submission send --kind escalation --what-happened "Shouting at the sprint." \
  --why-escalated "The same person was reported at our last event."
[ "$(json_field status <"$WORK/last.out")" = acknowledged ] || fail "an escalation is acknowledged at once"

expect_exit 0 as events --json submission list
/usr/bin/python3 - "$WORK/last.out" <<'PYX' || fail "the representative lists what they sent, newest first"
import json, sys
sent = json.load(open(sys.argv[1]))["submissions"]
assert [s["kind"] for s in sent] == ["escalation", "summary"], sent
assert sent[0]["status_text"].startswith("We have received your report"), sent[0]
assert set(sent[0]) == {"kind", "submitted_at", "status", "status_text"}, "no case is named"
PYX
expect_exit 5 as events case list
expect_exit 5 as robin submission list

expect_exit 0 as robin --json case list
/usr/bin/python3 - "$WORK/last.out" <<'PYX' || fail "the chair sees both cases, acknowledged"
import json, sys
cases = json.load(open(sys.argv[1]))["cases"]
assert len(cases) == 2 and all(c["state"] == "acknowledged" for c in cases), cases
PYX
