// The `conduct keys` use cases (DESIGN §3 "Granting and revoking"): rotating a case's
// key on demand, re-granting cases with the recovery kit when no holder is left, and
// sweeping wraps the policy no longer allows.
#pragma once

#include <optional>
#include <string>

#include "app/context.h"
#include "core/result.h"

namespace conduct::app {

// A holder seals the case under a new key version now, wrapped for the remaining
// holders and the recovery key. Returns the new version.
// Errors: NotFound for the case (also when the actor may not write it);
// FailedPrecondition when the actor does not hold the case's key.
Result<std::uint32_t> rotate_case_key(Context& context, const Actor& actor, const std::string& code_name);

struct Recovered {
  int cases = 0;   // cases whose key the kit opened and granted from
  int grants = 0;  // wraps made for members
};

// A chair with the recovery kit grants what the queue of pending grants holds, on one
// case or on every case, as a holder would: screenings are approved in the chair's
// name, and every member the policy lets read the case whose keys are certified gets
// the key versions the recovery key opens.
// Errors: PermissionDenied for non-chairs; InvalidArgument (field "kit") for a kit with
// a typing mistake or one that is not this community's; NotFound for a named case.
Result<Recovered> recover_case_keys(Context& context, const Actor& chair, const std::string& kit,
                                    const std::optional<std::string>& code_name);

// Revokes, on every case of the community, the wraps of members the policy no longer
// lets read it (expired oversight, former members, new exclusions); those cases rotate
// at their next write. Returns how many wraps' holders were removed.
Result<int> sweep_case_keys(Context& context, std::int64_t community_id);

}  // namespace conduct::app
