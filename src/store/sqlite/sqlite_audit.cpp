// The audit log on SQLite: one table, append-only by trigger; the sequence number is
// the row id, taken inside the writer's transaction (BEGIN IMMEDIATE), so two server
// processes never give two entries the same number.
#include "store/sqlite/sqlite_store.h"

namespace conduct::store::sqlite {
namespace {

constexpr std::string_view kColumns = "seq, time, community_id, actor, action, case_code, digest, hash";

crypto::AuditEntry read_entry(const Statement& row) {
  crypto::AuditEntry entry;
  entry.seq = row.int64(0);
  entry.time = Timestamp{row.int64(1)};
  entry.community_id = row.int64(2);
  entry.actor = row.text(3);
  entry.action = row.text(4);
  entry.case_code = row.text(5);
  entry.digest = row.blob(6);
  entry.hash = row.blob(7);
  return entry;
}

Result<std::vector<crypto::AuditEntry>> read_entries(Statement& statement) {
  std::vector<crypto::AuditEntry> entries;
  while (true) {
    ASSIGN_OR_RETURN(const bool found, statement.step());
    if (!found) return entries;
    entries.push_back(read_entry(statement));
  }
}

}  // namespace

Result<crypto::AuditEntry> SqliteStore::append_audit(crypto::AuditEntry entry, AuditDigest digest) {
  if (!in_transaction_) return internal_error("an audit entry is written only inside a transaction");
  ASSIGN_OR_RETURN(const std::optional<crypto::AuditEntry> head, audit_head());
  entry.seq = head ? head->seq + 1 : 1;
  if (digest == AuditDigest::CiphertextHandled)
    entry.digest = handled_.take();
  else if (digest == AuditDigest::NothingHandled)
    entry.digest = crypto::digest_of_nothing();
  else if (entry.digest.size() != crypto::kAuditHashBytes)
    return internal_error("an audit digest is 32 bytes");
  entry.hash = crypto::audit_entry_hash(head ? head->hash : crypto::audit_genesis_hash(), entry);
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("INSERT INTO audit_log (seq, time, community_id, actor, action, case_code, digest, "
                               "hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  statement.bind(1, entry.seq)
      .bind(2, entry.time.seconds)
      .bind(3, entry.community_id)
      .bind(4, entry.actor)
      .bind(5, entry.action)
      .bind(6, entry.case_code)
      .bind_blob(7, entry.digest)
      .bind_blob(8, entry.hash);
  TRY(statement.run());
  return entry;
}

Result<std::vector<crypto::AuditEntry>> SqliteStore::audit_log() {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("SELECT " + std::string(kColumns) + " FROM audit_log ORDER BY seq"));
  return read_entries(statement);
}

Result<std::vector<crypto::AuditEntry>> SqliteStore::audit_entries(const AuditFilter& filter) {
  std::string sql = "SELECT " + std::string(kColumns) + " FROM audit_log WHERE community_id IN (?, 0)";
  if (filter.case_code) sql += " AND case_code = ?";
  if (filter.before_seq) sql += " AND seq < ?";
  sql += " ORDER BY seq DESC LIMIT ?";
  ASSIGN_OR_RETURN(Statement statement, db_.prepare(sql));
  int index = 1;
  statement.bind(index++, filter.community_id);
  if (filter.case_code) statement.bind(index++, *filter.case_code);
  if (filter.before_seq) statement.bind(index++, *filter.before_seq);
  statement.bind(index, static_cast<std::int64_t>(std::min<std::size_t>(filter.limit, 1'000'000)));
  return read_entries(statement);
}

Result<std::optional<crypto::AuditEntry>> SqliteStore::audit_head() {
  ASSIGN_OR_RETURN(Statement statement, db_.prepare("SELECT " + std::string(kColumns) +
                                                    " FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log)"));
  ASSIGN_OR_RETURN(const bool found, statement.step());
  if (!found) return std::optional<crypto::AuditEntry>();
  return std::optional<crypto::AuditEntry>(read_entry(statement));
}

}  // namespace conduct::store::sqlite
