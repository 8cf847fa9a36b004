#include "http/query_values.h"

#include <algorithm>
#include <charconv>
#include <limits>

namespace conduct::http {

std::optional<std::int64_t> whole_number(const std::string& text) {
  std::int64_t value = 0;
  const char* const end = text.data() + text.size();
  const auto [stop, problem] = std::from_chars(text.data(), end, value);
  if (text.empty() || problem != std::errc() || stop != end) return std::nullopt;
  return value;
}

std::optional<std::int64_t> number_in_range(const std::map<std::string, std::string>& query, const std::string& name,
                                            std::int64_t least, std::optional<std::int64_t> most,
                                            FieldErrors& problems) {
  const auto found = query.find(name);
  if (found == query.end()) return std::nullopt;
  const std::optional<std::int64_t> value = whole_number(found->second);
  if (value && *value >= least && (!most || *value <= *most)) return value;
  problems.add(name, most ? "must be a whole number from " + std::to_string(least) + " to " + std::to_string(*most)
                          : "must be a whole number, " + std::to_string(least) + " or more");
  return std::nullopt;
}

Page page_of(const std::map<std::string, std::string>& query, FieldErrors& problems) {
  Page page;
  if (const auto limit = number_in_range(query, "limit", 1, kLargestPageSize, problems))
    page.limit = static_cast<std::size_t>(*limit);
  if (const auto offset = number_in_range(query, "offset", 0, std::nullopt, problems))
    page.offset = static_cast<std::size_t>(*offset);
  return page;
}

int path_number(const std::map<std::string, std::string>& params) {
  return saturating_int(whole_number(params.at("number")));
}

int saturating_int(std::optional<std::int64_t> value) {
  return static_cast<int>(
      std::clamp<std::int64_t>(value.value_or(0), std::numeric_limits<int>::min(), std::numeric_limits<int>::max()));
}

}  // namespace conduct::http
