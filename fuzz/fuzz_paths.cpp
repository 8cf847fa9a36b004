// Request paths (already percent-decoded by the server): the router's pattern matching
// (http::Router) over a table shaped like the API's, and the static file server
// (http::serve_static) over a temporary web root with a secret file beside it.
//
// Properties: a route matches only when substituting its parameters back into its
// pattern gives the path, every parameter non-empty and free of '/'; "method not
// allowed" only when some route's pattern matches with another method. Static files
// never come from outside the web root (the secret never appears), "." and ".."
// segments and backslashes are always refused, and every answer is one of the web
// root's files or a 404.
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/text.h"
#include "fuzz_check.h"
#include "http/router.h"
#include "http/static_files.h"

namespace {

using namespace conduct;
using namespace conduct::http;
namespace fs = std::filesystem;

// The shapes of the API's routes (src/http/api_*.cpp); the matching, not the table, is
// under test, so the handlers are empty.
std::vector<Route> route_table() {
  std::vector<Route> routes;
  for (const auto& [method, pattern] : std::vector<std::pair<std::string, std::string>>{
           {"GET", "/api/health"},
           {"GET", "/api/cases"},
           {"POST", "/api/cases"},
           {"GET", "/api/cases/{code}"},
           {"POST", "/api/cases/{code}/entries"},
           {"POST", "/api/cases/{code}/oversight/{id}/approval"},
           {"GET", "/api/people/{person}"},
           {"GET", "/api/enrolment/{token}"},
           {"POST", "/api/enrolment/{token}"},
           {"POST", "/api/members/{email}/renewal"},
           {"DELETE", "/api/session"},
           {"POST", "/api/session"},
       })
    routes.push_back(Route{method, pattern, Audience::Members, "", nullptr});
  return routes;
}

std::string substituted(const std::string& pattern, const std::map<std::string, std::string>& params) {
  std::vector<std::string> parts = split(pattern, '/');
  for (std::string& part : parts)
    if (part.size() > 2 && part.front() == '{' && part.back() == '}') part = params.at(part.substr(1, part.size() - 2));
  return join(parts, "/");
}

void check_router(const Router& router, const std::string& path) {
  bool any_method_matches = false;
  for (const char* method : {"GET", "POST", "DELETE"}) {
    bool method_not_allowed = false;
    const std::optional<Router::Match> match = router.match(method, path, method_not_allowed);
    if (match) {
      any_method_matches = true;
      FUZZ_CHECK(match->route->method == method, "a route matches only its own method");
      for (const auto& [name, value] : match->params)
        FUZZ_CHECK(!value.empty() && value.find('/') == std::string::npos, "a parameter is one non-empty segment");
      FUZZ_CHECK(substituted(match->route->pattern, match->params) == path,
                 "the parameters put back into the pattern give the path");
    } else if (method_not_allowed) {
      bool matches_other = false;
      for (const char* other : {"GET", "POST", "DELETE"}) {
        bool ignored = false;
        matches_other = matches_other || router.match(other, path, ignored).has_value();
      }
      FUZZ_CHECK(matches_other, "\"method not allowed\" only for a path some route serves");
    }
  }
  if (path.rfind("/api/", 0) != 0) FUZZ_CHECK(!any_method_matches, "only /api/ paths reach the API");
}

struct WebRoot {
  fs::path base;  // holds secret.txt and web/
  fs::path web;
};

const WebRoot& web_root() {
  static const WebRoot root = [] {
    std::string pattern = (fs::temp_directory_path() / "conduct-fuzz-paths-XXXXXX").string();
    FUZZ_CHECK(mkdtemp(pattern.data()) != nullptr, "a temporary directory can be made");
    WebRoot made{pattern, fs::path(pattern) / "web"};
    fs::create_directories(made.web / "assets");
    fs::create_directories(made.web / "empty-dir");
    std::ofstream(made.web / "index.html") << "INDEX";
    std::ofstream(made.web / "assets" / "app.js") << "APP";
    std::ofstream(made.web / "robots.txt") << "ROBOTS";
    std::ofstream(made.base / "secret.txt") << "SECRET";
    std::atexit([] {
      std::error_code ignored;
      fs::remove_all(web_root().base, ignored);
    });
    return made;
  }();
  return root;
}

bool has_dot_segment(const std::string& path) {
  for (const std::string& segment : split(path, '/'))
    if (segment == "." || segment == "..") return true;
  return false;
}

void check_static(const std::string& path) {
  const WebRoot& root = web_root();
  const Response response = serve_static(root.web.string(), path);
  FUZZ_CHECK(response.body != "SECRET", "no file outside the web root is served");
  FUZZ_CHECK(response.status == 200 || response.status == 404, "a static answer is a file or a 404");
  if (response.status == 200)
    FUZZ_CHECK(response.body == "INDEX" || response.body == "APP" || response.body == "ROBOTS",
               "a static answer is one of the web root's files");
  // The server's paths start with '/'; serve_static drops that first character.
  if (path.empty() || path.front() != '/') return;
  if (has_dot_segment(path) || path.find('\\') != std::string::npos || path.find('\0') != std::string::npos)
    FUZZ_CHECK(response.status == 404, "'.', '..', backslashes and NUL are refused");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Router router(route_table());
  const std::string path(conduct::fuzz::as_text(data, size));
  check_router(router, path);
  check_static(path);
  return 0;
}
