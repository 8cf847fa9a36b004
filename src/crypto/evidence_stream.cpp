#include "crypto/evidence_stream.h"

#include <sodium.h>

#include "crypto/detail.h"

namespace conduct::crypto {

static_assert(crypto_secretstream_xchacha20poly1305_KEYBYTES == kEvidenceKeyBytes);
static_assert(crypto_secretstream_xchacha20poly1305_HEADERBYTES == kEvidenceStreamHeaderBytes);
static_assert(crypto_secretstream_xchacha20poly1305_ABYTES == kEvidenceChunkOverheadBytes);

// The stream's state holds a key derived from the file key: it is wiped when it goes.
struct EvidenceStreamWriter::State {
  crypto_secretstream_xchacha20poly1305_state stream;
  ~State() { sodium_memzero(&stream, sizeof stream); }
};

struct EvidenceStreamReader::State {
  crypto_secretstream_xchacha20poly1305_state stream;
  SecretBytes key;  // until the first chunk brings the header
  ~State() { sodium_memzero(&stream, sizeof stream); }
};

namespace {

const unsigned char* bytes_of(std::string_view text) { return reinterpret_cast<const unsigned char*>(text.data()); }

Error does_not_open() { return permission_denied("an evidence chunk does not open"); }

}  // namespace

SecretBytes new_evidence_key() { return SecretBytes::random(kEvidenceKeyBytes); }

std::size_t evidence_chunk_count(std::size_t size_bytes) {
  return (size_bytes + kEvidenceChunkBytes - 1) / kEvidenceChunkBytes;
}

std::string evidence_chunk_associated_data(const EvidencePlace& place, std::uint32_t chunk_index) {
  // Each part is length-prefixed so no two places share an encoding.
  std::string data = "conduct-evidence-chunk-v1";
  for (const std::string& part : {std::to_string(place.community_id), place.case_code,
                                  std::to_string(place.file_number), std::to_string(chunk_index)}) {
    data += '\n';
    data += std::to_string(part.size());
    data += ':';
    data += part;
  }
  return data;
}

EvidenceStreamWriter::EvidenceStreamWriter(const SecretBytes& key, EvidencePlace place)
    : state_(std::make_unique<State>()), place_(std::move(place)) {
  detail::require(key.size() == kEvidenceKeyBytes, "EvidenceStreamWriter: the file key must be 32 bytes");
  detail::ensure_sodium();
  header_.resize(kEvidenceStreamHeaderBytes);
  crypto_secretstream_xchacha20poly1305_init_push(&state_->stream, reinterpret_cast<unsigned char*>(header_.data()),
                                                  key.data());
}

EvidenceStreamWriter::~EvidenceStreamWriter() = default;

std::string EvidenceStreamWriter::push(std::string_view plaintext, ChunkPosition position) {
  detail::require(!finished_, "EvidenceStreamWriter::push: no chunk may follow the last one");
  detail::require(!plaintext.empty() && plaintext.size() <= kEvidenceChunkBytes,
                  "EvidenceStreamWriter::push: a chunk holds 1 to kEvidenceChunkBytes bytes");
  std::string stored = next_index_ == 0 ? header_ : std::string();
  const std::size_t offset = stored.size();
  stored.resize(offset + plaintext.size() + kEvidenceChunkOverheadBytes);
  const std::string associated_data = evidence_chunk_associated_data(place_, next_index_);
  const unsigned char tag = position == ChunkPosition::Last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
                                                            : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
  unsigned long long written = 0;
  crypto_secretstream_xchacha20poly1305_push(&state_->stream, reinterpret_cast<unsigned char*>(stored.data()) + offset,
                                             &written, bytes_of(plaintext), plaintext.size(), bytes_of(associated_data),
                                             associated_data.size(), tag);
  detail::require(written == plaintext.size() + kEvidenceChunkOverheadBytes,
                  "EvidenceStreamWriter::push: unexpected length");
  ++next_index_;
  if (position == ChunkPosition::Last) finished_ = true;
  return stored;
}

EvidenceStreamReader::EvidenceStreamReader(const SecretBytes& key, EvidencePlace place)
    : state_(std::make_unique<State>()), place_(std::move(place)) {
  detail::require(key.size() == kEvidenceKeyBytes, "EvidenceStreamReader: the file key must be 32 bytes");
  detail::ensure_sodium();
  state_->key = SecretBytes::copy_of(key.view());
}

EvidenceStreamReader::~EvidenceStreamReader() = default;

Result<std::string> EvidenceStreamReader::pull(std::string_view stored) {
  if (failed_ || final_seen_) {
    failed_ = true;
    return does_not_open();
  }
  if (next_index_ == 0) {
    if (stored.size() < kEvidenceStreamHeaderBytes + kEvidenceChunkOverheadBytes)
      return invalid_argument("the first evidence chunk is too short");
    if (crypto_secretstream_xchacha20poly1305_init_pull(&state_->stream, bytes_of(stored), state_->key.data()) != 0) {
      failed_ = true;
      return does_not_open();
    }
    state_->key = SecretBytes();  // the stream's state holds what it needs from now on
    stored.remove_prefix(kEvidenceStreamHeaderBytes);
  } else if (stored.size() < kEvidenceChunkOverheadBytes) {
    return invalid_argument("an evidence chunk is too short");
  }
  std::string plaintext(stored.size() - kEvidenceChunkOverheadBytes, '\0');
  const std::string associated_data = evidence_chunk_associated_data(place_, next_index_);
  unsigned long long length = 0;
  unsigned char tag = 0;
  if (crypto_secretstream_xchacha20poly1305_pull(&state_->stream, reinterpret_cast<unsigned char*>(plaintext.data()),
                                                 &length, &tag, bytes_of(stored), stored.size(),
                                                 bytes_of(associated_data), associated_data.size()) != 0 ||
      (tag != crypto_secretstream_xchacha20poly1305_TAG_MESSAGE &&
       tag != crypto_secretstream_xchacha20poly1305_TAG_FINAL)) {
    failed_ = true;
    return does_not_open();
  }
  ++next_index_;
  final_seen_ = tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL;
  return plaintext;
}

Status EvidenceStreamReader::finish() const {
  if (failed_) return does_not_open();
  if (!final_seen_) return permission_denied("the evidence file is truncated");
  return ok_status();
}

std::vector<std::string> seal_evidence(const SecretBytes& key, const EvidencePlace& place, std::string_view content) {
  detail::require(!content.empty(), "seal_evidence: the content must not be empty");
  EvidenceStreamWriter writer(key, place);
  std::vector<std::string> chunks;
  for (std::size_t offset = 0; offset < content.size(); offset += kEvidenceChunkBytes) {
    const std::string_view chunk = content.substr(offset, kEvidenceChunkBytes);
    const bool last = offset + chunk.size() == content.size();
    chunks.push_back(writer.push(chunk, last ? ChunkPosition::Last : ChunkPosition::Middle));
  }
  return chunks;
}

Result<std::string> open_evidence(const SecretBytes& key, const EvidencePlace& place,
                                  const std::vector<std::string>& chunks) {
  if (chunks.empty()) return invalid_argument("an evidence file has no chunks");
  EvidenceStreamReader reader(key, place);
  std::string content;
  for (const std::string& stored : chunks) {
    ASSIGN_OR_RETURN(const std::string plaintext, reader.pull(stored));
    content += plaintext;
  }
  TRY(reader.finish());
  return content;
}

}  // namespace conduct::crypto
