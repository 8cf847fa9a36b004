#include "app/audit_batch.h"

namespace conduct::app {

Status AuditBatcher::commit(store::Store& store, crypto::AuditEntry entry) {
  auto outcome = std::make_shared<Outcome>();
  std::unique_lock<std::mutex> lock(mutex_);
  queue_.push_back(Pending{std::move(entry), outcome});
  while (!outcome->done) {
    if (writing_) {
      committed_.wait(lock);
      continue;
    }
    // Lead: take everything queued, this caller's entry among it, and write it.
    writing_ = true;
    std::vector<Pending> batch = std::move(queue_);
    queue_.clear();
    lock.unlock();
    Status written;
    try {
      written = store.in_transaction([&]() -> Status {
        for (Pending& pending : batch) TRY(store.append_audit(std::move(pending.entry), store::AuditDigest::Given));
        return ok_status();
      });
    } catch (const std::exception&) {
      written = internal_error("the audit entries could not be written");
    }
    lock.lock();
    for (Pending& pending : batch) {
      pending.outcome->status = written;
      pending.outcome->done = true;
    }
    writing_ = false;
    ++batches_;
    committed_.notify_all();
  }
  return outcome->status;
}

std::size_t AuditBatcher::queued() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return queue_.size();
}

std::size_t AuditBatcher::batches_written() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return batches_;
}

}  // namespace conduct::app
