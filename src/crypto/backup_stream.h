// Backups sealed under a key of their own (docs/security.md "Crypto-shredding and backups").
// Each backup gets a fresh 32-byte key from libsodium's CSPRNG; the key is kept apart
// from the backup and destroyed after the policy's backup horizon, after which the
// backup opens for nobody, so an expunged case does not outlive the horizon in any copy.
//
// The dump is sealed as one libsodium secretstream (crypto_secretstream_xchacha20poly1305),
// as evidence files are (crypto/evidence_stream.h), cut into chunks of
// kBackupChunkBytes of plaintext (the last may be shorter):
//
//   sealed = 24-byte stream header, then each chunk's ciphertext (17 bytes longer than
//            its plaintext: a tag byte and a Poly1305 MAC), back to back
//
// Every chunk's associated data is the backup's plaintext file header, so a header
// changed in one byte (another id, another date) makes the whole backup refuse to open.
// The last chunk carries the FINAL tag and every other one the MESSAGE tag: a backup cut
// short, extended, or with chunks reordered does not open either.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"
#include "crypto/secret_bytes.h"

namespace conduct::crypto {

inline constexpr std::size_t kBackupKeyBytes = 32;
inline constexpr std::size_t kBackupChunkBytes = 1024 * 1024;  // plaintext per chunk
inline constexpr std::size_t kBackupStreamHeaderBytes = 24;
inline constexpr std::size_t kBackupChunkOverheadBytes = 17;

// A fresh backup key from libsodium's CSPRNG.
SecretBytes new_backup_key();

// `count` random bytes (a backup's id), public.
std::string random_public_bytes(std::size_t count);

// Seals `dump` under `key`, every chunk bound to `associated_data` (the file header).
// Precondition, checked (a violation aborts): key.size() == 32. An empty dump is sealed
// as one empty FINAL chunk.
std::string seal_backup(const SecretBytes& key, std::string_view associated_data, std::string_view dump);

// seal_backup a piece at a time, for a backup written as it is read: the same bytes as
// seal_backup gives for the whole (chunks of kBackupChunkBytes, the last one FINAL).
// Holds at most one chunk of plaintext.
class BackupSealer {
 public:
  // Precondition, checked: key.size() == 32.
  BackupSealer(const SecretBytes& key, std::string_view associated_data);
  ~BackupSealer();
  BackupSealer(const BackupSealer&) = delete;
  BackupSealer& operator=(const BackupSealer&) = delete;
  // The stream's header: the first bytes of the sealed dump.
  const std::string& stream_header() const { return stream_header_; }
  // Seals what fills whole chunks of `plaintext` and what was pending; returns the
  // sealed bytes to write (a chunk is kept back until more follows or finish()).
  std::string push(std::string_view plaintext);
  // Seals the last chunk (FINAL) and returns it.
  std::string finish();

 private:
  std::string seal_chunk(std::string_view chunk, bool final);
  struct State;
  std::unique_ptr<State> state_;
  std::string associated_data_;
  std::string stream_header_;
  std::string pending_;
};

// Opens what seal_backup made with the same key and associated data.
// Errors: InvalidArgument when the key is not 32 bytes or `sealed` is too short to hold
// a stream; PermissionDenied "the backup does not open" when any chunk fails to verify
// (another key, an altered header or byte, chunks reordered) or the stream is cut short
// or extended past its FINAL chunk.
Result<std::string> open_backup(const SecretBytes& key, std::string_view associated_data, std::string_view sealed);

}  // namespace conduct::crypto
