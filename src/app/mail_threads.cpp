#include "app/mail_threads.h"

#include "domain/mail_intake.h"
#include "domain/receipt.h"

namespace conduct::app {
namespace {

constexpr std::string_view kMessageIdKind = "message-id";
constexpr std::string_view kSubjectTagKind = "subject-tag";

std::string tag_index(const Context& context, std::string_view secret) {
  return context.indexer.index(kSubjectTagKind, secret);
}

}  // namespace

std::string case_tag_secret(const Context& context, std::int64_t case_id) {
  const std::string digest = context.indexer.index("case-tag-secret", std::to_string(case_id));
  std::string secret;
  for (std::size_t i = 0; i < 10; ++i) secret += domain::kReceiptAlphabet[static_cast<unsigned char>(digest[i]) % 32];
  return secret;
}

std::string message_id_index(const Context& context, std::string_view message_id) {
  return context.indexer.index(kMessageIdKind, message_id);
}

Status record_case_message(Context& context, std::int64_t case_id, std::string_view message_id) {
  if (!message_id.empty())
    TRY(context.store.record_mail_thread(message_id_index(context, message_id), case_id, std::string(kMessageIdKind)));
  return context.store.record_mail_thread(tag_index(context, case_tag_secret(context, case_id)), case_id,
                                          std::string(kSubjectTagKind));
}

Result<ThreadMatch> find_thread(Context& context, const std::vector<std::string>& message_ids,
                                std::string_view subject) {
  ThreadMatch match;
  for (const std::string& id : message_ids) {
    ASSIGN_OR_RETURN(match.replied_case, context.store.find_mail_thread(message_id_index(context, id)));
    if (match.replied_case) break;
  }
  for (const std::string& secret : domain::subject_tags_in(subject)) {
    ASSIGN_OR_RETURN(const std::optional<std::int64_t> tagged,
                     context.store.find_mail_thread(tag_index(context, secret)));
    // The tag checks only when it is the case's own secret (a recorded index is one).
    if (tagged && case_tag_secret(context, *tagged) == secret) {
      match.tagged_case = tagged;
      break;
    }
  }
  return match;
}

}  // namespace conduct::app
