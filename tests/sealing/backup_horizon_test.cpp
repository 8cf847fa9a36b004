// No expunged case outlives the backup horizon in any backup (docs/security.md
// "Crypto-shredding and backups"), on a real SQLite file and an injected clock:
//   - a backup is taken while a minor incident is still kept;
//   - retention expunges the case when it is due; the backup, still within the
//     horizon, opens and holds the case (that is what a backup is for);
//   - once the backup is older than the horizon, the retention run destroys its key,
//     and from then on nobody can open it: the case is gone from every copy;
//   - a backup taken after the expunge, within its own horizon, keeps opening, and
//     holds no trace of the case.
// Every step is in the audit log, and the log still verifies at the end.
#include <gmock/gmock.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "app/audit.h"
#include "app/backup.h"
#include "app/cases.h"
#include "app/retention.h"
#include "domain/retention.h"
#include "sqlite_community.h"

namespace conduct::testing {
namespace {

constexpr char kCanary[] = "HORIZON-CANARY-5e1d threats in direct messages";

class BackupHorizonTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(data_dir());
    ASSERT_TRUE(world_.start().ok());
    domain::NewCaseCommand command;
    command.report.report_text = kCanary;
    command.report.parties = {{"reporter", "Noor Haddad", "noor@example.net", "", ""},
                              {"reported", "", "@drift_wood", "", ""}};
    auto opened = app::open_case(world_.context(), world_.chair().actor, command);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    code_ = opened->summary.code_name;
    // Resolved with no action: a minor incident, kept minor_incident_months (24).
    for (const char* to : {"acknowledged", "investigating", "deciding", "resolved"}) {
      world_.keyring().forget_all();
      const bool resolving = std::string(to) == "resolved";
      auto moved =
          app::transition_case(world_.context(), world_.chair().actor, code_,
                               {to, "as the procedure says", resolving ? "group" : "", resolving ? "no-action" : ""});
      ASSERT_TRUE(moved.ok()) << to << ": " << moved.error().message;
    }
    world_.keyring().forget_all();
  }

  std::filesystem::path data_dir() const { return root_.path() / "data"; }
  std::filesystem::path key_dir() const { return root_.path() / "keys"; }
  std::string backup_file(const std::string& name) const { return (root_.path() / "backups" / name).string(); }

  Result<app::BackupSummary> back_up(const std::string& name) {
    std::filesystem::create_directories(root_.path() / "backups");
    return app::take_recorded_backup(
        store::sqlite::open_store,
        {world_.database().string(), data_dir().string(), backup_file(name), key_dir().string()}, world_.clock());
  }

  Result<app::BackupSummary> restore(const std::string& name, const std::string& into) {
    std::filesystem::create_directories(root_.path() / into);
    return app::restore_backup(store::sqlite::open_store,
                               {backup_file(name), key_dir().string(), (root_.path() / into / "conduct.db").string()});
  }

  Result<app::RetentionReport> retention() {
    app::RetentionOptions options;
    options.backup_key_dir = key_dir().string();
    return app::run_retention(world_.context(), std::nullopt, app::RetentionMode::Expunge, options);
  }

  // Whether the restored database at `into` still holds the case's row.
  bool holds_case(const std::string& into) {
    crypto::PassThroughSealer opens_nothing;
    auto store = store::sqlite::SqliteStore::open((root_.path() / into / "conduct.db").string(), opens_nothing);
    if (!store.ok()) return false;
    return (*store)->find_case(world_.chair().actor.community.id, code_).ok();
  }

  TempDirectory root_{"backup-horizon"};
  SqliteCommunity world_{data_dir() / "conduct.db", StoreSealing::CaseKeys};
  std::string code_;
};

TEST_F(BackupHorizonTest, ABackupTakenBeforeAnExpungeOpensForNobodyOnceTheHorizonHasPassed) {
  FixedClock& clock = world_.clock();
  const Timestamp resolved = clock.now();

  // A month before the case is due, a backup is taken.
  clock.set(domain::add_calendar_months(resolved, 23));
  auto before = back_up("before.backup");
  ASSERT_TRUE(before.ok()) << before.error().message;

  // Due: retention expunges it; the fresh backup's key is kept (inside the horizon).
  clock.set(Timestamp{domain::add_calendar_months(resolved, 24).seconds + kSecondsPerDay});
  auto expunged = retention();
  ASSERT_TRUE(expunged.ok()) << expunged.error().message;
  ASSERT_EQ(expunged->expunged.size(), 1u);
  EXPECT_EQ(expunged->expunged[0].code_name, code_);
  EXPECT_TRUE(expunged->destroyed_backup_keys.empty());
  EXPECT_FALSE(world_.store().find_case(world_.chair().actor.community.id, code_).ok());

  // Within the horizon the earlier backup still opens, and holds the case.
  auto within = restore("before.backup", "restored-within");
  ASSERT_TRUE(within.ok()) << within.error().message;
  EXPECT_TRUE(holds_case("restored-within"));

  // A backup taken after the expunge has no trace of the case.
  auto after = back_up("after.backup");
  ASSERT_TRUE(after.ok()) << after.error().message;

  // The first backup passes the horizon (90 days by default) one day before the second.
  const Timestamp first_past = Timestamp{before->created_at.seconds + 91 * kSecondsPerDay};
  ASSERT_LT(first_past.seconds, after->created_at.seconds + 90 * kSecondsPerDay);
  clock.set(first_past);
  auto pruned = retention();
  ASSERT_TRUE(pruned.ok()) << pruned.error().message;
  EXPECT_THAT(pruned->destroyed_backup_keys, ::testing::ElementsAre(before->backup_id));
  EXPECT_FALSE(std::filesystem::exists(before->key_file));
  EXPECT_TRUE(std::filesystem::exists(after->key_file));

  // The earlier backup opens for nobody now; nothing is left behind by trying.
  auto gone = restore("before.backup", "restored-past");
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.error().code, ErrorCode::NotFound);
  EXPECT_THAT(gone.error().message, ::testing::HasSubstr("is not in"));
  EXPECT_FALSE(std::filesystem::exists(root_.path() / "restored-past" / "conduct.db"));

  // The later one opens and does not hold the case, not even its ciphertext.
  auto later = restore("after.backup", "restored-later");
  ASSERT_TRUE(later.ok()) << later.error().message;
  EXPECT_FALSE(holds_case("restored-later"));
  const std::string backup_bytes = [&] {
    std::ifstream in(backup_file("after.backup"), std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }();
  EXPECT_EQ(backup_bytes.find("HORIZON-CANARY"), std::string::npos);

  // The log has the expunge, both backups and the destroyed key, and still verifies.
  auto log = world_.store().audit_log();
  ASSERT_TRUE(log.ok());
  std::vector<std::string> actions;
  for (const crypto::AuditEntry& entry : *log) {
    EXPECT_EQ(entry.case_code.find("HORIZON"), std::string::npos);
    if (entry.action == "case.expunge" || entry.action.starts_with("backup."))
      actions.push_back(entry.action + (entry.case_code.empty() ? "" : " " + entry.case_code));
  }
  EXPECT_THAT(actions,
              ::testing::ElementsAre("backup.take", "case.expunge " + code_, "backup.take", "backup.destroy-keys"));
  EXPECT_TRUE(crypto::verify_audit_chain(*log).intact);
}

}  // namespace
}  // namespace conduct::testing
