// A proposed resolution for one reported person (docs/domain.md "Proposals";
// reference/enforcement-manual.md "Resolutions", enforcement-ladder.md): a rung of the
// community's ladder or another resolution, with what the person is asked to change,
// how harm may be repaired, conditions for return, a review date and the wording of
// the messages that would be sent. The group votes on it (vote_count.h). Pure: see
// proposal.cpp for the rules in words.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "domain/case.h"
#include "domain/member.h"
#include "domain/policy.h"

namespace conduct::domain {

// Resolutions that are not rungs of the ladder, in the order forms list them.
const std::vector<std::string>& other_resolutions();

struct ProposalCommand {
  int reported_party = 0;  // the number of a reported person among the case's parties
  std::string resolution;  // a ladder key ("warning", …) or one of other_resolutions()
  std::optional<int> duration_days;
  std::string behaviour;            // the behavioural modifications asked for
  std::string repair;               // how the harm may be repaired
  std::string conditions;           // conditions for return
  std::string review_on;            // YYYY-MM-DD, or empty
  std::string message_to_reported;  // the wording that would be sent to the person
  std::string message_to_reporter;  // and to the reporter
};

// Where a proposal stands: put to the vote when made; agreed or not by the vote;
// superseded by a later proposal for the same person (a revision); enacted once the
// feedback round closed and the group confirmed it.
enum class ProposalStatus { Voting, Agreed, NotAgreed, Superseded, Enacted };
NameTable<ProposalStatus> proposal_status_names();
std::string_view to_string(ProposalStatus status);
std::optional<ProposalStatus> parse_proposal_status(std::string_view name);

struct Proposal {
  int number = 0;  // 1, 2, … within the case
  ProposalStatus status = ProposalStatus::Voting;
  int reported_party = 0;
  std::string resolution;
  std::optional<int> ladder_rank;  // for a rung of the ladder: the policy's rank
  std::optional<int> duration_days;
  std::string behaviour;   // sealed
  std::string repair;      // sealed
  std::string conditions;  // sealed
  std::optional<Date> review_on;
  std::string message_to_reported;  // sealed
  std::string message_to_reporter;  // sealed
  std::int64_t proposed_by = 0;
  Timestamp proposed_at;
};

struct ProposalPlan {
  Proposal proposal;
  TimelineEntry entry;  // kind proposal: the resolution in words, numbered `next_entry`
};

// Checks every field (all problems at once, by field name) against the case and the
// policy. Errors: InvalidArgument naming the fields; FailedPrecondition for a case that
// is resolved or held.
Result<ProposalPlan> plan_proposal(const CaseRecord& record, const Policy& policy, const ProposalCommand& command,
                                   const Member& actor, int next_proposal, int next_entry, Timestamp now);

}  // namespace conduct::domain
