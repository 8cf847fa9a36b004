// What the store keeps for an evidence file (domain/evidence.h): the file's plain
// columns and sealed fields, plus the file's own key. The key is a confidential field
// of the case like any other (record "evidence:N", field "file_key"), sealed through
// the store's Sealer under the case's key, so whoever holds a version of the case key
// holds the files sealed under it. The chunks are opaque bytes here: src/app seals them
// under the file key (crypto/evidence_stream.h) before they reach the store.
#pragma once

#include <string>

#include "domain/evidence.h"

namespace conduct::store {

struct EvidenceRow {
  domain::EvidenceFile file;
  std::string file_key;  // sealed: the 32-byte key of the file's chunks
};

// The record name of a file's sealed fields: "evidence:3".
inline std::string evidence_record(int file_number) { return "evidence:" + std::to_string(file_number); }

}  // namespace conduct::store
