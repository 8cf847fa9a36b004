// The backup format (store/backup_format.h): a dump round-trips value for value, with
// every type kept; every malformed input is refused with InvalidArgument naming what is
// wrong, never a crash; a format version this program does not read is
// FailedPrecondition.
#include "store/backup_format.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <string>

namespace conduct::store {
namespace {

using ::testing::HasSubstr;

BackupDump sample_dump() {
  BackupDump dump;
  for (std::size_t i = 0; i < kBackupIdBytes; ++i) dump.header.id[i] = static_cast<unsigned char>(0xa0 + i);
  dump.header.created_at = Timestamp{1'795'000'000};
  dump.schema_version = 6;
  dump.tables.push_back({"cases",
                         {"id", "code_name", "location_sealed", "weight"},
                         {{BackupValue::of_integer(1), BackupValue::of_text("home shelf"),
                           BackupValue::of_blob(std::string("\x00\x01\xff", 3)), BackupValue::of_real(0.5)},
                          {BackupValue::of_integer(std::numeric_limits<std::int64_t>::min()), BackupValue::of_text(""),
                           BackupValue::of_blob(""), BackupValue::null()}}});
  dump.tables.push_back({"empty_table", {"only"}, {}});
  return dump;
}

TEST(BackupFormatTest, ADumpRoundTripsWithEveryTypeKept) {
  const BackupDump dump = sample_dump();
  const std::string encoded = encode_dump(dump);
  const Result<BackupDump> decoded = decode_dump(encoded);
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(*decoded, dump);
  EXPECT_EQ(decoded->tables[0].rows[1][2].type, BackupValue::Type::Blob);  // empty blob stays a blob
  EXPECT_EQ(decoded->tables[0].rows[1][1].type, BackupValue::Type::Text);  // empty text stays a text
  EXPECT_EQ(encode_dump(*decoded), encoded);
}

TEST(BackupFormatTest, RealsAreKeptBitForBit) {
  BackupDump dump = sample_dump();
  dump.tables[0].rows[0][3] = BackupValue::of_real(-0.0);
  dump.tables[0].rows[1][3] = BackupValue::of_real(std::numeric_limits<double>::quiet_NaN());
  const Result<BackupDump> decoded = decode_dump(encode_dump(dump));
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_TRUE(std::signbit(decoded->tables[0].rows[0][3].real));
  EXPECT_TRUE(std::isnan(decoded->tables[0].rows[1][3].real));
  EXPECT_EQ(*decoded, dump);
}

TEST(BackupFormatTest, TheFileHeaderRoundTripsAndNamesTheBackup) {
  const BackupFileHeader header = sample_dump().header;
  const std::string encoded = encode_file_header(header);
  EXPECT_EQ(encoded.size(), kBackupFileHeaderBytes);
  const Result<BackupFileHeader> decoded = decode_file_header(encoded + "sealed bytes follow");
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(*decoded, header);
  EXPECT_EQ(backup_id_text(header.id), "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf");
}

TEST(BackupFormatTest, AFileThatIsNotABackupIsRefused) {
  for (const std::string& input : {std::string(), std::string("CONDUCTB"), std::string("SQLite format 3") + '\0',
                                   encode_file_header(sample_dump().header).substr(0, kBackupFileHeaderBytes - 1)}) {
    const Result<BackupFileHeader> decoded = decode_file_header(input);
    ASSERT_FALSE(decoded.ok());
    EXPECT_EQ(decoded.error().code, ErrorCode::InvalidArgument);
    EXPECT_THAT(decoded.error().message, HasSubstr("not a Conduct backup"));
  }
}

TEST(BackupFormatTest, ANewerFormatVersionIsAFailedPrecondition) {
  BackupFileHeader header = sample_dump().header;
  header.format_version = 2;
  const Result<BackupFileHeader> decoded = decode_file_header(encode_file_header(header));
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.error().code, ErrorCode::FailedPrecondition);
  EXPECT_THAT(decoded.error().message, HasSubstr("format version 2"));
}

// Byte offsets into the encoding of a one-table dump with one column "c" and one row
// holding a text "v": the header (8 + 4 + 16 + 8 = 36), schema version, table count,
// then the table.
struct Malformation {
  std::string name;
  std::function<void(std::string&)> change;
  std::string message;
};

std::string small_dump() {
  BackupDump dump;
  dump.schema_version = 6;
  dump.tables.push_back({"t", {"c"}, {{BackupValue::of_text("v")}}});
  return encode_dump(dump);
}

constexpr std::size_t kTableCount = 40;   // u32 table count
constexpr std::size_t kTableName = 44;    // u32 length 1, then "t"
constexpr std::size_t kColumnCount = 49;  // u32 1
constexpr std::size_t kColumnName = 53;   // u32 length 1, then "c"
constexpr std::size_t kRowCount = 58;     // u64 1
constexpr std::size_t kValueType = 66;    // 3 (text)
constexpr std::size_t kValueLength = 67;  // u32 1, then "v"

void put_u32_at(std::string& bytes, std::size_t offset, std::uint32_t value) {
  for (int i = 0; i < 4; ++i) bytes[offset + i] = static_cast<char>((value >> (8 * i)) & 0xff);
}

TEST(BackupFormatTest, EveryMalformationIsRefusedWithWhatIsWrong) {
  ASSERT_EQ(small_dump().size(), kValueLength + 5);
  const std::vector<Malformation> malformations = {
      {"wrong magic", [](std::string& b) { b[0] = 'X'; }, "not a Conduct backup dump"},
      {"cut in the header", [](std::string& b) { b.resize(20); }, "cut short"},
      {"schema version 0", [](std::string& b) { put_u32_at(b, 36, 0); }, "schema version 0"},
      {"more tables than there are", [](std::string& b) { put_u32_at(b, kTableCount, 2); }, "before its last table"},
      {"table name longer than the rest", [](std::string& b) { put_u32_at(b, kTableName, 0xffffffff); }, "table name"},
      {"empty table name",
       [](std::string& b) {
         b.erase(kTableName + 4, 1);
         put_u32_at(b, kTableName, 0);
       },
       "empty"},
      {"no columns", [](std::string& b) { put_u32_at(b, kColumnCount, 0); }, "0 columns"},
      {"too many columns", [](std::string& b) { put_u32_at(b, kColumnCount, 5000); }, "5000 columns"},
      {"NUL in a column name", [](std::string& b) { b[kColumnName + 4] = '\0'; }, "column name"},
      {"rows the input cannot hold", [](std::string& b) { b[kRowCount + 7] = 0x7f; }, "more rows than"},
      {"unknown value type", [](std::string& b) { b[kValueType] = 9; }, "unknown type 9"},
      {"value longer than the rest", [](std::string& b) { put_u32_at(b, kValueLength, 2); }, "longer than"},
      {"cut inside a value", [](std::string& b) { b.resize(kValueLength + 2); }, "longer than the backup"},
      {"trailing bytes", [](std::string& b) { b += '\0'; }, "bytes follow"},
  };
  for (const Malformation& malformation : malformations) {
    std::string bytes = small_dump();
    malformation.change(bytes);
    const Result<BackupDump> decoded = decode_dump(bytes);
    ASSERT_FALSE(decoded.ok()) << malformation.name;
    EXPECT_EQ(decoded.error().code, ErrorCode::InvalidArgument) << malformation.name;
    EXPECT_THAT(decoded.error().message, HasSubstr(malformation.message)) << malformation.name;
  }
}

TEST(BackupFormatTest, RepeatedNamesAreRefused) {
  BackupDump twice;
  twice.schema_version = 1;
  twice.tables = {{"t", {"c"}, {}}, {"t", {"c"}, {}}};
  const Result<BackupDump> tables = decode_dump(encode_dump(twice));
  ASSERT_FALSE(tables.ok());
  EXPECT_THAT(tables.error().message, HasSubstr("table t appears twice"));

  BackupDump columns;
  columns.schema_version = 1;
  columns.tables = {{"t", {"c", "c"}, {}}};
  const Result<BackupDump> decoded = decode_dump(encode_dump(columns));
  ASSERT_FALSE(decoded.ok());
  EXPECT_THAT(decoded.error().message, HasSubstr("names a column twice"));
}

}  // namespace
}  // namespace conduct::store
