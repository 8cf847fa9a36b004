#include "crypto/receipt.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "domain/receipt.h"

namespace conduct::crypto {
namespace {

bool of_receipt_alphabet(const std::string& text) {
  const std::string alphabet = domain::kReceiptAlphabet;
  for (char c : text)
    if (alphabet.find(c) == std::string::npos) return false;
  return true;
}

TEST(ReceiptKeysTest, ANewReceiptOpensWithItsSecretToTheSameKey) {
  Result<NewReceipt> made = new_receipt(kTestCost);
  ASSERT_TRUE(made.ok()) << made.error().message;
  EXPECT_EQ(made->receipt.id.size(), domain::kReceiptIdLength);
  EXPECT_EQ(made->receipt.secret.size(), domain::kReceiptSecretLength);
  EXPECT_TRUE(of_receipt_alphabet(made->receipt.id)) << made->receipt.id;
  EXPECT_TRUE(of_receipt_alphabet(made->receipt.secret)) << made->receipt.secret;
  EXPECT_EQ(made->record.salt.size(), 16u);
  EXPECT_EQ(made->record.verifier.size(), 32u);
  EXPECT_EQ(made->record.cost, kTestCost);
  EXPECT_EQ(made->key.size(), 32u);
  // The verifier proves the receipt; it is not the key it opens.
  EXPECT_NE(made->record.verifier, made->key.view());

  const Result<SecretBytes> opened = open_receipt(made->record, made->receipt.secret);
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  EXPECT_TRUE(*opened == made->key);
  // The receipt as a person typed it, read back by the domain, opens it too.
  const domain::ParsedReceipt typed = domain::parse_receipt(domain::format_receipt(made->receipt));
  ASSERT_TRUE(typed.receipt.has_value());
  const Result<SecretBytes> again = open_receipt(made->record, typed.receipt->secret);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_TRUE(*again == made->key);
}

TEST(ReceiptKeysTest, AWrongSecretIsPermissionDenied) {
  const Result<NewReceipt> made = new_receipt(kTestCost);
  ASSERT_TRUE(made.ok()) << made.error().message;
  std::string one_off = made->receipt.secret;
  one_off[5] = one_off[5] == 'A' ? 'B' : 'A';
  for (const std::string& wrong : {one_off, std::string(20, '0'), std::string(), made->receipt.id}) {
    const Result<SecretBytes> opened = open_receipt(made->record, wrong);
    ASSERT_FALSE(opened.ok()) << wrong;
    EXPECT_EQ(opened.error().code, ErrorCode::PermissionDenied);
    EXPECT_EQ(opened.error().message, "wrong receipt");
  }
}

TEST(ReceiptKeysTest, AMalformedRecordIsInvalidArgument) {
  Result<NewReceipt> made = new_receipt(kTestCost);
  ASSERT_TRUE(made.ok()) << made.error().message;
  ReceiptRecord record = made->record;
  record.verifier.pop_back();
  const Result<SecretBytes> opened = open_receipt(record, made->receipt.secret);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code, ErrorCode::InvalidArgument);
}

TEST(ReceiptKeysTest, EveryReceiptIsFresh) {
  const Result<NewReceipt> first = new_receipt(kTestCost);
  const Result<NewReceipt> second = new_receipt(kTestCost);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_NE(first->receipt.secret, second->receipt.secret);
  EXPECT_NE(first->record.salt, second->record.salt);
  EXPECT_FALSE(first->key == second->key);
  // Another receipt's secret does not open this one.
  const Result<SecretBytes> crossed = open_receipt(first->record, second->receipt.secret);
  ASSERT_FALSE(crossed.ok());
  EXPECT_EQ(crossed.error().code, ErrorCode::PermissionDenied);
}

TEST(ReceiptKeysTest, NewIdsAreOfTheAlphabetAndVary) {
  std::set<std::string> ids;
  for (int i = 0; i < 50; ++i) {
    const std::string id = new_receipt_id();
    EXPECT_EQ(id.size(), domain::kReceiptIdLength);
    EXPECT_TRUE(of_receipt_alphabet(id)) << id;
    ids.insert(id);
  }
  EXPECT_GT(ids.size(), 45u);  // 35 random bits each: a repeat among 50 is next to impossible
}

TEST(ReceiptKeysTest, TheDummyOpeningIsAlwaysPermissionDenied) {
  for (int i = 0; i < 3; ++i) {
    const Status status = dummy_open_receipt(kTestCost);
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error().code, ErrorCode::PermissionDenied);
    EXPECT_EQ(status.error().message, "wrong receipt");
  }
}

}  // namespace
}  // namespace conduct::crypto
