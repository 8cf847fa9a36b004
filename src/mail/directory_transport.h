// The outbox directory: each message written as one .eml file, named by its Message-ID,
// made durable before it counts as sent (written aside, synced, renamed, the directory
// synced). A message delivered twice is the same file written twice, never two files.
#pragma once

#include <string>

#include "mail/transport.h"

namespace conduct::mail {

class DirectoryTransport final : public Transport {
 public:
  explicit DirectoryTransport(std::string directory) : directory_(std::move(directory)) {}
  Status deliver(const std::string& message_id, const std::vector<std::string>& recipients,
                 const std::string& message) override;

 private:
  std::string directory_;
};

// The file name a message id gets: its characters outside [A-Za-z0-9._-] become '_'.
std::string outbox_file_name(const std::string& message_id);

}  // namespace conduct::mail
