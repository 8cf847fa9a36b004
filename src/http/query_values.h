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

// The query value `name` as a whole number from `least` to `most` (no upper bound when
// `most` is absent), or nothing when it is absent; a bad value is added to `problems`
// ("must be a whole number from 1 to 200", "must be a whole number, 0 or more").
std::optional<std::int64_t> number_in_range(const std::map<std::string, std::string>& query, const std::string& name,
                                            std::int64_t least, std::optional<std::int64_t> most,
                                            FieldErrors& problems);

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
