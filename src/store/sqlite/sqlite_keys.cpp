// The case key wraps and recovery keys of the SQLite store (store/key_rows.h). Every
// byte column is opaque here: nothing in this file opens or seals anything. The key
// state of a case lives in the cases table, next to the case.
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

Result<std::optional<std::string>> SqliteStore::index_key_check() {
  ASSIGN_OR_RETURN(Statement statement, db_.prepare("SELECT check_value FROM index_key_check WHERE id = 1"));
  ASSIGN_OR_RETURN(const bool found, statement.step());
  if (!found) return std::optional<std::string>();
  return std::optional<std::string>(statement.blob(0));
}

Status SqliteStore::save_index_key_check(std::string_view check_value) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("INSERT OR REPLACE INTO index_key_check (id, check_value) VALUES (1, ?)"));
  return statement.bind_blob(1, check_value).run();
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

// The key state of a case lives in the cases table, next to the case.
Result<CaseKeyState> SqliteStore::find_case_key_state(std::int64_t case_id) {
  ASSIGN_OR_RETURN(Statement statement, db_.prepare("SELECT key_version, rotation_due FROM cases WHERE id = ?"));
  statement.bind(1, case_id);
  ASSIGN_OR_RETURN(const bool found, statement.step());
  if (!found) return not_found("no case " + std::to_string(case_id));
  return CaseKeyState{case_id, static_cast<std::uint32_t>(statement.int64(0)), statement.int64(1) != 0};
}

Status SqliteStore::save_case_key_state(const CaseKeyState& state) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("UPDATE cases SET key_version = ?, rotation_due = ? WHERE id = ? RETURNING id"));
  statement.bind(1, static_cast<std::int64_t>(state.current_version))
      .bind(2, state.rotation_due ? 1 : 0)
      .bind(3, state.case_id);
  ASSIGN_OR_RETURN(const bool updated, statement.step());
  if (!updated) return not_found("no case " + std::to_string(state.case_id));
  return statement.run();
}

Result<std::vector<domain::Case>> SqliteStore::cases_without_keys(std::int64_t community_id) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("SELECT " + std::string(case_columns()) +
                               " FROM cases c WHERE community_id = ? AND key_version = 0 ORDER BY opened_at, id"));
  statement.bind(1, community_id);
  return read_cases(statement);
}

}  // namespace conduct::store::sqlite
