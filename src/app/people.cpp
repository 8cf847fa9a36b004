#include "app/people.h"

#include <limits>
#include <set>

#include "app/access.h"
#include "domain/code_name.h"

namespace conduct::app {
namespace {

// The ids of the cases the actor may see in lists: a person record counts only those,
// so a count never reveals a case hidden from the viewer.
Result<std::set<std::int64_t>> visible_case_ids(Context& context, const Actor& actor) {
  ASSIGN_OR_RETURN(const std::vector<domain::Case> cases, visible_cases(context, actor, store::every_case()));
  std::set<std::int64_t> ids;
  for (const domain::Case& summary : cases) ids.insert(summary.id);
  return ids;
}

Result<std::vector<domain::Case>> visible_cases_of(Context& context, const std::set<std::int64_t>& visible,
                                                   std::int64_t person_id) {
  ASSIGN_OR_RETURN(const std::vector<domain::Case> all, context.store.cases_of_person(person_id));
  std::vector<domain::Case> cases;
  for (const domain::Case& summary : all)
    if (visible.count(summary.id)) cases.push_back(summary);
  return cases;
}

}  // namespace

Result<domain::PersonLookup> visible_person_lookup(Context& context, const Actor& actor) {
  // Actors who may not see person records (local representatives) link to none.
  if (!domain::decide_access(actor.member, domain::Action::ListPeople, domain::no_case(),
                             date_of(context.clock.now()))
           .allowed)
    return domain::PersonLookup([](const std::string&) { return std::optional<std::int64_t>(); });
  ASSIGN_OR_RETURN(const std::set<std::int64_t> visible, visible_case_ids(context, actor));
  const std::int64_t community_id = actor.community.id;
  return domain::PersonLookup(
      [&context, visible, community_id](const std::string& code) -> std::optional<std::int64_t> {
        auto person = context.store.find_person(community_id, code);
        if (!person.ok()) return std::nullopt;
        auto cases = visible_cases_of(context, visible, person->person.id);
        if (!cases.ok() || cases->empty()) return std::nullopt;
        return person->person.id;
      });
}

Result<std::vector<store::PersonRow>> list_people(Context& context, const Actor& actor) {
  TRY(authorize(context, actor, domain::Action::ListPeople));
  ASSIGN_OR_RETURN(const std::set<std::int64_t> visible, visible_case_ids(context, actor));
  ASSIGN_OR_RETURN(std::vector<store::PersonRow> people, context.store.list_people(actor.community.id));
  std::vector<store::PersonRow> shown;
  for (store::PersonRow& row : people) {
    ASSIGN_OR_RETURN(const std::vector<domain::Case> cases, visible_cases_of(context, visible, row.person.id));
    row.case_count = static_cast<int>(cases.size());
    // A record known only from hidden cases is itself hidden: its code name would
    // tell the viewer that a case about someone exists.
    if (row.case_count > 0) shown.push_back(std::move(row));
  }
  return shown;
}

Result<PersonView> show_person(Context& context, const Actor& actor, const std::string& code_name) {
  TRY(authorize(context, actor, domain::Action::ListPeople));
  const std::optional<std::string> normal = domain::normalise_person_code_name(code_name);
  const Error missing = not_found("no person record '" + (normal ? *normal : code_name) + "'");
  if (!normal) return missing;
  auto found = context.store.find_person(actor.community.id, *normal);
  if (!found.ok()) return found.error().code == ErrorCode::NotFound ? missing : found.error();
  ASSIGN_OR_RETURN(const std::set<std::int64_t> visible, visible_case_ids(context, actor));
  PersonView view;
  view.row = std::move(found).value();
  ASSIGN_OR_RETURN(view.cases, visible_cases_of(context, visible, view.row.person.id));
  view.row.case_count = static_cast<int>(view.cases.size());
  if (view.cases.empty()) return missing;
  return view;
}

}  // namespace conduct::app
