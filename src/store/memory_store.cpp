#include "store/memory_store.h"

#include <algorithm>

#include "store/memory_rows.h"
#include "store/sealing.h"

namespace conduct::store {
namespace {

using domain::Case;
using memory::find_row;
using memory::has_row;
using memory::next_id;

// The same messages as the SQLite store, so tests see one behaviour.
Error key_taken() { return already_exists("database write failed: a record with that key already exists"); }
Error missing_reference() { return internal_error("database write failed: a referenced record does not exist"); }

// The rows of one case, ordered by their number within the case.
template <typename Row, typename Member>
std::vector<Row> rows_of_case(const std::vector<Row>& table, std::int64_t case_id, Member Row::*member) {
  std::vector<Row> rows;
  std::copy_if(table.begin(), table.end(), std::back_inserter(rows),
               [&](const Row& row) { return row.case_id == case_id; });
  std::sort(rows.begin(), rows.end(),
            [&](const Row& a, const Row& b) { return (a.*member).number < (b.*member).number; });
  return rows;
}

}  // namespace

Status MemoryStore::in_transaction(const std::function<Status()>& work) {
  if (in_transaction_) return internal_error("transactions do not nest");
  Tables snapshot = tables_;
  in_transaction_ = true;
  Status result;
  try {
    result = work();
  } catch (...) {
    in_transaction_ = false;
    tables_ = std::move(snapshot);
    handled_.reset();
    throw;
  }
  in_transaction_ = false;
  if (!result.ok()) {
    tables_ = std::move(snapshot);
    handled_.reset();
  }
  return result;
}

Result<std::int64_t> MemoryStore::insert_community(const CommunityRow& row) {
  for (const CommunityRow& existing : tables_.communities)
    if (existing.community.slug == row.community.slug) return key_taken();
  CommunityRow stored = row;
  stored.community.id = next_id(tables_.communities);
  stored.community.policy = {};  // kept as policy_source only, as in every backend
  tables_.communities.push_back(std::move(stored));
  return tables_.communities.back().community.id;
}

Result<CommunityRow> MemoryStore::find_community(std::string_view slug) {
  for (const CommunityRow& row : tables_.communities)
    if (row.community.slug == slug) return row;
  return not_found("no community '" + std::string(slug) + "'");
}

Result<std::vector<CommunityRow>> MemoryStore::list_communities() { return tables_.communities; }

Result<std::int64_t> MemoryStore::insert_member(const domain::Member& member) {
  if (!has_row(tables_.communities, member.community_id)) return missing_reference();
  for (const domain::Member& existing : tables_.members)
    if (existing.community_id == member.community_id && existing.email == member.email)
      return already_exists("a member with the email " + member.email + " already exists");
  domain::Member stored = member;
  stored.id = next_id(tables_.members);
  tables_.members.push_back(std::move(stored));
  return tables_.members.back().id;
}

Result<domain::Member> MemoryStore::find_member(std::int64_t community_id, std::string_view email) {
  for (const domain::Member& member : tables_.members)
    if (member.community_id == community_id && member.email == email) return member;
  return not_found("no member with the email " + std::string(email));
}

Result<domain::Member> MemoryStore::find_member_by_id(std::int64_t member_id) {
  for (const domain::Member& member : tables_.members)
    if (member.id == member_id) return member;
  return not_found("no member " + std::to_string(member_id));
}

Result<std::vector<domain::Member>> MemoryStore::list_members(std::int64_t community_id) {
  std::vector<domain::Member> members;
  for (const domain::Member& member : tables_.members)
    if (member.community_id == community_id) members.push_back(member);
  return members;
}

Result<bool> MemoryStore::case_code_name_taken(std::int64_t community_id, std::string_view code_name) {
  return std::any_of(tables_.cases.begin(), tables_.cases.end(), [&](const Case& stored) {
    return stored.community_id == community_id && stored.code_name == code_name;
  });
}

Result<std::int64_t> MemoryStore::insert_case(const Case& summary) {
  ASSIGN_OR_RETURN(std::string location, seal_field(sealer_, summary, "case", "location", summary.location));
  if (!has_row(tables_.communities, summary.community_id)) return missing_reference();
  ASSIGN_OR_RETURN(const bool taken, case_code_name_taken(summary.community_id, summary.code_name));
  const std::set<domain::ViolationCategory> distinct(summary.categories.begin(), summary.categories.end());
  if (taken || distinct.size() != summary.categories.size()) return key_taken();
  Case stored = summary;
  stored.id = next_id(tables_.cases);
  stored.location = std::move(location);
  tables_.cases.push_back(std::move(stored));
  const std::int64_t case_id = tables_.cases.back().id;
  tables_.case_key_states[case_id] = CaseKeyState{case_id, 1, false};  // a new case is sealed from the start
  return case_id;
}

Status MemoryStore::insert_report(const Case& owner, const domain::Report& report, int entry_number) {
  if (!has_row(tables_.cases, owner.id) || !has_row(tables_.members, report.recorded_by)) return missing_reference();
  for (const ReportRow& row : tables_.reports)
    if (row.case_id == owner.id && row.report.number == report.number) return key_taken();
  ReportRow row{owner.id, report, entry_number};
  row.report.id = next_id(tables_.reports, [](const ReportRow& stored) { return stored.report.id; });
  row.report.text.clear();
  tables_.reports.push_back(std::move(row));
  return ok_status();
}

Status MemoryStore::insert_party(const Case& owner, const domain::Party& party, const PartyIndexes& indexes) {
  const std::string record = party_record(party.number);
  ASSIGN_OR_RETURN(std::string name, seal_field(sealer_, owner, record, "name", party.name));
  ASSIGN_OR_RETURN(std::string contact, seal_field(sealer_, owner, record, "contact", party.contact));
  ASSIGN_OR_RETURN(std::string employer, seal_field(sealer_, owner, record, "employer", party.employer));
  if (!has_row(tables_.cases, owner.id) || !has_row(tables_.persons, party.person_id)) return missing_reference();
  for (const PartyRow& row : tables_.parties)
    if (row.case_id == owner.id && row.party.number == party.number) return key_taken();
  PartyRow row{owner.id, party, indexes};
  row.party.id = next_id(tables_.parties, [](const PartyRow& stored) { return stored.party.id; });
  row.party.name = std::move(name);
  row.party.contact = std::move(contact);
  row.party.employer = std::move(employer);
  row.party.person_code_name.clear();
  tables_.parties.push_back(std::move(row));
  return ok_status();
}

Status MemoryStore::append_entry(const Case& owner, const domain::TimelineEntry& entry) {
  ASSIGN_OR_RETURN(std::string body,
                   seal_field(sealer_, owner, entry_record(entry.number), "body", entry.body));
  if (!has_row(tables_.cases, owner.id) || !has_row(tables_.members, entry.author_id)) return missing_reference();
  for (const EntryRow& row : tables_.entries)
    if (row.case_id == owner.id && row.entry.number == entry.number) return key_taken();
  EntryRow row{owner.id, entry};
  row.entry.id = next_id(tables_.entries, [](const EntryRow& stored) { return stored.entry.id; });
  row.entry.body = std::move(body);
  tables_.entries.push_back(std::move(row));
  return ok_status();
}

Status MemoryStore::update_case_state(const Case& owner, domain::CaseState state,
                                      const std::optional<domain::Resolution>& resolution, Timestamp updated_at) {
  Case* found = find_row(tables_.cases, owner.id);
  if (!found) return not_found("no case '" + owner.code_name + "'");
  Case& stored = *found;
  stored.state = state;
  stored.resolution = resolution;
  stored.updated_at = updated_at;
  return ok_status();
}

Case MemoryStore::listed_case(const Case& stored) {
  Case summary = stored;
  summary.location.clear();
  return summary;
}

Result<Case> MemoryStore::find_case(std::int64_t community_id, std::string_view code_name) {
  for (const Case& stored : tables_.cases)
    if (stored.community_id == community_id && stored.code_name == code_name) return listed_case(stored);
  return not_found("no case '" + std::string(code_name) + "'");
}

Result<std::vector<Case>> MemoryStore::list_cases(std::int64_t community_id, const CaseFilter& filter) {
  std::vector<const Case*> matching;
  for (const Case& stored : tables_.cases)
    if (stored.community_id == community_id && (!filter.state || stored.state == *filter.state))
      matching.push_back(&stored);
  std::sort(matching.begin(), matching.end(), [](const Case* a, const Case* b) {
    return a->opened_at != b->opened_at ? a->opened_at > b->opened_at : a->id > b->id;
  });
  std::vector<Case> page;
  for (std::size_t i = filter.offset; i < matching.size() && page.size() < filter.limit; ++i)
    page.push_back(listed_case(*matching[i]));
  return page;
}

Result<domain::CaseRecord> MemoryStore::load_case_record(const Case& summary) {
  const Case* found = find_row(tables_.cases, summary.id);
  if (!found) return not_found("no case '" + summary.code_name + "'");
  domain::CaseRecord record;
  record.summary = summary;
  const Case& stored = *found;
  ASSIGN_OR_RETURN(record.summary.location, open_field(sealer_, summary, "case", "location", stored.location));
  for (EntryRow& row : rows_of_case(tables_.entries, summary.id, &EntryRow::entry)) {
    const std::string name = entry_record(row.entry.number);
    ASSIGN_OR_RETURN(row.entry.body, open_field(sealer_, summary, name, "body", row.entry.body));
    record.timeline.push_back(std::move(row.entry));
  }
  for (ReportRow& row : rows_of_case(tables_.reports, summary.id, &ReportRow::report)) {
    for (const domain::TimelineEntry& entry : record.timeline)
      if (entry.number == row.entry_number) row.report.text = entry.body;
    record.reports.push_back(std::move(row.report));
  }
  for (PartyRow& row : rows_of_case(tables_.parties, summary.id, &PartyRow::party)) {
    ASSIGN_OR_RETURN(domain::Party party, open_party(summary, sealer_, row.party));
    record.parties.push_back(std::move(party));
  }
  return record;
}

Result<domain::Party> MemoryStore::open_party(const Case& owner, crypto::Sealer& sealer, domain::Party party) const {
  const std::string name = party_record(party.number);
  ASSIGN_OR_RETURN(party.name, open_field(sealer, owner, name, "name", party.name));
  ASSIGN_OR_RETURN(party.contact, open_field(sealer, owner, name, "contact", party.contact));
  ASSIGN_OR_RETURN(party.employer, open_field(sealer, owner, name, "employer", party.employer));
  for (const domain::Person& person : tables_.persons)
    if (party.person_id == person.id) party.person_code_name = person.code_name;
  return party;
}

Status MemoryStore::update_member(const domain::Member& member) {
  for (domain::Member& stored : tables_.members) {
    if (stored.id != member.id) continue;
    stored.display_name = member.display_name;
    stored.role = member.role;
    stored.term_end = member.term_end;
    stored.status = member.status;
    stored.handles = member.handles;
    stored.employer = member.employer;
    stored.joined_at = member.joined_at;
    return ok_status();
  }
  return not_found("no member with the email " + member.email);
}

Result<std::vector<PartyIndexRow>> MemoryStore::list_party_indexes(std::int64_t community_id) {
  std::vector<PartyIndexRow> indexes;
  for (const Case& stored : tables_.cases) {  // in id order
    if (stored.community_id != community_id) continue;
    for (const PartyRow& row : rows_of_case(tables_.parties, stored.id, &PartyRow::party))
      indexes.push_back(PartyIndexRow{row.case_id, row.party.number, row.party.role, row.indexes, row.party.person_id});
  }
  return indexes;
}

Status MemoryStore::insert_exclusion(const Case& owner, const domain::Exclusion& exclusion) {
  ASSIGN_OR_RETURN(std::string note,
                   seal_field(sealer_, owner, exclusion_record(exclusion.member_id), "note", exclusion.note));
  if (!has_row(tables_.cases, exclusion.case_id) || !has_row(tables_.members, exclusion.member_id))
    return missing_reference();
  for (const domain::Exclusion& row : tables_.exclusions)
    if (row.case_id == exclusion.case_id && row.member_id == exclusion.member_id) return key_taken();
  domain::Exclusion stored = exclusion;
  stored.note = std::move(note);
  tables_.exclusions.push_back(std::move(stored));
  return ok_status();
}

template <typename Row>
Status insert_pair_row(std::vector<Row>& table, const Row& row) {
  for (const Row& existing : table)
    if (existing.case_id == row.case_id && existing.member_id == row.member_id) return key_taken();
  table.push_back(row);
  return ok_status();
}

Status MemoryStore::insert_possible_conflict(const domain::PossibleConflict& possible) {
  if (!has_row(tables_.cases, possible.case_id) || !has_row(tables_.members, possible.member_id))
    return missing_reference();
  return insert_pair_row(tables_.possible_conflicts, possible);
}

Status MemoryStore::delete_possible_conflict(std::int64_t case_id, std::int64_t member_id) {
  std::erase_if(tables_.possible_conflicts, [&](const domain::PossibleConflict& row) {
    return row.case_id == case_id && row.member_id == member_id;
  });
  return ok_status();
}

Status MemoryStore::insert_screening(const domain::Screening& screening) {
  if (!has_row(tables_.cases, screening.case_id) || !has_row(tables_.members, screening.member_id))
    return missing_reference();
  return insert_pair_row(tables_.screenings, screening);
}

Status MemoryStore::approve_screening(std::int64_t case_id, std::int64_t member_id, std::int64_t approved_by,
                                      Timestamp approved_at) {
  if (!has_row(tables_.members, approved_by)) return missing_reference();
  for (domain::Screening& screening : tables_.screenings) {
    if (screening.case_id != case_id || screening.member_id != member_id) continue;
    screening.approved_by = approved_by;
    screening.approved_at = approved_at;
    return ok_status();
  }
  return not_found("no screening to approve");
}

Status MemoryStore::insert_invitation(const domain::Invitation& invitation) {
  if (!has_row(tables_.cases, invitation.case_id) || !has_row(tables_.members, invitation.member_id) ||
      !has_row(tables_.members, invitation.invited_by))
    return missing_reference();
  return insert_pair_row(tables_.invitations, invitation);
}

Result<std::int64_t> MemoryStore::insert_oversight_grant(const Case& owner, const domain::OversightGrant& grant) {
  ASSIGN_OR_RETURN(std::string reason,
                   seal_field(sealer_, owner, oversight_record(grant.member_id, grant.requested_at), "reason",
                              grant.reason));
  if (!has_row(tables_.cases, grant.case_id) || !has_row(tables_.members, grant.member_id) ||
      !has_row(tables_.members, grant.approved_by))
    return missing_reference();
  domain::OversightGrant stored = grant;
  stored.id = next_id(tables_.grants);
  stored.reason = std::move(reason);
  tables_.grants.push_back(stored);
  return stored.id;
}

Status MemoryStore::approve_oversight_grant(std::int64_t grant_id, std::int64_t approved_by, Timestamp approved_at) {
  if (!has_row(tables_.members, approved_by)) return missing_reference();
  for (domain::OversightGrant& grant : tables_.grants) {
    if (grant.id != grant_id) continue;
    grant.approved_by = approved_by;
    grant.approved_at = approved_at;
    return ok_status();
  }
  return not_found("no oversight request " + std::to_string(grant_id));
}

Result<std::vector<domain::OversightGrant>> MemoryStore::oversight_grants_of_case(const Case& owner) {
  std::vector<domain::OversightGrant> grants;
  for (const domain::OversightGrant& stored : tables_.grants) {
    if (stored.case_id != owner.id) continue;
    domain::OversightGrant grant = stored;
    ASSIGN_OR_RETURN(grant.reason, open_field(sealer_, owner, oversight_record(grant.member_id, grant.requested_at),
                                              "reason", stored.reason));
    grants.push_back(std::move(grant));
  }
  std::stable_sort(grants.begin(), grants.end(), [](const auto& a, const auto& b) {
    return a.requested_at < b.requested_at;
  });
  return grants;
}

Result<domain::AccessFacts> MemoryStore::load_access_facts(std::int64_t community_id) {
  std::set<std::int64_t> cases;
  for (const Case& summary : tables_.cases)
    if (summary.community_id == community_id) cases.insert(summary.id);
  domain::AccessFacts facts;
  for (domain::Exclusion exclusion : tables_.exclusions)
    if (cases.count(exclusion.case_id)) {
      exclusion.note.clear();
      facts.exclusions.push_back(std::move(exclusion));
    }
  for (const auto& row : tables_.possible_conflicts)
    if (cases.count(row.case_id)) facts.possible_conflicts.push_back(row);
  for (const auto& row : tables_.screenings)
    if (cases.count(row.case_id)) facts.screenings.push_back(row);
  for (const auto& row : tables_.invitations)
    if (cases.count(row.case_id)) facts.invitations.push_back(row);
  for (domain::OversightGrant grant : tables_.grants)
    if (cases.count(grant.case_id)) {
      grant.reason.clear();
      facts.grants.push_back(std::move(grant));
    }
  return facts;
}

Result<int> MemoryStore::next_entry_number(const Case& owner) {
  int highest = 0;
  for (const EntryRow& row : tables_.entries)
    if (row.case_id == owner.id) highest = std::max(highest, row.entry.number);
  return highest + 1;
}

Result<bool> MemoryStore::person_code_name_taken(std::int64_t community_id, std::string_view code_name) {
  return std::any_of(tables_.persons.begin(), tables_.persons.end(), [&](const domain::Person& person) {
    return person.community_id == community_id && person.code_name == code_name;
  });
}

Result<std::int64_t> MemoryStore::insert_person(const domain::Person& person) {
  if (!has_row(tables_.communities, person.community_id)) return missing_reference();
  ASSIGN_OR_RETURN(const bool taken, person_code_name_taken(person.community_id, person.code_name));
  if (taken) return key_taken();
  domain::Person stored = person;
  stored.id = next_id(tables_.persons);
  tables_.persons.push_back(std::move(stored));
  return tables_.persons.back().id;
}

std::set<std::int64_t> MemoryStore::cases_reporting(std::int64_t person_id) const {
  std::set<std::int64_t> case_ids;
  for (const PartyRow& row : tables_.parties)
    if (row.party.person_id == person_id && row.party.role == domain::PartyRole::ReportedPerson)
      case_ids.insert(row.case_id);
  return case_ids;
}

PersonRow MemoryStore::person_row(const domain::Person& person) const {
  return PersonRow{person, static_cast<int>(cases_reporting(person.id).size())};
}

Result<PersonRow> MemoryStore::find_person(std::int64_t community_id, std::string_view code_name) {
  for (const domain::Person& person : tables_.persons)
    if (person.community_id == community_id && person.code_name == code_name) return person_row(person);
  return not_found("no person record '" + std::string(code_name) + "'");
}

Result<std::vector<PersonRow>> MemoryStore::list_people(std::int64_t community_id) {
  std::vector<PersonRow> people;
  for (const domain::Person& person : tables_.persons)
    if (person.community_id == community_id) people.push_back(person_row(person));
  std::sort(people.begin(), people.end(),
            [](const PersonRow& a, const PersonRow& b) { return a.person.code_name < b.person.code_name; });
  return people;
}

Result<std::vector<Case>> MemoryStore::cases_of_person(std::int64_t person_id) {
  std::vector<Case> cases;
  for (const std::int64_t case_id : cases_reporting(person_id))
    if (const Case* stored = find_row(tables_.cases, case_id)) cases.push_back(listed_case(*stored));
  std::sort(cases.begin(), cases.end(), [](const Case& a, const Case& b) {
    return a.opened_at != b.opened_at ? a.opened_at < b.opened_at : a.id < b.id;
  });
  return cases;
}

}  // namespace conduct::store
