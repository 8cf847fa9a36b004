#include "http/router.h"

#include "core/text.h"

namespace conduct::http {
namespace {

bool match_pattern(const std::string& pattern, const std::string& path, std::map<std::string, std::string>& params) {
  const std::vector<std::string> pattern_parts = split(pattern, '/');
  const std::vector<std::string> path_parts = split(path, '/');
  if (pattern_parts.size() != path_parts.size()) return false;
  for (std::size_t i = 0; i < pattern_parts.size(); ++i) {
    const std::string& expected = pattern_parts[i];
    if (expected.size() > 2 && expected.front() == '{' && expected.back() == '}') {
      if (path_parts[i].empty()) return false;
      params[expected.substr(1, expected.size() - 2)] = path_parts[i];
    } else if (expected != path_parts[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::optional<Router::Match> Router::match(const std::string& method, const std::string& path,
                                           bool& method_not_allowed) const {
  method_not_allowed = false;
  for (const Route& route : routes_) {
    std::map<std::string, std::string> params;
    if (!match_pattern(route.pattern, path, params)) continue;
    if (route.method != method) {
      method_not_allowed = true;
      continue;
    }
    return Match{&route, std::move(params)};
  }
  return std::nullopt;
}

}  // namespace conduct::http
