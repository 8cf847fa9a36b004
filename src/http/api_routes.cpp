// The JSON API's routes. Handlers are thin: parse the request, call one use case in
// src/app, map the result to JSON. No rule lives here.
#include <nlohmann/json.hpp>

#include "app/communities.h"
#include "http/health_watch.h"
#include "http/responses.h"
#include "http/router.h"
#include "json/views.h"

namespace conduct::http {
namespace {

// Answered here for the routing table and for dispatch without a server; `serve`
// answers its probes from a HealthWatch instead (http/health_watch.h).
Result<Response> health(const Request&, app::Context& context) {
  return health_response(app::database_health(context), context.clock.now());
}

Result<Response> communities(const Request&, app::Context& context) {
  ASSIGN_OR_RETURN(auto listed, app::list_communities(context));
  nlohmann::json items = nlohmann::json::array();
  for (const domain::Community& community : listed) items.push_back(json::community_json(community));
  return json_response(200, {{"communities", items}});
}

}  // namespace

std::vector<Route> public_routes() {
  return {
      {"GET", "/api/health", Audience::Public, "Whether the server and its database answer", health},
      {"GET", "/api/communities", Audience::Public, "Public facts about the communities served", communities},
  };
}

std::vector<Route> api_routes() {
  std::vector<Route> routes;
  for (auto group : {public_routes, session_routes, case_routes, decision_routes, meeting_routes, group_matter_routes,
                     evidence_routes, draft_routes, search_routes, people_routes, member_routes, audit_routes,
                     retention_routes, report_routes, submission_routes, report_page_routes, portal_page_routes})
    for (Route& route : group()) routes.push_back(std::move(route));
  return routes;
}

}  // namespace conduct::http
