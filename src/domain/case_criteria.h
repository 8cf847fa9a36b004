// Filters on the plain columns of cases (docs/security.md: plain columns hold only what an
// anonymised status sheet would show, so anyone who may list cases may filter on them
// without any key). Applied after the access decision and before paging.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "core/result.h"
#include "core/time.h"
#include "domain/case.h"
#include "domain/policy.h"

namespace conduct::domain {

struct CaseCriteria {
  std::optional<ViolationCategory> category;
  std::optional<std::string> space_key;
  bool ongoing_only = false;
  bool physical_danger_only = false;
  bool open_only = false;           // cases not resolved
  std::optional<Date> opened_from;  // inclusive, by the day the case was opened (UTC)
  std::optional<Date> opened_to;    // inclusive
};

// Reads criteria from query-style pairs: category, space, ongoing ("true"),
// physical_danger ("true"), open ("true": not resolved), opened_from, opened_to (YYYY-MM-DD). A space must be one
// of the policy's. Unknown names are left to the caller. Errors: InvalidArgument
// naming every bad field at once.
Result<CaseCriteria> parse_case_criteria(const std::map<std::string, std::string>& values, const Policy& policy);

bool meets(const Case& summary, const CaseCriteria& criteria);

}  // namespace conduct::domain
