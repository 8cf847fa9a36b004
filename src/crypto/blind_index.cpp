#include "crypto/blind_index.h"

#include "crypto/kdf.h"

#include <sodium.h>

#include "core/text.h"
#include "crypto/detail.h"

namespace conduct::crypto {

BlindIndexer::BlindIndexer(SecretBytes key) : key_(std::move(key)) {
  detail::require(key_.size() == kIndexKeyBytes, "BlindIndexer: the index key must be 32 bytes");
}

SecretBytes BlindIndexer::derived_key(const char (&context)[9]) const {
  return derive_subkey(key_, kDefaultSubkeyId, context, kMasterKeyBytes);
}

std::string BlindIndexer::index(std::string_view kind, std::string_view normalised_value) const {
  if (normalised_value.empty()) return {};
  detail::ensure_sodium();
  crypto_generichash_state state;
  crypto_generichash_init(&state, key_.data(), key_.size(), kBlindIndexBytes);
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(kind.data()), kind.size());
  const unsigned char separator = 0;
  crypto_generichash_update(&state, &separator, 1);
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(normalised_value.data()),
                            normalised_value.size());
  std::string digest(kBlindIndexBytes, '\0');
  crypto_generichash_final(&state, reinterpret_cast<unsigned char*>(digest.data()), digest.size());
  return digest;
}

SecretBytes new_index_key() { return SecretBytes::random(kIndexKeyBytes); }

std::string format_index_key(const SecretBytes& key) { return to_base64(key.view()); }

Result<SecretBytes> parse_index_key(std::string_view text) {
  const Error wrong = invalid_argument("the index key must be 32 bytes written as 43 characters of base64url");
  auto key = secret_from_base64(trim(text));
  if (!key.ok() || key->size() != kIndexKeyBytes) return wrong;
  return std::move(key).value();
}

}  // namespace conduct::crypto
