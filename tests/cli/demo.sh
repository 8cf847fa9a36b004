# `make run`'s demo, as a new user meets it: the command line it prints for the CLI
# works exactly as printed (on the demo's own database file), and leaves no other
# database behind.
source "$(dirname "$0")/common.sh" "$1"

PORT=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$CONDUCT_BIN" demo --data demo --listen "127.0.0.1:$PORT" >"$WORK/demo.out" 2>"$WORK/demo.err" &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 200); do
  grep -q "Sign-in code for" "$WORK/demo.out" 2>/dev/null && break
  sleep 0.1
done
expect_contains "$WORK/demo.out" "The CLI works on it too: "

printed=$(sed -n 's/^The CLI works on it too: //p' "$WORK/demo.out")
password=$(sed -n "s/.*with the password '\([^']*\)'.*/\1/p" "$WORK/demo.out")
secret=$(sed -n 's/.*add this TOTP secret to an authenticator app: \([A-Z2-7]*\)).*/\1/p' "$WORK/demo.out")
[ -n "$printed" ] && [ -n "$password" ] && [ -n "$secret" ] || fail "the demo's greeting lacks the command, password or secret"
case "$printed" in conduct\ *) ;; *) fail "the printed command is not a conduct command: $printed" ;; esac

# Run it as printed: the password and the authenticator's code come from the
# environment, as the README's walkthrough gives them.
read -r -a words <<<"${printed#conduct }"
CONDUCT_PASSWORD="$password" CONDUCT_TOTP=$(oathtool --totp -b "$secret") expect_exit 0 conduct "${words[@]}"
expect_contains "$WORK/last.out" "received"
[ "$(grep -c '' "$WORK/last.out")" -ge 6 ] || { cat "$WORK/last.out" >&2; fail "the demo's case list is short"; }
[ ! -e demo/conduct.db ] || fail "the printed command left a stray conduct.db beside the demo's database"
grep -q "works for about" "$WORK/demo.out" || fail "the demo prints no sign-in code"
echo "demo: the printed CLI command lists the demo's cases"
