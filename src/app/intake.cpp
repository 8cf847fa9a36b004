#include "app/intake.h"

#include "app/access.h"
#include "app/audit.h"
#include "app/case_keys.h"
#include "app/cases.h"
#include "app/catalogue.h"
#include "app/communities.h"
#include "app/evidence.h"
#include "app/mail_queue.h"
#include "app/rate_limits.h"
#include "app/reporter_thread.h"
#include "core/text.h"
#include "crypto/receipt.h"

namespace conduct::app {
namespace {

// Who hears that a report arrived: the policy's chairs or members, active, who may
// read the case (a member the report excludes never hears of it, and nobody of a case
// held in escrow). When no chair may read it (the report names every chair), the case
// is with the board, and the board members who may read it hear of it too.
Result<std::vector<domain::Member>> members_to_notify(Context& context, const domain::Community& community,
                                                      const domain::Case& summary, bool whole_group) {
  ASSIGN_OR_RETURN(const std::vector<domain::Member> members, context.store.list_members(community.id));
  ASSIGN_OR_RETURN(const AccessView view, load_access_view(context, community.id, summary.id));
  const Date today = date_of(context.clock.now());
  std::vector<domain::Member> notified, board;
  bool a_chair_reads = false;
  for (const domain::Member& member : members) {
    if (!domain::is_active_on(member, today)) continue;
    const Actor actor{community, member, nullptr};
    if (!may(context, view, actor, domain::Action::ReadCase, summary)) continue;
    a_chair_reads = a_chair_reads || domain::is_chair_role(member.role);
    const bool wanted = community.policy.intake.notify == domain::NotifyOnReport::Chairs && !whole_group
                            ? domain::is_chair_role(member.role)
                            : domain::is_group_role(member.role);
    if (wanted)
      notified.push_back(member);
    else if (member.role == domain::Role::BoardMember)
      board.push_back(member);
  }
  if (!a_chair_reads) notified.insert(notified.end(), board.begin(), board.end());
  return notified;
}

std::string acknowledgement_key(domain::AcknowledgementWording wording) {
  switch (wording) {
    case domain::AcknowledgementWording::LookingIntoIt:
      break;
    case domain::AcknowledgementWording::KeptOnFile:
      return "mail.acknowledgement_on_file";
    case domain::AcknowledgementWording::HeldInEscrow:
      return "mail.acknowledgement_escrow";
  }
  return "mail.acknowledgement_looking";
}

Status queue_acknowledgement(Context& context, const domain::Community& community, const domain::Case& summary,
                             const domain::PublicReportPlan& plan, const std::string& language,
                             const std::string& receipt) {
  const std::string& reporter_name = plan.reporter_name;
  const Catalogue& words = shipped_catalogue();
  const std::vector<std::pair<std::string, std::string>> values = {
      {"community", community.name}, {"name", reporter_name.empty() ? "" : " " + reporter_name}};
  std::string body = words.text(language, acknowledgement_key(plan.wording), values);
  if (!receipt.empty()) body += "\n" + words.text(language, "mail.acknowledgement_receipt", {{"receipt", receipt}});
  TRY(queue_correspondence(context, community, summary.id,
                           {"acknowledgement",
                            {*plan.acknowledge_to},
                            words.text(language, "mail.acknowledgement_subject", values),
                            std::move(body),
                            "auto-replied"}));
  return ok_status();
}

}  // namespace

Status queue_report_notices(Context& context, const domain::Community& community, const domain::Case& summary,
                            NoticeReach reach) {
  ASSIGN_OR_RETURN(const std::vector<domain::Member> notified,
                   members_to_notify(context, community, summary, reach == NoticeReach::WholeGroup));
  for (const domain::Member& member : notified)
    TRY(queue_notice(context, community, member, "new-report", "mail.new_report_subject", "mail.new_report_body",
                     summary.id));
  return ok_status();
}

Result<ReportFormFacts> report_form_facts(Context& context, const std::string& community_slug) {
  ReportFormFacts facts;
  ASSIGN_OR_RETURN(facts.community, load_community(context, community_slug));
  ASSIGN_OR_RETURN(const std::vector<domain::Member> members, context.store.list_members(facts.community.id));
  for (const domain::Member& member : members)
    if (domain::nameable_on_report_form(member, context.clock.now()))
      facts.members.push_back({member.id, member.display_name});
  return facts;
}

Result<SubmittedReport> open_reported_case(Context& context, const domain::Community& community,
                                           const domain::PublicReportPlan& plan, const ReportOpening& opening) {
  const Timestamp now = context.clock.now();
  const std::optional<std::int64_t> author =
      opening.representative ? std::optional<std::int64_t>(opening.representative->member.id) : std::nullopt;
  const domain::PersonLookup no_record = [](const std::string&) { return std::optional<std::int64_t>(); };
  TRY(domain::plan_new_case(plan.command, community, author, "unnamed case", no_record, now));

  // The slow work before the write lock: Argon2id of the receipt, the key's wraps.
  std::optional<NewReporterThread> thread;
  if (opening.reporter_thread) {
    ASSIGN_OR_RETURN(thread, prepare_reporter_thread(context, plan.answer_by_email, opening.language));
  }
  ASSIGN_OR_RETURN(const PreparedCaseKey prepared, prepare_case_key(context, community.id));

  SubmittedReport submitted;
  TRY(transaction(context, [&]() -> Status {
    if (opening.first) TRY(opening.first());
    const auto plan_for = [&](const std::string& code_name) -> Result<domain::NewCasePlan> {
      ASSIGN_OR_RETURN(domain::NewCasePlan planned,
                       domain::plan_new_case(plan.command, community, author, code_name, no_record, now));
      planned.summary.escrowed = plan.escrow;
      return planned;
    };
    ASSIGN_OR_RETURN(WrittenCase written,
                     write_new_case(context, community.id, prepared, plan_for, plan.excluded_members));
    domain::Case& summary = written.summary;
    if (thread) {
      ASSIGN_OR_RETURN(submitted.receipt, store_reporter_thread(context, summary, *thread));
    }
    if (opening.within) TRY(opening.within(summary));
    if (plan.acknowledge_to) {
      ASSIGN_OR_RETURN(const int next_number, context.store.next_entry_number(summary));
      ASSIGN_OR_RETURN(const domain::CaseEdit acknowledged,
                       domain::plan_acknowledgement(summary, next_number, plan.wording,
                                                    {*plan.acknowledge_to, community.contact_email}, now));
      TRY(apply_case_edit(context, summary, acknowledged));
      TRY(queue_acknowledgement(context, community, summary, plan, opening.language,
                                opening.receipt_in_acknowledgement ? submitted.receipt : ""));
      submitted.acknowledged_to = plan.acknowledge_to;
    }
    // The group hears of this report (unless it is still held) and of the held ones it
    // released, at once.
    TRY(queue_report_notices(context, community, summary,
                             opening.notify_whole_group ? NoticeReach::WholeGroup : NoticeReach::AsThePolicySays));
    for (const domain::Case& released : written.released) TRY(queue_report_notices(context, community, released));
    submitted.case_id = summary.id;
    submitted.held_in_escrow = plan.escrow;
    if (opening.representative)
      return record_action(context, *opening.representative, audit_action::kSubmitLocally, summary.code_name);
    return record_action(context, kPublicActor, community.id, audit_action::kReceiveReport, summary.code_name);
  }));
  return submitted;
}

std::vector<domain::ReporterFile> reporter_files(const std::vector<ReporterUpload>& uploads) {
  std::vector<domain::ReporterFile> files;
  for (std::size_t i = 0; i < uploads.size(); ++i)
    files.push_back(
        {uploaded_file_name(uploads[i].name, i + 1, ""), static_cast<std::int64_t>(uploads[i].content.size())});
  return files;
}

Status store_reporter_files(Context& context, const domain::Case& summary, const domain::Policy& policy,
                            const std::vector<ReporterUpload>& uploads, const std::string& description) {
  const std::vector<domain::ReporterFile> files = reporter_files(uploads);
  for (std::size_t i = 0; i < uploads.size(); ++i)
    TRY(store_evidence(context, summary, policy, std::nullopt, {files[i].name, description, uploads[i].content}));
  return ok_status();
}

Result<SubmittedReport> submit_public_report(Context& context, const std::string& community_slug,
                                             domain::PublicReport report, const ReportOrigin& origin,
                                             const std::vector<ReporterUpload>& files) {
  report.files = reporter_files(files);
  ASSIGN_OR_RETURN(const domain::Community community, load_community(context, community_slug));
  const domain::IntakePolicy& limits = community.policy.intake;
  const RateKeys keys = rate_keys(context, "report", origin.client_address);
  TRY(check_rates(context, keys, limits.reports_per_address, limits.reports_overall));

  ASSIGN_OR_RETURN(const std::vector<domain::Member> members, context.store.list_members(community.id));
  ASSIGN_OR_RETURN(const domain::PublicReportPlan plan,
                   domain::plan_public_report(report, community, members, context.clock.now()));
  ReportOpening opening;
  opening.language = origin.language;
  opening.first = [&] { return count_rate_use(context, keys, limits.reports_per_address, limits.reports_overall); };
  if (!files.empty())
    opening.within = [&](const domain::Case& summary) {
      return store_reporter_files(context, summary, community.policy, files, "Sent by the reporter with the report.");
    };
  return open_reported_case(context, community, plan, opening);
}

}  // namespace conduct::app
