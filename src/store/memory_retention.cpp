// Retention in the in-memory store (store.h "Retention"): the same facts, holds and
// expunging as the SQLite store (sqlite_retention.cpp), on the vectors of memory_store.h.
#include <algorithm>
#include <set>

#include "store/memory_rows.h"
#include "store/memory_store.h"

namespace conduct::store {
namespace {

using memory::find_row;
using memory::has_row;

Error missing_reference() { return internal_error("database write failed: a referenced record does not exist"); }

}  // namespace

Result<std::vector<domain::CaseRetentionFacts>> MemoryStore::load_retention_facts(std::int64_t community_id) {
  std::vector<domain::CaseRetentionFacts> all;
  for (const domain::Case& stored : tables_.cases) {  // in id order
    if (stored.community_id != community_id) continue;
    domain::CaseRetentionFacts facts = domain::retention_facts_of(stored);
    if (const auto hold = tables_.legal_holds.find(stored.id); hold != tables_.legal_holds.end())
      facts.legal_hold = hold->second;

    std::vector<const PartyRow*> reported;
    for (const PartyRow& row : tables_.parties)
      if (row.case_id == stored.id && row.party.role == domain::PartyRole::ReportedPerson) reported.push_back(&row);
    std::sort(reported.begin(), reported.end(),
              [](const PartyRow* a, const PartyRow* b) { return a->party.number < b->party.number; });
    std::set<std::int64_t> persons;
    for (const PartyRow* row : reported) {
      ++facts.people_named;
      if (!row->party.person_id) continue;
      if (persons.insert(*row->party.person_id).second) facts.reported_person_ids.push_back(*row->party.person_id);
      const domain::Person* person = find_row(tables_.persons, *row->party.person_id);
      if (person && person->flagged) facts.reported_person_flagged = true;
    }

    std::vector<const ReportRow*> reports;
    for (const ReportRow& row : tables_.reports)
      if (row.case_id == stored.id) reports.push_back(&row);
    std::sort(reports.begin(), reports.end(),
              [](const ReportRow* a, const ReportRow* b) { return a->report.number < b->report.number; });
    for (const ReportRow* row : reports) facts.reports_received.push_back(row->report.received_at);

    std::vector<const EntryRow*> entries;
    for (const EntryRow& row : tables_.entries)
      if (row.case_id == stored.id && row.entry.from_state && row.entry.to_state) entries.push_back(&row);
    std::sort(entries.begin(), entries.end(),
              [](const EntryRow* a, const EntryRow* b) { return a->entry.number < b->entry.number; });
    for (const EntryRow* row : entries)
      facts.transitions.push_back(domain::StateChange{*row->entry.from_state, *row->entry.to_state, row->entry.created_at});
    all.push_back(std::move(facts));
  }
  return all;
}

Status MemoryStore::save_legal_hold(std::int64_t case_id, const std::optional<domain::LegalHold>& hold) {
  if (!has_row(tables_.cases, case_id)) return not_found("no case " + std::to_string(case_id));
  if (!hold) {
    tables_.legal_holds.erase(case_id);
    return ok_status();
  }
  tables_.legal_holds[case_id] = *hold;
  return ok_status();
}

Result<std::optional<domain::LegalHold>> MemoryStore::find_legal_hold(std::int64_t case_id) {
  if (!has_row(tables_.cases, case_id)) return not_found("no case " + std::to_string(case_id));
  const auto hold = tables_.legal_holds.find(case_id);
  if (hold == tables_.legal_holds.end()) return std::optional<domain::LegalHold>();
  return std::optional<domain::LegalHold>(hold->second);
}

Status MemoryStore::expunge_case(std::int64_t case_id, const domain::CaseStatistics& statistics) {
  if (!has_row(tables_.cases, case_id)) return not_found("no case " + std::to_string(case_id));
  if (!has_row(tables_.communities, statistics.community_id)) return missing_reference();
  std::set<std::int64_t> persons;
  for (const PartyRow& row : tables_.parties)
    if (row.case_id == case_id && row.party.person_id) persons.insert(*row.party.person_id);

  const auto of_case = [case_id](const auto& row) { return row.case_id == case_id; };
  std::erase_if(tables_.case_key_wraps, [&](const auto& entry) { return entry.second.case_id == case_id; });
  std::erase_if(tables_.reports, of_case);
  std::erase_if(tables_.parties, of_case);
  std::erase_if(tables_.entries, of_case);
  std::erase_if(tables_.evidence, of_case);
  std::erase_if(tables_.evidence_chunks, [&](const auto& entry) { return std::get<0>(entry.first) == case_id; });
  std::erase_if(tables_.exclusions, of_case);
  std::erase_if(tables_.possible_conflicts, of_case);
  std::erase_if(tables_.screenings, of_case);
  std::erase_if(tables_.invitations, of_case);
  std::erase_if(tables_.grants, of_case);
  tables_.legal_holds.erase(case_id);
  tables_.case_key_states.erase(case_id);
  std::erase_if(tables_.cases, [case_id](const domain::Case& stored) { return stored.id == case_id; });

  std::erase_if(tables_.persons, [&](const domain::Person& person) {
    if (!persons.count(person.id) || person.flagged || person.banned_until || person.banned_permanently) return false;
    return std::none_of(tables_.parties.begin(), tables_.parties.end(),
                        [&](const PartyRow& row) { return row.party.person_id == person.id; });
  });
  tables_.case_statistics.push_back(statistics);
  return ok_status();
}

Result<std::vector<domain::CaseStatistics>> MemoryStore::list_case_statistics(std::int64_t community_id) {
  std::vector<domain::CaseStatistics> rows;
  for (const domain::CaseStatistics& row : tables_.case_statistics)
    if (row.community_id == community_id) rows.push_back(row);
  return rows;
}

Status MemoryStore::purge_deleted_content() {
  if (in_transaction_) return internal_error("the WAL cannot be truncated inside a transaction");
  return ok_status();  // nothing outlives a deletion in memory
}

}  // namespace conduct::store
