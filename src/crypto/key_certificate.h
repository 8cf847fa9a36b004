// Certificates over member public keys, and the community root key (docs/security.md "Member
// keys"). `conduct init` creates the root key; its fingerprint is pinned in the server
// config, outside the database. The root certifies the chairs' keys; a chair certifies
// members' keys. Intake and grants wrap only to keys whose chain verifies against the
// pinned fingerprint, so whoever can write the database cannot slip in a key.
//
// A certificate says only "this issuer vouches that these keys belong to `subject` as
// of `issued_at`". Whether the subject of a chair certificate currently holds the
// chair role, and whether a certificate is too old, are for the caller (app layer) to
// decide from its own records. Put the community in `subject` (for example
// "community:3/member:17") so a certificate cannot be replayed in another community.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"
#include "crypto/member_keys.h"
#include "crypto/secret_bytes.h"

namespace conduct::crypto {

inline constexpr std::size_t kSignatureBytes = 64;

struct KeyCertificate {
  std::string subject;             // who the keys belong to; any bytes
  std::string box_public;          // X25519, 32 bytes
  std::string sign_public;         // Ed25519, 32 bytes
  std::int64_t issued_at = 0;      // Unix seconds
  std::string issuer_sign_public;  // Ed25519 key that signed, 32 bytes
  std::string signature;           // Ed25519 detached signature, 64 bytes
};

// The community root key: an Ed25519 pair whose only job is to certify chairs' keys.
// Move-only. Kept offline in the recovery kit, never in the database.
struct RootKey {
  std::string sign_public;
  SecretBytes sign_secret;
};

// The exact bytes a certificate's signature covers. Every field is length-prefixed so
// that no two different certificates share an encoding:
//   u32be(19) "conduct-key-cert-v1"
//   u32be(n) subject, u32be(32) box_public, u32be(32) sign_public,
//   i64be issued_at (two's complement), u32be(32) issuer_sign_public.
// (Lengths are written as given; a subject longer than 4 GiB is not supported.)
std::string certificate_message(std::string_view subject, std::string_view box_public, std::string_view sign_public,
                                std::int64_t issued_at, std::string_view issuer_sign_public);

// Signs a certificate for the given public keys with `issuer`'s Ed25519 key: a chair's
// member keys when certifying members, the root key when certifying chairs. The
// subject's keys are not validated here; verify_certificate checks their lengths.
// Precondition, checked (a violation aborts): the issuer's secret key is 64 bytes.
KeyCertificate certify(const std::string& subject, std::string_view box_public, std::string_view sign_public,
                       std::int64_t issued_at, const MemberKeyPair& issuer);
KeyCertificate certify(const std::string& subject, std::string_view box_public, std::string_view sign_public,
                       std::int64_t issued_at, const RootKey& issuer);

// Accepts `certificate` when its issuer is `expected_issuer_sign_public` and its
// signature verifies over certificate_message(...). Errors: InvalidArgument when a
// key or the signature has the wrong length; PermissionDenied "issuer does not match"
// or "certificate signature does not verify".
Status verify_certificate(const KeyCertificate& certificate, std::string_view expected_issuer_sign_public);

// A fresh root key from libsodium's CSPRNG.
RootKey generate_root_key();

// The fingerprint people compare and paste into the config: the first 16 bytes of
// BLAKE2b-256(sign_public) as 32 lower-case hex digits in 8 groups of 4 separated by
// single spaces, e.g. "3f2a 9c01 77de 0b45 a1c3 5e60 d2f8 4b19" (39 characters).
std::string fingerprint(std::string_view sign_public);

// Whether two written fingerprints name the same key: hex digits compared ignoring
// spaces and letter case; text with anything else in it matches nothing.
bool same_fingerprint(std::string_view a, std::string_view b);

// Verifies the chain root -> chair -> member:
//   1. the root key is chair_cert.issuer_sign_public, and its fingerprint equals
//      `pinned_root_fingerprint` (compared ignoring spaces and letter case);
//   2. chair_cert is signed by that root key;
//   3. member_cert is issued by chair_cert.sign_public, or directly by the root key,
//      and its signature verifies.
// For a member certified directly by the root (a chair's own certificate), pass that
// certificate as both arguments. Errors: InvalidArgument when the pinned fingerprint
// is not 32 hex digits or a certificate field has the wrong length; PermissionDenied
// "root key does not match the pinned fingerprint", "issuer does not match" or
// "certificate signature does not verify".
Status verify_chain(const KeyCertificate& member_cert, const KeyCertificate& chair_cert,
                    std::string_view pinned_root_fingerprint);

}  // namespace conduct::crypto
