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

// A whole number as the use cases count, in int: a value beyond int saturates (which the
// use case then refuses as out of range like any other), and an absent one is 0 (which
// numbers no record).
int saturating_int(std::optional<std::int64_t> value);

// A route's {number} (of a proposal, an action, a meeting, a matter): one that is not a
// number names none (0), which the use case answers like any record that does not exist.
int path_number(const std::map<std::string, std::string>& params);

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
