// A local representative's submission, in words:
//
// - The kind is one of report, summary (after-event summary of an incident the team
//   already handled) and escalation. What happened is required for every kind; a summary
//   also says what the team did, and an escalation why the group should act.
// - The representative is the case's reporter: their display name and address, so the
//   acknowledgement reaches them at once and conflicts are checked against them.
// - The other fields are the public form's, with its rules (plan_public_report): the
//   people involved, when and where, links, content notes.
// - A summary is acknowledged as kept on file; it stays acknowledged until a member has
//   reviewed it, since the group still assesses whether it needs to act
//   (reference/events.md "After the event"). An escalation reaches every active member
//   of the group, not only those the policy notifies of reports.
#include "domain/local_submission.h"

#include "core/field_errors.h"
#include "core/text.h"
#include "domain/text_checks.h"

namespace conduct::domain {
namespace {

constexpr std::size_t kMaxLongBytes = 20000;

constexpr std::pair<SubmissionKind, std::string_view> kKindNames[] = {
    {SubmissionKind::Report, "report"},
    {SubmissionKind::Summary, "summary"},
    {SubmissionKind::Escalation, "escalation"},
};

}  // namespace

std::string_view to_string(SubmissionKind kind) {
  for (const auto& [known, name] : kKindNames)
    if (known == kind) return name;
  return "report";
}

std::optional<SubmissionKind> parse_submission_kind(std::string_view text) {
  for (const auto& [kind, name] : kKindNames)
    if (name == text) return kind;
  return std::nullopt;
}

Result<LocalSubmissionPlan> plan_local_submission(const LocalSubmission& submission, const Community& community,
                                                  const Member& representative, Timestamp now) {
  if (representative.role != Role::LocalRepresentative || representative.community_id != community.id ||
      !is_active_on(representative, date_of(now)))
    return permission_denied("only an active local representative of this community sends submissions");

  FieldErrors errors;
  const std::optional<SubmissionKind> kind = parse_submission_kind(submission.kind);
  if (!kind) errors.add("kind", "must be report, summary or escalation");
  const std::string actions = trim(submission.actions_taken), responses = trim(submission.responses),
                    why = trim(submission.why_escalated);
  if (kind == SubmissionKind::Summary && actions.empty())
    errors.add("actions_taken", "is required in a summary: say what the team did");
  if (kind == SubmissionKind::Escalation && why.empty())
    errors.add("why_escalated", "is required in an escalation: say why the group should act");
  check_text_field(errors, "actions_taken", actions, kMaxLongBytes);
  check_text_field(errors, "responses", responses, kMaxLongBytes);
  check_text_field(errors, "why_escalated", why, kMaxLongBytes);

  PublicReport report;
  report.reporter_name = representative.display_name;
  report.reporter_email = representative.email;
  report.people = submission.people;
  report.occurred_on = submission.occurred_on;
  report.when = submission.when;
  report.space = submission.space;
  report.where = submission.where;
  report.what_happened = submission.what_happened;
  report.links = submission.links;
  report.ongoing = submission.ongoing;
  report.physical_danger = submission.physical_danger;
  report.content_notes = submission.content_notes;
  Result<PublicReportPlan> planned = plan_public_report(report, community, {}, now);
  if (!planned.ok()) {
    if (planned.error().code != ErrorCode::InvalidArgument) return planned.error();
    for (const auto& [field, problem] : planned.error().fields) errors.add(field, problem);
  }
  TRY(errors.result("the submission could not be sent"));

  LocalSubmissionPlan plan;
  plan.kind = *kind;
  plan.report = std::move(*planned);
  NewCaseCommand& command = plan.report.command;
  command.report.channel = std::string(to_string(ReportChannel::LocalRepresentative));
  std::string heading;
  switch (*kind) {
    case SubmissionKind::Report:
      heading = "A report passed on by " + representative.display_name + " (local representative).";
      break;
    case SubmissionKind::Summary:
      heading = "An after-event summary from " + representative.display_name +
                " (local representative): the team already handled this incident and sends it for the record.";
      plan.report.wording = AcknowledgementWording::KeptOnFile;
      break;
    case SubmissionKind::Escalation:
      heading = "An escalation from " + representative.display_name +
                " (local representative): the team asks the group to act.";
      plan.notify_whole_group = true;
      break;
  }
  std::string text = heading + "\n\n" + command.report.report_text;
  append_section(text, "What the team did", actions);
  append_section(text, "Responses and outcome", responses);
  append_section(text, "Why the group is asked to act", why);
  command.report.report_text = text;
  plan.report.answer_by_email = false;
  return plan;
}

}  // namespace conduct::domain
