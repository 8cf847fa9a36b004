// Resealing one case in the in-memory store (Store::reseal_case): the same fields, in
// the same order and under the same contexts as the SQLite store (sqlite_reseal.cpp),
// worked on a copy of the tables that replaces them only when every field is done.
#include <algorithm>

#include "store/memory_rows.h"
#include "store/memory_store.h"
#include "store/sealing.h"

namespace conduct::store {
namespace {

// Pointers to the rows of one case, ordered by their number within it.
template <typename Row, typename Member>
std::vector<Row*> rows_by_number(std::vector<Row>& table, std::int64_t case_id, Member Row::*member) {
  std::vector<Row*> rows;
  for (Row& row : table)
    if (row.case_id == case_id) rows.push_back(&row);
  std::stable_sort(rows.begin(), rows.end(),
                   [&](const Row* a, const Row* b) { return (a->*member).number < (b->*member).number; });
  return rows;
}

}  // namespace

Status MemoryStore::reseal_case(const domain::Case& owner, crypto::Sealer& from, crypto::Sealer& target,
                                const std::function<PartyIndexes(const domain::Party&)>& indexes_of) {
  DigestingSealer to(target, handled_);  // the audit entry covers the new ciphertext
  if (!memory::has_row(tables_.cases, owner.id)) return not_found("no case '" + owner.code_name + "'");
  Tables next = tables_;

  domain::Case& stored = *memory::find_row(next.cases, owner.id);
  ASSIGN_OR_RETURN(stored.location, reseal_field(from, to, owner, "case", "location", stored.location));

  for (PartyRow* row : rows_by_number(next.parties, owner.id, &PartyRow::party)) {
    ASSIGN_OR_RETURN(const domain::Party party, open_party(owner, from, row->party));
    const std::string record = party_record(party.number);
    row->indexes = indexes_of(party);
    ASSIGN_OR_RETURN(row->party.name, seal_field(to, owner, record, "name", party.name));
    ASSIGN_OR_RETURN(row->party.contact, seal_field(to, owner, record, "contact", party.contact));
    ASSIGN_OR_RETURN(row->party.employer, seal_field(to, owner, record, "employer", party.employer));
  }

  // Entries are append-only in every backend; this is the one write that changes them
  // in place (their text stays, only its stored form changes; sqlite_reseal.cpp).
  for (EntryRow* row : rows_by_number(next.entries, owner.id, &EntryRow::entry)) {
    ASSIGN_OR_RETURN(row->entry.body,
                     reseal_field(from, to, owner, entry_record(row->entry.number), "body", row->entry.body));
  }

  std::vector<domain::Exclusion*> exclusions;
  for (domain::Exclusion& exclusion : next.exclusions)
    if (exclusion.case_id == owner.id) exclusions.push_back(&exclusion);
  std::sort(exclusions.begin(), exclusions.end(),
            [](const domain::Exclusion* a, const domain::Exclusion* b) { return a->member_id < b->member_id; });
  for (domain::Exclusion* exclusion : exclusions) {
    ASSIGN_OR_RETURN(exclusion->note,
                     reseal_field(from, to, owner, exclusion_record(exclusion->member_id), "note", exclusion->note));
  }

  for (domain::OversightGrant& grant : next.grants) {  // in id order
    if (grant.case_id != owner.id) continue;
    ASSIGN_OR_RETURN(grant.reason, reseal_field(from, to, owner, oversight_record(grant.member_id, grant.requested_at),
                                                "reason", grant.reason));
  }

  tables_ = std::move(next);
  return ok_status();
}

}  // namespace conduct::store
