// The audit log (part of the Store interface, store/store.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "crypto/audit_chain.h"

namespace conduct::store {

// Which audit entries to list: one community's and the installation's (community 0:
// backups, key destruction), optionally one case's, newest first.
struct AuditFilter {
  std::int64_t community_id = 0;
  std::optional<std::string> case_code;
  std::optional<std::int64_t> before_seq;  // entries with a smaller sequence number
  std::size_t limit = 100;
};

// What an audit entry's digest covers: the ciphertext the store sealed, opened or
// stored as given (evidence chunks) since the previous entry; nothing at all (a
// refusal handled nothing, whatever was read before it); or ciphertext outside the
// store whose digest the caller computed (a backup file), given in the entry.
enum class AuditDigest { CiphertextHandled, NothingHandled, Given };

class AuditStore {
 public:
  virtual ~AuditStore() = default;

  // The audit log (crypto/audit_chain.h). append_audit gives `entry` the next sequence
  // number, its digest (see AuditDigest) and its chain hash, and stores it; it runs
  // only inside in_transaction(), so an action and its entry commit together. Rolling
  // a transaction back forgets the ciphertext handled in it. Nothing is ever updated
  // or deleted. Errors: Internal outside a transaction.
  virtual Result<crypto::AuditEntry> append_audit(crypto::AuditEntry entry, AuditDigest digest) = 0;
  // The digest of the ciphertext this store sealed, opened or stored since the last
  // entry (what AuditDigest::CiphertextHandled would put in the next one), starting
  // again from nothing: for an entry written later, or through another connection, with
  // AuditDigest::Given (app/audit_batch.h).
  virtual std::string take_ciphertext_digest() = 0;
  // Every entry in sequence order (for verification).
  virtual Result<std::vector<crypto::AuditEntry>> audit_log() = 0;
  virtual Result<std::vector<crypto::AuditEntry>> audit_entries(const AuditFilter& filter) = 0;
  // The last entry, if any.
  virtual Result<std::optional<crypto::AuditEntry>> audit_head() = 0;
};

}  // namespace conduct::store
