#include "crypto/secretbox.h"

#include <sodium.h>

#include "crypto/detail.h"

namespace conduct::crypto {

static_assert(crypto_aead_xchacha20poly1305_ietf_KEYBYTES == kSecretboxKeyBytes);
static_assert(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES == kSecretboxNonceBytes);
static_assert(crypto_aead_xchacha20poly1305_ietf_ABYTES == kSecretboxTagBytes);

namespace {

const unsigned char* bytes_of(std::string_view text) { return reinterpret_cast<const unsigned char*>(text.data()); }

}  // namespace

std::string seal_with_key(const SecretBytes& key32, std::string_view plaintext, std::string_view associated_data) {
  detail::require(key32.size() == kSecretboxKeyBytes, "seal_with_key: the key must be 32 bytes");
  detail::ensure_sodium();
  std::string sealed(kSecretboxOverheadBytes + plaintext.size(), '\0');
  auto* nonce = reinterpret_cast<unsigned char*>(sealed.data());
  randombytes_buf(nonce, kSecretboxNonceBytes);
  unsigned long long ciphertext_length = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(nonce + kSecretboxNonceBytes, &ciphertext_length, bytes_of(plaintext),
                                             plaintext.size(), bytes_of(associated_data), associated_data.size(),
                                             nullptr, nonce, key32.data());
  detail::require(ciphertext_length == plaintext.size() + kSecretboxTagBytes, "seal_with_key: unexpected length");
  return sealed;
}

Result<SecretBytes> open_with_key(const SecretBytes& key32, std::string_view sealed, std::string_view associated_data) {
  if (key32.size() != kSecretboxKeyBytes) return invalid_argument("the sealing key must be 32 bytes");
  if (sealed.size() < kSecretboxOverheadBytes) return invalid_argument("sealed value is too short");
  detail::ensure_sodium();
  const std::string_view nonce = sealed.substr(0, kSecretboxNonceBytes);
  const std::string_view ciphertext = sealed.substr(kSecretboxNonceBytes);
  SecretBytes plaintext(ciphertext.size() - kSecretboxTagBytes);
  unsigned long long plaintext_length = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(plaintext.data(), &plaintext_length, nullptr, bytes_of(ciphertext),
                                                 ciphertext.size(), bytes_of(associated_data), associated_data.size(),
                                                 bytes_of(nonce), key32.data()) != 0)
    return permission_denied("sealed value does not open");
  return plaintext;
}

}  // namespace conduct::crypto
