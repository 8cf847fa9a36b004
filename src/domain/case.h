// The case record (docs/domain.md): a code-named case holding one or more reports, the
// parties involved, where and when it happened, and an append-only timeline. Fields
// marked "sealed" are confidential: the store passes them through the Sealer and they
// never appear in logs or error messages. Everything else is what an anonymised status
// sheet would show (code names, dates, states, flags, categories).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"
#include "domain/enum_names.h"
#include "domain/violation.h"

namespace conduct::domain {

enum class CaseState {
  Received,
  Acknowledged,
  Investigating,
  Deciding,
  AwaitingFeedback,
  Enacting,
  Resolved,
  EscalatedToBoard,
  Reconsideration,
  Reopened,
};
NameTable<CaseState> case_state_names();
std::string_view to_string(CaseState state);
std::optional<CaseState> parse_case_state(std::string_view name);

enum class PartyRole { Reporter, HarmedIndividual, Witness, ReportedPerson };
NameTable<PartyRole> party_role_names();
std::string_view to_string(PartyRole role);
std::optional<PartyRole> parse_party_role(std::string_view name);

// How a report reached the group.
enum class ReportChannel { WebForm, Email, InPerson, LocalRepresentative, GroupMember };
NameTable<ReportChannel> report_channel_names();
std::string_view to_string(ReportChannel channel);
std::optional<ReportChannel> parse_report_channel(std::string_view name);

// Who resolved the case, as the statistics count it (reference/statistics.md: actions
// by the group or board vs. actions by local moderators or organisers).
enum class ResolutionSource { Group, Board, Local };
NameTable<ResolutionSource> resolution_source_names();
std::string_view to_string(ResolutionSource source);
std::optional<ResolutionSource> parse_resolution_source(std::string_view name);

// Duplicate: the case repeats another and was closed into it (case_links.h).
enum class ResolutionOutcome { ActionTaken, NoAction, NotAViolation, OutOfScope, Duplicate };
NameTable<ResolutionOutcome> resolution_outcome_names();
std::string_view to_string(ResolutionOutcome outcome);
std::optional<ResolutionOutcome> parse_resolution_outcome(std::string_view name);

// How soon a case needs the group's attention, from its latest evaluation's risk
// answers (domain/evaluation.h); "normal" until it is evaluated. Plain: the list shows it.
enum class Urgency { Normal, Raised, High };
NameTable<Urgency> urgency_names();
std::string_view to_string(Urgency urgency);
std::optional<Urgency> parse_urgency(std::string_view name);

struct Resolution {
  ResolutionSource source = ResolutionSource::Group;
  ResolutionOutcome outcome = ResolutionOutcome::NoAction;
  // When the case moved to "resolved" (the latest time, after a reconsideration); the
  // retention clock starts here (domain/retention.h). Cases resolved by a release that
  // did not record it read their last update time instead.
  Timestamp resolved_at;
};

// Kinds of timeline entry (docs/domain.md "timeline"). Corrections are entries of any kind
// that name the entry they correct; nothing is ever edited.
enum class EntryKind {
  Report,
  Note,
  Minutes,
  ChatDecision,
  CommunicationIn,
  CommunicationOut,
  Evidence,
  Evaluation,
  ConflictDisclosure,
  Proposal,
  Vote,
  Feedback,
  Action,
  BoardReport,
  Transition,
  Link,  // a case linked into this one, or split out of it (case_links.h)
};
NameTable<EntryKind> entry_kind_names();
std::string_view to_string(EntryKind kind);
std::optional<EntryKind> parse_entry_kind(std::string_view name);
// Kinds a member may write directly as a note (the others come from their own use case).
bool is_note_kind(EntryKind kind);

struct Report {
  std::int64_t id = 0;
  int number = 0;  // 1, 2, … within the case
  Timestamp received_at;
  ReportChannel channel = ReportChannel::WebForm;
  std::optional<std::int64_t> recorded_by;  // member who recorded it, if any
  std::string text;                         // sealed
  // Content notes (plain, like categories): kinds of content a reader is warned of
  // before the text opens, as the reporter marked them (content_note_kinds()).
  std::vector<std::string> content_notes;
};

// The content notes a report may carry, in the order forms list them.
const std::vector<std::string>& content_note_kinds();

struct Party {
  std::int64_t id = 0;
  int number = 0;  // 1, 2, … within the case
  PartyRole role = PartyRole::Reporter;
  std::optional<std::int64_t> person_id;  // reported persons link to a person record
  std::string person_code_name;           // that record's code name, filled when loaded
  std::string name;                       // sealed; empty when unknown
  std::string contact;                    // sealed: email or handle; may be empty
  std::string employer;                   // sealed: where they work, if it matters; may be empty
};

struct TimelineEntry {
  std::int64_t id = 0;
  int number = 0;  // 1, 2, … within the case, in order of writing
  EntryKind kind = EntryKind::Note;
  std::optional<std::int64_t> author_id;  // absent for entries the system writes at intake
  Timestamp created_at;
  std::string body;                     // sealed
  std::optional<int> corrects;          // number of the entry this one corrects
  std::optional<CaseState> from_state;  // transitions only
  std::optional<CaseState> to_state;    // transitions only
};

struct Case {
  std::int64_t id = 0;
  std::int64_t community_id = 0;
  std::string code_name;  // "home shelf"
  CaseState state = CaseState::Received;
  Timestamp opened_at;
  Timestamp updated_at;
  std::optional<Date> occurred_on;
  std::string space_key;  // a space of the community's policy; empty when unknown
  std::string location;   // sealed: free text on where it happened
  bool ongoing = false;
  bool physical_danger = false;
  std::vector<ViolationCategory> categories;
  std::optional<Resolution> resolution;
  // Held in escrow (domain/escrow.h): the reporter asked that nobody in the group see it
  // until another report names the same person. Plain: the policy reads it.
  bool escrowed = false;
  // Linked into another case, where its incident is handled (domain/case_links.h).
  // Plain, read from the link; nothing stores it on the case.
  bool linked = false;
  Urgency urgency = Urgency::Normal;
};

// A case with everything it holds, as a member sees it.
struct CaseRecord {
  Case summary;
  std::vector<Report> reports;
  std::vector<Party> parties;
  std::vector<TimelineEntry> timeline;
};

// An entry numbered `number` of kind `kind`, written by `author` (none: the system) at
// `now`: what every use case that writes one entry starts from.
TimelineEntry new_entry(int number, EntryKind kind, std::optional<std::int64_t> author, Timestamp now,
                        std::string body);

// Whether `number` is the number of a reported person among the case's parties.
bool is_reported_party(const CaseRecord& record, int number);

// A person record (reference/working-group-manual.md "Person Identity Key"): a
// persistent code name for someone who has been reported, so repeat reports are found
// without writing their name in the status sheet.
struct Person {
  std::int64_t id = 0;
  std::int64_t community_id = 0;
  std::string code_name;  // "Blue Jay"
  Timestamp created_at;
  bool flagged = false;
  std::optional<Date> banned_until;  // a permanent ban has no end: see banned_permanently
  bool banned_permanently = false;
};

}  // namespace conduct::domain
