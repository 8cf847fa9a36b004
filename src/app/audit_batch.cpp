#include "app/audit_batch.h"

namespace conduct::app {

void AuditBatcher::write_batch(std::unique_lock<std::mutex>& lock, store::Store& store) {
  writing_ = true;
  std::vector<Pending> batch = std::move(queue_);
  queue_.clear();
  lock.unlock();
  Status written;
  try {
    written = store.in_transaction([&]() -> Status {
      for (Pending& pending : batch) TRY(store.append_audit(pending.entry, store::AuditDigest::Given));
      return ok_status();
    });
  } catch (const std::exception&) {
    written = internal_error("the audit entries could not be written");
  }
  // The answers go out before anyone waiting learns the outcome. An answer that cannot
  // be sent (the client left) must not stop the others, nor the batcher's thread.
  for (Pending& pending : batch) {
    if (!pending.done) continue;
    try {
      pending.done(written);
    } catch (const std::exception&) {
    }
  }
  lock.lock();
  for (Pending& pending : batch)
    if (pending.outcome) {
      pending.outcome->status = written;
      pending.outcome->done = true;
    }
  writing_ = false;
  ++batches_;
  changed_.notify_all();
}

Status AuditBatcher::commit(store::Store& store, crypto::AuditEntry entry) {
  auto outcome = std::make_shared<Outcome>();
  std::unique_lock<std::mutex> lock(mutex_);
  queue_.push_back(Pending{std::move(entry), outcome, nullptr});
  changed_.notify_all();
  while (!outcome->done) {
    if (writing_) {
      changed_.wait(lock);
      continue;
    }
    write_batch(lock, store);  // lead: this caller's entry is among those queued
  }
  return outcome->status;
}

void AuditBatcher::commit_later(std::vector<crypto::AuditEntry> entries, Done done) {
  if (entries.empty()) {
    done(ok_status());
    return;
  }
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    for (std::size_t i = 0; i < entries.size(); ++i)
      queue_.push_back(Pending{std::move(entries[i]), nullptr, i + 1 == entries.size() ? std::move(done) : nullptr});
  }
  changed_.notify_all();
}

void AuditBatcher::run(store::Store& store) {
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    changed_.wait(lock, [this] { return (!queue_.empty() && !writing_) || (stopping_ && queue_.empty()); });
    if (queue_.empty()) return;  // stopping, and nothing is left
    write_batch(lock, store);
  }
}

void AuditBatcher::start(store::Store& store) {
  const std::lock_guard<std::mutex> lock(mutex_);
  if (writer_.joinable()) return;
  stopping_ = false;
  writer_ = std::thread([this, &store] { run(store); });
}

void AuditBatcher::drain() {
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait(lock, [this] { return queue_.empty() && !writing_; });
}

void AuditBatcher::stop() {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (!writer_.joinable()) return;
    stopping_ = true;
  }
  changed_.notify_all();
  writer_.join();
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
