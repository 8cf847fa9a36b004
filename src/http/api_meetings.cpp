// The group's meetings (`/api/meetings`): thin handlers that read the request, call one
// use case of app/meetings.h and answer with the shared JSON views. Access, and what of
// a meeting each member may read, are the use cases'.
#include "app/meetings.h"
#include "http/json_body.h"
#include "http/query_values.h"
#include "http/responses.h"
#include "http/router.h"
#include "json/views.h"

namespace conduct::http {
namespace {

using Json = nlohmann::json;

Result<Response> list_meetings(const Request& request, app::Context& context) {
  FieldErrors problems;
  const Page page = page_of(request.query, problems);
  TRY(problems.result("the query has problems"));
  ASSIGN_OR_RETURN(auto listed, app::list_meetings(context, request.signed_in->actor, page.limit, page.offset));
  Json items = Json::array();
  for (const app::MeetingSummary& summary : listed) items.push_back(json::meeting_summary_json(summary));
  return json_response(200, {{"meetings", items}});
}

Result<Response> record_meeting(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(JsonBody body, JsonBody::parse(request));
  domain::MeetingCommand command;
  command.held_on = body.text("held_on");
  command.attendees = body.texts("attendees");
  command.minutes = body.text("minutes");
  for (JsonBody& item : body.objects("cases")) command.cases.push_back({item.text("case"), item.text("minutes")});
  for (JsonBody& item : body.objects("chat_decisions"))
    command.chat_decisions.push_back(
        {item.text("case"), item.text("who"), item.text("decided_at"), item.text("channel"), item.text("decision")});
  TRY(body.result());
  ASSIGN_OR_RETURN(auto recorded, app::record_meeting(context, request.signed_in->actor, command));
  return json_response(201, json::meeting_json(recorded));
}

Result<Response> show_meeting(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(auto shown, app::show_meeting(context, request.signed_in->actor, path_number(request.params)));
  return json_response(200, json::meeting_json(shown));
}

}  // namespace

std::vector<Route> meeting_routes() {
  return {
      {"GET", "/api/meetings", Audience::Members, "List the group's meetings, newest first", list_meetings},
      {"POST", "/api/meetings", Audience::Members,
       "Record a meeting: attendees, minutes, what was said about each case discussed and decisions taken in chat",
       record_meeting},
      {"GET", "/api/meetings/{number}", Audience::Members,
       "A meeting with its minutes and the entries it wrote on the cases one may read", show_meeting},
  };
}

}  // namespace conduct::http
