// The group's own matters in the SQLite backend (store/group_matter_store.h). The list is
// a page by the (community_id, number) key; a matter's wraps, ballots and recusals are
// read by their primary keys.
#include "store/sqlite/sqlite_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace conduct::store::sqlite {
namespace {

constexpr std::string_view kMatterColumns =
    "SELECT id, community_id, number, kind, status, proposed_by, opened_at, closes_at, closed_at, outcome, "
    "arithmetic FROM group_matters";

Result<GroupMatterRow> read_matter(const Statement& row) {
  GroupMatterRow read;
  domain::GroupMatter& matter = read.matter;
  matter.id = row.int64(0);
  read.community_id = row.int64(1);
  matter.number = static_cast<int>(row.int64(2));
  const auto kind = domain::parse_matter_kind(row.text(3));
  const auto status = domain::parse_matter_status(row.text(4));
  if (!kind || !status) return internal_error("a stored matter has an unknown kind or status");
  matter.kind = *kind;
  matter.status = *status;
  matter.proposed_by = row.int64(5);
  matter.opened_at = Timestamp{row.int64(6)};
  matter.closes_at = Timestamp{row.int64(7)};
  if (const auto closed = row.optional_int64(8)) matter.closed_at = Timestamp{*closed};
  if (const auto outcome = row.optional_text(9)) matter.outcome = domain::parse_vote_outcome(*outcome);
  matter.arithmetic = row.optional_text(10).value_or("");
  return read;
}

}  // namespace

Result<int> SqliteStore::next_matter_number(std::int64_t community_id) {
  ASSIGN_OR_RETURN(Statement select,
                   db_.prepare("SELECT COALESCE(MAX(number), 0) + 1 FROM group_matters WHERE community_id = ?"));
  select.bind(1, community_id);
  ASSIGN_OR_RETURN(const bool found, select.step());
  if (!found) return internal_error("the next matter number could not be read");
  return static_cast<int>(select.int64(0));
}

Result<std::int64_t> SqliteStore::insert_matter(const GroupMatterRow& row, const std::vector<KeyWrapRow>& wraps) {
  const domain::GroupMatter& matter = row.matter;
  ASSIGN_OR_RETURN(Statement insert,
                   db_.prepare("INSERT INTO group_matters (community_id, number, kind, status, proposed_by, opened_at, "
                               "closes_at, text_sealed) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
  insert.bind(1, row.community_id)
      .bind(2, matter.number)
      .bind(3, domain::to_string(matter.kind))
      .bind(4, domain::to_string(matter.status))
      .bind(5, matter.proposed_by)
      .bind(6, matter.opened_at.seconds)
      .bind(7, matter.closes_at.seconds)
      .bind_blob(8, row.text_sealed);
  ASSIGN_OR_RETURN(const bool inserted, insert.step());
  if (!inserted) return internal_error("the matter was not recorded");
  const std::int64_t id = insert.int64(0);
  TRY(insert.run());
  TRY(insert_key_wraps(db_, "group_matter_wraps", "matter_id", id, wraps));
  return id;
}

Result<std::vector<GroupMatterRow>> SqliteStore::list_matters(std::int64_t community_id, std::size_t limit,
                                                              std::size_t offset) {
  ASSIGN_OR_RETURN(Statement select, db_.prepare(std::string(kMatterColumns) +
                                                 " WHERE community_id = ? ORDER BY number DESC LIMIT ? OFFSET ?"));
  select.bind(1, community_id).bind(2, static_cast<std::int64_t>(limit)).bind(3, static_cast<std::int64_t>(offset));
  std::vector<GroupMatterRow> rows;
  while (true) {
    ASSIGN_OR_RETURN(const bool found, select.step());
    if (!found) return rows;
    ASSIGN_OR_RETURN(GroupMatterRow row, read_matter(select));
    rows.push_back(std::move(row));
  }
}

Result<std::optional<GroupMatterRow>> SqliteStore::find_matter(std::int64_t community_id, int number) {
  ASSIGN_OR_RETURN(Statement select,
                   db_.prepare("SELECT id, community_id, number, kind, status, proposed_by, opened_at, closes_at, "
                               "closed_at, outcome, arithmetic, text_sealed FROM group_matters WHERE community_id = ? "
                               "AND number = ?"));
  select.bind(1, community_id).bind(2, number);
  ASSIGN_OR_RETURN(const bool found, select.step());
  if (!found) return std::optional<GroupMatterRow>();
  ASSIGN_OR_RETURN(GroupMatterRow row, read_matter(select));
  row.text_sealed = select.blob(11);
  return std::optional<GroupMatterRow>(std::move(row));
}

Result<std::vector<KeyWrapRow>> SqliteStore::matter_wraps(std::int64_t matter_id) {
  ASSIGN_OR_RETURN(Statement select, db_.prepare("SELECT member_id, recipient_public, wrapped_key FROM "
                                                 "group_matter_wraps WHERE matter_id = ?"));
  select.bind(1, matter_id);
  return collect_rows(select, [](const Statement& row) {
    return KeyWrapRow{row.optional_int64(0), row.blob(1), row.blob(2)};
  });
}

Status SqliteStore::put_matter_ballot(std::int64_t matter_id, const MatterBallotRow& ballot) {
  ASSIGN_OR_RETURN(Statement upsert,
                   db_.prepare("INSERT INTO group_matter_ballots (matter_id, member_id, cast_at, ballot_sealed) VALUES "
                               "(?, ?, ?, ?) ON CONFLICT (matter_id, member_id) DO UPDATE SET cast_at = "
                               "excluded.cast_at, ballot_sealed = excluded.ballot_sealed"));
  return upsert.bind(1, matter_id)
      .bind(2, ballot.member_id)
      .bind(3, ballot.cast_at.seconds)
      .bind_blob(4, ballot.ballot_sealed)
      .run();
}

Result<std::vector<MatterBallotRow>> SqliteStore::matter_ballots(std::int64_t matter_id) {
  ASSIGN_OR_RETURN(Statement select, db_.prepare("SELECT member_id, cast_at, ballot_sealed FROM "
                                                 "group_matter_ballots WHERE matter_id = ?"));
  select.bind(1, matter_id);
  return collect_rows(select, [](const Statement& row) {
    return MatterBallotRow{row.int64(0), Timestamp{row.int64(1)}, row.blob(2)};
  });
}

Status SqliteStore::insert_matter_recusal(std::int64_t matter_id, std::int64_t member_id, Timestamp at) {
  ASSIGN_OR_RETURN(Statement insert, db_.prepare("INSERT INTO group_matter_recusals (matter_id, member_id, "
                                                 "recused_at) VALUES (?, ?, ?)"));
  return insert.bind(1, matter_id).bind(2, member_id).bind(3, at.seconds).run();
}

Result<std::vector<std::int64_t>> SqliteStore::matter_recusals(std::int64_t matter_id) {
  ASSIGN_OR_RETURN(Statement select, db_.prepare("SELECT member_id FROM group_matter_recusals WHERE matter_id = ?"));
  select.bind(1, matter_id);
  return collect_rows(select, [](const Statement& row) { return row.int64(0); });
}

Status SqliteStore::close_matter(std::int64_t matter_id, domain::MatterStatus status, const domain::VoteCount& count,
                                 Timestamp closed_at) {
  ASSIGN_OR_RETURN(Statement update,
                   db_.prepare("UPDATE group_matters SET status = ?, outcome = ?, arithmetic = ?, closed_at = ? "
                               "WHERE id = ? AND closed_at IS NULL RETURNING 1"));
  update.bind(1, domain::to_string(status))
      .bind(2, domain::to_string(count.outcome))
      .bind(3, count.arithmetic)
      .bind(4, closed_at.seconds)
      .bind(5, matter_id);
  ASSIGN_OR_RETURN(const std::int64_t changed, update.count_rows());
  if (changed == 0) return failed_precondition("the matter's vote has closed already");
  return ok_status();
}

}  // namespace conduct::store::sqlite
