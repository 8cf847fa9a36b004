#include "crypto/case_keys.h"

#include <gtest/gtest.h>

#include <string>

namespace conduct::crypto {
namespace {

SealContext field(std::string record = "entry:3", std::string name = "body", std::string code = "home shelf") {
  return SealContext{1, std::move(code), std::move(record), std::move(name), "case"};
}

TEST(CaseKeysTest, SealedValueCarriesItsVersionAndOpens) {
  const SecretBytes key = new_case_key();
  const std::string sealed = seal_case_value(key, 7, field(), "a report");
  EXPECT_EQ(sealed.size(), std::string("a report").size() + kSealedCaseValueOverhead);
  EXPECT_EQ(sealed.find("a report"), std::string::npos);
  EXPECT_EQ(*sealed_key_version(sealed), 7u);
  EXPECT_EQ(*open_case_value(key, field(), sealed), "a report");
}

TEST(CaseKeysTest, AValueMovedToAnotherFieldEntryOrCaseDoesNotOpen) {
  const SecretBytes key = new_case_key();
  const std::string sealed = seal_case_value(key, 1, field(), "a note");
  EXPECT_EQ(open_case_value(key, field("entry:4"), sealed).error().code, ErrorCode::PermissionDenied);
  EXPECT_EQ(open_case_value(key, field("entry:3", "name"), sealed).error().code, ErrorCode::PermissionDenied);
  EXPECT_EQ(open_case_value(key, field("entry:3", "body", "home table"), sealed).error().code,
            ErrorCode::PermissionDenied);
  EXPECT_EQ(open_case_value(new_case_key(), field(), sealed).error().code, ErrorCode::PermissionDenied);
  std::string relabelled = sealed;
  relabelled[4] = 2;  // claims another key version: the associated data no longer matches
  EXPECT_EQ(open_case_value(key, field(), relabelled).error().code, ErrorCode::PermissionDenied);
}

TEST(CaseKeysTest, MalformedValuesAreInvalid) {
  EXPECT_EQ(sealed_key_version("plain text, never sealed, long enough for the header").error().code,
            ErrorCode::InvalidArgument);
  EXPECT_EQ(sealed_key_version(std::string(1, static_cast<char>(kSealedCaseValueTag))).error().code,
            ErrorCode::InvalidArgument);
}

TEST(CaseKeyringTest, SealsWithTheCurrentVersionAndOpensEveryHeldVersion) {
  CaseKeyring keyring;
  keyring.hold(1, "home shelf", 1, new_case_key(), true);
  const std::string old_value = *keyring.seal(field(), "before rotation");
  keyring.hold(1, "home shelf", 2, new_case_key(), true);
  const std::string new_value = *keyring.seal(field("entry:4"), "after rotation");
  EXPECT_EQ(*sealed_key_version(old_value), 1u);
  EXPECT_EQ(*sealed_key_version(new_value), 2u);
  EXPECT_EQ(*keyring.open(field(), old_value), "before rotation");
  EXPECT_EQ(*keyring.open(field("entry:4"), new_value), "after rotation");
  EXPECT_EQ(keyring.versions(1, "home shelf"), (std::vector<std::uint32_t>{1, 2}));
}

TEST(CaseKeyringTest, WithoutTheKeyNothingSealsOrOpensButTheEmptyValue) {
  CaseKeyring keyring;
  EXPECT_EQ(keyring.seal(field(), "text").error().code, ErrorCode::PermissionDenied);
  EXPECT_EQ(*keyring.seal(field(), ""), "");
  EXPECT_EQ(*keyring.open(field(), ""), "");
  keyring.hold(1, "home shelf", 1, new_case_key(), true);
  const std::string sealed = *keyring.seal(field(), "text");
  keyring.forget(1, "home shelf");
  EXPECT_EQ(keyring.open(field(), sealed).error().code, ErrorCode::PermissionDenied);
  EXPECT_FALSE(keyring.current_version(1, "home shelf"));
  // Another case's key does not open it either.
  keyring.hold(1, "home table", 1, new_case_key(), true);
  EXPECT_EQ(keyring.open(field(), sealed).error().code, ErrorCode::PermissionDenied);
  keyring.forget_all();
  EXPECT_TRUE(keyring.versions(1, "home table").empty());
}

}  // namespace
}  // namespace conduct::crypto
