// Where outgoing mail goes: an SMTP server, or a directory (the default, so that a
// server with no mail server configured still keeps every message it would send).
#pragma once

#include <string>
#include <vector>

#include "core/result.h"

namespace conduct::mail {

class Transport {
 public:
  virtual ~Transport() = default;
  // Hands one message to its recipients. Delivering the same message id again must not
  // send it twice where the transport can tell (a directory writes the same file).
  // Errors: Unavailable for a failure worth retrying; InvalidArgument for one that
  // never will succeed (a recipient refused for good). Messages name no recipient.
  virtual Status deliver(const std::string& message_id, const std::vector<std::string>& recipients,
                         const std::string& message) = 0;
};

}  // namespace conduct::mail
