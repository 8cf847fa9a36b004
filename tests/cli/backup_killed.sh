# A backup killed at any point is whole or absent, and the audit log agrees: `conduct
# backup` is killed (SIGKILL) at random moments ten times; the next backup finishes or
# undoes each from its journal. Then every backup file left opens with its own key, has
# its entry in the log (by its BLAKE2b-256), and no key, partial file or journal is left
# without a backup.
source "$(dirname "$0")/common.sh" "$1"

init_community
add_member priya priya@tidewater.example "Priya Raman"
for i in $(seq 1 30); do
  as priya case new --code-only --report "Report $i: rude replies in review, again and again." >/dev/null
done
# Keys and backups apart from the data directory (the current one), as the command asks.
APART=$(mktemp -d)
trap 'rm -rf "$WORK" "$APART"' EXIT
mkdir -m 700 "$APART/keys"
mkdir "$APART/backups"

# How long one backup takes here: the kills land anywhere from its start to its end.
started=$(date +%s%N)
expect_exit 0 conduct backup --out "$APART/backups/probe.backup" --key-dir "$APART/keys"
took_ms=$(( ($(date +%s%N) - started) / 1000000 + 5 ))

for attempt in $(seq 1 10); do
  delay_ms=$(( RANDOM % took_ms ))
  "$CONDUCT_BIN" backup --out "$APART/backups/killed-$attempt.backup" --key-dir "$APART/keys" >/dev/null 2>&1 &
  pid=$!
  sleep "$(printf '0.%03d' "$delay_ms")"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
done

# The next backup finishes or undoes whatever the kills left.
expect_exit 0 conduct backup --out "$APART/backups/after.backup" --key-dir "$APART/keys"
grep "Before this backup" "$WORK/last.out" || true

[ -z "$(ls "$APART/keys"/*.pending 2>/dev/null)" ] || fail "a journal was left: $(ls "$APART/keys")"
[ -z "$(ls "$APART/backups"/*.partial 2>/dev/null)" ] || fail "a partial backup was left: $(ls "$APART/backups")"
backups=$(ls "$APART/backups"/*.backup | wc -l)
keys=$(ls "$APART/keys"/*.key | wc -l)
[ "$backups" = "$keys" ] || fail "$backups backups but $keys keys: a key without its backup, or the reverse"

# The log knows exactly the backups that exist, and its chain is intact.
sqlite3 conduct.db "SELECT lower(hex(digest)) FROM audit_log WHERE action = 'backup.take'" | sort >"$WORK/logged"
for file in "$APART/backups"/*.backup; do b2sum -l 256 "$file" | cut -d' ' -f1; done | sort >"$WORK/present"
diff "$WORK/logged" "$WORK/present" >/dev/null || { diff "$WORK/logged" "$WORK/present" >&2; fail "the log and the backups disagree"; }
expect_exit 0 conduct audit verify

# Each backup left opens with its key.
n=0
for file in "$APART/backups"/*.backup; do
  n=$((n + 1))
  expect_exit 0 conduct restore --from "$file" --key-dir "$APART/keys" --data "$APART/restored-$n"
done

echo "backup_killed: ok ($backups backups after 10 kills)"
