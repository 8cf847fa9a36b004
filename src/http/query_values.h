// Values read from a request's query string, shared by the routes that page or filter.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace conduct::http {

// `text` as a whole number, or nothing when it is anything else ("", "1e3", "+2", " 2").
std::optional<std::int64_t> whole_number(const std::string& text);

}  // namespace conduct::http
