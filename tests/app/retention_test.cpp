// Retention end to end on the SQLite store in memory and an injected clock: a minor incident
// expunged on time and not a day before, its clock reset by a new report on the same
// person, a legal hold respected and lifted, a case with action taken kept for years,
// and the statistics row each expunged case leaves.
#include "app/retention.h"

#include "app/case_links.h"
#include "app/cases.h"
#include "app/people.h"
#include "app_fixture.h"
#include "domain/code_name.h"

namespace conduct::app {
namespace {

using testing::AppTest;

Timestamp at(const char* text) { return *parse_timestamp(text); }

class RetentionTest : public AppTest {
 protected:
  // The scenarios span years: the community starts early and its members' terms run
  // long enough that they can still record reports.
  RetentionTest() { clock_.set(at("2024-01-01T00:00:00Z")); }

  void SetUp() override {
    AppTest::SetUp();
    for (Actor* actor : {&chair_, &member_, &adviser_}) {
      actor->member.term_end = *parse_date("2099-12-31");
      ASSERT_TRUE(store_->update_member(actor->member).ok());
    }
  }

  // Opens a case naming `contact` as the reported person, at the clock's time.
  std::string open_naming(const std::string& contact) {
    domain::NewCaseCommand command;
    command.report.report_text = "Repeated unwanted messages after being asked to stop.";
    command.space = "forum";
    command.categories = {"harassment", "retaliation"};
    command.report.parties = {{"reported", "", contact, ""}, {"witness", "Sam", "sam@example.org", ""}};
    auto record = open_case(context_, member_, command);
    EXPECT_TRUE(record.ok()) << record.error().message;
    next_command();
    return record.ok() ? record->summary.code_name : std::string();
  }

  void move(const std::string& code, const char* to, const char* when, const char* source = "",
            const char* outcome = "") {
    clock_.set(at(when));
    auto moved = transition_case(context_, member_, code, {to, "as the procedure says", source, outcome});
    ASSERT_TRUE(moved.ok()) << to << ": " << moved.error().message;
    next_command();
  }

  // Acknowledged a day after opening, resolved at `resolved_at` with `outcome`.
  void resolve(const std::string& code, const char* acknowledged_at, const char* resolved_at,
               const char* outcome = "no-action") {
    move(code, "acknowledged", acknowledged_at);
    move(code, "investigating", acknowledged_at);
    move(code, "deciding", acknowledged_at);
    if (std::string(outcome) == "action-taken") {
      move(code, "awaiting-feedback", acknowledged_at);
      move(code, "enacting", acknowledged_at);
    }
    move(code, "resolved", resolved_at, "group", outcome);
  }

  RetentionReport run_at(const char* when, RetentionMode mode = RetentionMode::Expunge) {
    clock_.set(at(when));
    auto report = run_retention(context_, std::nullopt, mode);
    EXPECT_TRUE(report.ok()) << report.error().message;
    next_command();
    return report.ok() ? *report : RetentionReport{};
  }

  bool exists(const std::string& code) { return store_->find_case(chair_.community.id, code).ok(); }

  static std::vector<std::string> codes(const std::vector<RetentionReport::Case>& cases) {
    std::vector<std::string> names;
    for (const RetentionReport::Case& one : cases) names.push_back(one.code_name);
    return names;
  }
};

using Codes = std::vector<std::string>;

TEST_F(RetentionTest, AMinorIncidentIsExpungedOnTimeAndNotADayBefore) {
  clock_.set(at("2024-01-30T09:00:00Z"));
  const std::string code = open_naming("@drift_wood");
  const std::int64_t case_id = store_->find_case(chair_.community.id, code)->id;
  resolve(code, "2024-01-31T09:00:00Z", "2024-01-31T10:00:00Z", "not-a-violation");

  EXPECT_EQ(codes(run_at("2026-01-30T10:00:00Z").expunged), Codes{});
  EXPECT_EQ(codes(run_at("2026-01-31T09:59:59Z").expunged), Codes{});
  EXPECT_TRUE(exists(code));

  const RetentionReport report = run_at("2026-01-31T10:00:00Z");
  ASSERT_EQ(codes(report.expunged), Codes{code});
  EXPECT_EQ(report.expunged[0].community, "tidewater");
  EXPECT_EQ(report.expunged[0].rule, domain::ExpungeRule::MinorIncident);
  EXPECT_EQ(report.expunged[0].reason, "minor incident, clock started 2024-01-31 (resolution), due 2026-01-31");
  EXPECT_FALSE(exists(code));
  EXPECT_TRUE(store_->case_key_wraps(case_id)->empty());
  // The person record it alone named goes too: nothing is left to link a later report to.
  EXPECT_TRUE(list_people(context_, member_)->empty());
  // A second run finds nothing more.
  EXPECT_EQ(codes(run_at("2026-02-01T00:00:00Z").expunged), Codes{});
}

TEST_F(RetentionTest, TheStatisticsRowKeepsOnlyTheAnonymousFacts) {
  clock_.set(at("2024-01-30T09:00:00Z"));
  const std::string code = open_naming("@drift_wood");
  resolve(code, "2024-01-31T09:00:00Z", "2024-03-01T10:00:00Z");
  run_at("2026-03-01T10:00:00Z");

  const auto rows = store_->list_case_statistics(chair_.community.id);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  const domain::CaseStatistics& row = rows->front();
  EXPECT_EQ(row.community_id, chair_.community.id);
  EXPECT_EQ(row.period, "2024-01");
  EXPECT_EQ(row.space_kind, domain::SpaceKind::Forum);
  EXPECT_EQ(row.categories, (std::vector<domain::ViolationCategory>{domain::ViolationCategory::Harassment,
                                                                    domain::ViolationCategory::Retaliation}));
  EXPECT_EQ(row.people_named, 1);  // the witness is not counted
  EXPECT_EQ(row.resolution_source, domain::ResolutionSource::Group);
  EXPECT_TRUE(row.consequence_levels.empty());
  EXPECT_FALSE(row.flagged);
  EXPECT_FALSE(row.escalated);
  EXPECT_EQ(row.days_to_acknowledge, 1);
  EXPECT_EQ(row.days_to_resolve, 31);
}

TEST_F(RetentionTest, ANewReportOnTheSamePersonResetsTheClock) {
  clock_.set(at("2024-01-30T09:00:00Z"));
  const std::string first = open_naming("@drift_wood");
  resolve(first, "2024-01-31T09:00:00Z", "2024-01-31T10:00:00Z");

  // A year later someone reports the same handle, written differently: the same person record.
  clock_.set(at("2025-01-15T12:00:00Z"));
  const std::string second = open_naming("@Drift_Wood ");
  EXPECT_EQ(store_->list_people(chair_.community.id)->size(), 1u);

  EXPECT_EQ(codes(run_at("2026-01-31T10:00:00Z").expunged), Codes{});
  EXPECT_EQ(codes(run_at("2027-01-15T11:59:59Z").expunged), Codes{});
  const RetentionReport report = run_at("2027-01-15T12:00:00Z");
  ASSERT_EQ(codes(report.expunged), Codes{first});
  EXPECT_EQ(report.expunged[0].reason,
            "minor incident, clock started 2025-01-15 (a later report on the same person), due 2027-01-15");
  EXPECT_TRUE(exists(second)) << "an open case is never expunged";
  // The person record stays: the open case still names them.
  EXPECT_EQ(store_->list_people(chair_.community.id)->size(), 1u);
}

TEST_F(RetentionTest, AReportOnSomeoneElseDoesNotResetTheClock) {
  clock_.set(at("2024-01-30T09:00:00Z"));
  const std::string first = open_naming("@drift_wood");
  resolve(first, "2024-01-31T09:00:00Z", "2024-01-31T10:00:00Z");
  clock_.set(at("2025-01-15T12:00:00Z"));
  open_naming("@someone_else");
  EXPECT_EQ(codes(run_at("2026-01-31T10:00:00Z").expunged), Codes{first});
}

TEST_F(RetentionTest, ALegalHoldIsRespectedAndOnceLiftedTheNextRunExpunges) {
  clock_.set(at("2024-01-30T09:00:00Z"));
  const std::string code = open_naming("@drift_wood");
  resolve(code, "2024-01-31T09:00:00Z", "2024-01-31T10:00:00Z");

  clock_.set(at("2025-06-01T00:00:00Z"));
  const auto hold = place_legal_hold(context_, chair_, domain::url_form(code));
  ASSERT_TRUE(hold.ok()) << hold.error().message;
  EXPECT_EQ(hold->since, at("2025-06-01T00:00:00Z"));
  EXPECT_EQ(hold->placed_by, chair_.member.id);
  next_command();

  const RetentionReport held = run_at("2027-01-01T00:00:00Z");
  EXPECT_EQ(codes(held.expunged), Codes{});
  EXPECT_EQ(codes(held.held), Codes{code});
  EXPECT_TRUE(exists(code));

  ASSERT_TRUE(lift_legal_hold(context_, chair_, code).ok());
  next_command();
  EXPECT_EQ(codes(run_at("2027-01-01T00:00:01Z").expunged), Codes{code});
  EXPECT_FALSE(exists(code));
}

TEST_F(RetentionTest, ALinkedCaseGoesWithTheCaseItIsLinkedIntoAndAHoldOnEitherKeepsBoth) {
  clock_.set(at("2024-01-30T09:00:00Z"));
  const std::string primary = open_naming("@drift_wood");
  const std::string linked = open_naming("@someone_else");  // never resolved itself
  ASSERT_TRUE(link_case(context_, member_, primary, linked, "The same incident.").ok());
  next_command();
  resolve(primary, "2024-01-31T09:00:00Z", "2024-01-31T10:00:00Z", "not-a-violation");

  // Due with the primary, by its rule and clock; held while either case is held.
  clock_.set(at("2025-06-01T00:00:00Z"));
  ASSERT_TRUE(place_legal_hold(context_, chair_, domain::url_form(linked)).ok());
  next_command();
  const RetentionReport held = run_at("2026-01-31T10:00:00Z");
  EXPECT_EQ(codes(held.expunged), Codes{});
  EXPECT_EQ(codes(held.held), (Codes{primary, linked}));
  ASSERT_TRUE(lift_legal_hold(context_, chair_, linked).ok());
  next_command();

  const RetentionReport dry = run_at("2026-01-31T10:00:01Z", RetentionMode::DryRun);
  ASSERT_EQ(codes(dry.expunged), (Codes{linked, primary})) << "linked cases come first";
  EXPECT_EQ(dry.expunged[0].reason,
            "linked into a case that is due: minor incident, clock started 2024-01-31 (resolution), due 2026-01-31");
  EXPECT_EQ(codes(run_at("2026-01-31T10:00:01Z").expunged), (Codes{linked, primary}));
  EXPECT_FALSE(exists(linked));
  EXPECT_FALSE(exists(primary));
  // Each leaves its row, the linked one counted with the primary's resolution.
  auto rows = store_->list_case_statistics(chair_.community.id);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 2u);
  for (const domain::CaseStatistics& row : *rows) EXPECT_EQ(row.resolution_source, domain::ResolutionSource::Group);
}

TEST_F(RetentionTest, AReportLinkedAfterTheResolutionWaitsItsFullPeriod) {
  clock_.set(at("2024-01-30T09:00:00Z"));
  const std::string primary = open_naming("@drift_wood");
  resolve(primary, "2024-01-31T09:00:00Z", "2024-01-31T10:00:00Z", "not-a-violation");
  clock_.set(at("2025-06-01T12:00:00Z"));
  const std::string late = open_naming("@someone_else");
  ASSERT_TRUE(link_case(context_, member_, primary, late, "Another report of it.").ok());
  next_command();

  EXPECT_EQ(codes(run_at("2026-02-01T00:00:00Z").expunged), Codes{}) << "not on the primary's older clock";
  EXPECT_EQ(codes(run_at("2027-06-01T11:59:59Z").expunged), Codes{});
  const RetentionReport report = run_at("2027-06-01T12:00:00Z");
  ASSERT_EQ(codes(report.expunged), (Codes{late, primary}));
  EXPECT_EQ(report.expunged[1].reason,
            "minor incident, clock started 2025-06-01 (a later report of the same incident), due 2027-06-01");
}

TEST_F(RetentionTest, OnlyChairsPlaceAndLiftHoldsAndNeitherTwice) {
  clock_.set(at("2024-01-30T09:00:00Z"));
  const std::string code = open_naming("@drift_wood");

  const auto by_member = place_legal_hold(context_, member_, code);
  ASSERT_FALSE(by_member.ok());
  EXPECT_EQ(by_member.error().code, ErrorCode::NotFound);
  const auto by_adviser = place_legal_hold(context_, adviser_, code);
  ASSERT_FALSE(by_adviser.ok());
  EXPECT_EQ(by_adviser.error().code, ErrorCode::NotFound);

  const Status not_held = lift_legal_hold(context_, chair_, code);
  ASSERT_FALSE(not_held.ok());
  EXPECT_EQ(not_held.error().code, ErrorCode::FailedPrecondition);

  ASSERT_TRUE(place_legal_hold(context_, chair_, code).ok());
  const auto twice = place_legal_hold(context_, chair_, code);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, ErrorCode::FailedPrecondition);

  const Status by_member_lift = lift_legal_hold(context_, member_, code);
  ASSERT_FALSE(by_member_lift.ok());
  EXPECT_EQ(by_member_lift.error().code, ErrorCode::NotFound);
  EXPECT_TRUE(store_->find_legal_hold(store_->find_case(chair_.community.id, code)->id)->has_value());

  const auto unknown = place_legal_hold(context_, chair_, "no-such-case");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::NotFound);
}

TEST_F(RetentionTest, ACaseWithActionTakenIsKeptForResolvedCaseYears) {
  clock_.set(at("2024-02-28T09:00:00Z"));
  const std::string code = open_naming("@drift_wood");
  resolve(code, "2024-02-28T10:00:00Z", "2024-02-29T12:00:00Z", "action-taken");

  EXPECT_EQ(codes(run_at("2026-03-01T00:00:00Z").expunged), Codes{});  // past the minor period
  EXPECT_EQ(codes(run_at("2031-02-28T11:59:59Z").expunged), Codes{});
  const RetentionReport report = run_at("2031-02-28T12:00:00Z");
  ASSERT_EQ(codes(report.expunged), Codes{code});
  EXPECT_EQ(report.expunged[0].rule, domain::ExpungeRule::ResolvedCase);
}

TEST_F(RetentionTest, OpenCasesAreNeverExpunged) {
  clock_.set(at("2024-02-01T00:00:00Z"));
  const std::string code = open_naming("@drift_wood");
  move(code, "acknowledged", "2024-02-02T00:00:00Z");
  EXPECT_EQ(codes(run_at("2040-01-01T00:00:00Z").expunged), Codes{});
  EXPECT_TRUE(exists(code));
}

TEST_F(RetentionTest, ADryRunSaysWhatWouldGoAndDestroysNothing) {
  clock_.set(at("2024-01-30T09:00:00Z"));
  const std::string code = open_naming("@drift_wood");
  resolve(code, "2024-01-31T09:00:00Z", "2024-01-31T10:00:00Z");
  const RetentionReport report = run_at("2026-06-01T00:00:00Z", RetentionMode::DryRun);
  EXPECT_EQ(report.mode, RetentionMode::DryRun);
  EXPECT_EQ(codes(report.expunged), Codes{code});
  EXPECT_TRUE(exists(code));
  EXPECT_TRUE(store_->list_case_statistics(chair_.community.id)->empty());
}

TEST_F(RetentionTest, AnUnknownCommunityIsNotFound) {
  const auto report = run_retention(context_, std::string("nowhere"), RetentionMode::Expunge);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().code, ErrorCode::NotFound);
}

TEST_F(RetentionTest, TheRestOfTheCommunityKeepsWorkingAfterAnExpunge) {
  clock_.set(at("2024-01-30T09:00:00Z"));
  const std::string gone = open_naming("@drift_wood");
  const std::string kept = open_naming("@someone_else");
  resolve(gone, "2024-01-31T09:00:00Z", "2024-01-31T10:00:00Z");
  EXPECT_EQ(codes(run_at("2026-02-01T00:00:00Z").expunged), Codes{gone});

  const auto listed = list_cases(context_, member_, store::every_case());
  ASSERT_TRUE(listed.ok()) << listed.error().message;
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().code_name, kept);
  const auto shown = show_case(context_, member_, kept);
  ASSERT_TRUE(shown.ok()) << shown.error().message;
  EXPECT_EQ(shown->reports.size(), 1u);
  next_command();
  EXPECT_FALSE(show_case(context_, member_, gone).ok());
  const std::string later = open_naming("@drift_wood");  // a new person record now
  EXPECT_EQ(store_->list_people(chair_.community.id)->size(), 2u);
  EXPECT_TRUE(exists(later));
}

}  // namespace
}  // namespace conduct::app
