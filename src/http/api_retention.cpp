// Legal holds (`/api/cases/{code}/legal-hold`): a chair places one to keep a case from
// being expunged by retention, and lifts it. Thin handlers: the use cases in
// app/retention.h decide who may.
#include "app/retention.h"
#include "http/responses.h"
#include "http/router.h"

namespace conduct::http {
namespace {

Result<Response> place_legal_hold(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(auto hold, app::place_legal_hold(context, request.signed_in->actor, request.case_code()));
  return json_response(201, {{"legal_hold", {{"since", format_timestamp(hold.since)}, {"placed_by", hold.placed_by}}}});
}

Result<Response> lift_legal_hold(const Request& request, app::Context& context) {
  TRY(app::lift_legal_hold(context, request.signed_in->actor, request.case_code()));
  return json_response(200, {{"legal_hold", nullptr}});
}

}  // namespace

std::vector<Route> retention_routes() {
  return {
      {"POST", "/api/cases/{code}/legal-hold", Audience::Members, "Place a legal hold on a case", place_legal_hold},
      {"DELETE", "/api/cases/{code}/legal-hold", Audience::Members, "Lift a case's legal hold", lift_legal_hold},
  };
}

}  // namespace conduct::http
