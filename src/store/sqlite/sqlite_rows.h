// Row readers and column lists shared by the SQLite backend's files.
#pragma once

#include <string_view>
#include <vector>

#include "domain/conflicts.h"
#include "store/sqlite/sqlite_db.h"
#include "store/store.h"

namespace conduct::store::sqlite {

// Reads every remaining row of `statement` with `read`.
template <typename Read>
auto collect_rows(Statement& statement, Read read) -> Result<std::vector<decltype(read(statement))>> {
  std::vector<decltype(read(statement))> rows;
  while (true) {
    ASSIGN_OR_RETURN(const bool found, statement.step());
    if (!found) return rows;
    rows.push_back(read(statement));
  }
}

// Inserts the wraps of a record's key (a quarantined message, a meeting's minutes)
// into `table`, whose first column, `owner_column`, names the record `owner_id`.
inline Status insert_key_wraps(Database& db, std::string_view table, std::string_view owner_column,
                               std::int64_t owner_id, const std::vector<KeyWrapRow>& wraps) {
  ASSIGN_OR_RETURN(Statement insert, db.prepare("INSERT INTO " + std::string(table) + " (" + std::string(owner_column) +
                                                ", member_id, recipient_public, wrapped_key) VALUES (?, ?, ?, ?)"));
  for (const KeyWrapRow& each : wraps) {
    insert.reset();
    TRY(insert.bind(1, owner_id)
            .bind(2, each.member_id)
            .bind_blob(3, each.recipient_public)
            .bind_blob(4, each.wrapped_key)
            .run());
  }
  return ok_status();
}

constexpr std::string_view kPersonColumns =
    "p.id, p.community_id, p.code_name, p.created_at, p.flagged, p.banned_until, p.banned_permanently, "
    "(SELECT COUNT(DISTINCT case_id) FROM parties WHERE person_id = p.id AND role = 'reported')";

// The holder column of case_key_wraps: the primary key needs a value that is never
// NULL, so the recovery key is spelt out (migration 5 explains, and checks the two
// columns agree).
inline std::string wrap_holder(const std::optional<std::int64_t>& member_id) {
  return member_id ? "member:" + std::to_string(*member_id) : "recovery";
}

inline PersonRow read_person(const Statement& row) {
  PersonRow person_row;
  domain::Person& person = person_row.person;
  person.id = row.int64(0);
  person.community_id = row.int64(1);
  person.code_name = row.text(2);
  person.created_at = Timestamp{row.int64(3)};
  person.flagged = row.int64(4) != 0;
  if (const auto until = row.optional_int64(5)) person.banned_until = Date{static_cast<std::int32_t>(*until)};
  person.banned_permanently = row.int64(6) != 0;
  person_row.case_count = static_cast<int>(row.int64(7));
  return person_row;
}

constexpr std::string_view kGrantColumns =
    "id, case_id, member_id, requested_at, days, approved_by, approved_at, reason_sealed";

inline domain::OversightGrant read_grant(const Statement& row) {
  domain::OversightGrant grant;
  grant.id = row.int64(0);
  grant.case_id = row.int64(1);
  grant.member_id = row.int64(2);
  grant.requested_at = Timestamp{row.int64(3)};
  grant.days = static_cast<int>(row.int64(4));
  grant.approved_by = row.optional_int64(5);
  if (const auto at = row.optional_int64(6)) grant.approved_at = Timestamp{*at};
  return grant;
}

}  // namespace conduct::store::sqlite
