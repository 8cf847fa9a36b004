#include "http/health_watch.h"

#include <string>

#include "http/server.h"
#include "json/writer.h"

namespace conduct::http {

Response health_response(const app::DatabaseHealth& database, Timestamp now) {
  const bool healthy = database.answers && database.writable;
  json::JsonWriter out;  // answered to every load balancer's probe: no JSON values built
  out.begin_object()
      .key("database")
      .string(!database.answers   ? "unavailable"
              : database.writable ? "ok"
                                  : "not-writable");
  if (!healthy) out.key("problem").string(database.problem);
  out.key("status").string(healthy ? "ok" : "degraded").key("time").string(format_timestamp(now));
  out.key("version").string(CONDUCT_VERSION).end_object();
  Response response{healthy ? 200 : 503, "application/json", out.take(), {}};
  if (!healthy) response.headers.emplace_back("Retry-After", "60");
  return response;
}

HealthWatch::HealthWatch(std::unique_ptr<Worker> worker, std::chrono::milliseconds interval,
                         std::chrono::milliseconds stale_after)
    : worker_(std::move(worker)),
      clock_(worker_->context().clock),
      interval_(interval),
      stale_after_(stale_after),
      last_(app::database_health(worker_->context())),
      asked_at_(std::chrono::steady_clock::now()),
      thread_([this] { watch(); }) {
  const std::lock_guard<std::mutex> lock(mutex_);
  if (last_.answers && last_.writable) healthy_until_ = (asked_at_ + stale_after_).time_since_epoch().count();
}

HealthWatch::~HealthWatch() {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void HealthWatch::watch() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!wake_.wait_for(lock, interval_, [this] { return stopping_; })) {
    lock.unlock();
    app::DatabaseHealth asked = app::database_health(worker_->context());
    const auto answered_at = std::chrono::steady_clock::now();
    lock.lock();
    const bool healthy = asked.answers && asked.writable;
    last_ = std::move(asked);
    asked_at_ = answered_at;
    healthy_until_ = healthy ? (answered_at + stale_after_).time_since_epoch().count() : 0;
  }
}

Response HealthWatch::answer() {
  if (std::chrono::steady_clock::now().time_since_epoch().count() < healthy_until_.load(std::memory_order_acquire))
    return health_response({true, true, {}}, clock_.now());
  app::DatabaseHealth database;
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    const auto age = std::chrono::steady_clock::now() - asked_at_;
    if (age <= stale_after_) {
      database = last_;
    } else {
      database.problem = "the database has not answered for " +
                         std::to_string(std::chrono::ceil<std::chrono::seconds>(age).count()) + " s";
    }
  }
  return health_response(database, clock_.now());
}

}  // namespace conduct::http
