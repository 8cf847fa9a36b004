// The reported person's chance to respond (docs/domain.md "The reported person's
// response"; reference/enforcement-manual.md "Protection of the Accused"): before a
// proposal for a reported person goes to a vote, the group records that the person was
// told what was reported (in words that protect the reporter) and their response, or
// that the policy's deadline passed without one — unless a member records why safety
// makes telling them impossible, or the policy waives it for the case's categories.
// Pure: see response.cpp for the rule in words.
#pragma once

#include <optional>
#include <string>

#include "core/result.h"
#include "core/time.h"
#include "domain/case.h"
#include "domain/member.h"
#include "domain/policy.h"

namespace conduct::domain {

enum class ResponseStep { Told, Responded, WaivedForSafety };
NameTable<ResponseStep> response_step_names();
std::string_view to_string(ResponseStep step);
std::optional<ResponseStep> parse_response_step(std::string_view name);

// What the case records so far for one reported person.
struct ResponseFacts {
  std::optional<Timestamp> told_at;
  std::optional<Timestamp> responded_at;
  bool waived_for_safety = false;
};

struct ResponseCommand {
  int reported_party = 0;
  std::string step;  // told, responded or waived-for-safety
  std::string text;  // what they were told; their response; why safety forbids it
};

// The step as an entry of the timeline (numbered `next_entry`), and the facts after it.
// Errors: InvalidArgument naming the field (the party must be a reported person, the
// text is required, a response needs the telling first, nothing after a waiver or a
// response of the same kind twice); FailedPrecondition for a resolved case.
struct ResponsePlan {
  ResponseFacts facts;
  TimelineEntry entry;
};
Result<ResponsePlan> plan_response_step(const CaseRecord& record, const ResponseFacts& current,
                                        const ResponseCommand& command, const Member& actor, int next_entry,
                                        Timestamp now);

// Whether a proposal for the person may go to a vote now. FailedPrecondition saying
// what is missing ("… has until 2026-06-04 to respond") otherwise.
Status may_go_to_vote(const Policy& policy, const Case& summary, const ResponseFacts& facts, Timestamp now);

}  // namespace conduct::domain
