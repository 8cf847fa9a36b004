// The retention rule (domain/retention.cpp): which resolved cases are due, the reset of
// a minor incident's clock by a later report on the same person, legal holds, calendar
// month arithmetic, and the statistics row each expunged case leaves.
#include "domain/retention.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "test_support.h"

namespace conduct::domain {
namespace {

Timestamp at(const char* text) { return *parse_timestamp(text); }

Policy test_policy() {
  Policy policy = default_policy();
  policy.retention.minor_incident_months = 24;
  policy.retention.resolved_case_years = 7;
  policy.spaces = {Space{"forum", SpaceKind::Forum, "Forum"}, Space{"eu-conf", SpaceKind::Event, "EU conference"}};
  return policy;
}

CaseRetentionFacts resolved_case(std::int64_t id, ResolutionOutcome outcome, const char* resolved_at,
                                 std::vector<std::int64_t> persons = {}) {
  CaseRetentionFacts facts;
  facts.case_id = id;
  facts.community_id = 1;
  facts.code_name = "case " + std::to_string(id);
  facts.state = CaseState::Resolved;
  facts.resolution = Resolution{ResolutionSource::Group, outcome, at(resolved_at)};
  facts.opened_at = at("2023-12-01T09:00:00Z");
  facts.reports_received = {facts.opened_at};
  facts.reported_person_ids = std::move(persons);
  return facts;
}

CaseRetentionFacts open_case(std::int64_t id, const char* received_at, std::vector<std::int64_t> persons) {
  CaseRetentionFacts facts;
  facts.case_id = id;
  facts.community_id = 1;
  facts.code_name = "case " + std::to_string(id);
  facts.state = CaseState::Investigating;
  facts.opened_at = at(received_at);
  facts.reports_received = {at(received_at)};
  facts.reported_person_ids = std::move(persons);
  return facts;
}

std::vector<std::string> expunged(const RetentionPlan& plan) {
  std::vector<std::string> names;
  for (const RetentionPlan::Expunge& one : plan.expunge) names.push_back(one.decision.code_name);
  return names;
}

using Names = std::vector<std::string>;

// ---- Calendar months ---------------------------------------------------------------

struct MonthCase {
  const char* start;
  int months;
  const char* expected;
};

TEST(AddCalendarMonths, KeepsTheDayAndTimeAndClampsToTheMonthsLastDay) {
  const MonthCase cases[] = {
      {"2024-01-31T10:15:00Z", 24, "2026-01-31T10:15:00Z"},
      {"2024-01-31T10:15:00Z", 1, "2024-02-29T10:15:00Z"},  // leap year
      {"2023-01-31T00:00:00Z", 1, "2023-02-28T00:00:00Z"},
      {"2024-02-29T23:59:59Z", 12, "2025-02-28T23:59:59Z"},
      {"2024-02-29T12:00:00Z", 48, "2028-02-29T12:00:00Z"},
      {"2024-03-31T08:00:00Z", 1, "2024-04-30T08:00:00Z"},
      {"2024-11-30T08:00:00Z", 3, "2025-02-28T08:00:00Z"},
      {"2024-12-15T08:00:00Z", 1, "2025-01-15T08:00:00Z"},
      {"2019-05-05T05:05:05Z", 84, "2026-05-05T05:05:05Z"},  // seven years
      {"2024-06-01T00:00:00Z", 0, "2024-06-01T00:00:00Z"},
  };
  for (const MonthCase& one : cases) {
    SCOPED_TRACE(std::string(one.start) + " + " + std::to_string(one.months));
    EXPECT_EQ(format_timestamp(add_calendar_months(at(one.start), one.months)), one.expected);
  }
}

// ---- Which cases are due -----------------------------------------------------------

TEST(PlanRetention, AMinorIncidentIsDueExactlyMinorIncidentMonthsAfterItsResolution) {
  const std::vector<CaseRetentionFacts> facts = {resolved_case(1, ResolutionOutcome::NoAction, "2024-01-31T10:00:00Z")};
  const Policy policy = test_policy();
  EXPECT_EQ(expunged(plan_retention(policy, facts, at("2026-01-30T10:00:00Z"))), Names{});  // a day before
  EXPECT_EQ(expunged(plan_retention(policy, facts, at("2026-01-31T09:59:59Z"))), Names{});  // a second before
  EXPECT_EQ(expunged(plan_retention(policy, facts, at("2026-01-31T10:00:00Z"))), Names{"case 1"});
  EXPECT_EQ(expunged(plan_retention(policy, facts, at("2030-01-01T00:00:00Z"))), Names{"case 1"});
}

TEST(PlanRetention, EveryOutcomeWithoutActionIsAMinorIncident) {
  for (const ResolutionOutcome outcome :
       {ResolutionOutcome::NoAction, ResolutionOutcome::NotAViolation, ResolutionOutcome::OutOfScope}) {
    SCOPED_TRACE(std::string(to_string(outcome)));
    const RetentionPlan plan =
        plan_retention(test_policy(), {resolved_case(1, outcome, "2024-01-01T00:00:00Z")}, at("2026-01-01T00:00:00Z"));
    ASSERT_EQ(plan.expunge.size(), 1u);
    EXPECT_EQ(plan.expunge[0].decision.rule, ExpungeRule::MinorIncident);
  }
}

TEST(PlanRetention, ACaseWithActionTakenIsKeptForResolvedCaseYears) {
  const std::vector<CaseRetentionFacts> facts = {
      resolved_case(1, ResolutionOutcome::ActionTaken, "2024-02-29T12:00:00Z")};
  const Policy policy = test_policy();
  EXPECT_EQ(expunged(plan_retention(policy, facts, at("2026-03-01T00:00:00Z"))), Names{});  // past the minor period
  EXPECT_EQ(expunged(plan_retention(policy, facts, at("2031-02-28T11:59:59Z"))), Names{});
  const RetentionPlan plan = plan_retention(policy, facts, at("2031-02-28T12:00:00Z"));
  ASSERT_EQ(expunged(plan), Names{"case 1"});
  EXPECT_EQ(plan.expunge[0].decision.rule, ExpungeRule::ResolvedCase);
  EXPECT_EQ(plan.expunge[0].decision.reason, "resolved case, clock started 2024-02-29 (resolution), due 2031-02-28");
}

TEST(PlanRetention, CasesThatAreNotResolvedAreNeverExpunged) {
  for (const CaseState state : {CaseState::Received, CaseState::Acknowledged, CaseState::Investigating,
                                CaseState::Deciding, CaseState::AwaitingFeedback, CaseState::Enacting,
                                CaseState::EscalatedToBoard, CaseState::Reconsideration, CaseState::Reopened}) {
    SCOPED_TRACE(std::string(to_string(state)));
    CaseRetentionFacts facts = resolved_case(1, ResolutionOutcome::NoAction, "2000-01-01T00:00:00Z");
    facts.state = state;  // keeps the resolution it had before it was reopened or reconsidered
    const RetentionPlan plan = plan_retention(test_policy(), {facts}, at("2040-01-01T00:00:00Z"));
    EXPECT_TRUE(plan.expunge.empty());
    EXPECT_TRUE(plan.held.empty());
  }
}

TEST(PlanRetention, AResolvedCaseWithoutAResolutionIsKept) {
  CaseRetentionFacts facts = resolved_case(1, ResolutionOutcome::NoAction, "2000-01-01T00:00:00Z");
  facts.resolution.reset();
  EXPECT_TRUE(plan_retention(test_policy(), {facts}, at("2040-01-01T00:00:00Z")).expunge.empty());
}

// A held case cannot be moved by anyone, so it is never resolved; were it so, it would
// still be kept while held. Its report on the person restarts their minor incident's clock.
TEST(PlanRetention, ACaseHeldInEscrowIsNeverDueAndItsReportResetsTheClock) {
  CaseRetentionFacts held = resolved_case(1, ResolutionOutcome::NoAction, "2000-01-01T00:00:00Z");
  held.escrowed = true;
  EXPECT_TRUE(plan_retention(test_policy(), {held}, at("2040-01-01T00:00:00Z")).expunge.empty());
  held.escrowed = false;
  EXPECT_EQ(expunged(plan_retention(test_policy(), {held}, at("2040-01-01T00:00:00Z"))), Names{"case 1"});

  CaseRetentionFacts later = open_case(2, "2025-06-15T08:30:00Z", {40});
  later.state = CaseState::Acknowledged;
  later.escrowed = true;
  const std::vector<CaseRetentionFacts> facts = {
      resolved_case(3, ResolutionOutcome::NoAction, "2024-01-31T10:00:00Z", {40}), later};
  EXPECT_EQ(expunged(plan_retention(test_policy(), facts, at("2027-06-15T08:29:59Z"))), Names{});
  EXPECT_EQ(expunged(plan_retention(test_policy(), facts, at("2027-06-15T08:30:00Z"))), Names{"case 3"});
}

// ---- The reset by a later report on the same person ---------------------------------

TEST(PlanRetention, ALaterReportOnTheSamePersonInAnotherCaseResetsTheClock) {
  const Policy policy = test_policy();
  const std::vector<CaseRetentionFacts> facts = {
      resolved_case(1, ResolutionOutcome::NoAction, "2024-01-31T10:00:00Z", {40}),
      open_case(2, "2025-06-15T08:30:00Z", {40}),
  };
  EXPECT_EQ(expunged(plan_retention(policy, facts, at("2026-01-31T10:00:00Z"))), Names{});
  EXPECT_EQ(expunged(plan_retention(policy, facts, at("2027-06-15T08:29:59Z"))), Names{});
  const RetentionPlan plan = plan_retention(policy, facts, at("2027-06-15T08:30:00Z"));
  ASSERT_EQ(expunged(plan), Names{"case 1"});  // the open case stays
  EXPECT_EQ(plan.expunge[0].decision.clock_started, at("2025-06-15T08:30:00Z"));
  EXPECT_EQ(plan.expunge[0].decision.reason,
            "minor incident, clock started 2025-06-15 (a later report on the same person), due 2027-06-15");
}

TEST(PlanRetention, ALaterReportInTheSameCaseResetsTheClock) {
  CaseRetentionFacts facts = resolved_case(1, ResolutionOutcome::NotAViolation, "2024-01-31T10:00:00Z", {40});
  facts.reports_received.push_back(at("2024-05-01T00:00:00Z"));
  EXPECT_EQ(expunged(plan_retention(test_policy(), {facts}, at("2026-04-30T23:59:59Z"))), Names{});
  EXPECT_EQ(expunged(plan_retention(test_policy(), {facts}, at("2026-05-01T00:00:00Z"))), Names{"case 1"});
}

TEST(PlanRetention, ReportsBeforeTheResolutionOrOnOtherPeopleDoNotResetTheClock) {
  const std::vector<CaseRetentionFacts> facts = {
      resolved_case(1, ResolutionOutcome::NoAction, "2024-01-31T10:00:00Z", {40}),
      open_case(2, "2023-06-01T00:00:00Z", {40}),  // earlier than the resolution
      open_case(3, "2025-06-01T00:00:00Z", {41}),  // someone else
      open_case(4, "2025-07-01T00:00:00Z", {}),    // nobody reported
  };
  EXPECT_EQ(expunged(plan_retention(test_policy(), facts, at("2026-01-31T10:00:00Z"))), Names{"case 1"});
}

TEST(PlanRetention, TheLatestReportOnAnyOfTheCasesReportedPeopleCounts) {
  const std::vector<CaseRetentionFacts> facts = {
      resolved_case(1, ResolutionOutcome::NoAction, "2024-01-31T10:00:00Z", {40, 41}),
      open_case(2, "2024-09-01T00:00:00Z", {40}),
      open_case(3, "2025-03-01T00:00:00Z", {41}),
  };
  EXPECT_EQ(expunged(plan_retention(test_policy(), facts, at("2027-02-28T23:59:59Z"))), Names{});
  EXPECT_EQ(expunged(plan_retention(test_policy(), facts, at("2027-03-01T00:00:00Z"))), Names{"case 1"});
}

TEST(PlanRetention, TwoMinorIncidentsOnOnePersonKeepEachOtherUntilTheLaterIsDue) {
  const std::vector<CaseRetentionFacts> facts = {
      resolved_case(1, ResolutionOutcome::NoAction, "2024-01-10T00:00:00Z", {40}),
      [] {
        CaseRetentionFacts second = resolved_case(2, ResolutionOutcome::OutOfScope, "2024-08-10T00:00:00Z", {40});
        second.reports_received = {at("2024-07-01T00:00:00Z")};
        return second;
      }(),
  };
  // The second case's report (2024-07-01) resets the first; the second runs from its resolution.
  EXPECT_EQ(expunged(plan_retention(test_policy(), facts, at("2026-06-30T23:59:59Z"))), Names{});
  EXPECT_EQ(expunged(plan_retention(test_policy(), facts, at("2026-07-01T00:00:00Z"))), Names{"case 1"});
  EXPECT_EQ(expunged(plan_retention(test_policy(), facts, at("2026-08-10T00:00:00Z"))), (Names{"case 1", "case 2"}));
}

TEST(PlanRetention, ReportsDoNotResetACaseWithActionTaken) {
  const std::vector<CaseRetentionFacts> facts = {
      resolved_case(1, ResolutionOutcome::ActionTaken, "2020-01-01T00:00:00Z", {40}),
      open_case(2, "2026-06-01T00:00:00Z", {40}),
  };
  EXPECT_EQ(expunged(plan_retention(test_policy(), facts, at("2027-01-01T00:00:00Z"))), Names{"case 1"});
}

TEST(PlanRetention, ThePolicysPeriodsAreUsed) {
  Policy policy = test_policy();
  policy.retention.minor_incident_months = 6;
  policy.retention.resolved_case_years = 1;
  const std::vector<CaseRetentionFacts> facts = {
      resolved_case(1, ResolutionOutcome::NoAction, "2024-08-31T00:00:00Z"),
      resolved_case(2, ResolutionOutcome::ActionTaken, "2024-02-29T00:00:00Z"),
  };
  EXPECT_EQ(expunged(plan_retention(policy, facts, at("2025-02-27T23:59:59Z"))), Names{});
  EXPECT_EQ(expunged(plan_retention(policy, facts, at("2025-02-28T00:00:00Z"))), (Names{"case 1", "case 2"}));
}

// ---- Legal holds ------------------------------------------------------------------

TEST(PlanRetention, ALegalHoldKeepsADueCaseAndReportsIt) {
  CaseRetentionFacts facts = resolved_case(1, ResolutionOutcome::NoAction, "2024-01-31T10:00:00Z");
  facts.legal_hold = LegalHold{at("2025-01-01T00:00:00Z"), 7};
  const RetentionPlan plan = plan_retention(test_policy(), {facts}, at("2030-01-01T00:00:00Z"));
  EXPECT_TRUE(plan.expunge.empty());
  ASSERT_EQ(plan.held.size(), 1u);
  EXPECT_EQ(plan.held[0].decision.code_name, "case 1");
  EXPECT_EQ(plan.held[0].hold.placed_by, 7);
  EXPECT_EQ(plan.held[0].decision.due, at("2026-01-31T10:00:00Z"));
}

TEST(PlanRetention, AHeldCaseThatIsNotDueIsNotReported) {
  CaseRetentionFacts facts = resolved_case(1, ResolutionOutcome::NoAction, "2024-01-31T10:00:00Z");
  facts.legal_hold = LegalHold{at("2025-01-01T00:00:00Z"), 7};
  const RetentionPlan plan = plan_retention(test_policy(), {facts}, at("2025-01-01T00:00:00Z"));
  EXPECT_TRUE(plan.expunge.empty());
  EXPECT_TRUE(plan.held.empty());
}

TEST(PlanRetention, AHeldCaseStillResetsTheClockOfOthersThroughItsReports) {
  CaseRetentionFacts held = open_case(2, "2025-06-01T00:00:00Z", {40});
  held.legal_hold = LegalHold{at("2025-07-01T00:00:00Z"), 7};
  const std::vector<CaseRetentionFacts> facts = {
      resolved_case(1, ResolutionOutcome::NoAction, "2024-01-31T10:00:00Z", {40}), held};
  EXPECT_EQ(expunged(plan_retention(test_policy(), facts, at("2027-05-31T00:00:00Z"))), Names{});
  EXPECT_EQ(expunged(plan_retention(test_policy(), facts, at("2027-06-01T00:00:00Z"))), Names{"case 1"});
}

TEST(PlanRetention, NoCasesNoPlan) {
  const RetentionPlan plan = plan_retention(test_policy(), {}, at("2030-01-01T00:00:00Z"));
  EXPECT_TRUE(plan.expunge.empty());
  EXPECT_TRUE(plan.held.empty());
}

// ---- The statistics row ------------------------------------------------------------

TEST(StatisticsOf, KeepsOnlyTheAnonymousFacts) {
  CaseRetentionFacts facts = resolved_case(1, ResolutionOutcome::NoAction, "2024-03-20T12:00:00Z", {40, 41});
  facts.opened_at = at("2024-01-31T23:00:00Z");
  facts.reports_received = {at("2024-01-31T22:00:00Z"), at("2024-02-10T00:00:00Z")};
  facts.space_key = "eu-conf";
  facts.categories = {ViolationCategory::Harassment, ViolationCategory::Retaliation};
  facts.people_named = 2;
  facts.reported_person_flagged = true;
  facts.resolution->source = ResolutionSource::Board;
  facts.transitions = {
      {CaseState::Received, CaseState::Acknowledged, at("2024-02-01T22:59:59Z")},  // 23 h 59 min 59 s: day 0
      {CaseState::Acknowledged, CaseState::Investigating, at("2024-02-05T00:00:00Z")},
      {CaseState::Investigating, CaseState::EscalatedToBoard, at("2024-02-20T00:00:00Z")},
      {CaseState::EscalatedToBoard, CaseState::Resolved, at("2024-03-20T12:00:00Z")},
  };
  const CaseStatistics row = statistics_of(test_policy(), facts);
  EXPECT_EQ(row.community_id, 1);
  EXPECT_EQ(row.period, "2024-01");
  EXPECT_EQ(row.space_kind, SpaceKind::Event);
  EXPECT_EQ(row.categories, facts.categories);
  EXPECT_EQ(row.people_named, 2);
  EXPECT_EQ(row.resolution_source, ResolutionSource::Board);
  EXPECT_TRUE(row.consequence_levels.empty());
  EXPECT_TRUE(row.flagged);
  EXPECT_TRUE(row.escalated);
  EXPECT_EQ(row.days_to_acknowledge, 0);
  EXPECT_EQ(row.days_to_resolve, 48);  // 2024-01-31T23:00 to 2024-03-20T12:00: 48 days and 13 hours
}

TEST(StatisticsOf, LeavesOutWhatTheCaseNeverHad) {
  CaseRetentionFacts facts = resolved_case(1, ResolutionOutcome::NoAction, "2024-03-20T12:00:00Z");
  facts.space_key = "a-space-the-policy-dropped";
  const CaseStatistics row = statistics_of(test_policy(), facts);
  EXPECT_EQ(row.period, "2023-12");
  EXPECT_EQ(row.space_kind, std::nullopt);
  EXPECT_FALSE(row.flagged);
  EXPECT_FALSE(row.escalated);
  EXPECT_EQ(row.days_to_acknowledge, std::nullopt);
  EXPECT_EQ(row.days_to_resolve, 110);
}

TEST(StatisticsOf, TheFirstAcknowledgementCounts) {
  CaseRetentionFacts facts = resolved_case(1, ResolutionOutcome::NoAction, "2024-03-20T12:00:00Z");
  facts.space_key = "forum";
  facts.transitions = {
      {CaseState::Received, CaseState::Acknowledged, at("2023-12-04T09:00:00Z")},
      {CaseState::Acknowledged, CaseState::Acknowledged, at("2023-12-30T09:00:00Z")},
  };
  const CaseStatistics row = statistics_of(test_policy(), facts);
  EXPECT_EQ(row.space_kind, SpaceKind::Forum);
  EXPECT_EQ(row.days_to_acknowledge, 3);
}

TEST(PlanRetention, EachExpungedCaseCarriesItsStatisticsRow) {
  CaseRetentionFacts facts = resolved_case(1, ResolutionOutcome::NoAction, "2024-01-31T10:00:00Z");
  facts.people_named = 1;
  const RetentionPlan plan = plan_retention(test_policy(), {facts}, at("2026-02-01T00:00:00Z"));
  ASSERT_EQ(plan.expunge.size(), 1u);
  EXPECT_EQ(plan.expunge[0].statistics.people_named, 1);
  EXPECT_EQ(plan.expunge[0].statistics.period, "2023-12");
}

}  // namespace
}  // namespace conduct::domain
