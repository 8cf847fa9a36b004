// The case lifecycle: which state may follow which, and what each move requires.
// See lifecycle.cpp for the rule table in words.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "domain/case.h"
#include "domain/case_edit.h"
#include "domain/member.h"

namespace conduct::domain {

struct TransitionCommand {
  std::string to;                  // a state name
  std::string reason;              // why; recorded on the timeline (sealed)
  std::string resolution_source;   // required when moving to "resolved"
  std::string resolution_outcome;  // required when moving to "resolved"
};

// The states a case in `from` may move to, in the order the procedure usually takes.
std::vector<CaseState> allowed_transitions(CaseState from);

// Checks the move against the rule table and returns the plan: the new state, the
// resolution when resolving (dated `now`), and a transition entry numbered `next_entry_number` that
// records who moved the case, from where to where, and why.
// Errors: InvalidArgument for an unknown state name, a missing reason or a missing or
// unknown resolution field (all reported together); FailedPrecondition when the rule
// table forbids the move, naming the moves that are allowed.
Result<CaseEdit> plan_transition(const Case& current, int next_entry_number, const TransitionCommand& command,
                                 const Member& actor, Timestamp now);

}  // namespace conduct::domain
