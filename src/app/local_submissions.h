// Local representatives' submissions (domain/local_submission.h): an event's Code of
// Conduct team, a space's moderators or an affiliated program's contact send the group
// a report, an after-event summary or an escalation from their own pages, and follow
// what they sent. Each submission opens a case like any report (sealed for the members
// who may read it, acknowledged to the representative at once, the chairs notified —
// every active member for an escalation); the representative never holds its key and
// sees only its kind, date and where it stands, in plain words.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "app/context.h"
#include "core/result.h"
#include "domain/local_submission.h"

namespace conduct::app {

struct SentSubmission {
  std::string kind;  // "report", "summary" or "escalation"
  Timestamp submitted_at;
  std::string status_key;  // a catalogue key: "status.acknowledged", …
};

// Errors: PermissionDenied for anyone but an active local representative (the one policy
// function decides); InvalidArgument naming each wrong field; nothing is written then.
Result<SentSubmission> submit_locally(Context& context, const Actor& actor, const domain::LocalSubmission& submission);

inline constexpr std::size_t kMostListedSubmissions = 100;

// The representative's own submissions, newest first, at most kMostListedSubmissions.
// Errors: PermissionDenied as above.
Result<std::vector<SentSubmission>> list_own_submissions(Context& context, const Actor& actor);

}  // namespace conduct::app
