#include "core/text.h"

#include <gtest/gtest.h>

#include "core/field_errors.h"

namespace conduct {
namespace {

TEST(TextTest, RecognisesPlausibleEmailAddresses) {
  for (const char* good : {"a@b.org", "robin.achterberg@tidewater.example", "x+tag@sub.example.co"})
    EXPECT_TRUE(looks_like_email(good)) << good;
  for (const char* bad : {"", "robin", "@example.org", "robin@", "robin@example", "a@b@c.org", "a b@c.org", "a@b.",
                          "<a@b.org>", "a@.org"})
    EXPECT_FALSE(looks_like_email(bad)) << bad;
}

TEST(TextTest, AcceptsOnlyCleanUtf8) {
  EXPECT_TRUE(is_clean_utf8("plain text\nwith lines\tand tabs"));
  EXPECT_TRUE(is_clean_utf8("Wiśniewski, 日本語, emoji \xF0\x9F\x98\x80"));
  EXPECT_FALSE(is_clean_utf8(std::string("nul\0byte", 8)));
  EXPECT_FALSE(is_clean_utf8("bell\x07"));
  EXPECT_FALSE(is_clean_utf8("\xC3"));              // truncated sequence
  EXPECT_FALSE(is_clean_utf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(is_clean_utf8("\xED\xA0\x80"));      // UTF-16 surrogate
  EXPECT_FALSE(is_clean_utf8("\xF4\x90\x80\x80"));  // beyond U+10FFFF
}

TEST(TextTest, TrimsSplitsAndJoins) {
  EXPECT_EQ(trim("  \t hello \n"), "hello");
  EXPECT_EQ(split("a/b//c", '/'), (std::vector<std::string>{"a", "b", "", "c"}));
  EXPECT_EQ(join({"a", "b", "c"}, ", "), "a, b, c");
  EXPECT_EQ(to_lower_ascii("Robin@Tidewater.EXAMPLE"), "robin@tidewater.example");
}

TEST(FieldErrorsTest, ReportsEveryFieldAtOnce) {
  FieldErrors errors;
  EXPECT_TRUE(errors.result("nothing wrong").ok());
  errors.add("name", "is required");
  errors.add("email", "is not an address");
  errors.add("name", "a second problem is ignored");
  const Status status = errors.result("the member could not be added");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(status.error().fields.size(), 2u);
  EXPECT_EQ(status.error().fields.at("name"), "is required");
  EXPECT_EQ(status.error().message, "the member could not be added: email is not an address; name is required");
}

TEST(EncodedFields, AnyTextsReadBackExactly) {
  const std::vector<std::string> texts = {"", "two\nlines", "a: colon", "12:3\n", std::string("nul\0byte", 8)};
  const std::string encoded = encode_fields(texts);
  EXPECT_EQ(encoded.substr(0, 15), "0:\n9:two\nlines\n");
  EXPECT_EQ(decode_fields(encoded), texts);
  EXPECT_EQ(decode_fields(""), std::vector<std::string>{});
}

TEST(EncodedFields, WhatEncodeFieldsDidNotWriteIsRefused) {
  for (const std::string& bad : {"x", "3:ab\n", "3:abcd", ":a\n", "1a:b\n", "9999999999:a\n", "2:ab"})
    EXPECT_FALSE(decode_fields(bad).has_value()) << bad;
}

}  // namespace
}  // namespace conduct
