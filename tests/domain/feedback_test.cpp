// The feedback round (domain/feedback.h): who is asked, when the round is over, and
// enacting only after it.
#include "domain/feedback.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace conduct::domain {
namespace {

constexpr std::int64_t kDay = 24 * 60 * 60;

// The case being decided with a harmed person (party 3) and a witness (party 4) too.
CaseRecord a_case() {
  CaseRecord record = testing::case_being_decided();
  record.summary.state = CaseState::AwaitingFeedback;
  Party harmed;
  harmed.number = 3;
  harmed.role = PartyRole::HarmedIndividual;
  Party witness;
  witness.number = 4;
  witness.role = PartyRole::Witness;
  record.parties.push_back(harmed);
  record.parties.push_back(witness);
  return record;
}

Proposal agreed() {
  Proposal proposal;
  proposal.number = 1;
  proposal.reported_party = 2;
  proposal.resolution = "warning";
  proposal.status = ProposalStatus::Agreed;
  return proposal;
}

const Timestamp kOpened = testing::test_now();

FeedbackRound round_with(const std::vector<FeedbackFacts>& recorded = {}) {
  return feedback_round(a_case(), agreed(), kOpened, recorded, default_policy().deadlines);
}

FeedbackFacts asked(int party, bool answered = false) {
  FeedbackFacts facts;
  facts.party_number = party;
  facts.asked_at = kOpened;
  facts.channel = FeedbackChannel::Email;
  if (answered) facts.answered_at = Timestamp{kOpened.seconds + kDay};
  return facts;
}

Member member() {
  Member actor;
  actor.id = 6;
  return actor;
}

TEST(FeedbackRound, AsksTheReporterAndThePeopleHarmedUntilTheDeadline) {
  const FeedbackRound round = round_with();
  ASSERT_EQ(round.requests.size(), 2u);
  EXPECT_EQ(round.requests[0].party_number, 1);
  EXPECT_EQ(round.requests[0].role, PartyRole::Reporter);
  EXPECT_EQ(round.requests[1].party_number, 3);
  EXPECT_EQ(round.closes_at.seconds - round.opened_at.seconds, 7 * kDay);
  EXPECT_FALSE(round_closed(round, kOpened));
  EXPECT_EQ(round_state_in_words(round, kOpened),
            "0 of 2 affected people answered; the round is open until " + format_timestamp(round.closes_at));
  EXPECT_TRUE(round_closed(round, round.closes_at));
}

TEST(FeedbackRound, ClosesWhenEveryoneAskedHasAnswered) {
  EXPECT_FALSE(round_closed(round_with({asked(1, true), asked(3)}), kOpened));
  const FeedbackRound all = round_with({asked(1, true), asked(3, true)});
  EXPECT_TRUE(round_closed(all, kOpened));
  EXPECT_EQ(round_state_in_words(all, kOpened), "2 of 2 affected people answered");
}

TEST(FeedbackRound, ACaseNamingNobodyToAskHasItsRoundClosedAtOnce) {
  CaseRecord record = a_case();
  record.parties.erase(record.parties.begin());      // no reporter
  record.parties.erase(record.parties.begin() + 1);  // nor the person harmed
  const FeedbackRound round = feedback_round(record, agreed(), kOpened, {}, default_policy().deadlines);
  EXPECT_TRUE(round.requests.empty());
  EXPECT_TRUE(round_closed(round, kOpened));
}

TEST(FeedbackSteps, AskingRecordsTheWordsShownAndTheChannel) {
  FeedbackCommand command{1, 3, "asked", "phone", "We read them the proposal."};
  const auto plan = plan_feedback_step(a_case().summary, agreed(), round_with(), command, member(), 20, kOpened);
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(plan->step, FeedbackStep::Asked);
  EXPECT_EQ(plan->channel, FeedbackChannel::Phone);
  EXPECT_EQ(plan->entry.kind, EntryKind::Feedback);
  EXPECT_EQ(plan->entry.number, 20);
  EXPECT_EQ(plan->entry.body,
            "Asked the person harmed (party 3) for feedback on proposal 1 (phone), in these words:\n"
            "We read them the proposal.");
}

TEST(FeedbackSteps, EveryProblemIsNamedByField) {
  const auto wrong =
      plan_feedback_step(a_case().summary, agreed(), round_with(), {1, 4, "told", "", " "}, member(), 20, kOpened);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().fields.count("party"), 1u);  // a witness is not asked
  EXPECT_EQ(wrong.error().fields.count("step"), 1u);
  EXPECT_EQ(wrong.error().fields.count("text"), 1u);
  const auto no_channel = plan_feedback_step(a_case().summary, agreed(), round_with(), {1, 1, "asked", "pigeon", "…"},
                                             member(), 20, kOpened);
  EXPECT_EQ(no_channel.error().fields.at("channel"), "must be portal, email, phone, in-person or other");
}

TEST(FeedbackSteps, APersonIsAskedOnceAndAnswersOnceAfterBeingAsked) {
  const Case summary = a_case().summary;
  const auto early =
      plan_feedback_step(summary, agreed(), round_with(), {1, 1, "answered", "", "Fine."}, member(), 20, kOpened);
  EXPECT_EQ(early.error().fields.at("step"), "needs the asking first: record how this person was asked");
  const auto again = plan_feedback_step(summary, agreed(), round_with({asked(1)}), {1, 1, "asked", "email", "…"},
                                        member(), 20, kOpened);
  EXPECT_EQ(again.error().fields.at("step"), "is recorded already: this person was asked");
  const auto answer = plan_feedback_step(summary, agreed(), round_with({asked(1)}), {1, 1, "answered", "", "Fine."},
                                         member(), 20, kOpened);
  ASSERT_TRUE(answer.ok()) << answer.error().message;
  EXPECT_EQ(answer->entry.body, "Feedback from the reporter (party 1) on proposal 1:\nFine.");
  const auto twice = plan_feedback_step(summary, agreed(), round_with({asked(1, true)}),
                                        {1, 1, "answered", "", "Fine."}, member(), 20, kOpened);
  EXPECT_EQ(twice.error().fields.at("step"), "is recorded already: this person answered");
}

TEST(FeedbackSteps, OnlyAnAgreedProposalOfACaseAwaitingFeedbackHasARound) {
  Proposal voting = agreed();
  voting.status = ProposalStatus::Voting;
  const auto refused =
      plan_feedback_step(a_case().summary, voting, std::nullopt, {1, 1, "asked", "email", "…"}, member(), 20, kOpened);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::FailedPrecondition);
}

TEST(Enactment, IsRefusedWhileTheRoundIsOpenAndSaysWhy) {
  const auto refused =
      plan_enactment(a_case().summary, agreed(), round_with({asked(1, true)}), "", member(), 30, kOpened);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::FailedPrecondition);
  EXPECT_NE(refused.error().message.find("1 of 2 affected people answered; the round is open until"), std::string::npos)
      << refused.error().message;
}

TEST(Enactment, AfterTheRoundMovesTheCaseToEnacting) {
  const FeedbackRound round = round_with({asked(1, true)});
  const auto enacted =
      plan_enactment(a_case().summary, agreed(), round, "Sending the warning today.", member(), 30, round.closes_at);
  ASSERT_TRUE(enacted.ok()) << enacted.error().message;
  EXPECT_EQ(enacted->new_state, CaseState::Enacting);
  ASSERT_EQ(enacted->new_entries.size(), 1u);
  const TimelineEntry& entry = enacted->new_entries[0];
  EXPECT_EQ(entry.from_state, CaseState::AwaitingFeedback);
  EXPECT_EQ(entry.to_state, CaseState::Enacting);
  EXPECT_EQ(entry.body.rfind("Proposal 1 (warning) is confirmed and enacted; 1 of 2 affected people answered; the "
                             "round closed on ",
                             0),
            0u)
      << entry.body;
  EXPECT_NE(entry.body.find("\nSending the warning today."), std::string::npos);
}

TEST(Enactment, OnlyAnAgreedProposalOfACaseAwaitingFeedbackIsEnacted) {
  Proposal superseded = agreed();
  superseded.status = ProposalStatus::Superseded;
  const FeedbackRound closed = round_with({asked(1, true), asked(3, true)});
  EXPECT_EQ(plan_enactment(a_case().summary, superseded, closed, "", member(), 30, kOpened).error().code,
            ErrorCode::FailedPrecondition);
  Case deciding = a_case().summary;
  deciding.state = CaseState::Deciding;
  EXPECT_EQ(plan_enactment(deciding, agreed(), closed, "", member(), 30, kOpened).error().code,
            ErrorCode::FailedPrecondition);
}

TEST(Enactment, AFurtherAgreedProposalIsEnactedWhileTheCaseIsEnactingAndNoneWhileAnotherIsVoting) {
  const FeedbackRound closed = round_with({asked(1, true), asked(3, true)});
  // Another reported person's proposal was enacted first: the case stays enacting.
  Case enacting = a_case().summary;
  enacting.state = CaseState::Enacting;
  const Result<CaseEdit> second = plan_enactment(enacting, agreed(), closed, "", member(), 31, kOpened);
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_FALSE(second->new_state.has_value());
  ASSERT_EQ(second->new_entries.size(), 1u);
  EXPECT_EQ(second->new_entries[0].kind, EntryKind::Proposal);
  // A proposal still being voted on holds every enactment back.
  const Result<CaseEdit> held = plan_enactment(a_case().summary, agreed(), closed, "", member(), 30, kOpened, 2);
  ASSERT_FALSE(held.ok());
  EXPECT_EQ(held.error().code, ErrorCode::FailedPrecondition);
  EXPECT_NE(held.error().message.find("proposal 2 of this case is still being voted on"), std::string::npos);
  // A proposal never agreed has no round.
  EXPECT_EQ(plan_enactment(a_case().summary, agreed(), std::nullopt, "", member(), 30, kOpened).error().code,
            ErrorCode::FailedPrecondition);
}

}  // namespace
}  // namespace conduct::domain
