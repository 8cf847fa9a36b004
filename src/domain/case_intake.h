// Opening a case from its first report, and adding notes to a case's timeline.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "domain/case_edit.h"
#include "domain/community.h"
#include "domain/member.h"

namespace conduct::domain {

// One person involved, as typed. Every field may be empty except the role: a party may
// be unknown. `person` names an existing person record ("Blue Jay") for a reported
// person who has been reported before.
struct PartyInput {
  std::string role;
  std::string name;
  std::string contact;
  std::string person;
  std::string employer;
};

// A report as received: its text, how it arrived, and the people it names.
struct ReportInput {
  std::string report_text;
  std::string channel = "group-member";
  std::vector<PartyInput> parties;
  std::vector<std::string> content_notes;  // kinds of content_note_kinds()
};

struct NewCaseCommand {
  ReportInput report;
  std::string occurred_on;  // YYYY-MM-DD, or empty when unknown
  std::string space;        // a space key from the policy, or empty
  std::string location;     // free text: where it happened
  bool ongoing = false;
  bool physical_danger = false;
  std::vector<std::string> categories;
};

// Finds a person record by its normalised code name ("Blue Jay").
using PersonLookup = std::function<std::optional<std::int64_t>(const std::string& code_name)>;

// Validates every field (all problems reported at once, by field name) and returns the
// case to store under `code_name`, with its first report as timeline entry 1.
// Reported persons that name an existing person record are linked to it; the others
// are marked for a new record.
Result<NewCasePlan> plan_new_case(const NewCaseCommand& command, const Community& community, const Member& actor,
                                  const std::string& code_name, const PersonLookup& find_person, Timestamp now);
// The same for a report nobody of the group recorded (the public form, mail): the
// report and its entry have no author.
Result<NewCasePlan> plan_new_case(const NewCaseCommand& command, const Community& community,
                                  std::optional<std::int64_t> recorded_by, const std::string& code_name,
                                  const PersonLookup& find_person, Timestamp now);

// A further report on an existing case: several people may report the same incident.
struct AdditionalReportPlan {
  Report report;
  std::vector<PlannedParty> parties;  // numbered after the case's existing parties
  TimelineEntry entry;                // the report's timeline entry, numbered next
};

// Validates the report like plan_new_case does and numbers it, its parties and its
// entry after what `current` already holds. Allowed in every state: a report on a
// resolved case is recorded, and the group decides whether to reopen it.
Result<AdditionalReportPlan> plan_additional_report(const CaseRecord& current, const ReportInput& input,
                                                    const Member& actor, const PersonLookup& find_person,
                                                    Timestamp now);

struct NoteCommand {
  std::string kind = "note";  // note, minutes, chat-decision, communication-in, communication-out
  std::string text;
  std::optional<int> corrects;  // the number of an earlier entry this one corrects
};

// A note appended as entry `next_entry_number`. A correction must name an existing
// entry of the case; nothing is edited in place.
Result<CaseEdit> plan_note(const Case& current, int next_entry_number, const NoteCommand& command, const Member& actor,
                           Timestamp now);

// A change of the case's flags: whether it is still going on and whether someone may be
// in physical danger (absent: unchanged), with the reason, required. The change is an
// entry of kind note saying what changed and why. Errors: InvalidArgument naming
// "reason", or "ongoing" when nothing would change; FailedPrecondition for a case held
// in escrow.
struct FlagsCommand {
  std::optional<bool> ongoing;
  std::optional<bool> physical_danger;
  std::string reason;
};
Result<CaseEdit> plan_flags_change(const Case& current, int next_entry_number, const FlagsCommand& command,
                                   const Member& actor, Timestamp now);

}  // namespace conduct::domain
