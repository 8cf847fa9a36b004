#!/usr/bin/env bash
# The sign-in flood benchmark (docs/performance.md "Failed sign-ins under load"): 50
# failed sign-ins a second from many loopback addresses against one member's account for
# 70 s, while the member signs in correctly (with and without the device cookie of an
# earlier sign-in) and wrk reads /api/health with 32 connections. Prints the answers the
# flood got, the member's sign-ins, and health's requests/s and p99.
#
#   BUILD_DIR=build bash bench/sign_in_flood.sh [RATE] [SECONDS]
set -euo pipefail
RATE=${1:-50}
SECONDS_OF_FLOOD=${2:-70}
BUILD_DIR=${BUILD_DIR:-build}
CONDUCT=$(readlink -f "$BUILD_DIR/conduct")
SEED=$(readlink -f "$BUILD_DIR/bench/conduct_seed")
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

"$SEED" --data "$WORK" --cases 1000 >/dev/null
set -a
# shellcheck disable=SC1091
source "$WORK/bench.env"
set +a
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$CONDUCT" --data "$WORK" serve --listen "127.0.0.1:$port" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
until curl -sf "http://127.0.0.1:$port/api/health" >/dev/null; do sleep 0.05; done

echo "Sign-in flood: $RATE failed sign-ins/s from many addresses for $SECONDS_OF_FLOOD s, $(nproc) cores"
python3 "$HERE/sign_in_flood.py" 127.0.0.1 "$port" "$SECONDS_OF_FLOOD" "$RATE" >"$WORK/flood.json" &
flood=$!
sleep 5
wrk -t2 -c32 -d20s --latency "http://127.0.0.1:$port/api/health" >"$WORK/health.txt"
wait "$flood"
cat "$WORK/flood.json"
echo "health during the flood: $(awk '/Requests\/sec/ {print $2}' "$WORK/health.txt") req/s, p99 $(awk '$1 == "99%" {print $2}' "$WORK/health.txt")"
