#include "crypto/secret_bytes.h"

#include <sodium.h>

#include <cstring>
#include <utility>

#include "crypto/detail.h"

namespace conduct::crypto {

SecretBytes::SecretBytes(std::size_t size) : bytes_(new unsigned char[size]()), size_(size) {}

SecretBytes SecretBytes::copy_of(std::string_view bytes) {
  SecretBytes secret(bytes.size());
  if (!bytes.empty()) std::memcpy(secret.data(), bytes.data(), bytes.size());
  return secret;
}

SecretBytes SecretBytes::random(std::size_t size) {
  detail::ensure_sodium();
  SecretBytes secret(size);
  randombytes_buf(secret.data(), size);
  return secret;
}

SecretBytes::SecretBytes(SecretBytes&& other) noexcept
    : bytes_(std::move(other.bytes_)), size_(std::exchange(other.size_, 0)) {}

SecretBytes& SecretBytes::operator=(SecretBytes&& other) noexcept {
  if (this != &other) {
    wipe();
    bytes_ = std::move(other.bytes_);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

SecretBytes::~SecretBytes() { wipe(); }

void SecretBytes::wipe() {
  if (bytes_) sodium_memzero(bytes_.get(), size_);
  bytes_.reset();
  size_ = 0;
}

std::string_view SecretBytes::view() const {
  if (size_ == 0) return {};
  return {reinterpret_cast<const char*>(bytes_.get()), size_};
}

bool operator==(const SecretBytes& a, const SecretBytes& b) {
  if (a.size_ != b.size_) return false;
  if (a.size_ == 0) return true;
  return sodium_memcmp(a.data(), b.data(), a.size_) == 0;
}

std::string to_base64(std::string_view bytes) {
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string text(sodium_base64_ENCODED_LEN(bytes.size(), kVariant), '\0');
  sodium_bin2base64(text.data(), text.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    kVariant);
  text.resize(text.size() - 1);  // the encoder writes a terminating NUL
  return text;
}

namespace {

bool is_base64url_character(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

// Decodes into `out` (capacity at least 3/4 of the input); returns the decoded length.
Result<std::size_t> decode_base64_into(std::string_view text, unsigned char* out, std::size_t capacity) {
  // libsodium 1.0.18 reads every byte from 0x80 up as '_' (its constant-time character
  // test assumes 7-bit input), so a token with such a byte in place of '_' would decode
  // as the real one. Checking the alphabet here keeps one accepted encoding per value.
  for (const char c : text)
    if (!is_base64url_character(c)) return invalid_argument("not valid URL-safe base64 without padding");
  std::size_t length = 0;
  // With no `b64_end`, libsodium refuses input it cannot consume entirely.
  if (sodium_base642bin(out, capacity, text.data(), text.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
    return invalid_argument("not valid URL-safe base64 without padding");
  return length;
}

}  // namespace

Result<std::string> from_base64(std::string_view text) {
  std::string bytes(text.size() * 3 / 4 + 1, '\0');
  ASSIGN_OR_RETURN(const std::size_t length,
                   decode_base64_into(text, reinterpret_cast<unsigned char*>(bytes.data()), bytes.size()));
  bytes.resize(length);
  return bytes;
}

Result<SecretBytes> secret_from_base64(std::string_view text) {
  SecretBytes buffer(text.size() * 3 / 4 + 1);
  ASSIGN_OR_RETURN(const std::size_t length, decode_base64_into(text, buffer.data(), buffer.size()));
  return SecretBytes::copy_of(buffer.view().substr(0, length));  // `buffer` is wiped on return
}

std::string to_hex(std::string_view bytes) {
  std::string text(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(text.data(), text.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  text.resize(bytes.size() * 2);
  return text;
}

Result<std::string> from_hex(std::string_view text) {
  if (text.size() % 2 != 0) return invalid_argument("hexadecimal text has an odd length");
  std::string bytes(text.size() / 2, '\0');
  std::size_t length = 0;
  if (sodium_hex2bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), text.data(), text.size(), nullptr,
                     &length, nullptr) != 0 ||
      length != bytes.size())
    return invalid_argument("not valid hexadecimal text");
  return bytes;
}

}  // namespace conduct::crypto
