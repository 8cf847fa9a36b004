#include "http/work_queue.h"

namespace conduct::http {

bool WorkQueue::push(Job job, Lane lane) {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    std::deque<Job>& line = lane == Lane::Priority ? priority_jobs_ : jobs_;
    if (closed_ || line.size() >= capacity_) return false;
    line.push_back(std::move(job));
  }
  ready_.notify_one();
  return true;
}

std::optional<Job> WorkQueue::pop() {
  std::unique_lock<std::mutex> lock(mutex_);
  ready_.wait(lock, [this] { return closed_ || !jobs_.empty() || !priority_jobs_.empty(); });
  std::deque<Job>& line = priority_jobs_.empty() ? jobs_ : priority_jobs_;
  if (line.empty()) return std::nullopt;
  Job job = std::move(line.front());
  line.pop_front();
  return job;
}

void WorkQueue::close() {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    closed_ = true;
  }
  ready_.notify_all();
}

}  // namespace conduct::http
