#include "crypto/member_keys.h"

#include <gtest/gtest.h>

#include <string>

namespace conduct::crypto {
namespace {

constexpr std::string_view kAssociated = "community:1/member:7/password";

TEST(MemberKeysTest, GeneratesKeysOfTheRightSizesThatDiffer) {
  const MemberKeyPair a = generate_member_keys();
  const MemberKeyPair b = generate_member_keys();
  EXPECT_EQ(a.box_public.size(), kBoxPublicKeyBytes);
  EXPECT_EQ(a.box_secret.size(), kBoxSecretKeyBytes);
  EXPECT_EQ(a.sign_public.size(), kSignPublicKeyBytes);
  EXPECT_EQ(a.sign_secret.size(), kSignSecretKeyBytes);
  EXPECT_NE(a.box_public, b.box_public);
  EXPECT_NE(a.sign_public, b.sign_public);
}

TEST(MemberKeysTest, SealedPrivateKeysOpenWithTheSealingKey) {
  const MemberKeyPair keys = generate_member_keys();
  const SecretBytes sealing_key = SecretBytes::random(32);
  const std::string sealed = seal_private_keys(keys, sealing_key, kAssociated);
  EXPECT_EQ(sealed.find(std::string(keys.box_secret.view())), std::string::npos);
  Result<MemberKeyPair> opened = open_private_keys(keys.box_public, keys.sign_public, sealed, sealing_key, kAssociated);
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  EXPECT_EQ(opened->box_public, keys.box_public);
  EXPECT_EQ(opened->sign_public, keys.sign_public);
  EXPECT_TRUE(opened->box_secret == keys.box_secret);
  EXPECT_TRUE(opened->sign_secret == keys.sign_secret);
}

TEST(MemberKeysTest, OpeningPrivateKeysRefusesEveryMismatch) {
  const MemberKeyPair keys = generate_member_keys();
  const MemberKeyPair other = generate_member_keys();
  const SecretBytes sealing_key = SecretBytes::random(32);
  const SecretBytes wrong_key = SecretBytes::random(32);
  const std::string sealed = seal_private_keys(keys, sealing_key, kAssociated);
  struct Case {
    const char* name;
    std::string box_public;
    std::string sign_public;
    const SecretBytes* key;
    std::string associated;
    ErrorCode code;
    std::string message;
  };
  const std::string ad(kAssociated);
  const Case cases[] = {
      {"wrong sealing key", keys.box_public, keys.sign_public, &wrong_key, ad, ErrorCode::PermissionDenied,
       "sealed value does not open"},
      {"other associated data", keys.box_public, keys.sign_public, &sealing_key, "community:1/member:8/password",
       ErrorCode::PermissionDenied, "sealed value does not open"},
      {"other box public key", other.box_public, keys.sign_public, &sealing_key, ad, ErrorCode::PermissionDenied,
       "private keys do not match the public keys"},
      {"other sign public key", keys.box_public, other.sign_public, &sealing_key, ad, ErrorCode::PermissionDenied,
       "private keys do not match the public keys"},
      {"short public key", keys.box_public.substr(1), keys.sign_public, &sealing_key, ad, ErrorCode::InvalidArgument,
       "public key has the wrong length"},
  };
  // The pair opens (and is remembered as matching); every mismatch is refused after it.
  ASSERT_TRUE(open_private_keys(keys.box_public, keys.sign_public, sealed, sealing_key, ad).ok());
  for (const Case& c : cases) {
    const Result<MemberKeyPair> opened = open_private_keys(c.box_public, c.sign_public, sealed, *c.key, c.associated);
    ASSERT_FALSE(opened.ok()) << c.name;
    EXPECT_EQ(opened.error().code, c.code) << c.name;
    EXPECT_EQ(opened.error().message, c.message) << c.name;
  }
}

TEST(MemberKeysTest, SealedBoxOpensOnlyForItsRecipient) {
  const MemberKeyPair recipient = generate_member_keys();
  const MemberKeyPair other = generate_member_keys();
  const Result<std::string> sealed = box_seal(recipient.box_public, "case key bytes");
  ASSERT_TRUE(sealed.ok());
  EXPECT_EQ(sealed->size(), 14 + kBoxSealOverheadBytes);

  const Result<SecretBytes> opened = box_open(recipient, *sealed);
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  EXPECT_EQ(opened->view(), "case key bytes");

  const Result<SecretBytes> by_other = box_open(other, *sealed);
  ASSERT_FALSE(by_other.ok());
  EXPECT_EQ(by_other.error().code, ErrorCode::PermissionDenied);

  std::string altered = *sealed;
  altered[kBoxSealOverheadBytes] ^= 1;
  EXPECT_EQ(box_open(recipient, altered).error().code, ErrorCode::PermissionDenied);
  EXPECT_EQ(box_open(recipient, sealed->substr(0, kBoxSealOverheadBytes - 1)).error().code, ErrorCode::InvalidArgument);
}

TEST(MemberKeysTest, ABoxKeyPairAloneOpensWhatIsSealedToItsPublicHalf) {
  const BoxKeyPair drop_box = generate_box_keys();
  const BoxKeyPair other = generate_box_keys();
  ASSERT_EQ(drop_box.box_public.size(), kBoxPublicKeyBytes);
  ASSERT_EQ(drop_box.box_secret.size(), kBoxSecretKeyBytes);
  EXPECT_NE(drop_box.box_public, other.box_public);
  EXPECT_FALSE(drop_box.box_secret == other.box_secret);

  const Result<std::string> sealed = box_seal(drop_box.box_public, "a reply by mail");
  ASSERT_TRUE(sealed.ok());
  const Result<SecretBytes> opened = box_open_with(drop_box.box_public, drop_box.box_secret, *sealed);
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  EXPECT_EQ(opened->view(), "a reply by mail");
  EXPECT_EQ(box_open_with(other.box_public, other.box_secret, *sealed).error().code, ErrorCode::PermissionDenied);
}

TEST(MemberKeysTest, BoxSealRefusesUnusableKeys) {
  EXPECT_EQ(box_seal("short", "x").error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(box_seal(std::string(32, '\0'), "x").error().code, ErrorCode::InvalidArgument);  // low-order point
}

}  // namespace
}  // namespace conduct::crypto
