// The group's own matters put to the vote (domain/group_matter.h): admitting a member, a
// guideline, the policy. A matter's text and its ballots are sealed under a key of its
// own, wrapped for the group's voting members of the day and the recovery key, so a
// vote is counted only in the session of a member who holds it — as a case's is.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/context.h"
#include "core/result.h"
#include "domain/group_matter.h"
#include "domain/vote_count.h"

namespace conduct::app {

// A matter as the list shows it: plain columns only.
struct MatterSummary {
  domain::GroupMatter matter;  // without its text
  std::string proposed_by_name;
};

// A matter as the asking member sees it.
struct MatterView {
  MatterSummary summary;
  // The text, when the member's keys open it; absent for a member who joined after the
  // matter was put to the vote.
  std::optional<std::string> text;
  // The count now, in the member's session, when they hold the matter's key; a member
  // who does not sees only a closed vote's outcome and arithmetic.
  std::optional<domain::VoteCount> count;
  bool eligible = false;     // among the members whose ballots count now
  bool stood_aside = false;  // the member stood aside from it
  std::optional<domain::Ballot> own_ballot;
};

// Puts a matter to the vote as the community's next. Errors: PermissionDenied for
// anyone but the group's voting members; InvalidArgument naming "kind", "text" or
// "vote_days".
Result<MatterView> propose_matter(Context& context, const Actor& actor, const domain::MatterCommand& command);

// A page of the community's matters, newest first (at most 200 a page).
Result<std::vector<MatterSummary>> list_matters(Context& context, const Actor& actor, std::size_t limit,
                                                std::size_t offset);

// Matter `number`, counted now; a count that decides closes its vote. Audited as a
// read. Errors: NotFound for a number the community has no matter under.
Result<MatterView> show_matter(Context& context, const Actor& actor, int number);

// Casts or changes the member's ballot ("agree", "object", "abstain"). Errors: as
// show_matter; InvalidArgument naming "ballot"; FailedPrecondition (with the reason)
// for a closed vote, a member who stood aside, or one who does not vote on it (they
// joined after it was put to the vote).
Result<MatterView> cast_matter_ballot(Context& context, const Actor& actor, int number, const std::string& ballot);

// The member stands aside from the matter (an interest in it): they drop out of its
// count at once. Errors: as show_matter; FailedPrecondition when they did already or
// its vote has closed.
Result<MatterView> stand_aside_from_matter(Context& context, const Actor& actor, int number);

}  // namespace conduct::app
