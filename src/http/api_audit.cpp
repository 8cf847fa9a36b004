// GET /api/audit: the community's audit trail, newest first, for chairs, vice-chairs
// and board members (who did what and when; never any content). `case` narrows it to
// one case, `before` pages back from a sequence number, `limit` is 1–500 (100).
#include <nlohmann/json.hpp>

#include "app/audit.h"
#include "core/field_errors.h"
#include "http/query_values.h"
#include "http/responses.h"
#include "http/router.h"
#include "json/views.h"

namespace conduct::http {
namespace {

using Json = nlohmann::json;

constexpr std::int64_t kDefaultEntries = 100;
constexpr std::int64_t kMostEntries = 500;

Result<app::AuditTrailQuery> trail_query_of(const std::map<std::string, std::string>& query) {
  FieldErrors problems;
  app::AuditTrailQuery trail;
  trail.limit = kDefaultEntries;
  if (const auto code = query.find("case"); code != query.end() && !code->second.empty())
    trail.case_code = code->second;
  trail.before_seq = number_in_range(query, "before", 1, std::nullopt, problems);
  if (const auto limit = number_in_range(query, "limit", 1, kMostEntries, problems))
    trail.limit = static_cast<std::size_t>(*limit);
  TRY(problems.result("the query has problems"));
  return trail;
}

Result<Response> audit_trail(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(const app::AuditTrailQuery query, trail_query_of(request.query));
  ASSIGN_OR_RETURN(auto trail, app::audit_trail(context, request.signed_in->actor, query));
  Json entries = Json::array();
  for (const crypto::AuditEntry& entry : trail.entries)
    entries.push_back(json::audit_entry_json(entry, trail.actor_names));
  return json_response(200, {{"entries", entries}});
}

}  // namespace

std::vector<Route> audit_routes() {
  return {
      {"GET", "/api/audit", Audience::Members, "The audit trail: who did what and when (chairs and the board)",
       audit_trail},
  };
}

}  // namespace conduct::http
