#include "app/backup_journal.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/backup_keys.h"
#include "crypto/secret_bytes.h"

namespace conduct::app {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kFirstLine = "conduct backup journal 1";
constexpr std::string_view kSuffix = ".pending";

}  // namespace

std::string backup_journal_path(const std::string& key_dir, const std::string& backup_id) {
  return (fs::path(key_dir) / (backup_id + std::string(kSuffix))).string();
}

Status write_backup_journal(const std::string& key_dir, const BackupJournal& journal) {
  std::ostringstream text;
  text << kFirstLine << "\n"
       << "id " << journal.backup_id << "\n"
       << "file " << journal.backup_file << "\n"
       << "created " << journal.created_at.seconds << "\n"
       << "state " << (journal.written ? "written" : "writing") << "\n";
  if (journal.written) text << "digest " << crypto::to_hex(journal.digest) << "\n";
  const std::string path = backup_journal_path(key_dir, journal.backup_id);
  const std::string temporary = path + ".new";
  const std::string bytes = text.str();
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, S_IRUSR | S_IWUSR);
  if (fd < 0) return internal_error("cannot write " + temporary);
  bool ok = write_all(fd, bytes).ok();
  ok = ::fsync(fd) == 0 && ok;
  ok = ::close(fd) == 0 && ok;
  std::error_code error;
  if (ok) fs::rename(temporary, path, error);
  if (!ok || error) {
    fs::remove(temporary, error);
    return internal_error("cannot write " + path);
  }
  sync_directory(key_dir);
  return ok_status();
}

Result<BackupJournal> read_backup_journal(const std::string& path) {
  std::ifstream file(path);
  std::string line;
  const Error not_a_journal = invalid_argument(path + " is not a backup journal");
  if (!std::getline(file, line) || line != kFirstLine) return not_a_journal;
  BackupJournal journal;
  std::string state;
  while (std::getline(file, line)) {
    const std::size_t space = line.find(' ');
    if (space == std::string::npos) return not_a_journal;
    const std::string name = line.substr(0, space);
    const std::string value = line.substr(space + 1);
    if (name == "id") {
      journal.backup_id = value;
    } else if (name == "file") {
      journal.backup_file = value;
    } else if (name == "created") {
      try {
        journal.created_at = Timestamp{std::stoll(value)};
      } catch (const std::exception&) {
        return not_a_journal;
      }
    } else if (name == "state") {
      state = value;
    } else if (name == "digest") {
      auto digest = crypto::from_hex(value);
      if (!digest.ok()) return not_a_journal;
      journal.digest = *digest;
    }
  }
  if (journal.backup_id.empty() || journal.backup_file.empty() || (state != "writing" && state != "written"))
    return not_a_journal;
  journal.written = state == "written";
  if (journal.written && journal.digest.empty()) return not_a_journal;
  return journal;
}

void remove_backup_journal(const std::string& key_dir, const std::string& backup_id) {
  std::error_code ignored;
  fs::remove(backup_journal_path(key_dir, backup_id), ignored);
  sync_directory(key_dir);
}

std::vector<std::string> backup_journals(const std::string& key_dir) {
  std::vector<std::string> found;
  std::error_code error;
  for (fs::directory_iterator entry(key_dir, error), end; !error && entry != end; entry.increment(error)) {
    const std::string name = entry->path().filename().string();
    if (name.size() > kSuffix.size() && name.ends_with(kSuffix)) found.push_back(entry->path().string());
  }
  std::sort(found.begin(), found.end());
  return found;
}

}  // namespace conduct::app
