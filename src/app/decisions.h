// The group's decisions on a case (docs/domain.md "Evaluation" to "The vote rule"):
// evaluate it, record the reported person's response, propose a resolution for each
// reported person, and vote on it. Deciding needs Action::DecideCase and voting
// Action::VoteOnCase, both through the access policy; every use case needs the case's
// key (the texts and ballots are sealed under it), so a vote is counted in the session
// of the member who asks, with the eligible members of that moment.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/context.h"
#include "core/result.h"
#include "domain/evaluation.h"
#include "domain/feedback.h"
#include "domain/proposal.h"
#include "domain/response.h"
#include "domain/unilateral.h"
#include "domain/vote.h"
#include "store/decision_store.h"

namespace conduct::app {

// A proposal with its vote, counted now.
struct ProposalView {
  domain::Proposal proposal;
  std::optional<domain::Vote> vote;
  domain::VoteCount count;
  std::optional<domain::Ballot> own_ballot;  // the asking member's, while they are eligible
  bool eligible = false;                     // the asking member is counted in E now
  // An agreed proposal's feedback round (from its vote's close), whether it is over and
  // where it stands in words.
  std::optional<domain::FeedbackRound> round;
  bool round_closed = false;
  std::string round_state;
};

// An action taken at once (or a revision of one) with its review vote, counted now.
struct ActionView {
  domain::UnilateralAction action;
  std::optional<domain::Vote> vote;
  domain::VoteCount count;
  std::optional<domain::Ballot> own_ballot;
  bool eligible = false;
  bool overdue = false;  // its report to the group is late
  std::string state;     // where it stands, in words
};

// Where a reported person's response stands, and whether a proposal for them may go
// to a vote now (or why not, in words).
struct ResponseView {
  int party_number = 0;
  domain::ResponseFacts facts;
  bool may_go_to_vote = false;
  std::string waiting_for;  // why not, when it may not
};

struct DecisionsView {
  domain::Case summary;
  std::optional<store::EvaluationRow> evaluation;  // the latest; the timeline keeps every one
  domain::PatternFacts pattern;                    // computed now, for the next evaluation
  std::vector<ResponseView> responses;             // one per reported person
  std::vector<ProposalView> proposals;
  std::vector<ActionView> actions;
  bool may_decide = false;  // the asking member may evaluate, record responses and propose
  bool may_vote = false;
};

// What the actor may see of the case's decisions (ReadCase, key held). A vote whose
// count now decides it (every eligible member voted, the deadline passed, a recusal
// left too few) is closed here, in a transaction of its own, with what closing does
// to the case (domain/vote.h). Records a read.
Result<DecisionsView> show_decisions(Context& context, const Actor& actor, const std::string& code_name);

// Records an evaluation (a revision is a new one): the pattern is computed from the
// person records, the case's urgency follows. Errors: those of domain::plan_evaluation.
Result<DecisionsView> evaluate_case(Context& context, const Actor& actor, const std::string& code_name,
                                    const domain::EvaluationCommand& command);

// Records a step of a reported person's response. Errors: those of
// domain::plan_response_step.
Result<DecisionsView> record_response(Context& context, const Actor& actor, const std::string& code_name,
                                      const domain::ResponseCommand& command);

// Proposes a resolution for a reported person and opens its vote; the case moves to
// "deciding" when it is not there yet, and an earlier proposal for the same person
// still voting or agreed is superseded. Errors: those of domain::plan_proposal;
// FailedPrecondition (nothing written) when the person has not yet had the chance to
// respond (domain::may_go_to_vote) or the case cannot move to "deciding" from where it is.
Result<DecisionsView> propose_resolution(Context& context, const Actor& actor, const std::string& code_name,
                                         const domain::ProposalCommand& command);

// What a ballot is cast on: a proposal's vote, or the review of an action.
enum class BallotOn { Proposal, Action };

// Casts (or changes) the actor's ballot on the vote of proposal `proposal_number`
// (or, with BallotOn::Action, on the review of action `proposal_number`).
// Errors: InvalidArgument ("ballot", "proposal"); FailedPrecondition for a vote that
// has closed, a proposal not being voted on, or a member who declared a conflict on
// the case; NotFound, as for a case that does not exist, for anyone else the policy
// does not let vote (an adviser too, as for a transition).
Result<DecisionsView> cast_ballot(Context& context, const Actor& actor, const std::string& code_name,
                                  int proposal_number, const std::string& ballot, BallotOn on = BallotOn::Proposal);

// Records that an affected person was asked for feedback on an agreed proposal (through
// the portal the words go to the reporter, by email too when they asked for it; other
// channels record a contact made outside), or their answer. Errors: those of
// domain::plan_feedback_step; FailedPrecondition for the portal on a case without a
// reporter thread.
Result<DecisionsView> record_feedback(Context& context, const Actor& actor, const std::string& code_name,
                                      const domain::FeedbackCommand& command);

// Confirms an agreed proposal once its feedback round is over: the case moves to
// "enacting" and the proposal is enacted. Errors: those of domain::plan_enactment
// (FailedPrecondition, nothing written, while the round is open).
Result<DecisionsView> enact_proposal(Context& context, const Actor& actor, const std::string& code_name,
                                     int proposal_number, const std::string& note);

// Records an action the actor took at once (DecideCase); their report to the group is
// then due. Errors: those of domain::plan_unilateral_action.
Result<DecisionsView> take_action(Context& context, const Actor& actor, const std::string& code_name,
                                  const domain::ActionCommand& command);

// The actor reports action `number` they took to the group: its review vote opens.
// Errors: those of domain::plan_action_report; InvalidArgument naming "action" for a
// number the case has no action for.
Result<DecisionsView> report_action(Context& context, const Actor& actor, const std::string& code_name, int number,
                                    const std::string& text);

// Puts a revision of action `number` to the vote (DecideCase): the action's own vote
// stops counting and an earlier revision under review is superseded. Errors: those of
// domain::plan_action_revision; InvalidArgument naming "action".
Result<DecisionsView> revise_action(Context& context, const Actor& actor, const std::string& code_name, int number,
                                    const domain::ActionCommand& command);

// For a transition by hand (cases.h), inside its transaction: a case with an agreed
// proposal moves to "enacting" only by enacting it, so that its feedback round is kept.
Status check_move_by_hand(Context& context, const domain::Case& current, domain::CaseState target);

}  // namespace conduct::app
