// The group's meetings (docs/domain.md "Meetings"; reference/working-group-manual.md
// "Decision-Making Process" and "Record Keeping": the group keeps notes of its meetings,
// and decisions taken in chat are written into those notes). A meeting is recorded once
// it is over: when it was held, who attended, minutes on matters that concern no one
// case, what was said about each case discussed, and decisions taken in chat. Pure:
// see meeting.cpp for the rules in words.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "domain/case.h"
#include "domain/member.h"

namespace conduct::domain {

// A meeting as every member who may read meetings sees it (its plain columns).
struct Meeting {
  std::int64_t id = 0;
  int number = 0;  // 1, 2, … within the community
  Date held_on;
  std::int64_t recorded_by = 0;
  Timestamp recorded_at;
  std::vector<std::int64_t> attendees;  // member ids, ascending
};

// What was said about one case at the meeting.
struct MeetingCaseCommand {
  std::string case_code;
  std::string minutes;
};

// A decision the group took in chat, written into the meeting's record: who took it,
// when, in which channel, and what was decided, for one case.
struct ChatDecisionCommand {
  std::string case_code;
  std::string who;
  std::string decided_at;  // "2026-06-01T14:30:00Z"
  std::string channel;
  std::string decision;
};

struct MeetingCommand {
  std::string held_on;                 // "YYYY-MM-DD"
  std::vector<std::string> attendees;  // members' email addresses
  std::string minutes;                 // on matters that concern no one case; may be empty
  std::vector<MeetingCaseCommand> cases;
  std::vector<ChatDecisionCommand> chat_decisions;
};

// A checked meeting, before its cases are looked up: the meeting's plain columns, the
// general minutes (trimmed; empty for none) and the cases' texts, trimmed, in the order
// given.
struct MeetingPlan {
  Meeting meeting;
  std::vector<Member> attendees;  // in the order given
  std::string minutes;
  struct CaseItem {
    std::string case_code;
    std::string field;  // the command's field that named the case, for its errors
    std::string minutes;
  };
  std::vector<CaseItem> cases;
  struct ChatDecision {
    std::string case_code;
    std::string field;
    std::string who;
    Timestamp decided_at;
    std::string channel;
    std::string decision;
  };
  std::vector<ChatDecision> chat_decisions;
};

// Checks a meeting to be recorded as number `number` by `recorder`: the date is not in
// the future; each attendee is a member of the community (`members`) who was active on
// that day, named once; something is recorded (minutes, a case or a chat decision);
// each case is named once among the cases discussed, with what was said about it; a
// chat decision names its case, who took it, when (not in the future), the channel
// and the decision. Errors: InvalidArgument naming every field at fault ("held_on",
// "attendees[2]", "cases[1].minutes", "chat_decisions[1].channel", …).
Result<MeetingPlan> plan_meeting(const MeetingCommand& command, const std::vector<Member>& members,
                                 const Member& recorder, int number, Timestamp now);

// The timeline entry that records what was said about `item` at the meeting, as entry
// `entry_number` of its case: the meeting's number and date, who was present, and —
// noted without anything of the case reaching them — the attendees excluded from it.
TimelineEntry meeting_minutes_entry(const MeetingPlan& plan, const MeetingPlan::CaseItem& item,
                                    const std::vector<Member>& excluded_attendees, int entry_number, Timestamp now);

// The timeline entry of kind chat-decision that records `decision` on its case.
TimelineEntry chat_decision_entry(const MeetingPlan& plan, const MeetingPlan::ChatDecision& decision, int entry_number,
                                  Timestamp now);

}  // namespace conduct::domain
