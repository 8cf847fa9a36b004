// Drafts of messages to people outside the group, their checks and their review
// (domain/drafts.h says the rules; domain/draft_checks.h the checks). A draft is
// sealed with the case; it goes out through the mail queue with the case's tag, the
// group's address copied, each recipient alone unless the author chose otherwise, and
// lands on the timeline as an outgoing communication naming its recipients and who
// approved it.
#pragma once

#include <string>
#include <vector>

#include "app/context.h"
#include "core/result.h"
#include "domain/drafts.h"

namespace conduct::app {

struct DraftView {
  domain::Draft draft;
  std::vector<domain::DraftFinding> findings;  // the checks, run as it is read
  bool needs_review = false;
  bool held = false;  // an identifier was found: nobody may send it
};

// Errors: as writing the case (NotFound alike for a missing and a withheld case;
// FailedPrecondition when the key is not held); InvalidArgument naming the fields.
Result<DraftView> write_draft(Context& context, const Actor& actor, const std::string& code_name,
                              const std::string& recipient, const domain::DraftContent& content);

// The case's drafts, oldest first, each with its findings. Errors: as reading the case.
Result<std::vector<DraftView>> list_drafts(Context& context, const Actor& actor, const std::string& code_name);

// Sends draft `number`: approving it when it needs a second member. Errors: as writing
// the case; NotFound for a number the case has no draft under; FailedPrecondition with
// the reason it may not be sent (held, one's own draft that needs review, decided).
Result<DraftView> send_draft(Context& context, const Actor& actor, const std::string& code_name, int number);

// Withdraws a waiting draft (it is kept, never sent). Errors: as send_draft.
Status withdraw_draft(Context& context, const Actor& actor, const std::string& code_name, int number);

// A draft waiting for a second member: on which case, to whom, by whom, since when.
struct DraftToReview {
  std::string code_name;
  int number = 0;
  domain::DraftRecipient recipient = domain::DraftRecipient::Other;
  std::int64_t author_id = 0;
  Timestamp created_at;
};
inline constexpr std::size_t kMostDraftsToReview = 50;

// The drafts the actor could approve, oldest first (at most kMostDraftsToReview): waiting,
// of a kind the policy sends only after a second member's approval, written by someone
// else, on cases the actor's listing reaches (the case page then says whether the actor
// may write the case and holds its key). For the members' intake queue.
// Errors: PermissionDenied for a role that lists no cases.
Result<std::vector<DraftToReview>> drafts_awaiting_review(Context& context, const Actor& actor);

}  // namespace conduct::app
