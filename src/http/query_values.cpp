#include "http/query_values.h"

#include <charconv>

namespace conduct::http {

std::optional<std::int64_t> whole_number(const std::string& text) {
  std::int64_t value = 0;
  const char* const end = text.data() + text.size();
  const auto [stop, problem] = std::from_chars(text.data(), end, value);
  if (text.empty() || problem != std::errc() || stop != end) return std::nullopt;
  return value;
}

Page page_of(const std::map<std::string, std::string>& query, FieldErrors& problems) {
  Page page;
  if (const auto limit = query.find("limit"); limit != query.end()) {
    const std::optional<std::int64_t> value = whole_number(limit->second);
    if (value && *value >= 1 && *value <= kLargestPageSize)
      page.limit = static_cast<std::size_t>(*value);
    else
      problems.add("limit", "must be a whole number from 1 to " + std::to_string(kLargestPageSize));
  }
  if (const auto offset = query.find("offset"); offset != query.end()) {
    const std::optional<std::int64_t> value = whole_number(offset->second);
    if (value && *value >= 0)
      page.offset = static_cast<std::size_t>(*value);
    else
      problems.add("offset", "must be a whole number, 0 or more");
  }
  return page;
}

}  // namespace conduct::http
