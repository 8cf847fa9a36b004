// The response rule, in words:
//
// - For each reported person, three steps may be recorded: the person was told what was
//   reported (the words used, which must protect the reporter — the draft checks of
//   drafts.h apply when it is sent by mail), their response, or a member's reason why
//   safety makes telling them impossible.
// - A response is recorded only after the telling, and once; a safety waiver ends the
//   matter and nothing follows it. Each step is a timeline entry by its member: a
//   message out for the telling, a message in for the response, a note for the waiver.
// - A proposal for the person may go to a vote when their response is recorded, when
//   `response_days` have passed since they were told without one, when a safety waiver
//   is recorded, or when the policy needs no response for one of the case's categories
//   (`no_response_needed_for`). Otherwise it waits, and the refusal says for what.
#include "domain/response.h"

#include <algorithm>
#include <array>

#include "core/field_errors.h"
#include "core/text.h"
#include "domain/enum_names.h"
#include "domain/text_checks.h"

namespace conduct::domain {
namespace {

constexpr std::array<std::pair<ResponseStep, std::string_view>, 3> kSteps{{
    {ResponseStep::Told, "told"},
    {ResponseStep::Responded, "responded"},
    {ResponseStep::WaivedForSafety, "waived-for-safety"},
}};

constexpr std::size_t kMaxTextBytes = 20000;

}  // namespace

NameTable<ResponseStep> response_step_names() { return kSteps; }
std::string_view to_string(ResponseStep step) { return name_in<ResponseStep>(kSteps, step); }
std::optional<ResponseStep> parse_response_step(std::string_view name) { return parse_in<ResponseStep>(kSteps, name); }

Result<ResponsePlan> plan_response_step(const CaseRecord& record, const ResponseFacts& current,
                                        const ResponseCommand& command, const Member& actor, int next_entry,
                                        Timestamp now) {
  if (record.summary.state == CaseState::Resolved)
    return failed_precondition("a resolved case records no further response; reopen it first");
  FieldErrors errors;
  if (!is_reported_party(record, command.reported_party))
    errors.add("reported_party", "must be the number of a reported person among the case's parties");
  const std::optional<ResponseStep> step = parse_response_step(trim(command.step));
  if (!step) errors.add("step", "must be " + names_of<ResponseStep>(kSteps));
  const std::string text = trim(command.text);
  if (text.empty())
    errors.add("text", "is required");
  else
    check_text_field(errors, "text", text, kMaxTextBytes);
  if (step && current.waived_for_safety)
    errors.add("step", "follows nothing: a safety waiver is recorded for this person");
  else if (step == ResponseStep::Told && current.told_at)
    errors.add("step", "is recorded already: the person was told");
  else if (step == ResponseStep::Responded && !current.told_at)
    errors.add("step", "needs the telling first: record what the person was told");
  else if (step == ResponseStep::Responded && current.responded_at)
    errors.add("step", "is recorded already: the person responded");
  TRY(errors.result("the step could not be recorded"));

  ResponsePlan plan;
  plan.facts = current;
  const std::string party = "party " + std::to_string(command.reported_party);
  switch (*step) {
    case ResponseStep::Told:
      plan.facts.told_at = now;
      plan.entry = new_entry(next_entry, EntryKind::CommunicationOut, actor.id, now,
                             "Told the reported person (" + party + ") what was reported, in these words:\n" + text);
      break;
    case ResponseStep::Responded:
      plan.facts.responded_at = now;
      plan.entry = new_entry(next_entry, EntryKind::CommunicationIn, actor.id, now,
                             "The reported person (" + party + ") responded:\n" + text);
      break;
    case ResponseStep::WaivedForSafety:
      plan.facts.waived_for_safety = true;
      plan.entry = new_entry(next_entry, EntryKind::Note, actor.id, now,
                             "The reported person (" + party + ") is not told, for safety:\n" + text);
      break;
  }
  return plan;
}

Status may_go_to_vote(const Policy& policy, const Case& summary, const ResponseFacts& facts, Timestamp now) {
  for (const ViolationCategory category : summary.categories)
    if (std::find(policy.voting.no_response_needed_for.begin(), policy.voting.no_response_needed_for.end(), category) !=
        policy.voting.no_response_needed_for.end())
      return ok_status();
  if (facts.waived_for_safety || facts.responded_at) return ok_status();
  if (!facts.told_at)
    return failed_precondition(
        "the reported person has not been told what was reported: record that they were told, or why safety "
        "forbids it, before the vote");
  const Timestamp deadline{facts.told_at->seconds + policy.deadlines.response_days * kSecondsPerDay};
  if (now < deadline)
    return failed_precondition("the reported person has until " + format_timestamp(deadline) +
                               " to respond; record their response, or wait until then");
  return ok_status();
}

}  // namespace conduct::domain
