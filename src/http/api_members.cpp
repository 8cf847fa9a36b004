// Members (`/api/members/...`): listing and adding members, offboarding, renewing a
// term, password resets and certifying a member's keys. Thin handlers: read the
// request, call the use case, answer with the shared JSON views. Access is decided by
// the use cases (chairs manage members).
#include "app/accounts.h"
#include "app/members.h"
#include "http/json_body.h"
#include "http/responses.h"
#include "http/router.h"
#include "json/views.h"

namespace conduct::http {
namespace {

using Json = nlohmann::json;

const std::string& member_email(const Request& request) { return request.params.at("email"); }

Result<Response> list_members(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(auto listed, app::list_members_with_keys(context, request.signed_in->actor));
  Json items = Json::array();
  for (const app::MemberListing& row : listed) {
    Json item = json::member_json(row.member);
    item["keys"] = app::to_string(row.keys);
    items.push_back(std::move(item));
  }
  return json_response(200, {{"members", items}});
}

// Adding a member answers with their first enrolment link, as `conduct member add`
// does: the chair passes it on, and the member sets their password and second factor.
Result<Response> add_member(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(JsonBody body, JsonBody::parse(request));
  domain::NewMemberCommand command;
  command.email = body.text("email");
  command.display_name = body.text("name");
  command.role = body.text("role", "member");
  command.term_end = body.text("term_end");
  command.handles = body.texts("handles");
  command.employer = body.text("employer");
  TRY(body.result());
  const app::Actor& chair = request.signed_in->actor;
  ASSIGN_OR_RETURN(auto added, app::add_member_with_enrolment(context, chair, command));
  Json value = json::member_json(added.member);
  value["enrolment_token"] = added.link.token;
  return json_response(201, value);
}

Result<Response> offboard_member(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(auto former, app::offboard_member(context, request.signed_in->actor, member_email(request)));
  return json_response(200, json::member_json(former));
}

Result<Response> renew_member(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(JsonBody body, JsonBody::parse(request));
  const std::string term_end = body.text("term_end");
  TRY(body.result());
  ASSIGN_OR_RETURN(auto renewed, app::renew_member(context, request.signed_in->actor, member_email(request), term_end));
  return json_response(200, json::member_json(renewed));
}

Result<Response> reset_member(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(auto link, app::issue_enrolment(context, request.signed_in->actor, member_email(request)));
  return json_response(201, {{"enrolment_token", link.token}, {"expires_at", format_timestamp(link.expires_at)}});
}

Result<Response> certify_member(const Request& request, app::Context& context) {
  TRY(app::certify_member(context, *request.signed_in, request.session_token, member_email(request)));
  return json_response(200, {{"certified", member_email(request)}});
}

// The warnings about failed sign-ins against one account from many addresses (chairs).
Result<Response> sign_in_warnings(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(const auto warnings, app::sign_in_warnings(context, request.signed_in->actor));
  Json items = Json::array();
  for (const app::SignInWarning& warning : warnings) items.push_back(json::sign_in_warning_json(warning));
  return json_response(200, {{"warnings", items}, {"days", app::kSignInWarningDays}});
}

}  // namespace

std::vector<Route> member_routes() {
  return {
      {"GET", "/api/members", Audience::Members, "List the members of the community", list_members},
      {"POST", "/api/members", Audience::Members, "Add a member and issue their enrolment link", add_member},
      {"POST", "/api/members/{email}/offboarding", Audience::Members, "End a membership now", offboard_member},
      {"POST", "/api/members/{email}/renewal", Audience::Members, "Renew a member's term", renew_member},
      {"POST", "/api/members/{email}/reset", Audience::Members,
       "Issue a password-reset link: new password, keys and second factor", reset_member},
      {"GET", "/api/sign-in-warnings", Audience::Members,
       "Warnings about many failed sign-ins against one account (chairs)", sign_in_warnings},
      {"POST", "/api/members/{email}/certification", Audience::Members,
       "Certify an enrolled member's public keys with the chair's", certify_member},
  };
}

}  // namespace conduct::http
