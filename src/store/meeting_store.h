// The group's meetings (part of the Store interface, store/store.h; domain/meeting.h):
// their plain columns and attendees, the general minutes sealed under a key of the
// meeting's own (sealed and opened by the app, like a quarantined message: the Sealer
// seals only what belongs to a case) with that key's wraps, and the timeline entries
// the meeting wrote on the cases it discussed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "domain/meeting.h"
#include "store/key_rows.h"

namespace conduct::store {

struct MeetingRow {
  std::int64_t community_id = 0;
  domain::Meeting meeting;
  std::string minutes_sealed;  // empty: no general minutes
};

// An entry a meeting wrote: entry `entry_number` of case `case_id`.
struct MeetingEntryRow {
  std::int64_t case_id = 0;
  int entry_number = 0;
};

class MeetingStore {
 public:
  virtual ~MeetingStore() = default;

  // The number the community's next meeting takes (the first is 1).
  virtual Result<int> next_meeting_number(std::int64_t community_id) = 0;
  // Inserts the meeting with its attendees, wraps and entries; returns its id.
  // AlreadyExists when the number is taken.
  virtual Result<std::int64_t> insert_meeting(const MeetingRow& row, const std::vector<KeyWrapRow>& wraps,
                                              const std::vector<MeetingEntryRow>& entries) = 0;
  // A page of the community's meetings, newest first, without their sealed minutes.
  virtual Result<std::vector<MeetingRow>> list_meetings(std::int64_t community_id, std::size_t limit,
                                                        std::size_t offset) = 0;
  // Meeting `number` of the community with its sealed minutes; nullopt when there is none.
  virtual Result<std::optional<MeetingRow>> find_meeting(std::int64_t community_id, int number) = 0;
  virtual Result<std::vector<KeyWrapRow>> meeting_wraps(std::int64_t meeting_id) = 0;
  // The entries the meeting wrote that still exist (an expunged case takes its own
  // along), by case and entry number.
  virtual Result<std::vector<MeetingEntryRow>> meeting_entries(std::int64_t meeting_id) = 0;
};

}  // namespace conduct::store
