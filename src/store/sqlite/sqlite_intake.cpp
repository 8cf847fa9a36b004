// Reporters' threads, portal sessions and the mail queue in the SQLite store
// (store/intake_store.h; migration 15, the threads' drop boxes migration 22).
#include "store/sealing.h"
#include "store/sqlite/sqlite_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace conduct::store::sqlite {
namespace {

constexpr std::string_view kThreadColumns =
    "case_id, receipt_id, receipt_salt, receipt_verifier, receipt_ops_limit, receipt_mem_limit, key_for_receipt, "
    "answer_by_email, language, created_at, key_sealed, inbox_public, inbox_secret_sealed";

// A drop box's column: NULL on a thread that has none (made before migration 22).
void bind_optional_blob(Statement& statement, int index, const std::string& bytes) {
  if (bytes.empty())
    statement.bind_null(index);
  else
    statement.bind_blob(index, bytes);
}

std::string_view sealed_to_name(MessageSealedTo sealed_to) {
  return sealed_to == MessageSealedTo::Inbox ? "inbox" : "thread-key";
}

ReporterThreadRow read_thread(const Statement& row);

// The thread a prepared look-up finds, without its case-sealed key; nullopt when none.
Result<std::optional<ReporterThreadRow>> first_thread(Statement& statement) {
  ASSIGN_OR_RETURN(const bool found, statement.step());
  if (!found) return std::optional<ReporterThreadRow>();
  return std::optional<ReporterThreadRow>(read_thread(statement));
}

ReporterThreadRow read_thread(const Statement& row) {
  ReporterThreadRow thread;
  thread.case_id = row.int64(0);
  thread.receipt_id = row.text(1);
  thread.receipt_salt = row.blob(2);
  thread.receipt_verifier = row.blob(3);
  thread.receipt_ops_limit = static_cast<std::uint64_t>(row.int64(4));
  thread.receipt_mem_limit = static_cast<std::uint64_t>(row.int64(5));
  thread.key_for_receipt = row.blob(6);
  thread.answer_by_email = row.int64(7) != 0;
  thread.language = row.text(8);
  thread.created_at = Timestamp{row.int64(9)};
  thread.inbox_public = row.blob(11);
  thread.inbox_secret_sealed = row.blob(12);
  return thread;
}

constexpr std::string_view kMailColumns =
    "id, community_id, case_id, kind, message_id, status, attempts, next_attempt_at, last_error, created_at, sent_at, "
    "handing_over_since";

std::string_view status_name(MailStatus status) {
  switch (status) {
    case MailStatus::Queued:
      return "queued";
    case MailStatus::Sent:
      return "sent";
    case MailStatus::Failed:
      return "failed";
  }
  return "queued";
}

QueuedMailRow read_mail(const Statement& row);

// Every row a prepared mail query returns (kMailColumns first), the sealed text too when
// it is the column after them.
Result<std::vector<QueuedMailRow>> read_mail_rows(Statement& statement, bool with_text) {
  return collect_rows(statement, [with_text](const Statement& row) {
    QueuedMailRow mail = read_mail(row);
    if (with_text) mail.message_sealed = row.blob(12);
    return mail;
  });
}

QueuedMailRow read_mail(const Statement& row) {
  QueuedMailRow mail;
  mail.id = row.int64(0);
  mail.community_id = row.int64(1);
  mail.case_id = row.optional_int64(2);
  mail.kind = row.text(3);
  mail.message_id = row.text(4);
  const std::string status = row.text(5);
  mail.status = status == "sent" ? MailStatus::Sent : status == "failed" ? MailStatus::Failed : MailStatus::Queued;
  mail.attempts = static_cast<int>(row.int64(6));
  mail.next_attempt_at = Timestamp{row.int64(7)};
  mail.last_error = row.text(8);
  mail.created_at = Timestamp{row.int64(9)};
  if (const auto sent = row.optional_int64(10)) mail.sent_at = Timestamp{*sent};
  if (const auto since = row.optional_int64(11)) mail.handing_over_since = Timestamp{*since};
  return mail;
}

constexpr std::string_view kQuarantineColumns =
    "id, community_id, reason, message_blind, size_bytes, received_at, status, decided_by, decided_at, case_id";

std::string_view quarantine_status_name(QuarantineStatus status) {
  switch (status) {
    case QuarantineStatus::Waiting:
      return "waiting";
    case QuarantineStatus::Filed:
      return "filed";
    case QuarantineStatus::Discarded:
      return "discarded";
  }
  return "waiting";
}

QuarantinedMailRow read_quarantined(const Statement& row) {
  QuarantinedMailRow mail;
  mail.id = row.int64(0);
  mail.community_id = row.int64(1);
  mail.reason = row.text(2);
  mail.message_blind = row.blob(3);
  mail.size_bytes = row.int64(4);
  mail.received_at = Timestamp{row.int64(5)};
  const std::string status = row.text(6);
  mail.status = status == "filed"       ? QuarantineStatus::Filed
                : status == "discarded" ? QuarantineStatus::Discarded
                                        : QuarantineStatus::Waiting;
  mail.decided_by = row.optional_int64(7);
  if (const auto at = row.optional_int64(8)) mail.decided_at = Timestamp{*at};
  mail.case_id = row.optional_int64(9);
  return mail;
}

}  // namespace

Status SqliteStore::insert_reporter_thread(const domain::Case& owner, const ReporterThreadRow& row) {
  ASSIGN_OR_RETURN(const std::string key_sealed, seal_field(sealer_, owner, "thread", "key", row.thread_key));
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("INSERT INTO reporter_threads (case_id, receipt_id, receipt_salt, receipt_verifier, "
                               "receipt_ops_limit, receipt_mem_limit, key_for_receipt, answer_by_email, language, "
                               "created_at, key_sealed, inbox_public, inbox_secret_sealed) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  statement.bind(1, owner.id)
      .bind(2, row.receipt_id)
      .bind_blob(3, row.receipt_salt)
      .bind_blob(4, row.receipt_verifier)
      .bind(5, static_cast<std::int64_t>(row.receipt_ops_limit))
      .bind(6, static_cast<std::int64_t>(row.receipt_mem_limit))
      .bind_blob(7, row.key_for_receipt)
      .bind(8, row.answer_by_email ? 1 : 0)
      .bind(9, row.language)
      .bind(10, row.created_at.seconds)
      .bind_blob(11, key_sealed);
  bind_optional_blob(statement, 12, row.inbox_public);
  bind_optional_blob(statement, 13, row.inbox_secret_sealed);
  TRY(statement.run());
  if (!row.inbox_secret_sealed.empty()) handled_.add(row.inbox_secret_sealed);
  return ok_status();
}

Result<std::optional<ReporterThreadRow>> SqliteStore::find_thread_by_receipt(const std::string& receipt_id) {
  ASSIGN_OR_RETURN(Statement statement, db_.prepare("SELECT " + std::string(kThreadColumns) +
                                                    " FROM reporter_threads WHERE receipt_id = ?"));
  statement.bind(1, receipt_id);
  return first_thread(statement);
}

Result<std::optional<ReporterThreadRow>> SqliteStore::find_thread_by_case(std::int64_t case_id) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("SELECT " + std::string(kThreadColumns) + " FROM reporter_threads WHERE case_id = ?"));
  statement.bind(1, case_id);
  return first_thread(statement);
}

Result<std::optional<ReporterThreadRow>> SqliteStore::load_thread(const domain::Case& owner) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("SELECT " + std::string(kThreadColumns) + " FROM reporter_threads WHERE case_id = ?"));
  statement.bind(1, owner.id);
  ASSIGN_OR_RETURN(const bool found, statement.step());
  if (!found) return std::optional<ReporterThreadRow>();
  ReporterThreadRow thread = read_thread(statement);
  ASSIGN_OR_RETURN(thread.thread_key, open_field(sealer_, owner, "thread", "key", statement.blob(10)));
  return std::optional<ReporterThreadRow>(std::move(thread));
}

Result<bool> SqliteStore::receipt_id_taken(const std::string& receipt_id) {
  ASSIGN_OR_RETURN(Statement statement, db_.prepare("SELECT 1 FROM reporter_threads WHERE receipt_id = ?"));
  statement.bind(1, receipt_id);
  return statement.step();
}

Result<bool> SqliteStore::set_thread_inbox(std::int64_t case_id, const std::string& inbox_public,
                                           const std::string& inbox_secret_sealed) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("UPDATE reporter_threads SET inbox_public = ?, inbox_secret_sealed = ? "
                               "WHERE case_id = ? AND inbox_public IS NULL RETURNING 1"));
  statement.bind_blob(1, inbox_public).bind_blob(2, inbox_secret_sealed).bind(3, case_id);
  ASSIGN_OR_RETURN(const std::int64_t set, statement.count_rows());
  if (set > 0) handled_.add(inbox_secret_sealed);
  return set > 0;
}

Result<int> SqliteStore::next_thread_message_number(std::int64_t case_id) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("SELECT COALESCE(MAX(number), 0) + 1 FROM thread_messages WHERE case_id = ?"));
  statement.bind(1, case_id);
  ASSIGN_OR_RETURN(const bool found, statement.step());
  if (!found) return internal_error("cannot number the next message");
  return static_cast<int>(statement.int64(0));
}

Status SqliteStore::append_thread_message(const ThreadMessageRow& row) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("INSERT INTO thread_messages (case_id, number, direction, author_id, body_sealed, "
                               "created_at, sealed_to) VALUES (?, ?, ?, ?, ?, ?, ?)"));
  TRY(statement.bind(1, row.case_id)
          .bind(2, row.number)
          .bind(3, row.to_reporter ? "to-reporter" : "from-reporter")
          .bind(4, row.author_id)
          .bind_blob(5, row.body_sealed)
          .bind(6, row.created_at.seconds)
          .bind(7, sealed_to_name(row.sealed_to))
          .run());
  handled_.add(row.body_sealed);
  return ok_status();
}

Result<std::vector<ThreadMessageRow>> SqliteStore::list_thread_messages(std::int64_t case_id) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("SELECT number, direction, author_id, body_sealed, created_at, sealed_to "
                               "FROM thread_messages WHERE case_id = ? ORDER BY number"));
  statement.bind(1, case_id);
  std::vector<ThreadMessageRow> messages;
  while (true) {
    ASSIGN_OR_RETURN(const bool found, statement.step());
    if (!found) break;
    ThreadMessageRow message;
    message.case_id = case_id;
    message.number = static_cast<int>(statement.int64(0));
    message.to_reporter = statement.text(1) == "to-reporter";
    message.author_id = statement.optional_int64(2);
    message.body_sealed = statement.blob(3);
    message.created_at = Timestamp{statement.int64(4)};
    message.sealed_to = statement.text(5) == "inbox" ? MessageSealedTo::Inbox : MessageSealedTo::ThreadKey;
    handled_.add(message.body_sealed);
    messages.push_back(std::move(message));
  }
  return messages;
}

Status SqliteStore::insert_portal_session(const PortalSessionRow& row) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("INSERT INTO portal_sessions (lookup_id, case_id, key_sealed, csrf_token, created_at, "
                               "last_seen_at) VALUES (?, ?, ?, ?, ?, ?)"));
  return statement.bind(1, row.lookup_id)
      .bind(2, row.case_id)
      .bind_blob(3, row.key_sealed)
      .bind(4, row.csrf_token)
      .bind(5, row.created_at.seconds)
      .bind(6, row.last_seen_at.seconds)
      .run();
}

Result<std::optional<PortalSessionRow>> SqliteStore::find_portal_session(const std::string& lookup_id) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("SELECT case_id, key_sealed, csrf_token, created_at, last_seen_at FROM portal_sessions "
                               "WHERE lookup_id = ?"));
  statement.bind(1, lookup_id);
  ASSIGN_OR_RETURN(const bool found, statement.step());
  if (!found) return std::optional<PortalSessionRow>();
  PortalSessionRow row;
  row.lookup_id = lookup_id;
  row.case_id = statement.int64(0);
  row.key_sealed = statement.blob(1);
  row.csrf_token = statement.text(2);
  row.created_at = Timestamp{statement.int64(3)};
  row.last_seen_at = Timestamp{statement.int64(4)};
  return std::optional<PortalSessionRow>(std::move(row));
}

Status SqliteStore::touch_portal_session(const std::string& lookup_id, Timestamp seen_at) {
  ASSIGN_OR_RETURN(Statement statement, db_.prepare("UPDATE portal_sessions SET last_seen_at = ? WHERE lookup_id = ?"));
  return statement.bind(1, seen_at.seconds).bind(2, lookup_id).run();
}

Status SqliteStore::delete_portal_session(const std::string& lookup_id) {
  ASSIGN_OR_RETURN(Statement statement, db_.prepare("DELETE FROM portal_sessions WHERE lookup_id = ?"));
  return statement.bind(1, lookup_id).run();
}

Result<std::int64_t> SqliteStore::prune_portal_sessions(Timestamp seen_before) {
  ASSIGN_OR_RETURN(Statement statement, db_.prepare("DELETE FROM portal_sessions WHERE last_seen_at < ? RETURNING 1"));
  statement.bind(1, seen_before.seconds);
  return statement.count_rows();
}

Result<std::int64_t> SqliteStore::enqueue_mail(const QueuedMailRow& row) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("INSERT INTO mail_queue (community_id, case_id, kind, message_id, message_sealed, "
                               "status, attempts, next_attempt_at, last_error, created_at) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
  statement.bind(1, row.community_id)
      .bind(2, row.case_id)
      .bind(3, row.kind)
      .bind(4, row.message_id)
      .bind_blob(5, row.message_sealed)
      .bind(6, status_name(row.status))
      .bind(7, row.attempts)
      .bind(8, row.next_attempt_at.seconds)
      .bind(9, row.last_error)
      .bind(10, row.created_at.seconds);
  ASSIGN_OR_RETURN(const bool inserted, statement.step());
  if (!inserted) return internal_error("the message was not queued");
  const std::int64_t id = statement.int64(0);
  TRY(statement.run());
  return id;
}

Result<std::vector<QueuedMailRow>> SqliteStore::due_mail(Timestamp now, std::size_t limit) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("SELECT " + std::string(kMailColumns) +
                               ", message_sealed FROM mail_queue WHERE status = 'queued' AND next_attempt_at <= ? "
                               "ORDER BY next_attempt_at, id LIMIT ?"));
  statement.bind(1, now.seconds).bind(2, static_cast<std::int64_t>(limit));
  return read_mail_rows(statement, /*with_text=*/true);
}

Status SqliteStore::mark_mail_handing_over(std::int64_t id, Timestamp since) {
  ASSIGN_OR_RETURN(Statement statement, db_.prepare("UPDATE mail_queue SET handing_over_since = ? WHERE id = ?"));
  return statement.bind(1, since.seconds).bind(2, id).run();
}

Status SqliteStore::mark_mail_sent(std::int64_t id, Timestamp sent_at) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("UPDATE mail_queue SET status = 'sent', sent_at = ?, message_sealed = NULL, "
                               "attempts = attempts + 1, last_error = '', handing_over_since = NULL WHERE id = ?"));
  return statement.bind(1, sent_at.seconds).bind(2, id).run();
}

Status SqliteStore::mark_mail_attempt(std::int64_t id, int attempts, Timestamp next_attempt_at, bool failed,
                                      const std::string& error) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("UPDATE mail_queue SET attempts = ?, next_attempt_at = ?, status = ?, last_error = ?, "
                               "message_sealed = CASE WHEN ? THEN NULL ELSE message_sealed END, "
                               "handing_over_since = NULL WHERE id = ?"));
  return statement.bind(1, attempts)
      .bind(2, next_attempt_at.seconds)
      .bind(3, failed ? "failed" : "queued")
      .bind(4, error)
      .bind(5, failed ? 1 : 0)
      .bind(6, id)
      .run();
}

Result<std::optional<Timestamp>> SqliteStore::last_audit_head_mail() {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("SELECT max(created_at) FROM mail_queue WHERE kind = 'audit-head'"));
  ASSIGN_OR_RETURN(const bool found, statement.step());
  if (!found) return std::optional<Timestamp>();
  const std::optional<std::int64_t> at = statement.optional_int64(0);
  return at ? std::optional<Timestamp>(Timestamp{*at}) : std::optional<Timestamp>();
}

Result<std::vector<QueuedMailRow>> SqliteStore::mail_of_case(std::int64_t case_id) {
  ASSIGN_OR_RETURN(Statement statement, db_.prepare("SELECT " + std::string(kMailColumns) +
                                                    " FROM mail_queue WHERE case_id = ? ORDER BY id DESC"));
  statement.bind(1, case_id);
  return read_mail_rows(statement, /*with_text=*/false);
}

Result<std::vector<QueuedMailRow>> SqliteStore::mail_needing_attention(std::int64_t community_id, std::size_t limit) {
  ASSIGN_OR_RETURN(
      Statement statement,
      db_.prepare(
          "SELECT " + std::string(kMailColumns) +
          " FROM mail_queue WHERE community_id = ? AND (status = 'failed' OR (status = 'queued' AND attempts > 0)) "
          "ORDER BY id DESC LIMIT ?"));
  statement.bind(1, community_id).bind(2, static_cast<std::int64_t>(limit));
  return read_mail_rows(statement, /*with_text=*/false);
}

Status SqliteStore::record_mail_thread(const std::string& blind, std::int64_t case_id, const std::string& kind) {
  ASSIGN_OR_RETURN(Statement statement, db_.prepare("INSERT INTO mail_threads (blind, case_id, kind) VALUES (?, ?, ?) "
                                                    "ON CONFLICT (blind) DO NOTHING"));
  return statement.bind_blob(1, blind).bind(2, case_id).bind(3, kind).run();
}

Result<std::optional<std::int64_t>> SqliteStore::find_mail_thread(const std::string& blind) {
  ASSIGN_OR_RETURN(Statement statement, db_.prepare("SELECT case_id FROM mail_threads WHERE blind = ?"));
  statement.bind_blob(1, blind);
  ASSIGN_OR_RETURN(const bool found, statement.step());
  if (!found) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(statement.int64(0));
}

Result<std::int64_t> SqliteStore::insert_quarantined_mail(const QuarantinedMailRow& row,
                                                          const std::vector<QuarantineWrapRow>& wraps) {
  ASSIGN_OR_RETURN(
      Statement statement,
      db_.prepare("INSERT INTO mail_quarantine (community_id, reason, message_blind, size_bytes, "
                  "received_at, message_sealed, status) VALUES (?, ?, ?, ?, ?, ?, 'waiting') RETURNING id"));
  statement.bind(1, row.community_id)
      .bind(2, row.reason)
      .bind_blob(3, row.message_blind)
      .bind(4, row.size_bytes)
      .bind(5, row.received_at.seconds)
      .bind_blob(6, row.message_sealed);
  ASSIGN_OR_RETURN(const bool inserted, statement.step());
  if (!inserted) return internal_error("the message was not quarantined");
  const std::int64_t id = statement.int64(0);
  TRY(statement.run());
  TRY(insert_key_wraps(db_, "mail_quarantine_wraps", "quarantine_id", id, wraps));
  return id;
}

Result<bool> SqliteStore::quarantine_holds(const std::string& message_blind) {
  ASSIGN_OR_RETURN(Statement statement, db_.prepare("SELECT 1 FROM mail_quarantine WHERE message_blind = ?"));
  statement.bind_blob(1, message_blind);
  return statement.step();
}

Result<std::vector<QuarantinedMailRow>> SqliteStore::waiting_quarantine(std::int64_t community_id, std::size_t limit) {
  ASSIGN_OR_RETURN(
      Statement statement,
      db_.prepare("SELECT " + std::string(kQuarantineColumns) +
                  " FROM mail_quarantine WHERE community_id = ? AND status = 'waiting' ORDER BY id LIMIT ?"));
  statement.bind(1, community_id).bind(2, static_cast<std::int64_t>(limit));
  return collect_rows(statement, read_quarantined);
}

Result<std::optional<QuarantinedMailRow>> SqliteStore::find_quarantined_mail(std::int64_t id) {
  ASSIGN_OR_RETURN(Statement statement, db_.prepare("SELECT " + std::string(kQuarantineColumns) +
                                                    ", message_sealed FROM mail_quarantine WHERE id = ?"));
  statement.bind(1, id);
  ASSIGN_OR_RETURN(const bool found, statement.step());
  if (!found) return std::optional<QuarantinedMailRow>();
  QuarantinedMailRow row = read_quarantined(statement);
  row.message_sealed = statement.blob(10);
  return std::optional<QuarantinedMailRow>(std::move(row));
}

Result<std::vector<QuarantineWrapRow>> SqliteStore::quarantine_wraps(std::int64_t id) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("SELECT member_id, recipient_public, wrapped_key FROM mail_quarantine_wraps "
                               "WHERE quarantine_id = ?"));
  statement.bind(1, id);
  return collect_rows(statement, [](const Statement& row) {
    return QuarantineWrapRow{row.optional_int64(0), row.blob(1), row.blob(2)};
  });
}

Status SqliteStore::decide_quarantined_mail(std::int64_t id, QuarantineStatus status, std::int64_t member_id,
                                            Timestamp decided_at, std::optional<std::int64_t> case_id) {
  ASSIGN_OR_RETURN(Statement update,
                   db_.prepare("UPDATE mail_quarantine SET status = ?, decided_by = ?, decided_at = ?, case_id = ?, "
                               "message_sealed = NULL WHERE id = ? AND status = 'waiting' RETURNING 1"));
  update.bind(1, quarantine_status_name(status))
      .bind(2, member_id)
      .bind(3, decided_at.seconds)
      .bind(4, case_id)
      .bind(5, id);
  ASSIGN_OR_RETURN(const std::int64_t changed, update.count_rows());
  if (changed == 0) return failed_precondition("the message is no longer waiting in quarantine");
  ASSIGN_OR_RETURN(Statement wraps, db_.prepare("DELETE FROM mail_quarantine_wraps WHERE quarantine_id = ?"));
  return wraps.bind(1, id).run();
}

Result<int> SqliteStore::next_draft_number(std::int64_t case_id) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("SELECT COALESCE(MAX(number), 0) + 1 FROM drafts WHERE case_id = ?"));
  statement.bind(1, case_id);
  ASSIGN_OR_RETURN(const bool found, statement.step());
  return found ? static_cast<int>(statement.int64(0)) : 1;
}

Status SqliteStore::insert_draft(const domain::Case& owner, const domain::Draft& draft) {
  ASSIGN_OR_RETURN(const std::string sealed, seal_field(sealer_, owner, "draft:" + std::to_string(draft.number),
                                                        "content", domain::encode_draft_content(draft.content)));
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("INSERT INTO drafts (case_id, number, recipient, status, author_id, created_at, "
                               "content_sealed) VALUES (?, ?, ?, ?, ?, ?, ?)"));
  return statement.bind(1, owner.id)
      .bind(2, draft.number)
      .bind(3, domain::to_string(draft.recipient))
      .bind(4, domain::to_string(draft.status))
      .bind(5, draft.author_id)
      .bind(6, draft.created_at.seconds)
      .bind_blob(7, sealed)
      .run();
}

Result<std::vector<domain::Draft>> SqliteStore::list_drafts(const domain::Case& owner) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("SELECT number, recipient, status, author_id, decided_by, created_at, decided_at, "
                               "content_sealed FROM drafts WHERE case_id = ? ORDER BY number"));
  statement.bind(1, owner.id);
  std::vector<domain::Draft> drafts;
  while (true) {
    ASSIGN_OR_RETURN(const bool found, statement.step());
    if (!found) break;
    domain::Draft draft;
    draft.number = static_cast<int>(statement.int64(0));
    draft.recipient = domain::parse_draft_recipient(statement.text(1)).value_or(domain::DraftRecipient::Other);
    draft.status = domain::parse_draft_status(statement.text(2)).value_or(domain::DraftStatus::Waiting);
    draft.author_id = statement.int64(3);
    draft.decided_by = statement.optional_int64(4);
    draft.created_at = Timestamp{statement.int64(5)};
    if (const auto at = statement.optional_int64(6)) draft.decided_at = Timestamp{*at};
    ASSIGN_OR_RETURN(const std::string content,
                     open_field(sealer_, owner, "draft:" + std::to_string(draft.number), "content", statement.blob(7)));
    ASSIGN_OR_RETURN(draft.content, domain::decode_draft_content(content));
    drafts.push_back(std::move(draft));
  }
  return drafts;
}

Status SqliteStore::decide_draft(std::int64_t case_id, int number, domain::DraftStatus status, std::int64_t member_id,
                                 Timestamp decided_at) {
  ASSIGN_OR_RETURN(Statement update,
                   db_.prepare("UPDATE drafts SET status = ?, decided_by = ?, decided_at = ? "
                               "WHERE case_id = ? AND number = ? AND status = 'waiting' RETURNING 1"));
  update.bind(1, domain::to_string(status))
      .bind(2, member_id)
      .bind(3, decided_at.seconds)
      .bind(4, case_id)
      .bind(5, number);
  ASSIGN_OR_RETURN(const std::int64_t changed, update.count_rows());
  if (changed == 0) return failed_precondition("the draft is no longer waiting");
  return ok_status();
}

Status SqliteStore::insert_local_submission(const LocalSubmissionRow& row) {
  ASSIGN_OR_RETURN(
      Statement statement,
      db_.prepare("INSERT INTO local_submissions (case_id, member_id, kind, submitted_at) VALUES (?, ?, ?, ?)"));
  return statement.bind(1, row.case_id)
      .bind(2, row.member_id)
      .bind(3, row.kind)
      .bind(4, row.submitted_at.seconds)
      .run();
}

Result<std::vector<LocalSubmissionRow>> SqliteStore::list_local_submissions(std::int64_t member_id, std::size_t limit) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("SELECT s.case_id, s.kind, s.submitted_at, c.state FROM local_submissions s "
                               "JOIN cases c ON c.id = s.case_id WHERE s.member_id = ? "
                               "ORDER BY s.submitted_at DESC, s.case_id DESC LIMIT ?"));
  statement.bind(1, member_id).bind(2, static_cast<std::int64_t>(limit));
  return collect_rows(statement, [member_id](const Statement& row) {
    LocalSubmissionRow submission;
    submission.case_id = row.int64(0);
    submission.member_id = member_id;
    submission.kind = row.text(1);
    submission.submitted_at = Timestamp{row.int64(2)};
    submission.state = domain::parse_case_state(row.text(3)).value_or(domain::CaseState::Received);
    return submission;
  });
}

}  // namespace conduct::store::sqlite
