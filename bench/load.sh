#!/usr/bin/env bash
# The load benchmark: for each size, a fresh data directory seeded with that many cases
# through the use cases (bench/seed.cpp), served by `conduct serve`, and driven by wrk
# with 32 connections on each endpoint. Prints requests/s and p50/p99 per endpoint per
# size, the ratio of /api/health to a bare RESTinio endpoint measured in the same run,
# the time from start to first answer, and the server's RSS idle and under load.
#
#   bench/load.sh [SIZE ...]        (default: 1000 10000 100000)
#   DURATION=10 bench/load.sh 1000  (seconds per endpoint; default 10)
#
# Run by `make bench`. Traffic goes to 127.0.0.1 only; every run stops by itself.
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD=${BUILD_DIR:-build}
CONDUCT=$PWD/$BUILD/conduct
SEED=$PWD/$BUILD/bench/conduct_seed
BARE=$PWD/$BUILD/bench/bare_endpoint
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-32}
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000 10000 100000)
command -v wrk >/dev/null || { echo "load.sh: wrk is missing (scripts/setup.sh installs it)" >&2; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
rss_kb() { ps -o rss= -p "$1" | tr -d ' '; }
now_ms() { date +%s%3N; }

# wrk_run NAME URL [wrk options...]: one line "NAME req/s p50 p99".
wrk_run() {
  local name=$1 url=$2
  shift 2
  local out
  out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 30s --latency "$@" "$url")
  local rps p50 p99 non2xx
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  LAST_RPS=$rps
  printf '%-22s %10s req/s   p50 %9s   p99 %9s%s\n' "$name" "$rps" "$p50" "$p99" \
    "${non2xx:+   ($non2xx answers not 2xx)}"
}

WORK=$(mktemp -d)
SERVER_PID=""
BARE_PID=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
  [ -n "$BARE_PID" ] && kill "$BARE_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# The intake request: a report with a reporter and a reported person; a new case each.
cat >"$WORK/intake.lua" <<'EOF'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-CSRF-Token"] = os.getenv("CSRF")
wrk.body = '{"report":"Repeated unwanted messages after being asked to stop.","channel":"web-form",' ..
  '"space":"chat","categories":["harassment"],"parties":[{"role":"reporter","contact":"someone@example.net"},' ..
  '{"role":"reported","contact":"@load_test"}]}'
EOF

# A report from someone without an account, with its receipt (Argon2id) and an address
# to acknowledge: a new case, a thread and two queued messages each.
cat >"$WORK/public_intake.lua" <<'EOF'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"what_happened":"Repeated unwanted messages after being asked to stop.","space":"chat",' ..
  '"reporter_email":"someone@example.net","people":[{"role":"reported-person","handle":"@load_test"}]}'
EOF

echo "Conduct load benchmark: $CONNECTIONS connections, ${DURATION} s per endpoint, $(nproc) cores"
for size in "${SIZES[@]}"; do
  data="$WORK/data-$size"
  mkdir -p "$data"
  echo
  echo "== $size cases"
  "$SEED" --data "$data" --cases "$size"
  # shellcheck disable=SC1091
  source "$data/bench.env"

  port=$(free_port)
  started=$(now_ms)
  "$CONDUCT" --data "$data" serve --listen "127.0.0.1:$port" >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  until curl -sf "http://127.0.0.1:$port/api/health" >/dev/null; do
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log"; exit 1; }
    sleep 0.005
  done
  echo "start to first answer: $(( $(now_ms) - started )) ms; RSS then $(( $(rss_kb "$SERVER_PID") / 1024 )) MB"
  # Idle: once the jobs that run at start (the key sweep, retention) are done.
  sleep 3
  echo "idle RSS (3 s after start): $(( $(rss_kb "$SERVER_PID") / 1024 )) MB"

  bare_port=$(free_port)
  "$BARE" "$bare_port" "$(nproc)" &
  BARE_PID=$!
  until curl -sf "http://127.0.0.1:$bare_port/" >/dev/null; do sleep 0.005; done

  chair=(-H "Cookie: conduct_session=$CHAIR_TOKEN")
  member=(-H "Cookie: conduct_session=$MEMBER_TOKEN")
  base="http://127.0.0.1:$port"
  wrk_run "bare RESTinio" "http://127.0.0.1:$bare_port/"
  bare_rps=$LAST_RPS
  wrk_run "health" "$base/api/health"
  awk -v health="$LAST_RPS" -v bare="$bare_rps" \
    'BEGIN { printf "health / bare RESTinio: %.0f %%\n", 100 * health / bare }'
  wrk_run "case list (chair)" "$base/api/cases?limit=50" "${chair[@]}"
  wrk_run "case list (member)" "$base/api/cases?limit=50" "${member[@]}"
  wrk_run "case page (100)" "$base/api/cases/$BIG_CASE" "${chair[@]}"
  wrk_run "decisions (open vote)" "$base/api/cases/$BIG_CASE/decisions" "${chair[@]}"
  wrk_run "meeting (20 cases)" "$base/api/meetings/1" "${chair[@]}"
  wrk_run "matter (open vote)" "$base/api/matters/1" "${chair[@]}"
  wrk_run "person records" "$base/api/people?limit=50" "${chair[@]}"
  wrk_run "search" "$base/api/search?q=appearance" "${chair[@]}"
  CSRF=$CHAIR_CSRF wrk_run "intake" "$base/api/cases" "${chair[@]}" -s "$WORK/intake.lua"
  wrk_run "public intake" "$base/api/reports/bench" -s "$WORK/public_intake.lua"
  echo "RSS after the load: $(( $(rss_kb "$SERVER_PID") / 1024 )) MB"

  kill "$BARE_PID" "$SERVER_PID"
  wait "$SERVER_PID" 2>/dev/null || true
  wait "$BARE_PID" 2>/dev/null || true
  SERVER_PID=""
  BARE_PID=""
  rm -rf "$data"
done
