// Meetings, in words:
//
// - A meeting is recorded after it was held, by a member of the group: the day it was
//   held (not in the future), who attended (members of the community whose term had
//   not ended before that day, the instance admin aside: a group that starts using
//   Conduct records meetings its members attended before their accounts were made), and what was recorded. Meetings are
//   numbered 1, 2, … within the community.
// - Minutes on matters that concern no one case (the group's own work, a guideline)
//   belong to the meeting itself. Whatever concerns a case is written about that case
//   alone: each case discussed gets an entry of kind "minutes" on its own timeline, so
//   it is sealed, kept, shown and expunged with that case, and a member who may not see
//   the case never reads it in the meeting's record either.
// - An attendee excluded from a case discussed (a conflict, a party) is noted on that
//   case's minutes as present and excluded; the excluded member's own view of the
//   meeting shows their presence and nothing of that case.
// - A decision taken in chat between meetings is written into the next meeting's record:
//   who took it, when, in which channel, and what was decided. Each lands on the
//   timeline of the case it concerns, as an entry of kind "chat-decision".
#include "domain/meeting.h"

#include <algorithm>
#include <set>

#include "core/field_errors.h"
#include "core/text.h"
#include "domain/code_name.h"
#include "domain/text_checks.h"

namespace conduct::domain {
namespace {

constexpr std::size_t kMaxMinutesBytes = 50000;
constexpr std::size_t kMaxDecisionBytes = 20000;
constexpr std::size_t kMaxLineBytes = 200;
constexpr std::size_t kMostAttendees = 50;
constexpr std::size_t kMostItems = 50;
// A clock a few minutes ahead of the server's is not deciding in the future.
constexpr std::int64_t kClockSlack = 5 * 60;

std::string names_of(const std::vector<Member>& members) {
  std::string names;
  for (const Member& member : members) names += (names.empty() ? "" : ", ") + member.display_name;
  return names;
}

void check_attendees(const MeetingCommand& command, const std::vector<Member>& members, std::optional<Date> held_on,
                     FieldErrors& errors, MeetingPlan& plan) {
  if (command.attendees.empty()) errors.add("attendees", "is required: at least one member attended");
  if (command.attendees.size() > kMostAttendees) errors.add("attendees", "at most 50 attendees per meeting");
  std::set<std::int64_t> named;
  for (std::size_t i = 0; i < command.attendees.size() && i < kMostAttendees; ++i) {
    const std::string field = "attendees[" + std::to_string(i + 1) + "]";
    const std::string email = to_lower_ascii(trim(command.attendees[i]));
    const auto found = std::find_if(members.begin(), members.end(), [&](const Member& member) {
      return member.email == email && member.role != Role::InstanceAdmin;
    });
    if (found == members.end()) {
      errors.add(field, "must be the email address of a member of the community");
      continue;
    }
    if (held_on && found->term_end && *found->term_end < *held_on)
      errors.add(field, "had ended their term before the day of the meeting");
    if (!named.insert(found->id).second) errors.add(field, "is named twice");
    plan.attendees.push_back(*found);
  }
  plan.meeting.attendees.assign(named.begin(), named.end());
}

// Checks the case field of item `field`; a case is named once among `seen`.
std::string checked_case(FieldErrors& errors, const std::string& field, const std::string& code,
                         std::set<std::string>* seen) {
  std::string trimmed = trim(code);
  const std::optional<std::string> normal = normalise_case_code_name(trimmed);
  if (trimmed.empty())
    errors.add(field + ".case", "is required: the code name of the case");
  else if (!normal)
    errors.add(field + ".case", "must be a case code name such as 'home shelf'");
  else if (seen && !seen->insert(*normal).second)
    errors.add(field + ".case", "is named twice among the cases discussed");
  return normal.value_or(trimmed);
}

void check_required_text(FieldErrors& errors, const std::string& field, const std::string& text, std::size_t limit,
                         const std::string& what) {
  if (text.empty())
    errors.add(field, "is required: " + what);
  else
    check_text_field(errors, field, text, limit);
}

void check_required_line(FieldErrors& errors, const std::string& field, const std::string& text,
                         const std::string& what) {
  if (text.empty())
    errors.add(field, "is required: " + what);
  else
    check_line_field(errors, field, text, kMaxLineBytes);
}

}  // namespace

Result<MeetingPlan> plan_meeting(const MeetingCommand& command, const std::vector<Member>& members,
                                 const Member& recorder, int number, Timestamp now) {
  FieldErrors errors;
  MeetingPlan plan;
  plan.meeting.number = number;
  plan.meeting.recorded_by = recorder.id;
  plan.meeting.recorded_at = now;

  const std::optional<Date> held_on = parse_date(trim(command.held_on));
  if (trim(command.held_on).empty())
    errors.add("held_on", "is required: the day the meeting was held, YYYY-MM-DD");
  else if (!held_on)
    errors.add("held_on", "must be a date written YYYY-MM-DD");
  else if (*held_on > date_of(now))
    errors.add("held_on", "must not be in the future");
  else
    plan.meeting.held_on = *held_on;
  check_attendees(command, members, held_on, errors, plan);

  plan.minutes = trim(command.minutes);
  check_text_field(errors, "minutes", plan.minutes, kMaxMinutesBytes);
  if (plan.minutes.empty() && command.cases.empty() && command.chat_decisions.empty())
    errors.add("minutes", "is required when no case is discussed and no chat decision is recorded");

  if (command.cases.size() > kMostItems) errors.add("cases", "at most 50 cases per meeting");
  std::set<std::string> discussed;
  for (std::size_t i = 0; i < command.cases.size() && i < kMostItems; ++i) {
    const std::string field = "cases[" + std::to_string(i + 1) + "]";
    MeetingPlan::CaseItem item;
    item.field = field + ".case";
    item.case_code = checked_case(errors, field, command.cases[i].case_code, &discussed);
    item.minutes = trim(command.cases[i].minutes);
    check_required_text(errors, field + ".minutes", item.minutes, kMaxMinutesBytes, "what was said about the case");
    plan.cases.push_back(std::move(item));
  }

  if (command.chat_decisions.size() > kMostItems) errors.add("chat_decisions", "at most 50 chat decisions per meeting");
  for (std::size_t i = 0; i < command.chat_decisions.size() && i < kMostItems; ++i) {
    const ChatDecisionCommand& given = command.chat_decisions[i];
    const std::string field = "chat_decisions[" + std::to_string(i + 1) + "]";
    MeetingPlan::ChatDecision decision;
    decision.field = field + ".case";
    decision.case_code = checked_case(errors, field, given.case_code, nullptr);
    decision.who = trim(given.who);
    check_required_line(errors, field + ".who", decision.who, "who took the decision");
    decision.channel = trim(given.channel);
    check_required_line(errors, field + ".channel", decision.channel, "the chat channel it was taken in");
    decision.decision = trim(given.decision);
    check_required_text(errors, field + ".decision", decision.decision, kMaxDecisionBytes, "what was decided");
    const std::string when = trim(given.decided_at);
    const std::optional<Timestamp> decided_at = parse_timestamp(when);
    if (when.empty())
      errors.add(field + ".decided_at", "is required: when it was decided, such as 2026-06-01T14:30:00Z");
    else if (!decided_at)
      errors.add(field + ".decided_at", "must be a time such as 2026-06-01T14:30:00Z");
    else if (decided_at->seconds > now.seconds + kClockSlack)
      errors.add(field + ".decided_at", "must not be in the future");
    else
      decision.decided_at = *decided_at;
    plan.chat_decisions.push_back(std::move(decision));
  }

  TRY(errors.result("the meeting could not be recorded"));
  return plan;
}

TimelineEntry meeting_minutes_entry(const MeetingPlan& plan, const MeetingPlan::CaseItem& item,
                                    const std::vector<Member>& excluded_attendees, int entry_number, Timestamp now) {
  std::vector<Member> present;
  for (const Member& attendee : plan.attendees) {
    const bool excluded = std::any_of(excluded_attendees.begin(), excluded_attendees.end(),
                                      [&](const Member& other) { return other.id == attendee.id; });
    if (!excluded) present.push_back(attendee);
  }
  std::string body = "Meeting " + std::to_string(plan.meeting.number) + ", held on " +
                     format_date(plan.meeting.held_on) + ".\nPresent: " + names_of(present) + ".";
  if (!excluded_attendees.empty())
    body +=
        "\nPresent but excluded from this case, and not part of its discussion: " + names_of(excluded_attendees) + ".";
  body += "\n\n" + item.minutes;
  TimelineEntry entry;
  entry.number = entry_number;
  entry.kind = EntryKind::Minutes;
  entry.author_id = plan.meeting.recorded_by;
  entry.created_at = now;
  entry.body = std::move(body);
  return entry;
}

TimelineEntry chat_decision_entry(const MeetingPlan& plan, const MeetingPlan::ChatDecision& decision, int entry_number,
                                  Timestamp now) {
  TimelineEntry entry;
  entry.number = entry_number;
  entry.kind = EntryKind::ChatDecision;
  entry.author_id = plan.meeting.recorded_by;
  entry.created_at = now;
  entry.body = "Decided in chat by " + decision.who + " on " + format_timestamp(decision.decided_at) + ", in " +
               decision.channel + " (recorded at meeting " + std::to_string(plan.meeting.number) + ", held on " +
               format_date(plan.meeting.held_on) + "):\n\n" + decision.decision;
  return entry;
}

}  // namespace conduct::domain
