// The audit log of the in-memory store: the same chain and digests as SQLite.
#include "store/memory_store.h"

namespace conduct::store {

Result<crypto::AuditEntry> MemoryStore::append_audit(crypto::AuditEntry entry, AuditDigest digest) {
  if (!in_transaction_) return internal_error("an audit entry is written only inside a transaction");
  const std::vector<crypto::AuditEntry>& log = tables_.audit_log;
  entry.seq = log.empty() ? 1 : log.back().seq + 1;
  if (digest == AuditDigest::CiphertextHandled) entry.digest = handled_.take();
  else if (digest == AuditDigest::NothingHandled) entry.digest = crypto::digest_of_nothing();
  else if (entry.digest.size() != crypto::kAuditHashBytes) return internal_error("an audit digest is 32 bytes");
  entry.hash = crypto::audit_entry_hash(log.empty() ? crypto::audit_genesis_hash() : log.back().hash, entry);
  tables_.audit_log.push_back(entry);
  return entry;
}

Result<std::vector<crypto::AuditEntry>> MemoryStore::audit_log() { return tables_.audit_log; }

Result<std::vector<crypto::AuditEntry>> MemoryStore::audit_entries(const AuditFilter& filter) {
  std::vector<crypto::AuditEntry> entries;
  for (auto it = tables_.audit_log.rbegin(); it != tables_.audit_log.rend() && entries.size() < filter.limit; ++it) {
    if (it->community_id != filter.community_id && it->community_id != 0) continue;
    if (filter.case_code && it->case_code != *filter.case_code) continue;
    if (filter.before_seq && it->seq >= *filter.before_seq) continue;
    entries.push_back(*it);
  }
  return entries;
}

Result<std::optional<crypto::AuditEntry>> MemoryStore::audit_head() {
  if (tables_.audit_log.empty()) return std::optional<crypto::AuditEntry>();
  return std::optional<crypto::AuditEntry>(tables_.audit_log.back());
}

}  // namespace conduct::store
