#include "app/quarantine.h"

#include "app/access.h"
#include "app/audit.h"
#include "app/case_keys.h"
#include "app/catalogue.h"
#include "app/mail_intake.h"
#include "app/mail_queue.h"
#include "crypto/case_keys.h"
#include "crypto/member_keys.h"
#include "crypto/secretbox.h"
#include "domain/mail_intake.h"

namespace conduct::app {
namespace {

constexpr std::size_t kMostListed = 200;

std::string associated_data(std::int64_t community_id, const std::string& message_index) {
  return "conduct quarantine\n" + std::to_string(community_id) + "\n" + message_index;
}

QuarantineSummary summary_of(const store::QuarantinedMailRow& row) {
  QuarantineSummary summary;
  summary.id = row.id;
  summary.reason = row.reason;
  if (const auto reason = domain::parse_quarantine_reason(row.reason))
    summary.reason_text = std::string(domain::describe(*reason));
  summary.size_bytes = row.size_bytes;
  summary.received_at = row.received_at;
  return summary;
}

// The waiting row `id` of the actor's community; NotFound alike for any other.
Result<store::QuarantinedMailRow> waiting_row(Context& context, const Actor& actor, std::int64_t id) {
  ASSIGN_OR_RETURN(const std::optional<store::QuarantinedMailRow> row, context.store.find_quarantined_mail(id));
  if (!row || row->community_id != actor.community.id || row->status != store::QuarantineStatus::Waiting)
    return not_found("no message waits in quarantine under that number");
  return *row;
}

// The whole message, opened with the actor's key.
Result<std::string> open_message(Context& context, const Actor& actor, const store::QuarantinedMailRow& row) {
  if (!actor.keys) return failed_precondition("reading quarantined mail needs a signed-in chair");
  ASSIGN_OR_RETURN(const std::vector<store::QuarantineWrapRow> wraps, context.store.quarantine_wraps(row.id));
  if (const std::optional<crypto::SecretBytes> key = open_record_key(actor, wraps)) {
    ASSIGN_OR_RETURN(
        const crypto::SecretBytes raw,
        crypto::open_with_key(*key, row.message_sealed, associated_data(row.community_id, row.message_blind)));
    return std::string(raw.view());
  }
  return failed_precondition(
      "this message was sealed before your keys were certified as a chair's: another chair reads it");
}

// The message as read; an unreadable one is its bytes, kept whole.
mail::IncomingMessage read_or_keep_whole(std::string_view raw) {
  Result<mail::IncomingMessage> parsed = mail::parse_incoming(raw);
  if (parsed.ok()) return std::move(parsed).value();
  mail::IncomingMessage whole;
  whole.problems.push_back("unreadable");
  return whole;
}

}  // namespace

Result<std::int64_t> quarantine_mail(Context& context, const domain::Community& community, std::string_view raw,
                                     const std::string& message_index, const std::string& reason) {
  const crypto::SecretBytes key = crypto::new_case_key();
  ASSIGN_OR_RETURN(const std::vector<domain::Member> members, context.store.list_members(community.id));
  std::vector<domain::Member> chairs;
  const Date today = date_of(context.clock.now());
  for (const domain::Member& member : members)
    if (domain::is_chair_role(member.role) && domain::is_active_on(member, today)) chairs.push_back(member);
  ASSIGN_OR_RETURN(const std::vector<store::QuarantineWrapRow> wraps,
                   wrap_record_key(context, community.id, key, chairs));
  store::QuarantinedMailRow row;
  row.community_id = community.id;
  row.reason = reason;
  row.message_blind = message_index;
  row.size_bytes = static_cast<std::int64_t>(raw.size());
  row.received_at = context.clock.now();
  row.message_sealed = crypto::seal_with_key(key, raw, associated_data(community.id, message_index));
  ASSIGN_OR_RETURN(const std::int64_t id, context.store.insert_quarantined_mail(row, wraps));
  for (const domain::Member& chair : chairs)
    TRY(queue_notice(context, community, chair, "quarantine", "mail.quarantine_subject", "mail.quarantine_body"));
  TRY(record_action(context, kPublicActor, community.id, audit_action::kQuarantineMail, {}));
  return id;
}

Result<std::vector<QuarantineSummary>> list_quarantine(Context& context, const Actor& actor) {
  TRY(authorize(context, actor, domain::Action::ReviewQuarantine));
  ASSIGN_OR_RETURN(const std::vector<store::QuarantinedMailRow> rows,
                   context.store.waiting_quarantine(actor.community.id, kMostListed));
  std::vector<QuarantineSummary> summaries;
  for (const store::QuarantinedMailRow& row : rows) summaries.push_back(summary_of(row));
  return summaries;
}

Result<QuarantinedMessage> read_quarantined(Context& context, const Actor& actor, std::int64_t id) {
  TRY(authorize(context, actor, domain::Action::ReviewQuarantine));
  ASSIGN_OR_RETURN(const store::QuarantinedMailRow row, waiting_row(context, actor, id));
  QuarantinedMessage message;
  message.summary = summary_of(row);
  ASSIGN_OR_RETURN(message.raw, open_message(context, actor, row));
  const mail::IncomingMessage read = read_or_keep_whole(message.raw);
  if (read.from)
    message.from = read.from->name.empty() ? read.from->address : read.from->name + " <" + read.from->address + ">";
  message.subject = read.subject;
  message.text = read.text;
  for (const mail::MailAttachment& file : read.attachments) message.file_names.push_back(file.filename);
  TRY(transaction(context, [&] { return record_action(context, actor, audit_action::kReadQuarantine); }));
  return message;
}

Result<std::string> file_quarantined(Context& context, const Actor& actor, std::int64_t id,
                                     const std::string& code_name) {
  TRY(authorize(context, actor, domain::Action::ReviewQuarantine));
  ASSIGN_OR_RETURN(const store::QuarantinedMailRow row, waiting_row(context, actor, id));
  ASSIGN_OR_RETURN(const std::string raw, open_message(context, actor, row));
  const mail::IncomingMessage message = read_or_keep_whole(raw);
  const auto decide = [&](const domain::Case& filed_into) -> Status {
    TRY(context.store.decide_quarantined_mail(row.id, store::QuarantineStatus::Filed, actor.member.id,
                                              context.clock.now(), filed_into.id));
    return record_action(context, actor, audit_action::kFileQuarantine, filed_into.code_name);
  };
  std::string filed_code;
  if (code_name.empty()) {
    TRY(mail_placing::open_case(context, actor.community, message, raw, row.message_blind, {},
                                [&](const domain::Case& opened) -> Status {
                                  filed_code = opened.code_name;
                                  return decide(opened);
                                }));
    return filed_code;
  }
  TRY(transaction(context, [&]() -> Status {
    ASSIGN_OR_RETURN(const domain::Case current,
                     find_held_case_for(context, actor, domain::Action::WriteCase, code_name));
    TRY(mail_placing::add_to_case(context, current, actor.community.policy, message, raw, row.message_blind));
    filed_code = current.code_name;
    return decide(current);
  }));
  return filed_code;
}

Status discard_quarantined(Context& context, const Actor& actor, std::int64_t id) {
  TRY(authorize(context, actor, domain::Action::ReviewQuarantine));
  return transaction(context, [&]() -> Status {
    ASSIGN_OR_RETURN(const store::QuarantinedMailRow row, waiting_row(context, actor, id));
    TRY(context.store.decide_quarantined_mail(row.id, store::QuarantineStatus::Discarded, actor.member.id,
                                              context.clock.now(), std::nullopt));
    return record_action(context, actor, audit_action::kDiscardQuarantine);
  });
}

}  // namespace conduct::app
