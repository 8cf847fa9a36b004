// What every use case needs from the shell: the store, a clock, a random source, the
// keyring of case keys unlocked for the current command, and the blind indexer. The
// shell (cli, http, tests) builds one and passes it in; use cases hold no state but
// the keys they unlock, which the shell forgets after each command or request.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/random.h"
#include "core/time.h"
#include "crypto/audit_chain.h"
#include "crypto/blind_index.h"
#include "crypto/case_keys.h"
#include "crypto/member_keys.h"
#include "crypto/password.h"
#include "crypto/receipt.h"
#include "domain/community.h"
#include "domain/member.h"
#include "store/store.h"

namespace conduct::app {

class AuditBatcher;  // app/audit_batch.h

struct Context {
  store::Store& store;
  const Clock& clock;
  RandomSource& random;
  // Case keys unlocked or made by the current command. In production it is also the
  // Sealer the store was opened with, so what it holds is what the store can open.
  crypto::CaseKeyring& keyring;
  const crypto::BlindIndexer& indexer;
  // Argon2id cost for passwords: MODERATE in production; tests may lower it, the
  // code path stays the same (crypto/password.h).
  crypto::PasswordHashCost password_cost = crypto::kModerateCost;
  // Argon2id cost for reporters' receipts (crypto/receipt.h: a receipt's secret has 100
  // random bits); tests lower it like the password's.
  crypto::PasswordHashCost receipt_cost = crypto::kReceiptCost;
  // Root key fingerprints pinned in the server's configuration, by community id; keys
  // are certified only when they chain to the pinned root. A community without a pin
  // trusts the root key in its database (tests; `conduct serve` refuses to start so).
  std::map<std::int64_t, std::string> pinned_roots;
  // Full-text search opens sealed text to search it: it stops after opening this many
  // cases (newest first), so one search costs the same at any number of cases.
  std::size_t search_budget_cases = 2000;
  // Kept by app/audit.h: how deep in transaction() the command is, and the refusals
  // recorded meanwhile, written once the transaction has ended (committed or not).
  int transaction_depth = 0;
  std::vector<crypto::AuditEntry> pending_refusals;
  // When set (the server's workers share one), the entries of reads are group-committed
  // (app/audit_batch.h); otherwise each commits alone.
  AuditBatcher* audit_batcher = nullptr;
  // Set by the server's workers: a read's entry is kept in `deferred_reads` instead of
  // being committed at once, and the worker hands them to the batcher with the answer,
  // which is sent only once they are durable (AuditBatcher::commit_later). A transaction
  // begun meanwhile writes them first, so the log keeps the request's order.
  bool defer_read_entries = false;
  std::vector<crypto::AuditEntry> deferred_reads;
};

// The fingerprint pinned for the community, or "" when none is.
inline std::string pinned_root_of(const Context& context, std::int64_t community_id) {
  const auto pinned = context.pinned_roots.find(community_id);
  return pinned == context.pinned_roots.end() ? std::string() : pinned->second;
}

// The member a command acts as, with their community loaded (policy parsed).
struct Actor {
  domain::Community community;
  domain::Member member;
  // The member's private keys, opened from their session for this command only; absent
  // when the actor was not signed in (then no case key can be unlocked).
  std::shared_ptr<const crypto::MemberKeyPair> keys;
};

}  // namespace conduct::app
