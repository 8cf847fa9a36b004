// GET /api/search: full-text search in the member's session over the cases they hold.
#include <nlohmann/json.hpp>

#include "app/cases.h"
#include "http/responses.h"
#include "http/router.h"
#include "json/views.h"

namespace conduct::http {
namespace {

using Json = nlohmann::json;

Result<Response> search(const Request& request, app::Context& context) {
  const auto q = request.query.find("q");
  ASSIGN_OR_RETURN(auto results,
                   app::search_cases(context, request.signed_in->actor, q == request.query.end() ? "" : q->second));
  Json list = Json::array();
  for (const app::SearchResult& result : results) list.push_back(json::search_result_json(result));
  return json_response(200, {{"results", list}});
}

}  // namespace

std::vector<Route> search_routes() {
  return {
      {"GET", "/api/search", Audience::Members, "Search the text of the cases the member holds", search},
  };
}

}  // namespace conduct::http
