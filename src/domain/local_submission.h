// What local representatives send the group (reference/events.md "After the event",
// reference/affiliated-programs.md "Reporting to the Working Group"): an event's
// Code of Conduct team, a space's moderators or an affiliated program's contact sign in
// with an account of their own and send one of three kinds of submission. They never
// see a case: they see what they sent, when, and where it stands in plain words.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "domain/community.h"
#include "domain/member.h"
#include "domain/public_report.h"

namespace conduct::domain {

enum class SubmissionKind {
  Report,      // an incident the team received and passes on for the group to handle
  Summary,     // an incident the team already handled: for the group's records (the short path)
  Escalation,  // an incident the team cannot or should not handle alone: the group is asked to act
};
std::string_view to_string(SubmissionKind kind);
std::optional<SubmissionKind> parse_submission_kind(std::string_view text);

struct LocalSubmission {
  std::string kind;  // "report", "summary" or "escalation"
  std::vector<InvolvedPerson> people;
  std::string occurred_on;    // YYYY-MM-DD, or empty
  std::string when;           // free text: "the Saturday evening social"
  std::string space;          // a space key of the community's policy (the event, the program), or empty
  std::string where;          // free text
  std::string what_happened;  // the facts as the team found them
  std::string actions_taken;  // what the team did (required for a summary)
  std::string responses;      // how the people involved responded, and the outcome
  std::string why_escalated;  // why the group is asked to act (required for an escalation)
  std::string links;          // one per line: screenshots, recordings, messages
  std::vector<std::string> content_notes;
  bool ongoing = false;
  bool physical_danger = false;
};

struct LocalSubmissionPlan {
  SubmissionKind kind = SubmissionKind::Report;
  PublicReportPlan report;  // the case to open (channel local-representative), acknowledged to the representative
  bool notify_whole_group = false;  // an escalation reaches every active group member, not only the chairs
};

// Checks every field (all problems at once, by the names above) and plans the case: the
// representative is its reporter (their name and address), the report text holds the
// facts and, under plain headings, the team's actions, the responses and why it is
// escalated. A summary is acknowledged with the "kept on file" wording and waits,
// acknowledged, for the group to review it and resolve it with source "local" (the
// short path) or to investigate; a report and an escalation get "we will look into it".
// Errors: InvalidArgument; PermissionDenied when `representative` is not an active local
// representative of `community`.
Result<LocalSubmissionPlan> plan_local_submission(const LocalSubmission& submission, const Community& community,
                                                  const Member& representative, Timestamp now);

}  // namespace conduct::domain
