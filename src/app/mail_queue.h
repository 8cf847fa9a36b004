// The outgoing mail queue (docs/administration.md "Mail"): a use case that sends mail
// queues it in its own transaction, so a message exists exactly when what it tells of
// was committed; the server's mail job hands queued messages to the transport within
// a second, and retries a failure with back-off. A message in the queue is sealed under
// a key derived from the blind-index key (never in the database or a backup) and its
// text is dropped once sent; what stays is that it was sent, when, and of what kind.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/context.h"
#include "core/result.h"
#include "mail/message.h"
#include "mail/transport.h"

namespace conduct::app {

struct MailToQueue {
  std::int64_t community_id = 0;
  std::optional<std::int64_t> case_id;
  std::string kind;               // "acknowledgement", "new-report", …
  mail::OutgoingMessage message;  // its message_id and date are set here
  // Mail to someone outside the group about the case (the reporter, a reported
  // person): its subject carries the case's tag and its id is recorded, so a reply
  // comes back to the case (app/mail_threads.h), and the group's address (its From) is
  // copied, so the group's own mailbox holds the correspondence (the copy, received
  // back, is known by its id and files nothing twice). Never for members' notices.
  bool threads_replies = false;
};

// Queues `mail` inside the caller's transaction. The message id is fresh and random,
// under the domain of the sender's address. Returns the message id. Precondition:
// threads_replies only with a case_id. The envelope holds To and Cc.
Result<std::string> queue_mail(Context& context, MailToQueue mail);

// Queues a message to someone outside the group about a case (the acknowledgement, a
// member's answer to a reporter, a draft sent): from the community's address, answers
// to it, threading replies back to the case (threads_replies above). Returns its id.
struct Correspondence {
  std::string kind;  // "acknowledgement", "to-reporter", "draft"
  std::vector<std::string> to;
  std::string subject;
  std::string body;
  std::string auto_submitted;  // "auto-replied" for a message no person wrote
};
Result<std::string> queue_correspondence(Context& context, const domain::Community& community, std::int64_t case_id,
                                         Correspondence message);

// Queues a notice to a member (a new report, a message waiting in quarantine): from the
// community's address, in the default language, its subject and body from the
// catalogue under `subject_key` and `body_key` with the community's name; it names no
// case and holds no content. `case_id` stays with the row only, for the case's readers.
// `values` fill the texts' other placeholders ({head}, {time}, …).
Status queue_notice(Context& context, const domain::Community& community, const domain::Member& member,
                    const std::string& kind, const std::string& subject_key, const std::string& body_key,
                    std::optional<std::int64_t> case_id = std::nullopt,
                    std::vector<std::pair<std::string, std::string>> values = {});

// A queued message's envelope recipients and RFC 5322 text, opened with the mail key.
// Errors: PermissionDenied when it does not open (the index key was changed).
struct QueuedMessage {
  std::vector<std::string> recipients;
  std::string text;
};
Result<QueuedMessage> open_queued_mail(const Context& context, const store::QueuedMailRow& row);

// The mail sent (or waiting, or failed) about a case, newest first, without any text:
// what a member checks so that a silent failure cannot go unnoticed. Errors: as reading
// the case (NotFound alike for a missing and a withheld case).
Result<std::vector<store::QueuedMailRow>> case_mail(Context& context, const Actor& actor, const std::string& code_name);

// The community's mail that failed for good or is being retried, newest first (at most
// 100), without text or recipients: what the chairs who run the group check, the
// notices of new reports included, and only that of cases the chair may read. Errors:
// PermissionDenied for anyone but a chair or vice-chair.
Result<std::vector<store::QueuedMailRow>> mail_needing_attention(Context& context, const Actor& actor);

// When a failed message is tried again: after 1, 2, 4 … minutes, up to an hour; after
// `attempts_before_failing` attempts it is marked failed and shown to the chairs.
struct MailRetryPolicy {
  int first_delay_seconds = 60;
  int longest_delay_seconds = 3600;
  int attempts_before_failing = 12;
};

struct MailDelivery {
  int sent = 0;
  int retrying = 0;
  int failed = 0;
};

// Hands every queued message that is due to `transport`, oldest first, at most
// `limit` of them, and records each outcome. A message is marked sent only after the
// transport took it; a process killed in between delivers it again, which a
// transport that can tell (the outbox directory, by file name) does not repeat. For one
// that cannot (SMTP), the hand-over is recorded first, and a message whose hand-over
// was interrupted is never handed over again: it is marked failed, for the chairs to
// check, rather than risk reaching its recipient twice.
Result<MailDelivery> deliver_due_mail(Context& context, mail::Transport& transport, const MailRetryPolicy& retry,
                                      std::size_t limit = 50);

}  // namespace conduct::app
