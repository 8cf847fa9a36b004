// Group commit of the audit entries of reads (docs/security.md, the audit log). A read
// of sealed content is answered only once its entry is durable; committing each entry
// alone makes every read wait for its own fdatasync, one at a time behind the single
// writer. Instead, the entries of reads from concurrent requests join one batch: the
// first caller to find no batch being written becomes the leader, writes every entry
// queued so far in one transaction on its own connection, and wakes the others; each
// caller returns when the batch holding its entry is committed (or with the batch's
// error). What an audited read promises is unchanged: no answer before its entry is
// durable. The chain stays one total order: entries take their sequence numbers in
// the order they were queued, inside the writer's transaction.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <vector>

#include "core/result.h"
#include "crypto/audit_chain.h"
#include "store/store.h"

namespace conduct::app {

class AuditBatcher {
 public:
  // Appends `entry`, whose digest the caller has set (AuditDigest::Given), in the next
  // batch, writing that batch through `store` if no other caller is writing one; returns
  // when it is committed. Call it outside any transaction of `store`. Thread-safe.
  Status commit(store::Store& store, crypto::AuditEntry entry);

  // For tests: entries waiting for the next batch, and batches written so far.
  std::size_t queued() const;
  std::size_t batches_written() const;

 private:
  struct Outcome {
    bool done = false;
    Status status;
  };
  struct Pending {
    crypto::AuditEntry entry;
    std::shared_ptr<Outcome> outcome;
  };
  mutable std::mutex mutex_;
  std::condition_variable committed_;
  std::vector<Pending> queue_;
  bool writing_ = false;
  std::size_t batches_ = 0;
};

}  // namespace conduct::app
