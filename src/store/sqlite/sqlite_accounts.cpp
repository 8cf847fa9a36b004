// The sign-in tables of the SQLite store (store/account_rows.h).
#include "store/sqlite/sqlite_store.h"

namespace conduct::store::sqlite {
namespace {

Status expect_row(Result<bool> stepped, const std::string& missing) {
  if (!stepped.ok()) return stepped.error();
  if (!*stepped) return not_found(missing);
  return ok_status();
}

}  // namespace

Status SqliteStore::save_credentials(const CredentialsRow& row) {
  ASSIGN_OR_RETURN(
      Statement statement,
      db_.prepare("INSERT OR REPLACE INTO credentials (member_id, password_salt, password_verifier, "
                  "ops_limit, mem_limit, box_public, sign_public, private_keys_sealed, totp_secret_sealed, "
                  "totp_last_step, enrolled_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  return statement.bind(1, row.member_id)
      .bind_blob(2, row.password_salt)
      .bind_blob(3, row.password_verifier)
      .bind(4, static_cast<std::int64_t>(row.ops_limit))
      .bind(5, static_cast<std::int64_t>(row.mem_limit))
      .bind_blob(6, row.box_public)
      .bind_blob(7, row.sign_public)
      .bind_blob(8, row.private_keys_sealed)
      .bind_blob(9, row.totp_secret_sealed)
      .bind(10, row.totp_last_step)
      .bind(11, row.enrolled_at.seconds)
      .run();
}

Result<CredentialsRow> SqliteStore::find_credentials(std::int64_t member_id) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("SELECT member_id, password_salt, password_verifier, ops_limit, mem_limit, box_public, "
                               "sign_public, private_keys_sealed, totp_secret_sealed, totp_last_step, enrolled_at "
                               "FROM credentials WHERE member_id = ?"));
  statement.bind(1, member_id);
  TRY(expect_row(statement.step(), "the member has not enrolled"));
  CredentialsRow row;
  row.member_id = statement.int64(0);
  row.password_salt = statement.blob(1);
  row.password_verifier = statement.blob(2);
  row.ops_limit = static_cast<std::uint64_t>(statement.int64(3));
  row.mem_limit = static_cast<std::uint64_t>(statement.int64(4));
  row.box_public = statement.blob(5);
  row.sign_public = statement.blob(6);
  row.private_keys_sealed = statement.blob(7);
  row.totp_secret_sealed = statement.blob(8);
  row.totp_last_step = statement.int64(9);
  row.enrolled_at = Timestamp{statement.int64(10)};
  return row;
}

Status SqliteStore::delete_credentials(std::int64_t member_id) {
  ASSIGN_OR_RETURN(Statement statement, db_.prepare("DELETE FROM credentials WHERE member_id = ?"));
  return statement.bind(1, member_id).run();
}

Status SqliteStore::set_totp_last_step(std::int64_t member_id, std::int64_t step) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("UPDATE credentials SET totp_last_step = ? WHERE member_id = ? AND totp_last_step < ? "
                               "RETURNING member_id"));
  statement.bind(1, step).bind(2, member_id).bind(3, step);
  ASSIGN_OR_RETURN(const bool updated, statement.step());
  if (updated) return ok_status();
  TRY(find_credentials(member_id));
  return failed_precondition("that code's time step was already used");
}

Status SqliteStore::insert_session(const SessionRow& row) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("INSERT INTO sessions (lookup_id, member_id, created_at, last_seen_at, csrf_token, "
                               "private_keys_sealed) VALUES (?, ?, ?, ?, ?, ?)"));
  return statement.bind(1, row.lookup_id)
      .bind(2, row.member_id)
      .bind(3, row.created_at.seconds)
      .bind(4, row.last_seen_at.seconds)
      .bind(5, row.csrf_token)
      .bind_blob(6, row.private_keys_sealed)
      .run();
}

Result<SessionRow> SqliteStore::find_session(std::string_view lookup_id) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("SELECT lookup_id, member_id, created_at, last_seen_at, csrf_token, private_keys_sealed "
                               "FROM sessions WHERE lookup_id = ?"));
  statement.bind(1, lookup_id);
  TRY(expect_row(statement.step(), "no such session"));
  return SessionRow{statement.text(0), statement.int64(1), Timestamp{statement.int64(2)}, Timestamp{statement.int64(3)},
                    statement.text(4), statement.blob(5)};
}

Status SqliteStore::touch_session(std::string_view lookup_id, Timestamp last_seen_at) {
  ASSIGN_OR_RETURN(Statement statement, db_.prepare("UPDATE sessions SET last_seen_at = ? WHERE lookup_id = ?"));
  return statement.bind(1, last_seen_at.seconds).bind(2, lookup_id).run();
}

Status SqliteStore::delete_session(std::string_view lookup_id) {
  ASSIGN_OR_RETURN(Statement statement, db_.prepare("DELETE FROM sessions WHERE lookup_id = ?"));
  return statement.bind(1, lookup_id).run();
}

Status SqliteStore::delete_sessions_of(std::int64_t member_id) {
  ASSIGN_OR_RETURN(Statement statement, db_.prepare("DELETE FROM sessions WHERE member_id = ?"));
  return statement.bind(1, member_id).run();
}

Status SqliteStore::insert_enrolment(const EnrolmentRow& row) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("INSERT INTO enrolments (lookup_id, member_id, issued_by, created_at, expires_at, "
                               "used_at, root_secret_sealed) VALUES (?, ?, ?, ?, ?, NULL, ?)"));
  return statement.bind(1, row.lookup_id)
      .bind(2, row.member_id)
      .bind(3, row.issued_by)
      .bind(4, row.created_at.seconds)
      .bind(5, row.expires_at.seconds)
      .bind_blob(6, row.root_secret_sealed)
      .run();
}

Result<EnrolmentRow> SqliteStore::find_enrolment(std::string_view lookup_id) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("SELECT lookup_id, member_id, issued_by, created_at, expires_at, used_at, "
                               "root_secret_sealed FROM enrolments WHERE lookup_id = ?"));
  statement.bind(1, lookup_id);
  TRY(expect_row(statement.step(), "no such enrolment link"));
  EnrolmentRow row{statement.text(0),
                   statement.int64(1),
                   statement.int64(2),
                   Timestamp{statement.int64(3)},
                   Timestamp{statement.int64(4)},
                   std::nullopt,
                   statement.blob(6)};
  if (const auto used = statement.optional_int64(5)) row.used_at = Timestamp{*used};
  return row;
}

Status SqliteStore::mark_enrolment_used(std::string_view lookup_id, Timestamp used_at) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("UPDATE enrolments SET used_at = ?, root_secret_sealed = X'' WHERE lookup_id = ? "
                               "AND used_at IS NULL RETURNING lookup_id"));
  statement.bind(1, used_at.seconds).bind(2, lookup_id);
  ASSIGN_OR_RETURN(const bool updated, statement.step());
  if (updated) return ok_status();
  TRY(find_enrolment(lookup_id));
  return failed_precondition("the enrolment link was already used");
}

Result<ThrottleRow> SqliteStore::find_throttle(std::string_view key) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("SELECT failures, last_failure, forgiven_at FROM throttles WHERE key = ?"));
  statement.bind_blob(1, key);
  ASSIGN_OR_RETURN(const bool found, statement.step());
  if (!found) return ThrottleRow{std::string(key), 0, Timestamp{}, Timestamp{}};
  return ThrottleRow{std::string(key), static_cast<int>(statement.int64(0)), Timestamp{statement.int64(1)},
                     Timestamp{statement.int64(2)}};
}

Status SqliteStore::save_throttle(const ThrottleRow& row) {
  if (row.failures <= 0) {
    ASSIGN_OR_RETURN(Statement statement, db_.prepare("DELETE FROM throttles WHERE key = ?"));
    return statement.bind_blob(1, row.key).run();
  }
  ASSIGN_OR_RETURN(Statement statement, db_.prepare("INSERT OR REPLACE INTO throttles (key, failures, last_failure, "
                                                    "forgiven_at) VALUES (?, ?, ?, ?)"));
  return statement.bind_blob(1, row.key)
      .bind(2, row.failures)
      .bind(3, row.last_failure.seconds)
      .bind(4, row.forgiven_at.seconds)
      .run();
}

Result<std::int64_t> SqliteStore::prune_throttles(Timestamp now) {
  ASSIGN_OR_RETURN(Statement statement, db_.prepare("DELETE FROM throttles WHERE forgiven_at <= ? RETURNING 1"));
  return statement.bind(1, now.seconds).count_rows();
}

Result<std::optional<IdempotentAnswerRow>> SqliteStore::claim_idempotent_answer(const IdempotentAnswerRow& row) {
  ASSIGN_OR_RETURN(Statement insert,
                   db_.prepare("INSERT INTO idempotent_answers (lookup, request_digest, created_at, status, "
                               "answer_sealed) VALUES (?, ?, ?, 0, X'') ON CONFLICT (lookup) DO NOTHING RETURNING 1"));
  insert.bind_blob(1, row.lookup).bind_blob(2, row.request_digest).bind(3, row.created_at.seconds);
  ASSIGN_OR_RETURN(const bool claimed, insert.step());
  if (claimed) return std::optional<IdempotentAnswerRow>();
  ASSIGN_OR_RETURN(Statement select, db_.prepare("SELECT request_digest, created_at, status, answer_sealed FROM "
                                                 "idempotent_answers WHERE lookup = ?"));
  select.bind_blob(1, row.lookup);
  ASSIGN_OR_RETURN(const bool found, select.step());
  if (!found) return internal_error("an idempotency claim was neither new nor there");
  return std::optional<IdempotentAnswerRow>(IdempotentAnswerRow{row.lookup, select.blob(0), Timestamp{select.int64(1)},
                                                                static_cast<int>(select.int64(2)), select.blob(3)});
}

Status SqliteStore::save_idempotent_answer(std::string_view lookup, int status, std::string_view answer_sealed) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("UPDATE idempotent_answers SET status = ?, answer_sealed = ? WHERE lookup = ?"));
  return statement.bind(1, status).bind_blob(2, answer_sealed).bind_blob(3, lookup).run();
}

Status SqliteStore::forget_idempotent_answer(std::string_view lookup) {
  ASSIGN_OR_RETURN(Statement statement, db_.prepare("DELETE FROM idempotent_answers WHERE lookup = ?"));
  return statement.bind_blob(1, lookup).run();
}

Result<std::int64_t> SqliteStore::prune_idempotent_answers(Timestamp before) {
  ASSIGN_OR_RETURN(Statement statement, db_.prepare("DELETE FROM idempotent_answers WHERE created_at < ? RETURNING 1"));
  return statement.bind(1, before.seconds).count_rows();
}

Status SqliteStore::insert_sign_in_warning(const SignInWarningRow& row) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("INSERT INTO sign_in_warnings (community_id, member_id, raised_at, failures) "
                               "VALUES (?, ?, ?, ?)"));
  return statement.bind(1, row.community_id)
      .bind(2, row.member_id)
      .bind(3, row.raised_at.seconds)
      .bind(4, row.failures)
      .run();
}

Result<std::vector<SignInWarningRow>> SqliteStore::sign_in_warnings(std::int64_t community_id, Timestamp since,
                                                                    std::size_t limit) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("SELECT id, member_id, raised_at, failures FROM sign_in_warnings "
                               "WHERE community_id = ? AND raised_at >= ? ORDER BY raised_at DESC, id DESC LIMIT ?"));
  statement.bind(1, community_id).bind(2, since.seconds).bind(3, static_cast<std::int64_t>(limit));
  std::vector<SignInWarningRow> rows;
  while (true) {
    ASSIGN_OR_RETURN(const bool row, statement.step());
    if (!row) break;
    rows.push_back({statement.int64(0), community_id, statement.int64(1), Timestamp{statement.int64(2)},
                    static_cast<int>(statement.int64(3))});
  }
  return rows;
}

Status SqliteStore::save_certificate(const CertificateRow& row) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("INSERT OR REPLACE INTO certificates (member_id, issuer_sign_public, issued_at, "
                               "signature) VALUES (?, ?, ?, ?)"));
  return statement.bind(1, row.member_id)
      .bind_blob(2, row.issuer_sign_public)
      .bind(3, row.issued_at)
      .bind_blob(4, row.signature)
      .run();
}

Result<CertificateRow> SqliteStore::find_certificate(std::int64_t member_id) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("SELECT member_id, issuer_sign_public, issued_at, signature FROM certificates "
                               "WHERE member_id = ?"));
  statement.bind(1, member_id);
  TRY(expect_row(statement.step(), "the member's keys are not certified"));
  return CertificateRow{statement.int64(0), statement.blob(1), statement.int64(2), statement.blob(3)};
}

Status SqliteStore::save_root_public_key(std::int64_t community_id, std::string_view sign_public) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("INSERT OR REPLACE INTO root_keys (community_id, sign_public) VALUES (?, ?)"));
  return statement.bind(1, community_id).bind_blob(2, sign_public).run();
}

Result<std::string> SqliteStore::find_root_public_key(std::int64_t community_id) {
  ASSIGN_OR_RETURN(Statement statement, db_.prepare("SELECT sign_public FROM root_keys WHERE community_id = ?"));
  statement.bind(1, community_id);
  TRY(expect_row(statement.step(), "the community has no root key"));
  return statement.blob(0);
}

Status SqliteStore::save_root_key_wrap(const RootKeyWrapRow& row) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("INSERT OR REPLACE INTO root_key_wraps (community_id, member_id, root_secret_sealed) "
                               "VALUES (?, ?, ?)"));
  return statement.bind(1, row.community_id).bind(2, row.member_id).bind_blob(3, row.root_secret_sealed).run();
}

Result<RootKeyWrapRow> SqliteStore::find_root_key_wrap(std::int64_t community_id, std::int64_t member_id) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("SELECT community_id, member_id, root_secret_sealed FROM root_key_wraps "
                               "WHERE community_id = ? AND member_id = ?"));
  statement.bind(1, community_id).bind(2, member_id);
  TRY(expect_row(statement.step(), "the member holds no copy of the root key"));
  return RootKeyWrapRow{statement.int64(0), statement.int64(1), statement.blob(2)};
}

}  // namespace conduct::store::sqlite
