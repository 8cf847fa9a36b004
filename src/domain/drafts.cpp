// The rules of drafts are in drafts.h, in words.
#include "domain/drafts.h"

#include <algorithm>
#include <array>

#include "core/field_errors.h"
#include "core/text.h"
#include "domain/text_checks.h"

namespace conduct::domain {
namespace {

constexpr std::array<std::pair<DraftRecipient, std::string_view>, 5> kRecipients{{
    {DraftRecipient::Reporter, "reporter"},
    {DraftRecipient::ReportedPerson, "reported-person"},
    {DraftRecipient::Moderators, "moderators"},
    {DraftRecipient::EventOrganisers, "event-organisers"},
    {DraftRecipient::Other, "other"},
}};
constexpr std::array<std::pair<DraftStatus, std::string_view>, 3> kStatuses{{
    {DraftStatus::Waiting, "waiting"},
    {DraftStatus::Sent, "sent"},
    {DraftStatus::Withdrawn, "withdrawn"},
}};

constexpr std::size_t kMostRecipients = 20;
constexpr std::size_t kMaxSubjectBytes = 300;
constexpr std::size_t kMaxPartBytes = 20000;

std::string lower_address(const std::string& address) { return to_lower_ascii(trim(address)); }

}  // namespace

NameTable<DraftRecipient> draft_recipient_names() { return kRecipients; }
std::string_view to_string(DraftRecipient recipient) { return name_in<DraftRecipient>(kRecipients, recipient); }
std::optional<DraftRecipient> parse_draft_recipient(std::string_view name) {
  return parse_in<DraftRecipient>(kRecipients, name);
}
std::string_view to_string(DraftStatus status) { return name_in<DraftStatus>(kStatuses, status); }
std::optional<DraftStatus> parse_draft_status(std::string_view name) { return parse_in<DraftStatus>(kStatuses, name); }

Result<Draft> plan_draft(DraftRecipient recipient, const DraftContent& content, const Member& author, int number,
                         Timestamp now) {
  FieldErrors errors;
  Draft draft;
  draft.number = number;
  draft.recipient = recipient;
  draft.author_id = author.id;
  draft.created_at = now;
  DraftContent& kept = draft.content;
  for (const std::string& address : content.to) {
    const std::string cleaned = lower_address(address);
    if (cleaned.empty()) continue;
    if (!looks_like_email(cleaned) || cleaned.size() > 300)
      errors.add("to", "must be email addresses such as name@example.org");
    else if (std::find(kept.to.begin(), kept.to.end(), cleaned) == kept.to.end())
      kept.to.push_back(cleaned);
  }
  if (kept.to.empty()) errors.add("to", "is required: at least one address");  // the first problem wins
  if (kept.to.size() > kMostRecipients) errors.add("to", "at most 20 addresses");
  kept.recipients_see_each_other = content.recipients_see_each_other;
  kept.subject = trim(content.subject);
  if (kept.subject.empty())
    errors.add("subject", "is required");
  else
    check_line_field(errors, "subject", kept.subject, kMaxSubjectBytes);
  kept.text = trim(content.text);
  check_text_field(errors, "text", kept.text, kMaxPartBytes);
  const std::array<std::pair<const char*, std::pair<const std::string*, std::string*>>, 4> parts = {{
      {"behaviour", {&content.behaviour, &kept.behaviour}},
      {"impact", {&content.impact, &kept.impact}},
      {"changes_expected", {&content.changes_expected, &kept.changes_expected}},
      {"consequences", {&content.consequences, &kept.consequences}},
  }};
  for (const auto& [field, texts] : parts) {
    *texts.second = trim(*texts.first);
    check_text_field(errors, field, *texts.second, kMaxPartBytes);
    if (recipient != DraftRecipient::ReportedPerson && !texts.second->empty())
      errors.add(field, "is for a letter to a reported person only: write it in the text");
  }
  const bool has_words = !kept.text.empty() || !kept.behaviour.empty() || !kept.impact.empty() ||
                         !kept.changes_expected.empty() || !kept.consequences.empty();
  if (!has_words) errors.add("text", "is required: what the message says");
  TRY(errors.result("the draft could not be saved"));
  return draft;
}

bool needs_review(const Policy& policy, DraftRecipient recipient) {
  const std::vector<std::string>& kinds = policy.mail.review_before_sending;
  return std::find(kinds.begin(), kinds.end(), to_string(recipient)) != kinds.end();
}

Status may_send(const Draft& draft, const Member& member, const Policy& policy,
                const std::vector<DraftFinding>& findings) {
  if (draft.status != DraftStatus::Waiting)
    return failed_precondition("the draft was " + std::string(to_string(draft.status)) + " already");
  for (const DraftFinding& finding : findings)
    if (finding.check == "identifier")
      return failed_precondition("held: " + finding.detail + " Withdraw the draft and write it again without it.");
  if (needs_review(policy, draft.recipient) && draft.author_id == member.id)
    return failed_precondition("a message to " + std::string(to_string(draft.recipient)) +
                               " is sent only when a second member approves it: ask another member to review it");
  return ok_status();
}

std::vector<std::string> previous_recipients(const std::vector<Draft>& drafts) {
  std::vector<std::string> previous;
  std::optional<Timestamp> latest;
  for (const Draft& draft : drafts)
    if (draft.status == DraftStatus::Sent && draft.decided_at && (!latest || *draft.decided_at >= *latest)) {
      latest = draft.decided_at;
      previous = draft.content.to;
    }
  return previous;
}

std::string recipient_change_line(const std::vector<std::string>& previous, const std::vector<std::string>& current) {
  if (previous.empty()) return "";
  std::string line;
  for (const std::string& address : current)
    if (std::find(previous.begin(), previous.end(), address) == previous.end())
      line += (line.empty() ? "" : " ") + std::string("[+ ") + address + "]";
  for (const std::string& address : previous)
    if (std::find(current.begin(), current.end(), address) == current.end())
      line += (line.empty() ? "" : " ") + std::string("[- ") + address + "]";
  return line;
}

std::string draft_message_text(const Draft& draft, const std::vector<std::string>& previous_recipients) {
  std::vector<std::string> paragraphs;
  const std::string change = recipient_change_line(previous_recipients, draft.content.to);
  if (!change.empty()) paragraphs.push_back(change);
  for (const std::string* part : {&draft.content.text, &draft.content.behaviour, &draft.content.impact,
                                  &draft.content.changes_expected, &draft.content.consequences})
    if (!part->empty()) paragraphs.push_back(*part);
  return join(paragraphs, "\n\n") + "\n";
}

std::string encode_draft_content(const DraftContent& content) {
  return encode_fields({join(content.to, "\n"), content.recipients_see_each_other ? "1" : "0", content.subject,
                        content.text, content.behaviour, content.impact, content.changes_expected,
                        content.consequences});
}

Result<DraftContent> decode_draft_content(std::string_view encoded) {
  const std::optional<std::vector<std::string>> fields = decode_fields(encoded);
  if (!fields || fields->size() != 8) return invalid_argument("a draft that does not read");
  DraftContent content;
  if (!(*fields)[0].empty()) content.to = split((*fields)[0], '\n');
  content.recipients_see_each_other = (*fields)[1] == "1";
  content.subject = (*fields)[2];
  content.text = (*fields)[3];
  content.behaviour = (*fields)[4];
  content.impact = (*fields)[5];
  content.changes_expected = (*fields)[6];
  content.consequences = (*fields)[7];
  return content;
}

DraftToCheck draft_to_check(const Draft& draft) {
  DraftToCheck check;
  check.recipient = draft.recipient;
  check.text = draft.content.subject + "\n" + draft.content.text;
  check.behaviour = draft.content.behaviour;
  check.impact = draft.content.impact;
  check.changes_expected = draft.content.changes_expected;
  check.consequences = draft.content.consequences;
  return check;
}

}  // namespace conduct::domain
