// Conflicts of interest and who is kept away from a case.
//
//   - A member who declares a conflict on a case is excluded from it at once; the
//     reason they give is sealed and shown to nobody. The timeline records that a
//     member recused, as the manual asks for a written disclosure to the group.
//   - Known at intake, without anyone deciding: a member whose email or handle is a
//     party's contact is excluded (reason "party"); a member named as a reported
//     person, by contact or by name, is excluded (reason "named-as-reported").
//   - A member who works for the same employer as a party is not excluded outright:
//     the system notices it and asks the member to confirm (exclusion "shared-
//     employer") or dismiss it. Until then the member sees the code name only.
//   - A member who joined after a case was opened sees its code name only, until they
//     have screened it (cleared it, or declared a conflict) and a member who can see
//     the case has approved their access.
//   - When every active chair and vice-chair is excluded, the case concerns all chairs
//     and goes to the board: board members may handle it.
//   - Advisers see the cases a chair invited them to; board members see a case while an
//     approved oversight grant lasts.
#include "domain/conflicts.h"

#include <array>
#include <set>

#include "core/text.h"

namespace conduct::domain {
namespace {

constexpr std::array<std::pair<ExclusionReason, std::string_view>, 6> kReasons{{
    {ExclusionReason::Declared, "declared"},
    {ExclusionReason::Party, "party"},
    {ExclusionReason::NamedAsReported, "named-as-reported"},
    {ExclusionReason::SharedEmployer, "shared-employer"},
    {ExclusionReason::NamedByReporter, "named-by-reporter"},
    {ExclusionReason::LinkedCase, "linked-case"},
}};

}  // namespace

NameTable<ExclusionReason> exclusion_reason_names() { return kReasons; }
std::string_view to_string(ExclusionReason reason) { return name_in<ExclusionReason>(kReasons, reason); }
std::optional<ExclusionReason> parse_exclusion_reason(std::string_view name) {
  return parse_in<ExclusionReason>(kReasons, name);
}

Timestamp OversightGrant::expires_at() const {
  const Timestamp start = approved_at.value_or(requested_at);
  return Timestamp{start.seconds + static_cast<std::int64_t>(days) * kSecondsPerDay};
}

bool OversightGrant::is_active(Timestamp now) const { return approved_by.has_value() && now < expires_at(); }

std::string normalise_contact(std::string_view contact) { return to_lower_ascii(trim(contact)); }

std::string normalise_name(std::string_view name) {
  std::string normal;
  for (char c : to_lower_ascii(trim(name))) {
    if (c == ' ' && (normal.empty() || normal.back() == ' ')) continue;
    normal += c;
  }
  return normal;
}

namespace {

std::string key_or_empty(const MatchKeyFunction& key_of, std::string_view kind, const std::string& normal) {
  return normal.empty() ? std::string() : key_of(kind, normal);
}

bool same(const std::string& a, const std::string& b) { return !a.empty() && a == b; }

}  // namespace

PartyMatchKeys match_keys_of(const Party& party, const MatchKeyFunction& key_of) {
  return PartyMatchKeys{party.role, key_or_empty(key_of, "contact", normalise_contact(party.contact)),
                        key_or_empty(key_of, "name", normalise_name(party.name)),
                        key_or_empty(key_of, "employer", normalise_name(party.employer))};
}

MemberMatchKeys match_keys_of(const Member& member, const MatchKeyFunction& key_of) {
  MemberMatchKeys keys{member.id,
                       {},
                       key_or_empty(key_of, "name", normalise_name(member.display_name)),
                       key_or_empty(key_of, "employer", normalise_name(member.employer))};
  keys.contacts.push_back(key_or_empty(key_of, "contact", normalise_contact(member.email)));
  for (const std::string& handle : member.handles)
    keys.contacts.push_back(key_or_empty(key_of, "contact", normalise_contact(handle)));
  return keys;
}

CaseRelation relation_of(const Member& member, const Case& summary, const AccessFacts& facts,
                         const std::vector<Member>& members, Timestamp now) {
  CaseRelation relation;
  relation.concerns_case = true;
  relation.escrowed = summary.escrowed;
  std::set<std::int64_t> excluded_members;
  for (const Exclusion& exclusion : facts.exclusions)
    if (exclusion.case_id == summary.id) excluded_members.insert(exclusion.member_id);
  relation.excluded = excluded_members.count(member.id) > 0;

  for (const PossibleConflict& possible : facts.possible_conflicts)
    if (possible.case_id == summary.id && possible.member_id == member.id) relation.possible_conflict = true;

  if (member.joined_at > summary.opened_at) {
    relation.must_screen = true;
    for (const Screening& screening : facts.screenings) {
      if (screening.case_id != summary.id || screening.member_id != member.id) continue;
      relation.must_screen = false;
      relation.awaiting_approval = !screening.approved_by.has_value();
    }
  }
  for (const Invitation& invitation : facts.invitations)
    if (invitation.case_id == summary.id && invitation.member_id == member.id) relation.invited = true;
  for (const OversightGrant& grant : facts.grants)
    if (grant.case_id == summary.id && grant.member_id == member.id && grant.is_active(now)) relation.oversight = true;

  const Date today = date_of(now);
  int active_chairs = 0, excluded_chairs = 0;
  for (const Member& other : members) {
    if (!is_chair_role(other.role) || !is_active_on(other, today)) continue;
    ++active_chairs;
    if (excluded_members.count(other.id)) ++excluded_chairs;
  }
  relation.routed_to_board = active_chairs > 0 && excluded_chairs == active_chairs;
  return relation;
}

IntakeConflicts conflicts_at_intake(std::int64_t case_id, const std::vector<PartyMatchKeys>& parties,
                                    const std::vector<MemberMatchKeys>& members, Timestamp now) {
  IntakeConflicts found;
  for (const MemberMatchKeys& member : members) {
    std::optional<ExclusionReason> reason;
    bool shared_employer = false;
    for (const PartyMatchKeys& party : parties) {
      bool named = party.role == PartyRole::ReportedPerson && same(party.name, member.name);
      for (const std::string& contact : member.contacts) named = named || same(party.contact, contact);
      if (named && party.role == PartyRole::ReportedPerson)
        reason = ExclusionReason::NamedAsReported;
      else if (named && !reason)
        reason = ExclusionReason::Party;
      if (same(party.employer, member.employer)) shared_employer = true;
    }
    if (reason)
      found.exclusions.push_back(Exclusion{case_id, member.member_id, *reason, now, ""});
    else if (shared_employer)
      found.possible_conflicts.push_back(PossibleConflict{case_id, member.member_id, now});
  }
  return found;
}

ConflictDeclaration plan_conflict_declaration(const Case& summary, const Member& member, std::string note,
                                              int next_entry_number, Timestamp now) {
  ConflictDeclaration declaration;
  declaration.exclusion = Exclusion{summary.id, member.id, ExclusionReason::Declared, now, trim(note)};
  declaration.entry.number = next_entry_number;
  declaration.entry.kind = EntryKind::ConflictDisclosure;
  declaration.entry.author_id = member.id;
  declaration.entry.created_at = now;
  // The kind says it all. The body stays empty, so a member who holds no key to the
  // case yet (a newcomer screening it) can write this entry too.
  declaration.entry.body.clear();
  return declaration;
}

}  // namespace conduct::domain
