// The backup format (docs/security.md "Crypto-shredding and backups", §4 "src/store"): what
// `conduct backup` writes and `conduct restore` reads, independent of the backend that
// wrote it, so a backup of one backend can be loaded into another. Pure encoding and
// decoding: no I/O, no SQL, no keys.
//
// A backup file is a plaintext *file header* followed by the sealed *dump*
// (crypto/backup_stream.h); the file header is the sealed stream's associated data, so
// it cannot be changed without the dump failing to open. All integers are little-endian;
// a "string" is a u32 byte length and that many bytes.
//
//   file header   "CONDUCTB"  u32 format version (1)  16-byte backup id  i64 created-at
//
//   dump          "CONDUCTD"  u32 format version (1)  16-byte backup id  i64 created-at
//                 u32 schema version  u32 table count, then each table:
//                   string name  u32 column count  string column name (each)
//                   u64 row count, then each row: one value per column, each a type
//                   byte and its payload:
//                     0 null (no payload)   1 integer (i64)   2 real (IEEE-754 bits, u64)
//                     3 text (string)       4 blob (string)
//
// Created-at is seconds since the epoch (UTC). The schema version is the store's
// migration version when the snapshot was taken. Every byte sequence has at most one
// decoding and re-encodes to itself: decoding refuses trailing bytes, unknown type
// bytes, empty or repeated names, and lengths or counts larger than what follows.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/time.h"

namespace conduct::store {

inline constexpr std::uint32_t kBackupFormatVersion = 1;
inline constexpr std::size_t kBackupIdBytes = 16;
inline constexpr std::size_t kBackupFileHeaderBytes = 8 + 4 + kBackupIdBytes + 8;
// SQLite's own limit on columns in a table (SQLITE_MAX_COLUMN's default).
inline constexpr std::uint32_t kBackupMaxColumns = 2000;
inline constexpr std::size_t kBackupMaxNameBytes = 256;

// What the file header says. `id` is 16 random bytes; backup_id_text gives its name.
struct BackupFileHeader {
  std::uint32_t format_version = kBackupFormatVersion;
  std::array<unsigned char, kBackupIdBytes> id{};
  Timestamp created_at;
  bool operator==(const BackupFileHeader&) const = default;
};

// One stored value, with its type kept: an integer stays an integer and a text a
// text, so rows come back byte for byte.
struct BackupValue {
  enum class Type : std::uint8_t { Null = 0, Integer = 1, Real = 2, Text = 3, Blob = 4 };
  Type type = Type::Null;
  std::int64_t integer = 0;
  double real = 0;    // compared bit for bit (a NaN equals the same NaN)
  std::string bytes;  // a text's or a blob's bytes

  static BackupValue null() { return {}; }
  static BackupValue of_integer(std::int64_t value) { return {Type::Integer, value, 0, {}}; }
  static BackupValue of_real(double value) { return {Type::Real, 0, value, {}}; }
  static BackupValue of_text(std::string value) { return {Type::Text, 0, 0, std::move(value)}; }
  static BackupValue of_blob(std::string value) { return {Type::Blob, 0, 0, std::move(value)}; }
  friend bool operator==(const BackupValue& a, const BackupValue& b);
};

using BackupRow = std::vector<BackupValue>;

struct BackupTable {
  std::string name;
  std::vector<std::string> columns;
  std::vector<BackupRow> rows;  // each row has one value per column
  bool operator==(const BackupTable&) const = default;
};

struct BackupDump {
  BackupFileHeader header;  // repeated inside the sealed dump, checked against the file's
  int schema_version = 0;
  std::vector<BackupTable> tables;
  bool operator==(const BackupDump&) const = default;
};

// The id as 32 lower-case hex digits: the name of the backup and of its key file.
std::string backup_id_text(const std::array<unsigned char, kBackupIdBytes>& id);

std::string encode_file_header(const BackupFileHeader& header);
// Reads the file header at the start of `bytes` (the rest is the sealed dump).
// Errors: InvalidArgument "not a Conduct backup" for a wrong magic or a short input;
// FailedPrecondition for a format version this program does not read.
Result<BackupFileHeader> decode_file_header(std::string_view bytes);

// Precondition (not checked here; the snapshot satisfies it): every row has as many
// values as its table has columns.
// Encodes a dump piece by piece, in the format above, handing the bytes on in pieces of
// about kFlushBytes: a backup is written as its rows are read, never held whole. The
// caller gives the row count of each table before its rows (it counts them in the same
// read transaction) and exactly that many rows.
class DumpEncoder {
 public:
  using Sink = std::function<Status(std::string_view bytes)>;
  static constexpr std::size_t kFlushBytes = 64 * 1024;
  explicit DumpEncoder(Sink sink);
  Status begin(const BackupFileHeader& header, int schema_version, std::uint32_t table_count);
  Status begin_table(std::string_view name, const std::vector<std::string>& columns, std::uint64_t row_count);
  Status row(const BackupRow& values);
  Status end();  // hands on what is left

 private:
  Status flush(bool all);
  Sink sink_;
  std::string pending_;
};

std::string encode_dump(const BackupDump& dump);
// Errors: InvalidArgument naming what is malformed (and the table, when known) for any
// input that encode_dump could not have written; FailedPrecondition for a format
// version this program does not read. Every length and count is checked against the
// bytes that follow before anything is allocated for it, so a short input cannot make
// the decoder reserve more than a bounded multiple of its own size.
Result<BackupDump> decode_dump(std::string_view bytes);

}  // namespace conduct::store
