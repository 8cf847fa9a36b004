#include "app/cases.h"

#include "app/conflicts.h"
#include "app/decisions.h"
#include "app/demo.h"
#include "app/people.h"
#include "app_fixture.h"
#include "crypto/totp.h"
#include "domain/code_name.h"

namespace conduct::app {
namespace {

using testing::AppTest;

class CasesTest : public AppTest {
 protected:
  domain::CaseRecord open(const std::vector<domain::PartyInput>& parties = {{"reported", "", "@drift_wood", ""}}) {
    domain::NewCaseCommand command;
    command.report.report_text = "Repeated unwanted messages after being asked to stop.";
    command.space = "forum";
    command.categories = {"harassment"};
    command.report.parties = parties;
    auto record = open_case(context_, member_, command);
    EXPECT_TRUE(record.ok()) << record.error().message;
    return record.ok() ? *record : domain::CaseRecord{};
  }
};

TEST_F(CasesTest, OpeningACaseRecordsItsReportAndANewPersonRecord) {
  const domain::CaseRecord record = open();
  EXPECT_EQ(record.summary.state, domain::CaseState::Received);
  EXPECT_TRUE(domain::normalise_case_code_name(record.summary.code_name).has_value());
  ASSERT_EQ(record.timeline.size(), 1u);
  EXPECT_EQ(record.timeline[0].author_id, member_.member.id);
  ASSERT_EQ(record.reports.size(), 1u);
  EXPECT_EQ(record.reports[0].text, "Repeated unwanted messages after being asked to stop.");
  ASSERT_EQ(record.parties.size(), 1u);
  ASSERT_TRUE(record.parties[0].person_id.has_value());
  EXPECT_FALSE(record.parties[0].person_code_name.empty());

  const auto people = list_people(context_, member_);
  ASSERT_TRUE(people.ok());
  ASSERT_EQ(people->size(), 1u);
  EXPECT_EQ((*people)[0].case_count, 1);
}

TEST_F(CasesTest, ASecondReportOnTheSamePersonLinksToTheirRecord) {
  const domain::CaseRecord first = open();
  const std::string person = first.parties[0].person_code_name;
  const domain::CaseRecord second = open({{"reported", "", "", domain::url_form(person)}});
  EXPECT_NE(first.summary.code_name, second.summary.code_name);
  const auto view = show_person(context_, member_, person);
  ASSERT_TRUE(view.ok()) << view.error().message;
  EXPECT_EQ(view->row.case_count, 2);
  ASSERT_EQ(view->cases.size(), 2u);
  EXPECT_EQ(view->cases[0].code_name, first.summary.code_name);
  EXPECT_EQ(view->cases[1].code_name, second.summary.code_name);
}

TEST_F(CasesTest, ARepeatReportOnTheSameContactFindsThePersonByBlindIndex) {
  const domain::CaseRecord first = open({{"reported", "Casey", "@Drift_Wood ", ""}});
  const domain::CaseRecord second = open({{"reported", "Someone else", "@drift_wood", ""}});
  const domain::CaseRecord other = open({{"reported", "Casey", "@another_handle", ""}});
  ASSERT_FALSE(first.parties.empty());
  ASSERT_FALSE(second.parties.empty());
  EXPECT_EQ(second.parties[0].person_id, first.parties[0].person_id) << "the same handle, written differently";
  EXPECT_NE(other.parties[0].person_id, first.parties[0].person_id) << "a name alone does not link records";
  const auto view = show_person(context_, member_, first.parties[0].person_code_name);
  ASSERT_TRUE(view.ok()) << view.error().message;
  EXPECT_EQ(view->row.case_count, 2);
  // The store keeps only the keyed hash of the handle, not the handle.
  const auto indexes = store_->list_party_indexes(chair_.community.id);
  ASSERT_TRUE(indexes.ok());
  for (const store::PartyIndexRow& row : *indexes) EXPECT_EQ(row.indexes.contact.find("drift"), std::string::npos);
}

TEST_F(CasesTest, AFurtherReportJoinsTheCaseWithItsParties) {
  const domain::CaseRecord first = open();
  const std::string code = domain::url_form(first.summary.code_name);
  const auto added =
      add_report(context_, member_, code,
                 {"I was in the same thread and saw it.",
                  "email",
                  {{"witness", "Kofi Mensah", "kofi@example.org", ""}, {"reported", "", "@another", ""}}});
  ASSERT_TRUE(added.ok()) << added.error().message;
  EXPECT_EQ(added->number, 2);
  const auto record = show_case(context_, member_, code);
  ASSERT_TRUE(record.ok());
  ASSERT_EQ(record->reports.size(), 2u);
  EXPECT_EQ(record->reports[1].text, "I was in the same thread and saw it.");
  ASSERT_EQ(record->parties.size(), 3u);
  EXPECT_EQ(record->parties[1].name, "Kofi Mensah");
  EXPECT_EQ(record->parties[2].number, 3);
  EXPECT_FALSE(record->parties[2].person_code_name.empty());
  EXPECT_EQ(record->timeline.back().kind, domain::EntryKind::Report);
  EXPECT_EQ((*list_people(context_, member_)).size(), 2u);

  const auto refused = add_report(context_, member_, code, {"", "email", {}});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ((*show_case(context_, member_, code)).reports.size(), 2u);
  EXPECT_EQ(add_report(context_, adviser_, code, {"x", "email", {}}).error().code, ErrorCode::NotFound);
}

TEST_F(CasesTest, NotesAndTransitionsAreNumberedEntries) {
  const std::string code = domain::url_form(open().summary.code_name);
  const auto note = add_note(context_, member_, code, {"note", "Asked the moderators for logs.", std::nullopt});
  ASSERT_TRUE(note.ok()) << note.error().message;
  EXPECT_EQ(note->number, 2);
  const auto moved = transition_case(context_, member_, code, {"acknowledged", "Receipt confirmed.", "", ""});
  ASSERT_TRUE(moved.ok()) << moved.error().message;
  EXPECT_EQ(moved->state, domain::CaseState::Acknowledged);
  const auto record = show_case(context_, member_, code);
  ASSERT_TRUE(record.ok());
  ASSERT_EQ(record->timeline.size(), 3u);
  EXPECT_EQ(record->timeline[2].kind, domain::EntryKind::Transition);
  EXPECT_EQ(record->timeline[2].body, "Receipt confirmed.");
  EXPECT_EQ(record->summary.state, domain::CaseState::Acknowledged);
}

TEST_F(CasesTest, ARefusedTransitionChangesNothing) {
  const std::string code = open().summary.code_name;
  const auto before = show_case(context_, member_, code);
  const auto refused = transition_case(context_, member_, code, {"resolved", "Done", "group", "no-action"});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::FailedPrecondition);
  const auto after = show_case(context_, member_, code);
  EXPECT_EQ(after->summary.state, before->summary.state);
  EXPECT_EQ(after->timeline.size(), before->timeline.size());
  EXPECT_EQ(after->summary.updated_at, before->summary.updated_at);
}

TEST_F(CasesTest, AHiddenCaseAnswersExactlyLikeAMissingOne) {
  const std::string code = domain::url_form(open().summary.code_name);
  const auto hidden = show_case(context_, adviser_, code);  // not invited
  const auto missing = show_case(context_, adviser_, "quiet-meadow-that-is-not-there");
  const auto missing_plain = show_case(context_, member_, "amber-zebra");
  ASSERT_FALSE(hidden.ok());
  EXPECT_EQ(hidden.error().code, ErrorCode::NotFound);
  EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
  EXPECT_EQ(hidden.error().message, "no case '" + domain::normalise_case_code_name(code).value() + "'");
  EXPECT_EQ(missing_plain.error().message, "no case 'amber zebra'");
}

TEST_F(CasesTest, ListingFiltersByState) {
  const std::string first = open().summary.code_name;
  open();
  ASSERT_TRUE(transition_case(context_, member_, first, {"acknowledged", "ok", "", ""}).ok());
  store::CaseFilter filter;
  filter.state = domain::CaseState::Acknowledged;
  const auto acknowledged = list_cases(context_, member_, filter);
  ASSERT_TRUE(acknowledged.ok());
  ASSERT_EQ(acknowledged->size(), 1u);
  EXPECT_EQ((*acknowledged)[0].code_name, first);
  EXPECT_EQ((*list_cases(context_, member_, {})).size(), 2u);
  EXPECT_TRUE((*list_cases(context_, adviser_, {})).empty());  // not invited to any case
  const Actor local = add("events@tidewater.example", "Event team", "local-representative");
  EXPECT_EQ(list_cases(context_, local, {}).error().code, ErrorCode::PermissionDenied);
}

TEST(DemoTest, SeedsCasesInSeveralStates) {
  crypto::CaseKeyring keyring;
  const crypto::BlindIndexer indexer(crypto::new_index_key());
  conduct::testing::MemoryDatabase store(keyring);
  FixedClock clock(*parse_timestamp("2026-11-25T08:00:00Z"));
  crypto::SodiumRandom random;
  Context context{store, clock, random, keyring, indexer};
  const auto demo = seed_demo(context);
  ASSERT_TRUE(demo.ok()) << demo.error().message;
  EXPECT_EQ(demo->cases, 8);
  const Actor chair{demo->community, demo->chair};
  const auto cases = list_cases(context, chair, {});
  ASSERT_TRUE(cases.ok());
  std::set<domain::CaseState> states;
  for (const domain::Case& summary : *cases) {
    states.insert(summary.state);
    EXPECT_LE(summary.opened_at, clock.now());
  }
  // A case in each stage of a decision: evaluated, voting, awaiting feedback, enacting.
  for (const domain::CaseState state :
       {domain::CaseState::Investigating, domain::CaseState::Deciding, domain::CaseState::AwaitingFeedback,
        domain::CaseState::Enacting, domain::CaseState::Resolved, domain::CaseState::Received})
    EXPECT_EQ(states.count(state), 1u) << domain::to_string(state);
  const auto people = list_people(context, chair);
  bool repeat_found = false;
  for (const store::PersonRow& row : *people) repeat_found |= row.case_count == 2;
  EXPECT_TRUE(repeat_found) << "the demo links a repeat report to an existing person record";

  // The newcomer waits for the ongoing case's key; the signed-in chair grants it.
  const auto chair_in = sign_in(context, {std::nullopt, demo->chair.email, demo->password,
                                          crypto::totp_code(demo->chair_totp_secret, clock.now().seconds), "test"});
  ASSERT_TRUE(chair_in.ok()) << chair_in.error().message;
  for (const domain::Case& summary : *cases) {
    if (summary.state != domain::CaseState::Deciding && summary.state != domain::CaseState::Investigating) continue;
    const auto decisions = show_decisions(context, chair_in->actor, summary.code_name);
    ASSERT_TRUE(decisions.ok()) << decisions.error().message;
    if (summary.state == domain::CaseState::Investigating) {
      EXPECT_TRUE(decisions->evaluation.has_value()) << "the ongoing case is evaluated";
      EXPECT_EQ(summary.urgency, domain::Urgency::High);
      continue;
    }
    ASSERT_EQ(decisions->proposals.size(), 1u);
    const domain::VoteCount& count = decisions->proposals[0].count;
    EXPECT_EQ(count.outcome, domain::VoteOutcome::Open);
    EXPECT_EQ(count.voted, count.eligible - 1) << "one vote is missing: " << count.arithmetic;
  }
  const auto waiting = access_requests(context, chair_in->actor);
  ASSERT_TRUE(waiting.ok()) << waiting.error().message;
  ASSERT_EQ(waiting->requests.size(), 1u);
  EXPECT_EQ(waiting->requests[0].member.email, demo->newcomer.email);
  EXPECT_EQ(waiting->requests[0].kind, "screening");
  EXPECT_EQ(domain::url_form(waiting->requests[0].summary.code_name), demo->newcomer_case);
  ASSERT_TRUE(approve_access(context, chair_in->actor, demo->newcomer_case, demo->newcomer.email).ok());
  const auto newcomer_in =
      sign_in(context, {std::nullopt, demo->newcomer.email, demo->password,
                        crypto::totp_code(demo->newcomer_totp_secret, clock.now().seconds), "test"});
  ASSERT_TRUE(newcomer_in.ok()) << newcomer_in.error().message;
  EXPECT_TRUE(show_case(context, newcomer_in->actor, demo->newcomer_case).ok());
  EXPECT_EQ(seed_demo(context).error().code, ErrorCode::FailedPrecondition);
}

}  // namespace
}  // namespace conduct::app
