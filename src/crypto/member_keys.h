// Member keys (docs/security.md "Member keys"): every account gets an X25519 key pair, to
// which case keys are wrapped (sealed boxes), and an Ed25519 key pair, for signing
// (certificates, approvals). The private halves are stored only sealed under the
// member's password sealing key (password.h) or, during a session, under the session
// key (session_token.h). Certificates over the public halves are in key_certificate.h.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.h"
#include "crypto/secret_bytes.h"

namespace conduct::crypto {

inline constexpr std::size_t kBoxPublicKeyBytes = 32;
inline constexpr std::size_t kBoxSecretKeyBytes = 32;
inline constexpr std::size_t kSignPublicKeyBytes = 32;
inline constexpr std::size_t kSignSecretKeyBytes = 64;  // libsodium's form: seed then public key
inline constexpr std::size_t kBoxSealOverheadBytes = 48;

// A member's two key pairs. Move-only, since the secret halves are SecretBytes.
struct MemberKeyPair {
  std::string box_public;   // X25519, 32 bytes
  SecretBytes box_secret;   // X25519, 32 bytes
  std::string sign_public;  // Ed25519, 32 bytes
  SecretBytes sign_secret;  // Ed25519, 64 bytes
};

// Fresh key pairs from libsodium's CSPRNG (crypto_box_keypair, crypto_sign_keypair).
MemberKeyPair generate_member_keys();

// Seals both secret keys (box secret, then sign secret: 96 bytes) with seal_with_key
// under `sealing_key` (32 bytes), bound to `associated_data` — pass what identifies
// the holder and the purpose, e.g. "community:3/member:17/password"; it is prefixed
// with the tag "conduct-private-keys-v1" so the blob never opens as another kind of
// sealed value. The public keys are stored in the clear beside it. Precondition, checked (a violation aborts): the
// key pair and the sealing key have the sizes above.
std::string seal_private_keys(const MemberKeyPair& keys, const SecretBytes& sealing_key,
                              std::string_view associated_data);

// Opens what seal_private_keys sealed and checks that the secret keys belong to
// `box_public` and `sign_public`, so a sealed blob swapped between rows is refused.
// Errors: InvalidArgument when a public key or the sealing key has the wrong size or
// the opened content is not 96 bytes; PermissionDenied "sealed value does not open"
// for a wrong key, other associated data or an altered value; PermissionDenied
// "private keys do not match the public keys" when they belong to another member.
Result<MemberKeyPair> open_private_keys(std::string_view box_public, std::string_view sign_public,
                                        std::string_view sealed, const SecretBytes& sealing_key,
                                        std::string_view associated_data);

// An X25519 key pair alone, for sealed boxes that no member opens with their own keys
// (a reporter thread's drop box, app/reporter_thread.h): fresh from libsodium's CSPRNG
// (crypto_box_keypair). Open what is sealed to it with box_open_with.
struct BoxKeyPair {
  std::string box_public;  // 32 bytes
  SecretBytes box_secret;  // 32 bytes
};
BoxKeyPair generate_box_keys();

// Anonymous sealed box (crypto_box_seal) to `recipient_box_public`: only the holder
// of the matching secret key can open it; the output is 48 bytes longer than the
// plaintext. Used to wrap case keys for their holders. Errors: InvalidArgument when
// the public key is not 32 bytes or is unusable (a low-order point).
Result<std::string> box_seal(std::string_view recipient_box_public, std::string_view plaintext);

// Opens a sealed box with `keys`' X25519 pair. Errors: InvalidArgument when `sealed`
// is shorter than 48 bytes or the key pair is malformed; PermissionDenied "sealed box
// does not open" when it was sealed to another key or altered.
Result<SecretBytes> box_open(const MemberKeyPair& keys, std::string_view sealed);
// The same with an X25519 pair given by its halves (the recovery key's).
Result<SecretBytes> box_open_with(std::string_view box_public, const SecretBytes& box_secret, std::string_view sealed);

}  // namespace conduct::crypto
