// The group's meetings in the SQLite backend (store/meeting_store.h). The list is a page
// of the community's meetings by the (community_id, number) key, each with its attendees
// read by their primary key: its cost does not grow with the number of meetings or cases.
#include <algorithm>

#include "store/sqlite/sqlite_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace conduct::store::sqlite {
namespace {

constexpr std::string_view kMeetingColumns =
    "SELECT m.id, m.community_id, m.number, m.held_on, m.recorded_by, m.recorded_at, "
    "(SELECT group_concat(a.member_id) FROM meeting_attendees a WHERE a.meeting_id = m.id)";

std::vector<std::int64_t> ids_in(const std::optional<std::string>& list) {
  std::vector<std::int64_t> ids;
  if (!list) return ids;
  std::size_t start = 0;
  while (start <= list->size()) {
    const std::size_t comma = std::min(list->find(',', start), list->size());
    if (comma > start) ids.push_back(std::stoll(list->substr(start, comma - start)));
    start = comma + 1;
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

MeetingRow read_meeting(const Statement& row) {
  MeetingRow read;
  read.meeting.id = row.int64(0);
  read.community_id = row.int64(1);
  read.meeting.number = static_cast<int>(row.int64(2));
  read.meeting.held_on = Date{static_cast<std::int32_t>(row.int64(3))};
  read.meeting.recorded_by = row.int64(4);
  read.meeting.recorded_at = Timestamp{row.int64(5)};
  read.meeting.attendees = ids_in(row.optional_text(6));
  return read;
}

}  // namespace

Result<int> SqliteStore::next_meeting_number(std::int64_t community_id) {
  ASSIGN_OR_RETURN(Statement select,
                   db_.prepare("SELECT COALESCE(MAX(number), 0) + 1 FROM meetings WHERE community_id = ?"));
  select.bind(1, community_id);
  ASSIGN_OR_RETURN(const bool found, select.step());
  if (!found) return internal_error("the next meeting number could not be read");
  return static_cast<int>(select.int64(0));
}

Result<std::int64_t> SqliteStore::insert_meeting(const MeetingRow& row, const std::vector<KeyWrapRow>& wraps,
                                                 const std::vector<MeetingEntryRow>& entries) {
  ASSIGN_OR_RETURN(Statement insert,
                   db_.prepare("INSERT INTO meetings (community_id, number, held_on, recorded_by, recorded_at, "
                               "minutes_sealed) VALUES (?, ?, ?, ?, ?, ?) RETURNING id"));
  insert.bind(1, row.community_id)
      .bind(2, row.meeting.number)
      .bind(3, static_cast<std::int64_t>(row.meeting.held_on.days))
      .bind(4, row.meeting.recorded_by)
      .bind(5, row.meeting.recorded_at.seconds);
  if (row.minutes_sealed.empty())
    insert.bind_null(6);
  else
    insert.bind_blob(6, row.minutes_sealed);
  ASSIGN_OR_RETURN(const bool inserted, insert.step());
  if (!inserted) return internal_error("the meeting was not recorded");
  const std::int64_t id = insert.int64(0);
  TRY(insert.run());

  ASSIGN_OR_RETURN(Statement attendee,
                   db_.prepare("INSERT INTO meeting_attendees (meeting_id, member_id) VALUES (?, ?)"));
  for (const std::int64_t member_id : row.meeting.attendees) {
    attendee.reset();
    TRY(attendee.bind(1, id).bind(2, member_id).run());
  }
  TRY(insert_key_wraps(db_, "meeting_key_wraps", "meeting_id", id, wraps));
  ASSIGN_OR_RETURN(Statement entry, db_.prepare("INSERT INTO meeting_entries (meeting_id, case_id, entry_number) "
                                                "VALUES (?, ?, ?)"));
  for (const MeetingEntryRow& each : entries) {
    entry.reset();
    TRY(entry.bind(1, id).bind(2, each.case_id).bind(3, each.entry_number).run());
  }
  return id;
}

Result<std::vector<MeetingRow>> SqliteStore::list_meetings(std::int64_t community_id, std::size_t limit,
                                                           std::size_t offset) {
  ASSIGN_OR_RETURN(Statement select, db_.prepare(std::string(kMeetingColumns) +
                                                 " FROM meetings m WHERE m.community_id = ? ORDER BY m.number DESC "
                                                 "LIMIT ? OFFSET ?"));
  select.bind(1, community_id).bind(2, static_cast<std::int64_t>(limit)).bind(3, static_cast<std::int64_t>(offset));
  return collect_rows(select, read_meeting);
}

Result<std::optional<MeetingRow>> SqliteStore::find_meeting(std::int64_t community_id, int number) {
  ASSIGN_OR_RETURN(Statement select, db_.prepare(std::string(kMeetingColumns) +
                                                 ", m.minutes_sealed FROM meetings m WHERE m.community_id = ? AND "
                                                 "m.number = ?"));
  select.bind(1, community_id).bind(2, number);
  ASSIGN_OR_RETURN(const bool found, select.step());
  if (!found) return std::optional<MeetingRow>();
  MeetingRow row = read_meeting(select);
  row.minutes_sealed = select.blob(7);
  return std::optional<MeetingRow>(std::move(row));
}

Result<std::vector<KeyWrapRow>> SqliteStore::meeting_wraps(std::int64_t meeting_id) {
  ASSIGN_OR_RETURN(Statement select, db_.prepare("SELECT member_id, recipient_public, wrapped_key FROM "
                                                 "meeting_key_wraps WHERE meeting_id = ?"));
  select.bind(1, meeting_id);
  return collect_rows(select, [](const Statement& row) {
    return KeyWrapRow{row.optional_int64(0), row.blob(1), row.blob(2)};
  });
}

Result<std::vector<MeetingEntryRow>> SqliteStore::meeting_entries(std::int64_t meeting_id) {
  ASSIGN_OR_RETURN(Statement select, db_.prepare("SELECT case_id, entry_number FROM meeting_entries WHERE "
                                                 "meeting_id = ? ORDER BY rowid"));
  select.bind(1, meeting_id);
  return collect_rows(select, [](const Statement& row) {
    return MeetingEntryRow{row.int64(0), static_cast<int>(row.int64(1))};
  });
}

}  // namespace conduct::store::sqlite
