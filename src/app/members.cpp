#include "app/members.h"

#include "app/authorize.h"

namespace conduct::app {

Result<domain::Member> add_member(Context& context, const Actor& actor, const domain::NewMemberCommand& command) {
  TRY(authorize(context, actor, domain::Action::ManageMembers));
  ASSIGN_OR_RETURN(domain::Member member,
                   domain::plan_new_member(command, actor.community.id, actor.community.policy.membership,
                                           context.clock.now()));
  TRY(context.store.in_transaction([&]() -> Status {
    ASSIGN_OR_RETURN(member.id, context.store.insert_member(member));
    return ok_status();
  }));
  return member;
}

Result<std::vector<domain::Member>> list_members(Context& context, const Actor& actor) {
  TRY(authorize(context, actor, domain::Action::ListMembers));
  return context.store.list_members(actor.community.id);
}

}  // namespace conduct::app
