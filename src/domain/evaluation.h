// Evaluating a case (docs/domain.md "Evaluation"; reference/enforcement-manual.md
// "Evaluating Reports"): the jurisdiction, impact and risk questions answered yes, no
// or unsure with a note each, and the four determinations — what happened, whether it
// breaks the Code of Conduct and which of its rules, who was responsible, whether it
// is ongoing or a threat to safety. Whether an established pattern exists is computed
// from the reported persons' records, never typed in; risk raises the case's urgency.
// Pure: see evaluation.cpp for the rules in words.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "domain/case.h"
#include "domain/member.h"

namespace conduct::domain {

enum class Answer { Yes, No, Unsure };
NameTable<Answer> answer_names();
std::string_view to_string(Answer answer);
std::optional<Answer> parse_answer(std::string_view name);

struct EvaluationQuestion {
  std::string key;      // "covered-space"
  std::string section;  // "jurisdiction", "impact" or "risk"
  std::string text;     // the question in the product's words
};
// Every question a member answers, in the order forms list them.
const std::vector<EvaluationQuestion>& evaluation_questions();

// What the person records of the case's reported persons say, for the established
// pattern: their other cases and those cases' outcomes (statistics rows of expunged
// cases included where they still count).
struct PatternFacts {
  int earlier_reports = 0;        // other reports naming the same person records
  int earlier_actions_taken = 0;  // of those, cases resolved with action taken
  bool flagged = false;           // a person record is flagged
};

// Two earlier reports, one earlier case with action taken, or a flagged record.
bool is_established_pattern(const PatternFacts& facts);

struct EvaluationCommand {
  struct Reply {
    std::string answer;  // yes, no or unsure
    std::string note;
  };
  std::map<std::string, Reply> answers;  // by question key; every question is required
  std::string what_happened;
  std::string violation;           // yes, no or unsure
  std::vector<std::string> rules;  // violation categories, when it is one
  std::string responsible;
  std::string ongoing_or_threat;  // yes, no or unsure
};

struct Evaluation {
  struct Reply {
    Answer answer = Answer::Unsure;
    std::string note;  // sealed
  };
  std::map<std::string, Reply> answers;
  std::string what_happened;  // sealed
  Answer violation = Answer::Unsure;
  std::vector<ViolationCategory> rules;
  std::string responsible;  // sealed
  Answer ongoing_or_threat = Answer::Unsure;
  bool established_pattern = false;   // computed
  Urgency urgency = Urgency::Normal;  // computed
  std::int64_t evaluated_by = 0;
  Timestamp evaluated_at;
};

// High when the incident involves sexual harassment or threats, or may severely harm
// someone, or is ongoing or a threat to safety; raised when repetition is likely or a
// pattern is established; normal otherwise.
Urgency urgency_of(const Evaluation& evaluation);

struct EvaluationPlan {
  Evaluation evaluation;
  TimelineEntry entry;  // kind evaluation, numbered `next_entry`: the answers in words
};

// Checks every field (all problems at once, by field name: "answers.covered-space",
// "violation", …). A revision is a new evaluation; the timeline keeps every one.
// Errors: InvalidArgument naming the fields; FailedPrecondition for a case held in
// escrow.
Result<EvaluationPlan> plan_evaluation(const CaseRecord& record, const EvaluationCommand& command,
                                       const PatternFacts& pattern, const Member& actor, int next_entry, Timestamp now);

}  // namespace conduct::domain
