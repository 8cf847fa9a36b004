// Evidence files, sealed in chunks (docs/security.md "Per-case keys": every evidence chunk of
// a case is sealed). Each file has its own random 32-byte key; the file key itself is
// stored sealed under the case's key like any other confidential field, so the case's
// key versions, rotation and grants cover the file without anything here knowing.
//
// A file's content is cut into chunks of kEvidenceChunkBytes of plaintext (the last one
// may be shorter) and sealed as one libsodium secretstream
// (crypto_secretstream_xchacha20poly1305):
//
//   - the first stored chunk begins with the stream's 24-byte header (public: it holds
//     the stream's nonce), followed by that chunk's ciphertext;
//   - every chunk's ciphertext is 17 bytes longer than its plaintext (a tag byte and a
//     Poly1305 MAC);
//   - the last chunk carries the FINAL tag, every other one the MESSAGE tag;
//   - each chunk's associated data names the community, the case, the file number and
//     the chunk's index, so a chunk moved into another file, case or position does not
//     open.
//
// Reading verifies all of it: secretstream's internal counter refuses a chunk that is
// repeated, dropped or out of order; a chunk after the FINAL one is refused; a stream
// that ends before its FINAL chunk is truncated (EvidenceStreamReader::finish).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "crypto/secret_bytes.h"

namespace conduct::crypto {

inline constexpr std::size_t kEvidenceKeyBytes = 32;
inline constexpr std::size_t kEvidenceChunkBytes = 64 * 1024;  // plaintext per chunk
inline constexpr std::size_t kEvidenceStreamHeaderBytes = 24;
inline constexpr std::size_t kEvidenceChunkOverheadBytes = 17;

// Where a file belongs; every chunk's associated data is made from it.
struct EvidencePlace {
  std::int64_t community_id = 0;
  std::string case_code;  // the case's code name ("home shelf")
  int file_number = 0;    // 1, 2, … within the case
};

// Whether a chunk ends the file.
enum class ChunkPosition { Middle, Last };

// A fresh file key from libsodium's CSPRNG.
SecretBytes new_evidence_key();

// How many chunks a file of `size_bytes` is stored in (0 for an empty file, which the
// use cases refuse before sealing anything).
std::size_t evidence_chunk_count(std::size_t size_bytes);

// The associated data chunk `chunk_index` of the file at `place` is bound to.
std::string evidence_chunk_associated_data(const EvidencePlace& place, std::uint32_t chunk_index);

// Seals a file chunk by chunk, so a caller can store each chunk as it is sealed.
// Not copyable; the stream's state (which holds key material) is wiped on destruction.
class EvidenceStreamWriter {
 public:
  // Starts a stream under `key` for the file at `place`. Precondition, checked (a
  // violation aborts): key.size() == 32.
  EvidenceStreamWriter(const SecretBytes& key, EvidencePlace place);
  ~EvidenceStreamWriter();
  EvidenceStreamWriter(const EvidenceStreamWriter&) = delete;
  EvidenceStreamWriter& operator=(const EvidenceStreamWriter&) = delete;

  // Seals the next chunk and returns its stored form (the header first, for chunk 0).
  // Preconditions, checked: `plaintext` holds 1 to kEvidenceChunkBytes bytes; no chunk
  // follows the Last one.
  std::string push(std::string_view plaintext, ChunkPosition position);

  // The number of chunks sealed so far.
  std::uint32_t chunks_sealed() const { return next_index_; }

 private:
  struct State;
  std::unique_ptr<State> state_;
  EvidencePlace place_;
  std::string header_;  // the stream's header, stored before chunk 0's ciphertext
  std::uint32_t next_index_ = 0;
  bool finished_ = false;
};

// Opens a file's stored chunks in order, verifying the stream as it goes.
class EvidenceStreamReader {
 public:
  // Precondition, checked: key.size() == 32.
  EvidenceStreamReader(const SecretBytes& key, EvidencePlace place);
  ~EvidenceStreamReader();
  EvidenceStreamReader(const EvidenceStreamReader&) = delete;
  EvidenceStreamReader& operator=(const EvidenceStreamReader&) = delete;

  // Opens the next stored chunk and returns its plaintext. Errors: InvalidArgument for
  // a chunk too short to hold what it must; PermissionDenied when it does not open (a
  // wrong key, a chunk moved from elsewhere, altered, repeated or out of order, or any
  // chunk after the one marked last). Once a chunk has failed, every later one fails.
  Result<std::string> pull(std::string_view stored);

  // OK once the chunk marked last has been opened. Errors: PermissionDenied "the
  // evidence file is truncated" when the chunks ended before it.
  Status finish() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
  EvidencePlace place_;
  std::uint32_t next_index_ = 0;
  bool final_seen_ = false;
  bool failed_ = false;
};

// The whole of `content` sealed as chunks (one Writer run). Preconditions as for
// EvidenceStreamWriter; `content` must not be empty.
std::vector<std::string> seal_evidence(const SecretBytes& key, const EvidencePlace& place, std::string_view content);

// The content of a file's stored chunks, every chunk verified and the end checked.
// Errors: as EvidenceStreamReader::pull and finish; InvalidArgument when there are no
// chunks at all.
Result<std::string> open_evidence(const SecretBytes& key, const EvidencePlace& place,
                                  const std::vector<std::string>& chunks);

}  // namespace conduct::crypto
