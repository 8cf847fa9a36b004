#include "crypto/kdf.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <string>
#include <vector>

namespace conduct::crypto {
namespace {

const SecretBytes& master() {
  static const SecretBytes key = SecretBytes::copy_of(std::string(32, '\x42'));
  return key;
}

TEST(KdfTest, SameInputsGiveTheSameSubkey) {
  EXPECT_TRUE(derive_subkey(master(), 1, kPasswordVerifierContext, 32) ==
              derive_subkey(master(), 1, kPasswordVerifierContext, 32));
  EXPECT_EQ(derive_subkey(master(), 1, kSessionKeyContext, 16).size(), 16u);
  EXPECT_EQ(derive_subkey(master(), 1, kSessionKeyContext, 64).size(), 64u);
}

TEST(KdfTest, IsLibsodiumsBlake2bKdf) {
  unsigned char expected[32];
  ASSERT_EQ(crypto_kdf_derive_from_key(expected, sizeof expected, 7, "sesslook", master().data()), 0);
  EXPECT_EQ(derive_subkey(master(), 7, kSessionLookupContext, 32).view(),
            std::string(reinterpret_cast<const char*>(expected), sizeof expected));
}

TEST(KdfTest, DifferentIdsContextsOrMastersGiveDifferentSubkeys) {
  const SecretBytes other_master = SecretBytes::copy_of(std::string(32, '\x43'));
  std::vector<SecretBytes> subkeys;
  subkeys.push_back(derive_subkey(master(), 1, kPasswordVerifierContext, 32));
  subkeys.push_back(derive_subkey(master(), 2, kPasswordVerifierContext, 32));
  subkeys.push_back(derive_subkey(master(), 1, kPasswordSealingContext, 32));
  subkeys.push_back(derive_subkey(master(), 1, kSessionLookupContext, 32));
  subkeys.push_back(derive_subkey(master(), 1, kSessionKeyContext, 32));
  subkeys.push_back(derive_subkey(other_master, 1, kPasswordVerifierContext, 32));
  for (std::size_t i = 0; i < subkeys.size(); ++i) {
    EXPECT_FALSE(subkeys[i] == master()) << i;
    for (std::size_t j = i + 1; j < subkeys.size(); ++j) EXPECT_FALSE(subkeys[i] == subkeys[j]) << i << " vs " << j;
  }
}

TEST(KdfDeathTest, RefusesAMasterKeyOfTheWrongSize) {
  const SecretBytes short_master = SecretBytes::copy_of("too short");
  EXPECT_DEATH((void)derive_subkey(short_master, 1, kSessionKeyContext, 32), "master key must be 32 bytes");
  EXPECT_DEATH((void)derive_subkey(master(), 1, kSessionKeyContext, 8), "16 to 64 bytes");
}

}  // namespace
}  // namespace conduct::crypto
