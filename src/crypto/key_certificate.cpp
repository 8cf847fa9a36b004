#include "crypto/key_certificate.h"

#include <sodium.h>

#include "crypto/detail.h"

namespace conduct::crypto {

static_assert(crypto_sign_BYTES == kSignatureBytes);

namespace {

constexpr std::string_view kCertificateTag = "conduct-key-cert-v1";
constexpr std::size_t kFingerprintHexDigits = 32;

const unsigned char* bytes_of(std::string_view text) { return reinterpret_cast<const unsigned char*>(text.data()); }

void append_u32(std::string& out, std::uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>((value >> shift) & 0xFF));
}

void append_field(std::string& out, std::string_view field) {
  append_u32(out, static_cast<std::uint32_t>(field.size()));
  out.append(field);
}

KeyCertificate sign_certificate(const std::string& subject, std::string_view box_public, std::string_view sign_public,
                                std::int64_t issued_at, std::string_view issuer_public,
                                const SecretBytes& issuer_secret) {
  detail::require(issuer_secret.size() == kSignSecretKeyBytes, "certify: the issuer's secret key must be 64 bytes");
  detail::ensure_sodium();
  KeyCertificate certificate{subject,   std::string(box_public),    std::string(sign_public),
                             issued_at, std::string(issuer_public), std::string(kSignatureBytes, '\0')};
  const std::string message = certificate_message(subject, box_public, sign_public, issued_at, issuer_public);
  crypto_sign_detached(reinterpret_cast<unsigned char*>(certificate.signature.data()), nullptr, bytes_of(message),
                       message.size(), issuer_secret.data());
  return certificate;
}

// Lower-case hex digits with spaces removed; empty when anything else is present.
std::string normalise_fingerprint(std::string_view text) {
  std::string digits;
  for (const char c : text) {
    if (c == ' ') continue;
    if (c >= '0' && c <= '9')
      digits.push_back(c);
    else if (c >= 'a' && c <= 'f')
      digits.push_back(c);
    else if (c >= 'A' && c <= 'F')
      digits.push_back(static_cast<char>(c - 'A' + 'a'));
    else
      return {};
  }
  return digits;
}

}  // namespace

std::string certificate_message(std::string_view subject, std::string_view box_public, std::string_view sign_public,
                                std::int64_t issued_at, std::string_view issuer_sign_public) {
  std::string message;
  append_field(message, kCertificateTag);
  append_field(message, subject);
  append_field(message, box_public);
  append_field(message, sign_public);
  const auto time = static_cast<std::uint64_t>(issued_at);
  append_u32(message, static_cast<std::uint32_t>(time >> 32));
  append_u32(message, static_cast<std::uint32_t>(time & 0xFFFFFFFFu));
  append_field(message, issuer_sign_public);
  return message;
}

KeyCertificate certify(const std::string& subject, std::string_view box_public, std::string_view sign_public,
                       std::int64_t issued_at, const MemberKeyPair& issuer) {
  return sign_certificate(subject, box_public, sign_public, issued_at, issuer.sign_public, issuer.sign_secret);
}

KeyCertificate certify(const std::string& subject, std::string_view box_public, std::string_view sign_public,
                       std::int64_t issued_at, const RootKey& issuer) {
  return sign_certificate(subject, box_public, sign_public, issued_at, issuer.sign_public, issuer.sign_secret);
}

Status verify_certificate(const KeyCertificate& certificate, std::string_view expected_issuer_sign_public) {
  if (certificate.box_public.size() != kBoxPublicKeyBytes || certificate.sign_public.size() != kSignPublicKeyBytes ||
      certificate.issuer_sign_public.size() != kSignPublicKeyBytes || certificate.signature.size() != kSignatureBytes)
    return invalid_argument("certificate has a field of the wrong length");
  if (certificate.issuer_sign_public != expected_issuer_sign_public) return permission_denied("issuer does not match");
  detail::ensure_sodium();
  const std::string message = certificate_message(certificate.subject, certificate.box_public, certificate.sign_public,
                                                  certificate.issued_at, certificate.issuer_sign_public);
  if (crypto_sign_verify_detached(bytes_of(certificate.signature), bytes_of(message), message.size(),
                                  bytes_of(certificate.issuer_sign_public)) != 0)
    return permission_denied("certificate signature does not verify");
  return ok_status();
}

RootKey generate_root_key() {
  detail::ensure_sodium();
  RootKey root{std::string(kSignPublicKeyBytes, '\0'), SecretBytes(kSignSecretKeyBytes)};
  crypto_sign_keypair(reinterpret_cast<unsigned char*>(root.sign_public.data()), root.sign_secret.data());
  return root;
}

std::string fingerprint(std::string_view sign_public) {
  detail::ensure_sodium();
  unsigned char digest[crypto_generichash_BYTES];
  static_assert(crypto_generichash_BYTES == 32);
  crypto_generichash(digest, sizeof digest, bytes_of(sign_public), sign_public.size(), nullptr, 0);
  char hex[2 * sizeof digest + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  std::string grouped;
  for (std::size_t at = 0; at < kFingerprintHexDigits; at += 4) {
    if (at > 0) grouped.push_back(' ');
    grouped.append(hex + at, 4);
  }
  return grouped;
}

bool same_fingerprint(std::string_view a, std::string_view b) {
  const std::string normal = normalise_fingerprint(a);
  return !normal.empty() && normal == normalise_fingerprint(b);
}

Status verify_chain(const KeyCertificate& member_cert, const KeyCertificate& chair_cert,
                    std::string_view pinned_root_fingerprint) {
  const std::string pinned = normalise_fingerprint(pinned_root_fingerprint);
  if (pinned.size() != kFingerprintHexDigits)
    return invalid_argument("the pinned root fingerprint must be 32 hexadecimal digits");
  const std::string& root_public = chair_cert.issuer_sign_public;
  if (root_public.size() != kSignPublicKeyBytes) return invalid_argument("certificate has a field of the wrong length");
  if (normalise_fingerprint(fingerprint(root_public)) != pinned)
    return permission_denied("root key does not match the pinned fingerprint");
  TRY(verify_certificate(chair_cert, root_public));
  if (member_cert.issuer_sign_public != chair_cert.sign_public && member_cert.issuer_sign_public != root_public)
    return permission_denied("issuer does not match");
  return verify_certificate(member_cert, member_cert.issuer_sign_public);
}

}  // namespace conduct::crypto
