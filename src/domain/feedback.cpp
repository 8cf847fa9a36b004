// The feedback round, in words:
//
// - A proposal whose vote passed opens its round at that moment. The round asks the
//   people the case names as its reporter and as harmed, each by their party number;
//   witnesses and the reported person are not asked (the reported person hears the
//   decision when it is enacted).
// - A member records that a person was asked — through the reporter's portal (only the
//   reporter whose report opened the case has one), by email, phone, in person or otherwise — with the words they were
//   shown (the proposal written for them), and later the person's answer. A person is asked once and answers once,
//   after being asked. Each step is an entry of kind "feedback".
// - The round closes when every person asked in it has answered, or when the policy's
//   `feedback_days` have passed since it opened, answered or not. A case with nobody to
//   ask has its round closed at once.
// - Only then may the group confirm the proposal: the case moves from
//   "awaiting-feedback" to "enacting" (a case with several reported persons, enacting
//   one's proposal already, stays there as each further agreed one is confirmed; none
//   is confirmed while another proposal of the case is still being voted on). Before, the refusal says how many
//   answered and until when the round is open. To revise instead, the group makes a new proposal for the person
//   (proposal.h), which supersedes this one.
#include "domain/feedback.h"

#include <algorithm>
#include <array>

#include "core/field_errors.h"
#include "core/text.h"
#include "domain/text_checks.h"

namespace conduct::domain {
namespace {

constexpr std::array<std::pair<FeedbackChannel, std::string_view>, 5> kChannels{{
    {FeedbackChannel::Portal, "portal"},
    {FeedbackChannel::Email, "email"},
    {FeedbackChannel::Phone, "phone"},
    {FeedbackChannel::InPerson, "in-person"},
    {FeedbackChannel::Other, "other"},
}};

constexpr std::size_t kMaxFeedbackText = 20000;

int answered_count(const FeedbackRound& round) {
  return static_cast<int>(std::count_if(round.requests.begin(), round.requests.end(),
                                        [](const FeedbackRequest& request) { return request.answered_at; }));
}

// The reporter whose report opened the case (the lowest-numbered): the portal's thread
// is theirs; a reporter added with a later report has no portal.
std::vector<FeedbackRequest>::const_iterator first_reporter(const FeedbackRound& round) {
  return std::find_if(round.requests.begin(), round.requests.end(),
                      [](const FeedbackRequest& request) { return request.role == PartyRole::Reporter; });
}

std::string party_words(const FeedbackRequest& request) {
  return std::string(request.role == PartyRole::Reporter ? "the reporter" : "the person harmed") + " (party " +
         std::to_string(request.party_number) + ")";
}

}  // namespace

NameTable<FeedbackChannel> feedback_channel_names() { return kChannels; }
std::string_view to_string(FeedbackChannel channel) { return name_in<FeedbackChannel>(kChannels, channel); }
std::optional<FeedbackChannel> parse_feedback_channel(std::string_view name) {
  return parse_in<FeedbackChannel>(kChannels, name);
}

FeedbackRound feedback_round(const CaseRecord& record, const Proposal& agreed, Timestamp opened_at,
                             const std::vector<FeedbackFacts>& recorded, const Deadlines& deadlines) {
  FeedbackRound round;
  round.proposal_number = agreed.number;
  round.opened_at = opened_at;
  round.closes_at = Timestamp{opened_at.seconds + deadlines.feedback_days * kSecondsPerDay};
  for (const Party& party : record.parties) {
    if (party.role != PartyRole::Reporter && party.role != PartyRole::HarmedIndividual) continue;
    FeedbackRequest request;
    request.party_number = party.number;
    request.role = party.role;
    for (const FeedbackFacts& facts : recorded)
      if (facts.party_number == party.number) {
        request.asked_at = facts.asked_at;
        request.channel = facts.channel;
        request.answered_at = facts.answered_at;
      }
    round.requests.push_back(request);
  }
  return round;
}

bool round_closed(const FeedbackRound& round, Timestamp now) {
  return now >= round.closes_at || answered_count(round) == static_cast<int>(round.requests.size());
}

std::string round_state_in_words(const FeedbackRound& round, Timestamp now) {
  const int total = static_cast<int>(round.requests.size());
  if (total == 0) return "the case names nobody to ask for feedback";
  std::string words = std::to_string(answered_count(round)) + " of " + std::to_string(total) +
                      (total == 1 ? " affected person" : " affected people") + " answered";
  if (answered_count(round) == total) return words;
  if (now >= round.closes_at) return words + "; the round closed on " + format_timestamp(round.closes_at);
  return words + "; the round is open until " + format_timestamp(round.closes_at);
}

Result<FeedbackPlan> plan_feedback_step(const Case& summary, const Proposal& proposal,
                                        const std::optional<FeedbackRound>& round, const FeedbackCommand& command,
                                        const Member& actor, int next_entry, Timestamp now) {
  if (proposal.status != ProposalStatus::Agreed || summary.state != CaseState::AwaitingFeedback || !round)
    return failed_precondition("proposal " + std::to_string(proposal.number) +
                               " is not awaiting feedback: only an agreed proposal of a case awaiting feedback is");
  FieldErrors errors;
  const auto request = std::find_if(round->requests.begin(), round->requests.end(),
                                    [&](const FeedbackRequest& one) { return one.party_number == command.party; });
  if (request == round->requests.end())
    errors.add("party", "must be the number of the reporter or a person harmed among the case's parties");
  const std::string step_name = trim(command.step);
  std::optional<FeedbackStep> step;
  if (step_name == "asked")
    step = FeedbackStep::Asked;
  else if (step_name == "answered")
    step = FeedbackStep::Answered;
  else
    errors.add("step", "must be asked or answered");
  std::optional<FeedbackChannel> channel;
  if (step == FeedbackStep::Asked) {
    channel = parse_feedback_channel(trim(command.channel));
    if (!channel)
      errors.add("channel", "must be " + names_of<FeedbackChannel>(kChannels));
    else if (*channel == FeedbackChannel::Portal && request != round->requests.end() &&
             request != first_reporter(*round))
      errors.add("channel",
                 "portal reaches only the reporter whose report opened the case: record how this person "
                 "was asked");
  } else if (!trim(command.channel).empty()) {
    errors.add("channel", "is given only when the person is asked");
  }
  const std::string text = trim(command.text);
  if (text.empty())
    errors.add("text", step == FeedbackStep::Answered ? "is required: their answer, in their words or a summary"
                                                      : "is required: the words they were shown");
  else
    check_text_field(errors, "text", text, kMaxFeedbackText);
  if (request != round->requests.end() && step) {
    if (step == FeedbackStep::Asked && request->asked_at)
      errors.add("step", "is recorded already: this person was asked");
    else if (step == FeedbackStep::Answered && !request->asked_at)
      errors.add("step", "needs the asking first: record how this person was asked");
    else if (step == FeedbackStep::Answered && request->answered_at)
      errors.add("step", "is recorded already: this person answered");
  }
  TRY(errors.result("the feedback could not be recorded"));

  FeedbackPlan plan;
  plan.step = *step;
  plan.channel = channel;
  const std::string who = party_words(*request);
  const std::string on = " on proposal " + std::to_string(proposal.number);
  std::string body = plan.step == FeedbackStep::Asked
                         ? "Asked " + who + " for feedback" + on + " (" + std::string(to_string(*channel)) +
                               "), in these words:\n" + text
                         : "Feedback from " + who + on + ":\n" + text;
  plan.entry = new_entry(next_entry, EntryKind::Feedback, actor.id, now, std::move(body));
  return plan;
}

Result<CaseEdit> plan_enactment(const Case& summary, const Proposal& proposal,
                                const std::optional<FeedbackRound>& agreed_round, const std::string& note,
                                const Member& actor, int next_entry, Timestamp now, std::optional<int> another_voting) {
  if (proposal.status != ProposalStatus::Agreed || !agreed_round)
    return failed_precondition("proposal " + std::to_string(proposal.number) + " is " +
                               std::string(to_string(proposal.status)) + ": only an agreed proposal is enacted");
  if (another_voting)
    return failed_precondition("proposal " + std::to_string(*another_voting) +
                               " of this case is still being voted on: enact once every proposal is decided");
  const bool enacting = summary.state == CaseState::Enacting;
  if (summary.state != CaseState::AwaitingFeedback && !enacting)
    return failed_precondition("a case that is '" + std::string(to_string(summary.state)) +
                               "' is not enacting a decision; it must be awaiting feedback");
  const FeedbackRound& round = *agreed_round;
  if (!round_closed(round, now))
    return failed_precondition("the feedback round is not over: " + round_state_in_words(round, now) +
                               "; enact the proposal after that, or revise it with a new proposal");
  FieldErrors errors;
  const std::string trimmed = trim(note);
  check_text_field(errors, "note", trimmed, kMaxFeedbackText);
  TRY(errors.result("the proposal could not be enacted"));
  std::string body = "Proposal " + std::to_string(proposal.number) + " (" + proposal.resolution +
                     ") is confirmed and enacted; " + round_state_in_words(round, now) + ".";
  if (!trimmed.empty()) body += "\n" + trimmed;
  CaseEdit edit;
  if (enacting) {
    edit.new_entries.push_back(new_entry(next_entry, EntryKind::Proposal, actor.id, now, std::move(body)));
    return edit;
  }
  TimelineEntry entry = new_entry(next_entry, EntryKind::Transition, actor.id, now, std::move(body));
  entry.from_state = summary.state;
  entry.to_state = CaseState::Enacting;
  edit.new_state = CaseState::Enacting;
  edit.new_entries.push_back(std::move(entry));
  return edit;
}

}  // namespace conduct::domain
