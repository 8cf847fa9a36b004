#include "app/backup_keys.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <tuple>

namespace conduct::app {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kFirstLine = "conduct backup key 1";

std::string format_key_file(const std::string& backup_id, Timestamp created_at, const crypto::SecretBytes& key) {
  return std::string(kFirstLine) + "\nid " + backup_id + "\ncreated " + format_timestamp(created_at) + "\nkey " +
         crypto::to_base64(key.view()) + "\n";
}

struct ParsedKeyFile {
  std::string backup_id;
  Timestamp created_at;
  crypto::SecretBytes key;
};

// The four lines, each with its label; nothing else. The message never repeats the text.
Result<ParsedKeyFile> parse_key_file(const std::string& text) {
  std::istringstream lines(text);
  std::string first, id, created, key;
  std::getline(lines, first);
  std::getline(lines, id);
  std::getline(lines, created);
  std::getline(lines, key);
  std::string rest;
  const bool extra = static_cast<bool>(std::getline(lines, rest)) && !rest.empty();
  const Error not_a_key_file = invalid_argument("not a backup key file");
  if (first != kFirstLine || extra || !id.starts_with("id ") || !created.starts_with("created ") ||
      !key.starts_with("key "))
    return not_a_key_file;
  ParsedKeyFile parsed;
  parsed.backup_id = id.substr(3);
  const std::optional<Timestamp> time = parse_timestamp(created.substr(8));
  if (!time) return not_a_key_file;
  parsed.created_at = *time;
  auto secret = crypto::secret_from_base64(key.substr(4));
  if (!secret.ok() || secret->size() != 32) return not_a_key_file;
  parsed.key = std::move(secret).value();
  return parsed;
}

Result<std::string> read_text(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return internal_error("cannot read " + path.string());
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

}  // namespace

// Makes the directory 0700, or checks that an existing one is no wider.
Status prepare_key_directory(const std::string& key_dir) {
  std::error_code error;
  if (!fs::exists(key_dir, error)) {
    fs::create_directories(key_dir, error);
    if (error) return internal_error("cannot create the key directory " + key_dir + ": " + error.message());
    fs::permissions(key_dir, fs::perms::owner_all, fs::perm_options::replace, error);
    if (error) return internal_error("cannot restrict the key directory " + key_dir + ": " + error.message());
    return ok_status();
  }
  if (!fs::is_directory(key_dir, error)) return invalid_argument(key_dir + " is not a directory");
  const fs::perms perms = fs::status(key_dir, error).permissions();
  if ((perms & (fs::perms::group_all | fs::perms::others_all)) != fs::perms::none)
    return failed_precondition("the key directory " + key_dir +
                               " is open to other users: make it readable by its owner only (chmod 700)");
  return ok_status();
}

Status write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t step = ::write(fd, bytes.data(), bytes.size());
    if (step < 0) {
      if (errno == EINTR) continue;
      return internal_error("write failed");
    }
    bytes.remove_prefix(static_cast<std::size_t>(step));
  }
  return ok_status();
}

void sync_directory(const std::string& directory) {
  if (const int dir = ::open(directory.empty() ? "." : directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
      dir >= 0) {
    (void)::fsync(dir);
    ::close(dir);
  }
}

std::string backup_key_path(const std::string& key_dir, const std::string& backup_id) {
  return (fs::path(key_dir) / (backup_id + ".key")).string();
}

Status write_backup_key(const std::string& key_dir, const std::string& backup_id, Timestamp created_at,
                        const crypto::SecretBytes& key) {
  TRY(prepare_key_directory(key_dir));
  const std::string path = backup_key_path(key_dir, backup_id);
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, S_IRUSR | S_IWUSR);
  if (fd < 0) {
    if (errno == EEXIST) return already_exists("the key file " + path + " already exists");
    return internal_error("cannot write the key file " + path);
  }
  const Status written = write_all(fd, format_key_file(backup_id, created_at, key));
  const bool synced = written.ok() && ::fsync(fd) == 0;
  if (::close(fd) != 0 || !synced) {
    ::unlink(path.c_str());
    return internal_error("cannot write the key file " + path);
  }
  // The directory entry itself must reach the disk before the backup is called taken.
  if (const int dir = ::open(key_dir.c_str(), O_RDONLY | O_DIRECTORY); dir >= 0) {
    (void)::fsync(dir);
    ::close(dir);
  }
  return ok_status();
}

Result<crypto::SecretBytes> read_backup_key(const std::string& key_dir, const std::string& backup_id) {
  const std::string path = backup_key_path(key_dir, backup_id);
  std::error_code error;
  if (!fs::is_regular_file(path, error))
    return not_found("the key of backup " + backup_id + " is not in " + key_dir +
                     " (destroyed after the backup horizon, or kept elsewhere)");
  ASSIGN_OR_RETURN(const std::string text, read_text(path));
  auto parsed = parse_key_file(text);
  if (!parsed.ok()) return invalid_argument(path + " is not a backup key file");
  if (parsed->backup_id != backup_id) return invalid_argument(path + " holds the key of another backup");
  return std::move(parsed->key);
}

void remove_backup_key(const std::string& key_dir, const std::string& backup_id) {
  std::error_code ignored;
  fs::remove(backup_key_path(key_dir, backup_id), ignored);
}

Result<BackupKeyDestruction> destroy_backup_keys_before(const std::string& key_dir, Timestamp cutoff) {
  std::error_code error;
  if (!fs::is_directory(key_dir, error)) return not_found("the key directory " + key_dir + " does not exist");
  std::vector<std::pair<fs::path, DestroyedBackupKey>> expired;
  BackupKeyDestruction result;
  for (const fs::directory_entry& entry : fs::directory_iterator(key_dir, error)) {
    const fs::path& path = entry.path();
    if (path.extension() != ".key" || !entry.is_regular_file()) continue;
    auto text = read_text(path);
    auto parsed = text.ok() ? parse_key_file(*text) : Result<ParsedKeyFile>(text.error());
    if (!parsed.ok() || parsed->backup_id != path.stem().string()) {
      result.unreadable.push_back(path.filename().string());
      continue;
    }
    if (parsed->created_at < cutoff) expired.push_back({path, {parsed->backup_id, parsed->created_at}});
  }
  if (error) return internal_error("cannot list the key directory " + key_dir + ": " + error.message());
  std::sort(expired.begin(), expired.end(), [](const auto& a, const auto& b) {
    return std::tie(a.second.created_at, a.second.backup_id) < std::tie(b.second.created_at, b.second.backup_id);
  });
  std::sort(result.unreadable.begin(), result.unreadable.end());
  for (auto& [path, key] : expired) {
    if (!fs::remove(path, error) || error)
      return internal_error("cannot remove the key file " + path.string() + " (" +
                            std::to_string(result.destroyed.size()) + " destroyed before it)");
    result.destroyed.push_back(std::move(key));
  }
  if (!result.destroyed.empty())
    if (const int dir = ::open(key_dir.c_str(), O_RDONLY | O_DIRECTORY); dir >= 0) {
      (void)::fsync(dir);
      ::close(dir);
    }
  return result;
}

Timestamp backup_key_cutoff(Timestamp now, int horizon_days) {
  return Timestamp{now.seconds - static_cast<std::int64_t>(horizon_days) * kSecondsPerDay};
}

}  // namespace conduct::app
