#include "domain/case_intake.h"

#include <algorithm>
#include <set>

#include "core/field_errors.h"
#include "core/text.h"
#include "domain/code_name.h"
#include "domain/text_checks.h"

namespace conduct::domain {
namespace {

constexpr std::size_t kMaxTextBytes = 100000;
constexpr std::size_t kMaxShortBytes = 300;
constexpr std::size_t kMaxParties = 50;

// Checks a report's text, channel and parties, adding every problem to `errors`, and
// fills `report` and `parties` numbered from `report_number` and `first_party_number`.
void plan_report_and_parties(FieldErrors& errors, const ReportInput& input, std::optional<std::int64_t> author,
                             int report_number, int first_party_number, const PersonLookup& find_person, Timestamp now,
                             Report& report, std::vector<PlannedParty>& parties) {
  const std::string report_text = trim(input.report_text);
  if (report_text.empty())
    errors.add("report", "is required: what happened, in the reporter's words");
  else
    check_text_field(errors, "report", report_text, kMaxTextBytes);

  const std::optional<ReportChannel> channel = parse_report_channel(input.channel);
  if (!channel) errors.add("channel", "must be one of " + names_of<ReportChannel>(report_channel_names()));

  if (input.parties.size() > kMaxParties) errors.add("parties", "at most 50 parties per report");
  for (std::size_t i = 0; i < input.parties.size() && i < kMaxParties; ++i) {
    const PartyInput& party_input = input.parties[i];
    const std::string field = "parties[" + std::to_string(i + 1) + "]";
    PlannedParty planned;
    planned.party.number = first_party_number + static_cast<int>(i);
    const std::optional<PartyRole> role = parse_party_role(party_input.role);
    if (!role)
      errors.add(field + ".role", "must be one of " + names_of<PartyRole>(party_role_names()));
    else
      planned.party.role = *role;
    planned.party.name = trim(party_input.name);
    planned.party.contact = trim(party_input.contact);
    planned.party.employer = trim(party_input.employer);
    check_text_field(errors, field + ".name", planned.party.name, kMaxShortBytes);
    check_text_field(errors, field + ".contact", planned.party.contact, kMaxShortBytes);
    check_text_field(errors, field + ".employer", planned.party.employer, kMaxShortBytes);
    if (!party_input.person.empty()) {
      const std::optional<std::string> person_code = normalise_person_code_name(party_input.person);
      if (role && *role != PartyRole::ReportedPerson) {
        errors.add(field + ".person", "only a reported person is linked to a person record");
      } else if (!person_code) {
        errors.add(field + ".person", "must be a person code name such as 'Blue Jay'");
      } else if (const auto person_id = find_person(*person_code)) {
        planned.party.person_id = *person_id;
      } else {
        errors.add(field + ".person", "no person record is called '" + *person_code + "'");
      }
    } else if (role == PartyRole::ReportedPerson) {
      planned.needs_person_record = true;
    }
    parties.push_back(std::move(planned));
  }

  for (const std::string& note : input.content_notes) {
    const auto& kinds = content_note_kinds();
    if (std::find(kinds.begin(), kinds.end(), note) == kinds.end())
      errors.add("content_notes", "must be among " + join(kinds, ", "));
    else if (std::find(report.content_notes.begin(), report.content_notes.end(), note) == report.content_notes.end())
      report.content_notes.push_back(note);
  }

  report.number = report_number;
  report.received_at = now;
  report.channel = channel.value_or(ReportChannel::GroupMember);
  report.recorded_by = author;
  report.text = report_text;
}

TimelineEntry report_entry(const Report& report, int number, std::optional<std::int64_t> author, Timestamp now) {
  TimelineEntry entry;
  entry.number = number;
  entry.kind = EntryKind::Report;
  entry.author_id = author;
  entry.created_at = now;
  entry.body = report.text;
  return entry;
}

}  // namespace

Result<NewCasePlan> plan_new_case(const NewCaseCommand& command, const Community& community, const Member& actor,
                                  const std::string& code_name, const PersonLookup& find_person, Timestamp now) {
  return plan_new_case(command, community, std::optional<std::int64_t>(actor.id), code_name, find_person, now);
}

Result<NewCasePlan> plan_new_case(const NewCaseCommand& command, const Community& community,
                                  std::optional<std::int64_t> recorded_by, const std::string& code_name,
                                  const PersonLookup& find_person, Timestamp now) {
  FieldErrors errors;
  NewCasePlan plan;
  plan_report_and_parties(errors, command.report, recorded_by, 1, 1, find_person, now, plan.report, plan.parties);

  std::optional<Date> occurred_on;
  if (!command.occurred_on.empty()) {
    occurred_on = parse_date(command.occurred_on);
    if (!occurred_on)
      errors.add("occurred_on", "must be a date written YYYY-MM-DD");
    else if (*occurred_on > date_of(now))
      errors.add("occurred_on", "must not be in the future");
  }
  if (!command.space.empty() && !find_space(community, command.space)) {
    std::vector<std::string> keys;
    for (const Space& space : community.policy.spaces) keys.push_back(space.key);
    errors.add("space", "must be one of the community's spaces: " + join(keys, ", "));
  }
  const std::string location = trim(command.location);
  check_text_field(errors, "location", location, kMaxShortBytes);

  std::vector<ViolationCategory> categories;
  std::set<ViolationCategory> seen_categories;
  for (const std::string& name : command.categories) {
    const std::optional<ViolationCategory> category = parse_violation_category(name);
    if (!category) {
      errors.add("categories",
                 "'" + name + "' is not a category; use " + names_of<ViolationCategory>(violation_category_names()));
    } else if (seen_categories.insert(*category).second) {
      categories.push_back(*category);
    }
  }
  TRY(errors.result("the case could not be opened"));

  plan.summary.community_id = community.id;
  plan.summary.code_name = code_name;
  plan.summary.state = CaseState::Received;
  plan.summary.opened_at = now;
  plan.summary.updated_at = now;
  plan.summary.occurred_on = occurred_on;
  plan.summary.space_key = command.space;
  plan.summary.location = location;
  plan.summary.ongoing = command.ongoing;
  plan.summary.physical_danger = command.physical_danger;
  plan.summary.categories = std::move(categories);
  plan.timeline.push_back(report_entry(plan.report, 1, recorded_by, now));
  return plan;
}

Result<AdditionalReportPlan> plan_additional_report(const CaseRecord& current, const ReportInput& input,
                                                    const Member& actor, const PersonLookup& find_person,
                                                    Timestamp now) {
  int last_report = 0, last_party = 0, last_entry = 0;
  for (const Report& report : current.reports) last_report = std::max(last_report, report.number);
  for (const Party& party : current.parties) last_party = std::max(last_party, party.number);
  for (const TimelineEntry& entry : current.timeline) last_entry = std::max(last_entry, entry.number);

  FieldErrors errors;
  AdditionalReportPlan plan;
  plan_report_and_parties(errors, input, actor.id, last_report + 1, last_party + 1, find_person, now, plan.report,
                          plan.parties);
  TRY(errors.result("the report could not be added"));
  plan.entry = report_entry(plan.report, last_entry + 1, actor.id, now);
  return plan;
}

Result<CaseEdit> plan_note(const Case& current, int next_entry_number, const NoteCommand& command, const Member& actor,
                           Timestamp now) {
  (void)current;
  FieldErrors errors;
  const std::optional<EntryKind> kind = parse_entry_kind(command.kind);
  if (!kind || !is_note_kind(*kind))
    errors.add("kind", "must be note, minutes, chat-decision, communication-in or communication-out");
  const std::string text = trim(command.text);
  if (text.empty())
    errors.add("text", "is required");
  else
    check_text_field(errors, "text", text, kMaxTextBytes);
  if (command.corrects && (*command.corrects < 1 || *command.corrects >= next_entry_number))
    errors.add("corrects", "must be the number of an earlier entry of this case (1 to " +
                               std::to_string(next_entry_number - 1) + ")");
  TRY(errors.result("the note could not be added"));

  TimelineEntry entry;
  entry.number = next_entry_number;
  entry.kind = *kind;
  entry.author_id = actor.id;
  entry.created_at = now;
  entry.body = text;
  entry.corrects = command.corrects;
  CaseEdit edit;
  edit.new_entries.push_back(std::move(entry));
  return edit;
}

Result<CaseEdit> plan_flags_change(const Case& current, int next_entry_number, const FlagsCommand& command,
                                   const Member& actor, Timestamp now) {
  if (current.escrowed) return failed_precondition("the case is held in escrow: nobody changes it");
  FieldErrors errors;
  const std::string reason = trim(command.reason);
  if (reason.empty())
    errors.add("reason", "is required: say why the flags change");
  else
    check_text_field(errors, "reason", reason, kMaxTextBytes);
  std::vector<std::string> changes;
  CaseEdit edit;
  if (command.ongoing && *command.ongoing != current.ongoing) {
    edit.ongoing = *command.ongoing;
    changes.emplace_back(*command.ongoing ? "it is going on" : "it is no longer going on");
  }
  if (command.physical_danger && *command.physical_danger != current.physical_danger) {
    edit.physical_danger = *command.physical_danger;
    changes.emplace_back(*command.physical_danger ? "someone may be in physical danger"
                                                  : "nobody is in physical danger any more");
  }
  if (changes.empty()) errors.add("ongoing", "and physical_danger are both as the case has them: change one of them");
  TRY(errors.result("the flags could not be changed"));
  std::string body = "Flags changed: " + join(changes, "; ") + ".\nWhy: " + reason;
  edit.new_entries.push_back(new_entry(next_entry_number, EntryKind::Note, actor.id, now, std::move(body)));
  return edit;
}

}  // namespace conduct::domain
