#include "crypto/secret_bytes.h"

#include <gtest/gtest.h>

#include <string>

namespace conduct::crypto {
namespace {

TEST(SecretBytesTest, CopiesComparesAndMovesWithoutCopying) {
  const SecretBytes a = SecretBytes::copy_of(std::string("k\0ey", 4));
  EXPECT_EQ(a.size(), 4u);
  EXPECT_EQ(a.view(), std::string("k\0ey", 4));
  EXPECT_TRUE(a == SecretBytes::copy_of(std::string("k\0ey", 4)));
  EXPECT_FALSE(a == SecretBytes::copy_of("k\0ez"));
  EXPECT_FALSE(a == SecretBytes::copy_of("k"));
  EXPECT_TRUE(SecretBytes() == SecretBytes::copy_of(""));

  SecretBytes source = SecretBytes::copy_of("secret");
  SecretBytes moved = std::move(source);
  EXPECT_EQ(moved.view(), "secret");
  EXPECT_TRUE(source.empty());  // NOLINT(bugprone-use-after-move): the moved-from state is the contract
  moved = SecretBytes::copy_of("other");
  EXPECT_EQ(moved.view(), "other");
  static_assert(!std::is_copy_constructible_v<SecretBytes>);
  static_assert(!std::is_copy_assignable_v<SecretBytes>);
}

TEST(SecretBytesTest, RandomSecretsHaveTheSizeAskedAndDiffer) {
  const SecretBytes a = SecretBytes::random(32);
  const SecretBytes b = SecretBytes::random(32);
  EXPECT_EQ(a.size(), 32u);
  EXPECT_FALSE(a == b);
}

TEST(EncodingTest, Base64IsUrlSafeWithoutPaddingAndRoundTrips) {
  struct Case {
    std::string bytes;
    std::string text;
  };
  const Case cases[] = {
      {"", ""},
      {"f", "Zg"},
      {"fo", "Zm8"},
      {"foo", "Zm9v"},
      {"foob", "Zm9vYg"},
      {std::string("\xfb\xff\xbf", 3), "-_-_"},  // the URL-safe characters
      {std::string("\0\0", 2), "AAA"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(to_base64(c.bytes), c.text);
    const Result<std::string> decoded = from_base64(c.text);
    ASSERT_TRUE(decoded.ok()) << c.text;
    EXPECT_EQ(*decoded, c.bytes);
    const Result<SecretBytes> secret = secret_from_base64(c.text);
    ASSERT_TRUE(secret.ok()) << c.text;
    EXPECT_EQ(secret->view(), c.bytes);
  }
}

TEST(EncodingTest, RefusesMalformedBase64) {
  for (const char* bad : {"Zg==", "Zm9v+/", "Zm 9v", "Z", "Zh", "Zm9v\n", "Zm9vY!", "AAAAA"}) {
    const Result<std::string> decoded = from_base64(bad);
    ASSERT_FALSE(decoded.ok()) << bad;
    EXPECT_EQ(decoded.error().code, ErrorCode::InvalidArgument) << bad;
    EXPECT_EQ(decoded.error().message.find(bad), std::string::npos) << "the message repeats the input";
    EXPECT_EQ(secret_from_base64(bad).error().code, ErrorCode::InvalidArgument) << bad;
  }
}

TEST(EncodingTest, ABytePastAsciiIsNeverReadAsAnUnderscore) {
  // libsodium 1.0.18 reads bytes from 0x80 up as '_': a token with one of them in place
  // of '_' must not decode to the real token (one accepted encoding per byte string).
  const std::string token = to_base64(std::string("\xff\xfe\xfd", 3));
  ASSERT_NE(token.find('_'), std::string::npos) << token;
  std::string altered = token;
  altered[altered.find('_')] = static_cast<char>(0xC3);
  EXPECT_EQ(from_base64(altered).error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(secret_from_base64(altered).error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(*from_base64(token), std::string("\xff\xfe\xfd", 3));
}

TEST(EncodingTest, HexRoundTripsAndRefusesMalformedText) {
  EXPECT_EQ(to_hex(""), "");
  EXPECT_EQ(to_hex(std::string("\x00\x01\xab\xff", 4)), "0001abff");
  EXPECT_EQ(*from_hex("0001abff"), std::string("\x00\x01\xab\xff", 4));
  EXPECT_EQ(*from_hex("0001ABFF"), std::string("\x00\x01\xab\xff", 4));
  EXPECT_EQ(*from_hex(""), "");
  for (const char* bad : {"0", "abc", "zz", "0g", "00 11", "00:11"}) {
    const Result<std::string> decoded = from_hex(bad);
    ASSERT_FALSE(decoded.ok()) << bad;
    EXPECT_EQ(decoded.error().code, ErrorCode::InvalidArgument) << bad;
  }
}

}  // namespace
}  // namespace conduct::crypto
