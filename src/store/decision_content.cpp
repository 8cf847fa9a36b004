#include "store/decision_content.h"

#include <optional>
#include <vector>

#include "core/text.h"

namespace conduct::store {
namespace {

// The fixed fields before the answers: what happened, violation, rules, responsible,
// ongoing or threat. Then three per answer: key, answer, note.
constexpr std::size_t kEvaluationHead = 5;

Status unreadable(std::string_view what) { return internal_error("a stored " + std::string(what) + " does not read"); }

}  // namespace

std::string encode_evaluation_content(const domain::Evaluation& evaluation) {
  std::vector<std::string> rules;
  for (const domain::ViolationCategory rule : evaluation.rules) rules.emplace_back(domain::to_string(rule));
  std::vector<std::string> fields = {evaluation.what_happened, std::string(domain::to_string(evaluation.violation)),
                                     join(rules, " "), evaluation.responsible,
                                     std::string(domain::to_string(evaluation.ongoing_or_threat))};
  for (const auto& [key, reply] : evaluation.answers) {
    fields.push_back(key);
    fields.emplace_back(domain::to_string(reply.answer));
    fields.push_back(reply.note);
  }
  return encode_fields(fields);
}

Status decode_evaluation_content(std::string_view encoded, domain::Evaluation& into) {
  const std::optional<std::vector<std::string>> fields = decode_fields(encoded);
  if (!fields || fields->size() < kEvaluationHead || (fields->size() - kEvaluationHead) % 3 != 0)
    return unreadable("evaluation");
  const std::vector<std::string>& f = *fields;
  into.what_happened = f[0];
  into.violation = domain::parse_answer(f[1]).value_or(domain::Answer::Unsure);
  into.rules.clear();
  if (!f[2].empty())
    for (const std::string& name : split(f[2], ' '))
      if (const auto rule = domain::parse_violation_category(name)) into.rules.push_back(*rule);
  into.responsible = f[3];
  into.ongoing_or_threat = domain::parse_answer(f[4]).value_or(domain::Answer::Unsure);
  into.answers.clear();
  for (std::size_t i = kEvaluationHead; i + 2 < f.size(); i += 3)
    into.answers[f[i]] = {domain::parse_answer(f[i + 1]).value_or(domain::Answer::Unsure), f[i + 2]};
  return ok_status();
}

std::string encode_proposal_content(const domain::Proposal& proposal) {
  return encode_fields({proposal.behaviour, proposal.repair, proposal.conditions, proposal.message_to_reported,
                        proposal.message_to_reporter});
}

Status decode_proposal_content(std::string_view encoded, domain::Proposal& into) {
  const std::optional<std::vector<std::string>> fields = decode_fields(encoded);
  if (!fields || fields->size() != 5) return unreadable("proposal");
  into.behaviour = (*fields)[0];
  into.repair = (*fields)[1];
  into.conditions = (*fields)[2];
  into.message_to_reported = (*fields)[3];
  into.message_to_reporter = (*fields)[4];
  return ok_status();
}

std::string encode_action_content(const domain::UnilateralAction& action) {
  return encode_fields({action.what, action.why, action.affects});
}

Status decode_action_content(std::string_view encoded, domain::UnilateralAction& into) {
  const std::optional<std::vector<std::string>> fields = decode_fields(encoded);
  if (!fields || fields->size() != 3) return unreadable("action");
  into.what = (*fields)[0];
  into.why = (*fields)[1];
  into.affects = (*fields)[2];
  return ok_status();
}

}  // namespace conduct::store
