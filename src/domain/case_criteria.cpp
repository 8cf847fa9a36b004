#include "domain/case_criteria.h"

#include <algorithm>

#include "core/field_errors.h"

namespace conduct::domain {
namespace {

std::optional<bool> yes_no(const std::string& text) {
  if (text == "true") return true;
  if (text == "false") return false;
  return std::nullopt;
}

}  // namespace

Result<CaseCriteria> parse_case_criteria(const std::map<std::string, std::string>& values, const Policy& policy) {
  FieldErrors problems;
  CaseCriteria criteria;
  const auto value_of = [&](const char* name) -> const std::string* {
    const auto found = values.find(name);
    return found == values.end() ? nullptr : &found->second;
  };
  if (const std::string* category = value_of("category")) {
    criteria.category = parse_violation_category(*category);
    if (!criteria.category)
      problems.add("category", "must be one of " + names_of<ViolationCategory>(violation_category_names()));
  }
  if (const std::string* space = value_of("space")) {
    const bool known = std::any_of(policy.spaces.begin(), policy.spaces.end(),
                                   [&](const Space& candidate) { return candidate.key == *space; });
    if (known)
      criteria.space_key = *space;
    else
      problems.add("space", "must be one of the community's spaces");
  }
  for (const auto& [name, flag] :
       {std::pair{"ongoing", &criteria.ongoing_only}, std::pair{"physical_danger", &criteria.physical_danger_only},
        std::pair{"open", &criteria.open_only}}) {
    if (const std::string* text = value_of(name)) {
      const std::optional<bool> value = yes_no(*text);
      if (value)
        *flag = *value;
      else
        problems.add(name, "must be true or false");
    }
  }
  for (const auto& [name, date] :
       {std::pair{"opened_from", &criteria.opened_from}, std::pair{"opened_to", &criteria.opened_to}}) {
    if (const std::string* text = value_of(name)) {
      *date = parse_date(*text);
      if (!*date) problems.add(name, "must be a date written YYYY-MM-DD");
    }
  }
  if (criteria.opened_from && criteria.opened_to && *criteria.opened_to < *criteria.opened_from)
    problems.add("opened_to", "must not be before opened_from");
  TRY(problems.result("the filters have problems"));
  return criteria;
}

bool meets(const Case& summary, const CaseCriteria& criteria) {
  if (criteria.category &&
      std::find(summary.categories.begin(), summary.categories.end(), *criteria.category) == summary.categories.end())
    return false;
  if (criteria.space_key && summary.space_key != *criteria.space_key) return false;
  if (criteria.ongoing_only && !summary.ongoing) return false;
  if (criteria.physical_danger_only && !summary.physical_danger) return false;
  if (criteria.open_only && summary.state == CaseState::Resolved) return false;
  const Date opened = date_of(summary.opened_at);
  if (criteria.opened_from && opened < *criteria.opened_from) return false;
  if (criteria.opened_to && *criteria.opened_to < opened) return false;
  return true;
}

}  // namespace conduct::domain
