// The bridge from the domain's access policy to use-case errors. Every use case calls
// one of these before touching data; none decides access by itself.
#pragma once

#include "app/context.h"
#include "core/result.h"
#include "domain/access.h"

namespace conduct::app {

// PermissionDenied with the policy's reason when the actor may not do `action`.
Status authorize(const Context& context, const Actor& actor, domain::Action action);

// For actions on one case: a denial answers NotFound with the same message a missing
// case gets, so nobody learns that a case they may not see exists.
Status authorize_case(const Context& context, const Actor& actor, domain::Action action,
                      domain::CaseRelation relation, const std::string& code_name);

Error case_not_found(const std::string& code_name);

}  // namespace conduct::app
