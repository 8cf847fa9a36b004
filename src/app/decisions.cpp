#include "app/decisions.h"

#include <algorithm>

#include "app/access.h"
#include "app/audit.h"
#include "app/case_keys.h"
#include "app/cases.h"
#include "app/decision_steps.h"
#include "app/reporter_thread.h"
#include "core/field_errors.h"
#include "core/text.h"
#include "domain/code_name.h"
#include "domain/lifecycle.h"

namespace conduct::app {

using domain::Action;

namespace {

// What the decisions' rules read of a case: its summary and its parties (never its
// timeline or reports, which a decision does not need opened).
Result<domain::CaseRecord> decision_record(Context& context, const domain::Case& summary) {
  domain::CaseRecord record;
  record.summary = summary;
  ASSIGN_OR_RETURN(record.parties, context.store.load_parties(summary));
  return record;
}

// Who a vote counts now: E, the members the access policy lets vote on the case
// (voting roles without a conflict, screened and approved), and every active member of
// a voting role (for the all-members majority).
struct Electorate {
  std::vector<std::int64_t> eligible;
  int all_voting_members = 0;
};

Electorate electorate_of(const Context& context, const AccessView& view, const domain::Case& summary) {
  Electorate electorate;
  const Timestamp now = context.clock.now();
  const Date today = date_of(now);
  for (const domain::Member& member : view.members) {
    if (!domain::is_active_on(member, today)) continue;
    if (domain::is_voting_role(member.role)) ++electorate.all_voting_members;
    const domain::CaseRelation relation = domain::relation_of(member, summary, view.facts, view.members, now);
    if (domain::decide_access(member, Action::VoteOnCase, relation, today).allowed)
      electorate.eligible.push_back(member.id);
  }
  return electorate;
}

domain::VoteCount count_now(const Context& context, const domain::VotingPolicy& policy, const domain::Vote& vote,
                            const Electorate& electorate, const std::map<std::int64_t, domain::Ballot>& ballots) {
  domain::VoteCountInput input;
  input.proposer_id = vote.proposer_id;
  input.eligible = electorate.eligible;
  input.all_voting_members = electorate.all_voting_members;
  input.ballots = ballots;
  input.deadline_passed = domain::deadline_passed(vote, context.clock.now());
  input.ladder_rank = vote.ladder_rank;
  return domain::count_votes(policy, input);
}

// The vote on each proposal still being voted on, by proposal number (a proposal has
// one vote).
std::map<int, domain::Vote> votes_by_proposal(const std::vector<domain::Vote>& votes) {
  std::map<int, domain::Vote> by_proposal;
  for (const domain::Vote& vote : votes)
    if (vote.proposal_number) by_proposal[*vote.proposal_number] = vote;
  return by_proposal;
}

// The review vote of each action, by action number (an action has at most one).
std::map<int, domain::Vote> votes_by_action(const std::vector<domain::Vote>& votes) {
  std::map<int, domain::Vote> by_action;
  for (const domain::Vote& vote : votes)
    if (vote.action_number) by_action[*vote.action_number] = vote;
  return by_action;
}

// A vote as the asking member sees it, into `shown` (a proposal's or an action's view):
// the vote, its count now, whether they are in E, and their ballot while they are.
template <typename Shown>
Status count_into(Context& context, const Actor& actor, const domain::Case& summary, const domain::Vote& vote,
                  const Electorate& electorate, Shown& shown) {
  ASSIGN_OR_RETURN(const auto ballots, context.store.load_ballots(summary, vote.id));
  shown.vote = vote;
  shown.count = count_now(context, actor.community.policy.voting, vote, electorate, ballots);
  shown.eligible =
      std::find(electorate.eligible.begin(), electorate.eligible.end(), actor.member.id) != electorate.eligible.end();
  if (const auto own = ballots.find(actor.member.id); own != ballots.end() && shown.eligible)
    shown.own_ballot = own->second;
  return ok_status();
}

Result<DecisionsView> build_view(Context& context, const Actor& actor, const domain::Case& summary) {
  DecisionsView view;
  view.summary = summary;
  ASSIGN_OR_RETURN(const AccessView access, load_access_view(context, actor.community.id, summary.id));
  view.may_decide = may(context, access, actor, Action::DecideCase, summary);
  view.may_vote = may(context, access, actor, Action::VoteOnCase, summary);
  ASSIGN_OR_RETURN(view.evaluation, context.store.latest_evaluation(summary));
  ASSIGN_OR_RETURN(view.pattern, context.store.pattern_facts(summary.id));

  ASSIGN_OR_RETURN(const domain::CaseRecord record, decision_record(context, summary));
  ASSIGN_OR_RETURN(const auto facts, context.store.load_response_facts(summary.id));
  const Timestamp now = context.clock.now();
  for (const domain::Party& party : record.parties) {
    if (party.role != domain::PartyRole::ReportedPerson) continue;
    ResponseView response;
    response.party_number = party.number;
    if (const auto found = facts.find(party.number); found != facts.end()) response.facts = found->second;
    const Status ready = domain::may_go_to_vote(actor.community.policy, summary, response.facts, now);
    response.may_go_to_vote = ready.ok();
    if (!ready.ok()) response.waiting_for = ready.error().message;
    view.responses.push_back(std::move(response));
  }

  const Electorate electorate = electorate_of(context, access, summary);
  ASSIGN_OR_RETURN(const std::vector<domain::Vote> votes, context.store.votes_of_case(summary.id));
  const std::map<int, domain::Vote> by_proposal = votes_by_proposal(votes);
  ASSIGN_OR_RETURN(const std::vector<domain::Proposal> proposals, context.store.list_proposals(summary));
  for (const domain::Proposal& proposal : proposals) {
    ProposalView shown;
    shown.proposal = proposal;
    if (const auto found = by_proposal.find(proposal.number); found != by_proposal.end()) {
      TRY(count_into(context, actor, summary, found->second, electorate, shown));
      if (proposal.status == domain::ProposalStatus::Agreed && found->second.closed_at) {
        ASSIGN_OR_RETURN(const auto recorded, context.store.load_feedback(summary.id, proposal.number));
        shown.round = domain::feedback_round(record, proposal, *found->second.closed_at, recorded,
                                             actor.community.policy.deadlines);
        shown.round_closed = domain::round_closed(*shown.round, now);
        shown.round_state = domain::round_state_in_words(*shown.round, now);
      }
    }
    view.proposals.push_back(std::move(shown));
  }

  const std::map<int, domain::Vote> by_action = votes_by_action(votes);
  ASSIGN_OR_RETURN(const std::vector<domain::UnilateralAction> actions, context.store.list_actions(summary));
  for (const domain::UnilateralAction& action : actions) {
    ActionView shown;
    shown.action = action;
    shown.overdue = domain::report_overdue(action, now);
    shown.state = domain::action_state_in_words(action, now);
    if (const auto found = by_action.find(action.number); found != by_action.end()) {
      TRY(count_into(context, actor, summary, found->second, electorate, shown));
    }
    view.actions.push_back(std::move(shown));
  }
  return view;
}

// A vote whose count now decides it, on a proposal still being voted on or an action
// under review.
bool decided_but_open(const ProposalView& shown) {
  return shown.vote && !shown.vote->closed_at && shown.proposal.status == domain::ProposalStatus::Voting &&
         shown.count.outcome != domain::VoteOutcome::Open;
}
bool decided_but_open(const ActionView& shown) {
  return shown.vote && !shown.vote->closed_at && shown.action.status == domain::ActionStatus::UnderReview &&
         shown.count.outcome != domain::VoteOutcome::Open;
}
bool any_decided_but_open(const DecisionsView& view) {
  const auto decided = [](const auto& shown) { return decided_but_open(shown); };
  return std::any_of(view.proposals.begin(), view.proposals.end(), decided) ||
         std::any_of(view.actions.begin(), view.actions.end(), decided);
}

// Closes every vote the count now decides, with what closing does to the case: the
// proposal agreed or not, the vote's entry, the case's move. Inside the caller's
// transaction; `current` follows the case's state. Returns the view as it then stands,
// counted once more only when a vote closed.
Result<DecisionsView> settle_votes(Context& context, const Actor& actor, domain::Case& current) {
  ASSIGN_OR_RETURN(const DecisionsView view, build_view(context, actor, current));
  if (!any_decided_but_open(view)) return view;
  for (const ActionView& shown : view.actions) {
    if (!decided_but_open(shown)) continue;
    const Timestamp now = context.clock.now();
    TRY(context.store.close_vote(shown.vote->id, shown.count, now));
    TRY(prepare_case_write(context, current));
    ASSIGN_OR_RETURN(const int next_entry, context.store.next_entry_number(current));
    const domain::ReviewOutcome outcome = domain::review_outcome(shown.action, shown.count, next_entry, now);
    TRY(context.store.set_action_status(current.id, shown.action.number, outcome.status, std::nullopt));
    if (outcome.original_status)
      TRY(context.store.set_action_status(current.id, *shown.action.revises, *outcome.original_status, std::nullopt));
    domain::CaseEdit edit;
    edit.new_entries.push_back(outcome.entry);
    TRY(apply_case_edit(context, current, edit));
    TRY(record_action(context, actor, audit_action::kCloseVote, current.code_name));
  }
  for (const ProposalView& shown : view.proposals) {
    if (!decided_but_open(shown)) continue;
    const Timestamp now = context.clock.now();
    TRY(context.store.close_vote(shown.vote->id, shown.count, now));
    const bool passed = shown.count.outcome == domain::VoteOutcome::PassedByConsensus ||
                        shown.count.outcome == domain::VoteOutcome::PassedByTwoThirds;
    TRY(context.store.set_proposal_status(current.id, shown.proposal.number,
                                          passed ? domain::ProposalStatus::Agreed : domain::ProposalStatus::NotAgreed));
    TRY(prepare_case_write(context, current));
    ASSIGN_OR_RETURN(const int next_entry, context.store.next_entry_number(current));
    TRY(apply_case_edit(context, current,
                        domain::case_edit_after_vote(current, *shown.vote, shown.count, next_entry, now)));
    TRY(record_action(context, actor, audit_action::kCloseVote, current.code_name));
  }
  return build_view(context, actor, current);
}

// The case to vote on. A member who may not vote on it gets the NotFound of a case
// they may not see, as on every other route (an adviser, who may read it, too: as for
// a transition), except one who declared a conflict on it: they know the case, and
// are told why they take no part. The same look-ups are made either way.
Result<domain::Case> case_to_vote_on(Context& context, const Actor& actor, const std::string& code_name) {
  Result<domain::Case> found = find_held_case_for(context, actor, Action::VoteOnCase, code_name);
  if (found.ok() || found.error().code != ErrorCode::NotFound) return found;
  const std::optional<std::string> normal = domain::normalise_case_code_name(code_name);
  auto stored = normal ? context.store.find_case(actor.community.id, *normal) : Result<domain::Case>(found.error());
  ASSIGN_OR_RETURN(const AccessView view, load_access_view(context, actor.community.id, stored.ok() ? stored->id : 0));
  for (const domain::Exclusion& exclusion : view.facts.exclusions)
    if (stored.ok() && exclusion.member_id == actor.member.id && exclusion.reason == domain::ExclusionReason::Declared)
      return failed_precondition("you declared a conflict of interest on this case: you take no part in its vote");
  return found;
}

// The proposal numbered `number` as the view shows it; InvalidArgument naming
// "proposal" when the case has none so numbered.
Result<ProposalView> proposal_in(const DecisionsView& view, int number, const std::string& refused) {
  for (const ProposalView& shown : view.proposals)
    if (shown.proposal.number == number) return shown;
  FieldErrors errors;
  errors.add("proposal", "must be the number of a proposal of this case");
  TRY(errors.result(refused));
  return internal_error("unreachable");
}

// The vote a ballot goes to: that of proposal `number` while it is being voted on, or
// the review of action `number` while it is under review.
Result<domain::Vote> vote_to_cast_on(const DecisionsView& view, int number, BallotOn on) {
  FieldErrors errors;
  if (on == BallotOn::Proposal) {
    const auto shown = std::find_if(view.proposals.begin(), view.proposals.end(),
                                    [&](const ProposalView& p) { return p.proposal.number == number; });
    if (shown == view.proposals.end() || !shown->vote) {
      errors.add("proposal", "must be the number of a proposal of this case");
      TRY(errors.result("the ballot could not be cast"));
    }
    if (shown->proposal.status != domain::ProposalStatus::Voting)
      return failed_precondition("proposal " + std::to_string(number) + " is " +
                                 std::string(domain::to_string(shown->proposal.status)) + ", not being voted on");
    return *shown->vote;
  }
  const auto shown = std::find_if(view.actions.begin(), view.actions.end(),
                                  [&](const ActionView& a) { return a.action.number == number; });
  if (shown == view.actions.end()) {
    errors.add("action", "must be the number of an action of this case");
    TRY(errors.result("the ballot could not be cast"));
  }
  if (shown->action.status != domain::ActionStatus::UnderReview || !shown->vote)
    return failed_precondition((shown->action.revises ? "revision " : "action ") + std::to_string(number) + " is " +
                               std::string(domain::to_string(shown->action.status)) + ", not under review");
  return *shown->vote;
}

// What the case records of a reported person's response so far (none for a number
// that is not a reported person's: the rules refuse it by name).
domain::ResponseFacts response_facts_of(const DecisionsView& view, int party_number) {
  for (const ResponseView& response : view.responses)
    if (response.party_number == party_number) return response.facts;
  return {};
}

}  // namespace

Result<DecisionsView> decide(Context& context, const Actor& actor, const std::string& code_name, Action action,
                             const std::function<Status(domain::Case&, const DecisionsView&)>& write) {
  DecisionsView view;
  TRY(transaction(context, [&]() -> Status {
    ASSIGN_OR_RETURN(domain::Case current, find_held_case_for(context, actor, action, code_name));
    TRY(prepare_case_write(context, current));
    // Votes the count has decided since they were last shown close first: a write never
    // acts on a decided vote as if it were open.
    ASSIGN_OR_RETURN(const DecisionsView before, settle_votes(context, actor, current));
    TRY(write(current, before));
    ASSIGN_OR_RETURN(view, settle_votes(context, actor, current));
    return ok_status();
  }));
  return view;
}

Result<DecisionsView> show_decisions(Context& context, const Actor& actor, const std::string& code_name) {
  ASSIGN_OR_RETURN(domain::Case summary, find_held_case_for(context, actor, Action::ReadCase, code_name));
  ASSIGN_OR_RETURN(DecisionsView view, build_view(context, actor, summary));
  if (any_decided_but_open(view)) {
    TRY(transaction(context, [&]() -> Status {
      ASSIGN_OR_RETURN(summary, find_held_case_for(context, actor, Action::ReadCase, code_name));
      ASSIGN_OR_RETURN(view, settle_votes(context, actor, summary));
      return ok_status();
    }));
  }
  TRY(record_read(context, actor, audit_action::kReadCase, summary));
  return view;
}

Result<DecisionsView> evaluate_case(Context& context, const Actor& actor, const std::string& code_name,
                                    const domain::EvaluationCommand& command) {
  return decide(
      context, actor, code_name, Action::DecideCase, [&](domain::Case& current, const DecisionsView& before) -> Status {
        ASSIGN_OR_RETURN(const domain::CaseRecord record, decision_record(context, current));
        ASSIGN_OR_RETURN(const int next_entry, context.store.next_entry_number(current));
        ASSIGN_OR_RETURN(
            const domain::EvaluationPlan plan,
            domain::plan_evaluation(record, command, before.pattern, actor.member, next_entry, context.clock.now()));
        TRY(context.store.append_entry(current, plan.entry));
        TRY(context.store.insert_evaluation(current, plan.entry.number, plan.evaluation));
        current.urgency = plan.evaluation.urgency;
        return record_action(context, actor, audit_action::kEvaluate, current.code_name);
      });
}

Result<DecisionsView> record_response(Context& context, const Actor& actor, const std::string& code_name,
                                      const domain::ResponseCommand& command) {
  return decide(
      context, actor, code_name, Action::DecideCase, [&](domain::Case& current, const DecisionsView& before) -> Status {
        ASSIGN_OR_RETURN(const domain::CaseRecord record, decision_record(context, current));
        const domain::ResponseFacts so_far = response_facts_of(before, command.reported_party);
        ASSIGN_OR_RETURN(const int next_entry, context.store.next_entry_number(current));
        ASSIGN_OR_RETURN(
            const domain::ResponsePlan plan,
            domain::plan_response_step(record, so_far, command, actor.member, next_entry, context.clock.now()));
        const domain::ResponseStep step = *domain::parse_response_step(trim(command.step));  // the plan checked it
        TRY(context.store.append_entry(current, plan.entry));
        TRY(context.store.insert_response_step(current.id, command.reported_party, step, plan.entry.number,
                                               actor.member.id, context.clock.now()));
        return record_action(context, actor, audit_action::kRecordResponse, current.code_name);
      });
}

Result<DecisionsView> propose_resolution(Context& context, const Actor& actor, const std::string& code_name,
                                         const domain::ProposalCommand& command) {
  return decide(
      context, actor, code_name, Action::DecideCase, [&](domain::Case& current, const DecisionsView& before) -> Status {
        const Timestamp now = context.clock.now();
        const domain::Policy& policy = actor.community.policy;
        ASSIGN_OR_RETURN(const domain::CaseRecord record, decision_record(context, current));
        ASSIGN_OR_RETURN(const int number, context.store.next_proposal_number(current.id));
        ASSIGN_OR_RETURN(int next_entry, context.store.next_entry_number(current));
        ASSIGN_OR_RETURN(domain::ProposalPlan plan,
                         domain::plan_proposal(record, policy, command, actor.member, number, next_entry, now));
        // The procedure, after the fields: the person had their chance to respond, and the
        // case can go to a vote from where it stands.
        TRY(domain::may_go_to_vote(policy, current, response_facts_of(before, command.reported_party), now));
        std::optional<domain::CaseEdit> to_deciding;
        if (current.state != domain::CaseState::Deciding) {
          domain::TransitionCommand move;
          move.to = std::string(domain::to_string(domain::CaseState::Deciding));
          move.reason = "Proposal " + std::to_string(number) + " is put to the vote.";
          ASSIGN_OR_RETURN(to_deciding, domain::plan_transition(current, next_entry + 1, move, actor.member, now));
        }

        for (const ProposalView& shown : before.proposals) {
          const domain::Proposal& other = shown.proposal;
          if (other.reported_party == command.reported_party &&
              (other.status == domain::ProposalStatus::Voting || other.status == domain::ProposalStatus::Agreed))
            TRY(context.store.set_proposal_status(current.id, other.number, domain::ProposalStatus::Superseded));
        }
        TRY(context.store.append_entry(current, plan.entry));
        TRY(context.store.insert_proposal(current, plan.entry.number, plan.proposal));
        if (to_deciding) TRY(apply_case_edit(context, current, *to_deciding));
        ASSIGN_OR_RETURN(const std::int64_t vote_id, context.store.insert_vote(domain::open_proposal_vote(
                                                         current, plan.proposal, policy.voting, now)));
        (void)vote_id;
        return record_action(context, actor, audit_action::kPropose, current.code_name);
      });
}

Result<DecisionsView> cast_ballot(Context& context, const Actor& actor, const std::string& code_name, int number,
                                  const std::string& ballot, BallotOn on) {
  DecisionsView view;
  TRY(transaction(context, [&]() -> Status {
    ASSIGN_OR_RETURN(domain::Case current, case_to_vote_on(context, actor, code_name));
    // A vote the count has decided since it was last shown (a recusal left everyone
    // remaining voted) closes first: a ballot never changes a decided vote.
    ASSIGN_OR_RETURN(const DecisionsView before, settle_votes(context, actor, current));
    ASSIGN_OR_RETURN(const domain::Vote open, vote_to_cast_on(before, number, on));
    ASSIGN_OR_RETURN(const domain::Ballot cast, domain::plan_ballot(open, ballot, context.clock.now()));
    TRY(prepare_case_write(context, current));
    TRY(context.store.cast_ballot(current, open.id, actor.member.id, cast, context.clock.now()));
    TRY(record_action(context, actor, audit_action::kCastBallot, current.code_name));
    ASSIGN_OR_RETURN(view, settle_votes(context, actor, current));
    return ok_status();
  }));
  return view;
}

Result<DecisionsView> record_feedback(Context& context, const Actor& actor, const std::string& code_name,
                                      const domain::FeedbackCommand& command) {
  return decide(
      context, actor, code_name, Action::DecideCase, [&](domain::Case& current, const DecisionsView& before) -> Status {
        const Timestamp now = context.clock.now();
        ASSIGN_OR_RETURN(const ProposalView shown,
                         proposal_in(before, command.proposal, "the feedback could not be recorded"));
        ASSIGN_OR_RETURN(const int next_entry, context.store.next_entry_number(current));
        ASSIGN_OR_RETURN(domain::FeedbackPlan plan, domain::plan_feedback_step(current, shown.proposal, shown.round,
                                                                               command, actor.member, next_entry, now));
        if (plan.step == domain::FeedbackStep::Asked) {
          if (plan.channel == domain::FeedbackChannel::Portal) {
            ASSIGN_OR_RETURN(const SentToReporter sent, send_to_reporter(context, actor, current, trim(command.text)));
            plan.entry.body += "\n(Sent " + sent.channels + ".)";
          }
          TRY(context.store.insert_feedback_asked(current.id, command.proposal, command.party, *plan.channel,
                                                  actor.member.id, now));
        } else {
          TRY(context.store.record_feedback_answer(current.id, command.proposal, command.party, actor.member.id, now));
        }
        TRY(context.store.append_entry(current, plan.entry));
        return record_action(context, actor, audit_action::kRecordFeedback, current.code_name);
      });
}

Result<DecisionsView> enact_proposal(Context& context, const Actor& actor, const std::string& code_name,
                                     int proposal_number, const std::string& note) {
  return decide(context, actor, code_name, Action::DecideCase,
                [&](domain::Case& current, const DecisionsView& before) -> Status {
                  ASSIGN_OR_RETURN(const ProposalView shown,
                                   proposal_in(before, proposal_number, "the proposal could not be enacted"));
                  std::optional<int> another_voting;
                  for (const ProposalView& other : before.proposals)
                    if (other.proposal.status == domain::ProposalStatus::Voting && !another_voting)
                      another_voting = other.proposal.number;
                  ASSIGN_OR_RETURN(const int next_entry, context.store.next_entry_number(current));
                  ASSIGN_OR_RETURN(const domain::CaseEdit edit,
                                   domain::plan_enactment(current, shown.proposal, shown.round, note, actor.member,
                                                          next_entry, context.clock.now(), another_voting));
                  TRY(apply_case_edit(context, current, edit));
                  TRY(context.store.set_proposal_status(current.id, proposal_number, domain::ProposalStatus::Enacted));
                  return record_action(context, actor, audit_action::kEnact, current.code_name);
                });
}

Status check_move_by_hand(Context& context, const domain::Case& current, domain::CaseState target) {
  if (target != domain::CaseState::Enacting) return ok_status();
  ASSIGN_OR_RETURN(const std::optional<int> agreed,
                   context.store.proposal_in_status(current.id, domain::ProposalStatus::Agreed));
  if (!agreed) return ok_status();
  return failed_precondition("proposal " + std::to_string(*agreed) +
                             " was agreed: enact it once its feedback round is over, rather than moving the case by "
                             "hand");
}

}  // namespace conduct::app
