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
};

struct NewCaseCommand {
  std::string report_text;
  std::string channel = "group-member";
  std::string occurred_on;  // YYYY-MM-DD, or empty when unknown
  std::string space;        // a space key from the policy, or empty
  std::string location;     // free text: where it happened
  bool ongoing = false;
  bool physical_danger = false;
  std::vector<std::string> categories;
  std::vector<PartyInput> parties;
};

// Finds a person record by its normalised code name ("Blue Jay").
using PersonLookup = std::function<std::optional<std::int64_t>(const std::string& code_name)>;

// Validates every field (all problems reported at once, by field name) and returns the
// case to store under `code_name`, with its first report as timeline entry 1.
// Reported persons that name an existing person record are linked to it; the others
// are marked for a new record.
Result<NewCasePlan> plan_new_case(const NewCaseCommand& command, const Community& community,
                                  const Member& actor, const std::string& code_name,
                                  const PersonLookup& find_person, Timestamp now);

struct NoteCommand {
  std::string kind = "note";  // note, minutes, chat-decision, communication-in, communication-out
  std::string text;
  std::optional<int> corrects;  // the number of an earlier entry this one corrects
};

// A note appended as entry `next_entry_number`. A correction must name an existing
// entry of the case; nothing is edited in place.
Result<CaseEdit> plan_note(const Case& current, int next_entry_number, const NoteCommand& command,
                           const Member& actor, Timestamp now);

}  // namespace conduct::domain
