#include "crypto/recovery_key.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "crypto/member_keys.h"

namespace conduct::crypto {
namespace {

TEST(RecoveryKeyTest, KitIsFourteenGroupsAndGivesBackTheKeyPair) {
  const RecoveryKey key = generate_recovery_key();
  const std::string kit = recovery_kit_text(key);
  EXPECT_EQ(kit.size(), 56u + 13u);
  EXPECT_EQ(std::count(kit.begin(), kit.end(), '-'), 13);
  const Result<RecoveryKey> back = parse_recovery_kit(kit);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->box_public, key.box_public);
  EXPECT_TRUE(back->box_secret == key.box_secret);
}

TEST(RecoveryKeyTest, KitForgivesCaseSpacingAndLookAlikeDigits) {
  const RecoveryKey key = generate_recovery_key();
  std::string kit = recovery_kit_text(key);
  std::string typed;
  for (char c : kit) {
    if (c == '-')
      typed += "  ";
    else if (c == 'O')
      typed += '0';
    else if (c == 'I')
      typed += '1';
    else
      typed += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  const Result<RecoveryKey> back = parse_recovery_kit(typed);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->box_public, key.box_public);
}

TEST(RecoveryKeyTest, ATypingMistakeOrAMissingGroupIsCaught) {
  const std::string kit = recovery_kit_text(generate_recovery_key());
  std::string mistyped = kit;
  mistyped[5] = mistyped[5] == 'A' ? 'B' : 'A';
  const Result<RecoveryKey> wrong = parse_recovery_kit(mistyped);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(wrong.error().message.find(mistyped.substr(0, 9)), std::string::npos);
  for (const std::string& broken : {kit.substr(5), kit + "-AAAA", std::string()}) {
    SCOPED_TRACE("kit of " + std::to_string(broken.size()) + " characters");
    const Result<RecoveryKey> parsed = parse_recovery_kit(broken);
    ASSERT_FALSE(parsed.ok());
    EXPECT_EQ(parsed.error().code, ErrorCode::InvalidArgument);
  }
}

TEST(RecoveryKeyTest, OpensWhatWasWrappedForItsPublicHalf) {
  const RecoveryKey key = generate_recovery_key();
  const std::string wrapped = *box_seal(key.box_public, "case key bytes");
  EXPECT_EQ(box_open(key, wrapped)->view(), "case key bytes");
  EXPECT_FALSE(box_open(generate_recovery_key(), wrapped).ok());
}

TEST(RecoveryKeyTest, RootSignatureBindsKeyAndCommunity) {
  const RootKey root = generate_root_key();
  const RecoveryKey key = generate_recovery_key();
  const std::string signature = sign_recovery_key(root, 3, key.box_public);
  EXPECT_TRUE(verify_recovery_key(root.sign_public, 3, key.box_public, signature).ok());
  EXPECT_EQ(verify_recovery_key(root.sign_public, 4, key.box_public, signature).error().code,
            ErrorCode::PermissionDenied);
  EXPECT_EQ(verify_recovery_key(root.sign_public, 3, generate_recovery_key().box_public, signature).error().code,
            ErrorCode::PermissionDenied);
  EXPECT_EQ(verify_recovery_key(generate_root_key().sign_public, 3, key.box_public, signature).error().code,
            ErrorCode::PermissionDenied);
}

}  // namespace
}  // namespace conduct::crypto
