// The group's own matters (`/api/matters`): thin handlers that read the request, call
// one use case of app/group_matters.h and answer with the shared JSON views.
#include "app/group_matters.h"
#include "http/json_body.h"
#include "http/query_values.h"
#include "http/responses.h"
#include "http/router.h"
#include "json/views.h"

namespace conduct::http {
namespace {

using Json = nlohmann::json;

Result<Response> list_matters(const Request& request, app::Context& context) {
  FieldErrors problems;
  const Page page = page_of(request.query, problems);
  TRY(problems.result("the query has problems"));
  ASSIGN_OR_RETURN(auto listed, app::list_matters(context, request.signed_in->actor, page.limit, page.offset));
  Json items = Json::array();
  for (const app::MatterSummary& summary : listed) items.push_back(json::matter_summary_json(summary));
  return json_response(200, {{"matters", items}});
}

Result<Response> propose_matter(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(JsonBody body, JsonBody::parse(request));
  domain::MatterCommand command;
  command.kind = body.text("kind");
  command.text = body.text("text");
  if (const auto days = body.number("vote_days")) command.vote_days = saturating_int(days);
  TRY(body.result());
  ASSIGN_OR_RETURN(auto proposed, app::propose_matter(context, request.signed_in->actor, command));
  return json_response(201, json::matter_json(proposed));
}

Result<Response> show_matter(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(auto shown, app::show_matter(context, request.signed_in->actor, path_number(request.params)));
  return json_response(200, json::matter_json(shown));
}

Result<Response> cast_matter_ballot(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(JsonBody body, JsonBody::parse(request));
  const std::string ballot = body.text("ballot");
  TRY(body.result());
  ASSIGN_OR_RETURN(auto shown,
                   app::cast_matter_ballot(context, request.signed_in->actor, path_number(request.params), ballot));
  return json_response(200, json::matter_json(shown));
}

Result<Response> stand_aside(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(auto shown,
                   app::stand_aside_from_matter(context, request.signed_in->actor, path_number(request.params)));
  return json_response(200, json::matter_json(shown));
}

}  // namespace

std::vector<Route> group_matter_routes() {
  return {
      {"GET", "/api/matters", Audience::Members, "List the group's own matters put to the vote, newest first",
       list_matters},
      {"POST", "/api/matters", Audience::Members,
       "Put a matter of the group to the vote: admitting a member, a guideline, the policy", propose_matter},
      {"GET", "/api/matters/{number}", Audience::Members, "A matter of the group with its vote counted now",
       show_matter},
      {"POST", "/api/matters/{number}/ballots", Audience::Members, "Cast or change one's ballot on a matter",
       cast_matter_ballot},
      {"POST", "/api/matters/{number}/stand-aside", Audience::Members,
       "Stand aside from a matter: one's ballot no longer counts", stand_aside},
  };
}

}  // namespace conduct::http
