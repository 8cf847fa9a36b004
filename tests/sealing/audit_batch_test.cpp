// Group commit of read entries (app/audit_batch.h) on a real SQLite file, each reader
// on a connection of its own as the server's workers are: entries that wait together
// are committed in one transaction, every caller returns only once its entry is
// stored, each keeps the digest its reader gave, and the chain verifies.
#include "app/audit_batch.h"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "crypto/sealer.h"
#include "sqlite_community.h"
#include "store/sqlite/sqlite_store.h"

namespace conduct::app {
namespace {

using conduct::testing::TempDirectory;

constexpr int kReaders = 6;

std::unique_ptr<store::sqlite::SqliteStore> open_store(const std::string& path, crypto::Sealer& sealer) {
  auto opened = store::sqlite::SqliteStore::open(path, sealer);
  EXPECT_TRUE(opened.ok()) << opened.error().message;
  return opened.ok() ? std::move(opened).value() : nullptr;
}

crypto::AuditEntry read_entry(int reader) {
  crypto::AuditEntry entry;
  entry.time = Timestamp{1'800'000'000 + reader};
  entry.community_id = 1;
  entry.actor = "member:" + std::to_string(reader);
  entry.action = "case.read";
  entry.case_code = "home shelf";
  entry.digest = std::string(crypto::kAuditHashBytes, static_cast<char>('a' + reader));
  return entry;
}

TEST(AuditBatch, ReadsWaitingTogetherAreCommittedInOneTransaction) {
  TempDirectory directory("audit-batch");
  const std::string path = (directory.path() / "conduct.db").string();
  crypto::PassThroughSealer sealer;
  const auto holder = open_store(path, sealer);
  ASSERT_TRUE(holder);
  std::vector<std::unique_ptr<store::sqlite::SqliteStore>> connections;
  for (int reader = 0; reader < kReaders; ++reader) connections.push_back(open_store(path, sealer));

  AuditBatcher batcher;
  std::vector<Status> results(kReaders);
  std::vector<std::thread> readers;
  {
    // Another writer holds the database: the first reader leads with its own entry and
    // waits for the writer; the others queue behind it for the next batch.
    std::unique_lock<std::mutex> writer(holder->database().writer_lock());
    for (int reader = 0; reader < kReaders; ++reader)
      readers.emplace_back([&, reader] { results[reader] = batcher.commit(*connections[reader], read_entry(reader)); });
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (batcher.queued() < kReaders - 1 && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    EXPECT_EQ(batcher.queued(), static_cast<std::size_t>(kReaders - 1));  // (no ASSERT: the readers must be joined)
    EXPECT_EQ(batcher.batches_written(), 0u);
    // Nothing is stored yet, so nobody has been answered.
    EXPECT_FALSE(holder->audit_head().value().has_value());
  }
  for (std::thread& reader : readers) reader.join();

  for (const Status& result : results) EXPECT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(batcher.batches_written(), 2u) << "the leader's own entry, then everyone who waited, together";
  const std::vector<crypto::AuditEntry> log = holder->audit_log().value();
  ASSERT_EQ(log.size(), static_cast<std::size_t>(kReaders));
  std::set<std::string> digests;
  for (std::size_t i = 0; i < log.size(); ++i) {
    EXPECT_EQ(log[i].seq, static_cast<std::int64_t>(i + 1));
    digests.insert(log[i].digest);
  }
  for (int reader = 0; reader < kReaders; ++reader)
    EXPECT_TRUE(digests.count(read_entry(reader).digest)) << "reader " << reader << "'s digest is kept";
  const crypto::AuditVerification verified = crypto::verify_audit_chain(log, std::nullopt);
  EXPECT_TRUE(verified.intact);
  EXPECT_EQ(verified.entries_checked, static_cast<std::int64_t>(kReaders));
}

TEST(AuditBatch, ABatchThatCannotBeWrittenFailsEveryoneInIt) {
  TempDirectory directory("audit-batch-failure");
  crypto::PassThroughSealer sealer;
  const auto store = open_store((directory.path() / "conduct.db").string(), sealer);
  ASSERT_TRUE(store);
  AuditBatcher batcher;
  crypto::AuditEntry malformed = read_entry(0);
  malformed.digest = "short";  // a given digest must be 32 bytes
  const Status result = batcher.commit(*store, malformed);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::Internal);
  EXPECT_EQ(result.error().message, "an audit digest is 32 bytes");
  EXPECT_FALSE(store->audit_head().value().has_value()) << "nothing of a failed batch is stored";
  EXPECT_EQ(batcher.batches_written(), 1u);
}

TEST(AuditBatch, AnswersHandedOverAreSentOnlyOnceTheirEntriesAreStored) {
  TempDirectory directory("audit-batch-later");
  const std::string path = (directory.path() / "conduct.db").string();
  crypto::PassThroughSealer sealer;
  const auto holder = open_store(path, sealer);
  const auto writer_connection = open_store(path, sealer);
  ASSERT_TRUE(holder && writer_connection);
  AuditBatcher batcher;
  batcher.start(*writer_connection);

  std::mutex mutex;
  std::vector<std::pair<int, std::size_t>> sent;  // (request, entries stored when its answer went)
  {
    // While another writer holds the database, nothing is stored and nothing is sent.
    std::unique_lock<std::mutex> writer(holder->database().writer_lock());
    for (int request = 0; request < 3; ++request) {
      std::vector<crypto::AuditEntry> entries = {read_entry(2 * request), read_entry(2 * request + 1)};
      batcher.commit_later(std::move(entries), [&, request](const Status& written) {
        EXPECT_TRUE(written.ok()) << written.error().message;
        const std::lock_guard<std::mutex> lock(mutex);
        sent.emplace_back(request, holder->audit_log().value().size());
      });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    const std::lock_guard<std::mutex> lock(mutex);
    EXPECT_TRUE(sent.empty()) << "an answer went out before its entries were stored";
  }
  batcher.drain();
  ASSERT_EQ(sent.size(), 3u);
  std::set<int> requests;
  for (const auto& [request, stored] : sent) {
    requests.insert(request);
    EXPECT_GE(stored, static_cast<std::size_t>(2 * request + 2)) << "request " << request;
  }
  EXPECT_EQ(requests, (std::set<int>{0, 1, 2}));
  const std::vector<crypto::AuditEntry> log = holder->audit_log().value();
  ASSERT_EQ(log.size(), 6u);
  for (std::size_t i = 0; i < log.size(); ++i)
    EXPECT_EQ(log[i].digest, read_entry(static_cast<int>(i)).digest) << "a request's entries stay in its order";
  EXPECT_TRUE(crypto::verify_audit_chain(log, std::nullopt).intact);

  // A batch that cannot be written answers each of its requests with the error.
  crypto::AuditEntry malformed = read_entry(9);
  malformed.digest = "short";
  Status failure;
  batcher.commit_later({malformed}, [&](const Status& written) { failure = written; });
  batcher.stop();
  ASSERT_FALSE(failure.ok());
  EXPECT_EQ(failure.error().message, "an audit digest is 32 bytes");
  EXPECT_EQ(holder->audit_log().value().size(), 6u);
}

}  // namespace
}  // namespace conduct::app
