// Who is kept away from which case, and why (docs/domain.md and docs/security.md; reference/
// enforcement-manual.md "Conflicts of Interest", reporting-guide.md "If Your Report
// Concerns a Code of Conduct Working Group Member"). See conflicts.cpp for the rules
// in words.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/time.h"
#include "domain/case.h"
#include "domain/case_edit.h"
#include "domain/enum_names.h"
#include "domain/member.h"

namespace conduct::domain {

// Why a member may not see a case. Any one reason is enough.
enum class ExclusionReason {
  Declared,         // the member declared a conflict of interest
  Party,            // the member's email or handle matches a party to the case
  NamedAsReported,  // the member is named as a reported person
  SharedEmployer,   // the member confirmed the employer they share with a party
  NamedByReporter,  // the reporter said the report concerns this member (the report form)
  LinkedCase,       // excluded from a case linked with this one (case_links.h)
};
NameTable<ExclusionReason> exclusion_reason_names();
std::string_view to_string(ExclusionReason reason);
std::optional<ExclusionReason> parse_exclusion_reason(std::string_view name);

struct Exclusion {
  std::int64_t case_id = 0;
  std::int64_t member_id = 0;
  ExclusionReason reason = ExclusionReason::Declared;
  Timestamp created_at;
  std::string note;  // sealed; the declarer's optional reason, shown to nobody
};

// A possible conflict the system noticed but cannot decide alone (a shared employer):
// the member sees the case's code name only, and confirms or dismisses it.
struct PossibleConflict {
  std::int64_t case_id = 0;
  std::int64_t member_id = 0;
  Timestamp created_at;
};

// A member who joined after a case was opened cleared it of conflicts. Access follows
// only once a member who can see the case approves it: whoever handed out the
// newcomer's enrolment link cannot let themselves in through that account.
struct Screening {
  std::int64_t case_id = 0;
  std::int64_t member_id = 0;
  Timestamp screened_at;
  std::optional<std::int64_t> approved_by;
  std::optional<Timestamp> approved_at;
};

// An adviser invited to one case by a chair.
struct Invitation {
  std::int64_t case_id = 0;
  std::int64_t member_id = 0;
  std::int64_t invited_by = 0;
  Timestamp created_at;
};

// A board member's oversight access to one case: asked for with a reason, approved by
// a chair, and over at `expires_at`.
struct OversightGrant {
  std::int64_t id = 0;
  std::int64_t case_id = 0;
  std::int64_t member_id = 0;
  std::string reason;  // sealed
  Timestamp requested_at;
  int days = 0;
  std::optional<std::int64_t> approved_by;
  std::optional<Timestamp> approved_at;
  bool is_active(Timestamp now) const;
  Timestamp expires_at() const;  // meaningful once approved
};

// Every recorded relation between the members and the cases of one community.
struct AccessFacts {
  std::vector<Exclusion> exclusions;
  std::vector<PossibleConflict> possible_conflicts;
  std::vector<Screening> screenings;
  std::vector<Invitation> invitations;
  std::vector<OversightGrant> grants;
};

// How one member stands towards one case: the input of the access policy.
struct CaseRelation {
  bool concerns_case = false;      // false: the action concerns no particular case
  bool excluded = false;           // any exclusion reason
  bool must_screen = false;        // joined after the case was opened and has not screened it
  bool awaiting_approval = false;  // screened it; a member who sees the case has not approved yet
  bool possible_conflict = false;  // a noticed conflict awaits the member's answer
  bool invited = false;            // an adviser invited to this case
  bool oversight = false;          // a board member with an active oversight grant
  bool routed_to_board = false;    // every active chair is excluded: the board handles it
  bool escrowed = false;           // held in escrow until another report names the same person
};

inline CaseRelation no_case() { return CaseRelation{}; }

// The relation of `member` to `summary`, from the recorded facts. `chairs` are the
// community's members; only active chairs and vice-chairs count for routing.
CaseRelation relation_of(const Member& member, const Case& summary, const AccessFacts& facts,
                         const std::vector<Member>& members, Timestamp now);

// What matching compares: each identifying field of a party or member in its normal
// form, passed through one function of (kind, normal form) that the caller chooses.
// The app passes a keyed hash (crypto/blind_index.h), so the store keeps only hashes
// and matching needs no key to a case; a test may pass the normal form unchanged.
// Kinds are "contact" (emails and handles), "name" and "employer". An empty field
// gives an empty key, and empty keys never match.
using MatchKeyFunction = std::function<std::string(std::string_view kind, std::string_view normal_form)>;

struct PartyMatchKeys {
  PartyRole role = PartyRole::Reporter;
  std::string contact;
  std::string name;
  std::string employer;
};
struct MemberMatchKeys {
  std::int64_t member_id = 0;
  std::vector<std::string> contacts;  // email, then handles
  std::string name;
  std::string employer;
};
PartyMatchKeys match_keys_of(const Party& party, const MatchKeyFunction& key_of);
MemberMatchKeys match_keys_of(const Member& member, const MatchKeyFunction& key_of);

// Conflicts known as soon as parties are recorded: members matched by email or handle
// (a party's contact) or, for reported persons, by name. A member whose employer equals
// a party's employer gets a possible conflict to confirm.
struct IntakeConflicts {
  std::vector<Exclusion> exclusions;
  std::vector<PossibleConflict> possible_conflicts;
};
IntakeConflicts conflicts_at_intake(std::int64_t case_id, const std::vector<PartyMatchKeys>& parties,
                                    const std::vector<MemberMatchKeys>& members, Timestamp now);

// Declaring a conflict: an exclusion for the member and a timeline entry that tells the
// group a member recused (not why). `next_entry_number` numbers the entry.
struct ConflictDeclaration {
  Exclusion exclusion;
  TimelineEntry entry;
};
ConflictDeclaration plan_conflict_declaration(const Case& summary, const Member& member, std::string note,
                                              int next_entry_number, Timestamp now);

// The normal forms matching compares. Contacts: trimmed, lower-case; a handle keeps
// its leading '@'. Names and employers: also with runs of spaces made one.
std::string normalise_contact(std::string_view contact);
std::string normalise_name(std::string_view name);

}  // namespace conduct::domain
