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

init_community() {
  conduct init --slug tidewater --name "Tidewater Open Source Community" \
    --contact conduct@tidewater.example \
    --chair-email robin@tidewater.example --chair-name "Robin Achterberg" >/dev/null
}
