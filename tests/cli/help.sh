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
expect_exit 0 conduct --version
expect_contains "$WORK/last.out" "0.1.0"
echo "help: ok"
