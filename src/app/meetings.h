// The group's meetings (domain/meeting.h): recorded once held, listed, and read. A
// meeting's general minutes are sealed under a key of its own, wrapped for the group's
// members of the day (chairs, vice-chairs, members, with certified keys) and the
// recovery key; what it says about a case is that case's timeline entries, sealed
// under the case's key and shown only to a member who may read that case.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/context.h"
#include "core/result.h"
#include "domain/meeting.h"

namespace conduct::app {

struct MeetingAttendee {
  std::int64_t member_id = 0;
  std::string name;
};

// A meeting as the list shows it: plain columns only.
struct MeetingSummary {
  domain::Meeting meeting;
  std::string recorded_by_name;
  std::vector<MeetingAttendee> attendees;
};

// What a meeting wrote on one case: entry `entry_number`, its kind and text.
struct MeetingCaseEntry {
  std::string case_code;
  int entry_number = 0;
  domain::EntryKind kind = domain::EntryKind::Minutes;
  std::string text;
};

struct MeetingView {
  MeetingSummary summary;
  bool has_minutes = false;
  // The general minutes, when the actor's keys open them; absent when there are none,
  // or when they were sealed before the actor was a member of the group.
  std::optional<std::string> minutes;
  // The entries on cases the actor may read, by case; nothing of the others, not even
  // that they were discussed.
  std::vector<MeetingCaseEntry> entries;
};

// Records a meeting as the community's next: the general minutes sealed, and on each
// case discussed (the actor must be able to write it) an entry of kind minutes, or
// chat-decision, in one transaction. Errors: PermissionDenied for anyone outside the
// working group; InvalidArgument naming each field at fault, a case the actor may not
// write being refused by its field as if it did not exist ("cases[2].case").
Result<MeetingView> record_meeting(Context& context, const Actor& actor, const domain::MeetingCommand& command);

// A page of the community's meetings, newest first (at most 200 a page).
Result<std::vector<MeetingSummary>> list_meetings(Context& context, const Actor& actor, std::size_t limit,
                                                  std::size_t offset);

// Meeting `number`, opened as far as the actor may: audited as a read of the meeting
// and of each case whose entries it shows. Errors: NotFound for a number the community
// has no meeting under.
Result<MeetingView> show_meeting(Context& context, const Actor& actor, int number);

}  // namespace conduct::app
