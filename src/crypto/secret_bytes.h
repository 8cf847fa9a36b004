// SecretBytes holds key material and other secrets; the encoding helpers turn bytes
// into text for cookies, URLs, configuration and the database, and back.
//
// Every secret in src/crypto (private keys, derived keys, session keys, opened
// plaintext) travels as SecretBytes, so it is wiped from memory when its owner lets go
// of it. Public values (public keys, verifiers, signatures, ids) are plain std::string,
// which is binary-safe.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"

namespace conduct::crypto {

// An owned buffer of secret bytes. Move-only: a secret is never copied by accident; a
// moved-from SecretBytes is empty. The memory is overwritten with zeros
// (sodium_memzero) when the object is destroyed or assigned over. It is not locked
// into RAM, so it may reach swap; the deployment guide says to run without swap or
// with encrypted swap.
class SecretBytes {
 public:
  // An empty secret (size 0).
  SecretBytes() = default;
  // `size` zero bytes, to be filled through data().
  explicit SecretBytes(std::size_t size);
  // A copy of `bytes`. The caller remains responsible for wiping its own copy.
  static SecretBytes copy_of(std::string_view bytes);
  // `size` bytes from libsodium's CSPRNG.
  static SecretBytes random(std::size_t size);

  SecretBytes(SecretBytes&& other) noexcept;
  SecretBytes& operator=(SecretBytes&& other) noexcept;
  SecretBytes(const SecretBytes&) = delete;
  SecretBytes& operator=(const SecretBytes&) = delete;
  ~SecretBytes();

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  unsigned char* data() { return bytes_.get(); }
  const unsigned char* data() const { return bytes_.get(); }
  // A view of the bytes, valid while this object lives and is not moved from. Copying
  // the view into a std::string makes an unwiped copy; do that only at the boundary
  // where the secret must leave as text (a cookie).
  std::string_view view() const;

  // Equal sizes and equal bytes. The bytes are compared in constant time
  // (sodium_memcmp); the sizes, which are not secret, are compared first.
  friend bool operator==(const SecretBytes& a, const SecretBytes& b);

 private:
  void wipe();

  std::unique_ptr<unsigned char[]> bytes_;
  std::size_t size_ = 0;
};

// URL-safe base64 without padding (RFC 4648 §5; libsodium's URLSAFE_NO_PADDING
// variant): the alphabet A–Z a–z 0–9 - _, safe in cookies, URLs and file names.
std::string to_base64(std::string_view bytes);
// The inverse of to_base64. Errors: InvalidArgument when `text` has a character outside
// the alphabet, padding, whitespace, an impossible length, or non-zero trailing bits
// (so every byte string has exactly one accepted encoding). The message never repeats
// the input.
Result<std::string> from_base64(std::string_view text);
// As from_base64, but decodes straight into SecretBytes so a secret (a session token)
// never sits in an unwiped buffer.
Result<SecretBytes> secret_from_base64(std::string_view text);

// Lower-case hexadecimal, two characters a byte.
std::string to_hex(std::string_view bytes);
// The inverse of to_hex; upper-case digits are accepted too. Errors: InvalidArgument
// for an odd length or a character that is not a hex digit.
Result<std::string> from_hex(std::string_view text);

}  // namespace conduct::crypto
