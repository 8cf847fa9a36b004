// Sending through an SMTP server (libcurl): the envelope's recipients are the queued
// message's, the message goes as written (its headers name the recipients it was
// written for; Bcc-like recipients are in the envelope only), and the server's reply
// decides between a retry (4xx, a connection that failed) and a failure for good (5xx,
// a refused login). libcurl adds no header: Date and Message-ID are the message's own.
#pragma once

#include <string>
#include <vector>

#include "mail/curl_session.h"
#include "mail/transport.h"

namespace conduct::mail {

class SmtpTransport final : public Transport {
 public:
  // `envelope_from`: the MAIL FROM address (bounces come back to it).
  SmtpTransport(ServerSettings settings, std::string envelope_from)
      : settings_(std::move(settings)), envelope_from_(std::move(envelope_from)) {}
  Status deliver(const std::string& message_id, const std::vector<std::string>& recipients,
                 const std::string& message) override;
  // An SMTP server cannot tell a message it already took from a new one.
  bool repeats_safely() const override { return false; }

 private:
  ServerSettings settings_;
  std::string envelope_from_;
};

}  // namespace conduct::mail
