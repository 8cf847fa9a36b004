# Drafts from the command line: a letter to a reported person that holds the reporter's
# address (percent-encoded in a link) is held and cannot be sent; a clean one needs a
# second member, and goes out, through the outbox, with the case's tag and the group
# copied, once the chair approves it.
source "$(dirname "$0")/common.sh" "$1"

init_community
add_member priya priya@tidewater.example "Priya Raman"
CASE=$(as priya case new --code-only --report "Insults in the forum after the release." \
  --reporter "Noor Haddad <noor@example.net>" --reported "@drift_wood")

expect_exit 0 as priya --json case draft new "$CASE" --recipient reported-person --to drift@example.org \
  --subject "About your posts" --text "Hello," \
  --behaviour "You replied to <a href=\"mailto:noor%40example.net\">a newcomer</a> with insults." \
  --impact "Several newcomers stopped posting." --changes-expected "Do not reply to newcomers for a month." \
  --consequences "A further report would lead to a suspension."
[ "$(json_field held <"$WORK/last.out")" = True ] || fail "a draft holding the reporter's address is held"
expect_exit 4 as robin case draft send "$CASE" 1
expect_contains "$WORK/last.err" "held: The draft holds an email address of the reporter."
! grep -q "noor" "$WORK/last.err" || fail "the reason repeats the address"

expect_exit 0 as priya case draft new "$CASE" --recipient reported-person --to drift@example.org \
  --subject "About your posts" --text "Hello," --behaviour "You replied to newcomers with insults." \
  --impact "Several newcomers stopped posting." --changes-expected "Do not reply to newcomers for a month." \
  --consequences "A further report would lead to a suspension."
expect_contains "$WORK/last.out" "needs a second member"
expect_exit 4 as priya case draft send "$CASE" 2
expect_contains "$WORK/last.err" "second member"
expect_exit 0 as robin case draft send "$CASE" 2
expect_contains "$WORK/last.out" "Sent draft #2 to drift@example.org."
expect_exit 0 as robin case draft withdraw "$CASE" 1
expect_exit 0 as robin --json case draft list "$CASE"
/usr/bin/python3 - "$WORK/last.out" <<'PYX' || fail "the drafts are listed with their states"
import json, sys
drafts = json.load(open(sys.argv[1]))["drafts"]
assert [d["status"] for d in drafts] == ["withdrawn", "sent"], drafts
assert drafts[0]["findings"][0]["check"] == "identifier", drafts[0]
PYX

# The server's mail job sends it: to the reported person, the group copied, the tag in
# the subject.
start_server
for _ in $(seq 1 50); do
  SENT=$(grep -l "^To: drift@example.org" outbox/*.eml 2>/dev/null | head -1 || true)
  [ -n "$SENT" ] && break
  sleep 0.1
done
[ -n "$SENT" ] || fail "the letter is not in the outbox"
grep -q "^Cc: conduct@tidewater.example" "$SENT" || fail "the group is copied"
grep -q '^Subject: About your posts \[ref [0-9A-Z]\{10\}\]' "$SENT" || fail "the subject carries the case's tag"
echo "drafts: ok"
