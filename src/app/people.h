// Person records: persistent code names for reported people, and their history.
#pragma once

#include <string>
#include <vector>

#include "app/context.h"
#include "core/result.h"
#include "domain/case_intake.h"
#include "store/store.h"

namespace conduct::app {

struct PersonView {
  store::PersonRow row;
  std::vector<domain::Case> cases;  // cases in which the person was reported, oldest first
};

// Finds a person record by code name for linking a new report to it, but only among
// the records the actor may see (those with a case visible to them): a record known
// only from hidden cases answers "no such record", as show_person does.
Result<domain::PersonLookup> visible_person_lookup(Context& context, const Actor& actor);

// The person records the actor may see (those with a case visible to them), by code
// name, `limit` after `offset`; each counts only the cases visible to the actor.
Result<std::vector<store::PersonRow>> list_people(Context& context, const Actor& actor, std::size_t limit = 100,
                                                  std::size_t offset = 0);

// `code_name` as "Blue Jay", "blue jay" or "blue-jay". Errors: NotFound.
Result<PersonView> show_person(Context& context, const Actor& actor, const std::string& code_name);

}  // namespace conduct::app
