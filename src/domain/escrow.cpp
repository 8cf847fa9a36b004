// Escrow, in words:
//
// - Only a report sent on the public form (or POST /api/reports) may be held, and only
//   when it names a reported person by a name or a handle: with no one to match it
//   could never be released (public_report.cpp refuses it on the field "escrow").
// - A held case does not exist for anyone in the group (access.cpp): no list, count,
//   search, screening, access request, notice or audit trail shows it. Its key is
//   wrapped at intake as for any report, so the release needs nobody's key. The
//   reporter is acknowledged at once, in the wording that says it is held, and the
//   portal tells them it is held until it is released.
// - A later report names the same person when one of its reported persons has the same
//   email or handle, or the same name, as a reported person of the held case (compared
//   by blind index, the normal forms of conflicts.h: a name matches a name, a contact a
//   contact), or is linked to the same person record. Parties in other roles release
//   nothing. A name is a weaker sign than a contact (two people may share one), and is
//   taken all the same: the reporter asked to wait for "another report about them",
//   and the group, once it sees both, judges whether they concern the same person.
// - Any report that opens a case, or is added to one, releases the held cases it
//   matches: a member's, a report on the form, by mail, or from a local representative.
//   A report held in escrow itself releases those it matches and is released with
//   them: two held reports naming the same person release each other.
// - Only later reports release. A held report whose person is named only by earlier
//   reports that were not held waits for the next one: were it released at once, the
//   portal would tell any stranger who sends a held report whether someone has ever
//   been reported.
// - A release clears the escrow, records "Released from escrow" on the released case's
//   timeline (by the system, naming nothing of the other report), and the group's
//   notices go out for every case it concerns at once. Nothing is ever held again.
#include "domain/escrow.h"

#include <algorithm>

namespace conduct::domain {
namespace {

template <typename T>
void add_once(std::vector<T>& values, const T& value) {
  if (std::find(values.begin(), values.end(), value) == values.end()) values.push_back(value);
}

}  // namespace

EscrowMatchKeys escrow_match_keys(const std::vector<Party>& parties, const MatchKeyFunction& key_of) {
  EscrowMatchKeys keys;
  for (const Party& party : parties) {
    if (party.role != PartyRole::ReportedPerson) continue;
    const PartyMatchKeys match = match_keys_of(party, key_of);
    if (!match.contact.empty()) add_once(keys.contacts, match.contact);
    if (!match.name.empty()) add_once(keys.names, match.name);
    if (party.person_id) add_once(keys.person_ids, *party.person_id);
  }
  return keys;
}

std::vector<Case> cases_released_by(const Case& written, const std::vector<Case>& matched) {
  std::vector<Case> released;
  for (const Case& held : matched)
    if (held.escrowed && held.id != written.id) released.push_back(held);
  if (written.escrowed && !released.empty()) released.push_back(written);
  return released;
}

Result<EscrowRelease> plan_release_from_escrow(const Case& held, int next_entry_number, Timestamp now) {
  if (!held.escrowed) return failed_precondition("only a case held in escrow is released from it");
  EscrowRelease release;
  release.released = held;
  release.released.escrowed = false;
  release.entry.number = next_entry_number;
  release.entry.kind = EntryKind::Note;
  release.entry.created_at = now;
  release.entry.body = "Released from escrow: another report names the same person.";
  return release;
}

}  // namespace conduct::domain
