// The only translation unit that includes RESTinio: it converts RESTinio's requests to
// ours, hands them to dispatch(), and writes the answers back. Stops cleanly on SIGINT
// and SIGTERM.
#include "http/server.h"

#include <restinio/all.hpp>

#include <csignal>

#include "http/dispatch.h"
#include "http/log.h"
#include "http/responses.h"

namespace conduct::http {
namespace {

using ServerTraits = restinio::single_thread_traits_t<restinio::asio_timer_manager_t, restinio::null_logger_t>;

// Our Request for a RESTinio request; nothing when the path or query cannot be decoded.
std::optional<Request> to_request(const restinio::request_handle_t& handle) {
  Request request;
  const auto& header = handle->header();
  request.method = std::string(header.method().c_str());
  auto path = restinio::utils::try_unescape_percent_encoding<restinio::utils::relaxed_unescape_traits>(
      header.path());
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
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 413: return "Payload Too Large";
    case 429: return "Too Many Requests";
    case 503: return "Service Unavailable";
    default: return status >= 500 ? "Internal Server Error" : "Error";
  }
}

// Runs each job now and then every interval on the server's io_context, the thread
// that handles requests, until the timers are cancelled.
class PeriodicJobs {
 public:
  PeriodicJobs(asio::io_context& io_context, const std::vector<PeriodicJob>& jobs) {
    for (const PeriodicJob& job : jobs) timers_.push_back(Timer{job, asio::steady_timer(io_context)});
  }
  void start() {
    for (Timer& timer : timers_) run_and_schedule(timer);
  }
  void stop() {
    stopped_ = true;
    for (Timer& timer : timers_) timer.timer.cancel();
  }

 private:
  struct Timer {
    PeriodicJob job;
    asio::steady_timer timer;
  };
  void run_and_schedule(Timer& timer) {
    if (stopped_) return;
    log_event("info", "job started", {{"job", timer.job.name}});
    timer.job.run();
    timer.timer.expires_after(timer.job.interval);
    timer.timer.async_wait([this, &timer](const asio::error_code& error) {
      if (!error) run_and_schedule(timer);
    });
  }
  std::vector<Timer> timers_;  // never resized after construction: handlers hold references
  bool stopped_ = false;
};

Response malformed_path_response(bool behind_tls) {
  Request placeholder;
  placeholder.path = "/api/";
  Response response = error_response(field_error("path", "is not valid percent-encoding (in the path or the query)"));
  add_security_headers(placeholder, response, behind_tls);
  return response;
}

}  // namespace

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

Status serve(app::Context& context, const ServerOptions& options,
             const std::function<void(const std::string& url)>& on_listening) {
  const Router router(api_routes());
  const DispatchOptions dispatch_options{options.web_root, options.behind_tls};

  asio::io_context io_context;
  restinio::http_server_t<ServerTraits> server{
      restinio::external_io_context(io_context), [&](auto& settings) {
        settings.address(options.host)
            .port(options.port)
            .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}.max_body_size(options.max_body_bytes))
            .read_next_http_message_timelimit(std::chrono::seconds(30))
            .handle_request_timeout(std::chrono::seconds(30))
            .request_handler([&](restinio::request_handle_t handle) {
              const std::optional<Request> request = to_request(handle);
              const Response response = request ? dispatch(router, *request, context, dispatch_options)
                                                 : malformed_path_response(options.behind_tls);
              auto builder = handle->create_response(restinio::http_status_line_t{
                  restinio::http_status_code_t{static_cast<std::uint16_t>(response.status)},
                  reason_phrase(response.status)});
              builder.append_header(restinio::http_field::content_type, response.content_type);
              for (const auto& [name, value] : response.headers) builder.append_header(name, value);
              builder.set_body(response.body);
              return builder.done();
            });
      }};

  std::string failure;
  PeriodicJobs jobs(io_context, options.periodic_jobs);
  server.open_async(
      [&]() noexcept {
        const std::string host = options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host;
        const std::string url = "http://" + host + ":" + std::to_string(options.port) + "/";
        log_event("info", "listening", {{"url", url}});
        if (on_listening) on_listening(url);
        // Posted, so the job runs after this handler, on the same thread as requests.
        asio::post(io_context, [&jobs] { jobs.start(); });
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
    jobs.stop();
    server.close_async([&]() noexcept { io_context.stop(); }, [&](std::exception_ptr) noexcept { io_context.stop(); });
  });

  io_context.run();
  if (!failure.empty())
    return internal_error("cannot listen on " + options.host + ":" + std::to_string(options.port) + ": " + failure);
  log_event("info", "stopped");
  return ok_status();
}

}  // namespace conduct::http
