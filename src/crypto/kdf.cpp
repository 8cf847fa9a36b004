#include "crypto/kdf.h"

#include <sodium.h>

#include "crypto/detail.h"

namespace conduct::crypto {

static_assert(crypto_kdf_KEYBYTES == kMasterKeyBytes);
static_assert(crypto_kdf_BYTES_MIN == kSubkeyMinBytes);
static_assert(crypto_kdf_BYTES_MAX == kSubkeyMaxBytes);
static_assert(crypto_kdf_CONTEXTBYTES == 8);

SecretBytes derive_subkey(const SecretBytes& master32, std::uint64_t subkey_id, const char (&context)[9],
                          std::size_t length) {
  detail::require(master32.size() == kMasterKeyBytes, "derive_subkey: the master key must be 32 bytes");
  detail::require(length >= kSubkeyMinBytes && length <= kSubkeyMaxBytes,
                  "derive_subkey: the subkey length must be 16 to 64 bytes");
  detail::ensure_sodium();
  SecretBytes subkey(length);
  const int rc = crypto_kdf_derive_from_key(subkey.data(), length, subkey_id, context, master32.data());
  detail::require(rc == 0, "derive_subkey: crypto_kdf_derive_from_key failed");
  return subkey;
}

}  // namespace conduct::crypto
