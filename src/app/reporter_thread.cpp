#include "app/reporter_thread.h"

#include "app/access.h"
#include "app/audit.h"
#include "app/case_keys.h"
#include "app/cases.h"
#include "app/catalogue.h"
#include "app/communities.h"
#include "app/mail_queue.h"
#include "core/field_errors.h"
#include "core/text.h"
#include "crypto/member_keys.h"
#include "crypto/secretbox.h"
#include "domain/mail_intake.h"

namespace conduct::app {
namespace {

constexpr std::size_t kLongestMessageBytes = domain::kThreadMessageLimit;

std::string receipt_data(std::int64_t case_id, const std::string& receipt_id) {
  return "conduct reporter thread key\n" + std::to_string(case_id) + "\n" + receipt_id;
}

std::string message_data(std::int64_t case_id, int number, bool to_reporter) {
  return "conduct reporter thread message\n" + std::to_string(case_id) + "\n" + std::to_string(number) + "\n" +
         (to_reporter ? "to-reporter" : "from-reporter");
}

// The drop box's secret key is bound to its thread and to its public half, so a secret
// moved from another thread, or a public key put in its place, does not open.
std::string drop_box_key_data(std::int64_t case_id, std::string_view inbox_public) {
  return "conduct reporter thread drop box key\n" + std::to_string(case_id) + "\n" + std::string(inbox_public);
}

// A sealed box carries no associated data, so the place a drop-box message belongs to
// is the start of its plaintext, checked when it is opened.
std::string drop_box_message_head(std::int64_t case_id, int number) {
  return "conduct reporter thread drop box message\n" + std::to_string(case_id) + "\n" + std::to_string(number) + "\n";
}

struct DropBox {
  std::string inbox_public;
  std::string inbox_secret_sealed;
};

DropBox new_drop_box(std::int64_t case_id, const crypto::SecretBytes& thread_key) {
  const crypto::BoxKeyPair keys = crypto::generate_box_keys();
  return DropBox{keys.box_public, crypto::seal_with_key(thread_key, keys.box_secret.view(),
                                                        drop_box_key_data(case_id, keys.box_public))};
}

// A thread made before drop boxes gets one from whoever next writes on it with the key.
Status give_thread_a_drop_box(Context& context, std::int64_t case_id, const crypto::SecretBytes& thread_key) {
  ASSIGN_OR_RETURN(const std::optional<store::ReporterThreadRow> thread, context.store.find_thread_by_case(case_id));
  if (!thread || !thread->inbox_public.empty()) return ok_status();
  const DropBox box = new_drop_box(case_id, thread_key);
  TRY(context.store.set_thread_inbox(case_id, box.inbox_public, box.inbox_secret_sealed));  // or keeps its own
  return ok_status();
}

// The drop box's key pair, its secret opened with the thread key.
Result<crypto::BoxKeyPair> open_drop_box(Context& context, std::int64_t case_id,
                                         const crypto::SecretBytes& thread_key) {
  ASSIGN_OR_RETURN(const std::optional<store::ReporterThreadRow> thread, context.store.find_thread_by_case(case_id));
  if (!thread || thread->inbox_public.empty())
    return permission_denied("a message on the reporter's thread is sealed to a drop box the thread does not have");
  ASSIGN_OR_RETURN(crypto::SecretBytes secret, crypto::open_with_key(thread_key, thread->inbox_secret_sealed,
                                                                     drop_box_key_data(case_id, thread->inbox_public)));
  return crypto::BoxKeyPair{thread->inbox_public, std::move(secret)};
}

// A message mail intake sealed to the drop box: only from the reporter, and only where
// its plaintext says it belongs. The errors name no content.
Result<std::string> open_drop_box_message(const crypto::BoxKeyPair& box, const store::ThreadMessageRow& row) {
  if (row.to_reporter) return permission_denied("a message to the reporter is sealed to the thread's drop box");
  ASSIGN_OR_RETURN(const crypto::SecretBytes plaintext,
                   crypto::box_open_with(box.box_public, box.box_secret, row.body_sealed));
  const std::string head = drop_box_message_head(row.case_id, row.number);
  if (!plaintext.view().starts_with(head))
    return permission_denied("message " + std::to_string(row.number) +
                             " of the reporter's thread was sealed for another place");
  return std::string(plaintext.view().substr(head.size()));
}

}  // namespace

Result<NewReporterThread> prepare_reporter_thread(Context& context, bool answer_by_email, std::string language) {
  NewReporterThread thread;
  ASSIGN_OR_RETURN(thread.receipt, crypto::new_receipt(context.receipt_cost));
  thread.thread_key = crypto::SecretBytes::random(crypto::kSecretboxKeyBytes);
  thread.answer_by_email = answer_by_email;
  thread.language = std::move(language);
  return thread;
}

Result<std::string> store_reporter_thread(Context& context, const domain::Case& owner,
                                          const NewReporterThread& thread) {
  domain::Receipt receipt = thread.receipt.receipt;
  for (int attempt = 0;; ++attempt) {
    ASSIGN_OR_RETURN(const bool taken, context.store.receipt_id_taken(receipt.id));
    if (!taken) break;
    if (attempt == 5) return internal_error("no free receipt id was found");
    receipt.id = crypto::new_receipt_id();
  }
  store::ReporterThreadRow row;
  row.case_id = owner.id;
  row.receipt_id = receipt.id;
  row.receipt_salt = thread.receipt.record.salt;
  row.receipt_verifier = thread.receipt.record.verifier;
  row.receipt_ops_limit = thread.receipt.record.cost.ops_limit;
  row.receipt_mem_limit = thread.receipt.record.cost.mem_limit;
  row.key_for_receipt =
      crypto::seal_with_key(thread.receipt.key, thread.thread_key.view(), receipt_data(owner.id, receipt.id));
  row.thread_key = std::string(thread.thread_key.view());
  row.answer_by_email = thread.answer_by_email;
  row.language = thread.language;
  row.created_at = context.clock.now();
  const DropBox box = new_drop_box(owner.id, thread.thread_key);
  row.inbox_public = box.inbox_public;
  row.inbox_secret_sealed = box.inbox_secret_sealed;
  TRY(context.store.insert_reporter_thread(owner, row));
  return domain::format_receipt(receipt);
}

Result<crypto::SecretBytes> open_thread_key_with_receipt(const store::ReporterThreadRow& row,
                                                         const crypto::SecretBytes& receipt_key) {
  return crypto::open_with_key(receipt_key, row.key_for_receipt, receipt_data(row.case_id, row.receipt_id));
}

Result<std::vector<ThreadMessage>> open_thread_messages(Context& context, std::int64_t case_id,
                                                        const crypto::SecretBytes& thread_key) {
  ASSIGN_OR_RETURN(const std::vector<store::ThreadMessageRow> rows, context.store.list_thread_messages(case_id));
  std::vector<ThreadMessage> messages;
  std::optional<crypto::BoxKeyPair> drop_box;  // opened at the first message sealed to it
  for (const store::ThreadMessageRow& row : rows) {
    std::string text;
    if (row.sealed_to == store::MessageSealedTo::Inbox) {
      if (!drop_box) {
        ASSIGN_OR_RETURN(drop_box, open_drop_box(context, case_id, thread_key));
      }
      ASSIGN_OR_RETURN(text, open_drop_box_message(*drop_box, row));
    } else {
      ASSIGN_OR_RETURN(
          const crypto::SecretBytes opened,
          crypto::open_with_key(thread_key, row.body_sealed, message_data(case_id, row.number, row.to_reporter)));
      text = std::string(opened.view());
    }
    messages.push_back({row.number, row.to_reporter, row.author_id, std::move(text), row.created_at});
  }
  return messages;
}

Status check_message_text(const std::string& text, const std::string& field) {
  FieldErrors errors;
  check_message_text(errors, text, field);
  return errors.result("the message was not sent");
}

void check_message_text(FieldErrors& errors, const std::string& text, const std::string& field) {
  if (trim(text).empty())
    errors.add(field, "is required");
  else if (text.size() > kLongestMessageBytes)
    errors.add(field, "must be at most 20000 bytes");
  else if (!is_clean_utf8(text))
    errors.add(field, "must be printable text");
}

Result<ThreadMessage> append_to_thread(Context& context, std::int64_t case_id, const crypto::SecretBytes& thread_key,
                                       bool to_reporter, std::optional<std::int64_t> author_id,
                                       const std::string& text) {
  TRY(give_thread_a_drop_box(context, case_id, thread_key));
  store::ThreadMessageRow row;
  row.case_id = case_id;
  ASSIGN_OR_RETURN(row.number, context.store.next_thread_message_number(case_id));
  row.to_reporter = to_reporter;
  row.author_id = author_id;
  row.created_at = context.clock.now();
  row.body_sealed = crypto::seal_with_key(thread_key, trim(text), message_data(case_id, row.number, to_reporter));
  TRY(context.store.append_thread_message(row));
  return ThreadMessage{row.number, to_reporter, author_id, trim(text), row.created_at};
}

Result<int> drop_in_thread(Context& context, const store::ReporterThreadRow& thread, const std::string& text) {
  if (thread.inbox_public.empty()) return failed_precondition("the reporter's thread has no drop box yet");
  store::ThreadMessageRow row;
  row.case_id = thread.case_id;
  ASSIGN_OR_RETURN(row.number, context.store.next_thread_message_number(thread.case_id));
  row.to_reporter = false;
  row.created_at = context.clock.now();
  row.sealed_to = store::MessageSealedTo::Inbox;
  ASSIGN_OR_RETURN(row.body_sealed,
                   crypto::box_seal(thread.inbox_public, drop_box_message_head(thread.case_id, row.number) + text));
  TRY(context.store.append_thread_message(row));
  return row.number;
}

Result<ReporterThreadView> read_reporter_thread(Context& context, const Actor& actor, const std::string& code_name) {
  ASSIGN_OR_RETURN(const domain::Case summary, find_held_case_for(context, actor, domain::Action::ReadCase, code_name));
  ASSIGN_OR_RETURN(const std::optional<store::ReporterThreadRow> row, context.store.load_thread(summary));
  ReporterThreadView view;
  if (!row) return view;
  view.exists = true;
  view.answer_by_email = row->answer_by_email;
  view.language = row->language;
  const crypto::SecretBytes key = crypto::SecretBytes::copy_of(row->thread_key);
  ASSIGN_OR_RETURN(view.messages, open_thread_messages(context, summary.id, key));
  TRY(record_read(context, actor, audit_action::kReadThread, summary));
  return view;
}

Result<SentToReporter> send_to_reporter(Context& context, const Actor& actor, const domain::Case& current,
                                        const std::string& text) {
  ASSIGN_OR_RETURN(const std::optional<store::ReporterThreadRow> row, context.store.load_thread(current));
  if (!row) return failed_precondition("this case has no reporter thread: it did not come from the report form");
  const crypto::SecretBytes key = crypto::SecretBytes::copy_of(row->thread_key);
  SentToReporter sent;
  ASSIGN_OR_RETURN(sent.message, append_to_thread(context, current.id, key, true, actor.member.id, text));
  sent.channels = "on the portal";
  if (row->answer_by_email) {
    ASSIGN_OR_RETURN(const domain::CaseRecord record, context.store.load_case_record(current));
    for (const domain::Party& party : record.parties) {
      if (party.role != domain::PartyRole::Reporter || party.contact.empty()) continue;
      TRY(queue_correspondence(
          context, actor.community, current.id,
          {"to-reporter",
           {party.contact},
           shipped_catalogue().text(row->language, "mail.reply_subject", {{"community", actor.community.name}}),
           sent.message.text + "\n\n-- \n" + actor.community.name + "\n",
           ""}));
      sent.channels += " and by email to " + party.contact + " (copied to " + actor.community.contact_email + ")";
      break;
    }
  }
  return sent;
}

Result<ThreadMessage> write_to_reporter(Context& context, const Actor& actor, const std::string& code_name,
                                        const std::string& text) {
  TRY(check_message_text(text, "text"));
  ThreadMessage written;
  TRY(transaction(context, [&]() -> Status {
    ASSIGN_OR_RETURN(domain::Case current, find_held_case_for(context, actor, domain::Action::WriteCase, code_name));
    TRY(prepare_case_write(context, current));
    ASSIGN_OR_RETURN(const SentToReporter sent, send_to_reporter(context, actor, current, text));
    written = sent.message;
    ASSIGN_OR_RETURN(const int next_number, context.store.next_entry_number(current));
    domain::CaseEdit edit;
    edit.new_entries.push_back(domain::new_entry(next_number, domain::EntryKind::CommunicationOut, actor.member.id,
                                                 context.clock.now(),
                                                 "To the reporter, " + sent.channels + ":\n\n" + written.text));
    TRY(apply_case_edit(context, current, edit));
    return record_action(context, actor, audit_action::kWriteToReporter, current.code_name);
  }));
  return written;
}

}  // namespace conduct::app
