# Backups from the command line (docs/administration.md, "Backups"): a backup taken
# while the server runs, the data directory wiped, the restore into a fresh directory
# gives back the same case and the same evidence file, byte for byte, and the server
# starts on it. The backup and its key hold no plaintext of the case; the key directory
# must be kept apart; a backup without its key or altered in one byte is refused and
# leaves no database.
source "$(dirname "$0")/common.sh" "$1"

# The data directory is WORK/data; backups and keys go beside it, never inside it.
mkdir -p "$WORK/data" "$WORK/backups" "$WORK/saved"
cd "$WORK/data"

init_community
add_member priya priya@tidewater.example "Priya Raman"
CANARY="BACKUP-CANARY-3c9e"
CASE=$(as priya case new --code-only --report "$CANARY threats in direct messages." --reported "@casey")
for i in $(seq 1 3000); do echo "$CANARY evidence line $i"; done >"$WORK/chat-log.txt"
head -c 1000 /dev/urandom >>"$WORK/chat-log.txt"
expect_exit 0 as priya case evidence add "$CASE" "$WORK/chat-log.txt"
as priya case show "$CASE" >"$WORK/show-before.txt"
expect_contains "$WORK/show-before.txt" "$CANARY threats"

# The backup is taken while a server holds the database open and its WAL has pages.
start_server

# The head of the audit log is saved outside the server first (docs/administration.md).
conduct audit head >"$WORK/saved/head-before.txt"
expect_exit 0 conduct --json backup --out "$WORK/backups/first.backup" --key-dir "$WORK/keys"
BACKUP_ID=$(json_field backup_id <"$WORK/last.out")
[ "${#BACKUP_ID}" = 32 ] || fail "the backup id is 32 hex digits"
[ "$(json_field size_bytes <"$WORK/last.out")" = "$(stat -c %s "$WORK/backups/first.backup")" ] || fail "size"
[ "$(json_field rows <"$WORK/last.out")" -gt 10 ] || fail "the backup counts its rows"
KEY_FILE="$WORK/keys/$BACKUP_ID.key"
[ -f "$KEY_FILE" ] || fail "the key is not in the key directory"
[ "$(stat -c %a "$KEY_FILE")" = 600 ] || fail "the key file is readable by others"
[ "$(stat -c %a "$WORK/keys")" = 700 ] || fail "the key directory is open to others"
# The log names the backup by its BLAKE2b-256, as b2sum computes it; the entry follows
# the snapshot, so the backup holds the log up to the head saved before it. (The server
# may have sent a queued message since: its entry can come after.)
expect_exit 0 as robin --json audit trail --limit 10
python3 - "$WORK/last.out" "$(b2sum -l 256 "$WORK/backups/first.backup" | cut -d' ' -f1)" <<'PYTHON'
import json, sys
entries = json.load(open(sys.argv[1]))["entries"]
entry = next(e for e in entries if e["action"] != "mail.send")
assert (entry["actor"], entry["action"], entry["digest"]) == ("operator", "backup.take", sys.argv[2]), entries
PYTHON
# A text run prints what it took and where the key is.
expect_exit 0 conduct backup --out "$WORK/backups/second.backup" --key-dir "$WORK/keys"
expect_contains "$WORK/last.out" "Backup taken."
expect_contains "$WORK/last.out" "Key:        $WORK/keys/"
kill "$SERVER"
wait "$SERVER" || true
curl -sf "http://127.0.0.1:$PORT/api/health" >/dev/null && fail "the first server is still running"

# No plaintext of the case in the backup or its key; the search can find a plain word.
for file in "$WORK/backups/first.backup" "$KEY_FILE"; do
  for needle in "$CANARY" "chat-log.txt" "tidewater" "priya@"; do
    count=$(grep -c -a -F "$needle" "$file" || true)
    [ "$count" = 0 ] || fail "'$needle' appears in $file"
  done
done
grep -q -a -F "$CANARY" "$WORK/chat-log.txt" || fail "grep cannot find the canary where it is"

# The key directory is kept apart; a backup file is never replaced.
expect_exit 2 conduct backup --out "$WORK/backups/third.backup" --key-dir "$WORK/backups"
expect_contains "$WORK/last.err" "--key-dir the key directory must be kept apart from the backup"
expect_exit 2 conduct backup --out "$WORK/backups/third.backup" --key-dir "$WORK/data/keys"
expect_contains "$WORK/last.err" "must not be in the data directory"
expect_exit 6 conduct backup --out "$WORK/backups/first.backup" --key-dir "$WORK/keys"
expect_exit 2 conduct backup --out "$WORK/backups/third.backup"
[ ! -e "$WORK/backups/third.backup" ] || fail "a refused backup left a file"

# The wipe. The administrator keeps the index key and conduct.toml elsewhere.
cp "$WORK/data/conduct-index.key" "$WORK/data/conduct.toml" "$WORK/saved/"
cd "$WORK"
rm -rf "$WORK/data"

# A restore over an existing database is refused; so is a backup altered in one byte.
mkdir -p "$WORK/occupied" && : >"$WORK/occupied/conduct.db"
expect_exit 6 conduct restore --from "$WORK/backups/first.backup" --key-dir "$WORK/keys" --data "$WORK/occupied"
/usr/bin/python3 - "$WORK/backups/first.backup" "$WORK/altered.backup" <<'PY'
import sys
data = bytearray(open(sys.argv[1], 'rb').read())
data[len(data) // 2] ^= 0x01
open(sys.argv[2], 'wb').write(data)
PY
expect_exit 2 conduct restore --from "$WORK/altered.backup" --key-dir "$WORK/keys" --data "$WORK/data"
expect_contains "$WORK/last.err" "does not open"
[ ! -e "$WORK/data/conduct.db" ] || fail "a refused restore left a database"

# A restore killed midway leaves its unfinished database: nothing serves it, and the
# message names it and what to do; the next restore removes it and says so.
mkdir -p "$WORK/data"
head -c 4096 /dev/urandom >"$WORK/data/conduct.db.restoring"
head -c 1024 /dev/urandom >"$WORK/data/conduct.db.restoring-wal"
expect_exit 4 timeout 10 "$CONDUCT_BIN" serve --data "$WORK/data" --listen 127.0.0.1:0
expect_contains "$WORK/last.err" "$WORK/data/conduct.db.restoring is what a restore that was interrupted left"
expect_contains "$WORK/last.err" "run the restore again"
expect_exit 4 conduct member list --data "$WORK/data"
expect_contains "$WORK/last.err" "restore that was interrupted"

# The restore: every record back; it reminds the administrator of the index key.
expect_exit 0 conduct restore --from "$WORK/backups/first.backup" --key-dir "$WORK/keys" --data "$WORK/data"
expect_contains "$WORK/last.out" "Removed $WORK/data/conduct.db.restoring, left by a restore that was interrupted."
expect_contains "$WORK/last.out" "Removed $WORK/data/conduct.db.restoring-wal, left by a restore that was interrupted."
[ ! -e "$WORK/data/conduct.db.restoring" ] || fail "the leftover is still there"
expect_contains "$WORK/last.out" "Restored into $WORK/data/conduct.db"
expect_contains "$WORK/last.out" "Bring back the blind-index key"
expect_contains "$WORK/last.out" "Bring back conduct.toml"
cp "$WORK/saved/conduct-index.key" "$WORK/saved/conduct.toml" "$WORK/data/"
cd "$WORK/data"
# The restored log is the backed-up one: its head is the one saved before the backup.
[ "$(conduct audit head)" = "$(cat "$WORK/saved/head-before.txt")" ] || fail "the restore changed the audit head"
expect_exit 0 conduct audit verify --head "$(cat "$WORK/saved/head-before.txt")"
expect_contains "$WORK/last.out" "The audit log is intact"
expect_contains "$WORK/last.out" "still carries the saved head"
as priya case show "$CASE" >"$WORK/show-after.txt"
cmp "$WORK/show-before.txt" "$WORK/show-after.txt" || fail "the restored case reads differently"
expect_exit 0 as priya case evidence get "$CASE" 1 --output "$WORK/restored-chat-log.txt"
cmp "$WORK/chat-log.txt" "$WORK/restored-chat-log.txt" || fail "the restored evidence file differs"

# The server starts on the restored directory.
start_server  # a new port: the first server may still hold the old one
[ "$(readlink "/proc/$SERVER/cwd")" = "$WORK/data" ] || fail "the server answering is not the one on the restore"
kill "$SERVER"
wait "$SERVER" || true

# Once its key is destroyed the backup opens for nobody, and a failed restore leaves no
# database behind.
expect_exit 0 conduct --json backup prune-keys --key-dir "$WORK/keys" --before 2100-01-01T00:00:00Z
expect_contains "$WORK/last.out" "$BACKUP_ID"
[ ! -e "$KEY_FILE" ] || fail "prune-keys left the key"
expect_exit 3 conduct restore --from "$WORK/backups/first.backup" --key-dir "$WORK/keys" --data "$WORK/again"
expect_contains "$WORK/last.err" "the key of backup $BACKUP_ID is not in $WORK/keys (destroyed after the backup horizon, or kept elsewhere)"
[ ! -e "$WORK/again/conduct.db" ] || fail "a restore without a key left a database"

# The default horizon comes from the community's policy (90 days): today's keys stay.
expect_exit 0 conduct backup prune-keys --key-dir "$WORK/keys"
expect_contains "$WORK/last.out" "Destroyed 0 key(s)"
expect_contains "$WORK/last.out" "(horizon 90 days)"
echo "backup: ok"
