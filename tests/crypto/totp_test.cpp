#include "crypto/totp.h"

#include <gtest/gtest.h>

#include <string>

namespace conduct::crypto {
namespace {

constexpr std::string_view kRfcSecret = "12345678901234567890";

TEST(TotpTest, MatchesTheRfc6238Sha1Vectors) {
  struct Case {
    std::int64_t time;
    const char* code;  // the last six digits of the RFC's eight-digit values
  };
  const Case cases[] = {
      {59, "287082"},         {1111111109, "081804"}, {1111111111, "050471"},
      {1234567890, "005924"}, {2000000000, "279037"}, {20000000000, "353130"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(totp_code(kRfcSecret, c.time), c.code) << c.time;
    const Result<std::int64_t> step = verify_totp(kRfcSecret, c.code, c.time, 0);
    ASSERT_TRUE(step.ok()) << c.time;
    EXPECT_EQ(*step, c.time / 30);
  }
}

TEST(TotpTest, AcceptsWithinTheWindowAndReturnsTheMatchedStep) {
  const std::int64_t now = 1111111111;  // step 37037037
  const std::int64_t now_step = now / 30;
  struct Case {
    std::int64_t code_step_offset;
    int window;
    bool accepted;
  };
  const Case cases[] = {
      {0, 0, true},  {0, 1, true},   {-1, 1, true}, {1, 1, true},  {-1, 0, false},
      {1, 0, false}, {-2, 1, false}, {2, 1, false}, {-2, 2, true}, {3, 2, false},
  };
  for (const Case& c : cases) {
    const std::string code = totp_code(kRfcSecret, (now_step + c.code_step_offset) * 30);
    const Result<std::int64_t> step = verify_totp(kRfcSecret, code, now, c.window);
    if (c.accepted) {
      ASSERT_TRUE(step.ok()) << c.code_step_offset << " window " << c.window;
      EXPECT_EQ(*step, now_step + c.code_step_offset);
    } else {
      ASSERT_FALSE(step.ok()) << c.code_step_offset << " window " << c.window;
      EXPECT_EQ(step.error().code, ErrorCode::PermissionDenied);
      EXPECT_EQ(step.error().message, "the code does not match");
    }
  }
}

TEST(TotpTest, RefusesMalformedCodesAndArguments) {
  struct Case {
    std::string secret;
    std::string code;
    std::int64_t time;
    int window;
    ErrorCode error;
  };
  const std::string secret(kRfcSecret);
  const Case cases[] = {
      {secret, "12345a", 59, 1, ErrorCode::InvalidArgument},
      {secret, "1234567", 59, 1, ErrorCode::InvalidArgument},
      {secret, "12345", 59, 1, ErrorCode::InvalidArgument},
      {secret, "", 59, 1, ErrorCode::InvalidArgument},
      {secret, " 87082", 59, 1, ErrorCode::InvalidArgument},
      {secret, "287082", 59, -1, ErrorCode::InvalidArgument},
      {secret, "287082", 59, 11, ErrorCode::InvalidArgument},
      {secret, "287082", -1, 1, ErrorCode::InvalidArgument},
      {"", "287082", 59, 1, ErrorCode::InvalidArgument},
      {secret, "000000", 59, 1, ErrorCode::PermissionDenied},
      {"another secret here!", "287082", 59, 1, ErrorCode::PermissionDenied},
  };
  for (const Case& c : cases) {
    const Result<std::int64_t> step = verify_totp(c.secret, c.code, c.time, c.window);
    ASSERT_FALSE(step.ok()) << c.code;
    EXPECT_EQ(step.error().code, c.error) << c.code;
  }
  EXPECT_EQ(verify_totp(kRfcSecret, "12345a", 59, 1).error().fields.at("code"), "must be 6 digits");
}

TEST(TotpTest, SecretsAreFreshAndEncodeAsBase32) {
  const std::string a = new_totp_secret();
  EXPECT_EQ(a.size(), kTotpSecretBytes);
  EXPECT_NE(a, new_totp_secret());
  EXPECT_EQ(totp_secret_base32(kRfcSecret), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  EXPECT_EQ(totp_secret_base32("f"), "MY");  // RFC 4648 vector, padding removed
  EXPECT_EQ(totp_secret_base32("foob"), "MZXW6YQ");
}

TEST(TotpTest, OtpauthUriPercentEncodesIssuerAndAccount) {
  EXPECT_EQ(otpauth_uri("Conduct", "robin@example.org", kRfcSecret),
            "otpauth://totp/Conduct:robin%40example.org?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
            "&issuer=Conduct&algorithm=SHA1&digits=6&period=30");
  EXPECT_EQ(otpauth_uri("Tide Water: CoC", "a&b=c?", "f"),
            "otpauth://totp/Tide%20Water%3A%20CoC:a%26b%3Dc%3F?secret=MY"
            "&issuer=Tide%20Water%3A%20CoC&algorithm=SHA1&digits=6&period=30");
}

}  // namespace
}  // namespace conduct::crypto
