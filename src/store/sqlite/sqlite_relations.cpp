// Exclusions, possible conflicts, screenings, invitations and oversight grants in the
// SQLite store (store/access_store.h): the relations access is decided by. Each is
// written in the transaction of the change that makes it, so the indexed queries of
// sqlite_access.cpp are never behind.
#include "store/sealing.h"
#include "store/sqlite/sqlite_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace conduct::store::sqlite {

using domain::Case;

Status SqliteStore::insert_exclusion(const Case& owner, const domain::Exclusion& exclusion) {
  ASSIGN_OR_RETURN(const std::string note,
                   seal_field(sealer_, owner, exclusion_record(exclusion.member_id), "note", exclusion.note));
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("INSERT INTO exclusions (case_id, member_id, reason, created_at, note_sealed) "
                               "VALUES (?, ?, ?, ?, ?)"));
  return statement.bind(1, exclusion.case_id)
      .bind(2, exclusion.member_id)
      .bind(3, domain::to_string(exclusion.reason))
      .bind(4, exclusion.created_at.seconds)
      .bind_blob(5, note)
      .run();
}

Status SqliteStore::insert_possible_conflict(const domain::PossibleConflict& possible) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("INSERT INTO possible_conflicts (case_id, member_id, created_at) VALUES (?, ?, ?)"));
  return statement.bind(1, possible.case_id).bind(2, possible.member_id).bind(3, possible.created_at.seconds).run();
}

Status SqliteStore::delete_possible_conflict(std::int64_t case_id, std::int64_t member_id) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("DELETE FROM possible_conflicts WHERE case_id = ? AND member_id = ?"));
  return statement.bind(1, case_id).bind(2, member_id).run();
}

Status SqliteStore::insert_screening(const domain::Screening& screening) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("INSERT INTO screenings (case_id, member_id, screened_at, approved_by, approved_at) "
                               "VALUES (?, ?, ?, ?, ?)"));
  std::optional<std::int64_t> approved_at;
  if (screening.approved_at) approved_at = screening.approved_at->seconds;
  return statement.bind(1, screening.case_id)
      .bind(2, screening.member_id)
      .bind(3, screening.screened_at.seconds)
      .bind(4, screening.approved_by)
      .bind(5, approved_at)
      .run();
}

Status SqliteStore::approve_screening(std::int64_t case_id, std::int64_t member_id, std::int64_t approved_by,
                                      Timestamp approved_at) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("UPDATE screenings SET approved_by = ?, approved_at = ? WHERE case_id = ? AND "
                               "member_id = ? RETURNING case_id"));
  statement.bind(1, approved_by).bind(2, approved_at.seconds).bind(3, case_id).bind(4, member_id);
  ASSIGN_OR_RETURN(const bool updated, statement.step());
  if (!updated) return not_found("no screening to approve");
  return ok_status();
}

Status SqliteStore::insert_invitation(const domain::Invitation& invitation) {
  ASSIGN_OR_RETURN(
      Statement statement,
      db_.prepare("INSERT INTO invitations (case_id, member_id, invited_by, created_at) VALUES (?, ?, ?, ?)"));
  return statement.bind(1, invitation.case_id)
      .bind(2, invitation.member_id)
      .bind(3, invitation.invited_by)
      .bind(4, invitation.created_at.seconds)
      .run();
}

Status SqliteStore::insert_unmatched_oversight_request(const UnmatchedOversightRequest& request) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("INSERT INTO oversight_requests_unmatched (community_id, member_id, "
                               "code_asked, requested_at, days) VALUES (?, ?, ?, ?, ?)"));
  return statement.bind(1, request.community_id)
      .bind(2, request.member_id)
      .bind(3, request.code_asked)
      .bind(4, request.requested_at.seconds)
      .bind(5, request.days)
      .run();
}

Result<std::vector<UnmatchedOversightRequest>> SqliteStore::unmatched_oversight_requests(std::int64_t community_id,
                                                                                         Timestamp since,
                                                                                         std::size_t limit) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("SELECT id, member_id, code_asked, requested_at, days FROM oversight_requests_unmatched "
                               "WHERE community_id = ? AND requested_at >= ? ORDER BY requested_at DESC, id DESC "
                               "LIMIT ?"));
  statement.bind(1, community_id).bind(2, since.seconds).bind(3, static_cast<std::int64_t>(limit));
  std::vector<UnmatchedOversightRequest> requests;
  while (true) {
    ASSIGN_OR_RETURN(const bool row, statement.step());
    if (!row) return requests;
    requests.push_back({statement.int64(0), community_id, statement.int64(1), statement.text(2),
                        Timestamp{statement.int64(3)}, static_cast<int>(statement.int64(4))});
  }
}

Result<std::int64_t> SqliteStore::insert_oversight_grant(const Case& owner, const domain::OversightGrant& grant) {
  ASSIGN_OR_RETURN(
      const std::string reason,
      seal_field(sealer_, owner, oversight_record(grant.member_id, grant.requested_at), "reason", grant.reason));
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("INSERT INTO oversight_grants (case_id, member_id, reason_sealed, requested_at, days, "
                               "approved_by, approved_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"));
  std::optional<std::int64_t> approved_at;
  if (grant.approved_at) approved_at = grant.approved_at->seconds;
  statement.bind(1, grant.case_id)
      .bind(2, grant.member_id)
      .bind_blob(3, reason)
      .bind(4, grant.requested_at.seconds)
      .bind(5, grant.days)
      .bind(6, grant.approved_by)
      .bind(7, approved_at);
  ASSIGN_OR_RETURN(const bool inserted, statement.step());
  if (!inserted) return internal_error("the oversight grant was not inserted");
  return statement.int64(0);
}

Status SqliteStore::approve_oversight_grant(std::int64_t grant_id, std::int64_t approved_by, Timestamp approved_at) {
  ASSIGN_OR_RETURN(
      Statement statement,
      db_.prepare("UPDATE oversight_grants SET approved_by = ?, approved_at = ? WHERE id = ? RETURNING id"));
  statement.bind(1, approved_by).bind(2, approved_at.seconds).bind(3, grant_id);
  ASSIGN_OR_RETURN(const bool updated, statement.step());
  if (!updated) return not_found("no oversight request " + std::to_string(grant_id));
  return ok_status();
}

Result<std::vector<domain::OversightGrant>> SqliteStore::oversight_grants_of_case(const Case& owner) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("SELECT " + std::string(kGrantColumns) +
                               " FROM oversight_grants WHERE case_id = ? ORDER BY requested_at, id"));
  statement.bind(1, owner.id);
  std::vector<domain::OversightGrant> grants;
  while (true) {
    ASSIGN_OR_RETURN(const bool found, statement.step());
    if (!found) return grants;
    domain::OversightGrant grant = read_grant(statement);
    ASSIGN_OR_RETURN(grant.reason, open_field(sealer_, owner, oversight_record(grant.member_id, grant.requested_at),
                                              "reason", statement.blob(7)));
    grants.push_back(std::move(grant));
  }
}

}  // namespace conduct::store::sqlite
