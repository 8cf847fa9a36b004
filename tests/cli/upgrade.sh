# Upgrading a data directory from the release before sealed records. That release kept
# every confidential field of a case in plaintext (its Sealer passed values through),
# had no case keys, no recovery key, no blind indexes and no index key file. This
# script makes such a directory with the current binary and sqlite, then checks that
# the server refuses it, that `conduct keys seal-plaintext --new-index-key` seals it,
# and that afterwards no plaintext is left in the database files and members read
# their cases as before.
source "$(dirname "$0")/common.sh" "$1"

REPORT="Rude replies in review, three times this week."
LOCATION="the venue's back room"
NOTE="Spoke with the reporter; they want no contact."
CONFLICT_NOTE="I coach the reporter on weekends."
REASON="The reporter appealed to the board."
# Everything above, and the parties' names and contacts: what the sealed columns hold.
SEALED_TEXTS=("$REPORT" "$LOCATION" "$NOTE" "$CONFLICT_NOTE" "$REASON" "Noor Haddad" "noor@example.net" "Casey Drift"
  "casey@example.org")

init_community
add_member priya priya@tidewater.example "Priya Raman"
add_member jonas jonas@tidewater.example "Jonas Berg"
add_member bea bea@tidewater.example "Beatrix Hale" board-member
CASE=$(as priya case new --code-only --report "$REPORT" --location "$LOCATION" \
  --reporter "Noor Haddad <noor@example.net>" --reported "Casey Drift <casey@example.org>")
as priya case note "$CASE" --text "$NOTE" >/dev/null
as jonas case conflict "$CASE" --note "$CONFLICT_NOTE" >/dev/null
as bea case oversight request "$CASE" --reason "$REASON" >/dev/null
as priya --json case show "$CASE" >"$WORK/case.json"
PERSON=$(/usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["parties"][1]["person"])' <"$WORK/case.json")

# A new index key is never made for a database holding indexes made with another.
mv conduct-index.key "$WORK/index.key.lost"
expect_exit 4 as robin keys seal-plaintext --new-index-key
expect_contains "$WORK/last.err" "holds blind indexes made with its own key"
[ ! -e conduct-index.key ] || fail "a new index key was made over existing blind indexes"

# The earlier release's database: every sealed column holds the plaintext the members
# saw; migration 5 (case keys, recovery key, blind indexes) is undone, so opening the
# database applies it again as it would to a real one. Timeline entries are
# append-only, so their trigger is lifted and put back exactly, as that release had it.
/usr/bin/python3 - "$WORK/case.json" "$CONFLICT_NOTE" "$REASON" <<'PYTHON'
import json, sqlite3, sys
case = json.load(open(sys.argv[1]))
conflict_note, reason = sys.argv[2].encode(), sys.argv[3].encode()
db = sqlite3.connect("conduct.db", isolation_level=None)
db.execute("BEGIN IMMEDIATE")
trigger = db.execute("SELECT sql FROM sqlite_master WHERE name = 'entries_are_append_only'").fetchone()[0]
db.execute("DROP TRIGGER entries_are_append_only")
for entry in case["timeline"]:
    db.execute("UPDATE entries SET body_sealed = ? WHERE number = ?", (entry["text"].encode(), entry["number"]))
db.execute(trigger)
db.execute("UPDATE cases SET location_sealed = ?", (case["location"].encode(),))
for party in case["parties"]:
    db.execute("UPDATE parties SET name_sealed = ?, contact_sealed = ?, employer_sealed = ? WHERE number = ?",
               (party["name"].encode(), party["contact"].encode(), party["employer"].encode(), party["number"]))
db.execute("UPDATE exclusions SET note_sealed = ? WHERE reason = 'declared'", (conflict_note,))
db.execute("UPDATE oversight_grants SET reason_sealed = ?", (reason,))
for statement in ["DROP TABLE group_matter_recusals", "DROP TABLE group_matter_ballots",
                  "DROP TABLE group_matter_wraps", "DROP TABLE group_matters",
                  "DELETE FROM schema_migrations WHERE version = 30",  # 30
                  "DROP TABLE meeting_entries", "DROP TABLE meeting_key_wraps", "DROP TABLE meeting_attendees",
                  "DROP TABLE meetings", "DELETE FROM schema_migrations WHERE version = 29",  # 29
                  "DROP TABLE unilateral_actions", "DELETE FROM schema_migrations WHERE version = 28",  # 28
                  "DROP TABLE feedback_requests", "DELETE FROM schema_migrations WHERE version = 27",  # 27
                  "DROP TABLE ballots", "DROP TABLE votes", "DROP TABLE proposals",  # migration 26
                  "DROP TABLE response_steps", "DROP TABLE evaluations", "ALTER TABLE cases DROP COLUMN urgency",
                  "DELETE FROM schema_migrations WHERE version = 26",
                  "DROP INDEX cases_held", "DROP INDEX parties_by_contact_index",  # migration 25
                  "CREATE INDEX parties_by_contact_index ON parties (contact_index, role)",
                  "DELETE FROM schema_migrations WHERE version = 25",
                  "DROP TABLE case_links", "DELETE FROM schema_migrations WHERE version = 24",  # migration 24
                  "ALTER TABLE cases DROP COLUMN escrowed",  # migration 23
                  "DELETE FROM schema_migrations WHERE version = 23",
                  "ALTER TABLE thread_messages DROP COLUMN sealed_to",  # migration 22
                  "ALTER TABLE reporter_threads DROP COLUMN inbox_secret_sealed",
                  "ALTER TABLE reporter_threads DROP COLUMN inbox_public",
                  "DELETE FROM schema_migrations WHERE version = 22",
                  "DROP TABLE local_submissions", "DELETE FROM schema_migrations WHERE version = 21",  # migration 21
                  "DROP TABLE drafts", "DELETE FROM schema_migrations WHERE version = 20",  # migration 20
                  "DROP INDEX mail_queue_audit_heads",  # migration 19
                  "ALTER TABLE mail_queue DROP COLUMN handing_over_since",
                  "DELETE FROM schema_migrations WHERE version = 19",
                  "DROP TABLE mail_quarantine_wraps", "DROP TABLE mail_quarantine",  # migration 18
                  "DROP TABLE mail_threads", "DELETE FROM schema_migrations WHERE version = 18",
                  "DROP INDEX mail_queue_trouble", "DELETE FROM schema_migrations WHERE version = 17",  # 17
                  "ALTER TABLE reports DROP COLUMN content_notes",  # migration 16
                  "DELETE FROM schema_migrations WHERE version = 16",
                  "DROP TABLE portal_sessions", "DROP TABLE thread_messages",  # migration 15
                  "DROP TABLE reporter_threads", "DROP TABLE mail_queue",
                  "DELETE FROM schema_migrations WHERE version = 15",
                  "DROP TABLE idempotent_answers", "DELETE FROM schema_migrations WHERE version = 14",  # migration 14
                  "DROP TABLE index_key_check", "DELETE FROM schema_migrations WHERE version = 13",  # migration 13
                  "DROP TABLE oversight_requests_unmatched",  # migration 12
                  "DELETE FROM schema_migrations WHERE version = 12",
                  "DROP TABLE sign_in_warnings", "DROP TABLE throttles",  # migration 11
                  "CREATE TABLE throttles (key TEXT PRIMARY KEY, failures INTEGER NOT NULL,"
                  " last_failure INTEGER NOT NULL)",
                  "INSERT INTO throttles VALUES ('account:typed-a-password-here', 3, 1)",
                  "DELETE FROM schema_migrations WHERE version = 11",
                  "DROP INDEX cases_resolved", "DELETE FROM schema_migrations WHERE version = 10",  # migration 10
                  "DROP INDEX parties_by_contact_index", "DROP INDEX parties_by_name_index",  # migration 9
                  "DROP INDEX parties_by_employer_index", "DROP INDEX cases_by_opening",
                  "DROP INDEX exclusions_by_member", "DROP INDEX possible_conflicts_by_member",
                  "DROP INDEX screenings_by_member", "DROP INDEX invitations_by_member",
                  "DROP INDEX oversight_grants_by_member", "DELETE FROM schema_migrations WHERE version = 9",
                  "DROP TABLE case_statistics", "ALTER TABLE cases DROP COLUMN resolved_at",  # migration 8
                  "ALTER TABLE cases DROP COLUMN legal_hold_since", "ALTER TABLE cases DROP COLUMN legal_hold_by",
                  "DELETE FROM schema_migrations WHERE version = 8",
                  "DROP TABLE audit_log", "DELETE FROM schema_migrations WHERE version = 7",  # migration 7
                  "DROP TABLE evidence_chunks", "DROP TABLE evidence_files",  # migration 6, after the release
                  "DELETE FROM schema_migrations WHERE version = 6",
                  "DROP TABLE case_key_wraps", "DROP TABLE recovery_keys",
                  "ALTER TABLE cases DROP COLUMN key_version", "ALTER TABLE cases DROP COLUMN rotation_due",
                  "ALTER TABLE parties DROP COLUMN contact_index", "ALTER TABLE parties DROP COLUMN name_index",
                  "ALTER TABLE parties DROP COLUMN employer_index", "DELETE FROM schema_migrations WHERE version = 5"]:
    db.execute(statement)
db.execute("COMMIT")
db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
PYTHON
for text in "${SEALED_TEXTS[@]}"; do
  grep -qaF -- "$text" conduct.db || fail "the simulated earlier release did not store '$text' in plaintext"
done

# The server refuses it: first for the index key that release never had...
PORT=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
expect_exit 4 timeout 10 "$CONDUCT_BIN" serve --listen "127.0.0.1:$PORT"
expect_contains "$WORK/last.err" "conduct keys seal-plaintext --new-index-key --as CHAIR"
expect_exit 4 as priya case show "$CASE"
# ...and, given a key, for the cases still in plaintext.
ANY_KEY=$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')
CONDUCT_INDEX_KEY=$ANY_KEY expect_exit 4 timeout 10 "$CONDUCT_BIN" serve --listen "127.0.0.1:$PORT"
expect_contains "$WORK/last.err" \
  "the community 'tidewater' has 1 case(s) that a release before sealed records stored in plaintext"
expect_contains "$WORK/last.err" "conduct keys seal-plaintext --as CHAIR"

# Sealing needs the flag to make the key, and a chair.
expect_exit 4 as robin keys seal-plaintext
expect_contains "$WORK/last.err" "the blind-index key is missing"
[ ! -e conduct-index.key ] || fail "an index key was made without --new-index-key"
expect_exit 0 as robin --json keys seal-plaintext --new-index-key
[ "$(json_field sealed <"$WORK/last.out")" = 1 ] || fail "one case is sealed"
KIT=$(json_field recovery_kit <"$WORK/last.out")
[ -n "$KIT" ] && [ "$KIT" != None ] || fail "the community had no recovery key, so a kit is made"
[ "$(stat -c %a conduct-index.key)" = 600 ] || fail "the new index key file is readable by its owner only"
expect_exit 5 as priya keys seal-plaintext

# No plaintext is left in the database or its WAL.
sqlite3 conduct.db 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
for text in "${SEALED_TEXTS[@]}"; do
  for file in conduct.db conduct.db-wal; do
    [ -e "$file" ] || continue
    if grep -qaF -- "$text" "$file"; then fail "'$text' is still in $file after sealing"; fi
  done
done

# Migration 11 dropped the throttles that held typed text (secure_delete: the bytes too).
if grep -qaF -- "typed-a-password-here" conduct.db; then fail "a typed throttle key survived migration 11"; fi

# Members read the case as before; the conflict still hides it from Jonas.
expect_exit 0 as priya case show "$CASE"
for text in "$REPORT" "$LOCATION" "$NOTE" "Noor Haddad" "casey@example.org"; do
  expect_contains "$WORK/last.out" "$text"
done
expect_exit 3 as jonas case show "$CASE"
# The parties have blind indexes again: a new report on the same person finds them.
NEW=$(as priya case new --code-only --report "Again, in the forum." --reported "C. Drift <casey@example.org>")
as priya --json case show "$NEW" >"$WORK/new.json"
[ "$(/usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["parties"][0]["person"])' <"$WORK/new.json")" \
  = "$PERSON" ] || fail "the repeat report was not linked to $PERSON"

# The new kit is the community's and opens the case's recovery wrap: it grants a
# newcomer's screened access; the kit from before the upgrade is no longer the community's.
sleep 1  # joining must come after the case's opening, which is measured in seconds
add_member ada ada@tidewater.example "Ada Ferreira"
expect_exit 0 as ada case clear "$CASE"
CONDUCT_RECOVERY_KIT=$RECOVERY_KIT expect_exit 2 as robin keys recover --case "$CASE"
expect_contains "$WORK/last.err" "is not this community's recovery kit"
CONDUCT_RECOVERY_KIT=$KIT expect_exit 0 as robin keys recover --case "$CASE"
expect_contains "$WORK/last.out" "Granted 1 key(s) on 1 case(s)."
expect_exit 0 as ada case show "$CASE"
expect_contains "$WORK/last.out" "$REPORT"

# Nothing is left to seal, and the server starts.
expect_exit 0 as robin keys seal-plaintext
expect_contains "$WORK/last.out" "Sealed 0 case(s)"
grep -qF "Recovery kit" "$WORK/last.out" && fail "a second kit was made"
expect_exit 124 timeout 3 "$CONDUCT_BIN" serve --listen "127.0.0.1:$PORT"
expect_contains "$WORK/last.out" "Conduct is serving"
echo "upgrade: ok"
