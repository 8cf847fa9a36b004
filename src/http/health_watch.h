// The health check (GET /api/health): what it answers, and the watch that lets the
// server answer it without a database read on the request's path.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "app/communities.h"
#include "core/time.h"
#include "http/request.h"

namespace conduct::http {

// The answer to a health check: 200 with the status, the database's state, the clock's
// time and the version; 503 with the problem and Retry-After when the database does not
// answer, or answers but cannot be written (storage full or read-only: every sign-in and
// audited read would fail).
Response health_response(const app::DatabaseHealth& database, Timestamp now);

class Worker;

// Asks the database every `interval`, on a thread and a connection of its own, whether
// it answers and can be written, and keeps the answer. A probe is then answered at
// once from the last answer, on the thread that read it, however busy the workers are.
// An answer older than `stale_after` means the database stopped answering (a query
// that hangs, a lock held too long): the server is then reported degraded.
class HealthWatch {
 public:
  HealthWatch(std::unique_ptr<Worker> worker, std::chrono::milliseconds interval,
              std::chrono::milliseconds stale_after);
  ~HealthWatch();  // stops the thread
  HealthWatch(const HealthWatch&) = delete;
  HealthWatch& operator=(const HealthWatch&) = delete;

  // The health check's answer now. Safe from any thread.
  Response answer();

 private:
  void watch();

  std::unique_ptr<Worker> worker_;
  const Clock& clock_;
  const std::chrono::milliseconds interval_;
  const std::chrono::milliseconds stale_after_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  app::DatabaseHealth last_;
  std::chrono::steady_clock::time_point asked_at_;
  // While the last answer was healthy: the steady time (ticks) until which it holds, so
  // that a probe of a healthy server takes no lock. 0 otherwise.
  std::atomic<std::chrono::steady_clock::rep> healthy_until_{0};
  std::thread thread_;  // last: starts once the rest is ready
};

}  // namespace conduct::http
