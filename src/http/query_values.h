// Values read from a request's query string, shared by the routes that page or filter.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "core/field_errors.h"

namespace conduct::http {

// `text` as a whole number, or nothing when it is anything else ("", "1e3", "+2", " 2").
std::optional<std::int64_t> whole_number(const std::string& text);

// One page of a list: `limit` (1 to kLargestPageSize, kDefaultPageSize when absent)
// and `offset` (0 or more) from the query; a bad value is added to `problems`.
inline constexpr std::int64_t kDefaultPageSize = 50;
inline constexpr std::int64_t kLargestPageSize = 200;
struct Page {
  std::size_t limit = kDefaultPageSize;
  std::size_t offset = 0;
};
Page page_of(const std::map<std::string, std::string>& query, FieldErrors& problems);

}  // namespace conduct::http
