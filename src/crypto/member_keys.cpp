#include "crypto/member_keys.h"

#include <sodium.h>

#include <array>
#include <cstring>
#include <mutex>
#include <set>

#include "crypto/detail.h"
#include "crypto/secretbox.h"

namespace conduct::crypto {

static_assert(crypto_box_PUBLICKEYBYTES == kBoxPublicKeyBytes);
static_assert(crypto_box_SECRETKEYBYTES == kBoxSecretKeyBytes);
static_assert(crypto_sign_PUBLICKEYBYTES == kSignPublicKeyBytes);
static_assert(crypto_sign_SECRETKEYBYTES == kSignSecretKeyBytes);
static_assert(crypto_box_SEALBYTES == kBoxSealOverheadBytes);

namespace {

constexpr std::size_t kSealedKeysPlaintextBytes = kBoxSecretKeyBytes + kSignSecretKeyBytes;

const unsigned char* bytes_of(std::string_view text) { return reinterpret_cast<const unsigned char*>(text.data()); }

std::string private_keys_associated_data(std::string_view associated_data) {
  return "conduct-private-keys-v1\n" + std::string(associated_data);
}

// True when `keys`' secret halves produce its public halves.
bool secrets_derive_publics(const MemberKeyPair& keys) {
  unsigned char box_public[kBoxPublicKeyBytes];
  if (crypto_scalarmult_base(box_public, keys.box_secret.data()) != 0) return false;
  unsigned char sign_public[kSignPublicKeyBytes];
  SecretBytes sign_secret(kSignSecretKeyBytes);
  // Rebuild the Ed25519 pair from its seed rather than trusting the public key that
  // libsodium keeps inside the secret key.
  crypto_sign_seed_keypair(sign_public, sign_secret.data(), keys.sign_secret.data());
  return sodium_memcmp(box_public, bytes_of(keys.box_public), kBoxPublicKeyBytes) == 0 &&
         sodium_memcmp(sign_public, bytes_of(keys.sign_public), kSignPublicKeyBytes) == 0 &&
         sign_secret == keys.sign_secret;
}

// secrets_derive_publics, remembering the pairs that matched: a signed-in member's
// keys are opened for every request, and the two scalar multiplications would
// otherwise be a tenth of a case list's work. The memo holds, for each pair that
// matched, a keyed BLAKE2b of its four halves under a key drawn once per process, so
// nothing in it opens or reveals a key; it is emptied when it grows past a bound.
bool secrets_match_publics(const MemberKeyPair& keys) {
  static const SecretBytes memo_key = [] {
    detail::ensure_sodium();
    SecretBytes key(crypto_generichash_KEYBYTES);
    randombytes_buf(key.data(), key.size());
    return key;
  }();
  static std::mutex mutex;
  static std::set<std::array<unsigned char, 32>> matched;
  std::array<unsigned char, 32> digest{};
  crypto_generichash_state state;
  crypto_generichash_init(&state, memo_key.data(), memo_key.size(), digest.size());
  for (const std::string_view half : {keys.box_secret.view(), keys.sign_secret.view(),
                                      std::string_view(keys.box_public), std::string_view(keys.sign_public)}) {
    const unsigned char length = static_cast<unsigned char>(half.size());
    crypto_generichash_update(&state, &length, 1);
    crypto_generichash_update(&state, bytes_of(half), half.size());
  }
  crypto_generichash_final(&state, digest.data(), digest.size());
  {
    const std::lock_guard<std::mutex> lock(mutex);
    if (matched.count(digest)) return true;
  }
  if (!secrets_derive_publics(keys)) return false;
  const std::lock_guard<std::mutex> lock(mutex);
  if (matched.size() >= 4096) matched.clear();
  matched.insert(digest);
  return true;
}

}  // namespace

MemberKeyPair generate_member_keys() {
  detail::ensure_sodium();
  MemberKeyPair keys{std::string(kBoxPublicKeyBytes, '\0'), SecretBytes(kBoxSecretKeyBytes),
                     std::string(kSignPublicKeyBytes, '\0'), SecretBytes(kSignSecretKeyBytes)};
  crypto_box_keypair(reinterpret_cast<unsigned char*>(keys.box_public.data()), keys.box_secret.data());
  crypto_sign_keypair(reinterpret_cast<unsigned char*>(keys.sign_public.data()), keys.sign_secret.data());
  return keys;
}

BoxKeyPair generate_box_keys() {
  detail::ensure_sodium();
  BoxKeyPair keys{std::string(kBoxPublicKeyBytes, '\0'), SecretBytes(kBoxSecretKeyBytes)};
  crypto_box_keypair(reinterpret_cast<unsigned char*>(keys.box_public.data()), keys.box_secret.data());
  return keys;
}

std::string seal_private_keys(const MemberKeyPair& keys, const SecretBytes& sealing_key,
                              std::string_view associated_data) {
  detail::require(keys.box_secret.size() == kBoxSecretKeyBytes && keys.sign_secret.size() == kSignSecretKeyBytes,
                  "seal_private_keys: malformed key pair");
  SecretBytes plaintext(kSealedKeysPlaintextBytes);
  std::memcpy(plaintext.data(), keys.box_secret.data(), kBoxSecretKeyBytes);
  std::memcpy(plaintext.data() + kBoxSecretKeyBytes, keys.sign_secret.data(), kSignSecretKeyBytes);
  return seal_with_key(sealing_key, plaintext.view(), private_keys_associated_data(associated_data));
}

Result<MemberKeyPair> open_private_keys(std::string_view box_public, std::string_view sign_public,
                                        std::string_view sealed, const SecretBytes& sealing_key,
                                        std::string_view associated_data) {
  if (box_public.size() != kBoxPublicKeyBytes || sign_public.size() != kSignPublicKeyBytes)
    return invalid_argument("public key has the wrong length");
  ASSIGN_OR_RETURN(const SecretBytes plaintext,
                   open_with_key(sealing_key, sealed, private_keys_associated_data(associated_data)));
  if (plaintext.size() != kSealedKeysPlaintextBytes) return invalid_argument("sealed private keys are malformed");
  MemberKeyPair keys{std::string(box_public), SecretBytes::copy_of(plaintext.view().substr(0, kBoxSecretKeyBytes)),
                     std::string(sign_public), SecretBytes::copy_of(plaintext.view().substr(kBoxSecretKeyBytes))};
  if (!secrets_match_publics(keys)) return permission_denied("private keys do not match the public keys");
  return keys;
}

Result<std::string> box_seal(std::string_view recipient_box_public, std::string_view plaintext) {
  if (recipient_box_public.size() != kBoxPublicKeyBytes) return invalid_argument("public key has the wrong length");
  detail::ensure_sodium();
  std::string sealed(kBoxSealOverheadBytes + plaintext.size(), '\0');
  if (crypto_box_seal(reinterpret_cast<unsigned char*>(sealed.data()), bytes_of(plaintext), plaintext.size(),
                      bytes_of(recipient_box_public)) != 0)
    return invalid_argument("public key is not usable");
  return sealed;
}

Result<SecretBytes> box_open(const MemberKeyPair& keys, std::string_view sealed) {
  return box_open_with(keys.box_public, keys.box_secret, sealed);
}

Result<SecretBytes> box_open_with(std::string_view box_public, const SecretBytes& box_secret, std::string_view sealed) {
  if (box_public.size() != kBoxPublicKeyBytes || box_secret.size() != kBoxSecretKeyBytes)
    return invalid_argument("key pair is malformed");
  if (sealed.size() < kBoxSealOverheadBytes) return invalid_argument("sealed box is too short");
  detail::ensure_sodium();
  SecretBytes plaintext(sealed.size() - kBoxSealOverheadBytes);
  if (crypto_box_seal_open(plaintext.data(), bytes_of(sealed), sealed.size(), bytes_of(box_public),
                           box_secret.data()) != 0)
    return permission_denied("sealed box does not open");
  return plaintext;
}

}  // namespace conduct::crypto
