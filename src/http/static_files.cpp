#include "http/static_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace conduct::http {
namespace {

namespace fs = std::filesystem;

bool safe_relative_path(const std::string& path) {
  if (path.find('\0') != std::string::npos || path.find('\\') != std::string::npos) return false;
  // "//etc/passwd" leaves "/etc/passwd" once the leading slash is dropped, and joining
  // an absolute path to the root replaces the root: the rest must stay relative.
  if (!path.empty() && path.front() == '/') return false;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t end = path.find('/', start);
    const std::string segment = path.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (segment == ".." || segment == ".") return false;
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return true;
}

bool read_file(const fs::path& file, std::string& contents) {
  std::ifstream stream(file, std::ios::binary);
  if (!stream) return false;
  std::ostringstream buffer;
  buffer << stream.rdbuf();
  contents = buffer.str();
  return true;
}

Response plain_text_response(int status, std::string text) {
  Response response;
  response.status = status;
  response.content_type = "text/plain; charset=utf-8";
  response.body = std::move(text);
  return response;
}

Response not_found_response() {
  Response response = plain_text_response(404, "Not found\n");
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

// Whether a path that names no file still looks like one ("/.git/config",
// "/index.html.bak"): a hidden segment, or a last segment with an extension. The app's
// own routes ("/cases/amber-zebra", "/enrol/TOKEN") never do; answering them the app
// shell would tell a scanner every file exists.
bool looks_like_a_file(const std::string& relative) {
  std::size_t start = 0;
  while (start <= relative.size()) {
    const std::size_t end = relative.find('/', start);
    const std::string segment = relative.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!segment.empty() && segment.front() == '.') return true;
    if (end == std::string::npos) return segment.find('.') != std::string::npos;
    start = end + 1;
  }
  return false;
}

Response file_response(const fs::path& file, const std::string& cache_control) {
  Response response;
  if (!read_file(file, response.body)) return not_found_response();
  response.content_type = mime_type_for(file.filename().string());
  response.headers.emplace_back("Cache-Control", cache_control);
  return response;
}

}  // namespace

std::string mime_type_for(const std::string& file_name) {
  const std::string extension = fs::path(file_name).extension().string();
  if (extension == ".html") return "text/html; charset=utf-8";
  if (extension == ".js" || extension == ".mjs") return "text/javascript; charset=utf-8";
  if (extension == ".css") return "text/css; charset=utf-8";
  if (extension == ".svg") return "image/svg+xml";
  if (extension == ".json" || extension == ".map") return "application/json";
  if (extension == ".png") return "image/png";
  if (extension == ".ico") return "image/x-icon";
  if (extension == ".woff2") return "font/woff2";
  if (extension == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

Response serve_static(const std::string& web_root, const std::string& path) {
  const fs::path root(web_root);
  const fs::path index = root / "index.html";
  if (!fs::is_regular_file(index))
    return plain_text_response(503, "The web app is not built. Run 'make run' (or 'npm run build' in web/).\n");
  const std::string relative = path.empty() || path == "/" ? std::string() : path.substr(1);
  if (!safe_relative_path(relative)) return not_found_response();
  if (!relative.empty()) {
    const fs::path file = root / relative;
    std::error_code error;
    if (fs::is_regular_file(file, error)) {
      const bool hashed_asset = relative.rfind("assets/", 0) == 0;
      return file_response(file, hashed_asset ? "public, max-age=31536000, immutable" : "no-cache");
    }
  }
  // A missing build asset is a real 404: answering index.html would hide a stale page.
  if (relative.rfind("assets/", 0) == 0 || looks_like_a_file(relative)) return not_found_response();
  return file_response(index, "no-cache");
}

}  // namespace conduct::http
