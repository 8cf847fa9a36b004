// Reports from people without an account (docs/domain.md "Receiving a report"): the
// public report form and POST /api/reports. A report opens a case at once, sealed for
// the members who may read it, with the reporter's thread and its receipt; the
// acknowledgement and the members' notices are queued in the same transaction.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/context.h"
#include "core/result.h"
#include "domain/community.h"
#include "domain/public_report.h"

namespace conduct::app {

// What the form shows: the community, its spaces (in its policy) and the members a
// report may name.
struct NameableMember {
  std::int64_t id = 0;
  std::string display_name;
};
struct ReportFormFacts {
  domain::Community community;
  std::vector<NameableMember> members;
};
// Errors: NotFound for an unknown community.
Result<ReportFormFacts> report_form_facts(Context& context, const std::string& community_slug);

struct ReportOrigin {
  std::string client_address;  // counted (as a keyed hash) against the policy's limits
  std::string language;        // the language the reporter reads: their mail and portal
};

struct SubmittedReport {
  std::string receipt;                         // as the reporter reads it, shown once: only its verifier is kept
  std::optional<std::string> acknowledged_to;  // the address the acknowledgement goes to
  std::int64_t case_id = 0;                    // kept inside the server: never shown to the reporter
  bool held_in_escrow = false;                 // the reporter asked for escrow (whatever became of it)
};

// A file a reporter sends: its name as the browser gave it and its bytes (not copied:
// they must stay valid for the call).
struct ReporterUpload {
  std::string name;
  std::string_view content;
};

// The files as the domain checks them (names cleaned, sizes), and the same names the
// evidence layer keeps them under.
std::vector<domain::ReporterFile> reporter_files(const std::vector<ReporterUpload>& uploads);

// Keeps a reporter's files on the case as evidence files (no author), described as
// `description` says; inside the caller's transaction, the case's key held or prepared.
Status store_reporter_files(Context& context, const domain::Case& summary, const domain::Policy& policy,
                            const std::vector<ReporterUpload>& uploads, const std::string& description);

// Opens a case from a public report, with its files (report.files is set from them).
// Errors: NotFound for an unknown community;
// InvalidArgument naming every field that is wrong (nothing is written); ResourceExhausted
// with "retry_after" when the address or everyone together sent the policy's most.
Result<SubmittedReport> submit_public_report(Context& context, const std::string& community_slug,
                                             domain::PublicReport report, const ReportOrigin& origin,
                                             const std::vector<ReporterUpload>& files = {});

// How a checked report is opened (the form and mail share it).
struct ReportOpening {
  std::string language;                               // the language the reporter reads
  std::function<Status()> first;                      // runs first inside the transaction (counting a rate's use)
  std::function<Status(const domain::Case&)> within;  // runs once the case is written (mail's files)
  bool receipt_in_acknowledgement = false;            // mail: the reporter has seen no confirmation page
  // A local representative's submission: they are the report's author, follow it on
  // their own page (no reporter's thread, no receipt), and an escalation reaches every
  // active member of the group.
  const Actor* representative = nullptr;
  bool reporter_thread = true;
  bool notify_whole_group = false;
};

// Tells the group a report arrived, inside the caller's transaction: a notice naming no
// case and holding no content to the policy's chairs or members (every group member
// with NoticeReach::WholeGroup), active, who may read `summary`; when no chair may
// (the report names every chair), the board members who may read it. Nobody hears of
// a case held in escrow: the policy lets nobody read it.
enum class NoticeReach { AsThePolicySays, WholeGroup };
Status queue_report_notices(Context& context, const domain::Community& community, const domain::Case& summary,
                            NoticeReach reach = NoticeReach::AsThePolicySays);

// Opens the case `plan` describes, in one transaction: the case sealed for the members
// who may read it (held in escrow when the plan says so), the reporter's thread and
// receipt, the acknowledgement (when the plan has an address) and the members' notices
// (of the held cases the report released too), and the audit entry.
Result<SubmittedReport> open_reported_case(Context& context, const domain::Community& community,
                                           const domain::PublicReportPlan& plan, const ReportOpening& opening);

}  // namespace conduct::app
