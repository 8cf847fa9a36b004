#include "http/log.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <string>

#include <spdlog/details/null_mutex.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include "core/time.h"
#include "json/writer.h"

namespace conduct::http {
namespace {

// Log lines written to standard error (file descriptor 2) with one write(2) each: no
// stdio buffer, lock and flush in between, which measured as about a tenth of
// /api/health's cost. Nothing is held back, so a killed process loses no line. The line
// is the message itself (already JSON), so nothing shared is formatted and the sink
// takes no lock. A line written by one write(2) is never interleaved with another (a
// pipe takes up to PIPE_BUF, 4 KiB, whole; a file keeps its offset per write); lines are
// far shorter than that, and a longer one could interleave only if a short write split it.
class StderrSink final : public spdlog::sinks::base_sink<spdlog::details::null_mutex> {
 protected:
  void sink_it_(const spdlog::details::log_msg& message) override {
    spdlog::memory_buf_t line;
    line.append(message.payload.data(), message.payload.data() + message.payload.size());
    line.push_back('\n');
    std::size_t written = 0;
    while (written < line.size()) {
      const ssize_t step = ::write(STDERR_FILENO, line.data() + written, line.size() - written);
      if (step < 0 && errno == EINTR) continue;
      if (step <= 0) return;  // nowhere to write: the line is dropped, never the request
      written += static_cast<std::size_t>(step);
    }
  }
  void flush_() override {}  // nothing is held back
};

spdlog::logger& json_logger() {
  static std::shared_ptr<spdlog::logger> logger = [] {
    auto created = std::make_shared<spdlog::logger>("conduct-json", std::make_shared<StderrSink>());
    return created;
  }();
  return *logger;
}

}  // namespace

void log_event(std::string_view level, std::string_view event, nlohmann::json fields) {
  fields["time"] = format_timestamp(SystemClock().now());
  fields["level"] = level;
  fields["event"] = event;
  const std::string line = fields.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (level == "error")
    json_logger().error(line);
  else if (level == "warn")
    json_logger().warn(line);
  else
    json_logger().info(line);
}

void log_request(std::string_view method, std::string_view route, int status, std::int64_t duration_us) {
  duration_us = std::max<std::int64_t>(duration_us, 0);
  json::JsonWriter line;
  // Milliseconds with three decimals, as a JSON number.
  std::string duration = std::to_string(duration_us / 1000) + ".";
  const std::string micro = std::to_string(1000 + duration_us % 1000);
  duration += micro.substr(1);
  line.begin_object().key("duration_ms").number_text(duration).key("event").string("request");
  line.key("level").string("info").key("method").string(method).key("route").string(route);
  line.key("status").number(status).key("time").string(format_timestamp(SystemClock().now())).end_object();
  json_logger().info(line.take());
}

}  // namespace conduct::http
