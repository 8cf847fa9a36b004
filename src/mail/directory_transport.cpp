#include "mail/directory_transport.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace conduct::mail {
namespace {

Status write_durably(const std::string& path, const std::string& bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return unavailable("the outbox directory cannot be written: " + std::string(std::strerror(errno)));
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t step = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (step < 0 && errno == EINTR) continue;
    if (step <= 0) {
      const int error = errno;
      ::close(fd);
      return unavailable("the outbox directory cannot be written: " + std::string(std::strerror(error)));
    }
    written += static_cast<std::size_t>(step);
  }
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!synced) return unavailable("the outbox file could not be synced");
  return ok_status();
}

}  // namespace

std::string outbox_file_name(const std::string& message_id) {
  std::string name;
  for (char c : message_id) {
    const bool kept =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
    name += kept ? c : '_';
  }
  return name + ".eml";
}

Status DirectoryTransport::deliver(const std::string& message_id, const std::vector<std::string>&,
                                   const std::string& message) {
  std::error_code error;
  std::filesystem::create_directories(directory_, error);
  if (error) return unavailable("the outbox directory cannot be made: " + error.message());
  const std::string final_path = directory_ + "/" + outbox_file_name(message_id);
  const std::string aside = final_path + ".part";
  TRY(write_durably(aside, message));
  if (::rename(aside.c_str(), final_path.c_str()) != 0)
    return unavailable("the outbox file could not be put in place: " + std::string(std::strerror(errno)));
  const int directory = ::open(directory_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (directory >= 0) {
    (void)::fsync(directory);
    ::close(directory);
  }
  return ok_status();
}

}  // namespace conduct::mail
