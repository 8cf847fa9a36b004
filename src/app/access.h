// The bridge from the domain's access policy to the use cases. Every use case asks one
// of these before touching data; none decides access by itself.
#pragma once

#include <string>
#include <vector>

#include "app/context.h"
#include "core/result.h"
#include "domain/access.h"
#include "domain/case_criteria.h"
#include "domain/conflicts.h"
#include "store/store.h"

namespace conduct::app {

// PermissionDenied with the policy's reason when the actor may not do `action`, an
// action that concerns no particular case. A refusal is recorded in the audit log.
Status authorize(Context& context, const Actor& actor, domain::Action action);

// What the policy needs to judge one case: every recorded relation of a member to that
// case, and the community's members (for routing a case that concerns every chair to
// the board). Loaded by key: its cost does not grow with the number of cases.
struct AccessView {
  domain::AccessFacts facts;
  std::vector<domain::Member> members;
};
// The view of case `case_id` of the community (no relations for 0, a case not stored).
Result<AccessView> load_access_view(Context& context, std::int64_t community_id, std::int64_t case_id);

// How far the actor's case list reaches now (domain/visibility.h), for the store's
// indexed queries.
Result<domain::CaseListing> case_listing(Context& context, const Actor& actor);

domain::CaseRelation relation_to(const Context& context, const AccessView& view, const Actor& actor,
                                 const domain::Case& summary);
bool may(const Context& context, const AccessView& view, const Actor& actor, domain::Action action,
         const domain::Case& summary);

// The case `code_name` names (URL or spaced form) if the actor may do `action` on it.
// A malformed name, a missing case and a case the actor may not act on all answer the
// same NotFound after the same work (the access view is loaded either way) and record
// the same audit entry ("refused <action>" on the name asked for; no name when it was
// malformed), so nobody learns that a case they may not see exists.
Result<domain::Case> find_case_for(Context& context, const Actor& actor, domain::Action action,
                                   const std::string& code_name);

// The cases of the community the actor may see in lists (newest first): access,
// `criteria` (plain columns) and paging are applied together in the store's indexed
// query, so pages never include hidden cases and only the page is read.
Result<std::vector<domain::Case>> visible_cases(Context& context, const Actor& actor, const store::CaseFilter& filter,
                                                const domain::CaseCriteria& criteria = {});

Error case_not_found(const std::string& code_name);

}  // namespace conduct::app
