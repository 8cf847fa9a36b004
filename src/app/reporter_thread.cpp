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
#include "crypto/secretbox.h"

namespace conduct::app {
namespace {

constexpr std::size_t kLongestMessageBytes = 20000;

std::string receipt_data(std::int64_t case_id, const std::string& receipt_id) {
  return "conduct reporter thread key\n" + std::to_string(case_id) + "\n" + receipt_id;
}

std::string message_data(std::int64_t case_id, int number, bool to_reporter) {
  return "conduct reporter thread message\n" + std::to_string(case_id) + "\n" + std::to_string(number) + "\n" +
         (to_reporter ? "to-reporter" : "from-reporter");
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
  for (const store::ThreadMessageRow& row : rows) {
    ASSIGN_OR_RETURN(
        const crypto::SecretBytes text,
        crypto::open_with_key(thread_key, row.body_sealed, message_data(case_id, row.number, row.to_reporter)));
    messages.push_back({row.number, row.to_reporter, row.author_id, std::string(text.view()), row.created_at});
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

Result<ThreadMessage> write_to_reporter(Context& context, const Actor& actor, const std::string& code_name,
                                        const std::string& text) {
  TRY(check_message_text(text, "text"));
  ThreadMessage written;
  TRY(transaction(context, [&]() -> Status {
    ASSIGN_OR_RETURN(domain::Case current, find_held_case_for(context, actor, domain::Action::WriteCase, code_name));
    TRY(prepare_case_write(context, current));
    ASSIGN_OR_RETURN(const std::optional<store::ReporterThreadRow> row, context.store.load_thread(current));
    if (!row) return failed_precondition("this case has no reporter thread: it did not come from the report form");
    const crypto::SecretBytes key = crypto::SecretBytes::copy_of(row->thread_key);
    ASSIGN_OR_RETURN(written, append_to_thread(context, current.id, key, true, actor.member.id, text));
    std::string channels = "on the portal";
    if (row->answer_by_email) {
      ASSIGN_OR_RETURN(const domain::CaseRecord record, context.store.load_case_record(current));
      for (const domain::Party& party : record.parties) {
        if (party.role != domain::PartyRole::Reporter || party.contact.empty()) continue;
        TRY(queue_correspondence(
            context, actor.community, current.id,
            {"to-reporter",
             {party.contact},
             shipped_catalogue().text(row->language, "mail.reply_subject", {{"community", actor.community.name}}),
             written.text + "\n\n-- \n" + actor.community.name + "\n",
             ""}));
        channels += " and by email to " + party.contact + " (copied to " + actor.community.contact_email + ")";
        break;
      }
    }
    ASSIGN_OR_RETURN(const int next_number, context.store.next_entry_number(current));
    domain::CaseEdit edit;
    domain::TimelineEntry entry;
    entry.number = next_number;
    entry.kind = domain::EntryKind::CommunicationOut;
    entry.author_id = actor.member.id;
    entry.created_at = context.clock.now();
    entry.body = "To the reporter, " + channels + ":\n\n" + written.text;
    edit.new_entries.push_back(entry);
    TRY(apply_case_edit(context, current, edit));
    return record_action(context, actor, audit_action::kWriteToReporter, current.code_name);
  }));
  return written;
}

}  // namespace conduct::app
