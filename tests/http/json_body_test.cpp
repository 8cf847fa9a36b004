#include "http/json_body.h"

#include <gtest/gtest.h>

namespace conduct::http {
namespace {

Request with_body(std::string body) {
  Request request;
  request.body = std::move(body);
  request.headers["content-type"] = "application/json; charset=utf-8";
  return request;
}

TEST(JsonBodyTest, ReadsTypedFieldsAndReportsEveryProblemAtOnce) {
  auto body = JsonBody::parse(with_body(
      R"({"name": 3, "ongoing": "yes", "days": 1.5, "categories": ["a", 2],
          "parties": [{"role": 7}, "x", {"role": "reporter"}], "limit": 99999999999999999999})"));
  ASSERT_TRUE(body.ok());
  EXPECT_EQ(body->text("name", "fallback"), "fallback");
  EXPECT_FALSE(body->flag("ongoing"));
  EXPECT_FALSE(body->number("days").has_value());
  EXPECT_TRUE(body->texts("categories").empty());
  std::vector<JsonBody> parties = body->objects("parties");
  ASSERT_EQ(parties.size(), 2u);
  EXPECT_EQ(parties[0].text("role"), "");
  EXPECT_EQ(parties[1].text("role"), "reporter");
  EXPECT_FALSE(body->number("limit").has_value());  // beyond int64: refused, not wrapped
  const Status result = body->result();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::InvalidArgument);
  for (const char* field : {"name", "ongoing", "days", "categories", "parties[1].role", "parties[2]", "limit"})
    EXPECT_TRUE(result.error().fields.count(field)) << field << ": " << result.error().message;
  EXPECT_EQ(result.error().fields.size(), 7u);
}

TEST(JsonBodyTest, AbsentAndNullFieldsTakeTheFallback) {
  auto body = JsonBody::parse(with_body(R"({"name": null})"));
  ASSERT_TRUE(body.ok());
  EXPECT_EQ(body->text("name", "x"), "x");
  EXPECT_TRUE(body->flag("missing", true));
  EXPECT_EQ(body->number("missing"), std::nullopt);
  EXPECT_TRUE(body->result().ok());
  auto empty = JsonBody::parse(with_body(""));
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->result().ok());
}

TEST(JsonBodyTest, ABodyThatIsNotAnObjectIsRefused) {
  for (const char* text : {"[1, 2]", "\"text\"", "{broken", "42"}) {
    auto body = JsonBody::parse(with_body(text));
    ASSERT_FALSE(body.ok()) << text;
    EXPECT_EQ(body.error().fields.at("body"), "must be a JSON object");
  }
}

TEST(JsonBodyTest, DeeplyNestedBodiesAreRefusedBeforeTheyExhaustTheStack) {
  std::string deep = R"({"parties": [{"name": )";
  for (int i = 0; i < 100000; ++i) deep += '[';
  for (int i = 0; i < 100000; ++i) deep += ']';
  deep += "}]}";
  auto body = JsonBody::parse(with_body(deep));
  ASSERT_FALSE(body.ok());
  EXPECT_EQ(body.error().fields.count("body"), 1u);
  std::string fine = R"({"a": )";
  for (int i = 0; i < 20; ++i) fine += '[';
  for (int i = 0; i < 20; ++i) fine += ']';
  fine += "}";
  EXPECT_TRUE(JsonBody::parse(with_body(fine)).ok());
}

TEST(JsonBodyTest, OnlyJsonIsAccepted) {
  // A cross-site form can post text/plain without asking first; JSON it cannot.
  for (const char* type : {"", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data"}) {
    Request request;
    request.body = R"({"email": "robin@tidewater.example"})";
    request.headers["content-type"] = type;
    auto body = JsonBody::parse(request);
    ASSERT_FALSE(body.ok()) << type;
    EXPECT_EQ(body.error().fields.at("content-type"), "must be application/json");
  }
}

TEST(JsonContentTypeTest, ExactlyApplicationJsonWithAtMostAUtf8Charset) {
  for (const char* accepted :
       {"application/json", "Application/JSON", "application/json; charset=utf-8", "application/json;charset=UTF-8",
        " application/json ", "application/json; charset=\"utf-8\""})
    EXPECT_TRUE(is_json_content_type(accepted)) << accepted;
  for (const char* refused : {"application/jsonx", "application/json-patch+json", "application/json; charset=latin1",
                              "application/json; boundary=x", "text/json", "application/x-www-form-urlencoded", "",
                              "application/json;", "application/json, text/plain"})
    EXPECT_FALSE(is_json_content_type(refused)) << refused;
}

}  // namespace
}  // namespace conduct::http
