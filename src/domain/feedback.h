// The feedback round and enacting a decision (docs/domain.md "The feedback round";
// reference/enforcement-manual.md "Resolutions" on asking the affected people): once
// the group agrees a resolution and before it is enacted, the reporter and the people
// harmed are shown the proposal in words written for them and their answers are kept;
// when all have answered or the policy's deadline has passed, the group confirms it
// (enacts it) or revises it (a new proposal). Pure: see feedback.cpp for the rules in
// words.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "domain/case.h"
#include "domain/case_edit.h"
#include "domain/member.h"
#include "domain/policy.h"
#include "domain/proposal.h"

namespace conduct::domain {

// How a person was asked: through the reporter's portal (with mail when they asked for
// it), or a contact a member made outside the system.
enum class FeedbackChannel { Portal, Email, Phone, InPerson, Other };
NameTable<FeedbackChannel> feedback_channel_names();
std::string_view to_string(FeedbackChannel channel);
std::optional<FeedbackChannel> parse_feedback_channel(std::string_view name);

// One affected person in the round of an agreed proposal.
struct FeedbackRequest {
  int party_number = 0;
  PartyRole role = PartyRole::Reporter;
  std::optional<Timestamp> asked_at;
  std::optional<FeedbackChannel> channel;
  std::optional<Timestamp> answered_at;
};

struct FeedbackRound {
  int proposal_number = 0;
  Timestamp opened_at;                    // when the proposal's vote passed
  Timestamp closes_at;                    // opened_at + the policy's feedback_days
  std::vector<FeedbackRequest> requests;  // the reporter and the people harmed, by party number
};

// What is recorded of a round so far, per party.
struct FeedbackFacts {
  int party_number = 0;
  std::optional<Timestamp> asked_at;
  std::optional<FeedbackChannel> channel;
  std::optional<Timestamp> answered_at;
};

// The round of `agreed` (a proposal whose vote passed at `opened_at`): one request per
// reporter and harmed person among the case's parties, with what `recorded` says.
FeedbackRound feedback_round(const CaseRecord& record, const Proposal& agreed, Timestamp opened_at,
                             const std::vector<FeedbackFacts>& recorded, const Deadlines& deadlines);

// Closed when every affected person has answered, or at the deadline. A case with no
// reporter or harmed person recorded has nobody to ask: its round is closed at once.
bool round_closed(const FeedbackRound& round, Timestamp now);

// "1 of 2 affected people answered; the round is open until …": for refusals and pages.
std::string round_state_in_words(const FeedbackRound& round, Timestamp now);

enum class FeedbackStep { Asked, Answered };

struct FeedbackCommand {
  int proposal = 0;
  int party = 0;
  std::string step;     // asked or answered
  std::string channel;  // how they were asked (asked only)
  std::string text;     // the words they were shown; their answer
};

struct FeedbackPlan {
  FeedbackStep step = FeedbackStep::Asked;
  std::optional<FeedbackChannel> channel;
  TimelineEntry entry;  // kind feedback, numbered `next_entry`
};

// Checks a step of the round: the proposal is agreed and the case awaits feedback, the
// party is asked in the round, the text is given; a person is asked once and answers
// once, after being asked. Errors: InvalidArgument naming the fields; FailedPrecondition
// when the proposal has no open round.
Result<FeedbackPlan> plan_feedback_step(const Case& summary, const Proposal& proposal,
                                        const std::optional<FeedbackRound>& round, const FeedbackCommand& command,
                                        const Member& actor, int next_entry, Timestamp now);

// Confirming an agreed proposal (its round, none for a proposal never agreed): the case
// moves from "awaiting-feedback" to "enacting" with an entry saying which proposal,
// numbered `next_entry`; a case enacting already (another reported person's proposal
// was enacted first) stays there, the entry of kind proposal. FailedPrecondition, with
// the round's state in words, while the round is open; for a proposal that is not
// agreed, a case neither awaiting feedback nor enacting, or while another proposal of
// the case is still being voted on (`another_voting`, its number).
Result<CaseEdit> plan_enactment(const Case& summary, const Proposal& proposal,
                                const std::optional<FeedbackRound>& round, const std::string& note, const Member& actor,
                                int next_entry, Timestamp now, std::optional<int> another_voting = std::nullopt);

}  // namespace conduct::domain
