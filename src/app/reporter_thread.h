// The reporter's thread (docs/security.md "The reporter's thread"): the messages between
// the group and the person who reported, sealed under the thread's own key. The key is
// sealed twice: under a key derived from the reporter's receipt (the portal opens it)
// and under the case's key (a member who may read the case opens it). Nothing else of
// the case opens with the receipt.
//
// Mail intake holds neither key, yet adds the reporter's replies by mail: each thread
// has a drop box, an X25519 key pair whose public half is stored plain and whose secret
// half is sealed under the thread key. Intake seals a reply to the public half (a sealed
// box, its plaintext naming the case and the message's number); whoever opens the thread
// opens the secret half and with it those messages. A thread made before drop boxes
// gets one when a member or the reporter next writes on it (append_to_thread).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/context.h"
#include "core/field_errors.h"
#include "core/result.h"
#include "crypto/receipt.h"
#include "crypto/secret_bytes.h"
#include "domain/case.h"

namespace conduct::app {

// A thread made before the transaction that stores it: the receipt (Argon2id of its
// secret is the slow part) and the thread's fresh key.
struct NewReporterThread {
  crypto::NewReceipt receipt;
  crypto::SecretBytes thread_key;
  bool answer_by_email = false;
  std::string language;
};
// Uses context.receipt_cost. Errors: those of Argon2id.
Result<NewReporterThread> prepare_reporter_thread(Context& context, bool answer_by_email, std::string language);

// Stores the thread of `owner` (a new public id is drawn while the first is taken),
// inside the caller's transaction, with the case's key current in the keyring. Returns
// the receipt as the reporter reads it.
Result<std::string> store_reporter_thread(Context& context, const domain::Case& owner, const NewReporterThread& thread);

// The thread key, opened with the key a right receipt derives (crypto/receipt.h).
Result<crypto::SecretBytes> open_thread_key_with_receipt(const store::ReporterThreadRow& row,
                                                         const crypto::SecretBytes& receipt_key);

struct ThreadMessage {
  int number = 0;
  bool to_reporter = false;
  std::optional<std::int64_t> author_id;
  std::string text;
  Timestamp created_at;
};

// The thread's messages, opened with `thread_key` (those in the drop box with its
// secret key, which the thread key opens), oldest first. Errors: PermissionDenied when a
// message does not open, or was sealed to the drop box for another thread or number (the
// message names its number only).
Result<std::vector<ThreadMessage>> open_thread_messages(Context& context, std::int64_t case_id,
                                                        const crypto::SecretBytes& thread_key);
// Seals and stores one message, numbered next, inside the caller's transaction; gives a
// thread made before drop boxes its drop box first.
Result<ThreadMessage> append_to_thread(Context& context, std::int64_t case_id, const crypto::SecretBytes& thread_key,
                                       bool to_reporter, std::optional<std::int64_t> author_id,
                                       const std::string& text);
// Seals a message from the reporter to the thread's drop box and stores it, numbered
// next, inside the caller's transaction: what mail intake, which holds no key, adds.
// `text` is taken as it is (domain::thread_message_of_reply made it). Returns its
// number. Errors: FailedPrecondition when the thread has no drop box yet.
Result<int> drop_in_thread(Context& context, const store::ReporterThreadRow& thread, const std::string& text);

// Checks a message's text (the field is named `field`): required, at most 20,000 bytes,
// printable text. Errors: InvalidArgument.
Status check_message_text(const std::string& text, const std::string& field);
void check_message_text(FieldErrors& errors, const std::string& text, const std::string& field);

// A member's view of the thread: whether the case has one (reports from the form do),
// how the reporter asked to be answered, and the messages.
struct ReporterThreadView {
  bool exists = false;
  bool answer_by_email = false;
  std::string language;
  std::vector<ThreadMessage> messages;
};
// Errors: as show_case (NotFound alike for a missing and a withheld case).
Result<ReporterThreadView> read_reporter_thread(Context& context, const Actor& actor, const std::string& code_name);

// Inside the caller's transaction, the case made writable: `text` goes to the reporter
// on the thread (the portal shows it), and by email too when they asked for it.
// `channels` says where, in words ("on the portal and by email to …"). Writes no
// timeline entry: the caller's use case writes its own. Errors: FailedPrecondition when
// the case has no reporter thread.
struct SentToReporter {
  ThreadMessage message;
  std::string channels;
};
Result<SentToReporter> send_to_reporter(Context& context, const Actor& actor, const domain::Case& current,
                                        const std::string& text);

// A member writes to the reporter: on the thread (the portal shows it), by email too
// when the reporter asked for it, and as an outgoing communication on the timeline.
// Errors: as a note's; FailedPrecondition when the case has no reporter thread.
Result<ThreadMessage> write_to_reporter(Context& context, const Actor& actor, const std::string& code_name,
                                        const std::string& text);

}  // namespace conduct::app
