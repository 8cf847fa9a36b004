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
  // Whether delivering a message again after an interruption is safe: true for a
  // transport that recognises the message (the outbox writes the same file), false for
  // one that would send it twice (an SMTP server). The queue never hands a message to
  // the latter again once a hand-over was interrupted (app/mail_queue.h).
  virtual bool repeats_safely() const { return true; }
};

}  // namespace conduct::mail
