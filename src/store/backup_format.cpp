#include "store/backup_format.h"

#include <bit>
#include <cstring>
#include <set>

namespace conduct::store {
namespace {

constexpr std::string_view kFileMagic = "CONDUCTB";
constexpr std::string_view kDumpMagic = "CONDUCTD";

// ---- Writing ----

void put_u32(std::string& out, std::uint32_t value) {
  for (int i = 0; i < 4; ++i) out += static_cast<char>((value >> (8 * i)) & 0xff);
}
void put_u64(std::string& out, std::uint64_t value) {
  for (int i = 0; i < 8; ++i) out += static_cast<char>((value >> (8 * i)) & 0xff);
}
void put_string(std::string& out, std::string_view text) {
  put_u32(out, static_cast<std::uint32_t>(text.size()));
  out += text;
}
void put_header(std::string& out, std::string_view magic, const BackupFileHeader& header) {
  out += magic;
  put_u32(out, header.format_version);
  out.append(reinterpret_cast<const char*>(header.id.data()), header.id.size());
  put_u64(out, static_cast<std::uint64_t>(header.created_at.seconds));
}

void put_value(std::string& out, const BackupValue& value) {
  out += static_cast<char>(value.type);
  switch (value.type) {
    case BackupValue::Type::Null:
      break;
    case BackupValue::Type::Integer:
      put_u64(out, static_cast<std::uint64_t>(value.integer));
      break;
    case BackupValue::Type::Real:
      put_u64(out, std::bit_cast<std::uint64_t>(value.real));
      break;
    case BackupValue::Type::Text:
    case BackupValue::Type::Blob:
      put_string(out, value.bytes);
      break;
  }
}

// ---- Reading ----

// Reads the input front to back; every read checks that the bytes are there, and the
// first failure is kept so the caller can report it once.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : rest_(bytes) {}

  std::size_t remaining() const { return rest_.size(); }
  bool at_end() const { return rest_.empty(); }

  bool take(std::size_t count, std::string_view& out) {
    if (rest_.size() < count) return false;
    out = rest_.substr(0, count);
    rest_.remove_prefix(count);
    return true;
  }
  bool u8(std::uint8_t& out) {
    std::string_view raw;
    if (!take(1, raw)) return false;
    out = static_cast<std::uint8_t>(raw[0]);
    return true;
  }
  bool u32(std::uint32_t& out) {
    std::string_view raw;
    if (!take(4, raw)) return false;
    out = 0;
    for (int i = 3; i >= 0; --i) out = (out << 8) | static_cast<unsigned char>(raw[static_cast<std::size_t>(i)]);
    return true;
  }
  bool u64(std::uint64_t& out) {
    std::string_view raw;
    if (!take(8, raw)) return false;
    out = 0;
    for (int i = 7; i >= 0; --i) out = (out << 8) | static_cast<unsigned char>(raw[static_cast<std::size_t>(i)]);
    return true;
  }
  // A length-prefixed string; the length is checked against what is left before
  // anything is copied.
  bool string(std::string& out) {
    std::uint32_t length = 0;
    std::string_view raw;
    if (!u32(length) || !take(length, raw)) return false;
    out.assign(raw);
    return true;
  }

 private:
  std::string_view rest_;
};

Error malformed(const std::string& what) { return invalid_argument("the backup is malformed: " + what); }

Result<BackupFileHeader> read_header(Reader& reader, std::string_view magic, const char* what) {
  std::string_view seen;
  if (!reader.take(magic.size(), seen) || seen != magic) return invalid_argument(std::string("not a Conduct ") + what);
  BackupFileHeader header;
  std::string_view id;
  std::uint64_t created = 0;
  if (!reader.u32(header.format_version) || !reader.take(kBackupIdBytes, id) || !reader.u64(created))
    return invalid_argument(std::string("not a Conduct ") + what + ": its header is cut short");
  if (header.format_version != kBackupFormatVersion)
    return failed_precondition("the backup is in format version " + std::to_string(header.format_version) +
                               "; this conduct reads version " + std::to_string(kBackupFormatVersion));
  std::memcpy(header.id.data(), id.data(), kBackupIdBytes);
  header.created_at = Timestamp{static_cast<std::int64_t>(created)};
  return header;
}

// A table or column name: 1 to kBackupMaxNameBytes bytes, no NUL (SQL identifiers).
bool valid_name(std::string_view name) {
  return !name.empty() && name.size() <= kBackupMaxNameBytes && name.find('\0') == std::string_view::npos;
}

Result<BackupValue> read_value(Reader& reader, const std::string& table) {
  std::uint8_t type = 0;
  if (!reader.u8(type)) return malformed("table " + table + " ends inside a row");
  BackupValue value;
  switch (static_cast<BackupValue::Type>(type)) {
    case BackupValue::Type::Null:
      return value;
    case BackupValue::Type::Integer: {
      std::uint64_t raw = 0;
      if (!reader.u64(raw)) return malformed("table " + table + " ends inside an integer");
      return BackupValue::of_integer(static_cast<std::int64_t>(raw));
    }
    case BackupValue::Type::Real: {
      std::uint64_t raw = 0;
      if (!reader.u64(raw)) return malformed("table " + table + " ends inside a real number");
      return BackupValue::of_real(std::bit_cast<double>(raw));
    }
    case BackupValue::Type::Text:
    case BackupValue::Type::Blob:
      value.type = static_cast<BackupValue::Type>(type);
      if (!reader.string(value.bytes)) return malformed("a value of table " + table + " is longer than the backup");
      return value;
  }
  return malformed("table " + table + " has a value of unknown type " + std::to_string(type));
}

Result<BackupTable> read_table(Reader& reader) {
  BackupTable table;
  if (!reader.string(table.name)) return malformed("a table name is cut short");
  if (!valid_name(table.name)) return malformed("a table has an empty, overlong or NUL-bearing name");
  std::uint32_t column_count = 0;
  if (!reader.u32(column_count)) return malformed("table " + table.name + " ends before its columns");
  if (column_count == 0 || column_count > kBackupMaxColumns)
    return malformed("table " + table.name + " has " + std::to_string(column_count) + " columns");
  std::set<std::string> seen;
  for (std::uint32_t i = 0; i < column_count; ++i) {
    std::string column;
    if (!reader.string(column)) return malformed("table " + table.name + " ends inside its column names");
    if (!valid_name(column))
      return malformed("table " + table.name + " has an empty, overlong or NUL-bearing column name");
    if (!seen.insert(column).second) return malformed("table " + table.name + " names a column twice");
    table.columns.push_back(std::move(column));
  }
  std::uint64_t row_count = 0;
  if (!reader.u64(row_count)) return malformed("table " + table.name + " ends before its row count");
  // Every value takes at least its type byte: a count the rest cannot hold is refused
  // before anything is allocated for it.
  if (row_count > reader.remaining() / column_count)
    return malformed("table " + table.name + " claims more rows than the backup holds");
  table.rows.reserve(static_cast<std::size_t>(row_count));
  for (std::uint64_t r = 0; r < row_count; ++r) {
    BackupRow row;
    row.reserve(column_count);
    for (std::uint32_t c = 0; c < column_count; ++c) {
      ASSIGN_OR_RETURN(BackupValue value, read_value(reader, table.name));
      row.push_back(std::move(value));
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

}  // namespace

bool operator==(const BackupValue& a, const BackupValue& b) {
  if (a.type != b.type) return false;
  switch (a.type) {
    case BackupValue::Type::Null:
      return true;
    case BackupValue::Type::Integer:
      return a.integer == b.integer;
    case BackupValue::Type::Real:
      return std::bit_cast<std::uint64_t>(a.real) == std::bit_cast<std::uint64_t>(b.real);
    case BackupValue::Type::Text:
    case BackupValue::Type::Blob:
      return a.bytes == b.bytes;
  }
  return false;
}

std::string backup_id_text(const std::array<unsigned char, kBackupIdBytes>& id) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string text;
  for (unsigned char byte : id) {
    text += kDigits[byte >> 4];
    text += kDigits[byte & 0x0f];
  }
  return text;
}

std::string encode_file_header(const BackupFileHeader& header) {
  std::string out;
  put_header(out, kFileMagic, header);
  return out;
}

Result<BackupFileHeader> decode_file_header(std::string_view bytes) {
  Reader reader(bytes);
  return read_header(reader, kFileMagic, "backup");
}

DumpEncoder::DumpEncoder(Sink sink) : sink_(std::move(sink)) {}

Status DumpEncoder::flush(bool all) {
  if (pending_.empty() || (!all && pending_.size() < kFlushBytes)) return ok_status();
  const Status sent = sink_(pending_);
  pending_.clear();
  return sent;
}

Status DumpEncoder::begin(const BackupFileHeader& header, int schema_version, std::uint32_t table_count) {
  put_header(pending_, kDumpMagic, header);
  put_u32(pending_, static_cast<std::uint32_t>(schema_version));
  put_u32(pending_, table_count);
  return flush(false);
}

Status DumpEncoder::begin_table(std::string_view name, const std::vector<std::string>& columns,
                                std::uint64_t row_count) {
  put_string(pending_, name);
  put_u32(pending_, static_cast<std::uint32_t>(columns.size()));
  for (const std::string& column : columns) put_string(pending_, column);
  put_u64(pending_, row_count);
  return flush(false);
}

Status DumpEncoder::row(const BackupRow& values) {
  for (const BackupValue& value : values) put_value(pending_, value);
  return flush(false);
}

Status DumpEncoder::end() { return flush(true); }

std::string encode_dump(const BackupDump& dump) {
  std::string out;
  DumpEncoder encoder([&out](std::string_view bytes) {
    out.append(bytes);
    return ok_status();
  });
  (void)encoder.begin(dump.header, dump.schema_version, static_cast<std::uint32_t>(dump.tables.size()));
  for (const BackupTable& table : dump.tables) {
    (void)encoder.begin_table(table.name, table.columns, table.rows.size());
    for (const BackupRow& row : table.rows) (void)encoder.row(row);
  }
  (void)encoder.end();
  return out;
}

Result<BackupDump> decode_dump(std::string_view bytes) {
  Reader reader(bytes);
  BackupDump dump;
  ASSIGN_OR_RETURN(dump.header, read_header(reader, kDumpMagic, "backup dump"));
  std::uint32_t schema_version = 0;
  std::uint32_t table_count = 0;
  if (!reader.u32(schema_version) || !reader.u32(table_count)) return malformed("the dump's header is cut short");
  if (schema_version == 0 || schema_version > 1'000'000)
    return malformed("schema version " + std::to_string(schema_version) + " is not a version");
  dump.schema_version = static_cast<int>(schema_version);
  std::set<std::string> seen;
  for (std::uint32_t t = 0; t < table_count; ++t) {
    if (reader.at_end()) return malformed("the dump ends before its last table");
    ASSIGN_OR_RETURN(BackupTable table, read_table(reader));
    if (!seen.insert(table.name).second) return malformed("table " + table.name + " appears twice");
    dump.tables.push_back(std::move(table));
  }
  if (!reader.at_end()) return malformed("bytes follow the last table");
  return dump;
}

}  // namespace conduct::store
