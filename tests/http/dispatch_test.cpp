// The HTTP layer without sockets: dispatch() over a community on the SQLite store in memory,
// the router, the static files of the web app, the error mapping and the --listen
// parser. The real server over a socket is tested in server_test.cpp.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "app/app_fixture.h"
#include "core/text.h"
#include "http/dispatch.h"
#include "http/responses.h"
#include "http/router.h"
#include "http/server.h"
#include "http/static_files.h"

namespace conduct::http {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr char kIndexHtml[] = "<!doctype html><title>Conduct</title><div id=app></div>\n";
constexpr char kAppJs[] = "console.log('conduct app abc');\n";
constexpr char kAppCss[] = "body { margin: 0 }\n";
constexpr char kFaviconSvg[] = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n";
// Lives next to the web root, never inside it: no request may ever read it.
constexpr char kSecret[] = "secret-beside-the-web-root-5e1c";

constexpr char kImmutable[] = "public, max-age=31536000, immutable";
constexpr char kNoCache[] = "no-cache";

// Every value of the header `name` (compared case-insensitively), in order.
std::vector<std::string> header_values(const Response& response, const std::string& name) {
  std::vector<std::string> values;
  for (const auto& [header, value] : response.headers)
    if (to_lower_ascii(header) == to_lower_ascii(name)) values.push_back(value);
  return values;
}

std::optional<std::string> header_of(const Response& response, const std::string& name) {
  const std::vector<std::string> values = header_values(response, name);
  if (values.empty()) return std::nullopt;
  return values.front();
}

void write_file(const fs::path& file, const std::string& contents) {
  fs::create_directories(file.parent_path());
  std::ofstream stream(file, std::ios::binary);
  stream << contents;
}

// The body of an error response: {"error": {"code", "message", "fields"}} and nothing
// else. Fails the calling test when the shape differs.
void expect_error_shape(const Response& response, const std::string& code) {
  EXPECT_EQ(response.content_type, "application/json");
  const json body = json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  ASSERT_TRUE(body.is_object()) << response.body;
  ASSERT_EQ(body.size(), 1u) << response.body;
  ASSERT_TRUE(body.contains("error")) << response.body;
  const json& error = body["error"];
  ASSERT_TRUE(error.is_object()) << response.body;
  EXPECT_EQ(error.size(), 3u) << response.body;
  EXPECT_EQ(error.value("code", ""), code) << response.body;
  ASSERT_TRUE(error.contains("message") && error["message"].is_string()) << response.body;
  EXPECT_FALSE(error["message"].get<std::string>().empty()) << response.body;
  ASSERT_TRUE(error.contains("fields")) << response.body;
  EXPECT_TRUE(error["fields"].is_object()) << response.body;
}

// A temporary directory holding `web/` (a built web app) and `secret.txt` beside it.
class TempWebRoot {
 public:
  TempWebRoot() {
    std::string pattern = (fs::temp_directory_path() / "conduct-http-dispatch-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    base_ = pattern;
    write_file(web_root() / "index.html", kIndexHtml);
    write_file(web_root() / "assets" / "app-abc.js", kAppJs);
    write_file(web_root() / "assets" / "app-abc.css", kAppCss);
    write_file(web_root() / "favicon.svg", kFaviconSvg);
    write_file(secret_file(), kSecret);
    fs::create_directories(unbuilt_root());
  }
  ~TempWebRoot() {
    std::error_code ignored;
    fs::remove_all(base_, ignored);
  }
  TempWebRoot(const TempWebRoot&) = delete;
  TempWebRoot& operator=(const TempWebRoot&) = delete;

  fs::path web_root() const { return base_ / "web"; }
  fs::path secret_file() const { return base_ / "secret.txt"; }
  fs::path unbuilt_root() const { return base_ / "unbuilt"; }  // a web root with no index.html

 private:
  fs::path base_;
};

// A community on the SQLite store in memory (tests/app/app_fixture.h) and a built web app.
class DispatchTest : public app::testing::AppTest {
 protected:
  Response get(const std::string& path) { return send("GET", path); }

  Response send(const std::string& method, const std::string& path, const std::string& web_root = "") {
    Request request;
    request.method = method;
    request.path = path;
    request.remote_address = "127.0.0.1";
    return dispatch(router_, request, context_,
                    DispatchOptions{web_root.empty() ? web_.web_root().string() : web_root, false});
  }

  TempWebRoot web_;
  Router router_{api_routes()};
};

struct HeaderCase {
  const char* name;
  const char* method;
  const char* path;
  bool built_app;
  int status;
};

TEST_F(DispatchTest, EveryKindOfResponseCarriesTheSecurityHeaders) {
  const HeaderCase cases[] = {
      {"api health", "GET", "/api/health", true, 200},
      {"api communities", "GET", "/api/communities", true, 200},
      {"api unknown path", "GET", "/api/nothing-here", true, 404},
      {"api wrong method", "POST", "/api/health", true, 405},
      {"static index", "GET", "/", true, 200},
      {"static asset", "GET", "/assets/app-abc.js", true, 200},
      {"static app route", "GET", "/cases/home-shelf", true, 200},
      {"static traversal", "GET", "/../etc/passwd", true, 404},
      {"non-GET outside api", "POST", "/index.html", true, 400},
      {"web app not built", "GET", "/", false, 503},
  };
  for (const HeaderCase& c : cases) {
    SCOPED_TRACE(c.name);
    const Response response = send(c.method, c.path, c.built_app ? "" : web_.unbuilt_root().string());
    EXPECT_EQ(response.status, c.status);
    const std::string csp = header_of(response, "Content-Security-Policy").value_or("");
    EXPECT_NE(csp.find("default-src 'self'"), std::string::npos) << csp;
    EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << csp;
    EXPECT_EQ(header_values(response, "X-Content-Type-Options"), std::vector<std::string>{"nosniff"});
    EXPECT_EQ(header_values(response, "X-Frame-Options"), std::vector<std::string>{"DENY"});
    EXPECT_EQ(header_values(response, "Referrer-Policy"), std::vector<std::string>{"no-referrer"});
    const std::string permissions = header_of(response, "Permissions-Policy").value_or("");
    EXPECT_NE(permissions.find("camera=()"), std::string::npos) << permissions;
    EXPECT_NE(permissions.find("geolocation=()"), std::string::npos) << permissions;
    EXPECT_FALSE(header_of(response, "Strict-Transport-Security")) << "only behind TLS";
  }
}

TEST_F(DispatchTest, StrictTransportSecurityOnlyBehindTls) {
  Request request;
  request.method = "GET";
  request.path = "/api/health";
  const Response response = dispatch(router_, request, context_, DispatchOptions{web_.web_root().string(), true});
  EXPECT_EQ(header_of(response, "Strict-Transport-Security"), "max-age=31536000");
}

TEST_F(DispatchTest, ApiResponsesAreNoStore) {
  const std::pair<const char*, const char*> requests[] = {
      {"GET", "/api/health"}, {"GET", "/api/communities"}, {"GET", "/api/nothing-here"}, {"DELETE", "/api/health"}};
  for (const auto& [method, path] : requests) {
    SCOPED_TRACE(std::string(method) + " " + path);
    EXPECT_EQ(header_values(send(method, path), "Cache-Control"), std::vector<std::string>{"no-store"});
  }
}

TEST_F(DispatchTest, StaticFilesAreCacheableAndNeverNoStore) {
  const std::pair<const char*, const char*> expected[] = {
      {"/", kNoCache},
      {"/index.html", kNoCache},
      {"/favicon.svg", kNoCache},
      {"/cases/home-shelf", kNoCache},
      {"/assets/app-abc.js", kImmutable},
      {"/assets/app-abc.css", kImmutable},
  };
  for (const auto& [path, cache_control] : expected) {
    SCOPED_TRACE(path);
    const Response response = get(path);
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(header_values(response, "Cache-Control"), std::vector<std::string>{cache_control});
  }
}

TEST_F(DispatchTest, HealthReportsStatusDatabaseVersionAndClockTime) {
  const Response response = get("/api/health");
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type, "application/json");
  const json body = json::parse(response.body);
  EXPECT_EQ(body.size(), 4u) << response.body;
  EXPECT_EQ(body.value("status", ""), "ok");
  EXPECT_EQ(body.value("database", ""), "ok");
  ASSERT_TRUE(body.contains("version") && body["version"].is_string()) << response.body;
  EXPECT_FALSE(body["version"].get<std::string>().empty());
  EXPECT_EQ(body.value("time", ""), "2026-11-25T08:00:00Z");
}

TEST_F(DispatchTest, HealthTimeFollowsTheClock) {
  clock_.set(*parse_timestamp("2027-01-02T03:04:05Z"));
  EXPECT_EQ(json::parse(get("/api/health").body).value("time", ""), "2027-01-02T03:04:05Z");
}

TEST_F(DispatchTest, CommunitiesListsOnlyPublicFacts) {
  const Response response = get("/api/communities");
  ASSERT_EQ(response.status, 200);
  const json expected = {{"communities",
                          {{{"slug", "tidewater"},
                            {"name", "Tidewater Open Source Community"},
                            {"contact_email", "conduct@tidewater.example"}}}}};
  EXPECT_EQ(json::parse(response.body), expected);
  // The chair and members are not public.
  EXPECT_EQ(response.body.find("robin@tidewater.example"), std::string::npos);
  EXPECT_EQ(response.body.find("priya@tidewater.example"), std::string::npos);
}

TEST_F(DispatchTest, UnknownApiPathAnswersNotFound) {
  for (const char* path :
       {"/api", "/api/", "/api/nothing-here", "/api/health/extra", "/api/communities/tidewater", "/api/Health"}) {
    SCOPED_TRACE(path);
    const Response response = get(path);
    EXPECT_EQ(response.status, 404);
    expect_error_shape(response, "not_found");
    EXPECT_EQ(json::parse(response.body)["error"]["fields"], json::object());
  }
}

TEST_F(DispatchTest, WrongMethodOnKnownRouteAnswers405) {
  const std::pair<const char*, const char*> requests[] = {
      {"POST", "/api/health"}, {"PUT", "/api/health"}, {"DELETE", "/api/communities"}, {"PATCH", "/api/communities"}};
  for (const auto& [method, path] : requests) {
    SCOPED_TRACE(std::string(method) + " " + path);
    const Response response = send(method, path);
    EXPECT_EQ(response.status, 405);
    expect_error_shape(response, "invalid_argument");
    EXPECT_EQ(header_values(response, "Allow"), std::vector<std::string>{"GET"});
  }
}

TEST_F(DispatchTest, MethodNotAllowedListsEveryMethodThePathAnswers) {
  const Router router({
      {"GET", "/api/cases", Audience::Members, "List", [](const Request&, app::Context&) { return Response{}; }},
      {"POST", "/api/cases", Audience::Public, "Report", [](const Request&, app::Context&) { return Response{}; }},
      {"GET", "/api/cases/{code}", Audience::Members, "One", [](const Request&, app::Context&) { return Response{}; }},
  });
  const std::pair<const char*, const char*> expected[] = {{"/api/cases", "GET, POST"}, {"/api/cases/x", "GET"}};
  for (const auto& [path, allow] : expected) {
    SCOPED_TRACE(path);
    Request request;
    request.method = "DELETE";
    request.path = path;
    const Response response = dispatch(router, request, context_, DispatchOptions{web_.web_root().string(), false});
    EXPECT_EQ(response.status, 405);
    EXPECT_EQ(header_values(response, "Allow"), std::vector<std::string>{allow});
  }
}

TEST_F(DispatchTest, OnlyGetAndHeadAreServedOutsideApi) {
  const std::pair<const char*, int> expected[] = {{"GET", 200}, {"HEAD", 200},   {"POST", 400},
                                                  {"PUT", 400}, {"DELETE", 400}, {"OPTIONS", 400}};
  for (const auto& [method, status] : expected) {
    SCOPED_TRACE(method);
    const Response response = send(method, "/index.html");
    EXPECT_EQ(response.status, status);
    if (status == 400) expect_error_shape(response, "invalid_argument");
  }
}

TEST_F(DispatchTest, HandlerExceptionAnswersInternalWithoutItsText) {
  const Router throwing(
      {{"GET", "/api/boom", Audience::Public, "Always throws", [](const Request&, app::Context&) -> Response {
          throw std::runtime_error("secret detail from the handler");
        }}});
  Request request;
  request.method = "GET";
  request.path = "/api/boom";
  const Response response = dispatch(throwing, request, context_, DispatchOptions{web_.web_root().string(), false});
  EXPECT_EQ(response.status, 500);
  expect_error_shape(response, "internal");
  EXPECT_EQ(response.body.find("secret detail"), std::string::npos) << response.body;
  EXPECT_EQ(header_values(response, "Cache-Control"), std::vector<std::string>{"no-store"});
}

TEST_F(DispatchTest, HandlerErrorAnswersWithItsErrorResponse) {
  // A handler that fails answers exactly what error_response makes of its error, with
  // the security headers of every answer; an internal error keeps its detail to the log.
  const std::pair<Error, int> failures[] = {
      {field_error("name", "must not be empty"), 400},
      {not_found("no case home-shelf"), 404},
      {failed_precondition("the case is closed"), 409},
      {internal_error("secret detail from the store"), 500},
  };
  for (const auto& [error, status] : failures) {
    SCOPED_TRACE(error.message);
    const Router failing({{"GET", "/api/fail", Audience::Public, "Always fails",
                           [&error = error](const Request&, app::Context&) -> Result<Response> { return error; }}});
    Request request;
    request.method = "GET";
    request.path = "/api/fail";
    const Response response = dispatch(failing, request, context_, DispatchOptions{web_.web_root().string(), false});
    const Response expected = error_response(error);
    EXPECT_EQ(response.status, status);
    EXPECT_EQ(response.status, expected.status);
    EXPECT_EQ(response.content_type, expected.content_type);
    EXPECT_EQ(response.body, expected.body);
    expect_error_shape(response, error_code_name(error.code));
    EXPECT_EQ(response.body.find("secret detail"), std::string::npos) << response.body;
    EXPECT_EQ(header_values(response, "Cache-Control"), std::vector<std::string>{"no-store"});
    EXPECT_EQ(header_values(response, "X-Content-Type-Options"), std::vector<std::string>{"nosniff"});
  }
}

TEST_F(DispatchTest, RouteParametersReachTheHandler) {
  std::map<std::string, std::string> seen;
  const Router echoing({{"GET", "/api/cases/{code}/entries/{number}", Audience::Public, "Echo",
                         [&seen](const Request& request, app::Context&) {
                           seen = request.params;
                           return json_response(200, json::object());
                         }}});
  Request request;
  request.method = "GET";
  request.path = "/api/cases/home-shelf/entries/3";
  const Response response = dispatch(echoing, request, context_, DispatchOptions{web_.web_root().string(), false});
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(seen, (std::map<std::string, std::string>{{"code", "home-shelf"}, {"number", "3"}}));
}

// ---- Error mapping -------------------------------------------------------------------

TEST(ResponsesTest, EachErrorCodeMapsToItsStatus) {
  const std::pair<Error, int> expected[] = {
      {invalid_argument("bad"), 400},    {unauthenticated("who"), 401},   {permission_denied("no"), 403},
      {not_found("gone"), 404},          {already_exists("taken"), 409},  {failed_precondition("state"), 409},
      {resource_exhausted("wait"), 429}, {internal_error("broken"), 500},
  };
  for (const auto& [error, status] : expected) {
    SCOPED_TRACE(error_code_name(error.code));
    EXPECT_EQ(http_status_of(error.code), status);
    const Response response = error_response(error);
    EXPECT_EQ(response.status, status);
    expect_error_shape(response, error_code_name(error.code));
  }
}

TEST(ResponsesTest, FieldErrorsReachTheClient) {
  const Response response = error_response(field_error("listen", "must be HOST:PORT"));
  EXPECT_EQ(response.status, 400);
  expect_error_shape(response, "invalid_argument");
  EXPECT_EQ(json::parse(response.body)["error"]["fields"], (json{{"listen", "must be HOST:PORT"}}));
}

TEST(ResponsesTest, InternalErrorMessageNeverReachesTheClient) {
  Error error = internal_error("secret detail");
  error.fields["sql"] = "secret detail in a field";
  const Response response = error_response(error);
  EXPECT_EQ(response.status, 500);
  expect_error_shape(response, "internal");
  EXPECT_EQ(response.body.find("secret detail"), std::string::npos) << response.body;
}

// ---- Static files --------------------------------------------------------------------

TEST(MimeTypeTest, ByExtension) {
  const std::pair<const char*, const char*> expected[] = {
      {"index.html", "text/html; charset=utf-8"},
      {"app-abc.js", "text/javascript; charset=utf-8"},
      {"worker.mjs", "text/javascript; charset=utf-8"},
      {"app-abc.css", "text/css; charset=utf-8"},
      {"favicon.svg", "image/svg+xml"},
      {"manifest.json", "application/json"},
      {"app-abc.js.map", "application/json"},
      {"logo.png", "image/png"},
      {"favicon.ico", "image/x-icon"},
      {"inter.woff2", "font/woff2"},
      {"robots.txt", "text/plain; charset=utf-8"},
      {"archive.tar.gz", "application/octet-stream"},
      {"LICENSE", "application/octet-stream"},
      {"page.html.bak", "application/octet-stream"},
  };
  for (const auto& [file_name, mime_type] : expected) EXPECT_EQ(mime_type_for(file_name), mime_type) << file_name;
}

struct StaticCase {
  const char* path;
  const char* content_type;
  const char* cache_control;
  const char* body;
};

TEST(StaticFilesTest, ServesFilesWithTypeCachePolicyAndAppRoutesAsIndex) {
  const TempWebRoot web;
  const StaticCase cases[] = {
      {"/", "text/html; charset=utf-8", kNoCache, kIndexHtml},
      {"", "text/html; charset=utf-8", kNoCache, kIndexHtml},
      {"/index.html", "text/html; charset=utf-8", kNoCache, kIndexHtml},
      {"/assets/app-abc.js", "text/javascript; charset=utf-8", kImmutable, kAppJs},
      {"/assets/app-abc.css", "text/css; charset=utf-8", kImmutable, kAppCss},
      {"/favicon.svg", "image/svg+xml", kNoCache, kFaviconSvg},
      // The web app's own routes answer index.html so that a reload works.
      {"/cases/home-shelf", "text/html; charset=utf-8", kNoCache, kIndexHtml},
      {"/assets", "text/html; charset=utf-8", kNoCache, kIndexHtml},
      {"/cases/", "text/html; charset=utf-8", kNoCache, kIndexHtml},
  };
  for (const StaticCase& c : cases) {
    SCOPED_TRACE(c.path);
    const Response response = serve_static(web.web_root().string(), c.path);
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.content_type, c.content_type);
    EXPECT_EQ(header_values(response, "Cache-Control"), std::vector<std::string>{c.cache_control});
    EXPECT_EQ(response.body, c.body);
  }
}

TEST(StaticFilesTest, AMissingBuildAssetIsA404NotTheIndex) {
  const TempWebRoot web;
  const Response response = serve_static(web.web_root().string(), "/assets/app-old.js");
  EXPECT_EQ(response.status, 404);
  EXPECT_NE(response.body, kIndexHtml);
  EXPECT_EQ(header_values(response, "Cache-Control"), std::vector<std::string>{"no-store"});
}

// A scanner asking for files that are not there gets 404, not the app shell, which
// would claim every one of them exists.
TEST(StaticFilesTest, MissingPathsThatLookLikeFilesAnswer404) {
  const TempWebRoot web;
  for (const char* path : {"/.git/config", "/index.html.bak", "/.env", "/backup.sql", "/cases/.hidden", "/wp-login.php",
                           "/cases/home-shelf.json"}) {
    SCOPED_TRACE(path);
    const Response response = serve_static(web.web_root().string(), path);
    EXPECT_EQ(response.status, 404);
    EXPECT_NE(response.body, kIndexHtml);
    EXPECT_EQ(header_values(response, "Cache-Control"), std::vector<std::string>{"no-store"});
  }
}

TEST(StaticFilesTest, TraversalAttemptsAnswer404AndNeverAFileOutsideTheRoot) {
  const TempWebRoot web;
  const std::string secret = web.secret_file().string();
  const std::string attempts[] = {
      "/../etc/passwd",
      "/assets/../../x",
      "/../secret.txt",
      "/assets/../../secret.txt",
      "/assets/../index.html",
      "/./index.html",
      "/..",
      "/..\\secret.txt",
      "/assets\\..\\..\\secret.txt",
      std::string("/index.html\0/../../secret.txt", 29),
      std::string("/\0", 2),
      // An absolute path after the leading slash would replace the root when joined.
      "/" + secret,
      "//etc/passwd",
  };
  for (const std::string& path : attempts) {
    SCOPED_TRACE(::testing::PrintToString(path));
    const Response response = serve_static(web.web_root().string(), path);
    EXPECT_EQ(response.status, 404);
    EXPECT_EQ(response.body.find(kSecret), std::string::npos);
    EXPECT_EQ(response.body.find("root:"), std::string::npos);
  }
}

TEST_F(DispatchTest, TraversalThroughDispatchAnswers404) {
  for (const std::string& path : {std::string("/../secret.txt"), "/" + web_.secret_file().string()}) {
    SCOPED_TRACE(path);
    const Response response = get(path);
    EXPECT_EQ(response.status, 404);
    EXPECT_EQ(response.body.find(kSecret), std::string::npos);
  }
}

TEST(StaticFilesTest, WithoutABuiltAppAnswers503WithAHint) {
  const TempWebRoot web;
  const std::string roots[] = {web.unbuilt_root().string(), (web.unbuilt_root() / "does-not-exist").string()};
  for (const std::string& root : roots) {
    for (const char* path : {"/", "/cases/home-shelf", "/assets/app-abc.js"}) {
      SCOPED_TRACE(root + " " + path);
      const Response response = serve_static(root, path);
      EXPECT_EQ(response.status, 503);
      EXPECT_NE(response.body.find("not built"), std::string::npos) << response.body;
      EXPECT_NE(response.body.find("npm run build"), std::string::npos) << response.body;
    }
  }
}

// ---- Router --------------------------------------------------------------------------

struct MatchCase {
  const char* method;
  const char* path;
  const char* pattern;  // nullptr: no match
  std::map<std::string, std::string> params;
  bool method_not_allowed;
};

Response unused_handler(const Request&, app::Context&) { return json_response(200, json::object()); }

TEST(RouterTest, MatchesPatternsAndExtractsParameters) {
  const Router router({
      {"GET", "/api/cases", Audience::Members, "List", unused_handler},
      {"POST", "/api/cases", Audience::Public, "Report", unused_handler},
      {"GET", "/api/cases/{code}", Audience::Members, "One", unused_handler},
      {"GET", "/api/cases/{code}/entries/{number}", Audience::Members, "Entry", unused_handler},
  });
  const MatchCase cases[] = {
      {"GET", "/api/cases", "/api/cases", {}, false},
      {"POST", "/api/cases", "/api/cases", {}, false},
      {"GET", "/api/cases/home-shelf", "/api/cases/{code}", {{"code", "home-shelf"}}, false},
      {"GET",
       "/api/cases/home-shelf/entries/3",
       "/api/cases/{code}/entries/{number}",
       {{"code", "home-shelf"}, {"number", "3"}},
       false},
      // A longer or shorter path does not match.
      {"GET", "/api/cases/home-shelf/extra", nullptr, {}, false},
      {"GET", "/api/cases/home-shelf/entries", nullptr, {}, false},
      {"GET", "/api/cases/home-shelf/entries/3/more", nullptr, {}, false},
      {"GET", "/api", nullptr, {}, false},
      {"GET", "/api/cases/home-shelf/", nullptr, {}, false},
      // A parameter is never empty.
      {"GET", "/api/cases/", nullptr, {}, false},
      {"GET", "/api/cases//entries/3", nullptr, {}, false},
      // Literal segments match exactly.
      {"GET", "/api/Cases/home-shelf", nullptr, {}, false},
      {"GET", "/api/case/home-shelf", nullptr, {}, false},
      // The path matches a pattern but not its method.
      {"DELETE", "/api/cases/home-shelf", nullptr, {}, true},
      {"PUT", "/api/cases", nullptr, {}, true},
      {"get", "/api/cases", nullptr, {}, true},
  };
  for (const MatchCase& c : cases) {
    SCOPED_TRACE(std::string(c.method) + " " + c.path);
    bool method_not_allowed = !c.method_not_allowed;
    const auto match = router.match(c.method, c.path, method_not_allowed);
    if (c.pattern == nullptr) {
      EXPECT_FALSE(match.has_value());
      EXPECT_EQ(method_not_allowed, c.method_not_allowed);
      continue;
    }
    ASSERT_TRUE(match.has_value());
    ASSERT_NE(match->route, nullptr);
    EXPECT_EQ(match->route->pattern, c.pattern);
    EXPECT_EQ(match->route->method, c.method);
    EXPECT_EQ(match->params, c.params);
  }
}

TEST(RouterTest, ApiRouteTableIsWellFormed) {
  const std::vector<Route> routes = api_routes();
  ASSERT_FALSE(routes.empty());
  std::set<std::pair<std::string, std::string>> seen;
  for (const Route& route : routes) {
    SCOPED_TRACE(route.method + " " + route.pattern);
    EXPECT_TRUE(seen.emplace(route.method, route.pattern).second) << "duplicate route";
    // The API under /api/; outside it only the pages people without an account use.
    const bool page = route.pattern.rfind("/report/", 0) == 0 || route.pattern.rfind("/portal", 0) == 0;
    EXPECT_TRUE(route.pattern.rfind("/api/", 0) == 0 || page);
    EXPECT_TRUE(!page || route.audience == Audience::Public) << "a page is for people without an account";
    EXPECT_FALSE(route.summary.empty());
    EXPECT_TRUE(static_cast<bool>(route.handler));
  }
  EXPECT_TRUE(seen.count({"GET", "/api/health"}));
  EXPECT_TRUE(seen.count({"GET", "/api/communities"}));
}

TEST(RouterTest, EveryApiRouteIsReachable) {
  // No route is shadowed by an earlier one: a path built from a route's own pattern
  // matches that route.
  const Router router(api_routes());
  for (const Route& route : router.routes()) {
    SCOPED_TRACE(route.method + " " + route.pattern);
    std::vector<std::string> segments = split(route.pattern, '/');
    for (std::string& segment : segments)
      if (segment.size() > 2 && segment.front() == '{' && segment.back() == '}') segment = "sample-value";
    bool method_not_allowed = false;
    const auto match = router.match(route.method, join(segments, "/"), method_not_allowed);
    ASSERT_TRUE(match.has_value());
    EXPECT_EQ(match->route, &route);
  }
}

// ---- --listen ------------------------------------------------------------------------

struct ListenCase {
  const char* text;
  bool ok;
  const char* host;
  std::uint16_t port;
};

TEST(ListenAddressTest, ParsesHostAndPort) {
  const ListenCase cases[] = {
      {"127.0.0.1:8080", true, "127.0.0.1", 8080},
      {"[::1]:9000", true, "::1", 9000},
      {"localhost:1", true, "localhost", 1},
      {"0.0.0.0:65535", true, "0.0.0.0", 65535},
      {"8080", false, "", 0},
      {":8080", false, "", 0},
      {"host:", false, "", 0},
      {"host:0", false, "", 0},
      {"host:65536", false, "", 0},
      {"host:80x", false, "", 0},
      {"host:-80", false, "", 0},
      {"host: 80", false, "", 0},
      {"host:99999999999999999999", false, "", 0},
      {"", false, "", 0},
  };
  ServerOptions defaults;
  defaults.web_root = "/srv/conduct/web";
  defaults.max_body_bytes = 4096;
  for (const ListenCase& c : cases) {
    SCOPED_TRACE(c.text);
    const Result<ServerOptions> parsed = parse_listen_address(c.text, defaults);
    ASSERT_EQ(parsed.ok(), c.ok);
    if (c.ok) {
      EXPECT_EQ(parsed->host, c.host);
      EXPECT_EQ(parsed->port, c.port);
      EXPECT_EQ(parsed->web_root, "/srv/conduct/web");  // the other options are kept
      EXPECT_EQ(parsed->max_body_bytes, 4096u);
    } else {
      EXPECT_EQ(parsed.error().code, ErrorCode::InvalidArgument);
      EXPECT_EQ(parsed.error().fields.count("listen"), 1u) << parsed.error().message;
    }
  }
}

}  // namespace
}  // namespace conduct::http
