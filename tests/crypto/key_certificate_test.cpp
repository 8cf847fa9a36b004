#include "crypto/key_certificate.h"

#include <gtest/gtest.h>

#include <cctype>
#include <functional>
#include <string>

namespace conduct::crypto {
namespace {

constexpr std::int64_t kIssuedAt = 1767225600;  // 2026-01-01T00:00:00Z

TEST(KeyCertificateTest, CertifiedKeysVerifyAgainstTheirIssuer) {
  const MemberKeyPair chair = generate_member_keys();
  const MemberKeyPair member = generate_member_keys();
  const KeyCertificate certificate =
      certify("community:1/member:7", member.box_public, member.sign_public, kIssuedAt, chair);
  EXPECT_EQ(certificate.subject, "community:1/member:7");
  EXPECT_EQ(certificate.issuer_sign_public, chair.sign_public);
  EXPECT_EQ(certificate.signature.size(), kSignatureBytes);
  EXPECT_TRUE(verify_certificate(certificate, chair.sign_public).ok());

  const Status other_issuer = verify_certificate(certificate, member.sign_public);
  ASSERT_FALSE(other_issuer.ok());
  EXPECT_EQ(other_issuer.error().code, ErrorCode::PermissionDenied);
  EXPECT_EQ(other_issuer.error().message, "issuer does not match");
}

TEST(KeyCertificateTest, EveryChangedFieldBreaksTheSignature) {
  const MemberKeyPair chair = generate_member_keys();
  const MemberKeyPair member = generate_member_keys();
  const MemberKeyPair intruder = generate_member_keys();
  const KeyCertificate original =
      certify("community:1/member:7", member.box_public, member.sign_public, kIssuedAt, chair);
  struct Case {
    const char* name;
    std::function<void(KeyCertificate&)> change;
    ErrorCode code;
  };
  const Case cases[] = {
      {"subject", [](KeyCertificate& c) { c.subject = "community:1/member:8"; }, ErrorCode::PermissionDenied},
      {"subject in another community", [](KeyCertificate& c) { c.subject = "community:2/member:7"; },
       ErrorCode::PermissionDenied},
      {"box key", [&](KeyCertificate& c) { c.box_public = intruder.box_public; }, ErrorCode::PermissionDenied},
      {"sign key", [&](KeyCertificate& c) { c.sign_public = intruder.sign_public; }, ErrorCode::PermissionDenied},
      {"issued at", [](KeyCertificate& c) { c.issued_at += 1; }, ErrorCode::PermissionDenied},
      {"signature byte", [](KeyCertificate& c) { c.signature[10] ^= 1; }, ErrorCode::PermissionDenied},
      {"truncated signature", [](KeyCertificate& c) { c.signature.pop_back(); }, ErrorCode::InvalidArgument},
      {"short box key", [](KeyCertificate& c) { c.box_public.pop_back(); }, ErrorCode::InvalidArgument},
  };
  for (const Case& c : cases) {
    KeyCertificate changed = original;
    c.change(changed);
    const Status status = verify_certificate(changed, chair.sign_public);
    ASSERT_FALSE(status.ok()) << c.name;
    EXPECT_EQ(status.error().code, c.code) << c.name;
    if (c.code == ErrorCode::PermissionDenied) {
      EXPECT_EQ(status.error().message, "certificate signature does not verify") << c.name;
    }
  }
}

// A field as certificate_message writes it: a 4-byte big-endian length, then the bytes.
std::string prefixed(char length, std::string_view bytes) { return std::string(3, '\0') + length + std::string(bytes); }

TEST(KeyCertificateTest, MessageIsLengthPrefixedAndDomainSeparated) {
  const std::string message = certificate_message("ab", "c", "", 1, "d");
  const std::string expected = prefixed(19, "conduct-key-cert-v1") + prefixed(2, "ab") + prefixed(1, "c") +
                               prefixed(0, "") + std::string(7, '\0') + '\x01' + prefixed(1, "d");
  EXPECT_EQ(message, expected);
  // Moving a byte between adjacent fields changes the message.
  EXPECT_NE(certificate_message("a", "bc", "", 1, "d"), certificate_message("ab", "c", "", 1, "d"));
  EXPECT_NE(certificate_message("a", "b", "c", -1, "d"), certificate_message("a", "b", "c", 1, "d"));
}

TEST(KeyCertificateTest, FingerprintIsEightGroupsOfFourHexDigits) {
  const std::string print = fingerprint(std::string(32, '\0'));
  // BLAKE2b-256 of 32 zero bytes starts 89eb0d6a8a691dae2cd15ed0369931ce.
  EXPECT_EQ(print, "89eb 0d6a 8a69 1dae 2cd1 5ed0 3699 31ce");
  EXPECT_NE(fingerprint(generate_root_key().sign_public), print);
}

struct Chain {
  RootKey root = generate_root_key();
  MemberKeyPair chair = generate_member_keys();
  MemberKeyPair member = generate_member_keys();
  KeyCertificate chair_cert = certify("community:1/member:1", chair.box_public, chair.sign_public, kIssuedAt, root);
  KeyCertificate member_cert = certify("community:1/member:7", member.box_public, member.sign_public, kIssuedAt, chair);
};

TEST(KeyCertificateTest, ChainFromThePinnedRootVerifies) {
  const Chain chain;
  const std::string pinned = fingerprint(chain.root.sign_public);
  EXPECT_TRUE(verify_chain(chain.member_cert, chain.chair_cert, pinned).ok());
  // The pin is compared without spaces and case.
  std::string loose;
  for (const char c : pinned)
    if (c != ' ') loose.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  EXPECT_TRUE(verify_chain(chain.member_cert, chain.chair_cert, loose).ok());
  // A chair's own certificate, issued by the root directly.
  EXPECT_TRUE(verify_chain(chain.chair_cert, chain.chair_cert, pinned).ok());
}

TEST(KeyCertificateTest, BrokenChainsAreRefusedWithTheirReason) {
  const Chain chain;
  const Chain other;  // another community's root, chair and member
  const std::string pinned = fingerprint(chain.root.sign_public);
  const MemberKeyPair stranger = generate_member_keys();
  const KeyCertificate by_stranger =
      certify("community:1/member:7", chain.member.box_public, chain.member.sign_public, kIssuedAt, stranger);
  KeyCertificate forged_chair = chain.chair_cert;
  forged_chair.sign_public = stranger.sign_public;
  const KeyCertificate member_by_stranger_chair =
      certify("community:1/member:7", chain.member.box_public, chain.member.sign_public, kIssuedAt, stranger);
  struct Case {
    const char* name;
    const KeyCertificate* member;
    const KeyCertificate* chair;
    std::string pin;
    ErrorCode code;
    std::string message;
  };
  const Case cases[] = {
      {"another root's fingerprint", &chain.member_cert, &chain.chair_cert, fingerprint(other.root.sign_public),
       ErrorCode::PermissionDenied, "root key does not match the pinned fingerprint"},
      {"chair certified by another root", &other.member_cert, &other.chair_cert, pinned, ErrorCode::PermissionDenied,
       "root key does not match the pinned fingerprint"},
      {"member cert issued by a non-chair key", &by_stranger, &chain.chair_cert, pinned, ErrorCode::PermissionDenied,
       "issuer does not match"},
      {"chair cert with a swapped-in key", &member_by_stranger_chair, &forged_chair, pinned,
       ErrorCode::PermissionDenied, "certificate signature does not verify"},
      {"malformed pin", &chain.member_cert, &chain.chair_cert, "not a fingerprint", ErrorCode::InvalidArgument,
       "the pinned root fingerprint must be 32 hexadecimal digits"},
      {"empty pin", &chain.member_cert, &chain.chair_cert, "", ErrorCode::InvalidArgument,
       "the pinned root fingerprint must be 32 hexadecimal digits"},
  };
  for (const Case& c : cases) {
    const Status status = verify_chain(*c.member, *c.chair, c.pin);
    ASSERT_FALSE(status.ok()) << c.name;
    EXPECT_EQ(status.error().code, c.code) << c.name;
    EXPECT_EQ(status.error().message, c.message) << c.name;
  }
}

}  // namespace
}  // namespace conduct::crypto
