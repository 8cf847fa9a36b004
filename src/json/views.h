// JSON views of the domain, shared by the HTTP API and the CLI's --json output so that
// both speak the same shapes (documented in docs/openapi.yaml).
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "app/audit.h"
#include "app/case_links.h"
#include "app/cases.h"
#include "app/conflicts.h"
#include "app/decisions.h"
#include "app/drafts.h"
#include "app/group_matters.h"
#include "app/local_submissions.h"
#include "app/meetings.h"
#include "app/members.h"
#include "app/people.h"
#include "app/quarantine.h"
#include "core/result.h"
#include "domain/case.h"
#include "domain/community.h"
#include "domain/evidence.h"
#include "domain/member.h"

namespace conduct::json {

nlohmann::json error_json(const Error& error);                      // {"error": {"code", "message", "fields"}}
nlohmann::json community_json(const domain::Community& community);  // public facts only
nlohmann::json member_json(const domain::Member& member);
nlohmann::json case_summary_json(const domain::Case& summary);
// {"cases": [summary, ...]} as text: what case_summary_json would print for each, written
// without building JSON values (json/writer.h), for the case list.
std::string case_summaries_text(const std::vector<domain::Case>& cases);
nlohmann::json case_record_json(const domain::CaseRecord& record);
// case_record_json as text, written without building JSON values (json/writer.h), for
// the case page.
std::string case_record_text(const domain::CaseRecord& record);
nlohmann::json entry_json(const domain::TimelineEntry& entry);
nlohmann::json report_json(const domain::Report& report);
// A case's links as the member may see them: {"linked_into": summary or null,
// "linked_elsewhere", "linked": [{"case": summary, "reports": [report, ...]}]}.
nlohmann::json case_links_json(const app::CaseLinksView& view);
// A case's decisions as the member may see them (app/decisions.h): {"case", "may_decide",
// "may_vote", "questions", "resolutions", "evaluation", "pattern", "responses",
// "proposals"}; docs/openapi.yaml "Decisions" gives every field.
nlohmann::json decisions_json(const app::DecisionsView& view, const domain::Policy& policy);
// An evidence file's facts, its name and description included (never its content).
nlohmann::json evidence_json(const domain::EvidenceFile& file);
nlohmann::json person_json(const store::PersonRow& row);
// A draft with its content and what its checks found (app/drafts.h).
nlohmann::json draft_json(const app::DraftView& view);

// A local representative's submission: kind, date, plain status and its words (English).
nlohmann::json submission_json(const app::SentSubmission& sent);
// A message waiting in the mail quarantine: no content (app/quarantine.h).
nlohmann::json quarantine_json(const app::QuarantineSummary& summary);
// A meeting in a list (plain columns), and opened: its minutes when the member's keys
// open them, and the entries it wrote on the cases the member may read.
nlohmann::json meeting_summary_json(const app::MeetingSummary& summary);
nlohmann::json meeting_json(const app::MeetingView& view);
// The group's own matters: in a list (plain columns), and as the asking member sees one.
nlohmann::json matter_summary_json(const app::MatterSummary& summary);
nlohmann::json matter_json(const app::MatterView& view);
// One case a search found: {"case": summary, "matches": [{"where", "snippet"}]}.
nlohmann::json search_result_json(const app::SearchResult& result);
nlohmann::json person_view_json(const app::PersonView& view);
// One audit entry: seq, time, actor (and actor_name when `names` knows it), action,
// case (URL form, or null), digest and hash in hex.
nlohmann::json audit_entry_json(const crypto::AuditEntry& entry, const std::map<std::string, std::string>& names = {});
// {"intact", "entries", "head", and when broken "first_bad_position", "problem"}.
nlohmann::json audit_verification_json(const crypto::AuditVerification& verification);

// A case a member still has to screen: its code names only, never its contents.
nlohmann::json screening_item_json(const app::ScreeningItem& item);

// A board member's oversight request. Its reason is sealed case content, shown only
// where chairs decide on the requests (GrantReason::Include), never echoed elsewhere.
enum class GrantReason { Omit, Include };
nlohmann::json oversight_grant_json(const domain::OversightGrant& grant, GrantReason reason);
// What a board member is told after asking for oversight: the same whatever the code
// named (no grant id, no case).
nlohmann::json oversight_request_receipt_json(const domain::OversightGrant& grant);
// An oversight request that named no case its board member may ask about (chairs).
nlohmann::json unmatched_oversight_request_json(const app::UnmatchedOversightRequest& request);
// A warning about many failed sign-ins against one member's account (chairs).
nlohmann::json sign_in_warning_json(const app::SignInWarning& warning);

}  // namespace conduct::json
