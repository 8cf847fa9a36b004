#include "app/drafts.h"

#include <algorithm>

#include "app/access.h"
#include "app/audit.h"
#include "app/case_keys.h"
#include "app/cases.h"
#include "app/mail_queue.h"
#include "core/text.h"

namespace conduct::app {
namespace {

using domain::Action;

// What the case knows that identifies its reporter, the people harmed and witnesses.
std::vector<domain::KnownIdentifier> protected_identifiers(const domain::CaseRecord& record) {
  std::vector<domain::KnownIdentifier> known;
  for (const domain::Party& party : record.parties) {
    const char* whose = party.role == domain::PartyRole::Reporter           ? "the reporter"
                        : party.role == domain::PartyRole::HarmedIndividual ? "a person harmed"
                        : party.role == domain::PartyRole::Witness          ? "a witness"
                                                                            : nullptr;
    if (!whose) continue;
    if (!party.name.empty()) known.push_back({domain::KnownIdentifier::Kind::Name, party.name, whose});
    if (!party.contact.empty())
      known.push_back({looks_like_email(party.contact) ? domain::KnownIdentifier::Kind::Email
                                                       : domain::KnownIdentifier::Kind::Handle,
                       party.contact, whose});
  }
  return known;
}

DraftView view_of(const domain::Draft& draft, const std::vector<domain::KnownIdentifier>& known,
                  const domain::Policy& policy) {
  DraftView view;
  view.draft = draft;
  view.findings = domain::check_draft(domain::draft_to_check(draft), known);
  view.needs_review = domain::needs_review(policy, draft.recipient);
  view.held = std::any_of(view.findings.begin(), view.findings.end(),
                          [](const domain::DraftFinding& finding) { return finding.check == "identifier"; });
  return view;
}

Result<domain::Draft> find_draft(const std::vector<domain::Draft>& drafts, int number) {
  for (const domain::Draft& draft : drafts)
    if (draft.number == number) return draft;
  return not_found("the case has no draft " + std::to_string(number));
}

}  // namespace

Result<DraftView> write_draft(Context& context, const Actor& actor, const std::string& code_name,
                              const std::string& recipient, const domain::DraftContent& content) {
  const std::optional<domain::DraftRecipient> kind = domain::parse_draft_recipient(recipient);
  if (!kind)
    return field_error("recipient",
                       "must be one of " + domain::names_of<domain::DraftRecipient>(domain::draft_recipient_names()));
  DraftView written;
  TRY(transaction(context, [&]() -> Status {
    ASSIGN_OR_RETURN(const domain::Case current, find_held_case_for(context, actor, Action::WriteCase, code_name));
    ASSIGN_OR_RETURN(const int number, context.store.next_draft_number(current.id));
    ASSIGN_OR_RETURN(const domain::Draft draft,
                     domain::plan_draft(*kind, content, actor.member, number, context.clock.now()));
    TRY(prepare_case_write(context, current));
    TRY(context.store.insert_draft(current, draft));
    ASSIGN_OR_RETURN(const domain::CaseRecord record, context.store.load_case_record(current));
    written = view_of(draft, protected_identifiers(record), actor.community.policy);
    return record_action(context, actor, audit_action::kWriteDraft, current.code_name);
  }));
  return written;
}

Result<std::vector<DraftView>> list_drafts(Context& context, const Actor& actor, const std::string& code_name) {
  ASSIGN_OR_RETURN(const domain::Case current, find_held_case_for(context, actor, Action::ReadCase, code_name));
  ASSIGN_OR_RETURN(const std::vector<domain::Draft> drafts, context.store.list_drafts(current));
  ASSIGN_OR_RETURN(const domain::CaseRecord record, context.store.load_case_record(current));
  std::vector<DraftView> views;
  const std::vector<domain::KnownIdentifier> known = protected_identifiers(record);
  for (const domain::Draft& draft : drafts) views.push_back(view_of(draft, known, actor.community.policy));
  TRY(record_read(context, actor, audit_action::kReadCase, current));
  return views;
}

Result<DraftView> send_draft(Context& context, const Actor& actor, const std::string& code_name, int number) {
  DraftView sent;
  TRY(transaction(context, [&]() -> Status {
    ASSIGN_OR_RETURN(domain::Case current, find_held_case_for(context, actor, Action::WriteCase, code_name));
    ASSIGN_OR_RETURN(const std::vector<domain::Draft> drafts, context.store.list_drafts(current));
    ASSIGN_OR_RETURN(domain::Draft draft, find_draft(drafts, number));
    ASSIGN_OR_RETURN(const domain::CaseRecord record, context.store.load_case_record(current));
    const std::vector<domain::KnownIdentifier> known = protected_identifiers(record);
    const DraftView view = view_of(draft, known, actor.community.policy);
    TRY(domain::may_send(draft, actor.member, actor.community.policy, view.findings));
    const std::vector<std::string> previous = domain::previous_recipients(drafts);
    const std::string body = domain::draft_message_text(draft, previous) + "\n-- \n" + actor.community.name + "\n";
    // Each recipient alone, unless the author chose that they see each other.
    std::vector<std::vector<std::string>> messages;
    if (draft.content.recipients_see_each_other)
      messages.push_back(draft.content.to);
    else
      for (const std::string& address : draft.content.to) messages.push_back({address});
    for (const std::vector<std::string>& to : messages)
      TRY(queue_correspondence(context, actor.community, current.id, {"draft", to, draft.content.subject, body, ""}));
    const Timestamp now = context.clock.now();
    TRY(context.store.decide_draft(current.id, number, domain::DraftStatus::Sent, actor.member.id, now));
    TRY(prepare_case_write(context, current));
    ASSIGN_OR_RETURN(const int next_number, context.store.next_entry_number(current));
    domain::CaseEdit edit;
    domain::TimelineEntry entry;
    entry.number = next_number;
    entry.kind = domain::EntryKind::CommunicationOut;
    entry.author_id = actor.member.id;
    entry.created_at = now;
    const std::string approval =
        draft.author_id == actor.member.id ? "sent by its author" : "approved and sent by " + actor.member.display_name;
    entry.body = "Draft " + std::to_string(number) + " to " + std::string(domain::to_string(draft.recipient)) + " (" +
                 approval + ")\nTo: " + join(draft.content.to, ", ") + " (copied to " + actor.community.contact_email +
                 ")\nSubject: " + draft.content.subject + "\n\n" + body;
    edit.new_entries.push_back(entry);
    TRY(apply_case_edit(context, current, edit));
    draft.status = domain::DraftStatus::Sent;
    draft.decided_by = actor.member.id;
    draft.decided_at = now;
    sent = view_of(draft, known, actor.community.policy);
    return record_action(context, actor, audit_action::kSendDraft, current.code_name);
  }));
  return sent;
}

Status withdraw_draft(Context& context, const Actor& actor, const std::string& code_name, int number) {
  return transaction(context, [&]() -> Status {
    ASSIGN_OR_RETURN(const domain::Case current, find_held_case_for(context, actor, Action::WriteCase, code_name));
    ASSIGN_OR_RETURN(const std::vector<domain::Draft> drafts, context.store.list_drafts(current));
    ASSIGN_OR_RETURN(const domain::Draft draft, find_draft(drafts, number));
    if (draft.status != domain::DraftStatus::Waiting)
      return failed_precondition("the draft was " + std::string(domain::to_string(draft.status)) + " already");
    TRY(context.store.decide_draft(current.id, number, domain::DraftStatus::Withdrawn, actor.member.id,
                                   context.clock.now()));
    return record_action(context, actor, audit_action::kWithdrawDraft, current.code_name);
  });
}

Result<std::vector<DraftToReview>> drafts_awaiting_review(Context& context, const Actor& actor) {
  TRY(authorize(context, actor, Action::ListCases));
  ASSIGN_OR_RETURN(const domain::CaseListing listing, case_listing(context, actor));
  ASSIGN_OR_RETURN(const std::vector<store::WaitingDraftRow> rows,
                   context.store.list_waiting_drafts(actor.community.id, listing, kMostDraftsToReview));
  std::vector<DraftToReview> found;
  for (const store::WaitingDraftRow& row : rows) {
    const std::optional<domain::DraftRecipient> recipient = domain::parse_draft_recipient(row.recipient);
    if (!recipient || !domain::needs_review(actor.community.policy, *recipient)) continue;
    if (row.author_id == actor.member.id) continue;  // a second member approves, never the author
    found.push_back({row.code_name, row.number, *recipient, row.author_id, row.created_at});
  }
  return found;
}

}  // namespace conduct::app
