// The HTTP server: the API under /api/ and the web app for everything else.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "app/context.h"
#include "core/result.h"

namespace conduct::http {

// Work the server does by itself, on its own thread between requests (so it never
// runs alongside one): once as soon as it listens, then every `interval`. `run` holds
// no rule of its own; it calls a use case (the daily retention run, cli/command_server.cpp).
struct PeriodicJob {
  std::string name;  // for the log
  std::chrono::seconds interval{24 * 60 * 60};
  std::function<void()> run;
};

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;
  std::string web_root;                    // the built web app (web/dist)
  // The largest request body read at all (a larger one closes the connection). Only a
  // file upload may use all of it: every JSON route refuses more than 1 MiB with 413
  // (router.h). `conduct serve` sets it to the communities' largest evidence_max_bytes unless
  // --max-body-bytes says otherwise.
  std::size_t max_body_bytes = 1 << 20;
  bool behind_tls = false;                 // adds Strict-Transport-Security
  std::vector<PeriodicJob> periodic_jobs;
};

// Parses "HOST:PORT" (IPv4, a name, or "[v6]:PORT"). Errors: InvalidArgument.
Result<ServerOptions> parse_listen_address(const std::string& text, ServerOptions defaults);

// Serves until SIGINT or SIGTERM, then finishes the requests in flight and returns.
// `on_listening` is called once with the base URL when the socket is bound.
// Requests are handled one at a time on this thread: the store is not shared.
// Errors: Internal when the address cannot be bound.
Status serve(app::Context& context, const ServerOptions& options,
             const std::function<void(const std::string& url)>& on_listening);

}  // namespace conduct::http
