#include "app/access.h"

#include <limits>

#include "app/audit.h"
#include "app/case_keys.h"
#include "domain/code_name.h"

namespace conduct::app {

Status authorize(Context& context, const Actor& actor, domain::Action action) {
  const domain::AccessDecision decision =
      domain::decide_access(actor.member, action, domain::no_case(), date_of(context.clock.now()));
  if (!decision.allowed) {
    TRY(record_refusal(context, actor, action, ""));
    return permission_denied("not allowed: " + decision.reason);
  }
  return ok_status();
}

Result<AccessView> load_access_view(Context& context, std::int64_t community_id, std::int64_t case_id) {
  AccessView view;
  ASSIGN_OR_RETURN(view.facts, context.store.load_case_access_facts(case_id));
  ASSIGN_OR_RETURN(view.members, context.store.list_members(community_id));
  return view;
}

Result<domain::CaseListing> case_listing(Context& context, const Actor& actor) {
  ASSIGN_OR_RETURN(const std::vector<domain::Member> members, context.store.list_members(actor.community.id));
  return domain::case_listing_for(actor.member, members, context.clock.now());
}

domain::CaseRelation relation_to(const Context& context, const AccessView& view, const Actor& actor,
                                 const domain::Case& summary) {
  return domain::relation_of(actor.member, summary, view.facts, view.members, context.clock.now());
}

bool may(const Context& context, const AccessView& view, const Actor& actor, domain::Action action,
         const domain::Case& summary) {
  return domain::decide_access(actor.member, action, relation_to(context, view, actor, summary),
                               date_of(context.clock.now()))
      .allowed;
}

Error case_not_found(const std::string& code_name) { return not_found("no case '" + code_name + "'"); }

Result<domain::Case> find_case_for(Context& context, const Actor& actor, domain::Action action,
                                   const std::string& code_name) {
  const std::optional<std::string> normal = domain::normalise_case_code_name(code_name);
  auto found = normal ? context.store.find_case(actor.community.id, *normal) : Result<domain::Case>(case_not_found(""));
  if (!found.ok() && found.error().code != ErrorCode::NotFound) return found.error();
  // The view is loaded and the policy asked whether the case exists or not, so a
  // missing case takes as long to refuse as a withheld one.
  ASSIGN_OR_RETURN(const AccessView view, load_access_view(context, actor.community.id, found.ok() ? found->id : 0));
  const bool allowed = may(context, view, actor, action, found.ok() ? *found : domain::Case{});
  if (!found.ok() || !allowed) {
    TRY(record_refusal(context, actor, action, normal ? *normal : ""));
    return case_not_found(normal ? *normal : code_name);
  }
  TRY(unlock_case(context, actor, *found));
  return found;
}

Result<std::vector<domain::Case>> visible_cases(Context& context, const Actor& actor, const store::CaseFilter& filter,
                                                const domain::CaseCriteria& criteria) {
  TRY(authorize(context, actor, domain::Action::ListCases));
  ASSIGN_OR_RETURN(const domain::CaseListing listing, case_listing(context, actor));
  return context.store.list_visible_cases(actor.community.id, listing, filter, criteria);
}

}  // namespace conduct::app
