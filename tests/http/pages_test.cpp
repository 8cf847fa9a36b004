// The pages for people without an account, through dispatch(): the public report form
// (/report/{community}), the reporter's portal (/portal), and the same intake through
// the JSON API (/api/reports/{community}).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "app/app_fixture.h"
#include "core/text.h"
#include "domain/receipt.h"
#include "http/dispatch.h"
#include "http/percent_encoding.h"
#include "http/router.h"

namespace conduct::http {
namespace {

using nlohmann::json;

std::vector<std::string> header_values(const Response& response, const std::string& name) {
  std::vector<std::string> values;
  for (const auto& [header, value] : response.headers)
    if (to_lower_ascii(header) == to_lower_ascii(name)) values.push_back(value);
  return values;
}

std::string header_of(const Response& response, const std::string& name) {
  const std::vector<std::string> values = header_values(response, name);
  return values.empty() ? std::string() : values.front();
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The first capture of `pattern` in `html`, or empty.
std::string first_match(const std::string& html, const std::string& pattern) {
  std::smatch match;
  if (!std::regex_search(html, match, std::regex(pattern))) return {};
  return match[1].str();
}

// A form body as a browser writes it (application/x-www-form-urlencoded).
std::string form_body(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string body;
  for (const auto& [name, value] : fields) {
    std::string encoded;
    for (unsigned char c : value) {
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
          c == '.')
        encoded += static_cast<char>(c);
      else if (c == ' ')
        encoded += '+';
      else {
        static constexpr char kHex[] = "0123456789ABCDEF";
        encoded += '%';
        encoded += kHex[c >> 4];
        encoded += kHex[c & 15];
      }
    }
    body += (body.empty() ? "" : "&") + name + "=" + encoded;
  }
  return body;
}

class PagesTest : public app::testing::AppTest {
 protected:
  Response send(Request request) {
    if (request.remote_address.empty()) request.remote_address = "192.0.2.50";
    return dispatch(router_, request, context_, DispatchOptions{"/nonexistent-web-root", false});
  }

  Response get(const std::string& path, const std::map<std::string, std::string>& query = {},
               const std::map<std::string, std::string>& headers = {}) {
    Request request;
    request.method = "GET";
    request.path = path;
    request.query = query;
    request.headers = headers;
    return send(request);
  }

  Response post_form(const std::string& path, const std::vector<std::pair<std::string, std::string>>& fields,
                     const std::map<std::string, std::string>& headers = {}) {
    Request request;
    request.method = "POST";
    request.path = path;
    request.headers = headers;
    request.headers["content-type"] = "application/x-www-form-urlencoded";
    request.body = form_body(fields);
    return send(request);
  }

  // A multipart form as a browser writes it: its fields, then its files (name, bytes).
  Response post_multipart(const std::string& path, const std::vector<std::pair<std::string, std::string>>& fields,
                          const std::vector<std::pair<std::string, std::string>>& files,
                          const std::map<std::string, std::string>& headers = {}) {
    Request request;
    request.method = "POST";
    request.path = path;
    request.headers = headers;
    request.headers["content-type"] = "multipart/form-data; boundary=----formboundary7MA4YWxk";
    for (const auto& [name, value] : fields)
      request.body += "------formboundary7MA4YWxk\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" +
                      value + "\r\n";
    for (const auto& [filename, bytes] : files)
      request.body += "------formboundary7MA4YWxk\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" +
                      filename + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + bytes + "\r\n";
    request.body += "------formboundary7MA4YWxk--\r\n";
    return send(request);
  }

  // Sends a report with only what happened; its receipt, as the confirmation page shows it.
  std::string report_and_receipt() {
    const Response sent = post_form(
        "/report/tidewater", {{"what_happened", "Rude messages in #help."}, {"reporter_email", "noor@example.net"}});
    EXPECT_EQ(sent.status, 200) << sent.body;
    return first_match(sent.body, R"(data-testid="receipt"><code>([^<]*)</code>)");
  }

  // Opens the portal with `receipt`; the cookie's value.
  std::string portal_cookie(const std::string& receipt) {
    const Response opened = post_form("/portal", {{"receipt", receipt}});
    EXPECT_EQ(opened.status, 303) << opened.body;
    return first_match(header_of(opened, "Set-Cookie"), "^conduct_portal=([^;]*);");
  }

  Router router_{api_routes()};
};

void expect_every_field_labelled(const std::string& html) {
  const std::regex control(R"(<(input|select|textarea)\b([^>]*)>)");
  int checked = 0;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), control); it != std::sregex_iterator(); ++it) {
    const std::string attributes = (*it)[2].str();
    if (contains(attributes, "type=\"hidden\"")) continue;
    const std::string id = first_match(attributes, R"(\bid="([^"]+)\")");
    EXPECT_FALSE(id.empty()) << "a control without an id: " << it->str();
    EXPECT_TRUE(contains(html, "<label for=\"" + id + "\">")) << "no label for " << id;
    ++checked;
  }
  EXPECT_GT(checked, 10);
}

TEST_F(PagesTest, TheReportFormIsAPlainLabelledPage) {
  const Response page = get("/report/tidewater");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(header_values(page, "Cache-Control"), std::vector<std::string>{"no-store"});
  EXPECT_TRUE(contains(page.body, "<html lang=\"en\">"));
  EXPECT_TRUE(contains(page.body, "Report a concern to Tidewater Open Source Community"));
  EXPECT_TRUE(contains(page.body, "<form method=\"post\" action=\"/report/tidewater\""));
  // The only script is the shared help for copying and printing a receipt: no inline
  // script, nothing the form needs.
  std::size_t scripts = 0;
  for (std::size_t at = page.body.find("<script"); at != std::string::npos; at = page.body.find("<script", at + 1)) {
    ++scripts;
    const std::string shared = "<script src=\"/public.js\" defer></script>";
    EXPECT_EQ(page.body.compare(at, shared.size(), shared), 0) << page.body.substr(at, 60);
  }
  EXPECT_EQ(scripts, 1u);
  expect_every_field_labelled(page.body);
  // The members a report may name are offered; the chair's email is not shown.
  EXPECT_TRUE(contains(page.body, "Priya Raman"));
  EXPECT_FALSE(contains(page.body, "robin@tidewater.example"));
}

TEST_F(PagesTest, TheFormSpeaksSpanishWhenAskedOrWhenTheBrowserPrefersIt) {
  for (const Response& page :
       {get("/report/tidewater", {{"lang", "es"}}),
        get("/report/tidewater", {}, {{"accept-language", "fr;q=0.9, es-MX;q=0.8, en;q=0.5"}})}) {
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "<html lang=\"es\">"));
    EXPECT_TRUE(contains(page.body, "Informar de un problema a Tidewater Open Source Community")) << page.body;
  }
  const Response english = get("/report/tidewater", {{"lang", "xx"}}, {{"accept-language", "de"}});
  EXPECT_TRUE(contains(english.body, "<html lang=\"en\">"));
}

TEST_F(PagesTest, AnUnknownCommunityIsA404Page) {
  const Response page = get("/report/nowhere");
  EXPECT_EQ(page.status, 404);
  EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
  EXPECT_TRUE(contains(page.body, "There is no community at this address"));
  const Response posted = post_form("/report/nowhere", {{"what_happened", "x"}});
  EXPECT_EQ(posted.status, 404);
}

TEST_F(PagesTest, AReportWithOnlyWhatHappenedGetsAReceipt) {
  const Response sent = post_form("/report/tidewater", {{"what_happened", "Someone was rude to me in #help."}});
  ASSERT_EQ(sent.status, 200) << sent.body;
  EXPECT_TRUE(contains(sent.body, "Your report has been sent"));
  const std::string receipt = first_match(sent.body, R"(data-testid="receipt"><code>([^<]*)</code>)");
  const domain::ParsedReceipt parsed = domain::parse_receipt(receipt);
  EXPECT_TRUE(parsed.receipt.has_value()) << receipt;
  EXPECT_EQ(header_values(sent, "Cache-Control"), std::vector<std::string>{"no-store"});
}

TEST_F(PagesTest, AFormPostedFromAnotherSitesPageIsRefusedAndWritesNothing) {
  const auto cases_now = [&] { return context_.store.list_cases(chair_.community.id, store::CaseFilter{})->size(); };
  const std::size_t before = cases_now();
  const std::vector<std::map<std::string, std::string>> foreign = {
      {{"sec-fetch-site", "cross-site"}},
      {{"sec-fetch-site", "same-site"}},  // a sibling subdomain is another site's page too
      {{"origin", "https://elsewhere.example"}, {"host", "conduct.example:8080"}},
      {{"origin", "http://conduct.example:8081"}, {"host", "conduct.example:8080"}},
  };
  for (const auto& headers : foreign) {
    SCOPED_TRACE(headers.begin()->second);
    const Response refused = post_form("/report/tidewater", {{"what_happened", "Sent by a page elsewhere."}}, headers);
    EXPECT_EQ(refused.status, 403) << refused.body;
    const Response portal = post_form("/portal", {{"receipt", "K7QD-2M9X-ABCD-EFGH-JKMN-PQRS-TVWB"}}, headers);
    EXPECT_EQ(portal.status, 403) << portal.body;
    EXPECT_TRUE(contains(portal.body, "another site")) << portal.body;
  }
  EXPECT_EQ(cases_now(), before);
  // The form's own page posts same-origin (and, sending no referrer, names its origin
  // "null"); a client that says nothing (a script) is let through too.
  const std::vector<std::map<std::string, std::string>> own = {
      {{"sec-fetch-site", "same-origin"}, {"origin", "null"}},
      {{"origin", "null"}},
      {{"origin", "http://conduct.example:8080"}, {"host", "conduct.example:8080"}},
      {},
  };
  for (const auto& headers : own) {
    const Response sent = post_form("/report/tidewater", {{"what_happened", "Sent from the form."}}, headers);
    EXPECT_EQ(sent.status, 200) << sent.body;
  }
  EXPECT_EQ(cases_now(), before + own.size());
}

TEST_F(PagesTest, AReportWithoutWhatHappenedIsShownAgainWithItsError) {
  const Response sent =
      post_form("/report/tidewater", {{"reporter_name", "Noor <b>&\"'"}, {"what_happened", "  "}, {"when", "<i>"}});
  ASSERT_EQ(sent.status, 400) << sent.body;
  EXPECT_EQ(sent.content_type, "text/html; charset=utf-8");
  EXPECT_TRUE(contains(sent.body, "class=\"error-summary\""));
  EXPECT_TRUE(contains(sent.body, "<a href=\"#what_happened\">"));
  EXPECT_TRUE(std::regex_search(sent.body, std::regex(R"(<textarea id="what_happened"[^>]*aria-invalid="true")")))
      << sent.body;
  EXPECT_TRUE(contains(sent.body, "aria-describedby=\"what_happened-help what_happened-error\""));
  // What was typed comes back, escaped.
  EXPECT_TRUE(contains(sent.body, "value=\"Noor &lt;b&gt;&amp;&quot;&#39;\"")) << sent.body;
  EXPECT_TRUE(contains(sent.body, "value=\"&lt;i&gt;\""));
  EXPECT_FALSE(contains(sent.body, "<b>&"));
  EXPECT_FALSE(contains(sent.body, "<i>"));
  // Nothing was opened.
  auto cases = context_.store.list_cases(chair_.community.id, store::CaseFilter{});
  ASSERT_TRUE(cases.ok());
  EXPECT_TRUE(cases->empty());
}

// Escrow is a box on the form, labelled, with its help tied to it; ticked, it holds the
// report, and the confirmation and the portal say so.
TEST_F(PagesTest, TheFormOffersEscrowAndATickedBoxHoldsTheReport) {
  const Response page = get("/report/tidewater");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body,
                       "<input type=\"checkbox\" id=\"escrow\" name=\"escrow\" value=\"yes\" "
                       "aria-describedby=\"escrow-help\">"))
      << page.body;
  EXPECT_TRUE(
      contains(page.body, "<label for=\"escrow\">Hold my report until another report names the same person</label>"));
  EXPECT_TRUE(contains(page.body, "<p class=\"help\" id=\"escrow-help\">Nobody in the working group will see"));
  const Response spanish = get("/report/tidewater", {{"lang", "es"}});
  EXPECT_TRUE(contains(spanish.body, "Retener mi informe hasta que otro informe nombre a la misma persona"));

  const Response sent = post_form("/report/tidewater", {{"what_happened", "Rude messages in #help."},
                                                        {"people[1].role", "reported-person"},
                                                        {"people[1].handle", "@drift_wood"},
                                                        {"escrow", "yes"}});
  ASSERT_EQ(sent.status, 200) << sent.body;
  EXPECT_TRUE(contains(sent.body, "As you asked, your report is held")) << sent.body;
  EXPECT_FALSE(contains(sent.body, "The working group has your report"));
  auto cases = context_.store.list_cases(chair_.community.id, store::CaseFilter{});
  ASSERT_TRUE(cases.ok() && cases->size() == 1u);
  EXPECT_TRUE(cases->front().escrowed);

  Request thread;
  thread.method = "GET";
  thread.path = "/portal/thread";
  thread.headers["cookie"] =
      "conduct_portal=" + portal_cookie(first_match(sent.body, R"(data-testid="receipt"><code>([^<]*)</code>)"));
  const Response status = send(thread);
  ASSERT_EQ(status.status, 200) << status.body;
  EXPECT_TRUE(contains(status.body, "<p data-testid=\"portal-status\">Your report is held, as you asked"))
      << status.body;

  // An unticked box holds nothing.
  ASSERT_EQ(post_form("/report/tidewater", {{"what_happened", "Again."},
                                            {"people[1].role", "reported-person"},
                                            {"people[1].handle", "@harbour_light"}})
                .status,
            200);
  cases = context_.store.list_cases(chair_.community.id, store::CaseFilter{});
  ASSERT_TRUE(cases.ok() && cases->size() == 2u);
  EXPECT_FALSE(cases->front().escrowed);
}

TEST_F(PagesTest, EscrowWithoutAPersonWhoBehavedBadlyIsShownAgainWithItsError) {
  const Response sent = post_form("/report/tidewater", {{"what_happened", "Rude messages in #help."},
                                                        {"people[1].role", "witness"},
                                                        {"people[1].name", "Sam"},
                                                        {"escrow", "yes"}});
  ASSERT_EQ(sent.status, 400) << sent.body;
  EXPECT_TRUE(contains(sent.body, "<a href=\"#escrow\">Hold my report: name the person who behaved badly above"))
      << sent.body;
  EXPECT_TRUE(contains(sent.body, "<p class=\"field-error\" id=\"escrow-error\">"));
  EXPECT_TRUE(contains(sent.body, "aria-describedby=\"escrow-help escrow-error\" aria-invalid=\"true\">"));
  EXPECT_TRUE(std::regex_search(sent.body, std::regex(R"(<input type="checkbox" id="escrow"[^>]* checked)")));
  auto cases = context_.store.list_cases(chair_.community.id, store::CaseFilter{});
  ASSERT_TRUE(cases.ok());
  EXPECT_TRUE(cases->empty());
}

TEST_F(PagesTest, ABodyThatIsNotAFormIsRefused) {
  Request request;
  request.method = "POST";
  request.path = "/report/tidewater";
  request.headers["content-type"] = "application/json";
  request.body = R"({"what_happened": "x"})";
  const Response sent = send(request);
  EXPECT_EQ(sent.status, 400);
  request.headers["content-type"] = "application/x-www-form-urlencoded";
  request.body = "what_happened=%ZZ";
  EXPECT_EQ(send(request).status, 400);
}

TEST_F(PagesTest, EveryPageCarriesTheSecurityHeaders) {
  const std::string receipt = report_and_receipt();
  const std::string cookie = portal_cookie(receipt);
  Request thread;
  thread.method = "GET";
  thread.path = "/portal/thread";
  thread.headers["cookie"] = "conduct_portal=" + cookie;
  const Response pages[] = {get("/report/tidewater"),
                            get("/report/nowhere"),
                            post_form("/report/tidewater", {{"what_happened", ""}}),
                            get("/portal"),
                            post_form("/portal", {{"receipt", "nonsense"}}),
                            get("/portal/thread"),
                            send(thread)};
  for (const Response& page : pages) {
    SCOPED_TRACE(std::to_string(page.status));
    const std::string csp = header_of(page, "Content-Security-Policy");
    EXPECT_TRUE(contains(csp, "default-src 'self'")) << csp;
    EXPECT_TRUE(contains(csp, "form-action 'self'")) << csp;
    EXPECT_TRUE(contains(csp, "frame-ancestors 'none'")) << csp;
    EXPECT_EQ(header_values(page, "X-Frame-Options"), std::vector<std::string>{"DENY"});
    EXPECT_EQ(header_values(page, "Cache-Control"), std::vector<std::string>{"no-store"});
  }
}

TEST_F(PagesTest, TheReceiptOpensThePortalInItsOwnCookie) {
  const std::string receipt = report_and_receipt();
  ASSERT_FALSE(receipt.empty());
  const Response opened = post_form("/portal", {{"receipt", to_lower_ascii(receipt)}});
  ASSERT_EQ(opened.status, 303) << opened.body;
  EXPECT_EQ(header_of(opened, "Location"), "/portal/thread");
  const std::string cookie = header_of(opened, "Set-Cookie");
  EXPECT_EQ(cookie.rfind("conduct_portal=", 0), 0u) << cookie;
  EXPECT_TRUE(contains(cookie, "; HttpOnly")) << cookie;
  EXPECT_TRUE(contains(cookie, "; SameSite=Strict")) << cookie;
  EXPECT_TRUE(contains(cookie, "; Path=/portal")) << cookie;
  EXPECT_FALSE(contains(cookie, "Secure")) << "not behind TLS";
}

TEST_F(PagesTest, AWrongOrMistypedReceiptIsShownOnTheForm) {
  const std::string receipt = report_and_receipt();
  const domain::Receipt right = *domain::parse_receipt(receipt).receipt;
  const Response wrong = post_form("/portal", {{"receipt", domain::format_receipt({right.id, std::string(20, 'A')})}});
  EXPECT_EQ(wrong.status, 403);
  EXPECT_TRUE(contains(wrong.body, "This receipt does not open a report."));
  EXPECT_TRUE(header_values(wrong, "Set-Cookie").empty());
  const Response mistyped = post_form("/portal", {{"receipt", receipt.substr(0, 20)}});
  EXPECT_EQ(mistyped.status, 400);
  EXPECT_TRUE(contains(mistyped.body, "A receipt has 28 characters"));
  EXPECT_TRUE(contains(mistyped.body, "aria-invalid=\"true\""));
  expect_every_field_labelled(get("/report/tidewater").body);
}

TEST_F(PagesTest, TheThreadShowsTheStatusAndTakesAReply) {
  const std::string cookie = portal_cookie(report_and_receipt());
  ASSERT_FALSE(cookie.empty());
  Request thread;
  thread.method = "GET";
  thread.path = "/portal/thread";
  thread.headers["cookie"] = "conduct_portal=" + cookie;
  const Response page = send(thread);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_TRUE(contains(page.body,
                       "<p data-testid=\"portal-status\">We have received your report and will look "
                       "into it.</p>"))
      << page.body;
  EXPECT_TRUE(contains(page.body, "No messages yet."));
  const std::string csrf = first_match(page.body, R"re(name="csrf" value="([^"]+)")re");
  ASSERT_FALSE(csrf.empty());

  const Response forged =
      post_form("/portal/thread", {{"csrf", "forged"}, {"text", "Hello"}}, {{"cookie", "conduct_portal=" + cookie}});
  EXPECT_EQ(forged.status, 403);
  const Response replied = post_form("/portal/thread", {{"csrf", csrf}, {"text", "It happened twice. <b>Really</b>"}},
                                     {{"cookie", "conduct_portal=" + cookie}});
  ASSERT_EQ(replied.status, 303) << replied.body;
  EXPECT_EQ(header_of(replied, "Location"), "/portal/thread?sent=1");
  thread.query["sent"] = "1";
  const Response after = send(thread);
  ASSERT_EQ(after.status, 200);
  EXPECT_TRUE(contains(after.body, "Your message has been sent to the working group."));
  EXPECT_TRUE(contains(after.body, "It happened twice. &lt;b&gt;Really&lt;/b&gt;")) << after.body;
  EXPECT_FALSE(contains(after.body, "No messages yet."));
}

TEST_F(PagesTest, TheFormTakesFilesWithinItsStatedLimits) {
  const Response form = get("/report/tidewater");
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(contains(form.body, "enctype=\"multipart/form-data\""));
  EXPECT_TRUE(contains(form.body, "<input type=\"file\" id=\"files\" name=\"files\" multiple"));
  EXPECT_TRUE(contains(form.body, "Up to 5 files, 20 MiB in all, each at most 10 MiB.")) << form.body;

  // Something else to fix: the files are not kept, and the reporter is told so.
  const Response wrong = post_multipart("/report/tidewater", {{"what_happened", " "}}, {{"chat.png", "png bytes"}});
  EXPECT_EQ(wrong.status, 400);
  EXPECT_TRUE(contains(wrong.body, "choose them again before sending")) << wrong.body;
  const Response sent =
      post_multipart("/report/tidewater", {{"what_happened", "Rude messages in #help."}}, {{"chat.png", "png bytes"}});
  ASSERT_EQ(sent.status, 200) << sent.body;
  EXPECT_FALSE(first_match(sent.body, R"(data-testid="receipt"><code>([^<]*)</code>)").empty());

  // On the portal too, with or without words.
  const std::string cookie = portal_cookie(first_match(sent.body, R"(data-testid="receipt"><code>([^<]*)</code>)"));
  Request thread;
  thread.method = "GET";
  thread.path = "/portal/thread";
  thread.headers["cookie"] = "conduct_portal=" + cookie;
  const std::string csrf = first_match(send(thread).body, R"re(name="csrf" value="([^"]+)")re");
  const std::vector<std::pair<std::string, std::string>> six(6, {"a.txt", "a"});
  const Response too_many =
      post_multipart("/portal/thread", {{"csrf", csrf}}, six, {{"cookie", "conduct_portal=" + cookie}});
  EXPECT_EQ(too_many.status, 400);
  EXPECT_TRUE(contains(too_many.body, "send at most 5 files")) << too_many.body;
  const Response replied = post_multipart("/portal/thread", {{"csrf", csrf}}, {{"log.txt", "the log"}},
                                          {{"cookie", "conduct_portal=" + cookie}});
  ASSERT_EQ(replied.status, 303) << replied.body;
  EXPECT_TRUE(contains(send(thread).body, "Files sent: log.txt"));
}

TEST_F(PagesTest, TheThreadWithoutASessionAsksForTheReceipt) {
  const Response page = get("/portal/thread");
  EXPECT_EQ(page.status, 401);
  EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
  EXPECT_TRUE(contains(page.body, "Your portal session has ended."));
  EXPECT_TRUE(contains(page.body, "<input type=\"text\" id=\"receipt\""));
  Request stale;
  stale.method = "GET";
  stale.path = "/portal/thread";
  stale.headers["cookie"] = "conduct_portal=not-a-token";
  EXPECT_EQ(send(stale).status, 401);
}

TEST_F(PagesTest, TheApiTakesAReportAsJson) {
  Request request;
  request.method = "POST";
  request.path = "/api/reports/tidewater";
  request.headers["content-type"] = "application/json";
  request.body = json{{"what_happened", "Someone was rude to me."},
                      {"reporter_email", "noor@example.net"},
                      {"language", "es"},
                      {"people", {{{"role", "witness"}, {"name", "Sam"}}}}}
                     .dump();
  const Response sent = send(request);
  ASSERT_EQ(sent.status, 201) << sent.body;
  const json body = json::parse(sent.body);
  EXPECT_TRUE(domain::parse_receipt(body.value("receipt", "")).receipt.has_value()) << sent.body;
  EXPECT_EQ(body.value("language", ""), "es");
  EXPECT_EQ(body.value("acknowledged_to", ""), "noor@example.net");

  request.body = json{{"reporter_email", "not an address"}}.dump();
  const Response refused = send(request);
  EXPECT_EQ(refused.status, 400);
  const json error = json::parse(refused.body)["error"];
  EXPECT_TRUE(error["fields"].contains("what_happened")) << refused.body;
  EXPECT_TRUE(error["fields"].contains("reporter_email")) << refused.body;
}

TEST_F(PagesTest, TheApiHoldsAReportInEscrowWhenAsked) {
  Request request;
  request.method = "POST";
  request.path = "/api/reports/tidewater";
  request.headers["content-type"] = "application/json";
  request.body = json{
      {"what_happened", "Someone was rude to me."},
      {"people", {{{"role", "reported-person"}, {"handle", "@drift_wood"}}}},
      {"escrow",
       true}}.dump();
  ASSERT_EQ(send(request).status, 201);
  auto cases = context_.store.list_cases(chair_.community.id, store::CaseFilter{});
  ASSERT_TRUE(cases.ok() && cases->size() == 1u);
  EXPECT_TRUE(cases->front().escrowed);

  request.body = json{{"what_happened", "Someone was rude to me."}, {"escrow", true}}.dump();
  const Response refused = send(request);
  EXPECT_EQ(refused.status, 400);
  EXPECT_TRUE(json::parse(refused.body)["error"]["fields"].contains("escrow")) << refused.body;
}

TEST_F(PagesTest, TheApiListsWhatTheFormOffers) {
  const Response form = get("/api/reports/tidewater/form");
  ASSERT_EQ(form.status, 200) << form.body;
  const json body = json::parse(form.body);
  EXPECT_EQ(body["community"]["slug"], "tidewater");
  std::set<std::string> spaces;
  for (const json& space : body["spaces"]) spaces.insert(space.value("key", ""));
  EXPECT_TRUE(spaces.count("forum") && spaces.count("chat")) << form.body;
  std::set<std::string> members;
  for (const json& member : body["members"]) {
    members.insert(member.value("name", ""));
    EXPECT_TRUE(member["id"].is_number_integer());
    EXPECT_FALSE(member.contains("email"));
  }
  EXPECT_EQ(members, (std::set<std::string>{"Robin Achterberg", "Priya Raman", "Ada Ferreira"}));
  EXPECT_EQ(body["languages"], json::parse(R"([{"code":"en","name":"English"},{"code":"es","name":"Español"}])"));
  EXPECT_EQ(get("/api/reports/nowhere/form").status, 404);
}

}  // namespace
}  // namespace conduct::http
