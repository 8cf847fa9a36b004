#include "app/mail_queue.h"

#include <sodium.h>

#include <algorithm>

#include "app/access.h"
#include "app/audit.h"
#include "app/catalogue.h"
#include "app/mail_threads.h"
#include "crypto/kdf.h"
#include "crypto/secretbox.h"
#include "domain/mail_intake.h"

namespace conduct::app {
namespace {

std::string associated_data(const std::string& message_id) { return "conduct mail queue\n" + message_id; }

// The queued form: the envelope's recipients, one per line, a blank line, the message.
std::string envelope(const std::vector<std::string>& recipients, const std::string& message) {
  std::string text;
  for (const std::string& recipient : recipients) text += recipient + "\n";
  return text + "\n" + message;
}

std::vector<std::string> envelope_recipients(const mail::OutgoingMessage& message) {
  std::vector<std::string> recipients = message.to;
  recipients.insert(recipients.end(), message.cc.begin(), message.cc.end());
  return recipients;
}

void split_envelope(std::string_view text, std::vector<std::string>& recipients, std::string& message) {
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) break;
    if (end == at) {
      message = std::string(text.substr(at + 1));
      return;
    }
    recipients.emplace_back(text.substr(at, end - at));
    at = end + 1;
  }
}

std::string random_hex(std::size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned char c : raw) {
    hex += kHex[c >> 4];
    hex += kHex[c & 15];
  }
  return hex;
}

std::string domain_of(const std::string& address) {
  const std::size_t at = address.rfind('@');
  std::string domain = at == std::string::npos ? "conduct.invalid" : address.substr(at + 1);
  while (!domain.empty() && (domain.back() == '>' || domain.back() == ' ')) domain.pop_back();
  return domain.empty() ? "conduct.invalid" : domain;
}

}  // namespace

Result<std::string> queue_mail(Context& context, MailToQueue mail) {
  mail.message.message_id = random_hex(16) + "@" + domain_of(mail.message.from);
  mail.message.date = context.clock.now();
  if (mail.threads_replies && mail.case_id) {
    mail.message.subject += " " + domain::subject_tag(case_tag_secret(context, *mail.case_id));
    if (!mail.message.from.empty() &&
        std::find(mail.message.cc.begin(), mail.message.cc.end(), mail.message.from) == mail.message.cc.end())
      mail.message.cc.push_back(mail.message.from);
    TRY(record_case_message(context, *mail.case_id, mail.message.message_id));
  }
  const std::string text = mail::compose(mail.message);
  const crypto::SecretBytes key = context.indexer.derived_key(crypto::kMailQueueContext);
  store::QueuedMailRow row;
  row.community_id = mail.community_id;
  row.case_id = mail.case_id;
  row.kind = mail.kind;
  row.message_id = mail.message.message_id;
  row.message_sealed = crypto::seal_with_key(key, envelope(envelope_recipients(mail.message), text),
                                             associated_data(mail.message.message_id));
  row.status = store::MailStatus::Queued;
  row.next_attempt_at = context.clock.now();
  row.created_at = context.clock.now();
  TRY(context.store.enqueue_mail(row));
  return mail.message.message_id;
}

Result<std::string> queue_correspondence(Context& context, const domain::Community& community, std::int64_t case_id,
                                         Correspondence message) {
  MailToQueue mail;
  mail.community_id = community.id;
  mail.case_id = case_id;
  mail.kind = std::move(message.kind);
  mail.message.from = community.contact_email;
  mail.message.reply_to = community.contact_email;
  mail.message.to = std::move(message.to);
  mail.message.subject = std::move(message.subject);
  mail.message.body = std::move(message.body);
  mail.message.auto_submitted = std::move(message.auto_submitted);
  mail.threads_replies = true;
  return queue_mail(context, std::move(mail));
}

Status queue_notice(Context& context, const domain::Community& community, const domain::Member& member,
                    const std::string& kind, const std::string& subject_key, const std::string& body_key,
                    std::optional<std::int64_t> case_id, std::vector<std::pair<std::string, std::string>> values) {
  const Catalogue& words = shipped_catalogue();
  values.emplace_back("community", community.name);
  MailToQueue mail;
  mail.community_id = community.id;
  mail.case_id = case_id;
  mail.kind = kind;
  mail.message.from = community.contact_email;
  mail.message.to = {member.email};
  mail.message.subject = words.text(kDefaultLanguage, subject_key, values);
  mail.message.body = words.text(kDefaultLanguage, body_key, values);
  mail.message.auto_submitted = "auto-generated";
  TRY(queue_mail(context, std::move(mail)));
  return ok_status();
}

Result<QueuedMessage> open_queued_mail(const Context& context, const store::QueuedMailRow& row) {
  const crypto::SecretBytes key = context.indexer.derived_key(crypto::kMailQueueContext);
  ASSIGN_OR_RETURN(const crypto::SecretBytes opened,
                   crypto::open_with_key(key, row.message_sealed, associated_data(row.message_id)));
  QueuedMessage message;
  split_envelope(opened.view(), message.recipients, message.text);
  return message;
}

Result<std::vector<store::QueuedMailRow>> case_mail(Context& context, const Actor& actor,
                                                    const std::string& code_name) {
  ASSIGN_OR_RETURN(const domain::Case summary, find_case_for(context, actor, domain::Action::ReadCase, code_name));
  return context.store.mail_of_case(summary.id);
}

Result<std::vector<store::QueuedMailRow>> mail_needing_attention(Context& context, const Actor& actor) {
  TRY(authorize(context, actor, domain::Action::ManageMembers));
  ASSIGN_OR_RETURN(const std::vector<store::QueuedMailRow> rows,
                   context.store.mail_needing_attention(actor.community.id, 100));
  // Only the mail of cases the chair may read: a case that excludes them stays unknown.
  std::vector<store::QueuedMailRow> shown;
  for (const store::QueuedMailRow& row : rows) {
    if (row.case_id) {
      const Result<domain::Case> summary = context.store.find_case_by_id(*row.case_id);
      if (!summary.ok()) continue;
      ASSIGN_OR_RETURN(const AccessView view, load_access_view(context, actor.community.id, summary->id));
      if (!may(context, view, actor, domain::Action::ReadCase, *summary)) continue;
    }
    shown.push_back(row);
  }
  return shown;
}

Result<MailDelivery> deliver_due_mail(Context& context, mail::Transport& transport, const MailRetryPolicy& retry,
                                      std::size_t limit) {
  MailDelivery delivery;
  ASSIGN_OR_RETURN(const std::vector<store::QueuedMailRow> due, context.store.due_mail(context.clock.now(), limit));
  if (due.empty()) return delivery;
  for (const store::QueuedMailRow& row : due) {
    const int attempts = row.attempts + 1;
    Status delivered = ok_status();
    const Result<QueuedMessage> opened = open_queued_mail(context, row);
    if (!opened.ok()) {
      delivered = invalid_argument("the queued message does not open (was the index key changed?)");
    } else if (row.handing_over_since && !transport.repeats_safely()) {
      // The process stopped while the mail server was taking it: it may have left. Never
      // sent twice: it fails, and the chairs see it to check with the recipient.
      delivered = invalid_argument(
          "interrupted while being handed to the mail server: it may have been sent, so it is not sent again");
    } else {
      if (!transport.repeats_safely()) TRY(context.store.mark_mail_handing_over(row.id, context.clock.now()));
      delivered = transport.deliver(row.message_id, opened->recipients, opened->text);
    }
    TRY(transaction(context, [&]() -> Status {
      if (delivered.ok()) {
        ++delivery.sent;
        TRY(context.store.mark_mail_sent(row.id, context.clock.now()));
        // Under the case's code, so the audit trail shows the entry only to those who may
        // know the case exists (a member it excludes never sees mail go out about it).
        std::string code;
        if (row.case_id) {
          const Result<domain::Case> summary = context.store.find_case_by_id(*row.case_id);
          if (summary.ok()) code = summary->code_name;
        }
        return record_action(context, kSystemActor, row.community_id, audit_action::kSendMail, code);
      }
      const bool permanent = delivered.error().code == ErrorCode::InvalidArgument;
      const bool failed = permanent || attempts >= retry.attempts_before_failing;
      std::int64_t delay = retry.first_delay_seconds;
      for (int i = 1; i < attempts && delay < retry.longest_delay_seconds; ++i) delay *= 2;
      delay = std::min<std::int64_t>(delay, retry.longest_delay_seconds);
      failed ? ++delivery.failed : ++delivery.retrying;
      return context.store.mark_mail_attempt(row.id, attempts, Timestamp{context.clock.now().seconds + delay}, failed,
                                             delivered.error().message);
    }));
  }
  return delivery;
}

}  // namespace conduct::app
