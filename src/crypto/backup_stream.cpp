#include "crypto/backup_stream.h"

#include <sodium.h>

#include <algorithm>

#include "crypto/detail.h"

namespace conduct::crypto {

static_assert(crypto_secretstream_xchacha20poly1305_KEYBYTES == kBackupKeyBytes);
static_assert(crypto_secretstream_xchacha20poly1305_HEADERBYTES == kBackupStreamHeaderBytes);
static_assert(crypto_secretstream_xchacha20poly1305_ABYTES == kBackupChunkOverheadBytes);

namespace {

const unsigned char* bytes_of(std::string_view text) { return reinterpret_cast<const unsigned char*>(text.data()); }

Error does_not_open() {
  return permission_denied("the backup does not open: it was altered, cut short, or sealed under another key");
}

// The stream's state holds a key derived from the backup key: it is wiped when it goes.
struct StreamState {
  crypto_secretstream_xchacha20poly1305_state stream;
  ~StreamState() { sodium_memzero(&stream, sizeof stream); }
};

}  // namespace

SecretBytes new_backup_key() { return SecretBytes::random(kBackupKeyBytes); }

std::string random_public_bytes(std::size_t count) {
  detail::ensure_sodium();
  std::string bytes(count, '\0');
  randombytes_buf(bytes.data(), bytes.size());
  return bytes;
}

std::string seal_backup(const SecretBytes& key, std::string_view associated_data, std::string_view dump) {
  detail::require(key.size() == kBackupKeyBytes, "seal_backup: the backup key must be 32 bytes");
  detail::ensure_sodium();
  StreamState state;
  const std::size_t chunk_count = dump.empty() ? 1 : (dump.size() + kBackupChunkBytes - 1) / kBackupChunkBytes;
  std::string sealed(kBackupStreamHeaderBytes + dump.size() + chunk_count * kBackupChunkOverheadBytes, '\0');
  auto* out = reinterpret_cast<unsigned char*>(sealed.data());
  crypto_secretstream_xchacha20poly1305_init_push(&state.stream, out, key.data());
  std::size_t written_total = kBackupStreamHeaderBytes;
  for (std::size_t index = 0; index < chunk_count; ++index) {
    const std::string_view chunk = dump.substr(std::min(dump.size(), index * kBackupChunkBytes), kBackupChunkBytes);
    const unsigned char tag = index + 1 == chunk_count ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
                                                       : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
    unsigned long long written = 0;
    crypto_secretstream_xchacha20poly1305_push(&state.stream, out + written_total, &written, bytes_of(chunk),
                                               chunk.size(), bytes_of(associated_data), associated_data.size(), tag);
    written_total += static_cast<std::size_t>(written);
  }
  detail::require(written_total == sealed.size(), "seal_backup: unexpected length");
  return sealed;
}

struct BackupSealer::State {
  StreamState stream;
};

BackupSealer::BackupSealer(const SecretBytes& key, std::string_view associated_data)
    : state_(std::make_unique<State>()),
      associated_data_(associated_data),
      stream_header_(kBackupStreamHeaderBytes, '\0') {
  detail::require(key.size() == kBackupKeyBytes, "BackupSealer: the backup key must be 32 bytes");
  detail::ensure_sodium();
  crypto_secretstream_xchacha20poly1305_init_push(&state_->stream.stream,
                                                  reinterpret_cast<unsigned char*>(stream_header_.data()), key.data());
}

BackupSealer::~BackupSealer() {
  if (!pending_.empty()) sodium_memzero(pending_.data(), pending_.size());
}

std::string BackupSealer::seal_chunk(std::string_view chunk, bool final) {
  std::string sealed(chunk.size() + kBackupChunkOverheadBytes, '\0');
  unsigned long long written = 0;
  crypto_secretstream_xchacha20poly1305_push(
      &state_->stream.stream, reinterpret_cast<unsigned char*>(sealed.data()), &written, bytes_of(chunk), chunk.size(),
      bytes_of(associated_data_), associated_data_.size(),
      final ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
  sealed.resize(static_cast<std::size_t>(written));
  return sealed;
}

std::string BackupSealer::push(std::string_view plaintext) {
  std::string out;
  pending_.append(plaintext);
  // A whole chunk is sealed only once a byte follows it: the last chunk is FINAL.
  std::size_t at = 0;
  while (pending_.size() - at > kBackupChunkBytes) {
    out += seal_chunk(std::string_view(pending_).substr(at, kBackupChunkBytes), false);
    at += kBackupChunkBytes;
  }
  if (at > 0) {
    sodium_memzero(pending_.data(), at);
    pending_.erase(0, at);
  }
  return out;
}

std::string BackupSealer::finish() {
  std::string out = seal_chunk(pending_, true);
  sodium_memzero(pending_.data(), pending_.size());
  pending_.clear();
  return out;
}

Result<std::string> open_backup(const SecretBytes& key, std::string_view associated_data, std::string_view sealed) {
  if (key.size() != kBackupKeyBytes) return invalid_argument("a backup key is 32 bytes");
  if (sealed.size() < kBackupStreamHeaderBytes + kBackupChunkOverheadBytes)
    return invalid_argument("the backup is too short to hold its sealed content");
  detail::ensure_sodium();
  StreamState state;
  if (crypto_secretstream_xchacha20poly1305_init_pull(&state.stream, bytes_of(sealed), key.data()) != 0)
    return does_not_open();
  sealed.remove_prefix(kBackupStreamHeaderBytes);
  constexpr std::size_t kSealedChunkBytes = kBackupChunkBytes + kBackupChunkOverheadBytes;
  std::string dump;
  dump.reserve(sealed.size());
  while (true) {
    const std::string_view chunk = sealed.substr(0, kSealedChunkBytes);
    sealed.remove_prefix(chunk.size());
    if (chunk.size() < kBackupChunkOverheadBytes) return does_not_open();
    const std::size_t offset = dump.size();
    dump.resize(offset + chunk.size() - kBackupChunkOverheadBytes);
    unsigned long long length = 0;
    unsigned char tag = 0;
    if (crypto_secretstream_xchacha20poly1305_pull(
            &state.stream, reinterpret_cast<unsigned char*>(dump.data()) + offset, &length, &tag, bytes_of(chunk),
            chunk.size(), bytes_of(associated_data), associated_data.size()) != 0) {
      sodium_memzero(dump.data(), dump.size());
      return does_not_open();
    }
    const bool final_chunk = tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL;
    // The FINAL chunk must be the last bytes, and the last bytes the FINAL chunk.
    if (final_chunk != sealed.empty() || (!final_chunk && tag != crypto_secretstream_xchacha20poly1305_TAG_MESSAGE)) {
      sodium_memzero(dump.data(), dump.size());
      return does_not_open();
    }
    if (final_chunk) return dump;
  }
}

}  // namespace conduct::crypto
