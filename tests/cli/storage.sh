# Storage that cannot be written is named as such. The files may grow to 64 KiB only
# (ulimit -f, as a full disk or a quota would stop them): once the write-ahead log is
# full, a write answers 503 "storage is full" with Retry-After to a client, /api/health
# reports the database not writable, the command line says the same instead of "disk
# I/O error", and the process does not die of SIGXFSZ. Given room, it all works again.
source "$(dirname "$0")/common.sh" "$1"

init_community
add_member priya priya@tidewater.example "Priya Raman"
CASE=$(as priya case new --code-only --report "Rude replies in review." --reported "@casey")
sqlite3 conduct.db 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null

# The command line: writes go on until the log cannot grow, then the cause is named.
full=""
for i in $(seq 1 20); do
  if ! (ulimit -f 64; as robin member add --email "m$i@tidewater.example" --name "Member $i") \
    >"$WORK/last.out" 2>"$WORK/last.err"; then
    full=$i
    break
  fi
done
[ -n "$full" ] || fail "twenty members fitted in 64 KiB of log"
expect_contains "$WORK/last.err" "storage is full"
if grep -q "disk I/O error" "$WORK/last.err"; then fail "the cause is not named"; fi

# The server, under the same limit: failed sign-ins write (the refusal and the count)
# until one cannot, which answers 503 with when to try again; the health check then says
# the database cannot be written.
PORT=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
(ulimit -f 64; exec "$CONDUCT_BIN" serve --listen "127.0.0.1:$PORT" >"$WORK/serve.out" 2>"$WORK/serve.err") &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 100); do
  curl -s -o /dev/null "http://127.0.0.1:$PORT/api/health" && break
  sleep 0.1
done
refused=""
for i in $(seq 1 200); do
  curl -s -D "$WORK/signin.headers" -o "$WORK/signin.json" -H 'Content-Type: application/json' \
    -H "X-Forwarded-For: ignored" \
    -d "{\"email\":\"priya@tidewater.example\",\"password\":\"guess $i\",\"code\":\"000000\"}" \
    "http://127.0.0.1:$PORT/api/session"
  if grep -q "^HTTP/1.1 503" "$WORK/signin.headers"; then refused=$i; break; fi
  grep -q "^HTTP/1.1 429" "$WORK/signin.headers" && sleep 1
done
[ -n "$refused" ] || fail "the log never filled"
grep -qi "^Retry-After: 60" "$WORK/signin.headers" || fail "the 503 says when to try again"
expect_contains "$WORK/signin.json" "storage is full"
# The health check answers from what its watch asked the database last (every half
# second): it says so within a second or two.
for _ in $(seq 1 30); do
  status=$(curl -s -o "$WORK/health.json" -w '%{http_code}' "http://127.0.0.1:$PORT/api/health")
  [ "$status" = 503 ] && break
  sleep 0.1
done
[ "$status" = 503 ] || { cat "$WORK/health.json" >&2; fail "health answers 503 while storage is full, not $status"; }
expect_contains "$WORK/health.json" '"database":"not-writable"'
expect_contains "$WORK/health.json" '"problem":"storage is full'
kill -0 "$SERVER" || fail "the server died at the file-size limit"
kill "$SERVER"
wait "$SERVER" 2>/dev/null || true

# Given room, the same write succeeds and the server is healthy again.
expect_exit 0 as robin member add --email "m$full@tidewater.example" --name "Member $full"
start_server
status=$(curl -s -o "$WORK/health.json" -w '%{http_code}' "http://127.0.0.1:$PORT/api/health")
[ "$status" = 200 ] || fail "health is back to 200 once storage is writable, not $status"
expect_exit 0 as priya case show "$CASE"

echo "storage: ok"
