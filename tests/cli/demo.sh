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

# The public report form, as the greeting names it: a report with an address opens a
# case, the confirmation page shows the receipt, the acknowledgement is in the outbox
# within seconds, and the receipt opens the portal.
expect_contains "$WORK/demo.out" "Anyone may report without an account at /report/tidewater"
expect_contains "$WORK/demo.out" "the mail the server sends is written to demo/outbox/"
form=$(curl -s -w '\n%{http_code}' "http://127.0.0.1:$PORT/report/tidewater")
[ "${form##*$'\n'}" = 200 ] || fail "the report form answers ${form##*$'\n'}"
curl -s -o "$WORK/confirm.html" -w '%{http_code}' \
  --data-urlencode "what_happened=Someone kept messaging me after I asked them to stop." \
  --data-urlencode "reporter_email=alex@example.net" --data-urlencode "lang=en" \
  "http://127.0.0.1:$PORT/report/tidewater" >"$WORK/confirm.status"
[ "$(cat "$WORK/confirm.status")" = 200 ] || fail "the report was not received: $(cat "$WORK/confirm.status")"
receipt=$(sed -n 's/.*data-testid="receipt"><code>\([0-9A-Z-]*\)<.*/\1/p' "$WORK/confirm.html")
[ ${#receipt} -eq 34 ] || fail "the confirmation page shows no receipt"
for _ in $(seq 1 50); do
  grep -l "To: alex@example.net" demo/outbox/*.eml >/dev/null 2>&1 && break
  sleep 0.1
done
acknowledgement=$(grep -l "To: alex@example.net" demo/outbox/*.eml 2>/dev/null | head -1)
[ -n "$acknowledgement" ] || fail "no acknowledgement in demo/outbox within 5 seconds"
expect_contains "$acknowledgement" "Subject: We have received your report"
expect_contains "$acknowledgement" "Auto-Submitted: auto-replied"
opened=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' --data-urlencode "receipt=$receipt" \
  "http://127.0.0.1:$PORT/portal")
[ "$opened" = "303 http://127.0.0.1:$PORT/portal/thread" ] || fail "the receipt does not open the portal: $opened"
echo "demo: the report form's receipt opens the portal; the acknowledgement is in the outbox"
