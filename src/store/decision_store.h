// The group's decisions on a case (part of the Store interface, store/store.h):
// evaluations, the steps of the reported person's response, proposals, and the votes
// on them with their ballots. Texts and ballots are sealed under the case's key
// (contexts "evaluation:<entry>", "proposal:<number>", "action:<number>",
// "ballot:<vote>:<member>"), so
// a vote is counted only where the case's key is open: in a member's session.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "core/result.h"
#include "domain/case.h"
#include "domain/evaluation.h"
#include "domain/feedback.h"
#include "domain/proposal.h"
#include "domain/response.h"
#include "domain/unilateral.h"
#include "domain/vote.h"

namespace conduct::store {

struct EvaluationRow {
  int entry_number = 0;  // the timeline entry that records it
  domain::Evaluation evaluation;
};

class DecisionStore {
 public:
  virtual ~DecisionStore() = default;

  // Evaluations. insert_evaluation also sets the case's urgency to the evaluation's.
  // latest_evaluation: the newest by entry number, if any.
  virtual Status insert_evaluation(const domain::Case& owner, int entry_number,
                                   const domain::Evaluation& evaluation) = 0;
  virtual Result<std::optional<EvaluationRow>> latest_evaluation(const domain::Case& owner) = 0;

  // What the person records of the case's reported persons say (domain::PatternFacts):
  // the cases opened before this one naming them (none held in escrow, none linked with
  // this one), and those resolved with action taken; whether one is flagged. Through
  // the parties' person index, never the community's cases.
  virtual Result<domain::PatternFacts> pattern_facts(std::int64_t case_id) = 0;

  // The reported person's response: each step once per party (AlreadyExists again).
  virtual Status insert_response_step(std::int64_t case_id, int party_number, domain::ResponseStep step,
                                      int entry_number, std::int64_t recorded_by, Timestamp recorded_at) = 0;
  // The facts per reported party number.
  virtual Result<std::map<int, domain::ResponseFacts>> load_response_facts(std::int64_t case_id) = 0;

  // Proposals, by number within the case (the first is 1).
  virtual Result<int> next_proposal_number(std::int64_t case_id) = 0;
  virtual Status insert_proposal(const domain::Case& owner, int entry_number, const domain::Proposal& proposal) = 0;
  virtual Result<std::vector<domain::Proposal>> list_proposals(const domain::Case& owner) = 0;
  virtual Status set_proposal_status(std::int64_t case_id, int number, domain::ProposalStatus status) = 0;
  // The lowest-numbered proposal of the case in `status`, read without any key.
  virtual Result<std::optional<int>> proposal_in_status(std::int64_t case_id, domain::ProposalStatus status) = 0;

  // Votes. insert_vote returns the new vote's id. close_vote sets the outcome of an
  // open vote and the arithmetic that decided it (FailedPrecondition when it closed
  // already).
  virtual Result<std::int64_t> insert_vote(const domain::Vote& vote) = 0;
  virtual Result<std::vector<domain::Vote>> votes_of_case(std::int64_t case_id) = 0;
  virtual Status close_vote(std::int64_t vote_id, const domain::VoteCount& count, Timestamp closed_at) = 0;

  // The feedback round of a proposal: a person asked once (AlreadyExists again), their
  // answer once after (FailedPrecondition when not asked or answered already).
  virtual Status insert_feedback_asked(std::int64_t case_id, int proposal_number, int party_number,
                                       domain::FeedbackChannel channel, std::int64_t asked_by, Timestamp asked_at) = 0;
  virtual Status record_feedback_answer(std::int64_t case_id, int proposal_number, int party_number,
                                        std::int64_t recorded_by, Timestamp answered_at) = 0;
  virtual Result<std::vector<domain::FeedbackFacts>> load_feedback(std::int64_t case_id, int proposal_number) = 0;

  // Actions taken at once and their revisions, by number within the case (the first is
  // 1). set_action_status sets `reported_at` too when given (NotFound for no such action).
  virtual Result<int> next_action_number(std::int64_t case_id) = 0;
  virtual Status insert_action(const domain::Case& owner, int entry_number, const domain::UnilateralAction& action) = 0;
  virtual Result<std::vector<domain::UnilateralAction>> list_actions(const domain::Case& owner) = 0;
  virtual Status set_action_status(std::int64_t case_id, int number, domain::ActionStatus status,
                                   std::optional<Timestamp> reported_at) = 0;

  // Ballots, sealed under the case's key: a member's ballot replaces their earlier one.
  virtual Status cast_ballot(const domain::Case& owner, std::int64_t vote_id, std::int64_t member_id,
                             domain::Ballot ballot, Timestamp cast_at) = 0;
  virtual Result<std::map<std::int64_t, domain::Ballot>> load_ballots(const domain::Case& owner,
                                                                      std::int64_t vote_id) = 0;
};

}  // namespace conduct::store
