// The members' JSON API through dispatch(), signed in for real: a community on the
// SQLite store in memory whose chair and member enrolled with a password and a TOTP secret,
// sessions opened by POST /api/session, and every later request carrying the session
// cookie and the CSRF token as a browser would. Also: every members' route refuses a
// request without a live session, and docs/openapi.yaml documents exactly the routes
// of api_routes().
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "app/accounts.h"
#include "app/app_fixture.h"
#include "app/idempotency.h"
#include "core/text.h"
#include "crypto/password.h"
#include "crypto/totp.h"
#include "http/dispatch.h"
#include "http/router.h"
#include "http/session_cookie.h"

namespace conduct::http {
namespace {

using nlohmann::json;

constexpr char kPassword[] = "correct horse battery staple";

// What a signed-in browser holds: the session cookie's value and the CSRF token.
struct Browser {
  std::string token;
  std::string csrf;
};

enum class Csrf { Send, Omit };

std::vector<std::string> header_values(const Response& response, const std::string& name) {
  std::vector<std::string> values;
  for (const auto& [header, value] : response.headers)
    if (to_lower_ascii(header) == to_lower_ascii(name)) values.push_back(value);
  return values;
}

json body_of(const Response& response) { return json::parse(response.body, nullptr, /*allow_exceptions=*/false); }

// The body of an error response: {"error": {"code", "message", "fields"}} and nothing else.
void expect_error_shape(const Response& response, const std::string& code) {
  EXPECT_EQ(response.content_type, "application/json");
  const json body = body_of(response);
  ASSERT_TRUE(body.is_object()) << response.body;
  ASSERT_EQ(body.size(), 1u) << response.body;
  const json& error = body.value("error", json());
  ASSERT_TRUE(error.is_object()) << response.body;
  EXPECT_EQ(error.size(), 3u) << response.body;
  EXPECT_EQ(error.value("code", ""), code) << response.body;
  ASSERT_TRUE(error.contains("message") && error["message"].is_string()) << response.body;
  EXPECT_FALSE(error["message"].get<std::string>().empty()) << response.body;
  ASSERT_TRUE(error.contains("fields") && error["fields"].is_object()) << response.body;
}

// The names of the fields an error response names.
std::set<std::string> error_fields(const Response& response) {
  std::set<std::string> names;
  const json body = body_of(response);
  if (!body.is_object() || !body.contains("error")) return names;
  const json fields = body["error"].value("fields", json::object());
  for (const auto& [name, problem] : fields.items()) names.insert(name);
  return names;
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

// A path for `pattern` with every {parameter} filled in.
std::string sample_path(const std::string& pattern) {
  std::vector<std::string> segments = split(pattern, '/');
  for (std::string& segment : segments)
    if (segment.size() > 2 && segment.front() == '{' && segment.back() == '}') segment = "sample-value";
  return join(segments, "/");
}

// The community of tests/app/app_fixture.h (chair Robin, member Priya, adviser Ada),
// all enrolled and certified there. Passwords use the cheapest Argon2id cost.
class ApiTest : public app::testing::AppTest {
 protected:
  static_assert(std::string_view(kPassword) == conduct::testing::kHolderPassword);

  void SetUp() override {
    AppTest::SetUp();
    chair_secret_ = holders_.totp_secret(chair_.member.email);
    member_secret_ = holders_.totp_secret(member_.member.email);
    // The fixture's sign-ins used the steps next to now; the browser's come later.
    clock_.advance_seconds(2 * crypto::kTotpStepSeconds);
  }

  void enrol(const std::string& token, const std::string& secret) {
    auto enrolled = app::complete_enrolment(context_, {token, kPassword, crypto::totp_secret_base32(secret),
                                                       crypto::totp_code(secret, clock_.now().seconds)});
    ASSERT_TRUE(enrolled.ok()) << enrolled.error().message;
  }

  Response dispatch_request(const Request& request) {
    return dispatch(router_, request, context_, DispatchOptions{"/nonexistent-web-root", behind_tls_});
  }

  Request request(const std::string& method, const std::string& path, const json& body = nullptr) {
    Request request;
    request.method = method;
    request.path = path;
    request.remote_address = "127.0.0.1";
    if (!body.is_null()) {
      request.body = body.dump();
      request.headers["content-type"] = "application/json";
    }
    return request;
  }

  // POST /api/session with a fresh TOTP code (codes are single use: the clock moves to
  // the next 30-second step first).
  Response sign_in_response(const std::string& email, const std::string& secret) {
    clock_.advance_seconds(crypto::kTotpStepSeconds);
    return dispatch_request(request(
        "POST", "/api/session",
        {{"email", email}, {"password", kPassword}, {"code", crypto::totp_code(secret, clock_.now().seconds)}}));
  }

  Browser sign_in(const std::string& email, const std::string& secret) {
    const Response response = sign_in_response(email, secret);
    EXPECT_EQ(response.status, 201) << response.body;
    const std::vector<std::string> cookies = header_values(response, "Set-Cookie");
    EXPECT_EQ(cookies.size(), 2u);  // the session, and the device cookie
    if (cookies.empty()) return {};
    const std::string prefix = "conduct_session=";
    const std::string& cookie = cookies.front();
    EXPECT_EQ(cookie.rfind(prefix, 0), 0u) << cookie;
    return Browser{cookie.substr(prefix.size(), cookie.find(';') - prefix.size()),
                   body_of(response).value("csrf_token", "")};
  }

  Response as(const Browser& browser, const std::string& method, const std::string& path, const json& body = nullptr,
              Csrf csrf = Csrf::Send) {
    Request signed_in = request(method, path, body);
    signed_in.headers["cookie"] = "conduct_session=" + browser.token;
    if (csrf == Csrf::Send) signed_in.headers["x-csrf-token"] = browser.csrf;
    return dispatch_request(signed_in);
  }

  Response list_cases_as(const Browser& browser, std::map<std::string, std::string> query) {
    Request signed_in = request("GET", "/api/cases");
    signed_in.query = std::move(query);
    signed_in.headers["cookie"] = "conduct_session=" + browser.token;
    return dispatch_request(signed_in);
  }

  // A valid new case: one reporter and one reported person not yet on record.
  static json new_case() {
    return {{"report", "Repeated insults in the #general channel."},
            {"channel", "web-form"},
            {"occurred_on", "2026-11-20"},
            {"space", "chat"},
            {"location", "#general"},
            {"ongoing", true},
            {"physical_danger", false},
            {"categories", {"harassment"}},
            {"parties",
             {{{"role", "reporter"}, {"name", "Alex"}, {"contact", "alex@example.org"}},
              {{"role", "reported"}, {"name", "Sam Stone"}, {"contact", "@samstone"}, {"employer", "Acme"}}}}};
  }

  // Opens a case as `browser` and returns its URL name.
  std::string open_case(const Browser& browser) {
    const Response opened = as(browser, "POST", "/api/cases", new_case());
    EXPECT_EQ(opened.status, 201) << opened.body;
    return body_of(opened).value("url_name", "");
  }

  std::string chair_secret_;
  std::string member_secret_;
  Router router_{api_routes()};
  bool behind_tls_ = false;
};

TEST_F(ApiTest, BehindTlsTheCookieIsSecureAndAnswersCarryHsts) {
  behind_tls_ = true;
  const Response signed_in = sign_in_response("robin@tidewater.example", chair_secret_);
  ASSERT_EQ(signed_in.status, 201) << signed_in.body;
  const std::vector<std::string> cookies = header_values(signed_in, "Set-Cookie");
  ASSERT_EQ(cookies.size(), 2u);
  for (const std::string& cookie : cookies) EXPECT_NE(cookie.find("; Secure"), std::string::npos) << cookie;
  EXPECT_EQ(header_values(signed_in, "Strict-Transport-Security"), std::vector<std::string>{"max-age=31536000"});
}

TEST_F(ApiTest, ScenarioThroughTheApi) {
  // Sign in: a session cookie that scripts cannot read and other sites cannot send.
  const Response signed_in = sign_in_response("robin@tidewater.example", chair_secret_);
  ASSERT_EQ(signed_in.status, 201) << signed_in.body;
  const std::vector<std::string> cookies = header_values(signed_in, "Set-Cookie");
  ASSERT_EQ(cookies.size(), 2u);
  for (const std::string& cookie : cookies) {
    EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
    EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos) << cookie;
  }
  // The second tells this browser's next sign-in from a stranger's: sent to sign-ins only.
  EXPECT_EQ(cookies[1].rfind("conduct_device=", 0), 0u) << cookies[1];
  EXPECT_NE(cookies[1].find("; Path=/api/session;"), std::string::npos) << cookies[1];
  const std::string prefix = "conduct_session=";
  const Browser chair{cookies[0].substr(prefix.size(), cookies[0].find(';') - prefix.size()),
                      body_of(signed_in).value("csrf_token", "")};
  ASSERT_FALSE(chair.token.empty());
  ASSERT_FALSE(chair.csrf.empty());
  EXPECT_EQ(body_of(signed_in)["member"].value("email", ""), "robin@tidewater.example");

  // The signed-in member.
  const Response me = as(chair, "GET", "/api/me");
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(body_of(me)["member"].value("role", ""), "chair");
  EXPECT_EQ(body_of(me).value("csrf_token", ""), chair.csrf);

  // A state change without the CSRF token, or with another one, is refused and writes nothing.
  for (const std::string& token : {std::string(), std::string("not-the-token")}) {
    SCOPED_TRACE("CSRF token '" + token + "'");
    const Browser forged{chair.token, token};
    const Response refused = as(forged, "POST", "/api/cases", new_case(), token.empty() ? Csrf::Omit : Csrf::Send);
    EXPECT_EQ(refused.status, 403) << refused.body;
    expect_error_shape(refused, "permission_denied");
  }
  EXPECT_EQ(body_of(as(chair, "GET", "/api/cases"))["cases"], json::array());

  // Three mistakes, three messages, and nothing written.
  json mistaken = new_case();
  mistaken["report"] = "   ";
  mistaken["channel"] = "carrier-pigeon";
  mistaken["space"] = "the-moon";
  const Response invalid = as(chair, "POST", "/api/cases", mistaken);
  EXPECT_EQ(invalid.status, 400) << invalid.body;
  expect_error_shape(invalid, "invalid_argument");
  EXPECT_EQ(error_fields(invalid), (std::set<std::string>{"report", "channel", "space"})) << invalid.body;
  EXPECT_EQ(body_of(as(chair, "GET", "/api/cases"))["cases"], json::array());

  // Open a case.
  const Response opened = as(chair, "POST", "/api/cases", new_case());
  ASSERT_EQ(opened.status, 201) << opened.body;
  const json record = body_of(opened);
  const std::string code = record.value("code_name", "");
  const std::string url = record.value("url_name", "");
  ASSERT_FALSE(url.empty()) << opened.body;
  EXPECT_EQ(record.value("state", ""), "received");
  EXPECT_EQ(record.value("space", ""), "chat");
  EXPECT_EQ(record.value("occurred_on", ""), "2026-11-20");
  EXPECT_EQ(record["categories"], json({"harassment"}));
  ASSERT_EQ(record["reports"].size(), 1u);
  EXPECT_EQ(record["reports"][0].value("channel", ""), "web-form");
  ASSERT_EQ(record["parties"].size(), 2u);
  EXPECT_EQ(record["parties"][1].value("role", ""), "reported");
  const std::string person = record["parties"][1].value("person", "");
  EXPECT_FALSE(person.empty()) << "a reported person gets a person record";

  // List it, show it.
  const Response listed = as(chair, "GET", "/api/cases");
  ASSERT_EQ(listed.status, 200) << listed.body;
  ASSERT_EQ(body_of(listed)["cases"].size(), 1u);
  EXPECT_EQ(body_of(listed)["cases"][0].value("code_name", ""), code);
  EXPECT_EQ(body_of(list_cases_as(chair, {{"state", "received"}}))["cases"].size(), 1u);
  EXPECT_EQ(body_of(list_cases_as(chair, {{"state", "resolved"}}))["cases"].size(), 0u);
  const Response shown = as(chair, "GET", "/api/cases/" + url);
  ASSERT_EQ(shown.status, 200) << shown.body;
  EXPECT_EQ(body_of(shown), record);

  // A note, then a further report.
  const Response noted = as(chair, "POST", "/api/cases/" + url + "/entries",
                            {{"kind", "minutes"}, {"text", "Discussed at the weekly meeting."}});
  ASSERT_EQ(noted.status, 201) << noted.body;
  EXPECT_EQ(body_of(noted).value("number", 0), 2);
  EXPECT_EQ(body_of(noted).value("kind", ""), "minutes");
  EXPECT_EQ(body_of(noted).value("author_id", 0), chair_.member.id);
  const Response reported =
      as(chair, "POST", "/api/cases/" + url + "/reports",
         {{"report", "I saw it too."}, {"channel", "email"}, {"parties", {{{"role", "witness"}, {"name", "Kim"}}}}});
  ASSERT_EQ(reported.status, 201) << reported.body;
  EXPECT_EQ(body_of(reported), (json{{"number", 2}, {"channel", "email"}}));

  // The lifecycle refuses a skipped step and changes nothing; the next step works.
  const Response refused =
      as(chair, "POST", "/api/cases/" + url + "/transitions", {{"to", "deciding"}, {"reason", "Skip ahead"}});
  EXPECT_EQ(refused.status, 409) << refused.body;
  expect_error_shape(refused, "failed_precondition");
  EXPECT_EQ(body_of(as(chair, "GET", "/api/cases/" + url)).value("state", ""), "received");
  const Response moved = as(chair, "POST", "/api/cases/" + url + "/transitions",
                            {{"to", "acknowledged"}, {"reason", "Receipt confirmed to Alex"}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(body_of(moved).value("state", ""), "acknowledged");
  EXPECT_EQ(body_of(moved).value("code_name", ""), code);

  // A second member sees the case, declares a conflict, and from then on the case is
  // answered exactly as one that never existed.
  const Browser priya = sign_in("priya@tidewater.example", member_secret_);
  ASSERT_EQ(as(priya, "GET", "/api/cases/" + url).status, 200);
  const Response declared = as(priya, "POST", "/api/cases/" + url + "/conflicts", {{"note", "I know Sam."}});
  ASSERT_EQ(declared.status, 201) << declared.body;
  EXPECT_EQ(body_of(declared), (json{{"declared", true}}));
  const Response hidden = as(priya, "GET", "/api/cases/" + url);
  const std::string never = "nowhere never";
  ASSERT_NE(code, never);
  const Response missing = as(priya, "GET", "/api/cases/nowhere-never");
  EXPECT_EQ(hidden.status, 404);
  expect_error_shape(hidden, "not_found");
  EXPECT_EQ(hidden.status, missing.status);
  // The message quotes the name asked for; apart from it the answers are identical.
  EXPECT_EQ(replace_all(hidden.body, code, "NAME"), replace_all(missing.body, never, "NAME"));
  EXPECT_EQ(hidden.headers, missing.headers);
  EXPECT_EQ(body_of(as(priya, "GET", "/api/cases"))["cases"], json::array());
  EXPECT_EQ(as(chair, "GET", "/api/cases/" + url).status, 200) << "the chair still sees it";

  // Add a member: the answer carries their enrolment link.
  const Response added = as(chair, "POST", "/api/members",
                            {{"email", "lee@tidewater.example"},
                             {"name", "Lee Park"},
                             {"role", "board-member"},
                             {"handles", {"@lee"}},
                             {"employer", "Harbour Foundation"},
                             {"not_a_field", "ignored"}});
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_EQ(body_of(added).value("email", ""), "lee@tidewater.example");
  EXPECT_EQ(body_of(added).value("role", ""), "board-member");
  EXPECT_FALSE(body_of(added).value("enrolment_token", "").empty()) << added.body;
  const Response members = as(chair, "GET", "/api/members");
  ASSERT_EQ(members.status, 200) << members.body;
  std::set<std::string> emails;
  const json member_list = body_of(members)["members"];
  for (const json& member : member_list) emails.insert(member.value("email", ""));
  EXPECT_TRUE(emails.count("lee@tidewater.example")) << members.body;

  // The reported person's record.
  const Response people = as(chair, "GET", "/api/people");
  ASSERT_EQ(people.status, 200) << people.body;
  ASSERT_EQ(body_of(people)["people"].size(), 1u) << people.body;
  const json listed_person = body_of(people)["people"][0];
  EXPECT_EQ(listed_person.value("code_name", ""), person);
  EXPECT_EQ(listed_person.value("case_count", 0), 1);
  const Response person_view = as(chair, "GET", "/api/people/" + listed_person.value("url_name", ""));
  ASSERT_EQ(person_view.status, 200) << person_view.body;
  ASSERT_EQ(body_of(person_view)["cases"].size(), 1u);
  EXPECT_EQ(body_of(person_view)["cases"][0].value("code_name", ""), code);

  // Sign out: the cookie is cleared and no longer works.
  const Response signed_out = as(chair, "DELETE", "/api/session");
  ASSERT_EQ(signed_out.status, 200) << signed_out.body;
  const std::vector<std::string> cleared = header_values(signed_out, "Set-Cookie");
  ASSERT_EQ(cleared.size(), 1u);
  EXPECT_NE(cleared[0].find("Max-Age=0"), std::string::npos) << cleared[0];
  const Response after = as(chair, "GET", "/api/me");
  EXPECT_EQ(after.status, 401) << after.body;
  expect_error_shape(after, "unauthenticated");
  EXPECT_EQ(as(chair, "GET", "/api/cases/" + url).status, 401);
}

TEST_F(ApiTest, ReadingErrorsNameEveryFieldOfTheWrongType) {
  const Browser chair = sign_in("robin@tidewater.example", chair_secret_);
  json body = new_case();
  body["report"] = 5;
  body["ongoing"] = "yes";
  body["categories"] = "harassment";
  body["parties"] = {{{"role", 3}}, "not an object"};
  body["unknown_field"] = {{"ignored", true}};
  const Response invalid = as(chair, "POST", "/api/cases", body);
  EXPECT_EQ(invalid.status, 400) << invalid.body;
  expect_error_shape(invalid, "invalid_argument");
  EXPECT_EQ(error_fields(invalid),
            (std::set<std::string>{"report", "ongoing", "categories", "parties[1].role", "parties[2]"}))
      << invalid.body;

  for (const std::string& text : {std::string("not json"), std::string("[1, 2]"), std::string("\"text\"")}) {
    SCOPED_TRACE(text);
    Request raw = request("POST", "/api/cases");
    raw.body = text;
    raw.headers["content-type"] = "application/json";
    raw.headers["cookie"] = "conduct_session=" + chair.token;
    raw.headers["x-csrf-token"] = chair.csrf;
    const Response refused = dispatch_request(raw);
    EXPECT_EQ(refused.status, 400) << refused.body;
    expect_error_shape(refused, "invalid_argument");
    EXPECT_EQ(error_fields(refused), std::set<std::string>{"body"});
  }
  EXPECT_EQ(body_of(as(chair, "GET", "/api/cases"))["cases"], json::array());
}

struct QueryCase {
  std::map<std::string, std::string> query;
  std::set<std::string> fields;  // empty: accepted
};

TEST_F(ApiTest, CaseListQueryValuesAreCheckedAndNamed) {
  const Browser chair = sign_in("robin@tidewater.example", chair_secret_);
  const QueryCase cases[] = {
      {{}, {}},
      {{{"state", "received"}, {"limit", "1"}, {"offset", "0"}}, {}},
      {{{"limit", "200"}, {"offset", "1000"}}, {}},
      {{{"state", "lost"}}, {"state"}},
      {{{"state", ""}}, {"state"}},
      {{{"limit", "0"}}, {"limit"}},
      {{{"limit", "201"}}, {"limit"}},
      {{{"limit", "ten"}}, {"limit"}},
      {{{"limit", "5x"}}, {"limit"}},
      {{{"limit", ""}}, {"limit"}},
      {{{"limit", "99999999999999999999"}}, {"limit"}},
      {{{"offset", "-1"}}, {"offset"}},
      {{{"offset", "+1"}}, {"offset"}},
      {{{"state", "lost"}, {"limit", "-3"}, {"offset", "x"}}, {"state", "limit", "offset"}},
      {{{"category", "harassment"}, {"space", "chat"}, {"ongoing", "true"}, {"opened_from", "2026-01-01"}}, {}},
      {{{"category", "rudeness"}, {"space", "nowhere"}, {"physical_danger", "1"}},
       {"category", "space", "physical_danger"}},
      {{{"opened_from", "2026-02-30"}, {"limit", "0"}}, {"opened_from", "limit"}},
  };
  for (const QueryCase& c : cases) {
    SCOPED_TRACE(::testing::PrintToString(c.query));
    const Response response = list_cases_as(chair, c.query);
    if (c.fields.empty()) {
      EXPECT_EQ(response.status, 200) << response.body;
      continue;
    }
    EXPECT_EQ(response.status, 400) << response.body;
    expect_error_shape(response, "invalid_argument");
    EXPECT_EQ(error_fields(response), c.fields) << response.body;
  }
}

TEST_F(ApiTest, CaseListFiltersOnPlainColumns) {
  const Browser chair = sign_in("robin@tidewater.example", chair_secret_);
  const std::string chat = open_case(chair);  // new_case(): chat, ongoing, harassment
  json other = new_case();
  other["space"] = "forum";
  other["ongoing"] = false;
  other["categories"] = {"sexualization"};
  const Response opened = as(chair, "POST", "/api/cases", other);
  ASSERT_EQ(opened.status, 201) << opened.body;
  const std::string forum = body_of(opened).value("url_name", "");
  const auto names = [&](std::map<std::string, std::string> query) {
    std::set<std::string> found;
    const json body = body_of(list_cases_as(chair, std::move(query)));
    for (const json& item : body["cases"]) found.insert(item.value("url_name", ""));
    return found;
  };
  EXPECT_EQ(names({}), (std::set<std::string>{chat, forum}));
  EXPECT_EQ(names({{"space", "forum"}}), std::set<std::string>{forum});
  EXPECT_EQ(names({{"ongoing", "true"}}), std::set<std::string>{chat});
  EXPECT_EQ(names({{"category", "sexualization"}}), std::set<std::string>{forum});
  EXPECT_EQ(names({{"category", "harassment"}, {"space", "forum"}}), std::set<std::string>{});
  EXPECT_EQ(names({{"opened_to", "2000-01-01"}}), std::set<std::string>{});
}

TEST_F(ApiTest, CaseListPagesWithLimitAndOffset) {
  const Browser chair = sign_in("robin@tidewater.example", chair_secret_);
  std::set<std::string> opened;
  for (int i = 0; i < 3; ++i) opened.insert(open_case(chair));
  ASSERT_EQ(opened.size(), 3u);
  std::set<std::string> seen;
  for (const std::string offset : {"0", "1", "2"}) {
    const json page = body_of(list_cases_as(chair, {{"limit", "1"}, {"offset", offset}}));
    ASSERT_EQ(page["cases"].size(), 1u) << page;
    seen.insert(page["cases"][0].value("url_name", ""));
  }
  EXPECT_EQ(seen, opened);
  EXPECT_EQ(body_of(list_cases_as(chair, {{"offset", "3"}}))["cases"], json::array());
  EXPECT_EQ(body_of(list_cases_as(chair, {{"limit", "2"}}))["cases"].size(), 2u);
}

TEST_F(ApiTest, ScreeningAndAdviserInvitation) {
  const Browser chair = sign_in("robin@tidewater.example", chair_secret_);
  const std::string url = open_case(chair);

  // A member who joins after the case was opened must screen it first.
  clock_.advance_seconds(60);
  const Response added =
      as(chair, "POST", "/api/members", {{"email", "jonas@tidewater.example"}, {"name", "Jonas"}, {"role", "member"}});
  ASSERT_EQ(added.status, 201) << added.body;
  const std::string secret = crypto::new_totp_secret();
  enrol(body_of(added).value("enrolment_token", ""), secret);
  ASSERT_EQ(as(chair, "POST", "/api/members/jonas@tidewater.example/certification").status, 200);
  const Browser jonas = sign_in("jonas@tidewater.example", secret);
  EXPECT_EQ(as(jonas, "GET", "/api/cases/" + url).status, 404);
  const Response to_screen = as(jonas, "GET", "/api/screening");
  ASSERT_EQ(to_screen.status, 200) << to_screen.body;
  ASSERT_EQ(body_of(to_screen)["cases"].size(), 1u) << to_screen.body;
  EXPECT_EQ(body_of(to_screen)["cases"][0],
            (json{{"code_name", replace_all(url, "-", " ")}, {"url_name", url}, {"possible_conflict", false}}));
  const Response cleared = as(jonas, "POST", "/api/cases/" + url + "/screening");
  ASSERT_EQ(cleared.status, 200) << cleared.body;
  // Access waits until someone who handles the case lets Jonas in.
  EXPECT_EQ(as(jonas, "GET", "/api/cases/" + url).status, 404);
  const Response waiting = as(chair, "GET", "/api/access-requests");
  ASSERT_EQ(waiting.status, 200) << waiting.body;
  ASSERT_EQ(body_of(waiting)["requests"].size(), 1u) << waiting.body;
  EXPECT_EQ(body_of(waiting)["requests"][0]["member"]["email"], "jonas@tidewater.example");
  EXPECT_EQ(body_of(waiting)["requests"][0]["kind"], "screening");
  const Response approved =
      as(chair, "POST", "/api/cases/" + url + "/access-approvals", {{"member", "jonas@tidewater.example"}});
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(as(jonas, "GET", "/api/cases/" + url).status, 200) << "the approval wrapped the case key for Jonas";
  EXPECT_EQ(body_of(as(chair, "GET", "/api/access-requests"))["requests"], json::array());
  EXPECT_EQ(body_of(as(jonas, "GET", "/api/screening"))["cases"], json::array());
  const Response again = as(jonas, "POST", "/api/cases/" + url + "/screening");
  EXPECT_EQ(again.status, 404) << "nothing is left to screen on it: " << again.body;
  expect_error_shape(again, "not_found");

  // An adviser sees a case only once invited, and only a chair invites.
  const Response by_member =
      as(jonas, "POST", "/api/cases/" + url + "/invitations", {{"adviser", "ada@tidewater.example"}});
  EXPECT_EQ(by_member.status, 404) << by_member.body;
  const Response not_adviser =
      as(chair, "POST", "/api/cases/" + url + "/invitations", {{"adviser", "priya@tidewater.example"}});
  EXPECT_EQ(not_adviser.status, 400) << not_adviser.body;
  EXPECT_EQ(error_fields(not_adviser), std::set<std::string>{"adviser"});
  const Response invited =
      as(chair, "POST", "/api/cases/" + url + "/invitations", {{"adviser", "ada@tidewater.example"}});
  ASSERT_EQ(invited.status, 201) << invited.body;
  EXPECT_EQ(body_of(invited), (json{{"invited", "ada@tidewater.example"}}));
  const Response twice =
      as(chair, "POST", "/api/cases/" + url + "/invitations", {{"adviser", "ada@tidewater.example"}});
  EXPECT_EQ(twice.status, 409) << twice.body;
  expect_error_shape(twice, "already_exists");
}

TEST_F(ApiTest, BoardOversightIsRequestedListedAndApproved) {
  const Browser chair = sign_in("robin@tidewater.example", chair_secret_);
  const std::string url = open_case(chair);

  // A board member enrols through the public enrolment endpoints and signs in.
  const Response added = as(chair, "POST", "/api/members",
                            {{"email", "lee@tidewater.example"}, {"name", "Lee Park"}, {"role", "board-member"}});
  ASSERT_EQ(added.status, 201) << added.body;
  const std::string token = body_of(added).value("enrolment_token", "");
  const Response link = dispatch_request(request("GET", "/api/enrolment/" + token));
  ASSERT_EQ(link.status, 200) << link.body;
  const std::string secret_base32 = body_of(link).value("totp_secret", "");
  const auto secret = crypto::totp_secret_from_base32(secret_base32);
  ASSERT_TRUE(secret.ok());
  const Response enrolled = dispatch_request(request("POST", "/api/enrolment/" + token,
                                                     {{"password", kPassword},
                                                      {"totp_secret", secret_base32},
                                                      {"code", crypto::totp_code(*secret, clock_.now().seconds)}}));
  ASSERT_EQ(enrolled.status, 201) << enrolled.body;
  ASSERT_EQ(as(chair, "POST", "/api/members/lee@tidewater.example/certification").status, 200);
  const Browser lee = sign_in("lee@tidewater.example", *secret);
  EXPECT_EQ(as(lee, "GET", "/api/cases/" + url).status, 404);

  // Days are required and bounded.
  const Response no_days = as(lee, "POST", "/api/cases/" + url + "/oversight", {{"reason", "Annual review"}});
  EXPECT_EQ(no_days.status, 400) << no_days.body;
  EXPECT_EQ(error_fields(no_days), std::set<std::string>{"days"});
  const Response huge =
      as(lee, "POST", "/api/cases/" + url + "/oversight", {{"reason", "Annual review"}, {"days", 4294967297LL}});
  EXPECT_EQ(huge.status, 400) << huge.body;
  EXPECT_EQ(error_fields(huge), std::set<std::string>{"days"});

  const Response requested =
      as(lee, "POST", "/api/cases/" + url + "/oversight", {{"reason", "Annual review"}, {"days", 14}});
  ASSERT_EQ(requested.status, 202) << requested.body;
  // The same answer as for a code that names no case: no id, no case, no reason.
  const Response made_up =
      as(lee, "POST", "/api/cases/amber-zebra/oversight", {{"reason", "Annual review"}, {"days", 14}});
  EXPECT_EQ(made_up.status, 202) << made_up.body;
  EXPECT_EQ(made_up.body, requested.body);
  EXPECT_EQ(body_of(requested), (json{{"recorded", true},
                                      {"requested_at", format_timestamp(clock_.now())},
                                      {"days", 14},
                                      {"message", "The request is recorded; a chair will review it."}}));

  const Response requests = as(chair, "GET", "/api/cases/" + url + "/oversight");
  ASSERT_EQ(requests.status, 200) << requests.body;
  ASSERT_EQ(body_of(requests)["requests"].size(), 1u);
  EXPECT_EQ(body_of(requests)["requests"][0].value("reason", ""), "Annual review");
  const std::int64_t id = body_of(requests)["requests"][0].value("id", std::int64_t{0});
  ASSERT_GT(id, 0);
  // The chair sees which request named no case.
  const Response unmatched = as(chair, "GET", "/api/oversight-requests/unmatched");
  ASSERT_EQ(unmatched.status, 200) << unmatched.body;
  ASSERT_EQ(body_of(unmatched)["requests"].size(), 1u);
  EXPECT_EQ(body_of(unmatched)["requests"][0].value("code_asked", ""), "amber zebra");
  EXPECT_EQ(body_of(unmatched)["requests"][0].value("names_a_case", true), false);
  EXPECT_EQ(as(lee, "GET", "/api/cases/" + url + "/oversight").status, 404) << "only chairs decide";

  // An id that is not a number is answered as one that names no request.
  const std::string approvals = "/api/cases/" + url + "/oversight/";
  const Response not_a_number = as(chair, "POST", approvals + "first/approval");
  EXPECT_EQ(not_a_number.status, 404) << not_a_number.body;
  expect_error_shape(not_a_number, "not_found");
  EXPECT_EQ(not_a_number.body, as(chair, "POST", approvals + "0/approval").body);
  const Response absent = as(chair, "POST", approvals + std::to_string(id + 100) + "/approval");
  EXPECT_EQ(absent.status, 404) << absent.body;
  expect_error_shape(absent, "not_found");

  const Response approved = as(chair, "POST", approvals + std::to_string(id) + "/approval");
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(body_of(approved), (json{{"approved", id}}));
  const Response twice = as(chair, "POST", approvals + std::to_string(id) + "/approval");
  EXPECT_EQ(twice.status, 409) << twice.body;
  expect_error_shape(twice, "failed_precondition");
  EXPECT_EQ(as(lee, "GET", "/api/cases/" + url).status, 200) << "the grant is active";
}

TEST_F(ApiTest, ChairsManageMembersAccounts) {
  const Browser chair = sign_in("robin@tidewater.example", chair_secret_);
  const Browser priya = sign_in("priya@tidewater.example", member_secret_);
  const std::string priya_path = "/api/members/priya@tidewater.example";

  // Certification needs the chair's own session keys; members may not certify.
  const Response certified = as(chair, "POST", priya_path + "/certification");
  ASSERT_EQ(certified.status, 200) << certified.body;
  EXPECT_EQ(body_of(certified), (json{{"certified", "priya@tidewater.example"}}));
  ASSERT_EQ(as(chair, "POST", "/api/members", {{"email", "sol@tidewater.example"}, {"name", "Sol"}, {"role", "member"}})
                .status,
            201);
  const Response not_enrolled = as(chair, "POST", "/api/members/sol@tidewater.example/certification");
  EXPECT_EQ(not_enrolled.status, 409) << not_enrolled.body;
  expect_error_shape(not_enrolled, "failed_precondition");
  const Response by_member = as(priya, "POST", "/api/members/robin@tidewater.example/certification");
  EXPECT_EQ(by_member.status, 403) << by_member.body;
  expect_error_shape(by_member, "permission_denied");

  // Renewal, with the date checked.
  const Response renewed = as(chair, "POST", priya_path + "/renewal", {{"term_end", "2028-06-30"}});
  ASSERT_EQ(renewed.status, 200) << renewed.body;
  EXPECT_EQ(body_of(renewed).value("term_end", ""), "2028-06-30");
  const Response past = as(chair, "POST", priya_path + "/renewal", {{"term_end", "2020-01-01"}});
  EXPECT_EQ(past.status, 400) << past.body;
  expect_error_shape(past, "invalid_argument");
  const Response wrong_type = as(chair, "POST", priya_path + "/renewal", {{"term_end", 2028}});
  EXPECT_EQ(wrong_type.status, 400) << wrong_type.body;
  EXPECT_EQ(error_fields(wrong_type), std::set<std::string>{"term_end"});

  // A reset link.
  const Response reset = as(chair, "POST", priya_path + "/reset");
  ASSERT_EQ(reset.status, 201) << reset.body;
  EXPECT_FALSE(body_of(reset).value("enrolment_token", "").empty());
  EXPECT_TRUE(parse_timestamp(body_of(reset).value("expires_at", "")).has_value()) << reset.body;
  const Response unknown = as(chair, "POST", "/api/members/nobody@tidewater.example/reset");
  EXPECT_EQ(unknown.status, 404) << unknown.body;

  // Adding: a taken email, and every bad field at once.
  const Response taken = as(chair, "POST", "/api/members", {{"email", "priya@tidewater.example"}, {"name", "Priya"}});
  EXPECT_EQ(taken.status, 409) << taken.body;
  expect_error_shape(taken, "already_exists");
  const Response invalid =
      as(chair, "POST", "/api/members", {{"email", "not an address"}, {"name", ""}, {"role", "overlord"}});
  EXPECT_EQ(invalid.status, 400) << invalid.body;
  EXPECT_EQ(error_fields(invalid), (std::set<std::string>{"email", "name", "role"})) << invalid.body;
  const Response by_a_member = as(priya, "POST", "/api/members", {{"email", "x@tidewater.example"}, {"name", "X"}});
  EXPECT_EQ(by_a_member.status, 403) << by_a_member.body;

  // Offboarding ends the member's access at once.
  const Response offboarded = as(chair, "POST", priya_path + "/offboarding");
  ASSERT_EQ(offboarded.status, 200) << offboarded.body;
  EXPECT_EQ(body_of(offboarded).value("status", ""), "former");
  EXPECT_EQ(as(priya, "GET", "/api/me").status, 401);
}

// ---- Evidence files -----------------------------------------------------------------

class EvidenceApiTest : public ApiTest {
 protected:
  // POST /api/cases/{url}/evidence with `content` as the raw body and `headers` (lower
  // case) on top of the cookie and the CSRF token.
  Response upload(const Browser& browser, const std::string& url, const std::string& content,
                  std::map<std::string, std::string> headers) {
    Request raw = request("POST", "/api/cases/" + url + "/evidence");
    raw.body = content;
    raw.headers = std::move(headers);
    raw.headers["cookie"] = "conduct_session=" + browser.token;
    raw.headers["x-csrf-token"] = browser.csrf;
    return dispatch_request(raw);
  }

  static std::map<std::string, std::string> file_headers(const std::string& encoded_name,
                                                         const std::string& encoded_description = "") {
    std::map<std::string, std::string> headers = {{"content-type", "application/octet-stream"},
                                                  {"x-file-name", encoded_name}};
    if (!encoded_description.empty()) headers["x-description"] = encoded_description;
    return headers;
  }
};

TEST_F(EvidenceApiTest, AFileIsUploadedListedAndDownloadedOnlyAsAnAttachment) {
  const Browser chair = sign_in("robin@tidewater.example", chair_secret_);
  const std::string url = open_case(chair);
  const std::string content = std::string("EVIDENCE-CANARY\0\x01\xff binary bytes", 30) + std::string(200'000, 'z');

  const Response uploaded =
      upload(chair, url, content, file_headers("chat%20log%20%E2%80%93%20Nov.txt", "Exported%20by%20the%20reporter."));
  ASSERT_EQ(uploaded.status, 201) << uploaded.body;
  const json file = body_of(uploaded);
  EXPECT_EQ(file.value("number", 0), 1);
  EXPECT_EQ(file.value("name", ""), "chat log \xE2\x80\x93 Nov.txt");
  EXPECT_EQ(file.value("description", ""), "Exported by the reporter.");
  EXPECT_EQ(file.value("size_bytes", 0), static_cast<std::int64_t>(content.size()));
  EXPECT_EQ(file.value("author_id", 0), chair_.member.id);
  EXPECT_TRUE(parse_timestamp(file.value("created_at", "")).has_value()) << uploaded.body;

  const Response listed = as(chair, "GET", "/api/cases/" + url + "/evidence");
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_EQ(body_of(listed), (json{{"files", {file}}, {"max_bytes", 10 * 1024 * 1024}}));

  const Response downloaded = as(chair, "GET", "/api/cases/" + url + "/evidence/1");
  ASSERT_EQ(downloaded.status, 200);
  EXPECT_EQ(downloaded.body, content);
  EXPECT_EQ(downloaded.content_type, "application/octet-stream");
  EXPECT_EQ(header_values(downloaded, "Content-Disposition"),
            std::vector<std::string>{"attachment; filename*=UTF-8''chat%20log%20%E2%80%93%20Nov.txt"});
  EXPECT_EQ(header_values(downloaded, "X-Content-Type-Options"), std::vector<std::string>{"nosniff"});
  EXPECT_EQ(header_values(downloaded, "Cache-Control"), std::vector<std::string>{"no-store"});

  const json timeline = body_of(as(chair, "GET", "/api/cases/" + url))["timeline"];
  EXPECT_EQ(timeline.back().value("kind", ""), "evidence");
  EXPECT_EQ(timeline.back().value("text", ""), "Exported by the reporter.");

  // A second file without a description; a number that names no file.
  ASSERT_EQ(upload(chair, url, "x", file_headers("a.txt")).status, 201);
  EXPECT_EQ(body_of(as(chair, "GET", "/api/cases/" + url))["timeline"].back().value("text", ""),
            "Evidence file 2 attached");
  for (const std::string number : {"3", "0", "first", "99999999999"}) {
    SCOPED_TRACE(number);
    const Response missing = as(chair, "GET", "/api/cases/" + url + "/evidence/" + number);
    EXPECT_EQ(missing.status, 404) << missing.body;
    expect_error_shape(missing, "not_found");
  }
}

TEST_F(EvidenceApiTest, BadUploadsNameTheirFieldsAndWriteNothing) {
  const Browser chair = sign_in("robin@tidewater.example", chair_secret_);
  const std::string url = open_case(chair);
  struct Row {
    const char* label;
    std::string content;
    std::map<std::string, std::string> headers;
    std::set<std::string> fields;
  };
  const Row rows[] = {
      {"sent as JSON", "{}", {{"content-type", "application/json"}, {"x-file-name", "a.txt"}}, {"content-type"}},
      {"sent as a form",
       "a=b",
       {{"content-type", "multipart/form-data; boundary=x"}, {"x-file-name", "a.txt"}},
       {"content-type"}},
      {"no name", "content", file_headers(""), {"name"}},
      {"a name that is not percent-encoding", "content", file_headers("100%.txt"), {"name"}},
      {"a name that is not UTF-8", "content", file_headers("bad%FF.txt"), {"name"}},
      {"a name with a path", "content", file_headers("..%2Fsecret.txt"), {"name"}},
      {"a description that is not percent-encoding", "content", file_headers("a.txt", "50%"), {"description"}},
      {"an empty file", "", file_headers("a.txt"), {"file"}},
      {"everything at once", "", file_headers("a%0Ab.txt", "%C3"), {"name", "description", "file"}},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.label);
    const Response refused = upload(chair, url, row.content, row.headers);
    EXPECT_EQ(refused.status, 400) << refused.body;
    expect_error_shape(refused, "invalid_argument");
    EXPECT_EQ(error_fields(refused), row.fields) << refused.body;
  }
  // Without the CSRF token, nothing happens either.
  Request forged = request("POST", "/api/cases/" + url + "/evidence");
  forged.body = "content";
  forged.headers = file_headers("a.txt");
  forged.headers["cookie"] = "conduct_session=" + chair.token;
  EXPECT_EQ(dispatch_request(forged).status, 403);

  EXPECT_EQ(body_of(as(chair, "GET", "/api/cases/" + url + "/evidence"))["files"], json::array());
  EXPECT_EQ(body_of(as(chair, "GET", "/api/cases/" + url))["timeline"].size(), 1u);
}

TEST_F(EvidenceApiTest, AHiddenCaseAnswersItsEvidenceRoutesLikeAMissingOne) {
  const Browser chair = sign_in("robin@tidewater.example", chair_secret_);
  const std::string url = open_case(chair);
  ASSERT_EQ(upload(chair, url, "EVIDENCE-CANARY", file_headers("a.txt")).status, 201);
  const Browser priya = sign_in("priya@tidewater.example", member_secret_);
  ASSERT_EQ(as(priya, "POST", "/api/cases/" + url + "/conflicts", json::object()).status, 201);
  const std::string code = replace_all(url, "-", " ");
  for (const std::string suffix : {"/evidence", "/evidence/1"}) {
    SCOPED_TRACE(suffix);
    const Response hidden = as(priya, "GET", "/api/cases/" + url + suffix);
    const Response missing = as(priya, "GET", "/api/cases/nowhere-never" + suffix);
    EXPECT_EQ(hidden.status, 404);
    EXPECT_EQ(replace_all(hidden.body, code, "NAME"), replace_all(missing.body, "nowhere never", "NAME"));
    EXPECT_EQ(hidden.body.find("CANARY"), std::string::npos);
  }
  const Response hidden_upload = upload(priya, url, "x", file_headers("b.txt"));
  EXPECT_EQ(hidden_upload.status, 404) << hidden_upload.body;
  EXPECT_EQ(body_of(as(chair, "GET", "/api/cases/" + url + "/evidence"))["files"].size(), 1u);
}

// Only the upload may carry more than a JSON route accepts.
TEST_F(EvidenceApiTest, JsonRoutesRefuseBodiesAbove1MiBButAnUploadMayBeLarger) {
  const Browser chair = sign_in("robin@tidewater.example", chair_secret_);
  const std::string url = open_case(chair);
  const std::string large(kMaxJsonBodyBytes + 1, 'a');
  Request note = request("POST", "/api/cases/" + url + "/entries");
  note.body = "{\"kind\": \"note\", \"text\": \"" + large + "\"}";
  note.headers["content-type"] = "application/json";
  note.headers["cookie"] = "conduct_session=" + chair.token;
  note.headers["x-csrf-token"] = chair.csrf;
  const Response refused = dispatch_request(note);
  EXPECT_EQ(refused.status, 413) << refused.body;
  EXPECT_EQ(error_fields(refused), std::set<std::string>{"body"});

  const Response uploaded = upload(chair, url, large, file_headers("large.bin"));
  ASSERT_EQ(uploaded.status, 201) << uploaded.body;
  const Response downloaded = as(chair, "GET", "/api/cases/" + url + "/evidence/1");
  EXPECT_EQ(downloaded.body, large);
}

// ---- Every members' route needs a live session ------------------------------------

TEST_F(ApiTest, EveryMembersRouteAnswers401WithoutALiveSession) {
  const Browser chair = sign_in("robin@tidewater.example", chair_secret_);
  const Browser ended = sign_in("priya@tidewater.example", member_secret_);
  ASSERT_EQ(as(ended, "DELETE", "/api/session").status, 200);
  const std::pair<const char*, std::optional<std::string>> cookies[] = {
      {"no cookie", std::nullopt},
      {"empty cookie", "conduct_session="},
      {"garbage cookie", "conduct_session=garbage"},
      {"another cookie's name", "session=" + chair.token},
      {"an ended session", "conduct_session=" + ended.token},
  };
  int members_routes = 0;
  for (const Route& route : router_.routes()) {
    if (route.audience != Audience::Members) continue;
    ++members_routes;
    for (const auto& [label, cookie] : cookies) {
      SCOPED_TRACE(route.method + " " + route.pattern + " with " + label);
      Request anonymous = request(route.method, sample_path(route.pattern), json::object());
      if (cookie) anonymous.headers["cookie"] = *cookie;
      anonymous.headers["x-csrf-token"] = chair.csrf;
      const Response response = dispatch_request(anonymous);
      EXPECT_EQ(response.status, 401) << response.body;
      expect_error_shape(response, "unauthenticated");
      EXPECT_EQ(header_values(response, "Cache-Control"), std::vector<std::string>{"no-store"});
    }
  }
  EXPECT_GE(members_routes, 25);
  EXPECT_EQ(body_of(as(chair, "GET", "/api/cases"))["cases"], json::array()) << "nothing was written";
}

TEST_F(ApiTest, EveryStateChangingMembersRouteNeedsTheCsrfToken) {
  const Browser chair = sign_in("robin@tidewater.example", chair_secret_);
  for (const Route& route : router_.routes()) {
    if (route.audience != Audience::Members || !is_state_changing(route.method)) continue;
    SCOPED_TRACE(route.method + " " + route.pattern);
    const Response response = as(chair, route.method, sample_path(route.pattern), json::object(), Csrf::Omit);
    EXPECT_EQ(response.status, 403) << response.body;
    expect_error_shape(response, "permission_denied");
  }
  EXPECT_EQ(as(chair, "GET", "/api/me").status, 200) << "the session is still alive";
}

// ---- docs/openapi.yaml -------------------------------------------------------------

// A YAML scalar without its quotes: 'it''s' -> it's, "a: b" -> a: b (summaries hold no
// escapes beyond a doubled single quote).
std::string unquoted(const std::string& scalar) {
  if (scalar.size() >= 2 && scalar.front() == '\'' && scalar.back() == '\'')
    return replace_all(scalar.substr(1, scalar.size() - 2), "''", "'");
  if (scalar.size() >= 2 && scalar.front() == '"' && scalar.back() == '"') return scalar.substr(1, scalar.size() - 2);
  return scalar;
}

// The operations docs/openapi.yaml describes, as "METHOD /path" -> summary, read from
// its `paths:` section (two-space path keys, four-space method keys).
std::map<std::string, std::string> documented_operations() {
  const std::filesystem::path file =
      std::filesystem::path(__FILE__).parent_path().parent_path().parent_path() / "docs" / "openapi.yaml";
  std::ifstream stream(file);
  EXPECT_TRUE(stream) << "cannot read " << file;
  const std::regex path_line(R"(^  (/\S*):\s*$)");
  const std::regex method_line(R"(^    (get|post|put|patch|delete):\s*$)");
  const std::regex summary_line(R"(^      summary:\s*(.*?)\s*$)");
  std::map<std::string, std::string> operations;
  std::string path, operation;
  bool in_paths = false;
  for (std::string line; std::getline(stream, line);) {
    std::smatch match;
    if (!line.empty() && line[0] != ' ' && line[0] != '#') in_paths = line.rfind("paths:", 0) == 0;
    if (!in_paths) continue;
    if (std::regex_match(line, match, path_line)) {
      path = match[1];
      operation.clear();
    } else if (std::regex_match(line, match, method_line)) {
      std::string method = match[1];
      for (char& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      operation = method + " " + path;
      operations[operation] = "";
    } else if (!operation.empty() && std::regex_match(line, match, summary_line)) {
      operations[operation] = unquoted(match[1]);
    }
  }
  return operations;
}

TEST(OpenApiTest, DocumentsExactlyTheRoutesOfTheTableWithTheirSummaries) {
  const std::map<std::string, std::string> documented = documented_operations();
  std::map<std::string, std::string> served;
  for (const Route& route : api_routes()) served[route.method + " " + route.pattern] = route.summary;
  EXPECT_EQ(documented, served);
}

// Item 1 of the hardening: nine wrong passwords for the chair from a stranger's address
// used to make the chair's right password and code answer 429 from anywhere.
TEST_F(ApiTest, AStrangerCannotLockAMemberOut) {
  Request guess = request("POST", "/api/session",
                          {{"email", "robin@tidewater.example"}, {"password", "a guess at it"}, {"code", "000000"}});
  guess.remote_address = "203.0.113.66";
  int refused_for_time = 0;
  for (int i = 0; i < 12; ++i) {
    const Response answer = dispatch_request(guess);
    if (answer.status == 429) {
      ++refused_for_time;
      EXPECT_EQ(header_values(answer, "Retry-After").size(), 1u);
      clock_.advance_seconds(std::stoll(header_values(answer, "Retry-After").front()));
    } else {
      EXPECT_EQ(answer.status, 401) << answer.body;
    }
  }
  EXPECT_GT(refused_for_time, 0);  // the stranger's own address waits
  EXPECT_EQ(dispatch_request(guess).status, 429);
  const Response chair = sign_in_response("robin@tidewater.example", chair_secret_);  // from 127.0.0.1
  EXPECT_EQ(chair.status, 201) << chair.body;
}

// Item 3: a stolen session guessing the current password is throttled, logged, and
// ended after the policy's number of wrong guesses (5 by default).
TEST_F(ApiTest, PasswordGuessesThroughTheSessionAreThrottledAndEndIt) {
  const Browser member = sign_in(member_.member.email, member_secret_);
  const json guess = {{"current_password", "a guess at it"}, {"new_password", "a brand new passphrase"}};
  std::vector<int> statuses;
  for (int i = 0; i < 10 && std::count(statuses.begin(), statuses.end(), 401) < 5; ++i) {
    const Response answer = as(member, "POST", "/api/me/password", guess);
    statuses.push_back(answer.status);
    if (answer.status == 429) clock_.advance_seconds(std::stoll(header_values(answer, "Retry-After").front()));
  }
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 401), 5);
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 429), 1);  // after the fourth: wait 1 s
  EXPECT_EQ(as(member, "GET", "/api/me").status, 401);              // the session has ended
}

// Item 13: a client whose connection died may send its write again with the same
// Idempotency-Key and gets the first answer; nothing is written twice.
TEST_F(ApiTest, AWriteRetriedWithItsIdempotencyKeyIsAnsweredOnceAndWrittenOnce) {
  const Browser chair = sign_in("robin@tidewater.example", chair_secret_);
  const auto send = [&](const Browser& browser, const std::string& key, const json& body) {
    Request write = request("POST", "/api/cases", body);
    write.headers["cookie"] = "conduct_session=" + browser.token;
    write.headers["x-csrf-token"] = browser.csrf;
    write.headers["idempotency-key"] = key;
    return dispatch_request(write);
  };
  const std::size_t before = body_of(list_cases_as(chair, {}))["cases"].size();
  const std::string key = "4f3c2a1b-9d8e-4c7b-a6f5-0e1d2c3b4a59";
  const Response first = send(chair, key, new_case());
  ASSERT_EQ(first.status, 201) << first.body;
  const Response again = send(chair, key, new_case());
  EXPECT_EQ(again.status, 201);
  EXPECT_EQ(again.body, first.body);
  EXPECT_EQ(header_values(again, "Idempotent-Replayed"), std::vector<std::string>{"true"});
  EXPECT_EQ(body_of(list_cases_as(chair, {}))["cases"].size(), before + 1) << "written once";

  // The key used for another request is refused, naming the header.
  json other = new_case();
  other["report"] = "Another report altogether.";
  const Response reused = send(chair, key, other);
  EXPECT_EQ(reused.status, 400) << reused.body;
  EXPECT_EQ(error_fields(reused), std::set<std::string>{"idempotency-key"});
  // A key too short to be unguessable is refused before anything is written.
  const Response weak = send(chair, "1", new_case());
  EXPECT_EQ(weak.status, 400) << weak.body;
  EXPECT_EQ(error_fields(weak), std::set<std::string>{"idempotency-key"});
  // Another session's same key is its own: it writes.
  const Browser elsewhere = sign_in("robin@tidewater.example", chair_secret_);
  EXPECT_EQ(send(elsewhere, key, new_case()).status, 201);
  EXPECT_EQ(body_of(list_cases_as(chair, {}))["cases"].size(), before + 2);
  // After the policy's window the key counts for nothing.
  clock_.advance_seconds(24 * kSecondsPerHour + 1);
  const Browser later = sign_in("robin@tidewater.example", chair_secret_);
  const Response fresh_claim = send(later, key, new_case());
  EXPECT_EQ(fresh_claim.status, 201);
  EXPECT_TRUE(header_values(fresh_claim, "Idempotent-Replayed").empty());
}

// A write whose process died between its claim and its answer holds the key only for a
// moment: a retry is told to wait, then claims it anew and writes.
TEST_F(ApiTest, AnAbandonedIdempotencyClaimIsClaimedAnew) {
  const Browser chair = sign_in("robin@tidewater.example", chair_secret_);
  const std::string key = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
  Request write = request("POST", "/api/cases", new_case());
  write.headers["cookie"] = "conduct_session=" + chair.token;
  write.headers["x-csrf-token"] = chair.csrf;
  write.headers["idempotency-key"] = key;
  auto signed_in = app::authenticate(context_, chair.token);
  ASSERT_TRUE(signed_in.ok());
  auto claimed =
      app::claim_idempotency(context_, signed_in->actor, {chair.token, key, write.method, write.path, write.body});
  ASSERT_TRUE(claimed.ok()) << claimed.error().message;  // and never settled
  const Response waiting = dispatch_request(write);
  EXPECT_EQ(waiting.status, 409) << waiting.body;
  EXPECT_EQ(header_values(waiting, "Retry-After"), std::vector<std::string>{"1"});
  clock_.advance_seconds(app::kAbandonedClaimSeconds);
  EXPECT_EQ(dispatch_request(write).status, 201);
}

// What is kept for a retry is sealed: the report's words are nowhere in the table.
TEST_F(ApiTest, AKeptAnswerHoldsNoPlaintext) {
  const Browser chair = sign_in("robin@tidewater.example", chair_secret_);
  json body = new_case();
  body["report"] = "CANARY-idem-7Yq the words of the report.";
  Request write = request("POST", "/api/cases", body);
  write.headers["cookie"] = "conduct_session=" + chair.token;
  write.headers["x-csrf-token"] = chair.csrf;
  write.headers["idempotency-key"] = "0f9e8d7c-6b5a-4938-8271-605f4e3d2c1b";
  ASSERT_EQ(dispatch_request(write).status, 201);
  sqlite3* db = store_.sqlite().database().handle();
  sqlite3_stmt* rows = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT lookup, request_digest, answer_sealed FROM idempotent_answers", -1, &rows,
                               nullptr),
            SQLITE_OK);
  int count = 0;
  while (sqlite3_step(rows) == SQLITE_ROW) {
    ++count;
    for (int column = 0; column < 3; ++column) {
      const std::string bytes(static_cast<const char*>(sqlite3_column_blob(rows, column)),
                              sqlite3_column_bytes(rows, column));
      EXPECT_EQ(bytes.find("CANARY-idem"), std::string::npos);
      EXPECT_EQ(bytes.find("alex@example.org"), std::string::npos);
    }
  }
  sqlite3_finalize(rows);
  EXPECT_EQ(count, 1);
}

}  // namespace
}  // namespace conduct::http
