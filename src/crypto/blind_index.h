// Blind indexes (docs/security.md "What works without anyone signed in"): keyed BLAKE2b
// hashes of normalised emails, handles, names and employers, so the server can find
// repeat reports on a person, members who are parties and shared employers without
// unsealing anything. The index key comes from the environment or the configuration,
// never from the database or a backup: a stolen database alone cannot test guesses
// against the indexes.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "crypto/secret_bytes.h"

namespace conduct::crypto {

inline constexpr std::size_t kIndexKeyBytes = 32;
inline constexpr std::size_t kBlindIndexBytes = 32;

class BlindIndexer {
 public:
  // Precondition, checked (a violation aborts): key.size() == 32.
  explicit BlindIndexer(SecretBytes key);
  // BLAKE2b-256 keyed with the index key over `kind` (e.g. "contact", "name"), a zero
  // byte and `normalised_value`. Distinct kinds never share a hash. The empty value
  // has no index: the result is empty, and empty never matches.
  std::string index(std::string_view kind, std::string_view normalised_value) const;
  // A 32-byte key for another use of the same server secret (kdf.h lists the contexts:
  // the mail queue's key). Independent of every index and of every other context.
  SecretBytes derived_key(const char (&context)[9]) const;

 private:
  SecretBytes key_;
};

// A fresh index key from libsodium's CSPRNG.
SecretBytes new_index_key();
// The key as written in a key file or CONDUCT_INDEX_KEY: 43 characters of base64url.
std::string format_index_key(const SecretBytes& key);
// The inverse of format_index_key (surrounding whitespace ignored). Errors:
// InvalidArgument when the text is not base64url or not 32 bytes; the message never
// repeats the text.
Result<SecretBytes> parse_index_key(std::string_view text);

}  // namespace conduct::crypto
