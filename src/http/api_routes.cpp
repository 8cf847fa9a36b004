// The JSON API's routes. Handlers are thin: parse the request, call one use case in
// src/app, map the result to JSON. No rule lives here.
#include <nlohmann/json.hpp>

#include "app/communities.h"
#include "http/responses.h"
#include "http/router.h"
#include "json/views.h"
#include "json/writer.h"

namespace conduct::http {
namespace {

// Answered by every load balancer's probe, so written without building JSON values.
Result<Response> health(const Request&, app::Context& context) {
  const bool database_ok = app::database_answers(context);
  json::JsonWriter out;
  out.begin_object().key("database").string(database_ok ? "ok" : "unavailable");
  out.key("status").string(database_ok ? "ok" : "degraded").key("time").string(format_timestamp(context.clock.now()));
  out.key("version").string(CONDUCT_VERSION).end_object();
  return json_text_response(database_ok ? 200 : 503, out.take());
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
  for (auto group : {public_routes, session_routes, case_routes, evidence_routes, search_routes, people_routes,
                     member_routes, audit_routes, retention_routes})
    for (Route& route : group()) routes.push_back(std::move(route));
  return routes;
}

}  // namespace conduct::http
