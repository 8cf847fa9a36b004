#include "app/authorize.h"

namespace conduct::app {

Status authorize(const Context& context, const Actor& actor, domain::Action action) {
  const domain::AccessDecision decision = domain::decide_access(
      actor.member, action, domain::CaseRelation::NoCase, date_of(context.clock.now()));
  if (!decision.allowed) return permission_denied("not allowed: " + decision.reason);
  return ok_status();
}

Status authorize_case(const Context& context, const Actor& actor, domain::Action action,
                      domain::CaseRelation relation, const std::string& code_name) {
  const domain::AccessDecision decision =
      domain::decide_access(actor.member, action, relation, date_of(context.clock.now()));
  if (!decision.allowed) return case_not_found(code_name);
  return ok_status();
}

Error case_not_found(const std::string& code_name) { return not_found("no case '" + code_name + "'"); }

}  // namespace conduct::app
