// The group's decisions on a case (`/api/cases/{code}/decisions`, `…/evaluations`,
// `…/responses`, `…/proposals`, a proposal's `ballots`, `feedback` and `enactment`, and
// `…/actions` with an action's `report`, `revisions` and `ballots`): thin handlers that read
// the request, call one use case of app/decisions.h and answer with the case's
// decisions as they then stand. Access and the procedure are the use cases'.
#include "app/decisions.h"
#include "http/json_body.h"
#include "http/query_values.h"
#include "http/responses.h"
#include "http/router.h"
#include "json/views.h"

namespace conduct::http {
namespace {

Response decisions_response(int status, const app::DecisionsView& view, const app::Actor& actor) {
  return json_response(status, json::decisions_json(view, actor.community.policy));
}

Result<Response> show_decisions(const Request& request, app::Context& context) {
  const app::Actor& actor = request.signed_in->actor;
  ASSIGN_OR_RETURN(auto view, app::show_decisions(context, actor, request.case_code()));
  return decisions_response(200, view, actor);
}

Result<Response> evaluate_case(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(JsonBody body, JsonBody::parse(request));
  domain::EvaluationCommand command;
  for (JsonBody& answer : body.objects("answers")) {
    const std::string question = answer.text("question");
    command.answers[question] = {answer.text("answer"), answer.text("note")};
  }
  command.what_happened = body.text("what_happened");
  command.violation = body.text("violation");
  command.rules = body.texts("rules");
  command.responsible = body.text("responsible");
  command.ongoing_or_threat = body.text("ongoing_or_threat");
  TRY(body.result());
  const app::Actor& actor = request.signed_in->actor;
  ASSIGN_OR_RETURN(auto view, app::evaluate_case(context, actor, request.case_code(), command));
  return decisions_response(201, view, actor);
}

Result<Response> record_response(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(JsonBody body, JsonBody::parse(request));
  domain::ResponseCommand command;
  command.reported_party = saturating_int(body.number("reported_party"));
  command.step = body.text("step");
  command.text = body.text("text");
  TRY(body.result());
  const app::Actor& actor = request.signed_in->actor;
  ASSIGN_OR_RETURN(auto view, app::record_response(context, actor, request.case_code(), command));
  return decisions_response(201, view, actor);
}

Result<Response> propose_resolution(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(JsonBody body, JsonBody::parse(request));
  domain::ProposalCommand command;
  command.reported_party = saturating_int(body.number("reported_party"));
  command.resolution = body.text("resolution");
  if (const auto days = body.number("duration_days")) command.duration_days = saturating_int(days);
  command.behaviour = body.text("behaviour");
  command.repair = body.text("repair");
  command.conditions = body.text("conditions");
  command.review_on = body.text("review_on");
  command.message_to_reported = body.text("message_to_reported");
  command.message_to_reporter = body.text("message_to_reporter");
  TRY(body.result());
  const app::Actor& actor = request.signed_in->actor;
  ASSIGN_OR_RETURN(auto view, app::propose_resolution(context, actor, request.case_code(), command));
  return decisions_response(201, view, actor);
}

Result<Response> cast_ballot(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(JsonBody body, JsonBody::parse(request));
  const std::string ballot = body.text("ballot");
  TRY(body.result());
  const app::Actor& actor = request.signed_in->actor;
  ASSIGN_OR_RETURN(auto view,
                   app::cast_ballot(context, actor, request.case_code(), path_number(request.params), ballot));
  return decisions_response(200, view, actor);
}

Result<Response> record_feedback(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(JsonBody body, JsonBody::parse(request));
  domain::FeedbackCommand command;
  command.proposal = path_number(request.params);
  command.party = saturating_int(body.number("party"));
  command.step = body.text("step");
  command.channel = body.text("channel");
  command.text = body.text("text");
  TRY(body.result());
  const app::Actor& actor = request.signed_in->actor;
  ASSIGN_OR_RETURN(auto view, app::record_feedback(context, actor, request.case_code(), command));
  return decisions_response(201, view, actor);
}

Result<Response> enact_proposal(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(JsonBody body, JsonBody::parse(request));
  const std::string note = body.text("note");
  TRY(body.result());
  const app::Actor& actor = request.signed_in->actor;
  ASSIGN_OR_RETURN(auto view,
                   app::enact_proposal(context, actor, request.case_code(), path_number(request.params), note));
  return decisions_response(200, view, actor);
}

domain::ActionCommand action_command(JsonBody& body) {
  domain::ActionCommand command;
  command.situation = body.text("situation");
  command.what = body.text("what");
  command.why = body.text("why");
  command.affects = body.text("affects");
  command.taken_at = body.text("taken_at");
  return command;
}

Result<Response> take_action(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(JsonBody body, JsonBody::parse(request));
  const domain::ActionCommand command = action_command(body);
  TRY(body.result());
  const app::Actor& actor = request.signed_in->actor;
  ASSIGN_OR_RETURN(auto view, app::take_action(context, actor, request.case_code(), command));
  return decisions_response(201, view, actor);
}

Result<Response> report_action(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(JsonBody body, JsonBody::parse(request));
  const std::string text = body.text("text");
  TRY(body.result());
  const app::Actor& actor = request.signed_in->actor;
  ASSIGN_OR_RETURN(auto view,
                   app::report_action(context, actor, request.case_code(), path_number(request.params), text));
  return decisions_response(200, view, actor);
}

Result<Response> revise_action(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(JsonBody body, JsonBody::parse(request));
  const domain::ActionCommand command = action_command(body);
  TRY(body.result());
  const app::Actor& actor = request.signed_in->actor;
  ASSIGN_OR_RETURN(auto view,
                   app::revise_action(context, actor, request.case_code(), path_number(request.params), command));
  return decisions_response(201, view, actor);
}

Result<Response> cast_action_ballot(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(JsonBody body, JsonBody::parse(request));
  const std::string ballot = body.text("ballot");
  TRY(body.result());
  const app::Actor& actor = request.signed_in->actor;
  ASSIGN_OR_RETURN(auto view, app::cast_ballot(context, actor, request.case_code(), path_number(request.params), ballot,
                                               app::BallotOn::Action));
  return decisions_response(200, view, actor);
}

}  // namespace

std::vector<Route> decision_routes() {
  return {
      {"GET", "/api/cases/{code}/decisions", Audience::Members,
       "A case's evaluation, the reported persons' responses and its proposals with their votes counted now",
       show_decisions},
      {"POST", "/api/cases/{code}/evaluations", Audience::Members,
       "Evaluate a case: the jurisdiction, impact and risk answers and the four determinations", evaluate_case},
      {"POST", "/api/cases/{code}/responses", Audience::Members,
       "Record a step of a reported person's chance to respond", record_response},
      {"POST", "/api/cases/{code}/proposals", Audience::Members,
       "Propose a resolution for a reported person and open its vote", propose_resolution},
      {"POST", "/api/cases/{code}/proposals/{number}/ballots", Audience::Members,
       "Cast or change one's ballot on a proposal's vote", cast_ballot},
      {"POST", "/api/cases/{code}/proposals/{number}/feedback", Audience::Members,
       "Record that an affected person was asked for feedback on an agreed proposal, or their answer", record_feedback},
      {"POST", "/api/cases/{code}/proposals/{number}/enactment", Audience::Members,
       "Confirm an agreed proposal once its feedback round is over: the case moves to enacting", enact_proposal},
      {"POST", "/api/cases/{code}/actions", Audience::Members,
       "Record an action taken at once on an ongoing situation or a danger; its report to the group is then due",
       take_action},
      {"POST", "/api/cases/{code}/actions/{number}/report", Audience::Members,
       "Report an action one took to the group: its review vote opens", report_action},
      {"POST", "/api/cases/{code}/actions/{number}/revisions", Audience::Members,
       "Put a revision of an action to the vote instead of ratifying it", revise_action},
      {"POST", "/api/cases/{code}/actions/{number}/ballots", Audience::Members,
       "Cast or change one's ballot on the review of an action", cast_action_ballot},
  };
}

}  // namespace conduct::http
