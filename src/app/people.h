// Person records: persistent code names for reported people, and their history.
#pragma once

#include <string>
#include <vector>

#include "app/context.h"
#include "core/result.h"
#include "store/store.h"

namespace conduct::app {

struct PersonView {
  store::PersonRow row;
  std::vector<domain::Case> cases;  // cases in which the person was reported, oldest first
};

Result<std::vector<store::PersonRow>> list_people(Context& context, const Actor& actor);

// `code_name` as "Blue Jay", "blue jay" or "blue-jay". Errors: NotFound.
Result<PersonView> show_person(Context& context, const Actor& actor, const std::string& code_name);

}  // namespace conduct::app
