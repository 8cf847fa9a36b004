// What the SMTP transport and the IMAP mailbox share: libcurl set up once per process,
// a handle that frees itself, and the connection settings both take from conduct.toml.
#pragma once

#include <memory>
#include <string>

#include "core/result.h"

typedef void CURL;

namespace conduct::mail {

// How to reach a mail server: smtp://, smtps://, imap:// or imaps:// URL, optional
// credentials, and whether TLS (STARTTLS on a plain URL) is required.
struct ServerSettings {
  std::string url;
  std::string username;
  std::string password;
  bool require_tls = false;   // refuse to go on without TLS (STARTTLS for smtp:// and imap://)
  long timeout_seconds = 30;  // a connection or a transfer that takes longer fails (and is retried)
};

struct CurlCleanup {
  void operator()(CURL* handle) const;
};
using CurlHandle = std::unique_ptr<CURL, CurlCleanup>;

// A fresh handle with the settings' URL, credentials, TLS and timeouts applied, and
// verbose output off. Errors: Internal when libcurl cannot make one.
Result<CurlHandle> open_curl(const ServerSettings& settings, const std::string& url);
// The same options on a handle that has served before: its options are reset first,
// its open connection kept for the next transfer.
void reconfigure_curl(CURL* handle, const ServerSettings& settings, const std::string& url);

// A libcurl failure as a Status: Unavailable for what may pass (the server is away, a
// time-out, a 4xx reply), InvalidArgument for what will not (a refused login, a 5xx
// reply to the message or its recipients). The message names the step and libcurl's
// words, never a recipient or the message.
Error curl_failure(const char* step, int curl_code, long reply_code);

}  // namespace conduct::mail
