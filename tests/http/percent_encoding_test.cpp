#include "http/percent_encoding.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace conduct::http {
namespace {

TEST(PercentEncodingTest, DecodesEscapesInEitherCaseAndKeepsEverythingElse) {
  const std::pair<std::string, std::string> rows[] = {
      {"", ""},
      {"plain.txt", "plain.txt"},
      {"chat%20log.txt", "chat log.txt"},
      {"%E2%80%93%e2%80%93", "\xE2\x80\x93\xE2\x80\x93"},
      {"a+b", "a+b"},  // not form encoding
      {"%00%0A", std::string("\0\n", 2)},
  };
  for (const auto& [encoded, decoded] : rows)
    EXPECT_EQ(percent_decode(encoded), std::optional<std::string>(decoded)) << encoded;
}

TEST(PercentEncodingTest, AnIncompleteOrNonHexEscapeIsRefused) {
  for (const char* bad : {"%", "%2", "50%", "%zz", "%2g", "a%%20"}) EXPECT_EQ(percent_decode(bad), std::nullopt) << bad;
}

TEST(PercentEncodingTest, AttributeValuesKeepOnlyRfc8187Characters) {
  EXPECT_EQ(percent_encode_attribute("report-2026_v1.txt"), "report-2026_v1.txt");
  EXPECT_EQ(percent_encode_attribute("chat log \xE2\x80\x93 Nov.txt"), "chat%20log%20%E2%80%93%20Nov.txt");
  EXPECT_EQ(percent_encode_attribute("a\"b;c'd%e/f\\g"), "a%22b%3Bc%27d%25e%2Ff%5Cg");
  EXPECT_EQ(percent_encode_attribute("!#$&+^`|~"), "!#$&+^`|~");
  EXPECT_EQ(percent_decode(percent_encode_attribute("any \x01 bytes \xff")),
            std::optional<std::string>("any \x01 bytes \xff"));
}

}  // namespace
}  // namespace conduct::http
