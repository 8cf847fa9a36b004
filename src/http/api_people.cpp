// Person records (`/api/people/...`): the persistent code names of reported people and
// the cases they were reported in. Thin handlers: call one use case, answer with the
// shared JSON views. Access is decided by the use cases.
#include "app/people.h"
#include "http/query_values.h"
#include "http/responses.h"
#include "http/router.h"
#include "json/views.h"

namespace conduct::http {
namespace {

using Json = nlohmann::json;

Result<Response> list_people(const Request& request, app::Context& context) {
  FieldErrors problems;
  const Page page = page_of(request.query, problems);
  TRY(problems.result("the query has problems"));
  ASSIGN_OR_RETURN(auto listed, app::list_people(context, request.signed_in->actor, page.limit, page.offset));
  Json items = Json::array();
  for (const store::PersonRow& row : listed) items.push_back(json::person_json(row));
  return json_response(200, {{"people", items}});
}

Result<Response> show_person(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(auto shown, app::show_person(context, request.signed_in->actor, request.params.at("person")));
  return json_response(200, json::person_view_json(shown));
}

}  // namespace

std::vector<Route> people_routes() {
  return {
      {"GET", "/api/people", Audience::Members, "List the person records", list_people},
      {"GET", "/api/people/{person}", Audience::Members, "A person record with the cases the person was reported in",
       show_person},
  };
}

}  // namespace conduct::http
