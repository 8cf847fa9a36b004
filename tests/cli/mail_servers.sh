# Mail through real servers on loopback: Dovecot as the group's IMAP mailbox and
# aiosmtpd as the SMTP server. `conduct mail poll` files every waiting message and
# deletes it from the mailbox; `conduct serve` sends the acknowledgements by SMTP (with
# the case's tag, none in the outbox) and polls by itself. Then the crash test: a poll
# killed with SIGKILL at random moments, again and again, never loses a message and
# never files one twice.
source "$(dirname "$0")/common.sh" "$1"

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# The SMTP server: every message it takes is a file in $WORK/smtp/new.
SMTP_PORT=$(free_port)
mkdir -p "$WORK/smtp/tmp" "$WORK/smtp/new" "$WORK/smtp/cur"
/usr/bin/aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" -c aiosmtpd.handlers.Mailbox "$WORK/smtp" 2>"$WORK/smtp.err" &
SMTP_PID=$!

# The IMAP server: user conduct, password "mailbox secret", mail in $WORK/mail/conduct.
IMAP_PORT=$(free_port)
mkdir -p "$WORK/dovecot/run" "$WORK/mail/conduct/new" "$WORK/mail/conduct/cur" "$WORK/mail/conduct/tmp"
chown -R nobody:nogroup "$WORK/mail"
chmod 755 "$WORK"
echo "conduct:{PLAIN}mailbox secret" >"$WORK/dovecot/passwd"
cat >"$WORK/dovecot/dovecot.conf" <<EOF
protocols = imap
listen = 127.0.0.1
base_dir = $WORK/dovecot/run
state_dir = $WORK/dovecot/run
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 1
log_path = $WORK/dovecot/log
passdb {
  driver = passwd-file
  args = $WORK/dovecot/passwd
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=$WORK/mail/%u
}
mail_location = maildir:$WORK/mail/%u
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $IMAP_PORT
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service imap-login {
  chroot =
}
EOF
dovecot -c "$WORK/dovecot/dovecot.conf" || { cat "$WORK/dovecot/log" >&2; fail "dovecot did not start"; }
# Stops every server this script started (start_server sets its own trap: this one is
# set again after it).
stop_servers() {
  doveadm -c "$WORK/dovecot/dovecot.conf" stop 2>/dev/null || true
  kill "$SMTP_PID" 2>/dev/null || true
  [ -z "${SERVER:-}" ] || kill "$SERVER" 2>/dev/null || true
  rm -rf "$WORK"
}
trap stop_servers EXIT
for _ in $(seq 1 50); do
  (exec 3<>"/dev/tcp/127.0.0.1/$IMAP_PORT") 2>/dev/null && (exec 3<>"/dev/tcp/127.0.0.1/$SMTP_PORT") 2>/dev/null && break
  sleep 0.1
done

# deliver_to_mailbox NAME SUBJECT: a message from NAME@example.org, as the MTA leaves it.
deliver_to_mailbox() {
  local file="$WORK/mail/conduct/new/$(date +%s%N).$1.$RANDOM"
  printf 'From: %s <%s@example.org>\r\nTo: conduct@tidewater.example\r\nSubject: %s\r\nMessage-ID: <%s@example.org>\r\n\r\nIt happened at the meetup (%s).\r\n' \
    "$1" "$1" "$2" "$1" "$1" >"$file"
  chown nobody:nogroup "$file"
}
mailbox_count() { find "$WORK/mail/conduct/new" "$WORK/mail/conduct/cur" -type f | wc -l; }
case_count() { sqlite3 conduct.db "SELECT count(*) FROM cases"; }

init_community
cat >>conduct.toml <<EOF
[mail]
imap_url = "imap://127.0.0.1:$IMAP_PORT/INBOX"
imap_username = "conduct"
smtp_url = "smtp://127.0.0.1:$SMTP_PORT"
envelope_from = "conduct@tidewater.example"
poll_seconds = 1
EOF
export CONDUCT_IMAP_PASSWORD="mailbox secret"

# A wrong password is a failure the command names, and changes nothing.
deliver_to_mailbox ana "After the meetup"
deliver_to_mailbox ben "In the chat"
CONDUCT_IMAP_PASSWORD=wrong expect_exit 2 conduct mail poll
[ "$(mailbox_count)" = 2 ] || fail "a refused login changed the mailbox"

expect_exit 0 conduct --json mail poll
[ "$(json_field received <"$WORK/last.out")" = 2 ] || fail "both messages are received"
[ "$(mailbox_count)" = 0 ] || fail "received messages are deleted from the mailbox"
[ "$(case_count)" = 2 ] || fail "each message opened a case"

# The server sends the acknowledgements through the SMTP server, not to the outbox,
# and polls the mailbox by itself.
start_server
trap stop_servers EXIT
for _ in $(seq 1 100); do
  [ "$(find "$WORK/smtp/new" -type f 2>/dev/null | wc -l)" -ge 4 ] && break  # 2 acknowledgements, 2 notices
  sleep 0.1
done
if [ "$(grep -l 'ana@example.org' "$WORK"/smtp/new/* 2>/dev/null | wc -l)" != 1 ]; then
  cat "$WORK/smtp.err" "$WORK/serve.err" >&2 || true
  sqlite3 conduct.db "SELECT kind, status, last_error FROM mail_queue" >&2 || true
  fail "Ana's acknowledgement went by SMTP"
fi
grep -q '^Subject: .*\[ref [0-9A-Z]\{10\}\]' "$(grep -l 'ana@example.org' "$WORK"/smtp/new/*)" ||
  fail "the acknowledgement carries the case's tag"
[ ! -d outbox ] || [ -z "$(ls outbox)" ] || fail "with an SMTP server, nothing goes to the outbox"
deliver_to_mailbox cleo "On the forum"
for _ in $(seq 1 50); do [ "$(case_count)" = 3 ] && break; sleep 0.1; done
[ "$(case_count)" = 3 ] || fail "the server polls the mailbox by itself"
kill "$SERVER"
wait "$SERVER" 2>/dev/null || true
SERVER=

# The crash test: 30 messages, polls killed at random moments until one finishes.
for i in $(seq 1 30); do deliver_to_mailbox "crash$i" "Crash test $i"; done
kills=0
for attempt in $(seq 1 200); do
  "$CONDUCT_BIN" mail poll >/dev/null 2>&1 &
  poll=$!
  sleep "0.$(printf '%03d' $((RANDOM % 60)))"
  if kill -9 "$poll" 2>/dev/null; then kills=$((kills + 1)); fi
  wait "$poll" 2>/dev/null || true
  [ "$(mailbox_count)" = 0 ] && break
done
expect_exit 0 conduct mail poll
[ "$(mailbox_count)" = 0 ] || fail "messages are left in the mailbox"
[ "$(case_count)" = 33 ] || fail "expected 33 cases after the crash test, found $(case_count) ($kills polls killed)"
echo "mail servers: ok ($kills polls killed mid-way; 30 messages filed once each)"
