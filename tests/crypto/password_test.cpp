#include "crypto/password.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <string>

#include "crypto/kdf.h"

namespace conduct::crypto {
namespace {

constexpr std::string_view kPassword = "correct horse battery staple";

TEST(PasswordTest, EnrolThenVerifyGivesTheSameSealingKey) {
  Result<std::pair<PasswordRecord, SecretBytes>> enrolled = enrol_password(kPassword, kTestCost);
  ASSERT_TRUE(enrolled.ok()) << enrolled.error().message;
  const PasswordRecord& record = enrolled->first;
  EXPECT_EQ(record.salt.size(), kPasswordSaltBytes);
  EXPECT_EQ(record.verifier.size(), kPasswordVerifierBytes);
  EXPECT_EQ(record.cost, kTestCost);
  EXPECT_EQ(enrolled->second.size(), 32u);

  const Result<SecretBytes> sealing_key = verify_password(record, kPassword);
  ASSERT_TRUE(sealing_key.ok()) << sealing_key.error().message;
  EXPECT_TRUE(*sealing_key == enrolled->second);
}

TEST(PasswordTest, WrongPasswordIsPermissionDenied) {
  const auto enrolled = enrol_password(kPassword, kTestCost);
  ASSERT_TRUE(enrolled.ok());
  for (std::string_view wrong : {"correct horse battery stapl", "Correct horse battery staple", "", "x"}) {
    const Result<SecretBytes> result = verify_password(enrolled->first, wrong);
    ASSERT_FALSE(result.ok()) << wrong;
    EXPECT_EQ(result.error().code, ErrorCode::PermissionDenied);
    EXPECT_EQ(result.error().message, "wrong password");
  }
}

TEST(PasswordTest, VerifierAndSealingKeyAreDistinctSubkeysOfTheArgon2Output) {
  const auto enrolled = enrol_password(kPassword, kTestCost);
  ASSERT_TRUE(enrolled.ok());
  const PasswordRecord& record = enrolled->first;
  SecretBytes master(32);
  ASSERT_EQ(crypto_pwhash(master.data(), master.size(), kPassword.data(), kPassword.size(),
                          reinterpret_cast<const unsigned char*>(record.salt.data()), kTestCost.ops_limit,
                          kTestCost.mem_limit, crypto_pwhash_ALG_ARGON2ID13),
            0);
  EXPECT_NE(record.verifier, master.view());
  EXPECT_NE(enrolled->second.view(), master.view());
  EXPECT_NE(record.verifier, enrolled->second.view());
  // The documented derivation, so other implementations can reproduce it.
  EXPECT_EQ(record.verifier, derive_subkey(master, 1, kPasswordVerifierContext, 32).view());
  EXPECT_TRUE(enrolled->second == derive_subkey(master, 1, kPasswordSealingContext, 32));
}

TEST(PasswordTest, TwoEnrolmentsOfOnePasswordDiffer) {
  const auto first = enrol_password(kPassword, kTestCost);
  const auto second = enrol_password(kPassword, kTestCost);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_NE(first->first.salt, second->first.salt);
  EXPECT_NE(first->first.verifier, second->first.verifier);
  EXPECT_FALSE(first->second == second->second);
}

TEST(PasswordTest, StrengthRules) {
  struct Case {
    std::string password;
    std::string problem;  // empty: accepted
  };
  const Case cases[] = {
      {"correct horse", ""},
      {"abcdefghijkl", ""},                                    // exactly 12
      {"abcdefghijk", "must be at least 12 characters long"},  // 11
      {"", "must be at least 12 characters long"},
      {"ééééééaaaaaa", ""},                                               // 12 code points, 18 bytes
      {"éééééééééééé", "must not be one character repeated"},             // 12 code points, one repeated
      {"日本語日本語日本語日本語", ""},                                   // 12 code points, 36 bytes
      {"日本語日本語日本語日本", "must be at least 12 characters long"},  // 11 code points, 33 bytes
      {"aaaaaaaaaaaaaaaaaaaa", "must not be one character repeated"},
      {"aaaaaaaaaaaaaaaaaaab", ""},
      {std::string(1024, 'x'), "must not be one character repeated"},
      {std::string(1023, 'x') + "y", ""},  // exactly 1024 bytes
      {std::string(1024, 'x') + "y", "must be at most 1024 bytes long"},
      {"password\x01with control", "must be text without control characters"},
      {"invalid utf8 \xC3 here", "must be text without control characters"},
  };
  for (const Case& c : cases) {
    const Status status = check_password_strength(c.password);
    if (c.problem.empty()) {
      EXPECT_TRUE(status.ok()) << c.password << ": " << status.error().message;
      continue;
    }
    ASSERT_FALSE(status.ok()) << c.password;
    EXPECT_EQ(status.error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(status.error().fields.at("password"), c.problem);
  }
}

TEST(PasswordTest, EnrolmentAppliesTheStrengthRules) {
  const auto weak = enrol_password("short", kTestCost);
  ASSERT_FALSE(weak.ok());
  EXPECT_EQ(weak.error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(weak.error().fields.count("password"), 1u);
}

TEST(PasswordTest, MalformedRecordsAndCostsAreInvalidArgument) {
  const auto enrolled = enrol_password(kPassword, kTestCost);
  ASSERT_TRUE(enrolled.ok());
  PasswordRecord short_salt = enrolled->first;
  short_salt.salt.pop_back();
  PasswordRecord short_verifier = enrolled->first;
  short_verifier.verifier.pop_back();
  PasswordRecord zero_cost = enrolled->first;
  zero_cost.cost = {0, 0};
  for (const PasswordRecord* record : {&short_salt, &short_verifier, &zero_cost})
    EXPECT_EQ(verify_password(*record, kPassword).error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(enrol_password(kPassword, {1, 1024}).error().code, ErrorCode::InvalidArgument);
}

TEST(PasswordTest, CostConstantsAreLibsodiumsLimits) {
  EXPECT_EQ(kModerateCost.ops_limit, crypto_pwhash_opslimit_moderate());
  EXPECT_EQ(kModerateCost.mem_limit, crypto_pwhash_memlimit_moderate());
  EXPECT_EQ(kInteractiveCost.ops_limit, crypto_pwhash_opslimit_interactive());
  EXPECT_EQ(kInteractiveCost.mem_limit, crypto_pwhash_memlimit_interactive());
  EXPECT_EQ(kTestCost.ops_limit, crypto_pwhash_opslimit_min());
  EXPECT_EQ(kTestCost.mem_limit, crypto_pwhash_memlimit_min());
}

TEST(PasswordTest, DummyVerifyRunsTheSameWork) {
  // The whole path of a real check ran: Argon2id, the subkeys and the comparison,
  // which a made-up record fails as a wrong password does.
  const Status ran = dummy_verify(kTestCost);
  ASSERT_FALSE(ran.ok());
  EXPECT_EQ(ran.error().code, ErrorCode::PermissionDenied);
  EXPECT_EQ(ran.error().message, "wrong password");
  // A cost out of range stops before hashing, with the cost check's own error.
  const Status refused = dummy_verify({0, 0});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::InvalidArgument);
}

}  // namespace
}  // namespace conduct::crypto
