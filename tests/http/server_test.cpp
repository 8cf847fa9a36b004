// The real server, as a user runs it: the built `conduct` binary (CONDUCT_BINARY) on a
// fresh SQLite database, `conduct serve` on a free port, and cpp-httplib as the client.
// Each test starts its own server; TearDown kills whatever is still running and removes
// the temporary directory, even when an assertion failed half-way.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "core/time.h"

extern char** environ;

namespace conduct::http {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using std::chrono::milliseconds;
using std::chrono::steady_clock;

constexpr char kIndexHtml[] = "<!doctype html><title>Conduct</title><div id=app></div>\n";
constexpr auto kStartTimeout = std::chrono::seconds(10);
constexpr auto kStopTimeout = std::chrono::seconds(5);

// A port nobody listens on right now: bind port 0, read what the kernel chose, close.
std::uint16_t free_port() {
  const int socket_fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (socket_fd < 0) throw std::runtime_error("socket failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof(address);
  if (::bind(socket_fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
      ::getsockname(socket_fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    ::close(socket_fd);
    throw std::runtime_error("bind to port 0 failed");
  }
  ::close(socket_fd);
  return ntohs(address.sin_port);
}

std::string read_text(const fs::path& file) {
  std::ifstream stream(file, std::ios::binary);
  std::ostringstream text;
  text << stream.rdbuf();
  return text.str();
}

// A child process running the conduct binary, its standard output and error going to
// files. The destructor kills it if it still runs.
class Child {
 public:
  Child(const std::vector<std::string>& arguments, const fs::path& stdout_file, const fs::path& stderr_file)
      : stdout_file_(stdout_file), stderr_file_(stderr_file) {
    std::vector<std::string> argv_strings{CONDUCT_BINARY};
    argv_strings.insert(argv_strings.end(), arguments.begin(), arguments.end());
    std::vector<char*> argv;
    for (std::string& argument : argv_strings) argv.push_back(argument.data());
    argv.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, stdout_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, stderr_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int spawned = posix_spawn(&pid_, argv_strings.front().c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) throw std::runtime_error("cannot start " + argv_strings.front());
  }
  ~Child() { kill_now(); }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  pid_t pid() const { return pid_; }
  bool running() { return poll_exit(), !exit_status_.has_value(); }

  // The raw wait status once the process ended within `timeout`; nothing otherwise.
  std::optional<int> wait_for_exit(steady_clock::duration timeout) {
    const auto deadline = steady_clock::now() + timeout;
    while (!poll_exit() && steady_clock::now() < deadline) std::this_thread::sleep_for(milliseconds(20));
    return exit_status_;
  }

  void send_signal(int signal_number) {
    if (!exit_status_) ::kill(pid_, signal_number);
  }

  void kill_now() {
    if (poll_exit()) return;
    ::kill(pid_, SIGKILL);
    int status = 0;
    if (::waitpid(pid_, &status, 0) == pid_) exit_status_ = status;
  }

  std::string standard_output() const { return read_text(stdout_file_); }
  std::string standard_error() const { return read_text(stderr_file_); }

 private:
  bool poll_exit() {
    if (exit_status_) return true;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) exit_status_ = status;
    return exit_status_.has_value();
  }

  pid_t pid_ = -1;
  std::optional<int> exit_status_;
  fs::path stdout_file_;
  fs::path stderr_file_;
};

// "exited with 0", "killed by signal 9": for failure messages.
std::string describe(std::optional<int> status) {
  if (!status) return "still running";
  if (WIFEXITED(*status)) return "exited with " + std::to_string(WEXITSTATUS(*status));
  if (WIFSIGNALED(*status)) return "killed by signal " + std::to_string(WTERMSIG(*status));
  return "wait status " + std::to_string(*status);
}

bool exited_with(std::optional<int> status, int code) {
  return status && WIFEXITED(*status) && WEXITSTATUS(*status) == code;
}

std::unique_ptr<httplib::Client> client_for(std::uint16_t port) {
  auto client = std::make_unique<httplib::Client>("127.0.0.1", port);
  client->set_connection_timeout(1, 0);
  client->set_read_timeout(5, 0);
  client->set_write_timeout(5, 0);
  client->set_url_encode(false);  // send paths exactly as written, malformed ones too
  return client;
}

// Each non-empty line of a server's standard error, parsed. A line that is not a JSON
// object fails the calling test.
std::vector<json> log_lines(const std::string& standard_error) {
  std::vector<json> lines;
  std::istringstream stream(standard_error);
  std::string line;
  while (std::getline(stream, line)) {
    if (line.empty()) continue;
    const json parsed = json::parse(line, nullptr, /*allow_exceptions=*/false);
    EXPECT_TRUE(parsed.is_object()) << "not a JSON log line: " << line;
    if (!parsed.is_object()) continue;
    EXPECT_TRUE(parsed.contains("event") && parsed["event"].is_string()) << line;
    lines.push_back(parsed);
  }
  return lines;
}

bool has_line(const std::vector<json>& lines, const json& wanted) {
  for (const json& line : lines) {
    bool all = true;
    for (const auto& [key, value] : wanted.items()) all = all && line.contains(key) && line[key] == value;
    if (all) return true;
  }
  return false;
}

void expect_security_headers(const httplib::Response& response) {
  const std::string csp = response.get_header_value("Content-Security-Policy");
  EXPECT_NE(csp.find("default-src 'self'"), std::string::npos) << csp;
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << csp;
  EXPECT_EQ(response.get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(response.get_header_value("X-Frame-Options"), "DENY");
  EXPECT_EQ(response.get_header_value("Referrer-Policy"), "no-referrer");
}

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // A client writing a body the server refused from its head may meet a closed
    // connection: that is an error to read, not a signal that ends the test.
    ::signal(SIGPIPE, SIG_IGN);
    std::string pattern = (fs::temp_directory_path() / "conduct-http-server-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    base_ = pattern;
    fs::create_directories(data_dir());
    fs::create_directories(web_root());
    std::ofstream(web_root() / "index.html") << kIndexHtml;

    Child init({"--data", data_dir().string(), "init", "--slug", "tidewater", "--name", "Tidewater", "--contact",
                "conduct@tidewater.example", "--chair-email", "robin@tidewater.example", "--chair-name", "Robin"},
               base_ / "init.stdout", base_ / "init.stderr");
    const std::optional<int> status = init.wait_for_exit(std::chrono::seconds(10));
    ASSERT_TRUE(exited_with(status, 0)) << "conduct init " << describe(status) << ": " << init.standard_error();
  }

  void TearDown() override {
    servers_.clear();  // kills every server still running
    std::error_code ignored;
    if (!base_.empty()) fs::remove_all(base_, ignored);
  }

  fs::path data_dir() const { return base_ / "data"; }
  fs::path web_root() const { return base_ / "web"; }

  // Starts `conduct serve` on `port`; `name` names its output files.
  Child& spawn_server(std::uint16_t port, const std::string& name, const std::vector<std::string>& extra = {}) {
    std::vector<std::string> arguments{
        "serve",      "--listen",         "127.0.0.1:" + std::to_string(port), "--data", data_dir().string(),
        "--web-root", web_root().string()};
    arguments.insert(arguments.end(), extra.begin(), extra.end());
    servers_.push_back(std::make_unique<Child>(arguments, base_ / (name + ".stdout"), base_ / (name + ".stderr")));
    return *servers_.back();
  }

  // Starts a server and waits until /api/health answers; the test fails (and this
  // returns nullptr) when it does not within kStartTimeout.
  Child* start_server(std::uint16_t port, const std::string& name, const std::vector<std::string>& extra = {}) {
    Child& server = spawn_server(port, name, extra);
    const auto deadline = steady_clock::now() + kStartTimeout;
    while (steady_clock::now() < deadline) {
      if (!server.running()) {
        ADD_FAILURE() << "server stopped before answering: " << server.standard_error();
        return nullptr;
      }
      if (const auto answer = client_for(port)->Get("/api/health"); answer && answer->status == 200) return &server;
      std::this_thread::sleep_for(milliseconds(50));
    }
    ADD_FAILURE() << "no answer from /api/health within 10 s: " << server.standard_error();
    return nullptr;
  }

  fs::path base_;
  std::vector<std::unique_ptr<Child>> servers_;
};

TEST_F(ServerTest, HealthAnswersOverARealSocket) {
  const std::uint16_t port = free_port();
  Child* server = start_server(port, "server");
  ASSERT_NE(server, nullptr);
  EXPECT_NE(server->standard_output().find("Conduct is serving http://127.0.0.1:" + std::to_string(port) + "/"),
            std::string::npos)
      << server->standard_output();

  const auto answer = client_for(port)->Get("/api/health");
  ASSERT_TRUE(answer) << httplib::to_string(answer.error());
  EXPECT_EQ(answer->status, 200);
  EXPECT_EQ(answer->get_header_value("Content-Type"), "application/json");
  EXPECT_EQ(answer->get_header_value("Cache-Control"), "no-store");
  expect_security_headers(*answer);
  const json body = json::parse(answer->body);
  EXPECT_EQ(body.size(), 4u) << answer->body;
  EXPECT_EQ(body.value("status", ""), "ok");
  EXPECT_EQ(body.value("database", ""), "ok");
  EXPECT_FALSE(body.value("version", "").empty()) << answer->body;
  EXPECT_TRUE(parse_timestamp(body.value("time", ""))) << answer->body;
}

TEST_F(ServerTest, CommunitiesAnswerPublicFactsOverARealSocket) {
  const std::uint16_t port = free_port();
  ASSERT_NE(start_server(port, "server"), nullptr);

  const auto answer = client_for(port)->Get("/api/communities");
  ASSERT_TRUE(answer) << httplib::to_string(answer.error());
  EXPECT_EQ(answer->status, 200);
  EXPECT_EQ(answer->get_header_value("Cache-Control"), "no-store");
  expect_security_headers(*answer);
  const json expected = {
      {"communities",
       {{{"slug", "tidewater"}, {"name", "Tidewater"}, {"contact_email", "conduct@tidewater.example"}}}}};
  EXPECT_EQ(json::parse(answer->body), expected);
}

TEST_F(ServerTest, WebAppAndErrorsCarryTheSecurityHeaders) {
  const std::uint16_t port = free_port();
  ASSERT_NE(start_server(port, "server"), nullptr);
  const std::pair<const char*, int> expected[] = {
      {"/", 200}, {"/cases/home-shelf", 200}, {"/api/nothing-here", 404}, {"/api/%zz", 400}};
  for (const auto& [path, status] : expected) {
    SCOPED_TRACE(path);
    const auto answer = client_for(port)->Get(path);
    ASSERT_TRUE(answer) << httplib::to_string(answer.error());
    EXPECT_EQ(answer->status, status);
    expect_security_headers(*answer);
  }
}

TEST_F(ServerTest, OversizedBodyIsRefusedAndTheServerKeepsAnswering) {
  const std::uint16_t port = free_port();
  ASSERT_NE(start_server(port, "server", {"--max-body-bytes", "1024"}), nullptr);

  // No route takes a body at /api/health: refused from the head, before the body is read.
  const auto small = client_for(port)->Post("/api/health", std::string(512, 'x'), "text/plain");
  ASSERT_TRUE(small) << httplib::to_string(small.error());
  EXPECT_EQ(small->status, 413);
  EXPECT_EQ(json::parse(small->body)["error"]["fields"], (json{{"body", "is not taken by any route at this path"}}));
  // Without a body the router answers: POST is not a method of /api/health.
  const auto empty = client_for(port)->Post("/api/health", std::string(), "text/plain");
  ASSERT_TRUE(empty) << httplib::to_string(empty.error());
  EXPECT_EQ(empty->status, 405);

  // Over the limit, the server refuses before routing: it closes the connection or
  // answers 413, never the router's 405 and never a success.
  const auto large = client_for(port)->Post("/api/health", std::string(4096, 'x'), "text/plain");
  if (large) {
    EXPECT_EQ(large->status, 413) << large->body;
  }

  const auto after = client_for(port)->Get("/api/health");
  ASSERT_TRUE(after) << httplib::to_string(after.error());
  EXPECT_EQ(after->status, 200);
}

// By default the server reads bodies as large as the communities' evidence limit (10 MiB
// under the default policy), so a 2 MiB body arrives whole, and a JSON route refuses it
// itself with 413: only the evidence upload takes more than 1 MiB.
TEST_F(ServerTest, JsonRoutesRefuseBodiesAbove1MiBWhileTheServerReadsEvidenceSizedOnes) {
  const std::uint16_t port = free_port();
  ASSERT_NE(start_server(port, "server"), nullptr);
  const auto large = client_for(port)->Post("/api/session", std::string(2 * 1024 * 1024, ' '), "application/json");
  ASSERT_TRUE(large) << httplib::to_string(large.error());
  EXPECT_EQ(large->status, 413) << large->body;
  EXPECT_EQ(json::parse(large->body)["error"]["fields"],
            (json{{"body", "is larger than the 1 MiB a JSON request may be"}}));
  const auto within = client_for(port)->Post("/api/session", std::string(1024 * 1024, ' '), "application/json");
  ASSERT_TRUE(within) << httplib::to_string(within.error());
  EXPECT_EQ(within->status, 400) << "read and refused as JSON, not for its size: " << within->body;
}

TEST_F(ServerTest, MalformedPercentEncodingAnswers400) {
  const std::uint16_t port = free_port();
  ASSERT_NE(start_server(port, "server"), nullptr);
  for (const char* path : {"/api/%zz", "/api/cases/%g1", "/%zz", "/api/cases?limit=%zz"}) {
    SCOPED_TRACE(path);
    const auto answer = client_for(port)->Get(path);
    ASSERT_TRUE(answer) << httplib::to_string(answer.error());
    EXPECT_EQ(answer->status, 400);
    EXPECT_EQ(answer->get_header_value("Content-Type"), "application/json");
    const json body = json::parse(answer->body, nullptr, /*allow_exceptions=*/false);
    ASSERT_TRUE(body.is_object()) << answer->body;
    EXPECT_EQ(body.size(), 1u) << answer->body;
    EXPECT_EQ(body["error"].value("code", ""), "invalid_argument") << answer->body;
    EXPECT_TRUE(body["error"].contains("message")) << answer->body;
    EXPECT_EQ(body["error"]["fields"], (json{{"path", "is not valid percent-encoding (in the path or the query)"}}))
        << answer->body;
  }
}

TEST_F(ServerTest, TraversalOverARealSocketAnswers404) {
  // The server decodes the path before the web app sees it, so encoded dots, slashes
  // and backslashes must not escape the root either.
  std::ofstream(base_ / "secret.txt") << "secret-beside-the-web-root-9d2b";
  const std::uint16_t port = free_port();
  ASSERT_NE(start_server(port, "server"), nullptr);
  const std::string secret = (base_ / "secret.txt").string();
  const std::string attempts[] = {
      "/../secret.txt",          "/assets/../../secret.txt",
      "/%2e%2e/secret.txt",      "/assets/%2E%2E/%2E%2E/secret.txt",
      "/..%2Fsecret.txt",        "/..%5Csecret.txt",
      "/%00/../secret.txt",      "/" + secret,
      "/%2F" + secret.substr(1), "//etc/passwd",
  };
  for (const std::string& path : attempts) {
    SCOPED_TRACE(path);
    const auto answer = client_for(port)->Get(path);
    ASSERT_TRUE(answer) << httplib::to_string(answer.error());
    EXPECT_EQ(answer->status, 404);
    EXPECT_EQ(answer->body.find("secret-beside-the-web-root"), std::string::npos);
    EXPECT_EQ(answer->body.find("root:"), std::string::npos);
  }
}

struct SignalCase {
  int signal_number;
  const char* name;
};

class ServerSignalTest : public ServerTest, public ::testing::WithParamInterface<SignalCase> {};

TEST_P(ServerSignalTest, StopsCleanlyWithStatusZero) {
  const std::uint16_t port = free_port();
  Child* server = start_server(port, GetParam().name);
  ASSERT_NE(server, nullptr);

  server->send_signal(GetParam().signal_number);
  const std::optional<int> status = server->wait_for_exit(kStopTimeout);
  EXPECT_TRUE(exited_with(status, 0)) << describe(status) << "\n" << server->standard_error();

  const std::vector<json> lines = log_lines(server->standard_error());
  EXPECT_TRUE(has_line(lines, {{"event", "stopping"}, {"signal", GetParam().name}})) << server->standard_error();
  EXPECT_TRUE(has_line(lines, {{"event", "stopped"}})) << server->standard_error();
}

INSTANTIATE_TEST_SUITE_P(Signals, ServerSignalTest,
                         ::testing::Values(SignalCase{SIGTERM, "SIGTERM"}, SignalCase{SIGINT, "SIGINT"}),
                         [](const auto& info) { return std::string(info.param.name); });

TEST_F(ServerTest, LogLinesNameTheRouteAndNeverTheQueryOrConcretePath) {
  const std::uint16_t port = free_port();
  Child* server = start_server(port, "server");
  ASSERT_NE(server, nullptr);
  const auto client = client_for(port);
  const auto communities = client->Get("/api/communities?secret=canary123");
  ASSERT_TRUE(communities) << httplib::to_string(communities.error());
  EXPECT_EQ(communities->status, 200);
  // A healthy probe is answered without a log line (a load balancer asks every few seconds).
  const auto health = client->Get("/api/health?secret=canary000");
  ASSERT_TRUE(health) << httplib::to_string(health.error());
  EXPECT_EQ(health->status, 200);
  const auto app_route = client->Get("/cases/canary-path-456?token=canary789");
  ASSERT_TRUE(app_route) << httplib::to_string(app_route.error());
  EXPECT_EQ(app_route->status, 200);

  server->send_signal(SIGTERM);
  const std::optional<int> status = server->wait_for_exit(kStopTimeout);
  EXPECT_TRUE(exited_with(status, 0)) << describe(status);

  const std::string standard_error = server->standard_error();
  const std::vector<json> lines = log_lines(standard_error);
  EXPECT_TRUE(has_line(lines, {{"event", "listening"}})) << standard_error;
  EXPECT_TRUE(
      has_line(lines, {{"event", "request"}, {"method", "GET"}, {"route", "/api/communities"}, {"status", 200}}))
      << standard_error;
  EXPECT_FALSE(has_line(lines, {{"event", "request"}, {"route", "/api/health"}})) << standard_error;
  EXPECT_TRUE(has_line(lines, {{"event", "request"}, {"method", "GET"}, {"route", "static"}, {"status", 200}}))
      << standard_error;
  for (const char* canary : {"canary123", "canary000", "secret=", "canary-path-456", "canary789"})
    EXPECT_EQ(standard_error.find(canary), std::string::npos) << canary << " in the log:\n" << standard_error;
}

TEST_F(ServerTest, SecondServerOnTheSamePortFailsClearly) {
  const std::uint16_t port = free_port();
  Child* first = start_server(port, "first");
  ASSERT_NE(first, nullptr);

  Child& second = spawn_server(port, "second");
  const std::optional<int> status = second.wait_for_exit(kStopTimeout);
  ASSERT_TRUE(status) << "the second server is still running";
  EXPECT_TRUE(exited_with(status, 1)) << describe(status);
  EXPECT_NE(second.standard_error().find("conduct: cannot listen on 127.0.0.1:" + std::to_string(port)),
            std::string::npos)
      << second.standard_error();

  const auto answer = client_for(port)->Get("/api/health");
  ASSERT_TRUE(answer) << httplib::to_string(answer.error());
  EXPECT_EQ(answer->status, 200);
  EXPECT_TRUE(first->running());
}

// ---- Strict HTTP over a raw socket (docs/security.md "Strict HTTP") ----------------------

// A TCP connection to the server that sends bytes as given and reads what comes back.
class RawConnection {
 public:
  explicit RawConnection(std::uint16_t port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = fd_ >= 0 && ::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
    timeval timeout{5, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  }
  ~RawConnection() {
    if (fd_ >= 0) ::close(fd_);
  }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return connected_; }
  bool send(const std::string& bytes) {
    return ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size());
  }
  // What the server sends until `marker` has arrived (or it closes, or 5 s pass).
  std::string read_until(const std::string& marker) {
    std::string received;
    char buffer[4096];
    while (received.find(marker) == std::string::npos) {
      const ssize_t got = ::recv(fd_, buffer, sizeof buffer, 0);
      if (got <= 0) break;
      received.append(buffer, static_cast<std::size_t>(got));
    }
    return received;
  }
  // Everything the server sends until it closes (or 5 s pass).
  std::string read_to_end() {
    std::string received;
    char buffer[4096];
    while (true) {
      const ssize_t got = ::recv(fd_, buffer, sizeof buffer, 0);
      if (got <= 0) break;
      received.append(buffer, static_cast<std::size_t>(got));
    }
    return received;
  }

 private:
  int fd_;
  bool connected_ = false;
};

int status_of(const std::string& answer) {
  if (answer.rfind("HTTP/1.1 ", 0) != 0 || answer.size() < 12) return 0;
  return std::stoi(answer.substr(9, 3));
}

json body_of(const std::string& answer) {
  const std::size_t start = answer.find("\r\n\r\n");
  return start == std::string::npos ? json() : json::parse(answer.substr(start + 4), nullptr, false);
}

// Each of these was served, or dropped with no answer and no log line; now each is
// answered with its status and reason, logged, and the connection closed.
TEST_F(ServerTest, RequestsOutsideStrictHttpAreAnsweredWithTheirReasonAndLogged) {
  const std::uint16_t port = free_port();
  Child* server = start_server(port, "server");
  ASSERT_NE(server, nullptr);
  struct Row {
    std::string name;
    std::string bytes;
    int status;
  };
  const std::vector<Row> rows = {
      {"no Host", "GET /api/health HTTP/1.1\r\n\r\n", 400},
      {"an HTTP/2.0 request line", "GET /api/health HTTP/2.0\r\nHost: a\r\n\r\n", 400},
      {"a folded header", "GET /api/health HTTP/1.1\r\nHost: a\r\nX-A: one\r\n two\r\n\r\n", 400},
      {"bare LF line endings", "GET /api/health HTTP/1.1\nHost: a\n\n", 400},
      {"Content-Length and Transfer-Encoding",
       "POST /api/session HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n", 400},
      {"two Content-Lengths", "POST /api/session HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\n",
       400},
      {"a huge header", "GET /api/health HTTP/1.1\r\nHost: a\r\nX-Big: " + std::string(64 * 1024, 'b') + "\r\n\r\n",
       431},
      {"NUL in a header", std::string("GET /api/health HTTP/1.1\r\nHost: a\r\nX: a\0b\r\n\r\n", 46), 400},
      {"a chunked body", "POST /api/session HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n", 411},
      // A stranger announcing 10 MiB to a route that takes no body is refused from the
      // head: the server holds none of it.
      {"a body for a route that takes none", "POST /api/health HTTP/1.1\r\nHost: a\r\nContent-Length: 10485760\r\n\r\n",
       413},
      {"a body over the JSON limit", "POST /api/session HTTP/1.1\r\nHost: a\r\nContent-Length: 2097152\r\n\r\n", 413},
      {"an upload without a session",
       "POST /api/cases/amber-zebra/evidence HTTP/1.1\r\nHost: a\r\nContent-Length: 5242880\r\n\r\n", 401},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    RawConnection connection(port);
    ASSERT_TRUE(connection.connected());
    ASSERT_TRUE(connection.send(row.bytes));
    const std::string answer = connection.read_to_end();
    EXPECT_EQ(status_of(answer), row.status) << answer.substr(0, 200);
    const json body = body_of(answer);
    ASSERT_TRUE(body.is_object()) << answer.substr(0, 400);
    EXPECT_FALSE(body["error"].value("message", "").empty());
    EXPECT_NE(answer.find("Connection: close\r\n"), std::string::npos);
    EXPECT_NE(answer.find("X-Content-Type-Options: nosniff\r\n"), std::string::npos);
  }
  // The server still answers, and logged each refusal with its status.
  const auto health = client_for(port)->Get("/api/health");
  ASSERT_TRUE(health) << httplib::to_string(health.error());
  EXPECT_EQ(health->status, 200);
  server->send_signal(SIGTERM);
  ASSERT_TRUE(exited_with(server->wait_for_exit(kStopTimeout), 0));
  const std::vector<json> lines = log_lines(server->standard_error());
  for (int status : {400, 411, 413, 431, 401})
    EXPECT_TRUE(has_line(lines, {{"event", "request refused"}, {"status", status}})) << status;
  int refusals = 0;
  for (const json& line : lines) refusals += line.value("event", "") == "request refused";
  EXPECT_EQ(refusals, static_cast<int>(rows.size()));
}

TEST_F(ServerTest, OnlyApplicationJsonIsReadAsJson) {
  const std::uint16_t port = free_port();
  ASSERT_NE(start_server(port, "server"), nullptr);
  const auto jsonx = client_for(port)->Post("/api/session", "{}", "application/jsonx");
  ASSERT_TRUE(jsonx) << httplib::to_string(jsonx.error());
  EXPECT_EQ(jsonx->status, 400);
  EXPECT_EQ(json::parse(jsonx->body)["error"]["fields"], (json{{"content-type", "must be application/json"}}));
}

// Connections are capped per address and their heads must come in time; a stranger
// holding connections open holds only their own share.
TEST_F(ServerTest, ConnectionsAreCappedPerAddressAndSlowHeadsEnd) {
  std::ofstream(data_dir() / "conduct.toml", std::ios::app)
      << "\n[server]\nmax_connections_per_address = 4\nheader_timeout_seconds = 2\nread_timeout_seconds = 8\n";
  const std::uint16_t port = free_port();
  Child* server = start_server(port, "server");
  ASSERT_NE(server, nullptr);
  std::vector<std::unique_ptr<RawConnection>> held;
  for (int i = 0; i < 4; ++i) {
    // Answered once (so the server has surely accepted and counted it), then kept open
    // with a head begun and never ended. The connection start_server's probe used may
    // not be counted out yet when the first ones arrive: such a one is refused, and
    // tried again a moment later.
    bool answered = false;
    for (int attempt = 0; attempt < 40 && !answered; ++attempt) {
      if (attempt > 0) std::this_thread::sleep_for(milliseconds(50));
      auto connection = std::make_unique<RawConnection>(port);
      if (!connection->connected() || !connection->send("GET /api/health HTTP/1.1\r\nHost: a\r\n\r\n")) continue;
      if (connection->read_until("\"version\"").empty()) continue;
      held.push_back(std::move(connection));
      answered = true;
    }
    ASSERT_TRUE(answered) << "connection " << i + 1 << " of 4 was never answered";
    ASSERT_TRUE(held.back()->send("GET /api/health HTTP/1.1\r\n"));
  }
  // The fifth from the same address is closed at once, without an answer.
  RawConnection fifth(port);
  if (fifth.connected()) {
    fifth.send("GET /api/health HTTP/1.1\r\nHost: a\r\n\r\n");
    EXPECT_EQ(fifth.read_to_end(), "");
  }
  // A head that goes on arriving too slowly is refused with 408; one that stops is
  // closed by the read timeout. Either way the slots come free.
  std::this_thread::sleep_for(milliseconds(2300));  // past the head's 2 s, within the read's 8 s
  ASSERT_TRUE(held[0]->send("Host: a\r\n"));
  EXPECT_EQ(status_of(held[0]->read_to_end()), 408);
  for (std::size_t i = 1; i < held.size(); ++i) EXPECT_EQ(held[i]->read_to_end(), "");
  held.clear();
  std::this_thread::sleep_for(milliseconds(200));
  const auto health = client_for(port)->Get("/api/health");
  ASSERT_TRUE(health) << httplib::to_string(health.error());
  EXPECT_EQ(health->status, 200);
}

// A report's files come from anyone: the server reads such a body up to the reporter's
// limit, and such bodies together stay within [server] reporter_uploads_mib; past it a
// new one is answered 503 from its head, and the share comes back when its connection
// ends.
TEST_F(ServerTest, ReportsWithFilesArriveWithinTheBudgetForThem) {
  std::ofstream(data_dir() / "conduct.toml", std::ios::app) << "\n[server]\nreporter_uploads_mib = 4\n";
  const std::uint16_t port = free_port();
  ASSERT_NE(start_server(port, "server"), nullptr);
  const std::string file(3 * 1024 * 1024, 'p');
  const httplib::MultipartFormDataItems report = {{"what_happened", "Rude messages in #help.", "", ""},
                                                  {"files", file, "chat.png", "image/png"}};
  const auto sent = client_for(port)->Post("/report/tidewater", report);
  ASSERT_TRUE(sent) << httplib::to_string(sent.error());
  EXPECT_EQ(sent->status, 200) << sent->body.substr(0, 400);
  EXPECT_NE(sent->body.find("data-testid=\"receipt\""), std::string::npos);

  // One connection announces 3.5 MiB and sends nothing more: the budget has half a MiB
  // left (once the server has seen the first report's connection end).
  std::this_thread::sleep_for(milliseconds(500));
  auto holder = std::make_unique<RawConnection>(port);
  ASSERT_TRUE(holder->connected());
  ASSERT_TRUE(
      holder->send("POST /report/tidewater HTTP/1.1\r\nHost: a\r\nContent-Type: multipart/form-data; "
                   "boundary=b\r\nContent-Length: 3670016\r\n\r\n--b\r\n"));
  std::this_thread::sleep_for(milliseconds(200));
  const auto refused = client_for(port)->Post("/report/tidewater", report);
  ASSERT_TRUE(refused) << httplib::to_string(refused.error());
  EXPECT_EQ(refused->status, 503) << refused->body;
  EXPECT_NE(refused->body.find("too many files are arriving at once"), std::string::npos) << refused->body;

  holder.reset();  // the share comes back once the server sees the connection end
  int status = 0;
  for (int attempt = 0; attempt < 40 && status != 200; ++attempt) {
    std::this_thread::sleep_for(milliseconds(50));
    const auto again = client_for(port)->Post("/report/tidewater", report);
    status = again ? again->status : 0;
  }
  EXPECT_EQ(status, 200);

  // Larger than the policy's 20 MiB of files and a form's text: refused from the head.
  RawConnection large(port);
  ASSERT_TRUE(large.connected());
  ASSERT_TRUE(
      large.send("POST /report/tidewater HTTP/1.1\r\nHost: a\r\nContent-Type: multipart/form-data; "
                 "boundary=b\r\nContent-Length: 30000000\r\n\r\n"));
  EXPECT_EQ(status_of(large.read_until("\r\n")), 413);
}

}  // namespace
}  // namespace conduct::http
