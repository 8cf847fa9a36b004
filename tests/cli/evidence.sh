# Evidence files from the command line: attach a file, list it, save it back byte for
# byte; the file's bytes, name and description never reach the database or its WAL in
# the clear; bad input and hidden cases change nothing; an existing output file is
# never replaced without --force.
source "$(dirname "$0")/common.sh" "$1"

init_community
add_member priya priya@tidewater.example "Priya Raman"
add_member jonas jonas@tidewater.example "Jonas Lindqvist"
CASE=$(as priya case new --code-only --report "Threats in direct messages." --reported "@casey")

# A file of several chunks (64 KiB each) with a distinctive line, and a binary tail.
CANARY="EVIDENCE-CANARY-7f3a9c: the messages as the reporter exported them"
for i in $(seq 1 3000); do echo "$CANARY line $i"; done >"$WORK/chat-log.txt"
head -c 1000 /dev/urandom >>"$WORK/chat-log.txt"
SIZE=$(stat -c %s "$WORK/chat-log.txt")

# A server holds the database open meanwhile, so the attaching commands' pages stay in
# the -wal file (the last connection to close would checkpoint it away) and both files
# can be searched.
start_server

expect_exit 0 as priya case evidence add "$CASE" "$WORK/chat-log.txt" --description "DESCRIPTION-CANARY-51b2 exported on Friday"
expect_contains "$WORK/last.out" "Attached evidence file #1"
expect_exit 0 as priya --json case evidence add "$CASE" "$WORK/chat-log.txt" --name "NAME-CANARY-e4d0.txt"
[ "$(json_field number <"$WORK/last.out")" = 2 ] || fail "the second file is number 2"
[ "$(json_field size_bytes <"$WORK/last.out")" = "$SIZE" ] || fail "the size is recorded"

# Nothing of the file, its name or its description is stored in the clear.
for file in conduct.db conduct.db-wal; do
  [ -f "$file" ] || fail "$file is missing"
  for needle in EVIDENCE-CANARY-7f3a9c DESCRIPTION-CANARY-51b2 NAME-CANARY-e4d0 chat-log.txt; do
    count=$(grep -c -a -F "$needle" "$file" || true)
    [ "$count" = 0 ] || fail "'$needle' appears in $file ($count lines)"
  done
done
# The search would prove nothing if it could not find plain text in these files (the
# case's code name is a plain column), or if the attached pages were elsewhere: they are
# in the WAL.
[ "$(cat conduct.db conduct.db-wal | grep -c -a -F "${CASE/-/ }")" -gt 0 ] || fail "grep finds no plain column"
[ "$(stat -c %s conduct.db-wal)" -gt "$((2 * SIZE))" ] || fail "the WAL does not hold the attached chunks"
kill "$SERVER"
wait "$SERVER" || true

# Members of the case list and save the files; the copy is the original, byte for byte.
expect_exit 0 as jonas case evidence list "$CASE"
expect_contains "$WORK/last.out" "#1  chat-log.txt"
expect_contains "$WORK/last.out" "DESCRIPTION-CANARY-51b2 exported on Friday"
expect_contains "$WORK/last.out" "#2  NAME-CANARY-e4d0.txt"
expect_exit 0 as jonas case evidence get "$CASE" 1 --output "$WORK/copy.txt"
cmp "$WORK/chat-log.txt" "$WORK/copy.txt" || fail "the saved copy differs from the original"
[ "$(stat -c %a "$WORK/copy.txt")" = 600 ] || fail "the saved copy is readable by others"
expect_exit 0 as jonas case show "$CASE"
expect_contains "$WORK/last.out" "Evidence file 2 attached"

# An existing output file is kept unless --force says otherwise.
echo "keep me" >"$WORK/existing.txt"
expect_exit 6 as jonas case evidence get "$CASE" 1 --output "$WORK/existing.txt"
expect_contains "$WORK/last.err" "already exists"
[ "$(cat "$WORK/existing.txt")" = "keep me" ] || fail "the existing file was changed"
expect_exit 0 as jonas case evidence get "$CASE" 1 --output "$WORK/existing.txt" --force
cmp "$WORK/chat-log.txt" "$WORK/existing.txt" || fail "--force did not replace the file"

# Bad input names the field and changes nothing.
: >"$WORK/empty.txt"
expect_exit 2 as priya case evidence add "$CASE" "$WORK/empty.txt"
expect_contains "$WORK/last.err" "file is empty"
expect_exit 2 as priya case evidence add "$CASE" "$WORK/chat-log.txt" --name $'bad\xff.txt'
expect_contains "$WORK/last.err" "name must be printable UTF-8 text"
expect_exit 2 as priya case evidence add "$CASE" "$WORK/no-such-file.txt"
expect_contains "$WORK/last.err" "cannot read"
expect_exit 3 as priya case evidence get "$CASE" 9 --output "$WORK/nine.txt"
expect_contains "$WORK/last.err" "no evidence file 9 in this case"
[ ! -e "$WORK/nine.txt" ] || fail "a file was written for a missing number"
expect_exit 0 as priya --json case evidence list "$CASE"
/usr/bin/python3 -c 'import json,sys; files=json.load(sys.stdin)["files"]; assert [f["number"] for f in files] == [1, 2], files' \
  <"$WORK/last.out" || fail "bad input added a file"

# A member with a conflict finds neither the case nor its files.
expect_exit 0 as jonas case conflict "$CASE"
expect_exit 3 as jonas case evidence list "$CASE"
expect_contains "$WORK/last.err" "no case '${CASE/-/ }'"
expect_exit 3 as jonas case evidence get "$CASE" 1 --output "$WORK/hidden.txt"
expect_exit 3 as jonas case evidence add "$CASE" "$WORK/chat-log.txt"
[ ! -e "$WORK/hidden.txt" ] || fail "a hidden file was saved"
echo "evidence: ok"
