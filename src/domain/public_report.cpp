// The public report form's rules, in words:
//
// - Only what happened is required. Every other field may be left empty; a report
//   without a name or an email is anonymous, and is accepted as such.
// - Names, handles, when, where and the language are one line each (a name goes into
//   the acknowledgement mail: it must not carry a message of its own).
// - An email address, when given, must look like one: it is where the acknowledgement
//   goes, at once, and (when the reporter asks) where the group answers.
// - People involved come as rows of role, name and handle; a row with neither a name
//   nor a handle is an empty row of the form and names no one. A reported person's
//   handle or email links the report to earlier reports on them (by blind index).
// - The space must be one of the community's; the date must be a real day, not in
//   the future.
// - Members the report concerns must be members the form offered (the working group,
//   advisers, liaisons and the board, active today). They are excluded from the case
//   before its key is made for anyone: no code name, no count, no notification.
// - Files come within the policy's [intake] limits: how many, each within the evidence
//   limit, and all together (check_reporter_files).
// - The reporter may ask that the report be held in escrow until another report names
//   the same person (escrow.cpp); it must then name a reported person by a name or a
//   handle, or nothing could ever release it.
// - A report held in escrow gets the "held" acknowledgement, whatever else it says; a
//   report already handled locally, "kept on file"; any other, "we will look into it".
#include "domain/public_report.h"

#include <algorithm>

#include "core/field_errors.h"
#include "core/text.h"
#include "domain/evidence.h"
#include "domain/text_checks.h"

namespace conduct::domain {
namespace {

constexpr std::size_t kMaxShortBytes = 300;
constexpr std::size_t kMaxLongBytes = 20000;
constexpr std::size_t kMaxPeople = 20;

std::optional<PartyRole> involved_role(std::string_view role) {
  if (role == "reported-person") return PartyRole::ReportedPerson;
  if (role == "harmed-individual") return PartyRole::HarmedIndividual;
  if (role == "witness") return PartyRole::Witness;
  return std::nullopt;
}

}  // namespace

bool nameable_on_report_form(const Member& member, Timestamp now) {
  if (!is_active_on(member, date_of(now))) return false;
  return is_group_role(member.role) || member.role == Role::Adviser || member.role == Role::Liaison ||
         member.role == Role::BoardMember;
}

void check_reporter_files(FieldErrors& errors, const std::vector<ReporterFile>& files, const Policy& policy) {
  const int most = policy.intake.reporter_files_most;
  if (files.empty()) return;
  if (most == 0) return errors.add("files", "cannot be sent here: this community takes no files with a report");
  if (files.size() > static_cast<std::size_t>(most))
    return errors.add("files", "are too many: at most " + std::to_string(most) + " files at a time");
  std::int64_t total = 0;
  for (std::size_t i = 0; i < files.size(); ++i) {
    const std::string which = "file " + std::to_string(i + 1);
    if (files[i].size_bytes <= 0) return errors.add("files", "include an empty one: " + which);
    if (files[i].size_bytes > policy.evidence_max_bytes)
      return errors.add("files", "include one larger than the limit of " + describe_size(policy.evidence_max_bytes) +
                                     " for a file: " + which);
    total += files[i].size_bytes;
  }
  if (total > policy.intake.reporter_files_max_bytes)
    errors.add("files",
               "are larger together than the limit of " + describe_size(policy.intake.reporter_files_max_bytes));
}

Result<PublicReportPlan> plan_public_report(const PublicReport& report, const Community& community,
                                            const std::vector<Member>& members, Timestamp now) {
  FieldErrors errors;
  check_reporter_files(errors, report.files, community.policy);
  PublicReportPlan plan;

  const std::string reporter_name = trim(report.reporter_name);
  const std::string reporter_email = to_lower_ascii(trim(report.reporter_email));
  check_line_field(errors, "reporter_name", reporter_name, kMaxShortBytes);
  if (!reporter_email.empty() && (reporter_email.size() > kMaxShortBytes || !looks_like_email(reporter_email)))
    errors.add("reporter_email", "must be an email address such as name@example.org, or left empty");
  if (report.answer_by_email && reporter_email.empty())
    errors.add("answer_by_email", "needs an email address to answer to");

  const std::string what_happened = trim(report.what_happened);
  if (what_happened.empty())
    errors.add("what_happened", "is required: tell us what happened, in your own words");
  else
    check_text_field(errors, "what_happened", what_happened, kMaxLongBytes);
  const std::string when = trim(report.when), where = trim(report.where), links = trim(report.links),
                    context = trim(report.context), language = trim(report.report_language);
  check_line_field(errors, "when", when, kMaxShortBytes);
  check_line_field(errors, "where", where, kMaxShortBytes);
  check_text_field(errors, "links", links, kMaxLongBytes);
  check_text_field(errors, "context", context, kMaxLongBytes);
  check_line_field(errors, "report_language", language, kMaxShortBytes);

  NewCaseCommand& command = plan.command;
  command.report.channel = std::string(to_string(ReportChannel::WebForm));
  command.report.content_notes = report.content_notes;  // checked with the case's plan
  PartyInput reporter;
  reporter.role = std::string(to_string(PartyRole::Reporter));
  reporter.name = reporter_name;
  reporter.contact = reporter_email;
  command.report.parties.push_back(reporter);

  std::size_t named = 0;
  bool names_reported_person = false;
  for (std::size_t i = 0; i < report.people.size(); ++i) {
    const InvolvedPerson& person = report.people[i];
    const std::string field = "people[" + std::to_string(i + 1) + "]";
    const std::string name = trim(person.name), handle = trim(person.handle);
    if (name.empty() && handle.empty()) continue;  // an empty row of the form
    if (++named > kMaxPeople) {
      errors.add("people", "at most " + std::to_string(kMaxPeople) + " people: name the others in the account");
      break;
    }
    const std::optional<PartyRole> role = involved_role(person.role);
    if (!role) errors.add(field + ".role", "must be reported-person, harmed-individual or witness");
    names_reported_person = names_reported_person || role == PartyRole::ReportedPerson;
    check_line_field(errors, field + ".name", name, kMaxShortBytes);
    check_line_field(errors, field + ".handle", handle, kMaxShortBytes);
    PartyInput party;
    party.role = std::string(to_string(role.value_or(PartyRole::Witness)));
    party.name = name;
    party.contact = handle;
    command.report.parties.push_back(std::move(party));
  }

  if (report.escrow && !names_reported_person)
    errors.add("escrow", "needs a person who behaved badly, named by a name or a handle, for another report to match");

  command.occurred_on = trim(report.occurred_on);
  if (!command.occurred_on.empty()) {
    const std::optional<Date> day = parse_date(command.occurred_on);
    if (!day)
      errors.add("occurred_on", "must be a date written YYYY-MM-DD");
    else if (*day > date_of(now))
      errors.add("occurred_on", "must not be in the future");
  }
  command.space = trim(report.space);
  if (!command.space.empty() && !find_space(community, command.space))
    errors.add("space", "must be one of the spaces the form lists");
  command.location = where;
  command.ongoing = report.ongoing;
  command.physical_danger = report.physical_danger;

  for (std::size_t i = 0; i < report.concerned_members.size(); ++i) {
    const std::int64_t id = report.concerned_members[i];
    const auto member = std::find_if(members.begin(), members.end(), [&](const Member& m) { return m.id == id; });
    if (member == members.end() || member->community_id != community.id || !nameable_on_report_form(*member, now)) {
      errors.add("concerned_members", "must be members from the form's list");
      continue;
    }
    if (std::find(plan.excluded_members.begin(), plan.excluded_members.end(), id) == plan.excluded_members.end())
      plan.excluded_members.push_back(id);
  }
  TRY(errors.result("the report could not be sent"));

  std::string text = what_happened;
  append_section(text, "When", when);
  append_section(text, "Links", links);
  append_section(text, "Context", context);
  std::string language_facts = language;
  if (report.translation_tools)
    language_facts += language_facts.empty() ? "Translation tools were used." : " (translation tools were used)";
  append_section(text, "Language of the report", language_facts);
  if (report.handled_locally)
    append_section(text, "Already handled",
                   "The reporter says this was already dealt with and asks that it be kept on file.");
  if (report.escrow)
    append_section(text, "Held in escrow",
                   "The reporter asked that this report be held, seen by nobody, until another report named the "
                   "same person.");
  if (reporter_name.empty() && reporter_email.empty())
    append_section(text, "Reporter", "Anonymous: no name or email was given.");
  command.report.report_text = text;

  if (!reporter_email.empty()) plan.acknowledge_to = reporter_email;
  plan.reporter_name = reporter_name;
  plan.answer_by_email = report.answer_by_email;
  plan.escrow = report.escrow;
  plan.wording = report.escrow            ? AcknowledgementWording::HeldInEscrow
                 : report.handled_locally ? AcknowledgementWording::KeptOnFile
                                          : AcknowledgementWording::LookingIntoIt;
  return plan;
}

std::string_view to_string(AcknowledgementWording wording) {
  switch (wording) {
    case AcknowledgementWording::LookingIntoIt:
      break;
    case AcknowledgementWording::KeptOnFile:
      return "kept on file";
    case AcknowledgementWording::HeldInEscrow:
      return "held in escrow";
  }
  return "we will look into it";
}

Result<CaseEdit> plan_acknowledgement(const Case& current, int next_entry_number, AcknowledgementWording wording,
                                      const std::vector<std::string>& recipients, Timestamp now) {
  if (current.state != CaseState::Received)
    return failed_precondition("only a case just received is acknowledged at intake");
  CaseEdit edit;
  TimelineEntry sent;
  sent.number = next_entry_number;
  sent.kind = EntryKind::CommunicationOut;
  sent.created_at = now;
  sent.body = "Acknowledgement sent by email to the reporter at once (wording: " + std::string(to_string(wording)) +
              ").\nTo: " + join(recipients, ", ");
  TimelineEntry moved;
  moved.number = next_entry_number + 1;
  moved.kind = EntryKind::Transition;
  moved.created_at = now;
  moved.from_state = CaseState::Received;
  moved.to_state = CaseState::Acknowledged;
  moved.body = "Acknowledged: the reporter was sent the acknowledgement when the report arrived.";
  edit.new_entries = {sent, moved};
  edit.new_state = CaseState::Acknowledged;
  return edit;
}

std::string_view reporter_status_key(CaseState state) {
  switch (state) {
    case CaseState::Received:
      return "status.received";
    case CaseState::Acknowledged:
      return "status.acknowledged";
    case CaseState::Investigating:
    case CaseState::Deciding:
    case CaseState::Reopened:
    case CaseState::Reconsideration:
      return "status.looking_into_it";
    case CaseState::AwaitingFeedback:
      return "status.your_view";
    case CaseState::Enacting:
      return "status.acting";
    case CaseState::EscalatedToBoard:
      return "status.with_the_board";
    case CaseState::Resolved:
      return "status.closed";
  }
  return "status.looking_into_it";
}

std::string_view reporter_status_key(const Case& summary) {
  if (summary.escrowed) return "status.held";
  return reporter_status_key(summary.state);
}

std::string_view reporter_status_key(const Case& own, const std::optional<Case>& handled_in) {
  return reporter_status_key(handled_in.value_or(own));
}

}  // namespace conduct::domain
