// Per-case keys (docs/security.md "Per-case keys"). Every confidential field of a case is
// sealed under the case's own 32-byte key with XChaCha20-Poly1305; the associated data
// names the community, the case, the record, the field and the key version, so a
// sealed value moved anywhere else does not open. A case's key changes (a new version)
// when a holder is removed; older values keep the version they were sealed under.
//
// Format of a sealed case value: the tag byte 0xC5, the key version as 4 bytes
// big-endian, then seal_with_key's output (nonce, ciphertext, tag): 45 bytes longer
// than the plaintext. The empty string is stored as the empty string: it needs no key
// (so a member who holds no key may write a record whose confidential fields are
// empty) and reveals nothing its length would not.
//
// CaseKeyring is the Sealer the store uses in production: it holds the case keys a use
// case has unlocked (from the signed-in member's wraps) or made (at intake), and seals
// and opens with them. Nothing in it is ever written anywhere.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"
#include "crypto/sealer.h"
#include "crypto/secret_bytes.h"

namespace conduct::crypto {

inline constexpr std::size_t kCaseKeyBytes = 32;
inline constexpr unsigned char kSealedCaseValueTag = 0xC5;
inline constexpr std::size_t kSealedCaseValueOverhead = 45;

// A fresh case key from libsodium's CSPRNG.
SecretBytes new_case_key();

// The associated data a sealed case value is bound to.
std::string case_value_associated_data(const SealContext& context, std::uint32_t key_version);

// Seals `plaintext` for `context` under `key`, version `key_version`.
// Precondition, checked (a violation aborts): key.size() == 32.
std::string seal_case_value(const SecretBytes& key, std::uint32_t key_version, const SealContext& context,
                            std::string_view plaintext);

// The key version a sealed value names. Errors: InvalidArgument when `sealed` is not
// a sealed case value (wrong tag, too short).
Result<std::uint32_t> sealed_key_version(std::string_view sealed);

// Opens a value made by seal_case_value. Errors: InvalidArgument for a malformed value;
// PermissionDenied when it does not open under this key and context.
Result<std::string> open_case_value(const SecretBytes& key, const SealContext& context, std::string_view sealed);

class CaseKeyring final : public Sealer {
 public:
  // Holds `key` as version `version` of the case's key. `current` makes it the version
  // new values are sealed with. Precondition, checked: key.size() == 32.
  void hold(std::int64_t community_id, std::string_view case_code, std::uint32_t version, SecretBytes key,
            bool current);
  bool holds(std::int64_t community_id, std::string_view case_code, std::uint32_t version) const;
  // The key of that version, or nullptr when it is not held.
  const SecretBytes* key(std::int64_t community_id, std::string_view case_code, std::uint32_t version) const;
  // The version new values of the case are sealed with, if one is held as current.
  std::optional<std::uint32_t> current_version(std::int64_t community_id, std::string_view case_code) const;
  // Every version held for the case, oldest first.
  std::vector<std::uint32_t> versions(std::int64_t community_id, std::string_view case_code) const;
  void forget(std::int64_t community_id, std::string_view case_code);
  void forget_all();

  // Errors: PermissionDenied "the case's key is not held" when no current key is held
  // for a non-empty value.
  Result<std::string> seal(const SealContext& context, std::string_view plaintext) override;
  // Errors: PermissionDenied when the version's key is not held or the value does not
  // open; InvalidArgument for a value that is not a sealed case value.
  Result<std::string> open(const SealContext& context, std::string_view sealed) override;

 private:
  struct CaseKeys {
    std::map<std::uint32_t, SecretBytes> by_version;
    std::optional<std::uint32_t> current;
  };
  using CaseId = std::pair<std::int64_t, std::string>;
  const CaseKeys* find(std::int64_t community_id, std::string_view case_code) const;

  std::map<CaseId, CaseKeys> cases_;
};

}  // namespace conduct::crypto
