// The tamper-evident audit log's chain (docs/security.md "Tamper-evident audit log").
//
// Every entry {seq, time, community, actor, action, case code, digest} is hashed with
// BLAKE2b-256 together with the hash of the entry before it, so changing, removing,
// inserting or reordering any entry changes every hash after it. The digest is a
// BLAKE2b-256 of the ciphertext the action sealed or opened (never of plaintext).
//
// A chain rewritten from scratch and re-hashed is consistent with itself; only a head
// kept outside the server (`conduct audit head`, mailed to the chairs) catches it:
// verify_audit_chain checks the saved head's position still carries the saved hash.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "crypto/secret_bytes.h"  // to_hex, from_hex

namespace conduct::crypto {

inline constexpr std::size_t kAuditHashBytes = 32;

struct AuditEntry {
  std::int64_t seq = 0;  // 1, 2, … with no gap
  Timestamp time;
  std::int64_t community_id = 0;  // 0 for entries outside any community
  std::string actor;              // "member:7", "public", "system"
  std::string action;             // "case.read", "refused read-case", …
  std::string case_code;          // empty when the action concerns no case
  std::string digest;             // 32 bytes: BLAKE2b-256 of the ciphertext handled
  std::string hash;               // 32 bytes: chain hash up to and including this entry
};

// The hash that precedes the first entry: 32 zero bytes.
std::string audit_genesis_hash();

// The chain hash of `entry` (its own `hash` ignored) following `previous_hash`.
std::string audit_entry_hash(std::string_view previous_hash, const AuditEntry& entry);

// BLAKE2b-256 of what was fed in, in order; the digest of nothing is BLAKE2b-256("").
class CiphertextDigest {
 public:
  CiphertextDigest();
  void add(std::string_view ciphertext);
  // The digest so far; starts again from nothing.
  std::string take();
  void reset();

 private:
  alignas(64) unsigned char state_[384];
};
std::string digest_of_nothing();

// A saved head: the position and hash of the last entry at the time it was saved,
// written as "SEQ:HEX" (64 hex digits).
struct AuditHead {
  std::int64_t seq = 0;
  std::string hash;  // 32 bytes
};
std::string format_audit_head(const AuditHead& head);
// Errors: InvalidArgument (field "head") for anything but "SEQ:HEX".
Result<AuditHead> parse_audit_head(std::string_view text);

struct AuditVerification {
  bool intact = true;
  std::int64_t entries_checked = 0;
  // When not intact: the first position (1-based sequence number) where the chain
  // stops being what it was, and what is wrong there.
  std::int64_t first_bad_position = 0;
  std::string problem;
  std::optional<AuditHead> head;  // the last entry's, when there is one
};

// Checks `entries` (in stored order, which must be sequence order) link from the
// genesis hash, with sequence numbers 1, 2, … and each stored hash equal to the one
// recomputed; with `saved`, also that the log reaches the saved position and carries
// the saved hash there. Reports the first bad position: the entry that was changed,
// the place of a removed entry, the first of two swapped, and for an inserted entry
// that entry itself, or, when its forger computed its hash from the entry before it,
// the genuine entry right after it (nothing inside the log can tell that forged
// entry from a real one; the next entry no longer links to what precedes it).
AuditVerification verify_audit_chain(const std::vector<AuditEntry>& entries,
                                     const std::optional<AuditHead>& saved = std::nullopt);
}  // namespace conduct::crypto
