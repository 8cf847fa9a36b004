#include "app/people.h"

#include <algorithm>

#include "app/access.h"
#include "domain/code_name.h"

namespace conduct::app {
namespace {

// The cases visible to the actor in which the person is a reported party, oldest first.
Result<std::vector<domain::Case>> visible_cases_of(Context& context, const Actor& actor,
                                                   const domain::CaseListing& listing, std::int64_t person_id) {
  store::CaseFilter filter = store::every_case();
  filter.reported_person_id = person_id;
  ASSIGN_OR_RETURN(std::vector<domain::Case> cases,
                   context.store.list_visible_cases(actor.community.id, listing, filter, {}));
  std::reverse(cases.begin(), cases.end());
  return cases;
}

}  // namespace

Result<domain::PersonLookup> visible_person_lookup(Context& context, const Actor& actor) {
  // Actors who may not see person records (local representatives) link to none.
  if (!domain::decide_access(actor.member, domain::Action::ListPeople, domain::no_case(), date_of(context.clock.now()))
           .allowed)
    return domain::PersonLookup([](const std::string&) { return std::optional<std::int64_t>(); });
  ASSIGN_OR_RETURN(const domain::CaseListing listing, case_listing(context, actor));
  const std::int64_t community_id = actor.community.id;
  // A record is found only when one of its cases is visible: one indexed look-up of
  // the record, and one of its first visible case.
  return domain::PersonLookup(
      [&context, listing, community_id](const std::string& code) -> std::optional<std::int64_t> {
        auto person = context.store.find_person(community_id, code);
        if (!person.ok()) return std::nullopt;
        store::CaseFilter first;
        first.reported_person_id = person->person.id;
        first.limit = 1;
        auto cases = context.store.list_visible_cases(community_id, listing, first, {});
        if (!cases.ok() || cases->empty()) return std::nullopt;
        return person->person.id;
      });
}

Result<std::vector<store::PersonRow>> list_people(Context& context, const Actor& actor, std::size_t limit,
                                                  std::size_t offset) {
  TRY(authorize(context, actor, domain::Action::ListPeople));
  ASSIGN_OR_RETURN(const domain::CaseListing listing, case_listing(context, actor));
  return context.store.list_visible_people(actor.community.id, listing, limit, offset);
}

Result<PersonView> show_person(Context& context, const Actor& actor, const std::string& code_name) {
  TRY(authorize(context, actor, domain::Action::ListPeople));
  const std::optional<std::string> normal = domain::normalise_person_code_name(code_name);
  const Error missing = not_found("no person record '" + (normal ? *normal : code_name) + "'");
  if (!normal) return missing;
  auto found = context.store.find_person(actor.community.id, *normal);
  if (!found.ok()) return found.error().code == ErrorCode::NotFound ? missing : found.error();
  ASSIGN_OR_RETURN(const domain::CaseListing listing, case_listing(context, actor));
  PersonView view;
  view.row = std::move(found).value();
  ASSIGN_OR_RETURN(view.cases, visible_cases_of(context, actor, listing, view.row.person.id));
  view.row.case_count = static_cast<int>(view.cases.size());
  if (view.cases.empty()) return missing;
  return view;
}

}  // namespace conduct::app
