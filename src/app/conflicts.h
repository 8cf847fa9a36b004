// Conflicts of interest and the grants that let someone outside the group see a case:
// declaring a conflict, screening cases (new members, possible conflicts), inviting an
// adviser, and board oversight.
#pragma once

#include <string>
#include <vector>

#include "app/context.h"
#include "core/result.h"
#include "domain/conflicts.h"

namespace conduct::app {

// Records the conflicts that `parties` of `owner` make known for `members` (exclusions
// of parties and reported persons, possible conflicts for a shared employer), skipping
// what is already recorded. Used inside the transaction that records the parties, or
// that adds a member. No access check: the caller's use case made it.
Status record_known_conflicts(Context& context, const domain::Case& owner, const std::vector<domain::Party>& parties,
                              const std::vector<domain::Member>& members);

// Recuses the actor from the case. From the next request on the case does not exist
// for them: not in lists, counts or search. `note` is optional, sealed and shown to
// nobody. A pending possible conflict (shared employer) is confirmed by this.
// Errors: NotFound when the actor cannot see the case (already excluded included).
Status declare_conflict(Context& context, const Actor& actor, const std::string& code_name, const std::string& note);

// What a member still has to screen: cases opened before they joined, and cases with a
// possible conflict for them to confirm or dismiss. Only code names are shown.
struct ScreeningItem {
  domain::Case summary;
  bool possible_conflict = false;  // false: a case from before the member joined
};
Result<std::vector<ScreeningItem>> cases_to_screen(Context& context, const Actor& actor);

// The actor declares they have no conflict with the case. For a case from before they
// joined, access follows once a member who handles the case approves it
// (approve_access); a dismissed possible conflict gives access at once.
// Errors: NotFound when there is nothing to screen on that case for them.
Status clear_case(Context& context, const Actor& actor, const std::string& code_name);

// Screened members waiting for access to cases the actor handles.
struct AccessRequest {
  domain::Case summary;
  domain::Member member;
  Timestamp screened_at;
};
Result<std::vector<AccessRequest>> access_requests(Context& context, const Actor& actor);

// Lets a screened member into the case. Errors: NotFound for the case (also when the
// actor may not handle it) or when `email` has no screening waiting on it.
Status approve_access(Context& context, const Actor& actor, const std::string& code_name, const std::string& email);

// A chair lets an adviser see one case. Errors: NotFound for the case; InvalidArgument
// (field "adviser") when the email is not an active adviser; AlreadyExists.
Status invite_adviser(Context& context, const Actor& actor, const std::string& code_name, const std::string& email);

// A board member asks to see one case, with a reason, for `days` days (1–90).
// Errors: InvalidArgument for the fields (checked first); NotFound for a missing case
// and, alike, for anyone who is not a board member.
Result<domain::OversightGrant> request_oversight(Context& context, const Actor& actor, const std::string& code_name,
                                                 const std::string& reason, int days);

// The oversight requests of a case, for a chair deciding on them.
Result<std::vector<domain::OversightGrant>> oversight_requests(Context& context, const Actor& actor,
                                                              const std::string& code_name);

// A chair approves request `grant_id` of the case; the grant runs from now.
// Errors: NotFound for the case or the request; FailedPrecondition when already approved.
Status approve_oversight(Context& context, const Actor& actor, const std::string& code_name, std::int64_t grant_id);

}  // namespace conduct::app
