# Case keys from the command line: rotation on demand by a holder, and the recovery kit
# granting a newcomer a case whose holders have all gone.
source "$(dirname "$0")/common.sh" "$1"

init_community
add_member priya priya@tidewater.example "Priya Raman"
add_member sam sam@tidewater.example "Sam Okonkwo" vice-chair
CASE=$(as priya case new --code-only --report "Rude replies in review." --reported "@casey")

expect_exit 0 as priya keys rotate "$CASE"
expect_contains "$WORK/last.out" "key version 2"
expect_exit 0 as robin --json keys rotate "$CASE"
[ "$(json_field key_version <"$WORK/last.out")" = 3 ] || fail "a second rotation makes version 3"
expect_exit 0 as robin case show "$CASE"
expect_contains "$WORK/last.out" "Rude replies in review."

# Everyone who held the case goes.
expect_exit 0 as robin case conflict "$CASE"
expect_exit 0 as sam case conflict "$CASE"
expect_exit 0 as robin member offboard --email priya@tidewater.example

# A newcomer screens it; nobody who holds it is left to let them in.
sleep 1  # joining must come after the case's opening, which is measured in seconds
add_member noor noor@tidewater.example "Noor Haddad"
expect_exit 0 as noor case clear "$CASE"
expect_exit 3 as noor case show "$CASE"
expect_exit 0 as sam case access list
expect_contains "$WORK/last.out" "Nobody waits"

# The kit: a typing mistake is refused and changes nothing; the real kit grants.
BAD_KIT="${RECOVERY_KIT:0:5}${RECOVERY_KIT:6:1}${RECOVERY_KIT:5:1}${RECOVERY_KIT:7}"
[ "$BAD_KIT" != "$RECOVERY_KIT" ] || BAD_KIT="AAAA-${RECOVERY_KIT:5}"
BEFORE=$(dump_database)
CONDUCT_RECOVERY_KIT=$BAD_KIT expect_exit 2 as sam keys recover
expect_contains "$WORK/last.err" "kit"
[ "$BEFORE" = "$(dump_database)" ] || fail "a refused recovery changed the database"
CONDUCT_RECOVERY_KIT=$RECOVERY_KIT expect_exit 5 as noor keys recover   # members do not recover
CONDUCT_RECOVERY_KIT=$RECOVERY_KIT expect_exit 0 as sam keys recover
expect_contains "$WORK/last.out" "Granted 1 key(s) on 1 case(s)."
expect_exit 0 as noor case show "$CASE"
expect_contains "$WORK/last.out" "Rude replies in review."
expect_exit 3 as sam case show "$CASE"   # the kit does not undo Sam's own conflict
# The blind-index key is checked, not trusted: another valid key is refused (repeat
# reports and party matches would quietly stop matching with it), a key file others may
# read is refused, and one that cannot be read is reported as such.
OTHER_KEY=$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')
CONDUCT_INDEX_KEY=$OTHER_KEY expect_exit 4 as robin member list
expect_contains "$WORK/last.err" "the blind-index key is not the one this database was made with"
chmod 644 conduct-index.key
expect_exit 4 as robin member list
expect_contains "$WORK/last.err" "conduct-index.key may be read by others than its owner"
chmod 600 conduct-index.key
mv conduct-index.key "$WORK/index.key"
mkdir conduct-index.key
expect_exit 4 as robin member list
expect_contains "$WORK/last.err" "conduct-index.key: it is a directory"
rmdir conduct-index.key
mv "$WORK/index.key" conduct-index.key
expect_exit 0 as robin member list

echo "keys: ok"
