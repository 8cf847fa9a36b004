# Runs the README's command-line walk-through exactly as written, then checks what it
# printed. If the README changes, this test runs the new text.
source "$(dirname "$0")/common.sh" "$1"

block=$(sed -n '/<!-- walkthrough/,/<!-- end walkthrough -->/p' "$REPO_ROOT/README.md" | grep -v '^<!--' | grep -v '^```')
[ -n "$block" ] || fail "no walk-through block in README.md"

cd "$REPO_ROOT"
unset CONDUCT_SESSION CONDUCT_PASSWORD CONDUCT_TOTP
PATH="$(dirname "$CONDUCT_BIN"):$PATH" bash -euo pipefail -c "$block" >"$WORK/walkthrough.out" 2>"$WORK/walkthrough.err" ||
  { cat "$WORK/walkthrough.out" "$WORK/walkthrough.err" >&2; fail "the walk-through did not run to the end"; }

out="$WORK/walkthrough.out"
expect_contains "$out" "Created community 'tidewater'"
expect_contains "$out" "Enrolled robin@tidewater.example."
expect_contains "$out" "Added Priya Raman <priya@tidewater.example> as member."
expect_contains "$out" "Enrolment link for priya@tidewater.example"
expect_contains "$out" "Signed out."
expect_contains "$out" "Opened "
expect_contains "$out" "refused with exit code 4"
expect_contains "$out" "State:      acknowledged"
expect_contains "$out" "1. reporter: Noor Haddad <noor@example.net>"
expect_contains "$out" "#3  "
expect_contains "$out" "transition received -> acknowledged  by Robin Achterberg"
expect_contains "$WORK/walkthrough.err" "a case can be resolved straight after acknowledgement only when"
[ "$(grep -c '^[A-Z][a-z]* [A-Z][a-z]* *1 ' "$out")" -eq 1 ] || fail "person list should show one person with one case"
echo "walkthrough: ok"
