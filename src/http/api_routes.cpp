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
  // Degraded (503) when the database does not answer, or answers but cannot be written
  // (storage full or read-only): every sign-in and audited read would fail.
  const app::DatabaseHealth database = app::database_health(context);
  const bool healthy = database.answers && database.writable;
  json::JsonWriter out;
  out.begin_object()
      .key("database")
      .string(!database.answers   ? "unavailable"
              : database.writable ? "ok"
                                  : "not-writable");
  if (!healthy) out.key("problem").string(database.problem);
  out.key("status").string(healthy ? "ok" : "degraded").key("time").string(format_timestamp(context.clock.now()));
  out.key("version").string(CONDUCT_VERSION).end_object();
  Response response = json_text_response(healthy ? 200 : 503, out.take());
  if (!healthy) response.headers.emplace_back("Retry-After", "60");
  return response;
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
