// Linked cases in the SQLite store (case_store.h, domain/case_links.h): one row per
// linked case, keyed by it, with an index on the case it is linked into (migration 24).
#include "store/sqlite/sqlite_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace conduct::store::sqlite {

Status SqliteStore::insert_case_link(const domain::CaseLink& link) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("INSERT INTO case_links (case_id, primary_case_id, linked_by, linked_at) "
                               "VALUES (?, ?, ?, ?)"));
  return statement.bind(1, link.linked_case_id)
      .bind(2, link.primary_case_id)
      .bind(3, link.linked_by)
      .bind(4, link.linked_at.seconds)
      .run();
}

Status SqliteStore::delete_case_link(std::int64_t linked_case_id) {
  ASSIGN_OR_RETURN(Statement statement, db_.prepare("DELETE FROM case_links WHERE case_id = ? RETURNING case_id"));
  statement.bind(1, linked_case_id);
  ASSIGN_OR_RETURN(const bool deleted, statement.step());
  if (!deleted) return not_found("the case is not linked into another");
  return statement.run();
}

Result<domain::CaseLinks> SqliteStore::load_case_links(std::int64_t case_id) {
  domain::CaseLinks links;
  {
    ASSIGN_OR_RETURN(Statement primary, db_.prepare("SELECT primary_case_id FROM case_links WHERE case_id = ?"));
    primary.bind(1, case_id);
    ASSIGN_OR_RETURN(const bool found, primary.step());
    if (found) links.primary = primary.int64(0);
  }
  ASSIGN_OR_RETURN(Statement linked, db_.prepare("SELECT case_id FROM case_links WHERE primary_case_id = ? "
                                                 "ORDER BY linked_at, case_id"));
  linked.bind(1, case_id);
  ASSIGN_OR_RETURN(links.linked, collect_rows(linked, [](const Statement& row) { return row.int64(0); }));
  return links;
}

}  // namespace conduct::store::sqlite
