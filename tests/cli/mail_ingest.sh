# Mail in from an MTA pipe: `conduct mail ingest` opens a case from a new message (its
# text sealed), the server sends the acknowledgement with the case's tag and the
# reporter's receipt, a reply to it joins the same case, a message received twice is
# filed once, and the exit codes are the ones an MTA reads (sysexits.h). A message no
# rule can place waits in quarantine for a chair, who reads and discards it.
source "$(dirname "$0")/common.sh" "$1"

init_community
add_member priya priya@tidewater.example "Priya Raman"

CANARY="MAIL-CANARY-3c1f: followed me from the venue to the station"
printf 'From: Ana Lima <ana@example.org>\r\nTo: conduct@tidewater.example\r\nSubject: After the meetup\r\nMessage-ID: <first@example.org>\r\nDate: Thu, 03 Dec 2026 18:00:00 +0000\r\n\r\n%s\r\n' \
  "$CANARY" >"$WORK/first.eml"

start_server
expect_exit 0 conduct mail ingest <"$WORK/first.eml"
expect_contains "$WORK/last.out" "Received: opened a case."
CASE=$(as robin --json case list | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["cases"][0]["code_name"])')
as robin case show "$CASE" >"$WORK/case.txt"
expect_contains "$WORK/case.txt" "$CANARY"
expect_contains "$WORK/case.txt" "From: Ana Lima <ana@example.org>"

# The same message again (an MTA retrying) changes nothing.
expect_exit 0 conduct --json mail ingest <"$WORK/first.eml"
[ "$(json_field outcome <"$WORK/last.out")" = "already received" ] || fail "a second copy is received already"
[ "$(as robin --json case list | /usr/bin/python3 -c 'import json,sys; print(len(json.load(sys.stdin)["cases"]))')" = 1 ] ||
  fail "a second copy opened a case"

# The server's mail job sends the acknowledgement within seconds: the case's tag in the
# subject, the receipt in the text.
for _ in $(seq 1 50); do
  ACK=$(grep -l "ana@example.org" outbox/*.eml 2>/dev/null | head -1 || true)
  [ -n "$ACK" ] && break
  sleep 0.1
done
[ -n "$ACK" ] || fail "no acknowledgement in the outbox"
grep -q '^Subject: .*\[ref [0-9A-Z]\{10\}\]' "$ACK" || fail "the acknowledgement carries no case tag"
/usr/bin/python3 - "$ACK" <<'PYX' || fail "the acknowledgement carries no receipt"
import email, re, sys
message = email.message_from_binary_file(open(sys.argv[1], "rb"))
text = message.get_payload(decode=True).decode()
assert re.search(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){6}", text), text
PYX
ACK_ID=$(grep -i '^Message-ID:' "$ACK" | sed 's/^[^<]*<\([^>]*\)>.*/\1/')

# A reply to the acknowledgement joins the case.
printf 'From: Ana Lima <ana@example.org>\r\nTo: conduct@tidewater.example\r\nSubject: Re: your report\r\nMessage-ID: <second@example.org>\r\nIn-Reply-To: <%s>\r\n\r\nIt happened again on Friday.\r\n' \
  "$ACK_ID" >"$WORK/second.eml"
expect_exit 0 conduct mail ingest <"$WORK/second.eml"
expect_contains "$WORK/last.out" "Received: joined its case."
as robin case show "$CASE" >"$WORK/case.txt"
expect_contains "$WORK/case.txt" "It happened again on Friday."

# A subject that names the case by its code name, without its tag, waits in quarantine.
printf 'From: guess@example.net\r\nTo: conduct@tidewater.example\r\nSubject: about %s\r\nMessage-ID: <third@example.org>\r\n\r\nQUARANTINE-CANARY-88ad\r\n' \
  "$CASE" >"$WORK/third.eml"
expect_exit 0 conduct mail ingest <"$WORK/third.eml"
expect_contains "$WORK/last.out" "Received: quarantined (code-name-only)."
expect_exit 0 as robin mail quarantine list
expect_contains "$WORK/last.out" "code-name-only"
expect_exit 5 as priya mail quarantine list
expect_exit 0 as robin mail quarantine show 1
expect_contains "$WORK/last.out" "QUARANTINE-CANARY-88ad"
expect_exit 0 as robin mail quarantine discard 1
expect_exit 0 as robin mail quarantine list
expect_contains "$WORK/last.out" "No message waits in quarantine."
expect_exit 3 as robin mail quarantine show 1

# Nothing of the messages is in the database or its WAL in the clear.
for file in conduct.db conduct.db-wal; do
  [ -f "$file" ] || continue
  ! grep -qa "MAIL-CANARY-3c1f" "$file" || fail "the report's text is in $file in the clear"
  ! grep -qa "QUARANTINE-CANARY-88ad" "$file" || fail "the quarantined text is in $file in the clear"
  ! grep -qa "happened again on Friday" "$file" || fail "the reply's text is in $file in the clear"
done

# Exit codes for an MTA: 67 no community at that name, 65 too large, 75 no database.
expect_exit 67 conduct --community nowhere mail ingest <"$WORK/first.eml"
printf '[mail]\nmax_message_mib = 1\n' >>conduct.toml
head -c 1100000 /dev/zero | tr '\0' 'x' | sed 's/^/From: a@example.org\r\n\r\n/' >"$WORK/large.eml"
expect_exit 65 conduct mail ingest <"$WORK/large.eml"
expect_exit 75 conduct --data "$WORK/no-such-directory" mail ingest <"$WORK/first.eml"
echo "mail ingest: ok"
