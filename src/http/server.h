// The HTTP server: the API under /api/ and the web app for everything else.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "app/context.h"
#include "core/result.h"
#include "http/request.h"

namespace conduct::http {

// Work the server does by itself, on a thread of its own with its own connection to the
// store: once as soon as it listens, then every `interval`. It runs alongside requests,
// so it writes in small transactions. `run` holds no rule of its own; it calls a use
// case (the daily retention run, cli/command_server.cpp).
struct PeriodicJob {
  std::string name;  // for the log
  std::chrono::seconds interval{24 * 60 * 60};
  std::function<void()> run;
  bool quiet = false;  // a job run every second does not log each start
};

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;
  std::string web_root;  // the built web app (web/dist)
  // The largest request body read at all (a larger one closes the connection). Only a
  // file upload may use all of it: every JSON route refuses more than 1 MiB with 413
  // (router.h). `conduct serve` sets it to the communities' largest evidence_max_bytes unless
  // --max-body-bytes says otherwise.
  std::size_t max_body_bytes = 1 << 20;
  // The largest body of a public form with files (a report, a portal message), which
  // anyone may send; `conduct serve` fits it to the communities' largest
  // [intake] reporter_files_max_bytes and a form's text. Such bodies being read or
  // answered hold at most `reporter_bodies_budget_bytes` of memory together
  // ([server] reporter_uploads_mib): past it a new one is answered 503 from its head.
  std::size_t max_reporter_body_bytes = 1 << 20;
  std::size_t reporter_bodies_budget_bytes = 64 << 20;
  bool behind_tls = false;  // adds Strict-Transport-Security
  std::vector<PeriodicJob> periodic_jobs;
  // Threads that handle requests, each with its own connection ([server] workers).
  std::size_t workers = 2;
  // Threads for the requests that hash a password with Argon2id (signing in, enrolling,
  // changing a password), so that slow work never holds up the other requests
  // ([server] password_workers).
  std::size_t password_workers = 1;
  // Threads that read requests and write answers ([server] io_threads). Each request
  // is handed whole to a worker, so a slow client never holds one.
  std::size_t io_threads = 1;
  // Called once the workers have stopped, before the server closes: writes what they
  // left queued (the audit entries their last answers wait for).
  std::function<void()> drain;
  // Requests waiting for a worker beyond this many are answered 503 at once.
  std::size_t max_queued_requests = 4096;
  // Open connections in all, and from one client address ([server] max_connections,
  // max_connections_per_address; 0: no cap per address). Behind a reverse proxy every
  // connection comes from the proxy's address.
  std::size_t max_connections = 1024;
  std::size_t max_connections_per_address = 64;
  // How long a request's head may take to arrive, and the whole request (head and
  // body) to be read ([server] header_timeout_seconds, read_timeout_seconds).
  std::chrono::seconds header_timeout{5};
  std::chrono::seconds read_timeout{20};
  // Whether a session token names a live session: a file upload's body is read only for
  // one (a stranger cannot make the server hold a large body). Unset: uploads refused.
  std::function<bool(const std::string& session_token)> has_session;
  // The health check is answered from what a thread of its own asks the database every
  // `health_interval`; an answer older than `health_stale_after` reports the database
  // as not answering (http/health_watch.h).
  std::chrono::milliseconds health_interval{500};
  std::chrono::milliseconds health_stale_after{5000};
  // Requests waiting for a password worker, per lane ([server] password_queue).
  std::size_t max_queued_password_requests = 64;
  // Whether a password-hashing request goes before the others: a sign-in from a browser
  // that signed in before (its device cookie), a signed-in member's password change. A
  // flood of strangers' sign-ins then never stands between a member and their session.
  // Given the request's device and session cookies (app::goes_before_strangers).
  std::function<bool(const std::string& device_token, const std::string& session_token)> trusted_password_request;
};

// One worker's own state: a connection to the store and the keyring of the case keys it
// unlocks for the request in hand. Used by one thread at a time.
class Worker {
 public:
  virtual ~Worker() = default;
  virtual app::Context& context() = 0;
};
// Makes a worker (opens a connection). Errors: those of opening the store.
using WorkerFactory = std::function<Result<std::unique_ptr<Worker>>()>;

// Parses "HOST:PORT" (IPv4, a name, or "[v6]:PORT"). Errors: InvalidArgument.
Result<ServerOptions> parse_listen_address(const std::string& text, ServerOptions defaults);

// Serves until SIGINT or SIGTERM, then finishes the requests in flight and returns.
// `on_listening` is called once with the base URL when the socket is bound.
//
// Threads: this one accepts connections, reads and parses requests and writes answers
// (RESTinio); a request is handed whole to a worker, which dispatches it on its own
// connection and passes the answer back. A slow client therefore holds a connection,
// never a worker. Requests that hash a password queue for the password workers, the
// rest for the request workers; a health probe is answered on the I/O thread from the
// health watch, which has a thread and a connection of its own. Each periodic job has a
// thread of its own.
// Errors: Internal when the address cannot be bound; a worker's when it cannot be made.
Status serve(const WorkerFactory& make_worker, const ServerOptions& options,
             const std::function<void(const std::string& url)>& on_listening);

}  // namespace conduct::http
