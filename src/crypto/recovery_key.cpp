#include "crypto/recovery_key.h"

#include <sodium.h>

#include <cctype>

#include "crypto/detail.h"
#include "crypto/member_keys.h"

namespace conduct::crypto {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr std::size_t kChecksumBytes = 3;
constexpr std::size_t kKitBytes = kBoxSecretKeyBytes + kChecksumBytes;  // 35 bytes = 56 characters
constexpr std::size_t kKitCharacters = kKitBytes * 8 / 5;

const unsigned char* bytes_of(std::string_view text) { return reinterpret_cast<const unsigned char*>(text.data()); }

std::string checksum(std::string_view secret) {
  std::string digest(kChecksumBytes, '\0');
  static const char kKey[] = "conduct-recovery-kit-v1";
  crypto_generichash(reinterpret_cast<unsigned char*>(digest.data()), digest.size(), bytes_of(secret), secret.size(),
                     reinterpret_cast<const unsigned char*>(kKey), sizeof kKey - 1);
  return digest;
}

std::string recovery_message(std::int64_t community_id, std::string_view box_public) {
  return "conduct-recovery-key-v1\n" + std::to_string(community_id) + "\n" + std::string(box_public);
}

int value_of(char c) {
  c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (c == '0') c = 'O';
  if (c == '1') c = 'I';
  if (c == '8') c = 'B';
  for (int i = 0; i < 32; ++i)
    if (kAlphabet[i] == c) return i;
  return -1;
}

}  // namespace

RecoveryKey generate_recovery_key() {
  detail::ensure_sodium();
  RecoveryKey key{std::string(kBoxPublicKeyBytes, '\0'), SecretBytes(kBoxSecretKeyBytes)};
  crypto_box_keypair(reinterpret_cast<unsigned char*>(key.box_public.data()), key.box_secret.data());
  return key;
}

std::string recovery_kit_text(const RecoveryKey& key) {
  detail::require(key.box_secret.size() == kBoxSecretKeyBytes, "recovery_kit_text: malformed recovery key");
  SecretBytes bytes(kKitBytes);
  std::copy(key.box_secret.data(), key.box_secret.data() + kBoxSecretKeyBytes, bytes.data());
  const std::string sum = checksum(key.box_secret.view());
  std::copy(sum.begin(), sum.end(), bytes.data() + kBoxSecretKeyBytes);
  std::string text;
  unsigned buffer = 0;
  int bits = 0;
  std::size_t written = 0;
  for (std::size_t i = 0; i < kKitBytes; ++i) {
    buffer = (buffer << 8) | bytes.data()[i];
    bits += 8;
    while (bits >= 5) {
      if (written > 0 && written % 4 == 0) text += '-';
      text += kAlphabet[(buffer >> (bits - 5)) & 31];
      bits -= 5;
      ++written;
    }
  }
  return text;
}

Result<RecoveryKey> parse_recovery_kit(std::string_view text) {
  const Error wrong = invalid_argument("the recovery kit is not complete or has a typing mistake");
  SecretBytes bytes(kKitBytes);
  unsigned buffer = 0;
  int bits = 0;
  std::size_t characters = 0, filled = 0;
  for (char c : text) {
    if (c == '-' || std::isspace(static_cast<unsigned char>(c))) continue;
    const int value = value_of(c);
    if (value < 0 || ++characters > kKitCharacters) return wrong;
    buffer = (buffer << 5) | static_cast<unsigned>(value);
    bits += 5;
    if (bits >= 8) {
      bytes.data()[filled++] = static_cast<unsigned char>((buffer >> (bits - 8)) & 0xFF);
      bits -= 8;
    }
  }
  if (characters != kKitCharacters || filled != kKitBytes) return wrong;
  RecoveryKey key{std::string(kBoxPublicKeyBytes, '\0'),
                  SecretBytes::copy_of(bytes.view().substr(0, kBoxSecretKeyBytes))};
  if (sodium_memcmp(bytes.data() + kBoxSecretKeyBytes, bytes_of(checksum(key.box_secret.view())), kChecksumBytes) != 0)
    return wrong;
  detail::ensure_sodium();
  crypto_scalarmult_base(reinterpret_cast<unsigned char*>(key.box_public.data()), key.box_secret.data());
  return key;
}

std::string sign_recovery_key(const RootKey& root, std::int64_t community_id, std::string_view box_public) {
  detail::require(root.sign_secret.size() == crypto_sign_SECRETKEYBYTES, "sign_recovery_key: malformed root key");
  detail::ensure_sodium();
  const std::string message = recovery_message(community_id, box_public);
  std::string signature(crypto_sign_BYTES, '\0');
  crypto_sign_detached(reinterpret_cast<unsigned char*>(signature.data()), nullptr, bytes_of(message), message.size(),
                       root.sign_secret.data());
  return signature;
}

Status verify_recovery_key(std::string_view root_sign_public, std::int64_t community_id, std::string_view box_public,
                           std::string_view signature) {
  if (root_sign_public.size() != crypto_sign_PUBLICKEYBYTES || box_public.size() != kBoxPublicKeyBytes ||
      signature.size() != crypto_sign_BYTES)
    return invalid_argument("recovery key or signature has the wrong length");
  detail::ensure_sodium();
  const std::string message = recovery_message(community_id, box_public);
  if (crypto_sign_verify_detached(bytes_of(signature), bytes_of(message), message.size(), bytes_of(root_sign_public)) !=
      0)
    return permission_denied("the recovery key's signature does not verify");
  return ok_status();
}

Result<SecretBytes> box_open(const RecoveryKey& key, std::string_view sealed) {
  return box_open_with(key.box_public, key.box_secret, sealed);
}

}  // namespace conduct::crypto
