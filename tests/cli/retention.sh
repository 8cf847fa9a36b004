# Retention from the command line: nothing is due on a fresh database; a chair's legal
# hold keeps a due case and a member cannot place one; released, the case is expunged,
# its rows and keys are gone, one statistics row is left and the WAL is truncated.
# There is no clock override in the program: the case is made due by moving its dates
# back in the database file, as the years would.
source "$(dirname "$0")/common.sh" "$1"

init_community
add_member priya priya@tidewater.example "Priya Raman"

expect_exit 0 conduct retention run --dry-run
expect_contains "$WORK/last.out" "Would expunge 0 case(s); 0 due case(s) kept under a legal hold."
expect_exit 0 conduct --json retention run
[ "$(json_field expunged <"$WORK/last.out")" = "[]" ] || fail "nothing is due on a fresh database"

CASE=$(as priya case new --code-only --report "Rude replies in review by canary-retention-7731." \
  --reported "@casey" --space forum --category harassment)
for step in acknowledged investigating deciding; do
  expect_exit 0 as priya case transition "$CASE" --to "$step" --reason "next step"
done
expect_exit 0 as priya case transition "$CASE" --to resolved --reason "not a violation" \
  --resolution-source group --outcome not-a-violation
expect_exit 0 conduct retention run
expect_contains "$WORK/last.out" "Expunged 0 case(s)"

# Three years pass for this case (its opening stays, or every member would have to
# screen it as a case opened before they joined).
YEARS=$((3 * 365 * 86400))
sqlite3 conduct.db "UPDATE cases SET resolved_at = resolved_at - $YEARS;
                    UPDATE reports SET received_at = received_at - $YEARS;"

# Only a chair places a hold; a held case is kept and listed.
expect_exit 3 as priya retention hold "$CASE"
expect_exit 0 as robin retention hold "$CASE"
expect_contains "$WORK/last.out" "under a legal hold"
expect_exit 4 as robin retention hold "$CASE"
expect_exit 0 conduct retention run
expect_contains "$WORK/last.out" "held  tidewater  $CASE  minor incident, clock started"
expect_contains "$WORK/last.out" "Expunged 0 case(s); 1 due case(s) kept under a legal hold."
expect_exit 0 as robin case show "$CASE"

# Released, a dry run names it and changes nothing; the real run expunges it.
expect_exit 3 as priya retention release "$CASE"
expect_exit 0 as robin retention release "$CASE"
expect_exit 4 as robin retention release "$CASE"
BEFORE=$(dump_database)
expect_exit 0 conduct --json retention run --dry-run
/usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["dry_run"] and [c["case"] for c in d["expunged"]]==[sys.argv[1]], d' \
  "$CASE" <"$WORK/last.out" || fail "the dry run names the due case"
[ "$BEFORE" = "$(dump_database)" ] || fail "a dry run changed the database"
expect_exit 0 conduct retention run
expect_contains "$WORK/last.out" "expunged  tidewater  $CASE  minor incident"

expect_exit 3 as robin case show "$CASE"
[ "$(sqlite3 conduct.db 'SELECT COUNT(*) FROM cases')" = 0 ] || fail "the case row is gone"
[ "$(sqlite3 conduct.db 'SELECT COUNT(*) FROM case_key_wraps')" = 0 ] || fail "its key wraps are gone"
[ "$(sqlite3 conduct.db 'SELECT COUNT(*) FROM entries') $(sqlite3 conduct.db 'SELECT COUNT(*) FROM parties')" = "0 0" ] ||
  fail "its entries and parties are gone"
[ "$(sqlite3 conduct.db 'SELECT COUNT(*) FROM persons')" = 0 ] || fail "the person record it alone named is gone"
[ "$(sqlite3 conduct.db "SELECT period LIKE '____-__', space_kind, categories, people_named FROM case_statistics")" = \
  "1|forum|harassment|1" ] || fail "one statistics row is left"
[ ! -s conduct.db-wal ] || fail "the WAL is truncated after a purge"
if grep -a -q "canary-retention-7731" conduct.db conduct.db-wal 2>/dev/null; then fail "the report text is in a file"; fi
expect_exit 0 conduct retention run
expect_contains "$WORK/last.out" "Expunged 0 case(s)"

# The server runs retention by itself: at start, then every interval (one second here,
# from conduct.toml; a day by default). A case that becomes due while it serves goes.
SECOND=$(as priya case new --code-only --report "Off-topic spam." --reported "@sparrow")
for step in acknowledged investigating deciding; do
  expect_exit 0 as priya case transition "$SECOND" --to "$step" --reason "next step"
done
expect_exit 0 as priya case transition "$SECOND" --to resolved --reason "out of scope" \
  --resolution-source group --outcome out-of-scope
printf '\n[retention]\ninterval_seconds = 1\n' >>conduct.toml
start_server
for _ in $(seq 1 100); do
  grep -q '"retention done"' "$WORK/serve.err" 2>/dev/null && break
  sleep 0.1
done
expect_contains "$WORK/serve.err" '"retention done"'
[ "$(sqlite3 conduct.db 'SELECT COUNT(*) FROM cases')" = 1 ] || fail "the server keeps a case that is not due"
sqlite3 conduct.db "UPDATE cases SET resolved_at = resolved_at - $YEARS; UPDATE reports SET received_at = received_at - $YEARS;"
for _ in $(seq 1 50); do
  [ "$(sqlite3 conduct.db 'SELECT COUNT(*) FROM cases')" = 0 ] && break
  sleep 0.1
done
[ "$(sqlite3 conduct.db 'SELECT COUNT(*) FROM cases')" = 0 ] || { cat "$WORK/serve.err" >&2; fail "the server's next run expunges it"; }
expect_contains "$WORK/serve.err" '"expunged":1'
kill "$SERVER"
wait "$SERVER" || true
echo "retention: ok"
