# Shared helpers for the CLI scenario scripts. Each script is run by ctest as
#   bash tests/cli/NAME.sh PATH/TO/conduct
# and works in a fresh temporary directory that is removed afterwards.
set -euo pipefail

CONDUCT_BIN=$(readlink -f "$1")
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"

conduct() { "$CONDUCT_BIN" "$@"; }

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# expect_exit CODE COMMAND...: runs the command and checks its exit code.
expect_exit() {
  local expected=$1
  shift
  local actual=0
  "$@" >"$WORK/last.out" 2>"$WORK/last.err" || actual=$?
  if [ "$actual" -ne "$expected" ]; then
    echo "--- stdout:" >&2; cat "$WORK/last.out" >&2
    echo "--- stderr:" >&2; cat "$WORK/last.err" >&2
    fail "expected exit $expected, got $actual: $*"
  fi
}

# expect_contains FILE TEXT: the file contains the text.
expect_contains() {
  grep -qF -- "$2" "$1" || { cat "$1" >&2; fail "'$2' not found in $1"; }
}

dump_database() { sqlite3 "${1:-conduct.db}" .dump; }

# Every test member enrols with this password and TOTP secret; oathtool plays the
# authenticator app. Enrolment uses the current code and sign-in the next one, since
# each code works once.
TEST_PASSWORD="a long test password"
TEST_TOTP_SECRET=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP
code_now() { oathtool --totp -b "$TEST_TOTP_SECRET"; }
code_next() { oathtool --totp -b -N '+30 seconds' "$TEST_TOTP_SECRET"; }

# enrol_and_sign_in NAME EMAIL TOKEN: enrols with the link token, signs in, and keeps
# the session in SESSION_NAME for `as NAME ...`.
enrol_and_sign_in() {
  local name=$1 email=$2 token=$3
  CONDUCT_PASSWORD=$TEST_PASSWORD CONDUCT_TOTP=$(code_now) \
    conduct enrol "$token" --totp-secret "$TEST_TOTP_SECRET" >/dev/null
  local session
  session=$(CONDUCT_PASSWORD=$TEST_PASSWORD CONDUCT_TOTP=$(code_next) conduct signin --as "$email")
  printf -v "SESSION_$name" '%s' "${session#export CONDUCT_SESSION=}"
}

# as NAME COMMAND...: runs a conduct command in NAME's session.
as() {
  local name=$1
  shift
  local variable="SESSION_$name"
  CONDUCT_SESSION=${!variable} conduct "$@"
}

json_field() { /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

# Creates the community with Robin as its enrolled, signed-in first chair; keeps the
# recovery kit `conduct init` shows once in RECOVERY_KIT.
init_community() {
  conduct --json init --slug tidewater --name "Tidewater Open Source Community" \
    --contact conduct@tidewater.example \
    --chair-email robin@tidewater.example --chair-name "Robin Achterberg" >"$WORK/init.json"
  RECOVERY_KIT=$(json_field recovery_kit <"$WORK/init.json")
  enrol_and_sign_in robin robin@tidewater.example "$(json_field enrolment_token <"$WORK/init.json")"
}

# add_member NAME EMAIL DISPLAY_NAME [ROLE [more member add options]]: Robin adds the
# member, who enrols and signs in; Robin certifies their keys, so cases opened from
# now on are sealed for them too.
add_member() {
  local name=$1 email=$2 display=$3 role=${4:-member}
  shift 4 2>/dev/null || shift $#
  local token
  token=$(as robin --json member add --email "$email" --name "$display" --role "$role" "$@" | json_field enrolment_token)
  enrol_and_sign_in "$name" "$email" "$token"
  as robin member certify --email "$email" >/dev/null
}

# start_server: `conduct serve` on a free port in the background, from the current
# directory; sets PORT and SERVER and waits until /api/health answers. The binary is
# started itself (not through the conduct() function, whose subshell is what $! would
# name), so that `kill "$SERVER"` stops the server; the exit trap stops it too.
start_server() {
  PORT=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "$CONDUCT_BIN" serve --listen "127.0.0.1:$PORT" >"$WORK/serve.out" 2>"$WORK/serve.err" &
  SERVER=$!
  trap 'kill "$SERVER" 2>/dev/null || true; rm -rf "$WORK"' EXIT
  for _ in $(seq 1 100); do
    curl -sf "http://127.0.0.1:$PORT/api/health" >/dev/null && return 0
    sleep 0.1
  done
  cat "$WORK/serve.err" >&2
  fail "the server did not start"
}
