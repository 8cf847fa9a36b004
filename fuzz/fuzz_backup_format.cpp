// The backup format (store/backup_format.h). `conduct restore` reads a backup file
// someone hands it: the plaintext file header is parsed before anything is verified,
// and the dump after it opens. Both decoders must refuse malformed input cleanly.
//
// The input is used as it is, twice:
//   - as a file header: decode_file_header refuses it with InvalidArgument (not a
//     backup) or FailedPrecondition (another format version), or reads a header that
//     re-encodes to the input's first bytes and names a 32-hex-digit id;
//   - as a dump: decode_dump refuses it with InvalidArgument or FailedPrecondition, or
//     reads a dump whose every row has one value per column and which re-encodes to
//     exactly the input (the format has one encoding for each dump).
// Then, so the decoder is reached past its magic and header, the input is also tried
// behind a valid dump header.
#include <string>

#include "fuzz_check.h"
#include "store/backup_format.h"

namespace {

using namespace conduct;
using namespace conduct::store;

bool refused(const Error& error) {
  return error.code == ErrorCode::InvalidArgument || error.code == ErrorCode::FailedPrecondition;
}

void check_file_header(std::string_view bytes) {
  const Result<BackupFileHeader> header = decode_file_header(bytes);
  if (!header.ok()) {
    FUZZ_CHECK(refused(header.error()), "a malformed file header is InvalidArgument or FailedPrecondition");
    return;
  }
  FUZZ_CHECK(bytes.size() >= kBackupFileHeaderBytes, "a header read needs all its bytes");
  FUZZ_CHECK(encode_file_header(*header) == bytes.substr(0, kBackupFileHeaderBytes),
             "a header re-encodes to the bytes it was read from");
  const std::string id = backup_id_text(header->id);
  FUZZ_CHECK(id.size() == 32 && id.find_first_not_of("0123456789abcdef") == std::string::npos,
             "a backup id is 32 lower-case hex digits (it names a key file)");
}

void check_dump(std::string_view bytes) {
  const Result<BackupDump> dump = decode_dump(bytes);
  if (!dump.ok()) {
    FUZZ_CHECK(refused(dump.error()), "a malformed dump is InvalidArgument or FailedPrecondition");
    FUZZ_CHECK(!dump.error().message.empty(), "a refusal says what is wrong");
    return;
  }
  for (const BackupTable& table : dump->tables) {
    FUZZ_CHECK(!table.name.empty() && !table.columns.empty(), "a table has a name and columns");
    for (const BackupRow& row : table.rows) FUZZ_CHECK(row.size() == table.columns.size(), "one value per column");
  }
  FUZZ_CHECK(encode_dump(*dump) == bytes, "a dump re-encodes to exactly the bytes it was read from");
}

// A valid dump header (schema version 6) with the input as its tables.
std::string behind_dump_header(std::string_view bytes) {
  BackupDump empty;
  empty.schema_version = 6;
  std::string header = encode_dump(empty);
  header.resize(header.size() - 4);  // drop the table count: the input brings its own
  return header + std::string(bytes);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes = conduct::fuzz::as_text(data, size);
  check_file_header(bytes);
  check_dump(bytes);
  check_dump(behind_dump_header(bytes));
  return 0;
}
