// Evidence files and their chunks (part of the Store interface, store/store.h).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "domain/case.h"
#include "store/evidence_rows.h"

namespace conduct::store {

class EvidenceStore {
 public:
  virtual ~EvidenceStore() = default;

  // Evidence files (store/evidence_rows.h). File numbers are unique per case and chunk
  // indexes per file: a taken one fails with AlreadyExists. A file's name, description
  // and key are sealed with the case's context (record "evidence:N"); its chunks are
  // stored as given. Nothing here is ever updated: files and chunks are append-only.
  virtual Result<int> next_evidence_number(const domain::Case& owner) = 0;
  // Stores the file's row; its chunks follow with insert_evidence_chunk.
  virtual Status insert_evidence(const domain::Case& owner, const EvidenceRow& row) = 0;
  // Errors: Internal when the case has no file `file_number` (a missing reference).
  virtual Status insert_evidence_chunk(const domain::Case& owner, int file_number, int chunk_index,
                                       std::string_view sealed_chunk) = 0;
  // Every file of the case by number, name and description opened. The file key is not
  // opened and comes back empty: listing needs only the case key's names.
  virtual Result<std::vector<domain::EvidenceFile>> list_evidence(const domain::Case& owner) = 0;
  // One file with its name, description and key opened. Errors: NotFound.
  virtual Result<EvidenceRow> find_evidence(const domain::Case& owner, int file_number) = 0;
  // The stored chunks of one file, by index (empty for an unknown file).
  virtual Result<std::vector<std::string>> evidence_chunks(const domain::Case& owner, int file_number) = 0;
};

}  // namespace conduct::store
