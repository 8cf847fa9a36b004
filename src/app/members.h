// Managing the members of a community.
#pragma once

#include <vector>

#include "app/context.h"
#include "core/result.h"

namespace conduct::app {

// Adds a member. Only chairs may. Errors: PermissionDenied; InvalidArgument for bad
// fields; AlreadyExists when the email is taken in the community.
Result<domain::Member> add_member(Context& context, const Actor& actor, const domain::NewMemberCommand& command);

Result<std::vector<domain::Member>> list_members(Context& context, const Actor& actor);

}  // namespace conduct::app
