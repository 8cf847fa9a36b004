// Serving the built web app (web/dist) from a directory.
#pragma once

#include <string>

#include "http/request.h"

namespace conduct::http {

// The file under `web_root` that `path` names, with its MIME type and cache policy.
// Paths that name no file answer index.html, so the app's own routes work on reload;
// paths with "..", backslashes, NUL bytes or a doubled leading slash ("//etc/passwd"),
// and missing paths that look like files (a segment starting with a dot, a last segment
// with an extension), answer 404 with Cache-Control: no-store. Without a built app (no index.html) the answer is 503
// with a hint to build it.
Response serve_static(const std::string& web_root, const std::string& path);

// The MIME type for a file name, by extension; application/octet-stream if unknown.
std::string mime_type_for(const std::string& file_name);

}  // namespace conduct::http
