// Reports from people without an account (part of the Store interface, store/store.h):
// reporters' threads, their portal sessions, and the outgoing mail queue.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "domain/case.h"
#include "domain/drafts.h"
#include "domain/visibility.h"
#include "store/key_rows.h"

namespace conduct::store {

// A reporter's thread: how their receipt is checked, and the thread's key twice over.
// `key_for_receipt` is sealed by the caller under the receipt's key; `thread_key` is the
// plain key, which the store seals under the case's key ("thread", "key") on insert and
// opens on load_thread; lookups by receipt or case id leave it empty (no case key is held).
struct ReporterThreadRow {
  std::int64_t case_id = 0;
  std::string receipt_id;
  std::string receipt_salt;
  std::string receipt_verifier;
  std::uint64_t receipt_ops_limit = 0;
  std::uint64_t receipt_mem_limit = 0;
  std::string key_for_receipt;
  std::string thread_key;  // plaintext in memory only
  bool answer_by_email = false;
  std::string language;  // the language the reporter reads ("en", "es", …)
  Timestamp created_at;
  // The thread's drop box (migration 22): an X25519 public key, plain, to which mail
  // intake seals the reporter's replies, and its secret key sealed by the caller under
  // the thread key. Both empty on a thread made before it, until set_thread_inbox.
  std::string inbox_public;
  std::string inbox_secret_sealed;
};

// What a thread message's body is sealed to: the thread key (a member or the portal
// wrote it) or the thread's drop box (mail intake, which holds no key, put it there).
enum class MessageSealedTo { ThreadKey, Inbox };

// A message on a reporter's thread, its body sealed by the caller.
struct ThreadMessageRow {
  std::int64_t case_id = 0;
  int number = 0;
  bool to_reporter = false;               // from the group (true) or from the reporter
  std::optional<std::int64_t> author_id;  // the member who wrote to the reporter
  std::string body_sealed;
  MessageSealedTo sealed_to = MessageSealedTo::ThreadKey;
  Timestamp created_at;
};

// A reporter's portal session: found by the lookup id derived from its token; the
// thread key sealed under the key the token derives.
struct PortalSessionRow {
  std::string lookup_id;
  std::int64_t case_id = 0;
  std::string key_sealed;
  std::string csrf_token;
  Timestamp created_at;
  Timestamp last_seen_at;
};

enum class MailStatus { Queued, Sent, Failed };

// A message waiting to go out, or gone: `message_sealed` (the whole RFC 5322 text,
// sealed by the caller) is dropped once the message is sent.
struct QueuedMailRow {
  std::int64_t id = 0;
  std::int64_t community_id = 0;
  std::optional<std::int64_t> case_id;
  std::string kind;  // "acknowledgement", "new-report", …
  std::string message_id;
  std::string message_sealed;
  MailStatus status = MailStatus::Queued;
  int attempts = 0;
  Timestamp next_attempt_at;
  std::string last_error;  // names no recipient and no content
  Timestamp created_at;
  std::optional<Timestamp> sent_at;
  // Set while the message is being handed to a transport that cannot tell a repeat; a
  // queued row that still has it was interrupted during the hand-over.
  std::optional<Timestamp> handing_over_since;
};

// Incoming mail waiting for a chair (docs/administration.md "Quarantine"): the whole
// message sealed under a key of its own (by the caller), which is wrapped for the
// community's chairs and its recovery key. Filing or discarding it drops the sealed
// message and its wraps; the row stays, to say what became of it.
enum class QuarantineStatus { Waiting, Filed, Discarded };

struct QuarantinedMailRow {
  std::int64_t id = 0;
  std::int64_t community_id = 0;
  std::string reason;         // domain::QuarantineReason's name
  std::string message_blind;  // blind index of its Message-ID (or of its bytes): a second copy is refused
  std::int64_t size_bytes = 0;
  Timestamp received_at;
  std::string message_sealed;  // empty in lists, and once decided
  QuarantineStatus status = QuarantineStatus::Waiting;
  std::optional<std::int64_t> decided_by;
  std::optional<Timestamp> decided_at;
  std::optional<std::int64_t> case_id;  // the case it was filed into
};

// A draft waiting for its decision on a case a member's listing reaches, without its
// content (the intake queue lists them; the case page opens them).
struct WaitingDraftRow {
  std::int64_t case_id = 0;
  std::string code_name;
  int number = 0;
  std::string recipient;  // domain::DraftRecipient's name
  std::int64_t author_id = 0;
  Timestamp created_at;
};

// A local representative's submission: which case it opened, of what kind, and when.
// `state` is read with the list (the case's state, for the plain words the
// representative sees); it is not written.
struct LocalSubmissionRow {
  std::int64_t case_id = 0;
  std::int64_t member_id = 0;
  std::string kind;  // domain::SubmissionKind's name
  Timestamp submitted_at;
  domain::CaseState state = domain::CaseState::Received;
};

using QuarantineWrapRow = KeyWrapRow;

class IntakeStore {
 public:
  virtual ~IntakeStore() = default;

  // Errors: AlreadyExists when the receipt id is taken.
  virtual Status insert_reporter_thread(const domain::Case& owner, const ReporterThreadRow& row) = 0;
  // The thread a receipt id names, without its case-sealed key; nullopt when none.
  virtual Result<std::optional<ReporterThreadRow>> find_thread_by_receipt(const std::string& receipt_id) = 0;
  // The thread of a case without its case-sealed key; nullopt when it has none.
  virtual Result<std::optional<ReporterThreadRow>> find_thread_by_case(std::int64_t case_id) = 0;
  // The thread of a case, its key opened with the case's key; nullopt when it has none.
  virtual Result<std::optional<ReporterThreadRow>> load_thread(const domain::Case& owner) = 0;
  virtual Result<bool> receipt_id_taken(const std::string& receipt_id) = 0;
  // Gives a thread made before drop boxes its drop box. A thread that has one keeps it:
  // returns whether this one was set (false too when the case has no thread).
  virtual Result<bool> set_thread_inbox(std::int64_t case_id, const std::string& inbox_public,
                                        const std::string& inbox_secret_sealed) = 0;

  // The number the thread's next message takes (its last plus one).
  virtual Result<int> next_thread_message_number(std::int64_t case_id) = 0;
  // Errors: AlreadyExists when the number is taken.
  virtual Status append_thread_message(const ThreadMessageRow& row) = 0;
  virtual Result<std::vector<ThreadMessageRow>> list_thread_messages(std::int64_t case_id) = 0;

  virtual Status insert_portal_session(const PortalSessionRow& row) = 0;
  virtual Result<std::optional<PortalSessionRow>> find_portal_session(const std::string& lookup_id) = 0;
  virtual Status touch_portal_session(const std::string& lookup_id, Timestamp seen_at) = 0;
  virtual Status delete_portal_session(const std::string& lookup_id) = 0;
  // Deletes the sessions last seen before `seen_before`; how many.
  virtual Result<std::int64_t> prune_portal_sessions(Timestamp seen_before) = 0;

  // The new row's id.
  virtual Result<std::int64_t> enqueue_mail(const QueuedMailRow& row) = 0;
  // Queued messages due at `now`, oldest first, at most `limit`.
  virtual Result<std::vector<QueuedMailRow>> due_mail(Timestamp now, std::size_t limit) = 0;
  // Marks a message as being handed over now (before a transport that cannot tell a
  // repeat takes it).
  virtual Status mark_mail_handing_over(std::int64_t id, Timestamp since) = 0;
  // Marks a message sent and drops its sealed text.
  virtual Status mark_mail_sent(std::int64_t id, Timestamp sent_at) = 0;
  // Records a failed attempt: tried again at `next_attempt_at`, or failed for good.
  virtual Status mark_mail_attempt(std::int64_t id, int attempts, Timestamp next_attempt_at, bool failed,
                                   const std::string& error) = 0;
  // When the last message of kind "audit-head" was queued; nullopt when none was.
  virtual Result<std::optional<Timestamp>> last_audit_head_mail() = 0;
  // A case's mail, newest first (without the sealed text).
  virtual Result<std::vector<QueuedMailRow>> mail_of_case(std::int64_t case_id) = 0;
  // A community's mail that failed or is being retried, newest first, at most `limit`
  // (without the sealed text).
  virtual Result<std::vector<QueuedMailRow>> mail_needing_attention(std::int64_t community_id, std::size_t limit) = 0;

  // Drafts of messages to people outside the group; the content sealed under the case's
  // key ("draft:N", "content").
  virtual Result<int> next_draft_number(std::int64_t case_id) = 0;
  virtual Status insert_draft(const domain::Case& owner, const domain::Draft& draft) = 0;
  // A case's drafts, oldest first, their content opened.
  virtual Result<std::vector<domain::Draft>> list_drafts(const domain::Case& owner) = 0;
  // Records the decision on a waiting draft. Errors: FailedPrecondition when it is not
  // waiting (any more); NotFound when the case has no such draft.
  virtual Status decide_draft(std::int64_t case_id, int number, domain::DraftStatus status, std::int64_t member_id,
                              Timestamp decided_at) = 0;

  // Mail threads: the blind index of a message id or a subject tag, and its case. A
  // blind index already recorded keeps its case.
  virtual Status record_mail_thread(const std::string& blind, std::int64_t case_id, const std::string& kind) = 0;
  virtual Result<std::optional<std::int64_t>> find_mail_thread(const std::string& blind) = 0;

  // Quarantine. Errors: AlreadyExists when a message of the same blind index waits or was
  // decided already.
  virtual Result<std::int64_t> insert_quarantined_mail(const QuarantinedMailRow& row,
                                                       const std::vector<QuarantineWrapRow>& wraps) = 0;
  virtual Result<bool> quarantine_holds(const std::string& message_blind) = 0;
  // A community's waiting messages, oldest first, at most `limit` (without the sealed text).
  virtual Result<std::vector<QuarantinedMailRow>> waiting_quarantine(std::int64_t community_id, std::size_t limit) = 0;
  // One message with its sealed text; nullopt when there is none of that id.
  virtual Result<std::optional<QuarantinedMailRow>> find_quarantined_mail(std::int64_t id) = 0;
  virtual Result<std::vector<QuarantineWrapRow>> quarantine_wraps(std::int64_t id) = 0;
  // Records the decision and drops the sealed message and its wraps. Errors:
  // FailedPrecondition when the message is no longer waiting.
  virtual Status decide_quarantined_mail(std::int64_t id, QuarantineStatus status, std::int64_t member_id,
                                         Timestamp decided_at, std::optional<std::int64_t> case_id) = 0;

  // The community's waiting drafts on cases `listing` reaches, oldest first, at most
  // `limit`; found by index on their status.
  virtual Result<std::vector<WaitingDraftRow>> list_waiting_drafts(std::int64_t community_id,
                                                                   const domain::CaseListing& listing,
                                                                   std::size_t limit) = 0;

  // Local representatives' submissions (the row's state is not written).
  virtual Status insert_local_submission(const LocalSubmissionRow& row) = 0;
  // A representative's submissions with their cases' states, newest first, at most `limit`.
  virtual Result<std::vector<LocalSubmissionRow>> list_local_submissions(std::int64_t member_id, std::size_t limit) = 0;
};

}  // namespace conduct::store
