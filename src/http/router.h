// The route table. Every route the server answers is one row here, so tests can list
// them all (the authorization matrix enumerates this table: a route that is not in it
// is not served, and a route that is in it cannot escape the matrix).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/context.h"
#include "core/result.h"
#include "http/request.h"

namespace conduct::http {

// Who may call a route at all, before the access policy looks at the details.
enum class Audience {
  Public,   // anyone: health, the public community facts, report intake
  Members,  // a signed-in member; the access policy decides the rest
};

// A handler answers with a Response, or fails with an Error that dispatch() turns into
// its error response (error_response in http/responses.h), so a handler is a run of
// TRY / ASSIGN_OR_RETURN guards. A handler that answers some error differently (a
// header, another status) builds that Response itself.
using Handler = std::function<Result<Response>(const Request&, app::Context&)>;

// What a route reads as its body. JSON bodies are small, so every JSON route refuses
// a body above kMaxJsonBodyBytes with 413 before anything else happens; a file upload
// may use all of the server's body limit (ServerOptions::max_body_bytes, which the
// server raises to fit the communities' evidence_max_bytes).
// Form: an HTML form's urlencoded fields (the public pages), limited like JSON.
// FormWithFiles: a public form that may carry a reporter's files (urlencoded or
// multipart), read up to ServerOptions::max_reporter_body_bytes from anyone, within the
// server's budget for such bodies in flight (ServerOptions::reporter_bodies_budget_bytes).
enum class RequestBody { Json, File, Form, FormWithFiles };

// What answering costs: most routes are quick; a route that hashes a password with
// Argon2id (hundreds of milliseconds of CPU) is served by the password workers.
enum class Work { Quick, PasswordHashing };
inline constexpr std::size_t kMaxJsonBodyBytes = 1 << 20;

struct Route {
  std::string method;
  std::string pattern;  // "/api/cases/{code}": literal segments and {name} parameters
  Audience audience = Audience::Public;
  std::string summary;  // one line, as in docs/openapi.yaml
  Handler handler;
  RequestBody body = RequestBody::Json;
  Work work = Work::Quick;
};

class Router {
 public:
  explicit Router(std::vector<Route> routes) : routes_(std::move(routes)) {}

  struct Match {
    const Route* route = nullptr;
    std::map<std::string, std::string> params;
  };
  // The route for `method` and `path`, with its parameters. A path that matches a
  // pattern but not the method sets `method_not_allowed`.
  std::optional<Match> match(const std::string& method, const std::string& path, bool& method_not_allowed) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

// The API's routes: every group below, in one table (src/http/api_routes.cpp).
std::vector<Route> api_routes();

// The groups, one file each: api_routes.cpp (public), api_session.cpp (signing in,
// enrolment, the signed-in member), api_cases.cpp, api_evidence.cpp, api_people.cpp,
// api_members.cpp.
std::vector<Route> public_routes();
std::vector<Route> session_routes();
std::vector<Route> case_routes();
std::vector<Route> decision_routes();      // api_decisions.cpp
std::vector<Route> meeting_routes();       // api_meetings.cpp
std::vector<Route> group_matter_routes();  // api_group_matters.cpp
std::vector<Route> evidence_routes();
std::vector<Route> draft_routes();       // api_drafts.cpp
std::vector<Route> submission_routes();  // api_submissions.cpp
std::vector<Route> people_routes();
std::vector<Route> search_routes();  // api_search.cpp
std::vector<Route> audit_routes();   // api_audit.cpp
std::vector<Route> member_routes();
std::vector<Route> retention_routes();  // api_retention.cpp
std::vector<Route> report_routes();     // api_reports.cpp: public reports, the reporter's thread
// Pages written on the server, outside /api/: the public report form and the portal.
std::vector<Route> report_page_routes();  // report_pages.cpp
std::vector<Route> portal_page_routes();  // portal_pages.cpp

}  // namespace conduct::http
