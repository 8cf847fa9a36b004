#include "crypto/secretbox.h"

#include <gtest/gtest.h>

#include <string>

namespace conduct::crypto {
namespace {

constexpr std::string_view kAssociated = "community:1/case:home-shelf/entry:3/body";

TEST(SecretboxTest, RoundTripsAnyPlaintext) {
  const SecretBytes key = SecretBytes::random(32);
  for (const std::string& plaintext :
       {std::string(), std::string("x"), std::string("a report\0with a NUL", 19), std::string(100000, 'z')}) {
    const std::string sealed = seal_with_key(key, plaintext, kAssociated);
    EXPECT_EQ(sealed.size(), plaintext.size() + kSecretboxOverheadBytes);
    const Result<SecretBytes> opened = open_with_key(key, sealed, kAssociated);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    EXPECT_EQ(opened->view(), plaintext);
  }
}

TEST(SecretboxTest, SealingTwiceGivesDifferentOutput) {
  const SecretBytes key = SecretBytes::random(32);
  EXPECT_NE(seal_with_key(key, "same", kAssociated), seal_with_key(key, "same", kAssociated));
}

TEST(SecretboxTest, RefusesEveryAlteration) {
  const SecretBytes key = SecretBytes::random(32);
  const std::string sealed = seal_with_key(key, "a confidential note", kAssociated);
  struct Case {
    const char* name;
    std::string sealed;
    std::string associated;
    bool other_key;
    ErrorCode code;
  };
  std::string flipped_nonce = sealed;
  flipped_nonce[0] ^= 1;
  std::string flipped_body = sealed;
  flipped_body[kSecretboxNonceBytes + 2] ^= 0x80;
  std::string flipped_tag = sealed;
  flipped_tag.back() ^= 1;
  const Case cases[] = {
      {"flipped nonce byte", flipped_nonce, std::string(kAssociated), false, ErrorCode::PermissionDenied},
      {"flipped ciphertext byte", flipped_body, std::string(kAssociated), false, ErrorCode::PermissionDenied},
      {"flipped tag byte", flipped_tag, std::string(kAssociated), false, ErrorCode::PermissionDenied},
      {"truncated by one", sealed.substr(0, sealed.size() - 1), std::string(kAssociated), false,
       ErrorCode::PermissionDenied},
      {"other associated data", sealed, "community:1/case:home-shelf/entry:4/body", false, ErrorCode::PermissionDenied},
      {"no associated data", sealed, "", false, ErrorCode::PermissionDenied},
      {"other key", sealed, std::string(kAssociated), true, ErrorCode::PermissionDenied},
      {"shorter than the overhead", sealed.substr(0, kSecretboxOverheadBytes - 1), std::string(kAssociated), false,
       ErrorCode::InvalidArgument},
  };
  const SecretBytes other_key = SecretBytes::random(32);
  for (const Case& c : cases) {
    const Result<SecretBytes> opened = open_with_key(c.other_key ? other_key : key, c.sealed, c.associated);
    ASSERT_FALSE(opened.ok()) << c.name;
    EXPECT_EQ(opened.error().code, c.code) << c.name;
  }
  EXPECT_EQ(open_with_key(SecretBytes::random(16), sealed, kAssociated).error().code, ErrorCode::InvalidArgument);
}

TEST(SecretboxDeathTest, SealingWithAShortKeyIsAProgrammingError) {
  EXPECT_DEATH((void)seal_with_key(SecretBytes::random(16), "x", ""), "key must be 32 bytes");
}

}  // namespace
}  // namespace conduct::crypto
