// The case key wraps and recovery keys of the SQLite store (store/key_rows.h). Every
// byte column is opaque here: nothing in this file opens or seals anything. The key
// state of a case lives in the cases table, next to the case (sqlite_store.cpp).
#include <set>

#include "store/sqlite/sqlite_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace conduct::store::sqlite {
namespace {

CaseKeyWrapRow read_wrap(const Statement& row) {
  CaseKeyWrapRow wrap;
  wrap.case_id = row.int64(0);
  wrap.key_version = static_cast<std::uint32_t>(row.int64(1));
  wrap.member_id = row.optional_int64(2);
  wrap.recipient_public = row.blob(3);
  wrap.wrapped_key = row.blob(4);
  wrap.created_at = Timestamp{row.int64(5)};
  return wrap;
}

}  // namespace

Status SqliteStore::save_case_key_wrap(const CaseKeyWrapRow& row) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("INSERT OR REPLACE INTO case_key_wraps (case_id, key_version, holder, member_id, "
                               "recipient_public, wrapped_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"));
  return statement.bind(1, row.case_id)
      .bind(2, static_cast<std::int64_t>(row.key_version))
      .bind(3, wrap_holder(row.member_id))
      .bind(4, row.member_id)
      .bind_blob(5, row.recipient_public)
      .bind_blob(6, row.wrapped_key)
      .bind(7, row.created_at.seconds)
      .run();
}

Result<std::vector<CaseKeyWrapRow>> SqliteStore::case_key_wraps(std::int64_t case_id) {
  // By version, then the recovery key's wrap (no member) before the members' by id.
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("SELECT case_id, key_version, member_id, recipient_public, wrapped_key, created_at "
                               "FROM case_key_wraps WHERE case_id = ? "
                               "ORDER BY key_version, member_id IS NOT NULL, member_id"));
  statement.bind(1, case_id);
  std::vector<CaseKeyWrapRow> wraps;
  while (true) {
    ASSIGN_OR_RETURN(const bool found, statement.step());
    if (!found) return wraps;
    wraps.push_back(read_wrap(statement));
  }
}

Result<std::vector<std::int64_t>> SqliteStore::delete_case_key_wraps(std::optional<std::int64_t> case_id,
                                                                     std::int64_t member_id) {
  // Two statements, so each finds its rows by index: one case's wraps by the case (the +
  // keeps the planner off the member index, which holds every case's), every case's by
  // the member.
  ASSIGN_OR_RETURN(
      Statement statement,
      db_.prepare(case_id ? "DELETE FROM case_key_wraps WHERE case_id = ?2 AND +member_id = ?1 RETURNING case_id"
                          : "DELETE FROM case_key_wraps WHERE member_id = ?1 RETURNING case_id"));
  statement.bind(1, member_id);
  if (case_id) statement.bind(2, *case_id);
  // One row comes back per deleted wrap, in no promised order: a case whose member
  // held several versions is named once.
  std::set<std::int64_t> cases;
  while (true) {
    ASSIGN_OR_RETURN(const bool found, statement.step());
    if (!found) break;
    cases.insert(statement.int64(0));
  }
  return std::vector<std::int64_t>(cases.begin(), cases.end());
}

Status SqliteStore::save_recovery_key(const RecoveryKeyRow& row) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("INSERT OR REPLACE INTO recovery_keys (community_id, box_public, signature, created_at) "
                               "VALUES (?, ?, ?, ?)"));
  return statement.bind(1, row.community_id)
      .bind_blob(2, row.box_public)
      .bind_blob(3, row.signature)
      .bind(4, row.created_at.seconds)
      .run();
}

Result<RecoveryKeyRow> SqliteStore::find_recovery_key(std::int64_t community_id) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("SELECT community_id, box_public, signature, created_at FROM recovery_keys "
                               "WHERE community_id = ?"));
  statement.bind(1, community_id);
  ASSIGN_OR_RETURN(const bool found, statement.step());
  if (!found) return not_found("the community has no recovery key");
  return RecoveryKeyRow{statement.int64(0), statement.blob(1), statement.blob(2), Timestamp{statement.int64(3)}};
}

}  // namespace conduct::store::sqlite
