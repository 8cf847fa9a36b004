// The reported person's chance to respond (domain/response.h): the steps in order, and
// whether a proposal may go to a vote.
#include "domain/response.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace conduct::domain {
namespace {

const Timestamp kTold{1'780'000'000};

CaseRecord a_case() { return testing::case_being_decided(); }

Result<ResponsePlan> step(const ResponseFacts& current, const char* name, const char* text = "words", int party = 2) {
  Member member;
  member.id = 5;
  return plan_response_step(a_case(), current, {party, name, text}, member, 4, kTold);
}

TEST(ReportedPersonsResponse, TheStepsAreRecordedInOrderAsTimelineEntries) {
  auto told = step({}, "told", "We received a report about comments in the help channel.");
  ASSERT_TRUE(told.ok()) << told.error().message;
  EXPECT_EQ(told->facts.told_at, kTold);
  EXPECT_EQ(told->entry.kind, EntryKind::CommunicationOut);
  EXPECT_EQ(told->entry.body,
            "Told the reported person (party 2) what was reported, in these words:\nWe received a report about "
            "comments in the help channel.");
  auto responded = step(told->facts, "responded", "I did not mean it that way.");
  ASSERT_TRUE(responded.ok());
  EXPECT_EQ(responded->entry.kind, EntryKind::CommunicationIn);
  EXPECT_TRUE(responded->facts.responded_at);
  auto waived = step({}, "waived-for-safety", "Telling them would put the reporter at risk.");
  ASSERT_TRUE(waived.ok());
  EXPECT_TRUE(waived->facts.waived_for_safety);
  EXPECT_EQ(waived->entry.kind, EntryKind::Note);
}

TEST(ReportedPersonsResponse, StepsOutOfOrderAreRefusedByField) {
  ResponseFacts told;
  told.told_at = kTold;
  ResponseFacts waived;
  waived.waived_for_safety = true;
  ResponseFacts answered = told;
  answered.responded_at = kTold;
  struct Row {
    const char* what;
    ResponseFacts current;
    const char* step;
    const char* text;
    int party;
    const char* field;
  };
  const std::vector<Row> rows = {
      {"a response before the telling", {}, "responded", "x", 2, "step"},
      {"told twice", told, "told", "x", 2, "step"},
      {"a second response", answered, "responded", "x", 2, "step"},
      {"anything after a waiver", waived, "told", "x", 2, "step"},
      {"an unknown step", {}, "ignored", "x", 2, "step"},
      {"no text", {}, "told", "  ", 2, "text"},
      {"the reporter is not a reported person", {}, "told", "x", 1, "reported_party"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.what);
    auto refused = step(row.current, row.step, row.text, row.party);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().fields.count(row.field), 1u) << refused.error().message;
  }
}

TEST(ReportedPersonsResponse, AProposalGoesToAVoteOnlyOnceThePersonHadTheirChance) {
  const Policy policy = default_policy();  // response_days 7
  const Case summary = a_case().summary;
  ResponseFacts facts;
  const Status untold = may_go_to_vote(policy, summary, facts, kTold);
  ASSERT_FALSE(untold.ok());
  EXPECT_EQ(untold.error().code, ErrorCode::FailedPrecondition);
  EXPECT_NE(untold.error().message.find("has not been told"), std::string::npos);

  facts.told_at = kTold;
  const Timestamp deadline{kTold.seconds + 7 * kSecondsPerDay};
  const Status waiting = may_go_to_vote(policy, summary, facts, Timestamp{deadline.seconds - 1});
  ASSERT_FALSE(waiting.ok());
  EXPECT_NE(waiting.error().message.find("has until " + format_timestamp(deadline)), std::string::npos);
  EXPECT_TRUE(may_go_to_vote(policy, summary, facts, deadline).ok()) << "silence until the deadline";

  ResponseFacts answered = facts;
  answered.responded_at = Timestamp{kTold.seconds + 60};
  EXPECT_TRUE(may_go_to_vote(policy, summary, answered, Timestamp{kTold.seconds + 61}).ok());
  ResponseFacts waived;
  waived.waived_for_safety = true;
  EXPECT_TRUE(may_go_to_vote(policy, summary, waived, kTold).ok());

  Policy waives = policy;
  waives.voting.no_response_needed_for = {ViolationCategory::CharacterAttacks};
  EXPECT_TRUE(may_go_to_vote(waives, summary, {}, kTold).ok()) << "the policy waives it for the category";
  waives.voting.no_response_needed_for = {ViolationCategory::Harassment};
  EXPECT_FALSE(may_go_to_vote(waives, summary, {}, kTold).ok()) << "not for another category";
}

}  // namespace
}  // namespace conduct::domain
