#include "domain/lifecycle.h"

#include <gtest/gtest.h>

#include <set>

#include "test_support.h"

namespace conduct::domain {
namespace {

using testing::group_member;
using testing::test_now;

Case case_in(CaseState state) {
  Case current;
  current.id = 3;
  current.community_id = 1;
  current.code_name = "home shelf";
  current.state = state;
  return current;
}

// The whole rule table, written out independently of lifecycle.cpp: every pair of
// states is either in this list or refused.
const std::set<std::pair<std::string, std::string>> kAllowed = {
    {"received", "acknowledged"},
    {"acknowledged", "investigating"},
    {"acknowledged", "resolved"},
    {"investigating", "deciding"},
    {"investigating", "escalated-to-board"},
    {"deciding", "awaiting-feedback"},
    {"deciding", "resolved"},
    {"deciding", "escalated-to-board"},
    {"awaiting-feedback", "enacting"},
    {"awaiting-feedback", "deciding"},
    {"enacting", "resolved"},
    {"escalated-to-board", "enacting"},
    {"escalated-to-board", "deciding"},
    {"escalated-to-board", "resolved"},
    {"resolved", "reconsideration"},
    {"resolved", "reopened"},
    {"reconsideration", "resolved"},
    {"reconsideration", "deciding"},
    {"reconsideration", "escalated-to-board"},
    {"reopened", "investigating"},
};

// A resolution each source state accepts, for the pairs that end in "resolved".
TransitionCommand command_for(const std::string& from, const std::string& to) {
  TransitionCommand command{to, "because the procedure says so", "", ""};
  if (to == "resolved") {
    command.resolution_source = from == "acknowledged" ? "local" : from == "escalated-to-board" ? "board" : "group";
    command.resolution_outcome = from == "deciding" ? "no-action" : "action-taken";
  }
  return command;
}

TEST(LifecycleTest, EveryPairOfStatesFollowsTheRuleTable) {
  int checked = 0;
  for (const auto& [from_state, from_name] : case_state_names()) {
    for (const auto& [to_state, to_name] : case_state_names()) {
      const std::string from(from_name), to(to_name);
      const Result<CaseEdit> edit =
          plan_transition(case_in(from_state), 5, command_for(from, to), group_member(), test_now());
      if (kAllowed.count({from, to})) {
        ASSERT_TRUE(edit.ok()) << from << " -> " << to << ": " << edit.error().message;
        EXPECT_EQ(edit->new_state, to_state);
        ASSERT_EQ(edit->new_entries.size(), 1u);
        const TimelineEntry& entry = edit->new_entries.front();
        EXPECT_EQ(entry.number, 5);
        EXPECT_EQ(entry.kind, EntryKind::Transition);
        EXPECT_EQ(entry.from_state, from_state);
        EXPECT_EQ(entry.to_state, to_state);
        EXPECT_EQ(entry.author_id, 7);
        EXPECT_EQ(entry.body, "because the procedure says so");
      } else {
        ASSERT_FALSE(edit.ok()) << from << " -> " << to << " should be refused";
        EXPECT_EQ(edit.error().code, ErrorCode::FailedPrecondition) << from << " -> " << to;
        EXPECT_NE(edit.error().message.find("cannot move to '" + to + "'"), std::string::npos) << edit.error().message;
      }
      ++checked;
    }
  }
  EXPECT_EQ(checked, 100);
}

TEST(LifecycleTest, RefusalNamesTheMovesThatAreAllowed) {
  const auto edit = plan_transition(case_in(CaseState::Received), 2, {"resolved", "done", "group", "no-action"},
                                    group_member(), test_now());
  ASSERT_FALSE(edit.ok());
  EXPECT_EQ(edit.error().message, "a case that is 'received' cannot move to 'resolved'; it can move to: acknowledged");
}

TEST(LifecycleTest, CollectsEveryFieldProblemAtOnce) {
  const auto edit =
      plan_transition(case_in(CaseState::Enacting), 2, {"resolved", "   ", "", "finished"}, group_member(), test_now());
  ASSERT_FALSE(edit.ok());
  EXPECT_EQ(edit.error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(edit.error().fields.size(), 3u);
  EXPECT_TRUE(edit.error().fields.count("reason"));
  EXPECT_TRUE(edit.error().fields.count("resolution_source"));
  EXPECT_TRUE(edit.error().fields.count("outcome"));
}

TEST(LifecycleTest, UnknownTargetStateIsAnInvalidArgument) {
  const auto edit =
      plan_transition(case_in(CaseState::Received), 2, {"closed", "done", "", ""}, group_member(), test_now());
  ASSERT_FALSE(edit.ok());
  EXPECT_EQ(edit.error().code, ErrorCode::InvalidArgument);
  EXPECT_TRUE(edit.error().fields.count("to"));
}

TEST(LifecycleTest, ResolutionFieldsOnlyWhenResolving) {
  const auto edit = plan_transition(case_in(CaseState::Received), 2, {"acknowledged", "ok", "group", "no-action"},
                                    group_member(), test_now());
  ASSERT_FALSE(edit.ok());
  EXPECT_EQ(edit.error().code, ErrorCode::InvalidArgument);
  EXPECT_TRUE(edit.error().fields.count("resolution_source"));
}

TEST(LifecycleTest, ResolutionRulesDependOnWhereTheCaseComesFrom) {
  struct Row {
    CaseState from;
    const char* source;
    const char* outcome;
    bool allowed;
  };
  const Row rows[] = {
      {CaseState::Acknowledged, "local", "action-taken", true},  // short path for locally handled reports
      {CaseState::Acknowledged, "group", "no-action", false},    // the group must investigate first
      {CaseState::Deciding, "group", "not-a-violation", true},   // nothing to enact
      {CaseState::Deciding, "group", "out-of-scope", true},
      {CaseState::Deciding, "group", "action-taken", false},  // action needs the feedback round
      {CaseState::EscalatedToBoard, "board", "action-taken", true},
      {CaseState::EscalatedToBoard, "group", "action-taken", false},
      {CaseState::Enacting, "group", "action-taken", true},
      {CaseState::Enacting, "group", "not-a-violation", false},     // enacting ends with the action
      {CaseState::Deciding, "board", "no-action", false},           // only escalated cases are the board's
      {CaseState::Deciding, "local", "no-action", false},           // local is the short path only
      {CaseState::Reconsideration, "group", "action-taken", true},  // the decision stands
      {CaseState::Reconsideration, "board", "action-taken", false},
  };
  for (const Row& row : rows) {
    const auto edit =
        plan_transition(case_in(row.from), 9, {"resolved", "why", row.source, row.outcome}, group_member(), test_now());
    EXPECT_EQ(edit.ok(), row.allowed) << to_string(row.from) << " " << row.source << " " << row.outcome;
    if (edit.ok()) {
      ASSERT_TRUE(edit->resolution.has_value());
      EXPECT_EQ(to_string(edit->resolution->source), row.source);
      EXPECT_EQ(to_string(edit->resolution->outcome), row.outcome);
    } else {
      EXPECT_EQ(edit.error().code, ErrorCode::FailedPrecondition);
    }
  }
}

}  // namespace
}  // namespace conduct::domain
