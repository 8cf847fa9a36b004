// Linking reports about the same incident into one case (docs/domain.md "Linked
// cases"). Several people may report one incident, each report opening its own case
// (the public form, mail, a local representative). A member links such a case into
// the case the group handles the incident in, the primary: its reports are then read
// and decided there. A case linked by mistake is split out again. Both are recorded on
// the timelines of both cases. See case_links.cpp for the rules in words.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "domain/case.h"
#include "domain/case_edit.h"
#include "domain/conflicts.h"
#include "domain/member.h"

namespace conduct::domain {

// One link: `linked_case_id`'s reports are handled in `primary_case_id`.
struct CaseLink {
  std::int64_t linked_case_id = 0;
  std::int64_t primary_case_id = 0;
  std::optional<std::int64_t> linked_by;
  Timestamp linked_at;
};

// What one case takes part in: the case it is linked into, or the cases linked into it
// (never both: links do not chain).
struct CaseLinks {
  std::optional<std::int64_t> primary;
  std::vector<std::int64_t> linked;
};

// The link to store and the entry each case gets, numbered `*_next_entry`.
struct LinkPlan {
  CaseLink link;
  TimelineEntry primary_entry;
  TimelineEntry linked_entry;
};

struct LinkSide {
  const Case& summary;
  const CaseLinks& links;
  int next_entry = 1;
};

// Links `linked` into `primary`. `note` (optional) says why the reports are about the
// same incident. Errors (InvalidArgument on the field "case", FailedPrecondition):
// the same case twice; `linked` already linked into a case, or holding cases linked
// into it; `primary` itself linked into another case.
Result<LinkPlan> plan_link(const LinkSide& primary, const LinkSide& linked, const std::string& note,
                           const Member& actor, Timestamp now);

// Closing `duplicate`, just linked into the case it repeats, as resolved (by the group,
// outcome duplicate) with a transition entry numbered `next_entry`. Errors:
// FailedPrecondition for a case resolved already.
Result<CaseEdit> plan_close_as_duplicate(const Case& duplicate, int next_entry, const Member& actor, Timestamp now);

// The entries of a split: `linked` leaves `primary` and is a case of its own again.
// `reason` (required) says why the link was a mistake. Errors: `linked` is not linked
// into `primary` (NotFound, "case"); a missing or bad reason (InvalidArgument).
struct SplitPlan {
  TimelineEntry primary_entry;
  TimelineEntry linked_entry;
};
Result<SplitPlan> plan_split(const LinkSide& primary, const LinkSide& linked, const std::string& reason,
                             const Member& actor, Timestamp now);

// A conflict with one report of an incident is a conflict with the incident: the cases
// of a link group share their exclusions. Given the group's case ids and the
// exclusions recorded on any of them, returns those missing: for each member excluded
// from one case, an exclusion from each other case of the group that lacks one
// (reason LinkedCase, no note, at `now`). By case, then member.
std::vector<Exclusion> exclusions_to_share(const std::vector<std::int64_t>& group,
                                           const std::vector<Exclusion>& recorded, Timestamp now);

}  // namespace conduct::domain
