// The canary scanner against encodings made by the product's own encoders
// (crypto::to_base64, crypto::to_hex), with the canary at every alignment of the
// encoded stream, and a near miss that must not be found.
#include "canary_scanner.h"

#include <gmock/gmock.h>

#include <algorithm>
#include <cctype>
#include <string>

#include "crypto/secret_bytes.h"

namespace conduct::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr char kCanary[] = "canary-location-5f0c2e9a41b7d3e8";

std::string upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::toupper(c); });
  return text;
}

std::string standard_alphabet(std::string url_safe) {
  std::replace(url_safe.begin(), url_safe.end(), '-', '+');
  std::replace(url_safe.begin(), url_safe.end(), '_', '/');
  return url_safe;
}

std::string utf16le(const std::string& text) {
  std::string wide;
  for (const char c : text) wide += std::string{c, '\0'};
  return wide;
}

// `bytes` encoded whole, as a leak would encode the record that holds the canary.
std::string encode(Encoding encoding, const std::string& bytes) {
  switch (encoding) {
    case Encoding::Raw:
      return bytes;
    case Encoding::Base64:
      return standard_alphabet(crypto::to_base64(bytes));
    case Encoding::Base64Url:
      return crypto::to_base64(bytes);
    case Encoding::HexLower:
      return crypto::to_hex(bytes);
    case Encoding::HexUpper:
      return upper(crypto::to_hex(bytes));
    case Encoding::Utf16Le:
      return utf16le(bytes);
    case Encoding::Utf16Be:
      return '\0' + utf16le(bytes).substr(0, 2 * bytes.size() - 1);
  }
  return bytes;
}

// Surroundings of 0 to 5 bytes put the canary at each alignment of a base64 group
// twice; the bytes around it are ones a base64 encoder would mix into its edges.
TEST(CanaryScanner, FindsTheCanaryInEveryEncodingAtEveryAlignment) {
  for (const Encoding encoding : kEncodings) {
    for (std::size_t before = 0; before < 6; ++before) {
      const std::string record = std::string(before, '\xfe') + "{\"location\":\"" + kCanary + "\"}\xff";
      const std::string haystack = "\x01\x02 page bytes " + encode(encoding, record) + " more page bytes";
      EXPECT_THAT(encodings_found(haystack, kCanary), ::testing::Contains(encoding))
          << encoding_name(encoding) << " with " << before << " bytes before";
    }
  }
}

TEST(CanaryScanner, AnEncodingIsNotMistakenForAnother) {
  const std::string record = std::string("note: ") + kCanary;
  EXPECT_THAT(encodings_found(encode(Encoding::HexUpper, record), kCanary), ElementsAre(Encoding::HexUpper));
  EXPECT_THAT(encodings_found(encode(Encoding::Utf16Be, record), kCanary), ElementsAre(Encoding::Utf16Be));
  EXPECT_THAT(encodings_found(record, kCanary), ElementsAre(Encoding::Raw));
}

TEST(CanaryScanner, ANearMissIsNotFoundInAnyEncoding) {
  std::string near_miss = kCanary;
  near_miss[near_miss.size() / 2] ^= 0x01;
  for (const Encoding encoding : kEncodings)
    EXPECT_THAT(encodings_found(encode(encoding, "x" + near_miss + "y"), kCanary), IsEmpty())
        << encoding_name(encoding);
  EXPECT_THAT(encodings_found("", kCanary), IsEmpty());
}

TEST(CanaryScanner, EveryNeedleIsLongEnoughNotToMatchByChance) {
  for (const Encoding encoding : kEncodings) {
    const std::vector<std::string> needles = needles_of(std::string(kShortestCanary, 'c'), encoding);
    EXPECT_EQ(needles.size(), encoding == Encoding::Base64 || encoding == Encoding::Base64Url ? 3u : 1u);
    for (const std::string& needle : needles) EXPECT_GE(needle.size(), 12u) << encoding_name(encoding);
  }
}

}  // namespace
}  // namespace conduct::testing
