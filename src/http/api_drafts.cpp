// Drafts of messages to people outside the group (`/api/cases/{code}/drafts`): write,
// list with the checks' findings, send (a second member's approval where the policy
// asks for one), withdraw. Thin handlers: access and every rule live in app/drafts.h.
#include <nlohmann/json.hpp>

#include "app/drafts.h"
#include "domain/code_name.h"
#include "domain/text_checks.h"
#include "http/json_body.h"
#include "http/responses.h"
#include "http/router.h"
#include "json/views.h"
#include "json/writer.h"

namespace conduct::http {
namespace {

int draft_number(const Request& request) {
  const std::int64_t number = domain::record_id_from_text(request.params.at("number"));
  return number > 0 && number < 1000000 ? static_cast<int>(number) : 0;
}

Result<Response> list_drafts(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(const std::vector<app::DraftView> drafts,
                   app::list_drafts(context, request.signed_in->actor, request.case_code()));
  nlohmann::json items = nlohmann::json::array();
  for (const app::DraftView& view : drafts) items.push_back(json::draft_json(view));
  return json_response(200, {{"drafts", items}});
}

Result<Response> write_draft(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(JsonBody body, JsonBody::parse(request));
  const std::string recipient = body.text("recipient");
  domain::DraftContent content;
  content.to = body.texts("to");
  content.recipients_see_each_other = body.flag("recipients_see_each_other");
  content.subject = body.text("subject");
  content.text = body.text("text");
  content.behaviour = body.text("behaviour");
  content.impact = body.text("impact");
  content.changes_expected = body.text("changes_expected");
  content.consequences = body.text("consequences");
  TRY(body.result());
  ASSIGN_OR_RETURN(const app::DraftView written,
                   app::write_draft(context, request.signed_in->actor, request.case_code(), recipient, content));
  return json_response(201, json::draft_json(written));
}

Result<Response> send_draft(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(const app::DraftView sent,
                   app::send_draft(context, request.signed_in->actor, request.case_code(), draft_number(request)));
  return json_response(200, json::draft_json(sent));
}

Result<Response> withdraw_draft(const Request& request, app::Context& context) {
  TRY(app::withdraw_draft(context, request.signed_in->actor, request.case_code(), draft_number(request)));
  return json_response(200, {{"number", draft_number(request)}, {"status", "withdrawn"}});
}

Result<Response> drafts_to_review(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(const std::vector<app::DraftToReview> waiting,
                   app::drafts_awaiting_review(context, request.signed_in->actor));
  nlohmann::json items = nlohmann::json::array();
  for (const app::DraftToReview& draft : waiting)
    items.push_back({{"code_name", draft.code_name},
                     {"url_name", domain::url_form(draft.code_name)},
                     {"number", draft.number},
                     {"recipient", domain::to_string(draft.recipient)},
                     {"author_id", draft.author_id},
                     {"created_at", format_timestamp(draft.created_at)}});
  return json_response(200, {{"drafts", items}});
}

}  // namespace

std::vector<Route> draft_routes() {
  return {
      {"GET", "/api/cases/{code}/drafts", Audience::Members,
       "The case's drafts of messages to people outside the group, with the checks' findings", list_drafts},
      {"POST", "/api/cases/{code}/drafts", Audience::Members, "Write a draft of a message to someone outside the group",
       write_draft},
      {"POST", "/api/cases/{code}/drafts/{number}/sending", Audience::Members,
       "Send a draft (a second member approves what the policy says needs review)", send_draft},
      {"POST", "/api/cases/{code}/drafts/{number}/withdrawal", Audience::Members, "Withdraw a waiting draft",
       withdraw_draft},
      {"GET", "/api/drafts/awaiting-review", Audience::Members,
       "Drafts on the member's cases that wait for a second member's approval", drafts_to_review},
  };
}

}  // namespace conduct::http
