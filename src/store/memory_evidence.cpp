// The evidence files of the in-memory store (store/evidence_rows.h): names,
// descriptions and file keys sealed through the Sealer with the case's context, as in
// every backend; chunks kept as the opaque bytes they arrive as.
#include <algorithm>
#include <limits>

#include "store/memory_rows.h"
#include "store/memory_store.h"
#include "store/sealing.h"

namespace conduct::store {
namespace {

// The same messages as the SQLite store, so tests see one behaviour.
Error key_taken() { return already_exists("database write failed: a record with that key already exists"); }
Error missing_reference() { return internal_error("database write failed: a referenced record does not exist"); }

using memory::has_row;

}  // namespace

Result<int> MemoryStore::next_evidence_number(const domain::Case& owner) {
  int highest = 0;
  for (const EvidenceStored& stored : tables_.evidence)
    if (stored.case_id == owner.id) highest = std::max(highest, stored.row.file.number);
  return highest + 1;
}

Status MemoryStore::insert_evidence(const domain::Case& owner, const EvidenceRow& row) {
  const std::string record = evidence_record(row.file.number);
  ASSIGN_OR_RETURN(std::string name, seal_field(sealer_, owner, record, "name", row.file.name));
  ASSIGN_OR_RETURN(std::string description, seal_field(sealer_, owner, record, "description", row.file.description));
  ASSIGN_OR_RETURN(std::string file_key, seal_field(sealer_, owner, record, "file_key", row.file_key));
  if (!has_row(tables_.cases, owner.id) || !has_row(tables_.members, row.file.author_id))
    return missing_reference();
  if (stored_evidence(owner.id, row.file.number)) return key_taken();
  EvidenceStored stored{owner.id, row};
  stored.row.file.id =
      memory::next_id(tables_.evidence, [](const EvidenceStored& earlier) { return earlier.row.file.id; });
  stored.row.file.name = std::move(name);
  stored.row.file.description = std::move(description);
  stored.row.file_key = std::move(file_key);
  tables_.evidence.push_back(std::move(stored));
  return ok_status();
}

Status MemoryStore::insert_evidence_chunk(const domain::Case& owner, int file_number, int chunk_index,
                                          std::string_view sealed_chunk) {
  if (!stored_evidence(owner.id, file_number)) return missing_reference();
  const auto [place, inserted] =
      tables_.evidence_chunks.try_emplace(ChunkKey{owner.id, file_number, chunk_index}, sealed_chunk);
  (void)place;
  if (!inserted) return key_taken();
  handled_.add(sealed_chunk);
  return ok_status();
}

const MemoryStore::EvidenceStored* MemoryStore::stored_evidence(std::int64_t case_id, int file_number) const {
  for (const EvidenceStored& stored : tables_.evidence)
    if (stored.case_id == case_id && stored.row.file.number == file_number) return &stored;
  return nullptr;
}

Result<EvidenceRow> MemoryStore::open_evidence(const domain::Case& owner, const EvidenceRow& stored,
                                               bool with_key) const {
  const std::string record = evidence_record(stored.file.number);
  EvidenceRow row = stored;
  ASSIGN_OR_RETURN(row.file.name, open_field(sealer_, owner, record, "name", stored.file.name));
  ASSIGN_OR_RETURN(row.file.description, open_field(sealer_, owner, record, "description", stored.file.description));
  row.file_key.clear();
  if (with_key) {
    ASSIGN_OR_RETURN(row.file_key, open_field(sealer_, owner, record, "file_key", stored.file_key));
  }
  return row;
}

Result<std::vector<domain::EvidenceFile>> MemoryStore::list_evidence(const domain::Case& owner) {
  std::vector<const EvidenceStored*> of_case;
  for (const EvidenceStored& stored : tables_.evidence)
    if (stored.case_id == owner.id) of_case.push_back(&stored);
  std::sort(of_case.begin(), of_case.end(), [](const EvidenceStored* a, const EvidenceStored* b) {
    return a->row.file.number < b->row.file.number;
  });
  std::vector<domain::EvidenceFile> files;
  for (const EvidenceStored* stored : of_case) {
    ASSIGN_OR_RETURN(EvidenceRow row, open_evidence(owner, stored->row, false));
    files.push_back(std::move(row.file));
  }
  return files;
}

Result<EvidenceRow> MemoryStore::find_evidence(const domain::Case& owner, int file_number) {
  const EvidenceStored* stored = stored_evidence(owner.id, file_number);
  if (!stored) return not_found("no evidence file " + std::to_string(file_number) + " in this case");
  return open_evidence(owner, stored->row, true);
}

Result<std::vector<std::string>> MemoryStore::evidence_chunks(const domain::Case& owner, int file_number) {
  // The map is ordered by (case, file, index).
  std::vector<std::string> chunks;
  const auto first = tables_.evidence_chunks.lower_bound(ChunkKey{owner.id, file_number, std::numeric_limits<int>::min()});
  for (auto it = first; it != tables_.evidence_chunks.end(); ++it) {
    const auto& [case_id, number, index] = it->first;
    if (case_id != owner.id || number != file_number) break;
    chunks.push_back(it->second);
    handled_.add(it->second);
  }
  return chunks;
}

}  // namespace conduct::store
