// Signing in and out, enrolment, and the signed-in member (`/api/session`, `/api/me`,
// `/api/enrolment/{token}`). Thin handlers: read the body, call one use case, answer.
#include "app/accounts.h"
#include "crypto/totp.h"
#include "http/json_body.h"
#include "http/responses.h"
#include "http/router.h"
#include "http/session_cookie.h"
#include "json/views.h"

namespace conduct::http {
namespace {

using Json = nlohmann::json;

Json signed_in_json(const app::Actor& actor, const std::string& csrf_token) {
  return {{"member", json::member_json(actor.member)},
          {"community", json::community_json(actor.community)},
          {"csrf_token", csrf_token}};
}

Result<Response> sign_in(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(JsonBody body, JsonBody::parse(request));
  app::SignInCommand command;
  const std::string community = body.text("community");
  if (!community.empty()) command.community = community;
  command.email = body.text("email");
  command.password = body.text("password");
  command.totp_code = body.text("code");
  command.client_address = request.remote_address;
  TRY(body.result());
  ASSIGN_OR_RETURN(const app::SignedIn signed_in, app::sign_in(context, command));
  Response response = json_response(201, signed_in_json(signed_in.actor, signed_in.csrf_token));
  response.headers.emplace_back("Set-Cookie", session_cookie(signed_in.token, request.behind_tls));
  // This browser's next sign-in goes before strangers' (http/server.h).
  response.headers.emplace_back(
      "Set-Cookie", device_cookie(app::issue_device_token(context, signed_in.actor.member.id), request.behind_tls));
  return response;
}

Result<Response> sign_out(const Request& request, app::Context& context) {
  TRY(app::sign_out(context, request.session_token));
  Response response = json_response(200, {{"signed_out", true}});
  response.headers.emplace_back("Set-Cookie", expired_session_cookie(request.behind_tls));
  return response;
}

Result<Response> sign_out_everywhere(const Request& request, app::Context& context) {
  TRY(app::sign_out_everywhere(context, *request.signed_in));
  Response response = json_response(200, {{"signed_out", true}});
  response.headers.emplace_back("Set-Cookie", expired_session_cookie(request.behind_tls));
  return response;
}

Result<Response> me(const Request& request, app::Context&) {
  return json_response(200, signed_in_json(request.signed_in->actor, request.signed_in->session.csrf_token));
}

Result<Response> change_password(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(JsonBody body, JsonBody::parse(request));
  const std::string current = body.text("current_password");
  const std::string next = body.text("new_password");
  TRY(body.result());
  TRY(app::change_password(context, *request.signed_in, current, next, request.remote_address));
  return json_response(200, {{"changed", true}});
}

// The enrolment page asks for this first: who the link is for, and a fresh TOTP secret
// for the member's authenticator app. The secret comes back with the completion.
Result<Response> enrolment(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(auto info, app::check_enrolment(context, request.params.at("token")));
  const std::string secret = crypto::new_totp_secret();
  return json_response(
      200, {{"email", info.member.email},
            {"name", info.member.display_name},
            {"community_name", info.community_name},
            {"totp_secret", crypto::totp_secret_base32(secret)},
            {"otpauth_uri", crypto::otpauth_uri("Conduct " + info.community_name, info.member.email, secret)}});
}

Result<Response> complete_enrolment(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(JsonBody body, JsonBody::parse(request));
  app::EnrolmentCommand command;
  command.token = request.params.at("token");
  command.password = body.text("password");
  command.totp_secret = body.text("totp_secret");
  command.totp_code = body.text("code");
  TRY(body.result());
  ASSIGN_OR_RETURN(auto member, app::complete_enrolment(context, command));
  return json_response(201, {{"enrolled", member.email}});
}

}  // namespace

std::vector<Route> session_routes() {
  return {
      {"POST", "/api/session", Audience::Public, "Sign in with email, password and TOTP code", sign_in,
       RequestBody::Json, Work::PasswordHashing},
      {"DELETE", "/api/session", Audience::Members, "Sign out of this session", sign_out},
      {"DELETE", "/api/sessions", Audience::Members, "Sign out of every session", sign_out_everywhere},
      {"GET", "/api/me", Audience::Members, "The signed-in member and the session's CSRF token", me},
      {"POST", "/api/me/password", Audience::Members, "Change the password", change_password, RequestBody::Json,
       Work::PasswordHashing},
      {"GET", "/api/enrolment/{token}", Audience::Public, "Who an enrolment link is for, and a TOTP secret", enrolment},
      {"POST", "/api/enrolment/{token}", Audience::Public, "Complete an enrolment", complete_enrolment,
       RequestBody::Json, Work::PasswordHashing},
  };
}

}  // namespace conduct::http
