// Pages written on the server, for the people without an account: the public report
// form and the reporter's portal work with no script at all (a reporter may browse
// with scripts off), styled by one stylesheet of the web app (/public.css).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/request.h"

namespace conduct::http {

// Text made safe inside an element or a quoted attribute.
std::string escape_html(std::string_view text);

// A whole page in `language` (its words from the catalogue): the title, the language
// links (each to `path` with ?lang=), and `main_html` as the page's main content.
// Answered with `status`, no-store, as text/html.
Response html_page(int status, const std::string& language, const std::string& title, const std::string& path,
                   const std::string& main_html);

// 303 See Other to `location` (after a form is posted), with extra headers.
Response see_other(const std::string& location, std::vector<std::pair<std::string, std::string>> headers = {});

// Whether a form post comes from one of our own pages: a browser says so in
// Sec-Fetch-Site ("same-origin"), or, if it sends none, in Origin, which must then be
// this server's (its Host) or "null" (our pages send no referrer). A post that says
// neither (a script, curl) is let through: the check stops a foreign page from posting
// our forms in a visitor's browser, not a client of its own. Errors: PermissionDenied.
Status check_same_origin(const Request& request);

// The language a page speaks: ?lang= or the form's "lang" when the catalogue has it,
// else the browser's Accept-Language, else English.
std::string page_language(const Request& request, const std::string& chosen = {});

}  // namespace conduct::http
