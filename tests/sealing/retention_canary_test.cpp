// Crypto-shredding on a real SQLite file (docs/security.md "Crypto-shredding and backups"):
// a case seeded with a canary in its sealed fields is resolved, the clock moves past
// the policy's period and retention expunges it. Then
//   - every place a thief could take (database file before and after a checkpoint,
//     WAL, free pages, log, temporary directory) is searched for every canary in every
//     encoding (canary_scanner.h): nothing is found, and the WAL was already empty
//     when retention returned (its TRUNCATE checkpoint);
//   - the case's keys, taken beforehand with the recovery kit (as anyone holding the
//     kit could), open nothing left in the database: no wrap, no row of the case, and
//     no sealed value of any table opens under any context the case's values used,
//     though every one of them opened before the expunge (the positive control).
#include <gmock/gmock.h>

#include <set>
#include <string>
#include <vector>

#include "app/cases.h"
#include "app/retention.h"
#include "canary_scanner.h"
#include "canary_scenario.h"
#include "crypto/case_keys.h"
#include "crypto/recovery_key.h"
#include "crypto/secret_bytes.h"
#include "domain/retention.h"
#include "store/evidence_rows.h"
#include "store/sealing.h"

namespace conduct::testing {
namespace {

std::function<void(Scenario&, const std::string&)> intake_field(const std::string& field) {
  return [field](Scenario& scenario, const std::string& canary) { scenario.intake()[field] = canary; };
}

std::function<void(Scenario&, const std::string&)> party_field(const std::string& role, const std::string& field) {
  return [role, field](Scenario& scenario, const std::string& canary) { scenario.party(role)[field] = canary; };
}

// A sealed field of each kind the store keeps for a case.
std::vector<SealedField> fields() {
  const auto api = &Scenario::case_over_api;
  return {
      {"case location", "cases.location_sealed", Phase::Intake, intake_field("location"), api},
      {"first report's text", "entries.body_sealed", Phase::Intake, intake_field("report"), api},
      {"reporter's name", "parties.name_sealed", Phase::Intake, party_field("reporter", "name"), api},
      {"reported person's contact", "parties.contact_sealed", Phase::Intake, party_field("reported", "contact"), api},
      {"reported person's employer", "parties.employer_sealed", Phase::Intake, party_field("reported", "employer"),
       &Scenario::case_through_use_case},
      {"note", "entries.body_sealed", Phase::OwnRequest,
       [](Scenario& scenario, const std::string& canary) {
         scenario.send_to_case(scenario.member(), "POST", "/entries", {{"kind", "note"}, {"text", canary}}, 201);
       },
       api},
      {"declared conflict's note", "exclusions.note_sealed", Phase::OwnRequest,
       [](Scenario& scenario, const std::string& canary) {
         scenario.send_to_case(scenario.conflicted(), "POST", "/conflicts", {{"note", canary}}, 201);
       },
       &Scenario::conflict_notes_with_holder_keys},
      {"transition's reason", "entries.body_sealed", Phase::OwnRequest,
       [](Scenario& scenario, const std::string& canary) {
         scenario.send_to_case(scenario.chair(), "POST", "/transitions", {{"to", "acknowledged"}, {"reason", canary}},
                               200);
       },
       api},
      {"additional report's text", "entries.body_sealed", Phase::OwnRequest,
       [](Scenario& scenario, const std::string& canary) {
         scenario.send_to_case(scenario.member(), "POST", "/reports", {{"report", canary}, {"channel", "email"}}, 201);
       },
       api},
      {"evidence file's name", "evidence_files.name_sealed", Phase::OwnRequest,
       [](Scenario& scenario, const std::string& canary) {
         scenario.attach_evidence(scenario.member(), canary + ".pdf", "", "a file whose name is the canary");
       },
       &Scenario::evidence_list_over_api},
      {"evidence file's description", "evidence_files.description_sealed", Phase::OwnRequest,
       [](Scenario& scenario, const std::string& canary) {
         scenario.attach_evidence(scenario.member(), "screenshot.png", canary, "a file described by the canary");
       },
       &Scenario::evidence_list_over_api},
      {"evidence file's bytes", "evidence_chunks.sealed", Phase::OwnRequest,
       [](Scenario& scenario, const std::string& canary) {
         scenario.attach_evidence(scenario.chair(), "log.txt", "", canary + std::string(70 * 1024, '.') + canary);
       },
       &Scenario::evidence_files_over_api},
      {"oversight request's reason", "oversight_grants.reason_sealed", Phase::OwnRequest,
       [](Scenario& scenario, const std::string& canary) {
         scenario.send_to_case(scenario.board(), "POST", "/oversight", {{"reason", canary}, {"days", 14}}, 202);
       },
       &Scenario::oversight_over_api},
  };
}

std::vector<std::string> make_canaries(std::size_t count) {
  std::vector<std::string> canaries;
  for (std::size_t i = 0; i < count; ++i)
    canaries.push_back("canary-shred-" + std::to_string(i) + "-" +
                       crypto::to_hex(crypto::SecretBytes::random(8).view()));
  return canaries;
}

// Every row of `sql` (one column) as bytes.
std::vector<std::string> column_values(store::sqlite::Database& db, const std::string& sql, std::int64_t id = 0) {
  std::vector<std::string> values;
  auto rows = db.prepare(sql);
  EXPECT_TRUE(rows.ok()) << sql;
  if (!rows.ok()) return values;
  if (id != 0) rows->bind(1, id);
  while (next_row(*rows)) values.push_back(rows->blob(0));
  return values;
}

std::int64_t count_of(store::sqlite::Database& db, const std::string& sql, std::int64_t id) {
  auto rows = db.prepare(sql);
  EXPECT_TRUE(rows.ok()) << sql;
  if (!rows.ok() || !(rows->bind(1, id), next_row(*rows))) return -1;
  return rows->int64(0);
}

// A sealed value of the case with the context it was sealed under.
struct SealedValue {
  crypto::SealContext context;
  std::string stored;
};

// Every non-empty sealed value of the case, read from its rows with the context the
// store seals it under (store/sealing.h).
std::vector<SealedValue> sealed_values_of(store::sqlite::Database& db, const domain::Case& owner) {
  std::vector<SealedValue> values;
  const auto add = [&](std::string record, std::string field, std::string stored) {
    if (!stored.empty())
      values.push_back({store::case_field_context(owner, std::move(record), std::move(field)), std::move(stored)});
  };
  const auto each_row = [&](const std::string& sql, const std::function<void(store::sqlite::Statement&)>& read) {
    auto rows = db.prepare(sql);
    ASSERT_TRUE(rows.ok()) << sql;
    rows->bind(1, owner.id);
    while (next_row(*rows)) read(*rows);
  };
  each_row("SELECT location_sealed FROM cases WHERE id = ?",
           [&](store::sqlite::Statement& row) { add("case", "location", row.blob(0)); });
  each_row("SELECT number, name_sealed, contact_sealed, employer_sealed FROM parties WHERE case_id = ?",
           [&](store::sqlite::Statement& row) {
             const std::string record = store::party_record(static_cast<int>(row.int64(0)));
             add(record, "name", row.blob(1));
             add(record, "contact", row.blob(2));
             add(record, "employer", row.blob(3));
           });
  each_row("SELECT number, body_sealed FROM entries WHERE case_id = ?", [&](store::sqlite::Statement& row) {
    add(store::entry_record(static_cast<int>(row.int64(0))), "body", row.blob(1));
  });
  each_row("SELECT member_id, note_sealed FROM exclusions WHERE case_id = ?",
           [&](store::sqlite::Statement& row) { add(store::exclusion_record(row.int64(0)), "note", row.blob(1)); });
  each_row("SELECT member_id, requested_at, reason_sealed FROM oversight_grants WHERE case_id = ?",
           [&](store::sqlite::Statement& row) {
             add(store::oversight_record(row.int64(0), Timestamp{row.int64(1)}), "reason", row.blob(2));
           });
  each_row("SELECT number, name_sealed, description_sealed, file_key_sealed FROM evidence_files WHERE case_id = ?",
           [&](store::sqlite::Statement& row) {
             const std::string record = store::evidence_record(static_cast<int>(row.int64(0)));
             add(record, "name", row.blob(1));
             add(record, "description", row.blob(2));
             add(record, "file_key", row.blob(3));
           });
  return values;
}

// Every value of every sealed column of every table (table.column ends in _sealed, or
// is the evidence chunks' `sealed`).
std::vector<std::string> every_sealed_value(store::sqlite::Database& db) {
  std::vector<std::string> values;
  for (const std::string& column :
       column_values(db,
                     "SELECT m.name || '.' || p.name FROM sqlite_master AS m JOIN pragma_table_info(m.name) AS p "
                     "WHERE m.type = 'table' AND (p.name LIKE '%\\_sealed' ESCAPE '\\' OR p.name = 'sealed')")) {
    const std::size_t dot = column.find('.');
    for (std::string& value : column_values(db, "SELECT " + column.substr(dot + 1) + " FROM " + column.substr(0, dot)))
      if (!value.empty()) values.push_back(std::move(value));
  }
  return values;
}

// What the test keeps from before the expunge: the case, its keys opened with the
// recovery kit, and its sealed values.
struct BeforeExpunge {
  domain::Case summary;
  crypto::CaseKeyring keys;  // every version, from the recovery kit
  std::vector<std::string> raw_keys;
  std::vector<SealedValue> values;
  std::size_t opened = 0;  // values the kit's keys opened: all of them
};

void capture(Scenario& scenario, BeforeExpunge& before) {
  SqliteCommunity& world = scenario.world();
  auto summary = world.store().find_case(world.chair().actor.community.id, scenario.code_name());
  ASSERT_TRUE(summary.ok()) << summary.error().message;
  before.summary = *summary;
  auto kit = crypto::parse_recovery_kit(world.recovery_kit());
  ASSERT_TRUE(kit.ok()) << kit.error().message;
  auto wraps = world.store().case_key_wraps(summary->id);
  ASSERT_TRUE(wraps.ok());
  for (const store::CaseKeyWrapRow& wrap : *wraps) {
    if (wrap.member_id) continue;
    auto key = crypto::box_open(*kit, wrap.wrapped_key);
    ASSERT_TRUE(key.ok()) << "the recovery kit opens the case's wrap of version " << wrap.key_version;
    before.raw_keys.emplace_back(key->view());
    before.keys.hold(summary->community_id, summary->code_name, wrap.key_version, std::move(key).value(), false);
  }
  ASSERT_FALSE(before.raw_keys.empty());
  before.values = sealed_values_of(world.store().database(), *summary);
  for (const SealedValue& value : before.values)
    if (before.keys.open(value.context, value.stored).ok()) ++before.opened;
}

// Resolves the case (no action: a minor incident) and runs retention 25 months later.
void resolve_and_expunge(Scenario& scenario, BeforeExpunge& before, app::RetentionReport& report) {
  SqliteCommunity& world = scenario.world();
  for (const char* to : {"investigating", "deciding", "resolved"}) {
    world.keyring().forget_all();
    const std::string resolving = std::string(to) == "resolved" ? "group" : "";
    const std::string outcome = std::string(to) == "resolved" ? "no-action" : "";
    auto moved = app::transition_case(world.context(), world.chair().actor, scenario.code_name(),
                                      {to, "as the procedure says", resolving, outcome});
    ASSERT_TRUE(moved.ok()) << to << ": " << moved.error().message;
  }
  world.keyring().forget_all();
  capture(scenario, before);
  if (::testing::Test::HasFatalFailure()) return;

  world.clock().set(domain::add_calendar_months(world.clock().now(), 25));
  auto ran = app::run_retention(world.context(), std::nullopt, app::RetentionMode::Expunge);
  ASSERT_TRUE(ran.ok()) << ran.error().message;
  report = *ran;
  EXPECT_TRUE(read_bytes(world.wal()).empty()) << "retention truncates the WAL after its purge";
}

TEST(RetentionCanary, AnExpungedCaseLeavesNoCanaryAnywhereAndNothingTheRecoveryKitOpens) {
  TempDirectory data("retention-canary");
  TempDirectory temporary("retention-canary-tmp");
  Scenario scenario(data.path() / "data", StoreSealing::CaseKeys, temporary.path());
  std::filesystem::create_directory(data.path() / "data");
  const std::vector<SealedField> seeded = fields();
  const std::vector<std::string> canaries = make_canaries(seeded.size());
  BeforeExpunge before;
  app::RetentionReport report;
  scenario.run(seeded, canaries, [&](Scenario& running) { resolve_and_expunge(running, before, report); });
  ASSERT_FALSE(::testing::Test::HasFatalFailure());

  // Each canary was stored and read back before the expunge.
  for (std::size_t i = 0; i < seeded.size(); ++i)
    EXPECT_NE(scenario.read_back(i).find(canaries[i]), std::string::npos) << seeded[i].name << " was not stored";

  // The case was expunged as a minor incident, leaving one statistics row.
  ASSERT_EQ(report.expunged.size(), 1u);
  EXPECT_EQ(report.expunged[0].code_name, before.summary.code_name);
  EXPECT_EQ(report.expunged[0].rule, domain::ExpungeRule::MinorIncident);
  store::sqlite::Database& db = scenario.world().store().database();
  EXPECT_EQ(count_of(db, "SELECT COUNT(*) FROM case_statistics WHERE community_id = ?", before.summary.community_id),
            1);

  // No canary in any place, in any encoding.
  int hits = 0;
  for (std::size_t field = 0; field < canaries.size(); ++field)
    for (const auto& [place, bytes] : scenario.places())
      for (const Encoding encoding : encodings_found(bytes, canaries[field])) {
        ADD_FAILURE() << seeded[field].name << " found in " << place << " (" << encoding_name(encoding) << ")";
        ++hits;
      }
  EXPECT_EQ(hits, 0);
  EXPECT_EQ(scenario.free_pages().leaf_bytes.find_first_not_of('\0'), std::string::npos)
      << "free pages hold only zeros (secure_delete)";

  // The positive control: the kit's keys opened every sealed value of the case.
  EXPECT_GT(before.values.size(), 15u);
  EXPECT_EQ(before.opened, before.values.size());

  // Nothing of the case is left to open: no row names it, no wrap of it exists, and
  // no sealed value anywhere opens under its keys in any context its values used.
  for (const std::string& table :
       column_values(db,
                     "SELECT m.name FROM sqlite_master AS m JOIN pragma_table_info(m.name) AS p "
                     "WHERE m.type = 'table' AND p.name = 'case_id'"))
    EXPECT_EQ(count_of(db, "SELECT COUNT(*) FROM " + table + " WHERE case_id = ?", before.summary.id), 0) << table;
  EXPECT_EQ(count_of(db, "SELECT COUNT(*) FROM cases WHERE id = ?", before.summary.id), 0);
  EXPECT_EQ(count_of(db, "SELECT COUNT(*) FROM evidence_chunks WHERE evidence_id > ?", 0), 0);
  std::size_t opened_after = 0;
  const std::vector<std::string> remaining = every_sealed_value(db);
  for (const std::string& stored : remaining)
    for (const SealedValue& value : before.values)
      if (before.keys.open(value.context, stored).ok()) ++opened_after;
  EXPECT_EQ(opened_after, 0u) << "of " << remaining.size() << " sealed values left";
  auto kit = crypto::parse_recovery_kit(scenario.world().recovery_kit());
  ASSERT_TRUE(kit.ok());
  for (const std::string& wrapped :
       column_values(db, "SELECT wrapped_key FROM case_key_wraps WHERE member_id IS NULL")) {
    auto key = crypto::box_open(*kit, wrapped);
    if (!key.ok()) continue;
    for (const std::string& captured : before.raw_keys)
      EXPECT_NE(std::string(key->view()), captured) << "a wrap of the expunged case's key survived";
  }

  std::cout << "retention canary: " << seeded.size() << " fields seeded; " << scenario.places().size()
            << " places searched after the expunge; hits " << hits << "; " << before.values.size()
            << " sealed values of the case opened with the recovery kit before, " << opened_after << " of "
            << remaining.size() << " sealed values left open after\n";
}

}  // namespace
}  // namespace conduct::testing
