// The access policy (DESIGN §1 "Who uses it"; reference/enforcement-manual.md "Access
// to Records"). One pure function decides; callers never test roles themselves.
//
//   - A former member, or a member whose term has ended, may do nothing.
//   - Working-group members (member, chair, vice-chair) may list, read, open, write
//     and move the cases they are not excluded from.
//   - Only chairs and vice-chairs manage members; every working-group member may list
//     them.
//   - Local representatives may open cases (they submit reports) and nothing else.
//   - Advisers see only cases they are invited to; board members only under an
//     oversight grant; until those grants exist (the sign-in issue), neither sees cases.
//   - The instance admin configures the installation and sees no case content; it may
//     list members so that it can set up the first chair.
#include "domain/access.h"

namespace conduct::domain {
namespace {

AccessDecision allow(std::string reason) { return AccessDecision{true, std::move(reason)}; }
AccessDecision deny(std::string reason) { return AccessDecision{false, std::move(reason)}; }

}  // namespace

AccessDecision decide_access(const Member& actor, Action action, CaseRelation relation, Date today) {
  (void)relation;
  if (!is_active_on(actor, today)) return deny("the member is not active");

  switch (action) {
    case Action::ListCases:
    case Action::ReadCase:
    case Action::WriteCase:
    case Action::TransitionCase:
    case Action::ListPeople:
      if (is_group_role(actor.role)) return allow("working-group member");
      return deny("only working-group members handle cases");
    case Action::OpenCase:
      if (is_group_role(actor.role) || actor.role == Role::LocalRepresentative)
        return allow("may record reports");
      return deny("only working-group members and local representatives record reports");
    case Action::ManageMembers:
      if (is_chair_role(actor.role)) return allow("chair");
      return deny("only a chair or vice-chair manages members");
    case Action::ListMembers:
      if (is_group_role(actor.role) || actor.role == Role::InstanceAdmin) return allow("may list members");
      return deny("only working-group members list members");
  }
  return deny("unknown action");
}

}  // namespace conduct::domain
