// The server's queues of work: requests read by the I/O thread wait here for a worker
// thread. Many producers, many consumers; first in, first out.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>

#include "app/context.h"

namespace conduct::http {

// A piece of work for a worker, given the worker's own context.
using Job = std::function<void(app::Context&)>;

// Which line a job waits in: a worker takes the first job of the priority lane before
// any of the normal one. Each lane has the queue's capacity of its own, so a flood in
// one never fills the other.
enum class Lane { Normal, Priority };

class WorkQueue {
 public:
  explicit WorkQueue(std::size_t capacity) : capacity_(capacity) {}

  // Adds a job; false when its lane is full or the queue closed (the job is not kept).
  bool push(Job job, Lane lane = Lane::Normal);
  // The next job, waiting for one; nothing once the queue is closed and empty.
  std::optional<Job> pop();
  // Takes no more jobs; workers finish those already queued, then pop() returns nothing.
  void close();

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Job> jobs_;           // the normal lane
  std::deque<Job> priority_jobs_;  // served first
  std::size_t capacity_;
  bool closed_ = false;
};

}  // namespace conduct::http
