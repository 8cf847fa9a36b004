#include "http/html.h"

#include "app/catalogue.h"

namespace conduct::http {

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

Response html_page(int status, const std::string& language, const std::string& title, const std::string& path,
                   const std::string& main_html) {
  const app::Catalogue& words = app::shipped_catalogue();
  std::string languages;
  for (const auto& [code, name] : words.languages()) {
    if (code == language) {
      languages += "<li><span aria-current=\"true\" lang=\"" + code + "\">" + escape_html(name) + "</span></li>";
    } else {
      languages += "<li><a href=\"" + escape_html(path) + "?lang=" + code + "\" hreflang=\"" + code + "\" lang=\"" +
                   code + "\">" + escape_html(name) + "</a></li>";
    }
  }
  std::string page =
      "<!doctype html>\n<html lang=\"" + escape_html(language) + "\">\n<head>\n<meta charset=\"utf-8\">\n";
  page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  page += "<meta name=\"referrer\" content=\"no-referrer\">\n";
  page += "<title>" + escape_html(title) + "</title>\n";
  page += "<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">\n";
  page += "<link rel=\"stylesheet\" href=\"/public.css\">\n";
  page += "<script src=\"/public.js\" defer></script>\n</head>\n<body>\n";
  page += "<nav class=\"languages\" aria-label=\"" + escape_html(words.text(language, "form.choose_language")) +
          "\"><ul>" + languages + "</ul></nav>\n";
  page += "<main id=\"main\">\n" + main_html + "\n</main>\n</body>\n</html>\n";
  Response response{status, "text/html; charset=utf-8", std::move(page), {}};
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

Response see_other(const std::string& location, std::vector<std::pair<std::string, std::string>> headers) {
  Response response{303, "text/plain; charset=utf-8", "See " + location + "\n", std::move(headers)};
  response.headers.emplace_back("Location", location);
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

Status check_same_origin(const Request& request) {
  const Error foreign =
      permission_denied("the form was sent from another site's page: open this site's form and send it again");
  // Browsers say where a request comes from (Fetch Metadata): only our own pages' posts
  // are same-origin.
  if (const std::string site = request.header("sec-fetch-site"); !site.empty())
    return site == "same-origin" ? ok_status() : Status(foreign);
  // Without it, the Origin header: our pages send no referrer, so a browser names
  // their origin "null"; any other origin must be this server's.
  const std::string origin = request.header("origin");
  if (origin.empty() || origin == "null") return ok_status();
  const std::size_t scheme_end = origin.find("://");
  const std::string host = scheme_end == std::string::npos ? std::string() : origin.substr(scheme_end + 3);
  if (host.empty() || host != request.header("host")) return foreign;
  return ok_status();
}

std::string page_language(const Request& request, const std::string& chosen) {
  const auto query = request.query.find("lang");
  const std::string asked = !chosen.empty() ? chosen : query == request.query.end() ? std::string() : query->second;
  return app::shipped_catalogue().choose(asked, request.header("accept-language"));
}

}  // namespace conduct::http
