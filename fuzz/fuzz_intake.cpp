// Opening a case from a report (domain::plan_new_case): every field of the intake form
// is free text from whoever reports, so the fuzz bytes are split into the fields of a
// NewCaseCommand, one per line (a blank line leaves the field empty):
//   channel / occurred_on / space / location / flags ("ongoing", "danger") /
//   categories, comma-separated / parties, ';'-separated, each role|name|contact|person|employer /
//   the report text (the rest, newlines included)
//
// Properties: a plan that is made holds exactly what was typed, trimmed and checked
// (clean UTF-8 within its limits, parties numbered from 1, categories without
// repeats, linked persons only for reported persons); a refusal is InvalidArgument
// naming only intake fields. The sealed fields (report, names, contacts, employers,
// location) never reach an error: the same command with every letter of those fields
// changed gets the very same error, message and all.
#include <set>

#include "core/text.h"
#include "domain/case_intake.h"
#include "fuzz_check.h"

namespace {

using namespace conduct;
using namespace conduct::domain;
using conduct::fuzz::contains;
using conduct::fuzz::split_fields;

constexpr Timestamp kNow{1772366400};  // 2026-03-01T12:00:00Z
constexpr std::int64_t kBlueJay = 42;

NewCaseCommand command_of(std::string_view text) {
  const std::vector<std::string> fields = split_fields(text, '\n', 8);
  const auto field = [&](std::size_t i) { return i < fields.size() ? fields[i] : std::string(); };
  NewCaseCommand command;
  command.report.channel = field(0);
  command.occurred_on = field(1);
  command.space = field(2);
  command.location = field(3);
  command.ongoing = contains(field(4), "ongoing");
  command.physical_danger = contains(field(4), "danger");
  if (!field(5).empty()) command.categories = split(field(5), ',');
  if (!field(6).empty()) {
    for (const std::string& typed : split(field(6), ';')) {
      const std::vector<std::string> parts = split_fields(typed, '|', 5);
      PartyInput party;
      party.role = parts[0];
      if (parts.size() > 1) party.name = parts[1];
      if (parts.size() > 2) party.contact = parts[2];
      if (parts.size() > 3) party.person = parts[3];
      if (parts.size() > 4) party.employer = parts[4];
      command.report.parties.push_back(std::move(party));
    }
  }
  command.report.report_text = field(7);
  return command;
}

// Every ASCII letter moved one along the alphabet: the same length, spaces, UTF-8
// validity and emptiness, so validation must come out the same; only the words differ.
std::string rotated(const std::string& text) {
  std::string out = text;
  for (char& c : out) {
    if (c >= 'a' && c <= 'z')
      c = static_cast<char>(c == 'z' ? 'a' : c + 1);
    else if (c >= 'A' && c <= 'Z')
      c = static_cast<char>(c == 'Z' ? 'A' : c + 1);
  }
  return out;
}

NewCaseCommand with_sealed_fields_rotated(NewCaseCommand command) {
  command.report.report_text = rotated(command.report.report_text);
  command.location = rotated(command.location);
  for (PartyInput& party : command.report.parties) {
    party.name = rotated(party.name);
    party.contact = rotated(party.contact);
    party.employer = rotated(party.employer);
  }
  return command;
}

bool is_clean_field(const std::string& text, std::size_t limit) {
  return text.size() <= limit && is_clean_utf8(text) && text == trim(text);
}

void check_plan(const NewCaseCommand& command, const NewCasePlan& plan, const std::string& code_name) {
  FUZZ_CHECK(plan.summary.code_name == code_name && plan.summary.community_id == 3, "the case is the one asked for");
  FUZZ_CHECK(plan.summary.state == CaseState::Received, "a new case starts Received");
  FUZZ_CHECK(plan.summary.opened_at == kNow && plan.report.received_at == kNow, "a new case is opened now");
  FUZZ_CHECK(!plan.report.text.empty() && is_clean_field(plan.report.text, 100000), "the report is checked text");
  FUZZ_CHECK(plan.report.text == trim(command.report.report_text), "the report is what was typed, trimmed");
  FUZZ_CHECK(parse_report_channel(command.report.channel) == plan.report.channel, "the channel is the one named");
  FUZZ_CHECK(is_clean_field(plan.summary.location, 300), "the location is checked text");
  FUZZ_CHECK(plan.summary.location == trim(command.location), "the location is what was typed, trimmed");
  FUZZ_CHECK(plan.summary.space_key == command.space, "the space is the one named");
  if (plan.summary.occurred_on)
    FUZZ_CHECK(*plan.summary.occurred_on <= date_of(kNow), "an incident did not happen in the future");
  FUZZ_CHECK(plan.summary.occurred_on.has_value() == !command.occurred_on.empty(), "a date is kept when given");
  FUZZ_CHECK(plan.summary.ongoing == command.ongoing && plan.summary.physical_danger == command.physical_danger,
             "the flags are kept");

  const std::set<ViolationCategory> unique(plan.summary.categories.begin(), plan.summary.categories.end());
  FUZZ_CHECK(unique.size() == plan.summary.categories.size(), "categories are listed once");
  for (const ViolationCategory category : plan.summary.categories) {
    bool named = false;
    for (const std::string& name : command.categories) named = named || parse_violation_category(name) == category;
    FUZZ_CHECK(named, "every category was named");
  }

  FUZZ_CHECK(plan.parties.size() == command.report.parties.size() && plan.parties.size() <= 50,
             "every party is planned, at most 50");
  for (std::size_t i = 0; i < plan.parties.size(); ++i) {
    const PlannedParty& planned = plan.parties[i];
    const PartyInput& typed = command.report.parties[i];
    FUZZ_CHECK(planned.party.number == static_cast<int>(i) + 1, "parties are numbered from 1");
    FUZZ_CHECK(parse_party_role(typed.role) == planned.party.role, "a party has the role named");
    FUZZ_CHECK(planned.party.name == trim(typed.name) && is_clean_field(planned.party.name, 300), "names are checked");
    FUZZ_CHECK(planned.party.contact == trim(typed.contact) && is_clean_field(planned.party.contact, 300),
               "contacts are checked");
    FUZZ_CHECK(planned.party.employer == trim(typed.employer) && is_clean_field(planned.party.employer, 300),
               "employers are checked");
    const bool reported = planned.party.role == PartyRole::ReportedPerson;
    FUZZ_CHECK(!planned.party.person_id || (reported && *planned.party.person_id == kBlueJay),
               "only a reported person is linked, and only to a record that exists");
    FUZZ_CHECK(planned.needs_person_record == (reported && typed.person.empty()),
               "a reported person without a record gets a new one");
  }

  FUZZ_CHECK(plan.timeline.size() == 1, "the report is the only timeline entry");
  FUZZ_CHECK(plan.timeline[0].number == 1 && plan.timeline[0].kind == EntryKind::Report &&
                 plan.timeline[0].body == plan.report.text,
             "timeline entry 1 is the report");
}

// "report", "location", …, or "parties[N].role" and the other party fields.
bool is_intake_field(std::string_view field) {
  static const std::set<std::string_view> kFields{"report", "channel",  "parties",   "occurred_on",
                                                  "space",  "location", "categories"};
  static const std::set<std::string_view> kPartyFields{"role", "name", "contact", "person", "employer"};
  if (kFields.count(field)) return true;
  const std::string_view prefix = "parties[";
  if (field.substr(0, prefix.size()) != prefix) return false;
  field.remove_prefix(prefix.size());
  std::size_t digits = 0;
  while (digits < field.size() && field[digits] >= '0' && field[digits] <= '9') ++digits;
  if (digits == 0 || field.substr(digits, 2) != "].") return false;
  return kPartyFields.count(field.substr(digits + 2)) == 1;
}

void check_refusal(const Error& error) {
  FUZZ_CHECK(error.code == ErrorCode::InvalidArgument, "a refused report is InvalidArgument");
  FUZZ_CHECK(!error.fields.empty(), "a refused report names its fields");
  for (const auto& [field, problem] : error.fields)
    FUZZ_CHECK(is_intake_field(field), "a refusal names only intake fields");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Community community = [] {
    Community made;
    made.id = 3;
    made.slug = "tidewater";
    made.name = "Tidewater";
    made.policy = default_policy();
    return made;
  }();
  static const Member actor = [] {
    Member made;
    made.id = 5;
    made.community_id = 3;
    made.role = Role::Chair;
    return made;
  }();
  const PersonLookup find_person = [](const std::string& code_name) -> std::optional<std::int64_t> {
    if (code_name == "Blue Jay") return kBlueJay;
    return std::nullopt;
  };

  const NewCaseCommand command = command_of(conduct::fuzz::as_text(data, size));
  const Result<NewCasePlan> plan = plan_new_case(command, community, actor, "home shelf", find_person, kNow);
  const Result<NewCasePlan> rotated_plan =
      plan_new_case(with_sealed_fields_rotated(command), community, actor, "home shelf", find_person, kNow);
  FUZZ_CHECK(plan.ok() == rotated_plan.ok(), "the words of sealed fields do not decide whether a report is accepted");
  if (plan.ok()) {
    check_plan(command, *plan, "home shelf");
    return 0;
  }
  check_refusal(plan.error());
  FUZZ_CHECK(plan.error().message == rotated_plan.error().message && plan.error().fields == rotated_plan.error().fields,
             "errors never carry the words of a sealed field");
  return 0;
}
