// Evaluation, in words:
//
// - Every question of evaluation_questions() is answered yes, no or unsure, each with
//   an optional note (sealed). "Unsure" is an answer: the group records what it does
//   not know yet rather than leaving a gap. A missing or unknown answer is refused by
//   the question's key ("answers.covered-space").
// - The determinations: what happened (required), whether it breaks the Code of
//   Conduct (yes, no or unsure) and, when yes, which of its rules (at least one
//   violation category), who was responsible (free text; may say nobody), and whether
//   it is ongoing or a threat to anyone's safety.
// - Whether an established pattern exists is not a question: it is computed from the
//   reported persons' records — two earlier reports, an earlier case resolved with
//   action taken, or a flagged record — and stored with the evaluation as it was then.
// - Urgency follows the risk answers: high when the incident involves sexual
//   harassment or threats, may severely harm someone, or is ongoing or a threat;
//   raised when repetition is likely or a pattern is established; normal otherwise.
// - An evaluation is never edited: a revision is a new evaluation and a new timeline
//   entry, and the latest is the case's current one. A case held in escrow takes none.
#include "domain/evaluation.h"

#include <algorithm>
#include <array>

#include "core/field_errors.h"
#include "core/text.h"
#include "domain/enum_names.h"
#include "domain/text_checks.h"

namespace conduct::domain {
namespace {

constexpr std::array<std::pair<Answer, std::string_view>, 3> kAnswers{{
    {Answer::Yes, "yes"},
    {Answer::No, "no"},
    {Answer::Unsure, "unsure"},
}};

constexpr std::size_t kMaxNoteBytes = 5000;
constexpr std::size_t kMaxTextBytes = 20000;

bool yes(const Evaluation& evaluation, const std::string& key) {
  const auto found = evaluation.answers.find(key);
  return found != evaluation.answers.end() && found->second.answer == Answer::Yes;
}

// "Yes", "No", "Unsure" for the entry's text.
std::string said(Answer answer) {
  std::string word(to_string(answer));
  word[0] = static_cast<char>(word[0] - 'a' + 'A');
  return word;
}

}  // namespace

NameTable<Answer> answer_names() { return kAnswers; }
std::string_view to_string(Answer answer) { return name_in<Answer>(kAnswers, answer); }
std::optional<Answer> parse_answer(std::string_view name) { return parse_in<Answer>(kAnswers, name); }

const std::vector<EvaluationQuestion>& evaluation_questions() {
  static const std::vector<EvaluationQuestion> all = {
      {"listed-behaviour", "jurisdiction", "Is the behaviour one the Code of Conduct names as unacceptable?"},
      {"covered-space", "jurisdiction", "Did it happen in a space the Code of Conduct covers?"},
      {"outside-but-affects-safety", "jurisdiction",
       "If it happened elsewhere, could it still affect a member's safety or wellbeing here?"},
      {"public", "impact", "Did it happen in public, where more members saw it?"},
      {"marginalised-groups", "impact", "Does it harm people from marginalised groups of the community?"},
      {"harm-to-party", "impact", "Is the person harmed affected in a lasting way? (say how in the note)"},
      {"disengagement", "impact", "Are members likely to withdraw if nothing is done?"},
      {"leader-involved", "impact", "Is a community leader, whose conduct others follow, involved?"},
      {"sexual-harassment-or-threats", "risk", "Does it involve sexual harassment or threats to physical safety?"},
      {"severe-harm", "risk", "Could it severely harm someone's mental health or physical safety?"},
      {"repeat-risk", "risk", "Is it likely to happen again (does the reported person not see why it was wrong)?"},
  };
  return all;
}

bool is_established_pattern(const PatternFacts& facts) {
  return facts.earlier_reports >= 2 || facts.earlier_actions_taken >= 1 || facts.flagged;
}

Urgency urgency_of(const Evaluation& evaluation) {
  if (yes(evaluation, "sexual-harassment-or-threats") || yes(evaluation, "severe-harm") ||
      evaluation.ongoing_or_threat == Answer::Yes)
    return Urgency::High;
  if (yes(evaluation, "repeat-risk") || evaluation.established_pattern) return Urgency::Raised;
  return Urgency::Normal;
}

Result<EvaluationPlan> plan_evaluation(const CaseRecord& record, const EvaluationCommand& command,
                                       const PatternFacts& pattern, const Member& actor, int next_entry,
                                       Timestamp now) {
  if (record.summary.escrowed) return failed_precondition("a case held in escrow takes no evaluation");
  FieldErrors errors;
  Evaluation evaluation;
  const std::string choices = names_of<Answer>(kAnswers);
  for (const EvaluationQuestion& question : evaluation_questions()) {
    const std::string field = "answers." + question.key;
    const auto given = command.answers.find(question.key);
    if (given == command.answers.end() || trim(given->second.answer).empty()) {
      errors.add(field, "is required: " + choices);
      continue;
    }
    const std::optional<Answer> answer = parse_answer(trim(given->second.answer));
    if (!answer) errors.add(field, "must be " + choices);
    const std::string note = trim(given->second.note);
    check_text_field(errors, field + ".note", note, kMaxNoteBytes);
    evaluation.answers[question.key] = {answer.value_or(Answer::Unsure), note};
  }
  for (const auto& given : command.answers) {
    const std::string& key = given.first;
    const bool known = std::any_of(evaluation_questions().begin(), evaluation_questions().end(),
                                   [&key](const EvaluationQuestion& question) { return question.key == key; });
    if (!known) errors.add("answers." + key, "is not a question of the evaluation");
  }

  evaluation.what_happened = trim(command.what_happened);
  if (evaluation.what_happened.empty())
    errors.add("what_happened", "is required");
  else
    check_text_field(errors, "what_happened", evaluation.what_happened, kMaxTextBytes);
  const auto answer_field = [&](const char* field, const std::string& text, Answer& into) {
    const std::optional<Answer> answer = parse_answer(trim(text));
    if (!answer)
      errors.add(field, "must be " + choices);
    else
      into = *answer;
  };
  answer_field("violation", command.violation, evaluation.violation);
  answer_field("ongoing_or_threat", command.ongoing_or_threat, evaluation.ongoing_or_threat);
  for (const std::string& rule : command.rules) {
    const std::optional<ViolationCategory> category = parse_violation_category(trim(rule));
    if (!category) {
      errors.add("rules", "must each be one of " + names_of<ViolationCategory>(violation_category_names()));
    } else if (std::find(evaluation.rules.begin(), evaluation.rules.end(), *category) == evaluation.rules.end()) {
      evaluation.rules.push_back(*category);
    }
  }
  if (evaluation.violation == Answer::Yes && evaluation.rules.empty() && command.rules.empty())
    errors.add("rules", "name at least one rule the behaviour breaks");
  if (evaluation.violation != Answer::Yes && !command.rules.empty())
    errors.add("rules", "are named only when the behaviour breaks the Code of Conduct");
  evaluation.responsible = trim(command.responsible);
  check_text_field(errors, "responsible", evaluation.responsible, kMaxNoteBytes);
  TRY(errors.result("the evaluation could not be recorded"));

  evaluation.established_pattern = is_established_pattern(pattern);
  evaluation.urgency = urgency_of(evaluation);
  evaluation.evaluated_by = actor.id;
  evaluation.evaluated_at = now;

  std::string body = "Evaluation (urgency " + std::string(to_string(evaluation.urgency)) + ").";
  std::string section;
  for (const EvaluationQuestion& question : evaluation_questions()) {
    if (question.section != section) {
      section = question.section;
      std::string heading = section;
      heading[0] = static_cast<char>(heading[0] - 'a' + 'A');
      body += "\n\n" + heading + ":";
    }
    const Evaluation::Reply& reply = evaluation.answers.at(question.key);
    body += "\n- " + question.text + " " + said(reply.answer) + (reply.note.empty() ? "" : ": " + reply.note);
  }
  body += std::string("\n- Established pattern from earlier reports (computed): ") +
          (evaluation.established_pattern ? "Yes" : "No");
  body += "\n\nWhat happened:\n" + evaluation.what_happened;
  body += "\n\nA violation of the Code of Conduct: " + said(evaluation.violation);
  for (std::size_t i = 0; i < evaluation.rules.size(); ++i)
    body += std::string(i == 0 ? " (" : ", ") + std::string(to_string(evaluation.rules[i])) +
            (i + 1 == evaluation.rules.size() ? ")" : "");
  body += "\nResponsible: " + (evaluation.responsible.empty() ? std::string("not determined") : evaluation.responsible);
  body += "\nOngoing, or a threat to safety: " + said(evaluation.ongoing_or_threat);

  EvaluationPlan plan;
  plan.evaluation = std::move(evaluation);
  plan.entry = new_entry(next_entry, EntryKind::Evaluation, actor.id, now, std::move(body));
  return plan;
}

}  // namespace conduct::domain
