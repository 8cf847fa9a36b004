// The audit log on a real SQLite file against someone who edits the database directly
// (docs/security.md "Tamper-evident audit log"): 1,000 entries are written through the store,
// then, at every position, the table is changed with SQL the way an intruder with the
// file would (the append-only triggers dropped first), and the store's own reading of
// the log, verified, must name that position. Each change is made in a transaction
// that is rolled back afterwards (DDL included: SQLite's is transactional), so the next
// position starts from the untouched log and the triggers come back; the store reads
// the log on the same connection and so sees the uncommitted change.
//
// A rewrite that recomputes every later hash, and a log cut short at the end, are
// consistent chains: only the head saved outside the server catches them. And without
// dropping them, the triggers refuse to change or remove an entry at all.
//
// Positions reported (crypto/audit_chain.h; tests/crypto/audit_chain_test.cpp shows the
// same on the chain alone): a changed field, a removed row and two swapped rows are
// found at the (first) position concerned; a forged row inserted at position p (later
// rows renumbered, the primary key forbids a duplicate number) is found at p when its
// hash is wrong, and at p + 1 when the intruder computed its hash correctly, since the
// log up to it is then a valid chain and the genuine entry after it is the first that
// no longer links.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "crypto/audit_chain.h"
#include "crypto/sealer.h"
#include "sqlite_community.h"
#include "store/sqlite/sqlite_store.h"

namespace conduct::testing {
namespace {

using store::sqlite::Database;
using store::sqlite::SqliteStore;
using store::sqlite::Statement;

constexpr int kLength = 1000;
constexpr char kDropTriggers[] = "DROP TRIGGER audit_log_is_append_only; DROP TRIGGER audit_log_keeps_entries;";

class AuditTamperTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = SqliteStore::open((directory_.path() / "conduct.db").string(), sealer_);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(opened).value();
    write_log();
    auto head = store_->audit_head();
    ASSERT_TRUE(head.ok() && head->has_value());
    head_ = crypto::AuditHead{(*head)->seq, (*head)->hash};
    ASSERT_EQ(head_.seq, kLength);
    original_ = log();
    ASSERT_TRUE(crypto::verify_audit_chain(original_, head_).intact);
  }

  // 1,000 entries through the store, a hundred to a transaction: several actors,
  // actions, cases and communities, refusals among them.
  void write_log() {
    static const std::vector<std::string> kActions = {"case.read",    "case.note",    "refused read-case",
                                                      "case.open",    "session.open", "refused session.open",
                                                      "evidence.read"};
    static const std::vector<std::string> kCases = {"", "home shelf", "amber zebra", "quiet harbour"};
    for (int batch = 0; batch < kLength / 100; ++batch) {
      const Status written = store_->in_transaction([&]() -> Status {
        for (int i = batch * 100; i < (batch + 1) * 100; ++i) {
          crypto::AuditEntry entry;
          entry.time = Timestamp{1'795'000'000 + 13 * i};
          entry.community_id = 1 + i % 2;
          entry.actor = i % 10 == 0 ? "public" : "member:" + std::to_string(1 + i % 6);
          entry.action = kActions[static_cast<std::size_t>(i) % kActions.size()];
          entry.case_code = kCases[static_cast<std::size_t>(i) % kCases.size()];
          const auto digest = entry.action.starts_with("refused") ? store::AuditDigest::NothingHandled
                                                                  : store::AuditDigest::CiphertextHandled;
          TRY(store_->append_audit(std::move(entry), digest));
        }
        return ok_status();
      });
      ASSERT_TRUE(written.ok()) << written.error().message;
    }
  }

  Database& db() { return store_->database(); }

  std::vector<crypto::AuditEntry> log() {
    auto entries = store_->audit_log();
    EXPECT_TRUE(entries.ok()) << entries.error().message;
    return entries.ok() ? *entries : std::vector<crypto::AuditEntry>{};
  }

  // The store's reading of the log, verified (against the saved head when given).
  crypto::AuditVerification verified(const std::optional<crypto::AuditHead>& saved = std::nullopt) {
    return crypto::verify_audit_chain(log(), saved);
  }

  Statement prepare(const std::string& sql) {
    auto statement = db().prepare(sql);
    if (!statement.ok()) ADD_FAILURE() << sql << ": " << statement.error().message;
    return std::move(statement).value();
  }

  void execute(const std::string& sql) {
    const Status done = db().execute(sql);
    ASSERT_TRUE(done.ok()) << sql << ": " << done.error().message;
  }

  static void run(Statement& statement) {
    const Status done = statement.run();
    statement.reset();
    ASSERT_TRUE(done.ok()) << done.error().message;
  }

  // Opens the intruder's transaction: the triggers dropped inside it.
  void begin_tampering() {
    execute("BEGIN");
    execute(kDropTriggers);
  }
  void undo_tampering() { execute("ROLLBACK"); }

  // After every rolled-back change: the log is the one written, and the triggers are
  // back.
  void expect_untouched() {
    const std::vector<crypto::AuditEntry> now = log();
    ASSERT_EQ(now.size(), original_.size());
    for (std::size_t i = 0; i < now.size(); ++i) {
      ASSERT_EQ(now[i].hash, original_[i].hash) << "entry " << i + 1;
      ASSERT_EQ(now[i].action, original_[i].action) << "entry " << i + 1;
    }
    EXPECT_TRUE(crypto::verify_audit_chain(now, head_).intact);
    Statement triggers =
        prepare("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'");
    ASSERT_TRUE(*triggers.step());
    EXPECT_EQ(triggers.int64(0), 2);
  }

  TempDirectory directory_{"audit-tamper"};
  crypto::PassThroughSealer sealer_;
  std::unique_ptr<SqliteStore> store_;
  crypto::AuditHead head_;
  std::vector<crypto::AuditEntry> original_;
};

// ---- Every position ---------------------------------------------------------------------

TEST_F(AuditTamperTest, AFieldChangedInTheTableIsFoundAtItsPosition) {
  const std::vector<std::pair<std::string, std::string>> changes = {
      {"action", "UPDATE audit_log SET action = action || '.' WHERE seq = ?"},
      {"actor", "UPDATE audit_log SET actor = 'member:42' WHERE seq = ?"},
      {"case_code", "UPDATE audit_log SET case_code = case_code || 'x' WHERE seq = ?"},
      {"time", "UPDATE audit_log SET time = time - 3600 WHERE seq = ?"},
      {"digest", "UPDATE audit_log SET digest = zeroblob(32) WHERE seq = ?"},
      {"community", "UPDATE audit_log SET community_id = community_id + 1 WHERE seq = ?"},
  };
  std::vector<Statement> updates;
  for (const auto& change : changes) updates.push_back(prepare(change.second));
  for (int position = 1; position <= kLength; ++position) {
    const std::size_t which = static_cast<std::size_t>(position) % changes.size();
    SCOPED_TRACE("position " + std::to_string(position) + ", " + changes[which].first);
    begin_tampering();
    updates[which].bind(1, position);
    run(updates[which]);
    const crypto::AuditVerification report = verified();
    EXPECT_FALSE(report.intact);
    EXPECT_EQ(report.first_bad_position, position);
    undo_tampering();
  }
  expect_untouched();
}

TEST_F(AuditTamperTest, ARowDeletedFromTheTableIsFoundAtItsPlace) {
  Statement remove = prepare("DELETE FROM audit_log WHERE seq = ?");
  for (int position = 1; position <= kLength; ++position) {
    SCOPED_TRACE("position " + std::to_string(position));
    begin_tampering();
    remove.bind(1, position);
    run(remove);
    const std::vector<crypto::AuditEntry> shortened = log();
    ASSERT_EQ(shortened.size(), static_cast<std::size_t>(kLength - 1));
    EXPECT_EQ(crypto::verify_audit_chain(shortened, head_).first_bad_position, position);
    if (position < kLength) {
      EXPECT_EQ(crypto::verify_audit_chain(shortened).first_bad_position, position);
    } else {
      EXPECT_TRUE(crypto::verify_audit_chain(shortened).intact);  // the last row: only the head sees it
    }
    undo_tampering();
  }
  expect_untouched();
}

TEST_F(AuditTamperTest, ARowInsertedIntoTheTableIsFoundAtItOrAtTheEntryAfterIt) {
  // Later rows move on by one through negative numbers, as the primary key allows no
  // two rows the same number even for a moment.
  Statement shift_out = prepare("UPDATE audit_log SET seq = -seq WHERE seq >= ?");
  Statement shift_back = prepare("UPDATE audit_log SET seq = 1 - seq WHERE seq < 0");
  Statement insert = prepare(
      "INSERT INTO audit_log (seq, time, community_id, actor, action, case_code, digest, hash) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  Statement rehash = prepare("UPDATE audit_log SET hash = ? WHERE seq = ?");
  for (int position = 1; position <= kLength; ++position) {
    SCOPED_TRACE("position " + std::to_string(position));
    const auto at = static_cast<std::size_t>(position - 1);
    crypto::AuditEntry forged = original_[at];
    forged.actor = "member:3";
    forged.action = "case.read";
    forged.case_code = "quiet harbour";
    const std::string correct_hash =
        crypto::audit_entry_hash(at == 0 ? crypto::audit_genesis_hash() : original_[at - 1].hash, forged);
    begin_tampering();
    shift_out.bind(1, position);
    run(shift_out);
    run(shift_back);
    // A naive forgery carries the hash of the entry it imitates.
    insert.bind(1, forged.seq)
        .bind(2, forged.time.seconds)
        .bind(3, forged.community_id)
        .bind(4, forged.actor)
        .bind(5, forged.action)
        .bind(6, forged.case_code)
        .bind_blob(7, forged.digest)
        .bind_blob(8, forged.hash);
    run(insert);
    const std::vector<crypto::AuditEntry> lengthened = log();
    ASSERT_EQ(lengthened.size(), static_cast<std::size_t>(kLength + 1));
    ASSERT_EQ(lengthened[at].actor, "member:3");
    const crypto::AuditVerification naive = crypto::verify_audit_chain(lengthened, head_);
    EXPECT_FALSE(naive.intact);
    EXPECT_EQ(naive.first_bad_position, position);
    // A clever one its own, computed from its predecessor.
    rehash.bind_blob(1, correct_hash).bind(2, position);
    run(rehash);
    const crypto::AuditVerification clever = verified(head_);
    EXPECT_FALSE(clever.intact);
    EXPECT_EQ(clever.first_bad_position, position + 1);
    undo_tampering();
  }
  expect_untouched();
}

TEST_F(AuditTamperTest, TwoRowsWhoseContentsAreSwappedAreFoundAtTheFirst) {
  // The rows trade places, each keeping what it says and taking the other's number.
  Statement park = prepare("UPDATE audit_log SET seq = -1 WHERE seq = ?");
  Statement move_down = prepare("UPDATE audit_log SET seq = ? WHERE seq = ?");
  Statement unpark = prepare("UPDATE audit_log SET seq = ? WHERE seq = -1");
  for (int position = 1; position < kLength; ++position) {
    SCOPED_TRACE("position " + std::to_string(position));
    begin_tampering();
    park.bind(1, position);
    run(park);
    move_down.bind(1, position).bind(2, position + 1);
    run(move_down);
    unpark.bind(1, position + 1);
    run(unpark);
    const std::vector<crypto::AuditEntry> swapped = log();
    ASSERT_EQ(swapped[static_cast<std::size_t>(position - 1)].hash, original_[static_cast<std::size_t>(position)].hash);
    const crypto::AuditVerification report = crypto::verify_audit_chain(swapped, head_);
    EXPECT_FALSE(report.intact);
    EXPECT_EQ(report.first_bad_position, position);
    undo_tampering();
  }
  expect_untouched();
}

// ---- What only the saved head catches ------------------------------------------------------

TEST_F(AuditTamperTest, ALogRewrittenAndRehashedInTheTableIsCaughtOnlyByTheSavedHead) {
  begin_tampering();
  execute("UPDATE audit_log SET action = 'case.open', actor = 'member:5' WHERE seq = 500");
  // Every hash from there on recomputed, as an intruder who knows the scheme would.
  std::vector<crypto::AuditEntry> entries = log();
  Statement rehash = prepare("UPDATE audit_log SET hash = ? WHERE seq = ?");
  for (std::size_t i = 499; i < entries.size(); ++i) {
    entries[i].hash = crypto::audit_entry_hash(entries[i - 1].hash, entries[i]);
    rehash.bind_blob(1, entries[i].hash).bind(2, entries[i].seq);
    run(rehash);
  }
  const crypto::AuditVerification alone = verified();
  EXPECT_TRUE(alone.intact) << alone.problem;
  EXPECT_EQ(alone.entries_checked, kLength);
  const crypto::AuditVerification against_head = verified(head_);
  EXPECT_FALSE(against_head.intact);
  EXPECT_EQ(against_head.first_bad_position, kLength);
  // A head saved before the rewritten entry vouches only for the log up to it.
  EXPECT_TRUE(verified(crypto::AuditHead{499, original_[498].hash}).intact);
  EXPECT_EQ(verified(crypto::AuditHead{500, original_[499].hash}).first_bad_position, 500);
  undo_tampering();
  expect_untouched();
}

TEST_F(AuditTamperTest, ALogCutShortInTheTableIsCaughtOnlyByTheSavedHead) {
  for (const int kept : {999, 990, 1, 0}) {
    SCOPED_TRACE(std::to_string(kept) + " kept");
    begin_tampering();
    execute("DELETE FROM audit_log WHERE seq > " + std::to_string(kept));
    EXPECT_TRUE(verified().intact);
    const crypto::AuditVerification report = verified(head_);
    EXPECT_FALSE(report.intact);
    EXPECT_EQ(report.first_bad_position, kept + 1);
    undo_tampering();
  }
  expect_untouched();
}

// ---- The triggers --------------------------------------------------------------------------

TEST_F(AuditTamperTest, TheTriggersRefuseToChangeOrRemoveAnEntry) {
  for (const std::string sql :
       {"UPDATE audit_log SET action = 'case.read' WHERE seq = 500", "UPDATE audit_log SET hash = zeroblob(32)",
        "UPDATE audit_log SET seq = seq + 1000", "DELETE FROM audit_log WHERE seq = 1000", "DELETE FROM audit_log"}) {
    SCOPED_TRACE(sql);
    const Status refused = db().execute(sql);
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("append-only"), std::string::npos) << refused.error().message;
  }
  expect_untouched();
  // Another store opened on the file finds the log as it was written.
  store_.reset();
  auto reopened = SqliteStore::open((directory_.path() / "conduct.db").string(), sealer_);
  ASSERT_TRUE(reopened.ok()) << reopened.error().message;
  store_ = std::move(reopened).value();
  expect_untouched();
}

}  // namespace
}  // namespace conduct::testing
