// The reporter's portal: /portal asks for the receipt, /portal/thread shows where the
// report stands (in plain words), the group's messages and a reply form. A right
// receipt opens a portal session held in its own cookie (HttpOnly, SameSite=Strict,
// Path=/portal); each form carries the session's CSRF token.
#include "app/catalogue.h"
#include "app/portal.h"
#include "core/time.h"
#include "crypto/session_token.h"
#include "domain/receipt.h"
#include "http/form_body.h"
#include "http/html.h"
#include "http/multipart_body.h"
#include "http/reporter_files.h"
#include "http/responses.h"
#include "http/router.h"
#include "http/session_cookie.h"

namespace conduct::http {
namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;

std::string say(const std::string& language, std::string_view key,
                const std::vector<std::pair<std::string, std::string>>& values = {}) {
  return escape_html(app::shipped_catalogue().text(language, key, values));
}

std::string portal_cookie(const Request& request, const std::string& value, bool clear) {
  std::string cookie = std::string(app::kPortalCookie) + "=" + value + "; Path=/portal; HttpOnly; SameSite=Strict";
  if (request.behind_tls) cookie += "; Secure";
  if (clear) cookie += "; Max-Age=0";
  return cookie;
}

Response receipt_page(const Request& /*request*/, const std::string& language, int status, const std::string& problem,
                      const std::string& notice = {}) {
  std::string html = "<h1>" + say(language, "portal.title") + "</h1>";
  if (!notice.empty()) html += "<p class=\"notice\" role=\"status\">" + escape_html(notice) + "</p>";
  html += "<p>" + say(language, "portal.intro") + "</p>";
  html += "<form method=\"post\" action=\"/portal\" accept-charset=\"utf-8\">";
  html += "<input type=\"hidden\" name=\"lang\" value=\"" + escape_html(language) + "\">";
  html += "<div class=\"field\"><label for=\"receipt\">" + say(language, "portal.receipt") +
          "</label><p class=\"help\" id=\"receipt-help\">" + say(language, "portal.receipt_hint") + "</p>";
  std::string described = "receipt-help";
  if (!problem.empty()) {
    html += "<p class=\"field-error\" id=\"receipt-error\" role=\"alert\">" + escape_html(problem) + "</p>";
    described += " receipt-error";
  }
  html +=
      "<input type=\"text\" id=\"receipt\" name=\"receipt\" autocomplete=\"off\" autocapitalize=\"characters\" "
      "spellcheck=\"false\" required aria-describedby=\"" +
      described + "\"" + (problem.empty() ? "" : " aria-invalid=\"true\"") + "></div>";
  html += "<p><button type=\"submit\">" + say(language, "portal.open") + "</button></p></form>";
  return html_page(status, language, app::shipped_catalogue().text(language, "portal.title"), "/portal", html);
}

Result<Response> show_receipt_form(const Request& request, app::Context&) {
  return receipt_page(request, page_language(request), 200, {});
}

// The catalogue's words for what is wrong with a mistyped receipt.
std::string receipt_problem_key(domain::ReceiptProblem problem) {
  switch (problem) {
    case domain::ReceiptProblem::WrongLength:
      return "receipt.wrong_length";
    case domain::ReceiptProblem::NotAReceiptCharacter:
      return "receipt.not_a_receipt_character";
    case domain::ReceiptProblem::TypingMistake:
      return "receipt.typing_mistake";
  }
  return "receipt.typing_mistake";
}

Result<Response> open_portal_form(const Request& request, app::Context& context) {
  TRY(check_same_origin(request));
  std::optional<Fields> fields;
  if (is_form_content_type(request.header("content-type"))) fields = parse_form_body(request.body);
  if (!fields) return field_error("body", "must be the portal form, sent as application/x-www-form-urlencoded");
  const std::string language = page_language(request, form_value(*fields, "lang"));
  const Result<app::PortalSession> session =
      app::open_portal(context, form_value(*fields, "receipt"), request.remote_address);
  if (session.ok()) return see_other("/portal/thread", {{"Set-Cookie", portal_cookie(request, session->token, false)}});
  const Error& error = session.error();
  if (error.code == ErrorCode::InvalidArgument) {  // mistyped: the receipt's own rules say how
    const domain::ReceiptProblem problem = domain::parse_receipt(form_value(*fields, "receipt")).problem;
    return receipt_page(request, language, 400, app::shipped_catalogue().text(language, receipt_problem_key(problem)));
  }
  if (error.code == ErrorCode::PermissionDenied)
    return receipt_page(request, language, 403, app::shipped_catalogue().text(language, "portal.wrong"));
  if (error.code == ErrorCode::ResourceExhausted) {
    const auto wait = error.fields.find("retry_after");
    const std::string seconds = wait == error.fields.end() ? "60" : wait->second;
    Response page =
        receipt_page(request, language, 429,
                     app::shipped_catalogue().text(language, "portal.too_many",
                                                   {{"minutes", std::to_string((std::stol(seconds) + 59) / 60)}}));
    page.headers.emplace_back("Retry-After", seconds);
    return page;
  }
  return error;
}

Response thread_page(const Request& /*request*/, const app::PortalView& view, const std::string& notice) {
  const std::string& language = view.language;
  std::string html = "<h1>" + say(language, "portal.title") + "</h1>";
  if (!notice.empty()) html += "<p class=\"notice\" role=\"status\">" + escape_html(notice) + "</p>";
  html += "<section aria-labelledby=\"status-heading\"><h2 id=\"status-heading\">" + say(language, "portal.status") +
          "</h2><p data-testid=\"portal-status\">" + say(language, view.status_key) + "</p></section>";
  html += "<section aria-labelledby=\"messages-heading\"><h2 id=\"messages-heading\">" +
          say(language, "portal.messages") + "</h2>";
  if (view.messages.empty()) html += "<p>" + say(language, "portal.no_messages") + "</p>";
  html += "<ol class=\"thread\" data-testid=\"portal-messages\">";
  for (const app::ThreadMessage& message : view.messages) {
    html += std::string("<li class=\"") + (message.to_reporter ? "from-group" : "from-reporter") +
            "\"><p class=\"who\">" + say(language, message.to_reporter ? "portal.from_group" : "portal.from_you") +
            " · <time datetime=\"" + format_timestamp(message.created_at) + "\">" +
            format_timestamp(message.created_at) + "</time></p><p class=\"text\">" + escape_html(message.text) +
            "</p></li>";
  }
  html += "</ol></section>";
  const bool takes_files = view.files_most > 0;
  html += std::string("<form method=\"post\" action=\"/portal/thread\" accept-charset=\"utf-8\"") +
          (takes_files ? " enctype=\"multipart/form-data\"" : "") + ">";
  html += "<input type=\"hidden\" name=\"csrf\" value=\"" + escape_html(view.csrf_token) + "\">";
  html += "<div class=\"field\"><label for=\"text\">" + say(language, "portal.reply") +
          "</label><textarea id=\"text\" name=\"text\" rows=\"6\"" + (takes_files ? "" : " required") +
          "></textarea></div>";
  if (takes_files)
    html +=
        "<div class=\"field\"><label for=\"files\">" + say(language, "form.files") +
        "</label><p class=\"help\" id=\"files-help\">" +
        say(language, "form.files_help", file_limit_words(view.files_most, view.files_max_bytes, view.file_max_bytes)) +
        "</p><input type=\"file\" id=\"files\" name=\"files\" multiple aria-describedby=\"files-help\"></div>";
  html += "<p><button type=\"submit\">" + say(language, "portal.send") + "</button></p></form>";
  html += "<form method=\"post\" action=\"/portal/leave\"><input type=\"hidden\" name=\"lang\" value=\"" +
          escape_html(language) + "\"><input type=\"hidden\" name=\"csrf\" value=\"" + escape_html(view.csrf_token) +
          "\"><p><button type=\"submit\" class=\"secondary\">" + say(language, "portal.leave") + "</button></p></form>";
  return html_page(200, language, app::shipped_catalogue().text(language, "portal.title"), "/portal/thread", html);
}

Result<Response> show_thread(const Request& request, app::Context& context) {
  const std::string token = cookie_value(request, std::string(app::kPortalCookie));
  const Result<app::PortalView> view = app::portal_view(context, token);
  if (!view.ok()) {
    if (view.error().code != ErrorCode::Unauthenticated) return view.error();
    const std::string language = page_language(request);
    return receipt_page(request, language, 401, {}, app::shipped_catalogue().text(language, "portal.expired"));
  }
  const auto sent = request.query.find("sent");
  return thread_page(
      request, *view,
      sent == request.query.end() ? std::string() : app::shipped_catalogue().text(view->language, "portal.sent"));
}

Result<Response> reply_form(const Request& request, app::Context& context) {
  TRY(check_same_origin(request));
  const std::optional<SentForm> form = parse_sent_form(request.header("content-type"), request.body);
  if (!form)
    return field_error("body",
                       "must be the portal form, sent as application/x-www-form-urlencoded or multipart/form-data");
  const std::vector<app::ReporterUpload> uploads = reporter_uploads(*form);
  const std::string token = cookie_value(request, std::string(app::kPortalCookie));
  const Status replied =
      app::portal_reply(context, token, form_value(form->fields, "csrf"), form_value(form->fields, "text"), uploads);
  if (replied.ok()) return see_other("/portal/thread?sent=1");
  if (replied.error().code == ErrorCode::Unauthenticated) {
    const std::string language = page_language(request);
    return receipt_page(request, language, 401, {}, app::shipped_catalogue().text(language, "portal.expired"));
  }
  if (replied.error().code == ErrorCode::InvalidArgument) {
    ASSIGN_OR_RETURN(const app::PortalView view, app::portal_view(context, token));
    // Files that were too many or too large, or text that was missing.
    const bool files_wrong = replied.error().fields.count("files") != 0;
    const std::string notice = files_wrong
                                   ? app::shipped_catalogue().text(
                                         view.language, "errors.files",
                                         file_limit_words(view.files_most, view.files_max_bytes, view.file_max_bytes))
                                   : app::shipped_catalogue().text(view.language, "portal.empty_reply");
    Response page = thread_page(request, view, notice);
    page.status = 400;
    return page;
  }
  return replied.error();
}

Result<Response> leave_portal(const Request& request, app::Context& context) {
  TRY(check_same_origin(request));
  const std::string token = cookie_value(request, std::string(app::kPortalCookie));
  std::optional<Fields> fields;
  if (is_form_content_type(request.header("content-type"))) fields = parse_form_body(request.body);
  const std::string language = page_language(request, fields ? form_value(*fields, "lang") : std::string());
  TRY(app::close_portal(context, token, fields ? form_value(*fields, "csrf") : std::string()));
  Response page = receipt_page(request, language, 200, {}, app::shipped_catalogue().text(language, "portal.closed"));
  page.headers.emplace_back("Set-Cookie", portal_cookie(request, "", true));
  return page;
}

}  // namespace

std::vector<Route> portal_page_routes() {
  return {
      {"GET", "/portal", Audience::Public, "The reporter's portal: type the receipt", show_receipt_form},
      {"POST", "/portal", Audience::Public, "Open the portal with a receipt", open_portal_form, RequestBody::Form,
       Work::PasswordHashing},
      {"GET", "/portal/thread", Audience::Public, "The reporter's thread: status and messages", show_thread},
      {"POST", "/portal/thread", Audience::Public, "The reporter replies", reply_form, RequestBody::FormWithFiles},
      {"POST", "/portal/leave", Audience::Public, "Close the portal session", leave_portal, RequestBody::Form},
  };
}

}  // namespace conduct::http
