# The audit log from the command line (docs/security.md, "The audit log"): every action
# leaves an entry, `audit verify` names the first entry changed behind the server's
# back, and only a head saved outside the server catches a log rewritten from scratch
# and re-hashed, or cut short. The chain is recomputed here from the documented format
# (BLAKE2b-256, as Python's hashlib computes it), so the format is checked too.
source "$(dirname "$0")/common.sh" "$1"

init_community
add_member priya priya@tidewater.example "Priya Raman"
CASE=$(as priya case new --code-only --report "AUDIT-CANARY-77 a report." --reported "@casey")
expect_exit 0 as priya case note "$CASE" --text "AUDIT-CANARY-77 a note."
expect_exit 0 as priya case show "$CASE"
expect_exit 3 as priya case show amber-nothing

# Chairs read the trail; it names actions and cases, never content.
expect_exit 0 as robin --json audit trail --case "$CASE"
python3 - "$WORK/last.out" "$CASE" <<'PYTHON'
import json, sys
entries = json.load(open(sys.argv[1]))["entries"]
actions = [e["action"] for e in entries]
for wanted in ["case.open", "case.note", "case.read"]:
    assert wanted in actions, f"{wanted} missing from {actions}"
assert all(e["case"] == sys.argv[2] for e in entries)
assert entries == sorted(entries, key=lambda e: -e["seq"]), "newest first"
PYTHON
grep -q -F "AUDIT-CANARY-77" "$WORK/last.out" && fail "the trail shows content"
expect_exit 5 as priya audit trail
grep -q -a -F "AUDIT-CANARY-77" conduct.db conduct.db-wal && fail "the report text is in the database"

expect_exit 0 conduct audit verify
expect_contains "$WORK/last.out" "The audit log is intact"
HEAD=$(conduct audit head)
[[ "$HEAD" =~ ^[0-9]+:[0-9a-f]{64}$ ]] || fail "the head is not SEQ:HEX: $HEAD"
echo "$HEAD" >"$WORK/head.txt"
expect_exit 0 as priya case note "$CASE" --text "Later."
expect_exit 0 conduct audit verify --head "@$WORK/head.txt"
expect_contains "$WORK/last.out" "still carries the saved head"
expect_exit 2 conduct audit verify --head "12:nothex"
expect_contains "$WORK/last.err" "head"

cp conduct.db "$WORK/pristine.db"
[ ! -e conduct.db-wal ] || cp conduct.db-wal "$WORK/pristine.db-wal"
restore_pristine() {
  cp "$WORK/pristine.db" conduct.db
  rm -f conduct.db-wal conduct.db-shm
  [ ! -e "$WORK/pristine.db-wal" ] || cp "$WORK/pristine.db-wal" conduct.db-wal
}

# Edits behind the server's back: the triggers refuse them, so an attacker drops them.
tamper() {
  python3 - "$1" <<'PYTHON'
import hashlib, sqlite3, struct, sys
db = sqlite3.connect("conduct.db", isolation_level=None)
db.execute("DROP TRIGGER audit_log_is_append_only")
db.execute("DROP TRIGGER audit_log_keeps_entries")
how = sys.argv[1]

def field(data):
    return struct.pack("<q", len(data)) + data

def chain_hash(previous, seq, time, community, actor, action, case, digest):
    h = hashlib.blake2b(digest_size=32)
    h.update(field(b"conduct audit entry v1") + field(previous))
    h.update(struct.pack("<qqq", seq, time, community))
    for text in (actor.encode(), action.encode(), case.encode(), digest):
        h.update(field(text))
    return h.digest()

rows = db.execute("SELECT seq, time, community_id, actor, action, case_code, digest, hash FROM audit_log ORDER BY seq").fetchall()
# The documented format: recomputing every stored hash from its entry gives it back.
previous = bytes(32)
for seq, time, community, actor, action, case, digest, stored in rows:
    assert chain_hash(previous, seq, time, community, actor, action, case, digest) == stored, f"format differs at {seq}"
    previous = stored

if how == "modify":
    db.execute("UPDATE audit_log SET actor = 'member:1' WHERE seq = 5")
elif how == "delete":
    db.execute("DELETE FROM audit_log WHERE seq = 6")
elif how == "rewrite":
    # Entry 4 said something else; every hash after it is recomputed, so the chain is whole.
    previous = bytes(32)
    for seq, time, community, actor, action, case, digest, stored in rows:
        if seq == 4:
            action = "member.change"
        new = chain_hash(previous, seq, time, community, actor, action, case, digest)
        db.execute("UPDATE audit_log SET action = ?, hash = ? WHERE seq = ?", (action, new, seq))
        previous = new
elif how == "truncate":
    db.execute("DELETE FROM audit_log WHERE seq > (SELECT MAX(seq) - 3 FROM audit_log)")
db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
PYTHON
}

tamper modify
expect_exit 8 conduct audit verify
expect_contains "$WORK/last.err" "does not verify at entry 5"
restore_pristine

tamper delete
expect_exit 8 conduct --json audit verify
expect_contains "$WORK/last.out" '"first_bad_position": 6'
restore_pristine

# A rewrite from scratch passes a plain check; the head kept outside catches it.
tamper rewrite
expect_exit 0 conduct audit verify
expect_exit 8 conduct audit verify --head "$HEAD"
expect_contains "$WORK/last.err" "no longer carries the saved head's hash"
restore_pristine

tamper truncate
expect_exit 0 conduct audit verify
expect_exit 8 conduct audit verify --head "$HEAD"
expect_contains "$WORK/last.err" "before the saved head"
restore_pristine
expect_exit 0 conduct audit verify --head "$HEAD"

# Verifying names a missing database rather than making one.
expect_exit 3 conduct audit verify --data "$WORK/nowhere"
[ ! -e "$WORK/nowhere/conduct.db" ] || fail "audit verify made a database"
echo "audit: ok"
