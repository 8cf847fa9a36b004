// The only translation unit that includes RESTinio: it converts RESTinio's requests to
// ours, hands them to dispatch(), and writes the answers back. Stops cleanly on SIGINT
// and SIGTERM.
#include "http/server.h"

#include <restinio/all.hpp>

#include <algorithm>
#include <condition_variable>
#include <csignal>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "app/audit_batch.h"
#include "http/dispatch.h"
#include "http/guarded_socket.h"
#include "http/health_watch.h"
#include "http/log.h"
#include "http/percent_encoding.h"
#include "http/responses.h"
#include "http/session_cookie.h"
#include "http/upload_budget.h"
#include "http/work_queue.h"

namespace conduct::http {
namespace {

// Connections per client address: counted as RESTinio's ip_blocker lets one in (at
// accept time, in order), counted out at its first "closed" notice (RESTinio may close
// a connection more than once: the connection ids seen accepted are the ones still
// counted). At the cap a new connection from that address is closed at once; the
// first refusal of a run is logged.
class ConnectionsPerAddress {
 public:
  explicit ConnectionsPerAddress(std::size_t most) : most_(most) {}

  restinio::ip_blocker::inspection_result_t inspect(const restinio::ip_blocker::incoming_info_t& info) noexcept {
    const std::string address = info.remote_endpoint().address().to_string();
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      std::size_t& open = open_[address];
      if (most_ == 0 || open < most_) {
        ++open;
        return restinio::ip_blocker::allow();
      }
      if (!refusing_.insert(address).second) return restinio::ip_blocker::deny();
    }
    log_event("warn", "connection refused", {{"reason", "too many connections from one address"}});
    return restinio::ip_blocker::deny();
  }

  void state_changed(const restinio::connection_state::notice_t& notice) noexcept {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (restinio::holds_alternative<restinio::connection_state::accepted_t>(notice.cause())) {
      open_connections_.insert(notice.connection_id());
      return;
    }
    if (!restinio::holds_alternative<restinio::connection_state::closed_t>(notice.cause())) return;
    if (open_connections_.erase(notice.connection_id()) == 0) return;  // counted out already
    const std::string address = notice.remote_endpoint().address().to_string();
    const auto count = open_.find(address);
    if (count == open_.end()) return;
    if (count->second <= 1)
      open_.erase(count);
    else
      --count->second;
    refusing_.erase(address);
  }

 private:
  const std::size_t most_;
  std::mutex mutex_;
  std::set<restinio::connection_id_t> open_connections_;
  std::map<std::string, std::size_t> open_;
  std::set<std::string> refusing_;  // addresses at the cap whose refusal was logged
};

// Several threads may run the io_context ([server] io_threads): traits_t puts each
// connection on a strand, so its reads and writes never run at once. Every socket reads
// through the strict request stream (http/guarded_socket.h); connections are capped in
// all and per address.
struct ServerTraits : restinio::traits_t<restinio::asio_timer_manager_t, restinio::null_logger_t,
                                         restinio::details::autodetect_request_handler_type, restinio::default_strand_t,
                                         GuardedSocket> {
  using ip_blocker_t = ConnectionsPerAddress;
  using connection_state_listener_t = ConnectionsPerAddress;
  static constexpr bool use_connection_count_limiter = true;
};

// Our Request for a RESTinio request; nothing when the path or query cannot be decoded.
std::optional<Request> to_request(const restinio::request_handle_t& handle) {
  Request request;
  const auto& header = handle->header();
  request.method = std::string(header.method().c_str());
  auto path = restinio::utils::try_unescape_percent_encoding<restinio::utils::relaxed_unescape_traits>(header.path());
  if (!path) return std::nullopt;
  request.path = std::move(*path);
  try {
    const auto query = restinio::parse_query(header.query());
    for (const auto& [name, value] : query) request.query.emplace(std::string(name), std::string(value));
  } catch (const std::exception&) {
    return std::nullopt;  // a malformed query string is refused like a malformed path
  }
  header.for_each_field([&](const restinio::http_header_field_t& field) {
    std::string name = field.name();
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    request.headers.emplace(std::move(name), field.value());
  });
  request.body = handle->body();
  request.remote_address = handle->remote_endpoint().address().to_string();
  return request;
}

const char* reason_phrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 204:
      return "No Content";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 411:
      return "Length Required";
    case 413:
      return "Content Too Large";
    case 431:
      return "Request Header Fields Too Large";
    case 429:
      return "Too Many Requests";
    case 503:
      return "Service Unavailable";
    default:
      return status >= 500 ? "Internal Server Error" : "Error";
  }
}

// Runs each job at once and then every interval, each on a thread of its own, until
// stopped (a run in progress finishes first).
class PeriodicJobs {
 public:
  explicit PeriodicJobs(const std::vector<PeriodicJob>& jobs) : jobs_(jobs) {}
  ~PeriodicJobs() { stop(); }
  // start and stop may be called from two I/O threads at once (a signal during start):
  // threads_mutex_ keeps them apart, and a stopped set of jobs never starts.
  void start() {
    const std::lock_guard<std::mutex> guard(threads_mutex_);
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      if (stopped_) return;
    }
    for (const PeriodicJob& job : jobs_) threads_.emplace_back([this, &job] { run(job); });
  }
  void stop() {
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      stopped_ = true;
    }
    wake_.notify_all();
    const std::lock_guard<std::mutex> guard(threads_mutex_);
    for (std::thread& thread : threads_)
      if (thread.joinable()) thread.join();
    threads_.clear();
  }

 private:
  void run(const PeriodicJob& job) {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!stopped_) {
      lock.unlock();
      if (!job.quiet) log_event("info", "job started", {{"job", job.name}});
      job.run();
      lock.lock();
      wake_.wait_for(lock, job.interval, [this] { return stopped_; });
    }
  }
  const std::vector<PeriodicJob>& jobs_;
  std::mutex threads_mutex_;
  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopped_ = false;
};

// The worker threads of one queue, each with the worker (connection) it was made with.
class WorkerPool {
 public:
  WorkerPool(WorkQueue& queue, std::vector<std::unique_ptr<Worker>> workers) : queue_(queue) {
    for (std::unique_ptr<Worker>& worker : workers)
      threads_.emplace_back([this, owned = std::shared_ptr<Worker>(std::move(worker))] {
        while (std::optional<Job> job = queue_.pop()) (*job)(owned->context());
      });
  }
  // Waits for the queued jobs to finish (close the queue first).
  void join() {
    for (std::thread& thread : threads_)
      if (thread.joinable()) thread.join();
  }

 private:
  WorkQueue& queue_;
  std::vector<std::thread> threads_;
};

Result<std::vector<std::unique_ptr<Worker>>> make_workers(const WorkerFactory& make_worker, std::size_t count) {
  std::vector<std::unique_ptr<Worker>> workers;
  for (std::size_t i = 0; i < std::max<std::size_t>(count, 1); ++i) {
    ASSIGN_OR_RETURN(std::unique_ptr<Worker> worker, make_worker());
    workers.push_back(std::move(worker));
  }
  return workers;
}

void send(const restinio::request_handle_t& handle, Response response) {
  auto builder = handle->create_response(restinio::http_status_line_t{
      restinio::http_status_code_t{static_cast<std::uint16_t>(response.status)}, reason_phrase(response.status)});
  builder.append_header(restinio::http_field::content_type, response.content_type);
  for (const auto& [name, value] : response.headers) builder.append_header(name, value);
  builder.set_body(std::move(response.body));
  builder.done();
}

Response malformed_path_response(bool behind_tls) {
  Request placeholder;
  placeholder.path = "/api/";
  Response response = error_response(field_error("path", "is not valid percent-encoding (in the path or the query)"));
  add_security_headers(placeholder, response, behind_tls);
  return response;
}

// A read's audit entries could not be written: its answer is not sent.
Response audit_failure_response(bool behind_tls) {
  Request placeholder;
  placeholder.path = "/api/";
  Response response = error_response(internal_error("the read could not be recorded in the audit log"));
  add_security_headers(placeholder, response, behind_tls);
  return response;
}

// Sends the answer; or, when the request read sealed content, hands the read's audit
// entries to the batcher with the answer, sent only once they are durable (a failed
// batch answers 500 instead). The worker goes on to the next request meanwhile.
void answer(const restinio::request_handle_t& handle, app::Context& context, Response response, bool behind_tls) {
  if (context.deferred_reads.empty()) return send(handle, std::move(response));
  std::vector<crypto::AuditEntry> entries = std::move(context.deferred_reads);
  context.deferred_reads.clear();
  if (!context.audit_batcher) return send(handle, audit_failure_response(behind_tls));
  context.audit_batcher->commit_later(
      std::move(entries), [handle, response = std::move(response), behind_tls](const Status& written) mutable {
        if (written.ok()) return send(handle, std::move(response));
        log_event("error", "audit entries not written", {{"error", written.error().message}});
        send(handle, audit_failure_response(behind_tls));
      });
}

// A health probe, answered on the I/O thread that read it from what the watch last
// learned: no worker, no database read, so a probe is answered however busy they are.
void answer_health(const restinio::request_handle_t& handle, const Request& request, HealthWatch& health,
                   bool behind_tls) {
  const auto started = std::chrono::steady_clock::now();
  Response response = health.answer();
  add_security_headers(request, response, behind_tls);
  // A healthy answer is not logged: a load balancer asks every few seconds, and a line
  // each time would bury the requests that matter. A degraded one is.
  if (response.status != 200) {
    const auto elapsed =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);
    log_request(request.method, request.path, response.status, elapsed.count());
  }
  send(handle, std::move(response));
}

// Every worker is busy and the queue is full: try again in a moment.
Response busy_response(bool behind_tls) {
  Request placeholder;
  placeholder.path = "/api/";
  Response response = error_response(unavailable("the server is busy: try again in a moment"));
  response.headers.emplace_back("Retry-After", "1");
  add_security_headers(placeholder, response, behind_tls);
  return response;
}

// ---- The strict request stream (http/guarded_socket.h) -------------------------------

std::shared_ptr<const GuardRules> installed_rules;
std::mutex installed_rules_mutex;

// The whole HTTP answer to a refused head: the error in the API's shape, with the
// security headers, and the connection closed.
std::string refusal_answer(const HeadRefusal& refusal, bool behind_tls) {
  Error error = refusal.status == 401 ? unauthenticated(refusal.message) : invalid_argument(refusal.message);
  if (!refusal.field.empty()) error.fields[refusal.field] = refusal.field_problem;
  Response response = error_response(error);
  response.status = refusal.status;
  Request placeholder;
  placeholder.path = "/api/";
  add_security_headers(placeholder, response, behind_tls);
  std::string answer = "HTTP/1.1 " + std::to_string(response.status) + " " + reason_phrase(response.status) + "\r\n";
  answer += "Content-Type: " + response.content_type + "\r\n";
  answer += "Content-Length: " + std::to_string(response.body.size()) + "\r\n";
  answer += "Connection: close\r\n";
  for (const auto& [name, value] : response.headers) answer += name + ": " + value + "\r\n";
  answer += "\r\n";
  answer += response.body;
  return answer;
}

bool takes_no_body(std::string_view method) {
  return method == "GET" || method == "HEAD" || method == "DELETE" || method == "OPTIONS";
}

// The largest body a head may announce: none for a method or a path that takes none,
// the JSON limit for a JSON route, and the server's limit for a file upload from a live
// session (a stranger's upload is refused before its body is read). A public form with
// files takes the reporter's limit, within the budget for such bodies.
BodyAllowance body_allowance(const Router& router, const ServerOptions& options, UploadBudget& reporter_bodies,
                             const RequestHead& head) {
  if (takes_no_body(head.method)) return {0, "is not taken by a " + std::string(head.method) + " request", 413};
  const std::optional<std::string> path = percent_decode(head.target.substr(0, head.target.find('?')));
  bool method_not_allowed = false;
  const auto match = path ? router.match(std::string(head.method), *path, method_not_allowed) : std::nullopt;
  if (!match) return {0, "is not taken by any route at this path", 413};
  if (match->route->body == RequestBody::Json)
    return {kMaxJsonBodyBytes, "is larger than the 1 MiB a JSON request may be", 413};
  if (match->route->body == RequestBody::Form)
    return {kMaxJsonBodyBytes, "is larger than the 1 MiB a form may send", 413};
  if (match->route->body == RequestBody::FormWithFiles) {
    const std::size_t most = options.max_reporter_body_bytes;
    if (head.content_length > most)
      return {most, "is larger than the " + std::to_string(most) + " bytes a report with its files may be", 413};
    std::shared_ptr<void> share = reporter_bodies.take(head.content_length);
    if (!share) return {0, "cannot be taken now: too many files are arriving at once; try again in a minute", 503};
    return {most, {}, 413, std::move(share)};
  }
  Request cookies;
  cookies.headers["cookie"] = std::string(head.cookie);
  const std::string token = cookie_value(cookies, kSessionCookie);
  if (token.empty() || !options.has_session || !options.has_session(token))
    return {0, "is read only from a signed-in member: sign in first", 401};
  return {options.max_body_bytes,
          "is larger than the " + std::to_string(options.max_body_bytes) + " bytes this server takes", 413};
}

std::shared_ptr<const GuardRules> guard_rules(const Router& router, const ServerOptions& options) {
  auto rules = std::make_shared<GuardRules>();
  rules->stream.head_timeout = options.header_timeout;
  auto reporter_bodies = std::make_shared<UploadBudget>(options.reporter_bodies_budget_bytes);
  rules->stream.allowance = [&router, options, reporter_bodies](const RequestHead& head) {
    return body_allowance(router, options, *reporter_bodies, head);
  };
  rules->answer = [behind_tls = options.behind_tls](const HeadRefusal& refusal) {
    return refusal_answer(refusal, behind_tls);
  };
  rules->log = [](const HeadRefusal& refusal, const std::string&) {
    log_event("warn", "request refused", {{"status", refusal.status}, {"reason", refusal.message}});
  };
  return rules;
}

}  // namespace

void install_stream_rules(std::shared_ptr<const GuardRules> rules) {
  const std::lock_guard<std::mutex> lock(installed_rules_mutex);
  installed_rules = std::move(rules);
}

std::shared_ptr<const GuardRules> installed_stream_rules() {
  const std::lock_guard<std::mutex> lock(installed_rules_mutex);
  return installed_rules;
}

Result<ServerOptions> parse_listen_address(const std::string& text, ServerOptions defaults) {
  const std::size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size())
    return field_error("listen", "must be HOST:PORT, for example 127.0.0.1:8080");
  std::string host = text.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  const std::string port_text = text.substr(colon + 1);
  unsigned long port = 0;
  for (char c : port_text) {
    if (c < '0' || c > '9' || port > 65535) return field_error("listen", "the port must be a number from 1 to 65535");
    port = port * 10 + static_cast<unsigned long>(c - '0');
  }
  if (port == 0 || port > 65535) return field_error("listen", "the port must be a number from 1 to 65535");
  defaults.host = host;
  defaults.port = static_cast<std::uint16_t>(port);
  return defaults;
}

Status serve(const WorkerFactory& make_worker, const ServerOptions& options,
             const std::function<void(const std::string& url)>& on_listening) {
  const Router router(api_routes());
  const DispatchOptions dispatch_options{options.web_root, options.behind_tls};
  WorkQueue requests(options.max_queued_requests);
  WorkQueue password_requests(options.max_queued_password_requests);
  ASSIGN_OR_RETURN(std::vector<std::unique_ptr<Worker>> request_workers, make_workers(make_worker, options.workers));
  ASSIGN_OR_RETURN(std::vector<std::unique_ptr<Worker>> password_workers,
                   make_workers(make_worker, options.password_workers));
  ASSIGN_OR_RETURN(std::unique_ptr<Worker> health_worker, make_worker());
  HealthWatch health(std::move(health_worker), options.health_interval, options.health_stale_after);
  WorkerPool request_pool(requests, std::move(request_workers));
  WorkerPool password_pool(password_requests, std::move(password_workers));
  const auto stop_workers = [&] {
    requests.close();
    password_requests.close();
    request_pool.join();
    password_pool.join();
    if (options.drain) options.drain();
  };

  // The rules refer to this call's router and options: they go when it returns.
  install_stream_rules(guard_rules(router, options));
  struct UninstallRules {
    ~UninstallRules() { install_stream_rules(nullptr); }
  } uninstall_rules;
  const auto per_address = std::make_shared<ConnectionsPerAddress>(options.max_connections_per_address);
  asio::io_context io_context;
  restinio::http_server_t<ServerTraits> server{
      restinio::external_io_context(io_context), [&](auto& settings) {
        settings.address(options.host)
            .port(options.port)
            .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}.max_body_size(
                std::max(options.max_body_bytes, options.max_reporter_body_bytes)))
            .read_next_http_message_timelimit(options.read_timeout)
            .handle_request_timeout(std::chrono::seconds(30))
            .max_parallel_connections(std::max<std::size_t>(options.max_connections, 1))
            .ip_blocker(per_address)
            .connection_state_listener(per_address)
            .request_handler([&](restinio::request_handle_t handle) {
              std::optional<Request> request = to_request(handle);
              if (!request) {
                send(handle, malformed_path_response(options.behind_tls));
                return restinio::request_accepted();
              }
              if (request->method == "GET" && request->path == "/api/health") {
                answer_health(handle, *request, health, options.behind_tls);
                return restinio::request_accepted();
              }
              bool method_not_allowed = false;
              const auto match = router.match(request->method, request->path, method_not_allowed);
              const bool hashes = match && match->route->work == Work::PasswordHashing;
              WorkQueue& queue = hashes ? password_requests : requests;
              const Lane lane = hashes && options.trusted_password_request &&
                                        options.trusted_password_request(cookie_value(*request, kDeviceCookie),
                                                                         cookie_value(*request, kSessionCookie))
                                    ? Lane::Priority
                                    : Lane::Normal;
              const bool queued = queue.push(
                  [&router, &dispatch_options, handle, request = std::move(*request)](app::Context& context) {
                    answer(handle, context, dispatch(router, request, context, dispatch_options),
                           dispatch_options.behind_tls);
                  },
                  lane);
              if (!queued) send(handle, busy_response(options.behind_tls));
              return restinio::request_accepted();
            });
      }};

  std::string failure;
  PeriodicJobs jobs(options.periodic_jobs);
  server.open_async(
      [&]() noexcept {
        const std::string host = options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host;
        const std::string url = "http://" + host + ":" + std::to_string(options.port) + "/";
        log_event("info", "listening",
                  {{"url", url},
                   {"workers", options.workers},
                   {"password_workers", options.password_workers},
                   {"io_threads", options.io_threads}});
        if (on_listening) on_listening(url);
        jobs.start();
      },
      [&](std::exception_ptr error) noexcept {
        try {
          std::rethrow_exception(error);
        } catch (const std::exception& exception) {
          failure = exception.what();
        }
        io_context.stop();
      });

  asio::signal_set signals(io_context, SIGINT, SIGTERM);
  signals.async_wait([&](const asio::error_code& error, int signal_number) {
    if (error) return;
    log_event("info", "stopping", {{"signal", signal_number == SIGTERM ? "SIGTERM" : "SIGINT"}});
    // The requests already handed to workers are answered before the server closes.
    stop_workers();
    jobs.stop();
    server.close_async([&]() noexcept { io_context.stop(); }, [&](std::exception_ptr) noexcept { io_context.stop(); });
  });

  // The other I/O threads share the io_context; RESTinio's traits_t keeps each
  // connection on its own strand.
  std::vector<std::thread> more_io;
  for (std::size_t i = 1; i < std::max<std::size_t>(options.io_threads, 1); ++i)
    more_io.emplace_back([&] { io_context.run(); });
  io_context.run();
  for (std::thread& thread : more_io) thread.join();
  stop_workers();
  jobs.stop();
  if (!failure.empty())
    return internal_error("cannot listen on " + options.host + ":" + std::to_string(options.port) + ": " + failure);
  log_event("info", "stopped");
  return ok_status();
}

}  // namespace conduct::http
