// Local representatives' own routes (`/api/submissions`): send a report, an after-event
// summary or an escalation, and list what they sent with where it stands in plain words.
// Thin handlers: access and every rule live in app/local_submissions.h.
#include <nlohmann/json.hpp>

#include "app/local_submissions.h"
#include "http/json_body.h"
#include "http/responses.h"
#include "http/router.h"
#include "json/views.h"

namespace conduct::http {
namespace {

Result<Response> list_submissions(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(const std::vector<app::SentSubmission> sent,
                   app::list_own_submissions(context, request.signed_in->actor));
  nlohmann::json items = nlohmann::json::array();
  for (const app::SentSubmission& each : sent) items.push_back(json::submission_json(each));
  return json_response(200, {{"submissions", items}});
}

Result<Response> send_submission(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(JsonBody body, JsonBody::parse(request));
  domain::LocalSubmission submission;
  submission.kind = body.text("kind");
  for (JsonBody& person : body.objects("people"))
    submission.people.push_back({person.text("role"), person.text("name"), person.text("handle")});
  submission.occurred_on = body.text("occurred_on");
  submission.when = body.text("when");
  submission.space = body.text("space");
  submission.where = body.text("where");
  submission.what_happened = body.text("what_happened");
  submission.actions_taken = body.text("actions_taken");
  submission.responses = body.text("responses");
  submission.why_escalated = body.text("why_escalated");
  submission.links = body.text("links");
  submission.content_notes = body.texts("content_notes");
  submission.ongoing = body.flag("ongoing");
  submission.physical_danger = body.flag("physical_danger");
  TRY(body.result());
  ASSIGN_OR_RETURN(const app::SentSubmission sent, app::submit_locally(context, request.signed_in->actor, submission));
  return json_response(201, json::submission_json(sent));
}

}  // namespace

std::vector<Route> submission_routes() {
  return {
      {"GET", "/api/submissions", Audience::Members,
       "A local representative's own submissions: kind, date and where each stands", list_submissions},
      {"POST", "/api/submissions", Audience::Members,
       "Send a report, an after-event summary or an escalation as a local representative", send_submission},
  };
}

}  // namespace conduct::http
