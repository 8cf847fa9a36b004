// The evidence files of the SQLite store (store/evidence_rows.h; migration 6): a row per
// file with its sealed name, description and key, and a BLOB row per sealed chunk.
#include "store/sealing.h"
#include "store/sqlite/sqlite_store.h"

namespace conduct::store::sqlite {
namespace {

// The columns read_evidence expects, in its order.
constexpr std::string_view kEvidenceColumns =
    "id, number, size_bytes, chunk_count, created_at, author_id, name_sealed, description_sealed, file_key_sealed";

}  // namespace

Result<int> SqliteStore::next_evidence_number(const domain::Case& owner) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("SELECT COALESCE(MAX(number), 0) + 1 FROM evidence_files WHERE case_id = ?"));
  statement.bind(1, owner.id);
  ASSIGN_OR_RETURN(const bool found, statement.step());
  if (!found) return internal_error("cannot number the next evidence file");
  return static_cast<int>(statement.int64(0));
}

Status SqliteStore::insert_evidence(const domain::Case& owner, const EvidenceRow& row) {
  const std::string record = evidence_record(row.file.number);
  ASSIGN_OR_RETURN(const std::string name, seal_field(sealer_, owner, record, "name", row.file.name));
  ASSIGN_OR_RETURN(const std::string description,
                   seal_field(sealer_, owner, record, "description", row.file.description));
  ASSIGN_OR_RETURN(const std::string file_key, seal_field(sealer_, owner, record, "file_key", row.file_key));
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("INSERT INTO evidence_files (case_id, number, size_bytes, chunk_count, created_at, "
                               "author_id, name_sealed, description_sealed, file_key_sealed) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  return statement.bind(1, owner.id)
      .bind(2, row.file.number)
      .bind(3, row.file.size_bytes)
      .bind(4, row.file.chunk_count)
      .bind(5, row.file.created_at.seconds)
      .bind(6, row.file.author_id)
      .bind_blob(7, name)
      .bind_blob(8, description)
      .bind_blob(9, file_key)
      .run();
}

Status SqliteStore::insert_evidence_chunk(const domain::Case& owner, int file_number, int chunk_index,
                                          std::string_view sealed_chunk) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("INSERT INTO evidence_chunks (evidence_id, chunk_index, sealed) "
                               "SELECT id, ?, ? FROM evidence_files WHERE case_id = ? AND number = ? "
                               "RETURNING evidence_id"));
  statement.bind(1, chunk_index).bind_blob(2, sealed_chunk).bind(3, owner.id).bind(4, file_number);
  ASSIGN_OR_RETURN(const bool inserted, statement.step());
  // No file row to refer to: the same answer a foreign key gives elsewhere.
  if (!inserted) return internal_error("database write failed: a referenced record does not exist");
  TRY(statement.run());
  handled_.add(sealed_chunk);
  return ok_status();
}

Result<EvidenceRow> SqliteStore::read_evidence(const domain::Case& owner, const Statement& row, bool with_key) {
  EvidenceRow evidence;
  domain::EvidenceFile& file = evidence.file;
  file.id = row.int64(0);
  file.number = static_cast<int>(row.int64(1));
  file.size_bytes = row.int64(2);
  file.chunk_count = static_cast<int>(row.int64(3));
  file.created_at = Timestamp{row.int64(4)};
  file.author_id = row.optional_int64(5);
  const std::string record = evidence_record(file.number);
  ASSIGN_OR_RETURN(file.name, open_field(sealer_, owner, record, "name", row.blob(6)));
  ASSIGN_OR_RETURN(file.description, open_field(sealer_, owner, record, "description", row.blob(7)));
  if (with_key) {
    ASSIGN_OR_RETURN(evidence.file_key, open_field(sealer_, owner, record, "file_key", row.blob(8)));
  }
  return evidence;
}

Result<std::vector<domain::EvidenceFile>> SqliteStore::list_evidence(const domain::Case& owner) {
  ASSIGN_OR_RETURN(Statement statement, db_.prepare("SELECT " + std::string(kEvidenceColumns) +
                                                    " FROM evidence_files WHERE case_id = ? ORDER BY number"));
  statement.bind(1, owner.id);
  std::vector<domain::EvidenceFile> files;
  while (true) {
    ASSIGN_OR_RETURN(const bool found, statement.step());
    if (!found) return files;
    ASSIGN_OR_RETURN(EvidenceRow row, read_evidence(owner, statement, false));
    files.push_back(std::move(row.file));
  }
}

Result<EvidenceRow> SqliteStore::find_evidence(const domain::Case& owner, int file_number) {
  ASSIGN_OR_RETURN(Statement statement, db_.prepare("SELECT " + std::string(kEvidenceColumns) +
                                                    " FROM evidence_files WHERE case_id = ? AND number = ?"));
  statement.bind(1, owner.id).bind(2, file_number);
  ASSIGN_OR_RETURN(const bool found, statement.step());
  if (!found) return not_found("no evidence file " + std::to_string(file_number) + " in this case");
  return read_evidence(owner, statement, true);
}

Result<std::vector<std::string>> SqliteStore::evidence_chunks(const domain::Case& owner, int file_number) {
  ASSIGN_OR_RETURN(Statement statement,
                   db_.prepare("SELECT c.sealed FROM evidence_chunks c JOIN evidence_files f ON f.id = c.evidence_id "
                               "WHERE f.case_id = ? AND f.number = ? ORDER BY c.chunk_index"));
  statement.bind(1, owner.id).bind(2, file_number);
  std::vector<std::string> chunks;
  while (true) {
    ASSIGN_OR_RETURN(const bool found, statement.step());
    if (!found) return chunks;
    chunks.push_back(statement.blob(0));
    handled_.add(chunks.back());
  }
}

}  // namespace conduct::store::sqlite
