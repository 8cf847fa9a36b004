#include "crypto/blind_index.h"

#include <gtest/gtest.h>

namespace conduct::crypto {
namespace {

TEST(BlindIndexTest, SameKeySameValueSameIndexAndKindsAreApart) {
  const SecretBytes key = new_index_key();
  const BlindIndexer indexer(SecretBytes::copy_of(key.view()));
  const BlindIndexer again(SecretBytes::copy_of(key.view()));
  EXPECT_EQ(indexer.index("contact", "rin@example.org").size(), kBlindIndexBytes);
  EXPECT_EQ(indexer.index("contact", "rin@example.org"), again.index("contact", "rin@example.org"));
  EXPECT_NE(indexer.index("contact", "rin@example.org"), indexer.index("name", "rin@example.org"));
  EXPECT_NE(indexer.index("contact", "rin@example.org"), indexer.index("contact", "rim@example.org"));
  EXPECT_EQ(indexer.index("contact", "rin@example.org").find("rin"), std::string::npos);
}

TEST(BlindIndexTest, AnotherKeyGivesUnrelatedIndexes) {
  const BlindIndexer one(new_index_key());
  const BlindIndexer two(new_index_key());
  EXPECT_NE(one.index("name", "rin okafor"), two.index("name", "rin okafor"));
}

TEST(BlindIndexTest, TheEmptyValueHasNoIndex) {
  const BlindIndexer indexer(new_index_key());
  EXPECT_EQ(indexer.index("contact", ""), "");
}

TEST(BlindIndexTest, KeyTextRoundTripsAndBadTextIsRefusedWithoutEchoingIt) {
  const SecretBytes key = new_index_key();
  const std::string text = format_index_key(key);
  EXPECT_EQ(text.size(), 43u);
  EXPECT_TRUE(*parse_index_key("  " + text + "\n") == key);
  const Result<SecretBytes> short_key = parse_index_key("c2hvcnQ");
  ASSERT_FALSE(short_key.ok());
  EXPECT_EQ(short_key.error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(short_key.error().message.find("c2hvcnQ"), std::string::npos);
  EXPECT_FALSE(parse_index_key("not base64 at all!").ok());
}

}  // namespace
}  // namespace conduct::crypto
