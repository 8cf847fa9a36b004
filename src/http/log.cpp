#include "http/log.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "core/time.h"

namespace conduct::http {
namespace {

spdlog::logger& json_logger() {
  static std::shared_ptr<spdlog::logger> logger = [] {
    auto created = spdlog::stderr_logger_mt("conduct-json");
    created->set_pattern("%v");  // the line is already JSON
    created->flush_on(spdlog::level::info);
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

}  // namespace conduct::http
