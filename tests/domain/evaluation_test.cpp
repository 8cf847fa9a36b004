// Evaluating a case (domain/evaluation.h): every question answered, the determinations,
// the established pattern computed from the records, urgency from the risk answers.
#include "domain/evaluation.h"

#include <gtest/gtest.h>

namespace conduct::domain {
namespace {

EvaluationCommand all_answered(const std::string& answer = "no") {
  EvaluationCommand command;
  for (const EvaluationQuestion& question : evaluation_questions()) command.answers[question.key] = {answer, ""};
  command.what_happened = "Three comments mocking a newcomer's English in the help channel.";
  command.violation = "yes";
  command.rules = {"character-attacks"};
  command.responsible = "The reported person, party 2.";
  command.ongoing_or_threat = "no";
  return command;
}

Member evaluator() {
  Member member;
  member.id = 4;
  return member;
}

Result<EvaluationPlan> evaluate(const EvaluationCommand& command, const PatternFacts& pattern = {}) {
  CaseRecord record;
  record.summary.id = 1;
  return plan_evaluation(record, command, pattern, evaluator(), 12, Timestamp{1000});
}

TEST(Evaluation, EveryAnswerAndDeterminationIsRecordedAndStatedOnTheTimeline) {
  EvaluationCommand command = all_answered();
  command.answers["public"] = {"yes", "In the public help channel."};
  auto plan = evaluate(command);
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(plan->evaluation.answers.size(), evaluation_questions().size());
  EXPECT_EQ(plan->evaluation.answers.at("public").answer, Answer::Yes);
  EXPECT_EQ(plan->evaluation.violation, Answer::Yes);
  EXPECT_EQ(plan->evaluation.rules, (std::vector<ViolationCategory>{ViolationCategory::CharacterAttacks}));
  EXPECT_EQ(plan->evaluation.urgency, Urgency::Normal);
  EXPECT_EQ(plan->entry.kind, EntryKind::Evaluation);
  EXPECT_EQ(plan->entry.number, 12);
  EXPECT_EQ(plan->entry.author_id, 4);
  const std::string& body = plan->entry.body;
  EXPECT_EQ(body.rfind("Evaluation (urgency normal).\n\nJurisdiction:\n- ", 0), 0u) << body;
  EXPECT_NE(body.find("Did it happen in public, where more members saw it? Yes: In the public help channel."),
            std::string::npos);
  EXPECT_NE(body.find("- Established pattern from earlier reports (computed): No"), std::string::npos);
  EXPECT_NE(body.find("A violation of the Code of Conduct: Yes (character-attacks)"), std::string::npos);
}

TEST(Evaluation, EveryProblemIsNamedByItsField) {
  EvaluationCommand command = all_answered();
  command.answers.erase("covered-space");
  command.answers["repeat-risk"] = {"maybe", ""};
  command.answers["vibes"] = {"yes", ""};
  command.what_happened = " ";
  command.ongoing_or_threat = "";
  auto refused = evaluate(command);
  ASSERT_FALSE(refused.ok());
  const auto& fields = refused.error().fields;
  EXPECT_EQ(fields.at("answers.covered-space"), "is required: yes, no or unsure");
  EXPECT_EQ(fields.at("answers.repeat-risk"), "must be yes, no or unsure");
  EXPECT_EQ(fields.at("answers.vibes"), "is not a question of the evaluation");
  EXPECT_EQ(fields.at("what_happened"), "is required");
  EXPECT_EQ(fields.at("ongoing_or_threat"), "must be yes, no or unsure");
  EXPECT_EQ(fields.size(), 5u) << refused.error().message;

  EvaluationCommand no_rules = all_answered();
  no_rules.rules.clear();
  EXPECT_EQ(evaluate(no_rules).error().fields.at("rules"), "name at least one rule the behaviour breaks");
  EvaluationCommand not_a_violation = all_answered();
  not_a_violation.violation = "no";
  EXPECT_EQ(evaluate(not_a_violation).error().fields.at("rules"),
            "are named only when the behaviour breaks the Code of Conduct");
  EvaluationCommand unknown_rule = all_answered();
  unknown_rule.rules = {"rudeness"};
  EXPECT_EQ(evaluate(unknown_rule).error().fields.count("rules"), 1u);
}

TEST(Evaluation, RiskRaisesTheUrgency) {
  struct Row {
    const char* what;
    const char* question;  // answered yes; nullptr for none
    const char* ongoing;
    PatternFacts pattern;
    Urgency expected;
  };
  const std::vector<Row> rows = {
      {"nothing risky", nullptr, "no", {}, Urgency::Normal},
      {"sexual harassment or threats", "sexual-harassment-or-threats", "no", {}, Urgency::High},
      {"severe harm", "severe-harm", "no", {}, Urgency::High},
      {"ongoing or a threat", nullptr, "yes", {}, Urgency::High},
      {"likely to repeat", "repeat-risk", "no", {}, Urgency::Raised},
      {"an established pattern", nullptr, "no", {2, 0, false}, Urgency::Raised},
      {"unsure about ongoing stays normal", nullptr, "unsure", {}, Urgency::Normal},
      {"impact alone does not raise it", "public", "no", {}, Urgency::Normal},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.what);
    EvaluationCommand command = all_answered();
    if (row.question) command.answers[row.question] = {"yes", ""};
    command.ongoing_or_threat = row.ongoing;
    auto plan = evaluate(command, row.pattern);
    ASSERT_TRUE(plan.ok()) << plan.error().message;
    EXPECT_EQ(to_string(plan->evaluation.urgency), to_string(row.expected));
  }
}

TEST(Evaluation, TheEstablishedPatternIsComputedFromTheRecords) {
  EXPECT_FALSE(is_established_pattern({0, 0, false}));
  EXPECT_FALSE(is_established_pattern({1, 0, false}));
  EXPECT_TRUE(is_established_pattern({2, 0, false}));
  EXPECT_TRUE(is_established_pattern({1, 1, false}));
  EXPECT_TRUE(is_established_pattern({0, 0, true}));
  auto plan = evaluate(all_answered(), {3, 1, false});
  ASSERT_TRUE(plan.ok());
  EXPECT_TRUE(plan->evaluation.established_pattern);
  EXPECT_NE(plan->entry.body.find("(computed): Yes"), std::string::npos);
}

}  // namespace
}  // namespace conduct::domain
