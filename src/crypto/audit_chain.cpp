#include "crypto/audit_chain.h"

#include <sodium.h>

#include <charconv>

#include "crypto/detail.h"

namespace conduct::crypto {
namespace {

constexpr std::string_view kChainDomain = "conduct audit entry v1";

void add_bytes(crypto_generichash_state& state, std::string_view bytes) {
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
}

void add_int64(crypto_generichash_state& state, std::int64_t value) {
  unsigned char little_endian[8];
  const auto bits = static_cast<std::uint64_t>(value);
  for (int i = 0; i < 8; ++i) little_endian[i] = static_cast<unsigned char>(bits >> (8 * i));
  crypto_generichash_update(&state, little_endian, sizeof little_endian);
}

// Variable-length fields carry their length first, so no two entries hash the same
// bytes by moving text from one field to the next.
void add_field(crypto_generichash_state& state, std::string_view text) {
  add_int64(state, static_cast<std::int64_t>(text.size()));
  add_bytes(state, text);
}

std::string finish(crypto_generichash_state& state) {
  std::string out(kAuditHashBytes, '\0');
  crypto_generichash_final(&state, reinterpret_cast<unsigned char*>(out.data()), out.size());
  return out;
}

crypto_generichash_state& as_state(unsigned char* storage) {
  return *reinterpret_cast<crypto_generichash_state*>(storage);
}

AuditVerification broken(AuditVerification report, std::int64_t position, std::string problem) {
  report.intact = false;
  report.first_bad_position = position;
  report.problem = std::move(problem);
  return report;
}

}  // namespace

std::string audit_genesis_hash() { return std::string(kAuditHashBytes, '\0'); }

std::string audit_entry_hash(std::string_view previous_hash, const AuditEntry& entry) {
  detail::ensure_sodium();
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, kAuditHashBytes);
  add_field(state, kChainDomain);
  add_field(state, previous_hash);
  add_int64(state, entry.seq);
  add_int64(state, entry.time.seconds);
  add_int64(state, entry.community_id);
  add_field(state, entry.actor);
  add_field(state, entry.action);
  add_field(state, entry.case_code);
  add_field(state, entry.digest);
  return finish(state);
}

CiphertextDigest::CiphertextDigest() {
  static_assert(sizeof(crypto_generichash_state) <= sizeof(state_));
  reset();
}

void CiphertextDigest::reset() {
  detail::ensure_sodium();
  crypto_generichash_init(&as_state(state_), nullptr, 0, kAuditHashBytes);
}

void CiphertextDigest::add(std::string_view ciphertext) { add_bytes(as_state(state_), ciphertext); }

std::string CiphertextDigest::take() {
  std::string digest = finish(as_state(state_));
  reset();
  return digest;
}

std::string digest_of_nothing() { return CiphertextDigest().take(); }

std::string format_audit_head(const AuditHead& head) { return std::to_string(head.seq) + ":" + to_hex(head.hash); }

Result<AuditHead> parse_audit_head(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.remove_suffix(1);
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  const Error malformed = field_error("head", "a saved head looks like 1042:<64 hex digits>");
  const std::size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0) return malformed;
  AuditHead head;
  const std::string_view seq_text = text.substr(0, colon);
  const auto [end, error] = std::from_chars(seq_text.data(), seq_text.data() + seq_text.size(), head.seq);
  if (error != std::errc() || end != seq_text.data() + seq_text.size() || head.seq < 1) return malformed;
  const std::string_view hex = text.substr(colon + 1);
  if (hex.size() != 2 * kAuditHashBytes) return malformed;
  auto bytes = from_hex(hex);
  if (!bytes.ok()) return malformed;
  head.hash = std::move(*bytes);
  return head;
}

AuditVerification verify_audit_chain(const std::vector<AuditEntry>& entries, const std::optional<AuditHead>& saved) {
  AuditVerification report;
  std::string previous = audit_genesis_hash();
  for (std::size_t index = 0; index < entries.size(); ++index) {
    const AuditEntry& entry = entries[index];
    const auto position = static_cast<std::int64_t>(index) + 1;
    if (entry.seq != position) {
      return broken(report, position,
                    entry.seq > position ? "entry " + std::to_string(position) + " is missing (the log goes on at " +
                                               std::to_string(entry.seq) + ")"
                                         : "entry " + std::to_string(entry.seq) + " appears at position " +
                                               std::to_string(position) + " (inserted or out of order)");
    }
    if (audit_entry_hash(previous, entry) != entry.hash) {
      return broken(report, position,
                    "entry " + std::to_string(position) + " does not match its hash (changed, inserted or moved)");
    }
    previous = entry.hash;
    report.entries_checked = position;
  }
  if (!entries.empty()) report.head = AuditHead{entries.back().seq, entries.back().hash};
  if (!saved) return report;
  const auto length = static_cast<std::int64_t>(entries.size());
  if (saved->seq > length) {
    return broken(report, length + 1,
                  "the log ends at entry " + std::to_string(length) + ", before the saved head at entry " +
                      std::to_string(saved->seq) + " (entries removed from the end)");
  }
  if (entries[static_cast<std::size_t>(saved->seq - 1)].hash != saved->hash) {
    return broken(report, saved->seq,
                  "entry " + std::to_string(saved->seq) +
                      " no longer carries the saved head's hash (the log was rewritten up to there)");
  }
  return report;
}

}  // namespace conduct::crypto
