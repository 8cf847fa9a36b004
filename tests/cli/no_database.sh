# A command run where there is no database refuses, names what to do, and leaves the
# directory as it found it: only `conduct init` (and the demo, and restore) make one.
source "$(dirname "$0")/common.sh" "$1"

mkdir empty
for command in "case list --as robin@tidewater.example" "person list" "member list" "audit head" \
               "retention run --dry-run" "serve --listen 127.0.0.1:0"; do
  # shellcheck disable=SC2086
  expect_exit 3 conduct --data empty $command
  expect_contains "$WORK/last.err" "there is no database in empty"
  [ -z "$(ls -A empty)" ] || fail "'conduct $command' left files behind: $(ls -A empty)"
done
# A directory that does not exist is not created either.
expect_exit 3 conduct --data missing/deeper case list --as robin@tidewater.example
[ ! -e missing ] || fail "a refused command created the data directory"

# init makes the database; then the same command gets past the database.
expect_exit 0 conduct --data empty init --slug tidewater --name Tidewater --contact conduct@tidewater.example \
  --chair-email robin@tidewater.example --chair-name "Robin Achterberg"
[ -f empty/conduct.db ] || fail "init made no database"
expect_exit 0 conduct --data empty audit head
echo "no database: refused by $((6 + 1)) commands, nothing written"
