#include "app/people.h"

#include "app/authorize.h"
#include "domain/code_name.h"

namespace conduct::app {

Result<std::vector<store::PersonRow>> list_people(Context& context, const Actor& actor) {
  TRY(authorize(context, actor, domain::Action::ListPeople));
  return context.store.list_people(actor.community.id);
}

Result<PersonView> show_person(Context& context, const Actor& actor, const std::string& code_name) {
  TRY(authorize(context, actor, domain::Action::ListPeople));
  const std::optional<std::string> normal = domain::normalise_person_code_name(code_name);
  if (!normal) return not_found("no person record '" + code_name + "'");
  PersonView view;
  ASSIGN_OR_RETURN(view.row, context.store.find_person(actor.community.id, *normal));
  ASSIGN_OR_RETURN(view.cases, context.store.cases_of_person(view.row.person.id));
  return view;
}

}  // namespace conduct::app
