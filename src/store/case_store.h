// Cases, their reports, parties and timeline, and person records (part of the Store
// interface, store/store.h).
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "domain/case.h"
#include "domain/case_links.h"
#include "domain/escrow.h"
#include "store/key_rows.h"

namespace conduct::store {

struct CaseFilter {
  std::optional<domain::CaseState> state;
  std::size_t limit = 100;
  std::size_t offset = 0;
  // Only the cases in which this person record is a reported party.
  std::optional<std::int64_t> reported_person_id;
  // Only the cases whose current key version is not wrapped for this holder's public
  // key (a member still waiting for the case's key).
  std::optional<KeyHolder> key_missing_for;
  // Only the cases whose current key version is wrapped for this holder's public key
  // (cases the member can grant from).
  std::optional<KeyHolder> key_held_by;
};

// Every case, in one page (for use cases that decide access case by case).
inline CaseFilter every_case() {
  CaseFilter filter;
  filter.limit = static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max());
  return filter;
}

struct PersonRow {
  domain::Person person;
  int case_count = 0;  // cases in which the person is a reported party
};

class CaseStore {
 public:
  virtual ~CaseStore() = default;

  // Cases. insert_case stores the summary and its categories; reports, parties and
  // entries are added with their own calls. Entry and report numbers are unique per
  // case: a taken number fails with AlreadyExists. A new case starts with key state
  // {version 1, no rotation due}. find_case, list_cases and cases_of_person leave the
  // sealed location empty (listing needs no key); load_case_record opens it (NotFound
  // for a case that is not stored).
  virtual Result<bool> case_code_name_taken(std::int64_t community_id, std::string_view code_name) = 0;
  virtual Result<std::int64_t> insert_case(const domain::Case& summary) = 0;
  virtual Status insert_report(const domain::Case& owner, const domain::Report& report, int entry_number) = 0;
  virtual Status insert_party(const domain::Case& owner, const domain::Party& party, const PartyIndexes& indexes) = 0;
  virtual Status append_entry(const domain::Case& owner, const domain::TimelineEntry& entry) = 0;
  // The case's flags (ongoing, physical danger) as they become.
  virtual Status update_case_flags(const domain::Case& owner, bool ongoing, bool physical_danger,
                                   Timestamp updated_at) = 0;
  virtual Status update_case_state(const domain::Case& owner, domain::CaseState state,
                                   const std::optional<domain::Resolution>& resolution, Timestamp updated_at) = 0;
  virtual Result<domain::Case> find_case(std::int64_t community_id, std::string_view code_name) = 0;
  virtual Result<domain::Case> find_case_by_id(std::int64_t case_id) = 0;
  virtual Result<std::vector<domain::Case>> list_cases(std::int64_t community_id, const CaseFilter& filter) = 0;
  virtual Result<domain::CaseRecord> load_case_record(const domain::Case& summary) = 0;
  // The case's parties only, opened (what the decisions' rules read of a case).
  virtual Result<std::vector<domain::Party>> load_parties(const domain::Case& summary) = 0;
  virtual Result<int> next_entry_number(const domain::Case& owner) = 0;
  // Entry `number` of the case, opened (NotFound when the case has none so numbered).
  virtual Result<domain::TimelineEntry> load_entry(const domain::Case& owner, int number) = 0;

  // Every party of every case of the community, as blind indexes. It reads the whole
  // community: for maintenance and tests only; requests look up with parties_matching.
  virtual Result<std::vector<PartyIndexRow>> list_party_indexes(std::int64_t community_id) = 0;
  // The parties of the community's cases whose contact, name or employer index equals
  // one of `indexes` (empty ones are ignored and never match), by case then number.
  // Found through indexes on the blind-index columns, never by reading every party.
  virtual Result<std::vector<PartyIndexRow>> parties_matching(std::int64_t community_id,
                                                              const std::vector<std::string>& indexes) = 0;
  // The person record of the earliest reported party of the community's cases whose
  // contact index is `contact_index`, if any (a repeat report on the same person).
  virtual Result<std::optional<std::int64_t>> reported_person_with_contact(std::int64_t community_id,
                                                                           std::string_view contact_index) = 0;

  // Escrow (domain/escrow.h). The community's cases held in escrow, other than
  // `except_case_id`, with a reported party whose contact index is one of keys.contacts,
  // whose name index is one of keys.names, or whose person record is one of
  // keys.person_ids; by id. Found through the parties' indexes, never by reading the
  // community's cases or parties. release_from_escrow clears the case's flag only.
  virtual Result<std::vector<domain::Case>> escrowed_cases_naming(std::int64_t community_id,
                                                                  std::int64_t except_case_id,
                                                                  const domain::EscrowMatchKeys& keys) = 0;
  virtual Status release_from_escrow(const domain::Case& owner) = 0;

  // Linked cases (domain/case_links.h), by key: the case a case is linked into (its
  // primary key) and the cases linked into it (an index), oldest link first.
  // insert_case_link fails with AlreadyExists for a case already linked;
  // delete_case_link with NotFound for one that is not.
  virtual Status insert_case_link(const domain::CaseLink& link) = 0;
  virtual Status delete_case_link(std::int64_t linked_case_id) = 0;
  virtual Result<domain::CaseLinks> load_case_links(std::int64_t case_id) = 0;

  // Person records.
  virtual Result<bool> person_code_name_taken(std::int64_t community_id, std::string_view code_name) = 0;
  virtual Result<std::int64_t> insert_person(const domain::Person& person) = 0;
  virtual Result<PersonRow> find_person(std::int64_t community_id, std::string_view code_name) = 0;
  virtual Result<std::vector<PersonRow>> list_people(std::int64_t community_id) = 0;
  // The cases in which the person is a reported party, oldest first.
  virtual Result<std::vector<domain::Case>> cases_of_person(std::int64_t person_id) = 0;
};

}  // namespace conduct::store
