// Drafts of messages to people outside the group, and their review (docs/domain.md
// "Drafts and review"; reference/working-group-manual.md "Communications Guidelines").
// The rules, in words:
//
// - A member writes a draft on a case they may write: who it goes to (a kind, and one
//   to twenty addresses), a subject and its text; a letter to a reported person is
//   written in its four parts (the behaviour, its impact, the changes expected, the
//   consequences), which the message states in that order after its opening.
// - The policy names the kinds that need a second member's review ([mail]
//   review_before_sending; by default: a reported person, moderators, event
//   organisers). Such a draft is sent only when a member other than its author
//   approves it; another kind its author may send at once.
// - The checks of draft_checks.h run on every draft. A draft that holds an identifier
//   of a protected party is held: nobody may approve or send it until it is rewritten
//   (withdrawn and written again). The other findings are shown to the reviewer, who
//   decides.
// - Each message goes to each recipient alone, unless the author chose that they see
//   each other's addresses. When the recipients differ from those of the case's
//   previous message of the same thread, a line such as "[+ Maya] [- Alex]" heads it.
// - A sent or withdrawn draft is final.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "domain/draft_checks.h"
#include "domain/enum_names.h"
#include "domain/member.h"
#include "domain/policy.h"

namespace conduct::domain {

NameTable<DraftRecipient> draft_recipient_names();
std::string_view to_string(DraftRecipient recipient);
std::optional<DraftRecipient> parse_draft_recipient(std::string_view name);

enum class DraftStatus { Waiting, Sent, Withdrawn };
std::string_view to_string(DraftStatus status);
std::optional<DraftStatus> parse_draft_status(std::string_view name);

struct DraftContent {
  std::vector<std::string> to;  // addresses
  bool recipients_see_each_other = false;
  std::string subject;
  std::string text;  // the opening, or the whole message for kinds other than a reported person
  std::string behaviour, impact, changes_expected, consequences;
};

struct Draft {
  int number = 0;  // 1, 2, … within the case
  DraftRecipient recipient = DraftRecipient::Other;
  DraftStatus status = DraftStatus::Waiting;
  std::int64_t author_id = 0;
  std::optional<std::int64_t> decided_by;
  Timestamp created_at;
  std::optional<Timestamp> decided_at;
  DraftContent content;  // sealed
};

// Checks the fields (all problems at once, by field) and plans draft `number`.
Result<Draft> plan_draft(DraftRecipient recipient, const DraftContent& content, const Member& author, int number,
                         Timestamp now);

bool needs_review(const Policy& policy, DraftRecipient recipient);

// Whether `member` may send the draft now, with the draft's findings. Errors:
// FailedPrecondition saying why not (held for an identifier, their own draft of a kind
// that needs review, no longer waiting).
Status may_send(const Draft& draft, const Member& member, const Policy& policy,
                const std::vector<DraftFinding>& findings);

// The message's text: the recipients' change line when there is one, the opening, then
// the four parts in order, separated by blank lines.
std::string draft_message_text(const Draft& draft, const std::vector<std::string>& previous_recipients);

// The recipients of the case's last message sent from a draft (empty before the first):
// what the next one's recipients are compared with.
std::vector<std::string> previous_recipients(const std::vector<Draft>& drafts);

// "[+ maya@example.org] [- alex@example.org]": who was added and removed since the
// previous message; empty when nobody was (or there was no previous message).
std::string recipient_change_line(const std::vector<std::string>& previous, const std::vector<std::string>& current);

// The sealed form of a draft's content (one value: lines of length-prefixed fields).
std::string encode_draft_content(const DraftContent& content);
Result<DraftContent> decode_draft_content(std::string_view encoded);

// What the check needs: the draft as draft_checks.h reads it.
DraftToCheck draft_to_check(const Draft& draft);

}  // namespace conduct::domain
