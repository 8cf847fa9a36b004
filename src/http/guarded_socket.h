// The server's sockets: a TCP socket whose incoming bytes pass through a RequestStream
// (http/request_head.h) before RESTinio's parser reads them. A head the stream refuses
// is answered here — a complete HTTP answer with the refusal, written straight to the
// socket — and the connection is closed; RESTinio sees the end of the stream. Included
// by server.cpp only (it brings RESTinio's Asio).
//
// RESTinio makes its sockets itself, from the io_context alone, so the rules come from
// the one the server installs before it listens (install_stream_rules).
#pragma once

#include <restinio/all.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <utility>

#include "http/request_head.h"

namespace conduct::http {

namespace asio_ns = ::restinio::asio_ns;

// The rules and the refusal's answer, shared by every connection of the server.
struct GuardRules {
  StreamRules stream;
  // The complete HTTP answer (status line, headers, body) for a refusal.
  std::function<std::string(const HeadRefusal&)> answer;
  // Called once per refusal, with the client's address, before the answer is written.
  std::function<void(const HeadRefusal&, const std::string& address)> log;
};

void install_stream_rules(std::shared_ptr<const GuardRules> rules);
std::shared_ptr<const GuardRules> installed_stream_rules();

class GuardedSocket {
 public:
  using socket_t = asio_ns::ip::tcp::socket;
#if RESTINIO_ASIO_VERSION >= 101600
  using executor_type = restinio::default_asio_executor;
#endif

  explicit GuardedSocket(asio_ns::io_context& io_context) : socket_(io_context), state_(fresh_state()) {}
  GuardedSocket(const GuardedSocket&) = delete;
  GuardedSocket& operator=(const GuardedSocket&) = delete;
  // A socket moved from is used again for the next accepted connection: it gets a
  // stream of its own.
  GuardedSocket(GuardedSocket&& other) noexcept
      : socket_(std::move(other.socket_)), state_(std::exchange(other.state_, fresh_state())) {}
  GuardedSocket& operator=(GuardedSocket&& other) noexcept {
    socket_ = std::move(other.socket_);
    state_ = std::exchange(other.state_, fresh_state());
    return *this;
  }

  socket_t& lowest_layer() { return socket_; }
  const socket_t& lowest_layer() const { return socket_; }
  auto get_executor() { return socket_.get_executor(); }
  auto remote_endpoint() const { return socket_.remote_endpoint(); }
  auto is_open() const { return socket_.is_open(); }
  template <typename... Args>
  void cancel(Args&&... args) {
    socket_.cancel(std::forward<Args>(args)...);
  }
  template <typename... Args>
  void shutdown(Args&&... args) {
    socket_.shutdown(std::forward<Args>(args)...);
  }
  template <typename... Args>
  void close(Args&&... args) {
    socket_.close(std::forward<Args>(args)...);
  }
  template <typename... Args>
  auto async_write_some(Args&&... args) {
    return socket_.async_write_some(std::forward<Args>(args)...);
  }

  // Reads as the socket does, and hands the bytes to the stream first. On a refusal the
  // answer is written, the socket shut down, and the reader told the stream ended.
  template <typename MutableBuffer, typename Handler>
  void async_read_some(const MutableBuffer& buffer, Handler&& handler) {
    auto executor = asio_ns::get_associated_executor(handler, socket_.get_executor());
    socket_.async_read_some(
        buffer, asio_ns::bind_executor(executor, [socket = &socket_, state = state_, buffer, executor,
                                                  handler = std::forward<Handler>(handler)](
                                                     const asio_ns::error_code& error, std::size_t length) mutable {
          if (error || length == 0 || !state->rules) return handler(error, length);
          const std::string_view bytes(static_cast<const char*>(asio_ns::buffer(buffer).data()), length);
          std::optional<HeadRefusal> refusal = state->stream.feed(bytes, std::chrono::steady_clock::now());
          if (!refusal) return handler(error, length);
          asio_ns::error_code ignored;
          const auto peer = socket->remote_endpoint(ignored);
          if (state->rules->log) state->rules->log(*refusal, ignored ? std::string() : peer.address().to_string());
          auto answer = std::make_shared<std::string>(state->rules->answer(*refusal));
          const std::uint64_t discard = std::min<std::uint64_t>(refusal->body_to_discard, kMostDiscarded);
          asio_ns::async_write(
              *socket, asio_ns::buffer(*answer),
              asio_ns::bind_executor(executor, [socket, answer, discard, executor, handler = std::move(handler)](
                                                   const asio_ns::error_code& written, std::size_t) mutable {
                if (written || discard == 0) return close_and_end(*socket, handler);
                asio_ns::error_code ignored_too;
                socket->shutdown(asio_ns::ip::tcp::socket::shutdown_send, ignored_too);
                auto lingering = std::make_shared<Lingering<std::decay_t<decltype(handler)>>>(
                    *socket, executor, discard, std::move(handler));
                lingering->read();
              }));
        }));
  }

 private:
  struct State {
    explicit State(std::shared_ptr<const GuardRules> installed)
        : rules(std::move(installed)), stream(rules ? rules->stream : kNoRules) {}
    std::shared_ptr<const GuardRules> rules;
    RequestStream stream;
    static inline const StreamRules kNoRules{};
  };
  static std::shared_ptr<State> fresh_state() { return std::make_shared<State>(installed_stream_rules()); }

  // At most this much of a refused body is read and thrown away; a client sending more
  // is cut off (and the server's read timeout bounds the wait in any case).
  static constexpr std::uint64_t kMostDiscarded = 64ull << 20;

  template <typename Handler>
  static void close_and_end(socket_t& socket, Handler& handler) {
    asio_ns::error_code ignored;
    socket.shutdown(asio_ns::ip::tcp::socket::shutdown_both, ignored);
    handler(asio_ns::error::eof, 0);
  }

  // Reads what is left of a refused body into a small buffer and drops it, then ends
  // the stream for RESTinio (a "lingering close": the client reads the answer instead
  // of meeting a reset mid-send).
  template <typename Handler>
  struct Lingering : std::enable_shared_from_this<Lingering<Handler>> {
    template <typename Executor>
    Lingering(socket_t& socket, Executor executor, std::uint64_t left, Handler handler)
        : socket(socket), executor(std::move(executor)), left(left), handler(std::move(handler)) {}
    void read() {
      socket.async_read_some(asio_ns::buffer(buffer),
                             asio_ns::bind_executor(executor, [self = this->shared_from_this()](
                                                                  const asio_ns::error_code& error, std::size_t got) {
                               if (error || got == 0 || got >= self->left)
                                 return close_and_end(self->socket, self->handler);
                               self->left -= got;
                               self->read();
                             }));
    }
    socket_t& socket;
    asio_ns::any_io_executor executor;
    std::uint64_t left;
    Handler handler;
    std::array<char, 4096> buffer{};
  };

  socket_t socket_;
  std::shared_ptr<State> state_;
};

// What RESTinio asks of a socket type besides its members, found by argument-dependent
// lookup: a plain TCP socket needs no preparation, and is not TLS.
template <typename Connection, typename StartRead, typename Failed>
void prepare_connection_and_start_read(GuardedSocket&, Connection&, StartRead start_read, Failed) {
  start_read();
}
inline restinio::tls_socket_t* make_tls_socket_pointer_for_state_listener(GuardedSocket&) noexcept { return nullptr; }

}  // namespace conduct::http
