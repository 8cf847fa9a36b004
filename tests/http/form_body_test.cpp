#include "http/form_body.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace conduct::http {
namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;

TEST(FormBodyTest, ReadsFieldsInOrder) {
  const struct {
    const char* body;
    Fields fields;
  } rows[] = {
      {"", {}},
      {"a=1", {{"a", "1"}}},
      {"what_happened=Rude+messages%21&ongoing=yes", {{"what_happened", "Rude messages!"}, {"ongoing", "yes"}}},
      {"name=Jos%C3%A9+%26+Ana", {{"name", "José & Ana"}}},
      {"plus=%2B&space=%20", {{"plus", "+"}, {"space", " "}}},
      {"people%5B1%5D.role=witness", {{"people[1].role", "witness"}}},
      {"concerned_members=3&concerned_members=5", {{"concerned_members", "3"}, {"concerned_members", "5"}}},
      {"&&a=1&&b=2&", {{"a", "1"}, {"b", "2"}}},
      {"flag", {{"flag", ""}}},
      {"empty=", {{"empty", ""}}},
      {"=value", {{"", "value"}}},
      {"eq=a=b", {{"eq", "a=b"}}},
      {"text=line1%0D%0Aline2", {{"text", "line1\r\nline2"}}},
  };
  for (const auto& row : rows) {
    const auto parsed = parse_form_body(row.body);
    ASSERT_TRUE(parsed.has_value()) << row.body;
    EXPECT_EQ(*parsed, row.fields) << row.body;
  }
}

TEST(FormBodyTest, RefusesBrokenEscapesAndTextThatIsNotUtf8) {
  for (const char* body :
       {"a=%", "a=%4", "a=%G1", "a=%zz&b=1", "%=1", "a=%C3", "a=%FF%FE", "a=%C3%28", "%C3=x", "a=%00"}) {
    EXPECT_FALSE(parse_form_body(body).has_value()) << body;
  }
  EXPECT_FALSE(parse_form_body(std::string("a=\xC3", 3)).has_value());
}

TEST(FormBodyTest, RefusesMoreThanThreeHundredFields) {
  std::string body;
  for (std::size_t i = 0; i < kMostFormFields; ++i) body += (i ? "&" : "") + std::string("f=") + std::to_string(i);
  const auto most = parse_form_body(body);
  ASSERT_TRUE(most.has_value());
  EXPECT_EQ(most->size(), kMostFormFields);
  EXPECT_FALSE(parse_form_body(body + "&one=more").has_value());
  // Empty items are not fields.
  EXPECT_TRUE(parse_form_body(body + "&&&&").has_value());
}

TEST(FormBodyTest, FormValueTakesTheFirstAndFormValuesEvery) {
  const Fields fields = {{"a", "1"}, {"b", "2"}, {"a", "3"}};
  EXPECT_EQ(form_value(fields, "a"), "1");
  EXPECT_EQ(form_value(fields, "missing"), "");
  EXPECT_EQ(form_values(fields, "a"), (std::vector<std::string>{"1", "3"}));
  EXPECT_TRUE(form_values(fields, "missing").empty());
}

TEST(FormContentTypeTest, NamesTheUrlencodedFormOnly) {
  for (const char* type : {"application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=UTF-8",
                           "Application/X-WWW-Form-Urlencoded", "  application/x-www-form-urlencoded ;charset=utf-8"})
    EXPECT_TRUE(is_form_content_type(type)) << type;
  for (const char* type : {"", "application/json", "multipart/form-data; boundary=x", "text/plain",
                           "application/x-www-form-urlencodedx", "application/x-www-form"})
    EXPECT_FALSE(is_form_content_type(type)) << type;
}

}  // namespace
}  // namespace conduct::http
