// Structured logs: one JSON object per line on standard error. Log lines carry event
// names, routes, statuses and timings — never request bodies, query strings or any
// case content.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>

namespace conduct::http {

void log_event(std::string_view level, std::string_view event, nlohmann::json fields = nlohmann::json::object());

// The line every answered request writes: {"duration_ms", "event": "request", "level":
// "info", "method", "route", "status", "time"}, the same members log_event would
// print, written without building JSON values (it is written for every request).
// `route` is the route's pattern, never the concrete path.
void log_request(std::string_view method, std::string_view route, int status, std::int64_t duration_us);

}  // namespace conduct::http
