#include "domain/case_intake.h"

#include <set>

#include "core/field_errors.h"
#include "core/text.h"
#include "domain/code_name.h"

namespace conduct::domain {
namespace {

constexpr std::size_t kMaxTextBytes = 100000;
constexpr std::size_t kMaxShortBytes = 300;
constexpr std::size_t kMaxParties = 50;

void check_text(FieldErrors& errors, const std::string& field, const std::string& text, std::size_t limit) {
  if (text.size() > limit) errors.add(field, "must be at most " + std::to_string(limit) + " bytes");
  else if (!is_clean_utf8(text)) errors.add(field, "must be printable UTF-8 text");
}

}  // namespace

Result<NewCasePlan> plan_new_case(const NewCaseCommand& command, const Community& community,
                                  const Member& actor, const std::string& code_name,
                                  const PersonLookup& find_person, Timestamp now) {
  FieldErrors errors;
  const std::string report_text = trim(command.report_text);
  if (report_text.empty()) errors.add("report", "is required: what happened, in the reporter's words");
  else check_text(errors, "report", report_text, kMaxTextBytes);

  const std::optional<ReportChannel> channel = parse_report_channel(command.channel);
  if (!channel) errors.add("channel", "must be one of " + names_of<ReportChannel>(report_channel_names()));

  std::optional<Date> occurred_on;
  if (!command.occurred_on.empty()) {
    occurred_on = parse_date(command.occurred_on);
    if (!occurred_on) errors.add("occurred-on", "must be a date written YYYY-MM-DD");
    else if (*occurred_on > date_of(now)) errors.add("occurred-on", "must not be in the future");
  }
  if (!command.space.empty() && !find_space(community, command.space)) {
    std::vector<std::string> keys;
    for (const Space& space : community.policy.spaces) keys.push_back(space.key);
    errors.add("space", "must be one of the community's spaces: " + join(keys, ", "));
  }
  const std::string location = trim(command.location);
  check_text(errors, "location", location, kMaxShortBytes);

  std::vector<ViolationCategory> categories;
  std::set<ViolationCategory> seen_categories;
  for (const std::string& name : command.categories) {
    const std::optional<ViolationCategory> category = parse_violation_category(name);
    if (!category) {
      errors.add("category", "'" + name + "' is not a category; use " +
                                 names_of<ViolationCategory>(violation_category_names()));
    } else if (seen_categories.insert(*category).second) {
      categories.push_back(*category);
    }
  }

  if (command.parties.size() > kMaxParties) errors.add("party", "at most 50 parties per report");
  std::vector<PlannedParty> parties;
  for (std::size_t i = 0; i < command.parties.size() && i < kMaxParties; ++i) {
    const PartyInput& input = command.parties[i];
    const std::string field = "party[" + std::to_string(i + 1) + "]";
    PlannedParty planned;
    planned.party.number = static_cast<int>(i) + 1;
    const std::optional<PartyRole> role = parse_party_role(input.role);
    if (!role) errors.add(field + ".role", "must be one of " + names_of<PartyRole>(party_role_names()));
    else planned.party.role = *role;
    planned.party.name = trim(input.name);
    planned.party.contact = trim(input.contact);
    check_text(errors, field + ".name", planned.party.name, kMaxShortBytes);
    check_text(errors, field + ".contact", planned.party.contact, kMaxShortBytes);
    if (!input.person.empty()) {
      const std::optional<std::string> person_code = normalise_person_code_name(input.person);
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
  TRY(errors.result("the case could not be opened"));

  NewCasePlan plan;
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

  plan.report.number = 1;
  plan.report.received_at = now;
  plan.report.channel = *channel;
  plan.report.recorded_by = actor.id;
  plan.report.text = report_text;
  plan.parties = std::move(parties);

  TimelineEntry entry;
  entry.number = 1;
  entry.kind = EntryKind::Report;
  entry.author_id = actor.id;
  entry.created_at = now;
  entry.body = report_text;
  plan.timeline.push_back(std::move(entry));
  return plan;
}

Result<CaseEdit> plan_note(const Case& current, int next_entry_number, const NoteCommand& command,
                           const Member& actor, Timestamp now) {
  (void)current;
  FieldErrors errors;
  const std::optional<EntryKind> kind = parse_entry_kind(command.kind);
  if (!kind || !is_note_kind(*kind))
    errors.add("kind", "must be note, minutes, chat-decision, communication-in or communication-out");
  const std::string text = trim(command.text);
  if (text.empty()) errors.add("text", "is required");
  else check_text(errors, "text", text, kMaxTextBytes);
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

}  // namespace conduct::domain
