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
//
// The server's workers do not wait at all (commit_later): a worker queues its
// request's entries with the answer to send once they are durable, and goes on to the
// next request while the batcher's own thread (start) writes the batch. Waiting on
// every commit left a worker idle for each fdatasync, which halved the case page's
// throughput on two cores.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "core/result.h"
#include "crypto/audit_chain.h"
#include "store/store.h"

namespace conduct::app {

class AuditBatcher {
 public:
  using Done = std::function<void(const Status&)>;

  ~AuditBatcher() { stop(); }

  // Appends `entry`, whose digest the caller has set (AuditDigest::Given), in the next
  // batch, writing that batch through `store` if no other caller is writing one; returns
  // when it is committed. Call it outside any transaction of `store`. Thread-safe.
  Status commit(store::Store& store, crypto::AuditEntry entry);

  // Appends `entries` (digests set) to the next batch and returns at once; `done` is
  // called with the batch's status once it is committed or has failed, on the thread
  // that wrote it, never with the batcher's lock held. Needs start(). Thread-safe.
  void commit_later(std::vector<crypto::AuditEntry> entries, Done done);

  // Starts the thread that writes the batches no caller waits on, through `store` (a
  // connection of its own, which must outlive stop()).
  void start(store::Store& store);
  // Returns once every entry queued so far is written and its `done` called.
  void drain();
  // drain(), then ends the thread. Called by the destructor.
  void stop();

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
    std::shared_ptr<Outcome> outcome;  // a waiting caller's, or
    Done done;                         // what to do once written (the last entry of a request)
  };
  // Writes everything queued as one batch through `store`; called with `lock` held and
  // no batch being written, returns with it held again.
  void write_batch(std::unique_lock<std::mutex>& lock, store::Store& store);
  void run(store::Store& store);

  mutable std::mutex mutex_;
  std::condition_variable changed_;  // a batch was written, an entry queued, or stop asked
  std::vector<Pending> queue_;
  bool writing_ = false;
  bool stopping_ = false;
  std::size_t batches_ = 0;
  std::thread writer_;
};

}  // namespace conduct::app
