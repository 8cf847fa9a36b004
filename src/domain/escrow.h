// Reports held in escrow (docs/domain.md "Receiving a report"; what reporters of other
// systems ask for, as Callisto offers it): a reporter on the public form may ask that
// their report wait, seen by nobody in the group, until another report names the same
// person; the group then hears of both at once. See escrow.cpp for the rule in words.
// Who may see a held case is the access policy's to say (access.h: nobody).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "domain/case.h"
#include "domain/conflicts.h"

namespace conduct::domain {

// What of a report can release a held case: its reported persons' contacts (emails and
// handles) and names as `key_of` gives them (the app's blind index), and their person
// records. Empty keys are left out; no field of a party in another role is taken.
struct EscrowMatchKeys {
  std::vector<std::string> contacts;
  std::vector<std::string> names;
  std::vector<std::int64_t> person_ids;
  bool empty() const { return contacts.empty() && names.empty() && person_ids.empty(); }
};
EscrowMatchKeys escrow_match_keys(const std::vector<Party>& parties, const MatchKeyFunction& key_of);

// The cases a report just written releases. `matched` are the community's held cases,
// other than `written`'s own, that name as reported a person `written` names as
// reported (the store finds them by escrow_match_keys). Every one of them is released,
// and `written` too when it is itself held and matched one. In the order given,
// `written` last.
std::vector<Case> cases_released_by(const Case& written, const std::vector<Case>& matched);

// The release of one held case: the case with its escrow cleared, and the timeline
// entry that records it, written by the system (no author) and numbered
// `next_entry_number`. The entry says why and nothing of the report that released it.
// Errors: FailedPrecondition for a case that is not held.
struct EscrowRelease {
  Case released;
  TimelineEntry entry;
};
Result<EscrowRelease> plan_release_from_escrow(const Case& held, int next_entry_number, Timestamp now);

}  // namespace conduct::domain
