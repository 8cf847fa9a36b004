#include "app/meetings.h"

#include <map>

#include "app/access.h"
#include "app/audit.h"
#include "app/case_keys.h"
#include "core/field_errors.h"
#include "crypto/case_keys.h"
#include "crypto/secretbox.h"
#include "domain/access.h"

namespace conduct::app {
namespace {

constexpr std::size_t kMostListed = 200;

std::string minutes_associated_data(std::int64_t community_id, int number) {
  return "conduct meeting minutes\n" + std::to_string(community_id) + "\n" + std::to_string(number);
}

MeetingSummary summary_of(const domain::Meeting& meeting, const std::vector<domain::Member>& members) {
  MeetingSummary summary;
  summary.meeting = meeting;
  summary.recorded_by_name = domain::display_name_of(members, meeting.recorded_by);
  for (const std::int64_t id : meeting.attendees)
    summary.attendees.push_back({id, domain::display_name_of(members, id)});
  return summary;
}

// The attendees the policy keeps from reading `summary` (a conflict, a party to it, an
// adviser not invited): noted on its minutes as present and excluded.
Result<std::vector<domain::Member>> attendees_kept_out(Context& context, const domain::Case& summary,
                                                       const std::vector<domain::Member>& attendees) {
  ASSIGN_OR_RETURN(const AccessView view, load_access_view(context, summary.community_id, summary.id));
  const Timestamp now = context.clock.now();
  std::vector<domain::Member> kept_out;
  for (const domain::Member& attendee : attendees) {
    const domain::CaseRelation relation = domain::relation_of(attendee, summary, view.facts, view.members, now);
    if (!domain::decide_access(attendee, domain::Action::ReadCase, relation, date_of(now)).allowed)
      kept_out.push_back(attendee);
  }
  return kept_out;
}

// The cases the plan names, found for writing and made ready for it, by code name. A
// case the actor may not write is refused by the field that named it, after the same
// work and audit entry as a missing one (find_case_for).
Result<std::map<std::string, domain::Case>> cases_to_write(Context& context, const Actor& actor,
                                                           const domain::MeetingPlan& plan) {
  std::map<std::string, domain::Case> cases;
  FieldErrors errors;
  auto find = [&](const std::string& code, const std::string& field) -> Status {
    if (cases.count(code)) return ok_status();
    Result<domain::Case> found = find_case_for(context, actor, domain::Action::WriteCase, code);
    if (!found.ok()) {
      if (found.error().code != ErrorCode::NotFound) return found.error();
      errors.add(field, "no case you may write is called '" + code + "'");
      return ok_status();
    }
    TRY(prepare_case_write(context, *found));
    cases.emplace(code, std::move(found).value());
    return ok_status();
  };
  for (const domain::MeetingPlan::CaseItem& item : plan.cases) TRY(find(item.case_code, item.field));
  for (const domain::MeetingPlan::ChatDecision& decision : plan.chat_decisions)
    TRY(find(decision.case_code, decision.field));
  TRY(errors.result("the meeting could not be recorded"));
  return cases;
}

}  // namespace

Result<MeetingView> record_meeting(Context& context, const Actor& actor, const domain::MeetingCommand& command) {
  MeetingView view;
  TRY(transaction(context, [&]() -> Status {
    TRY(authorize(context, actor, domain::Action::RecordMeeting));
    const std::int64_t community_id = actor.community.id;
    const Timestamp now = context.clock.now();
    ASSIGN_OR_RETURN(const std::vector<domain::Member> members, context.store.list_members(community_id));
    ASSIGN_OR_RETURN(const int number, context.store.next_meeting_number(community_id));
    ASSIGN_OR_RETURN(domain::MeetingPlan plan, domain::plan_meeting(command, members, actor.member, number, now));
    using CasesByName = std::map<std::string, domain::Case>;
    ASSIGN_OR_RETURN(CasesByName cases, cases_to_write(context, actor, plan));

    std::vector<store::MeetingEntryRow> written;
    auto write = [&](domain::Case& owner, const domain::TimelineEntry& entry) -> Status {
      TRY(context.store.append_entry(owner, entry));
      written.push_back({owner.id, entry.number});
      view.entries.push_back({owner.code_name, entry.number, entry.kind, entry.body});
      return record_action(context, actor, audit_action::kRecordMinutes, owner.code_name);
    };
    for (const domain::MeetingPlan::CaseItem& item : plan.cases) {
      domain::Case& owner = cases.at(item.case_code);
      ASSIGN_OR_RETURN(const std::vector<domain::Member> kept_out, attendees_kept_out(context, owner, plan.attendees));
      ASSIGN_OR_RETURN(const int entry_number, context.store.next_entry_number(owner));
      TRY(write(owner, domain::meeting_minutes_entry(plan, item, kept_out, entry_number, now)));
    }
    for (const domain::MeetingPlan::ChatDecision& decision : plan.chat_decisions) {
      domain::Case& owner = cases.at(decision.case_code);
      ASSIGN_OR_RETURN(const int entry_number, context.store.next_entry_number(owner));
      TRY(write(owner, domain::chat_decision_entry(plan, decision, entry_number, now)));
    }

    store::MeetingRow row;
    row.community_id = community_id;
    row.meeting = plan.meeting;
    std::vector<store::KeyWrapRow> wraps;
    if (!plan.minutes.empty()) {
      // Sealed for the group as it is today: a member who joins later reads the
      // minutes of meetings held after they joined.
      std::vector<domain::Member> group;
      for (const domain::Member& member : members)
        if (domain::is_group_role(member.role) && domain::is_active_on(member, date_of(now))) group.push_back(member);
      const crypto::SecretBytes key = crypto::new_case_key();
      ASSIGN_OR_RETURN(wraps, wrap_record_key(context, community_id, key, group));
      row.minutes_sealed =
          crypto::seal_with_key(key, plan.minutes, minutes_associated_data(community_id, plan.meeting.number));
    }
    ASSIGN_OR_RETURN(row.meeting.id, context.store.insert_meeting(row, wraps, written));
    view.summary = summary_of(row.meeting, members);
    view.has_minutes = !plan.minutes.empty();
    if (view.has_minutes) view.minutes = plan.minutes;
    return record_action(context, actor, audit_action::kRecordMeeting);
  }));
  return view;
}

Result<std::vector<MeetingSummary>> list_meetings(Context& context, const Actor& actor, std::size_t limit,
                                                  std::size_t offset) {
  TRY(authorize(context, actor, domain::Action::ReadMeetings));
  ASSIGN_OR_RETURN(const std::vector<store::MeetingRow> rows,
                   context.store.list_meetings(actor.community.id, std::min(limit, kMostListed), offset));
  ASSIGN_OR_RETURN(const std::vector<domain::Member> members, context.store.list_members(actor.community.id));
  std::vector<MeetingSummary> summaries;
  for (const store::MeetingRow& row : rows) summaries.push_back(summary_of(row.meeting, members));
  return summaries;
}

Result<MeetingView> show_meeting(Context& context, const Actor& actor, int number) {
  TRY(authorize(context, actor, domain::Action::ReadMeetings));
  ASSIGN_OR_RETURN(const std::optional<store::MeetingRow> row, context.store.find_meeting(actor.community.id, number));
  if (!row) return not_found("the community has no meeting " + std::to_string(number));
  ASSIGN_OR_RETURN(const std::vector<domain::Member> members, context.store.list_members(actor.community.id));
  MeetingView view;
  view.summary = summary_of(row->meeting, members);
  view.has_minutes = !row->minutes_sealed.empty();
  if (view.has_minutes) {
    ASSIGN_OR_RETURN(const std::vector<store::KeyWrapRow> wraps, context.store.meeting_wraps(row->meeting.id));
    if (const std::optional<crypto::SecretBytes> key = open_record_key(actor, wraps)) {
      ASSIGN_OR_RETURN(const crypto::SecretBytes minutes,
                       crypto::open_with_key(*key, row->minutes_sealed,
                                             minutes_associated_data(row->community_id, row->meeting.number)));
      view.minutes = std::string(minutes.view());
    }
  }

  ASSIGN_OR_RETURN(const std::vector<store::MeetingEntryRow> entries, context.store.meeting_entries(row->meeting.id));
  std::map<std::int64_t, std::optional<domain::Case>> readable;  // by case id; empty: not for this actor
  for (const store::MeetingEntryRow& written : entries) {
    auto known = readable.find(written.case_id);
    if (known == readable.end()) {
      ASSIGN_OR_RETURN(const domain::Case summary, context.store.find_case_by_id(written.case_id));
      AccessView access{{}, members};  // the members read once for every case
      ASSIGN_OR_RETURN(access.facts, context.store.load_case_access_facts(summary.id));
      std::optional<domain::Case> shown;
      if (may(context, access, actor, domain::Action::ReadCase, summary)) {
        TRY(unlock_case(context, actor, summary));
        ASSIGN_OR_RETURN(const bool held, holds_case(context, summary));
        if (held) {
          shown = summary;
          TRY(record_read(context, actor, audit_action::kReadCase, summary));
        }
      }
      known = readable.emplace(written.case_id, shown).first;
    }
    if (!known->second) continue;
    ASSIGN_OR_RETURN(const domain::TimelineEntry entry, context.store.load_entry(*known->second, written.entry_number));
    view.entries.push_back({known->second->code_name, entry.number, entry.kind, entry.body});
  }
  TRY(record_read(context, actor, audit_action::kReadMeeting, std::string_view()));
  return view;
}

}  // namespace conduct::app
