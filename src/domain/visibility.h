// Which cases a member's list reaches, in a form a store can answer with indexed
// queries instead of asking the policy case by case (docs/performance.md: every request costs the
// same at 100 cases and at 100,000).
//
// The access policy (access.cpp) stays the one source of truth: case_listing_for asks
// decide_access(ListCases) how the member stands towards a case in each of the ways a
// case can reach them, and the store turns the answer into SQL over the relation
// tables that relation_of reads (exclusions, possible conflicts, screenings,
// invitations, oversight grants). Those tables are written in the same transaction as
// the change that alters them, so the answer is never stale. What each reach means:
//
//   GroupCases     every case of the community, except those the member is excluded
//                  from or has a possible conflict on to answer, and except cases
//                  opened before the member joined unless their screening of it was
//                  approved.
//   InvitedCases   the cases the member is invited to, except those they are excluded
//                  from.
//   OverseenCases  the cases the member holds an approved oversight grant for that has
//                  not expired at `now`, and the cases routed to the board because every
//                  active chair is excluded; except those the member is excluded from.
//   Nothing        no case (an inactive member; a role that lists none).
//
// A case held in escrow is left out of every reach unless the policy lists such a case
// (it lists none: access.cpp), asked the same way, with the reach's relation and the
// escrow.
//
// Time-dependent rules (a term that ended, a grant that expired, who is an active
// chair today) are evaluated against `now` in the query itself, never by a job that
// could lag behind. tests/store/visibility_property_test.cpp checks, for random
// worlds, that the store's answer equals the policy's case by case.
#pragma once

#include <cstdint>
#include <vector>

#include "core/time.h"
#include "domain/member.h"

namespace conduct::domain {

enum class ListingReach { Nothing, GroupCases, InvitedCases, OverseenCases };

struct CaseListing {
  ListingReach reach = ListingReach::Nothing;
  std::int64_t member_id = 0;
  Timestamp joined_at;  // GroupCases: cases opened earlier need an approved screening
  Timestamp now;        // OverseenCases: grants active at this time
  // OverseenCases: the community's chairs and vice-chairs active today; a case that
  // excludes every one of them is routed to the board. Empty: no case is routed.
  std::vector<std::int64_t> active_chair_ids;
  // Whether cases held in escrow are among those reached (never, as the policy stands).
  bool reaches_escrowed = false;
};

// How far `actor`'s case list reaches on `now`; `members` are the community's members
// (for the active chairs). Derived from decide_access, never from roles directly.
CaseListing case_listing_for(const Member& actor, const std::vector<Member>& members, Timestamp now);

}  // namespace conduct::domain
