# Every command answers --help with exit code 0 and a usage text.
source "$(dirname "$0")/common.sh" "$1"

for command in "" init member "member add" "member list" case "case new" "case add-report" "case list" "case show" "case note" \
  "case transition" "case conflict" "case screening" "case clear" "case invite" \
  "case evidence" "case evidence add" "case evidence list" "case evidence get" \
  "case oversight" "case oversight request" "case oversight list" "case oversight approve" "case access" "case access list" "case access approve" "member offboard" \
  "member renew" "member reset" "member certify" enrol signin signout password person "person list" "person show" serve demo \
  retention "retention run" "retention hold" "retention release"; do
  # shellcheck disable=SC2086
  expect_exit 0 conduct $command --help
  expect_contains "$WORK/last.out" "Usage:"
done
# Backups (command_backup.cpp).
for command in backup "backup prune-keys" restore; do
  # shellcheck disable=SC2086
  expect_exit 0 conduct $command --help
  expect_contains "$WORK/last.out" "Usage:"
done
# The decisions' commands; every subcommand's help names the options every command takes.
for command in "case decisions" "case evaluate" "case respond" "case propose" "case vote" "case feedback" \
  "case enact" "case links"; do
  # shellcheck disable=SC2086
  expect_exit 0 conduct $command --help
  expect_contains "$WORK/last.out" "Global options (before or after the command): --as EMAIL, --json, --data DIR"
done
expect_exit 0 conduct --version
expect_contains "$WORK/last.out" "0.1.0"

# A mistyped command gets the one it most likely meant, as git does; a word that is close
# to nothing gets the list.
expect_exit 2 conduct case evalute home-shelf
expect_contains "$WORK/last.err" "'evalute' is not a command of 'conduct case'. Did you mean 'conduct case evaluate'?"
expect_exit 2 conduct --data . csae list
expect_contains "$WORK/last.err" "Did you mean 'conduct case'?"
expect_exit 2 conduct --json case vot home-shelf 1 agree
expect_contains "$WORK/last.err" "Did you mean 'conduct case vote'?"
expect_exit 2 conduct case frobnicate
expect_contains "$WORK/last.err" "'frobnicate' is not a command of 'conduct case'. Its commands: new, add-report, list"
echo "help: ok"
