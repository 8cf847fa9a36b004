// Structured logs: one JSON object per line on standard error. Log lines carry event
// names, routes, statuses and timings — never request bodies, query strings or any
// case content.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

namespace conduct::http {

void log_event(std::string_view level, std::string_view event, nlohmann::json fields = nlohmann::json::object());

}  // namespace conduct::http
