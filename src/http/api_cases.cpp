// Cases (`/api/cases/...`, `/api/screening`): opening and listing cases, a case's
// record, notes, further reports, transitions, conflicts of interest, screening,
// adviser invitations and board oversight. Thin handlers: read the request, call one
// use case, answer with the shared JSON views. Access is decided by the use cases.
#include <algorithm>
#include <charconv>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>

#include "app/case_links.h"
#include "app/cases.h"
#include "app/conflicts.h"
#include "core/field_errors.h"
#include "http/json_body.h"
#include "http/query_values.h"
#include "http/responses.h"
#include "http/router.h"
#include "json/views.h"

namespace conduct::http {
namespace {

using Json = nlohmann::json;

// No oversight request has this id: a {id} that is not a number names it, so the use
// case answers it exactly as it answers any request that does not exist.
constexpr std::int64_t kNoSuchRequest = 0;

// JSON numbers are 64-bit; the use cases count in int. A value outside int saturates,
// which the use case then refuses as out of range like any other bad count.
std::optional<int> as_int(std::optional<std::int64_t> value) {
  if (!value) return std::nullopt;
  return static_cast<int>(
      std::clamp<std::int64_t>(*value, std::numeric_limits<int>::min(), std::numeric_limits<int>::max()));
}

// The fields every report has: its text, how it arrived, and the people it names.
domain::ReportInput read_report(JsonBody& body) {
  domain::ReportInput input;
  input.report_text = body.text("report");
  input.channel = body.text("channel", input.channel);
  input.content_notes = body.texts("content_notes");
  for (JsonBody& party : body.objects("parties")) {
    domain::PartyInput& added = input.parties.emplace_back();
    added.role = party.text("role");
    added.name = party.text("name");
    added.contact = party.text("contact");
    added.person = party.text("person");
    added.employer = party.text("employer");
  }
  return input;
}

// The case list's paging and state: `state`, `limit` and `offset`, every bad value
// named at once (the plain-column filters are domain::parse_case_criteria's).
Result<store::CaseFilter> case_filter_of(const std::map<std::string, std::string>& query) {
  FieldErrors problems;
  store::CaseFilter filter;
  if (const auto state = query.find("state"); state != query.end()) {
    filter.state = domain::parse_case_state(state->second);
    if (!filter.state)
      problems.add("state", "must be one of " + domain::names_of<domain::CaseState>(domain::case_state_names()));
  }
  const Page page = page_of(query, problems);
  filter.limit = page.limit;
  filter.offset = page.offset;
  TRY(problems.result("the query has problems"));
  return filter;
}

Result<Response> list_cases(const Request& request, app::Context& context) {
  const app::Actor& actor = request.signed_in->actor;
  auto filter = case_filter_of(request.query);
  auto criteria = domain::parse_case_criteria(request.query, actor.community.policy);
  if (!filter.ok() || !criteria.ok()) {  // every bad value named at once
    Error both = !filter.ok() ? filter.error() : criteria.error();
    if (!filter.ok() && !criteria.ok())
      for (const auto& [field, problem] : criteria.error().fields) both.fields[field] = problem;
    return both;
  }
  ASSIGN_OR_RETURN(auto listed, app::list_cases(context, actor, *filter, *criteria));
  return json_text_response(200, json::case_summaries_text(listed));
}

Result<Response> open_case(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(JsonBody body, JsonBody::parse(request));
  domain::NewCaseCommand command;
  command.report = read_report(body);
  command.occurred_on = body.text("occurred_on");
  command.space = body.text("space");
  command.location = body.text("location");
  command.ongoing = body.flag("ongoing");
  command.physical_danger = body.flag("physical_danger");
  command.categories = body.texts("categories");
  TRY(body.result());
  ASSIGN_OR_RETURN(auto opened, app::open_case(context, request.signed_in->actor, command));
  return json_text_response(201, json::case_record_text(opened));
}

Result<Response> show_case(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(auto shown, app::show_case(context, request.signed_in->actor, request.case_code()));
  return json_text_response(200, json::case_record_text(shown));
}

Result<Response> add_note(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(JsonBody body, JsonBody::parse(request));
  domain::NoteCommand command;
  command.kind = body.text("kind", command.kind);
  command.text = body.text("text");
  command.corrects = as_int(body.number("corrects"));
  TRY(body.result());
  ASSIGN_OR_RETURN(auto written, app::add_note(context, request.signed_in->actor, request.case_code(), command));
  return json_response(201, json::entry_json(written));
}

Result<Response> add_report(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(JsonBody body, JsonBody::parse(request));
  const domain::ReportInput input = read_report(body);
  TRY(body.result());
  ASSIGN_OR_RETURN(auto added, app::add_report(context, request.signed_in->actor, request.case_code(), input));
  return json_response(201, {{"number", added.number}, {"channel", domain::to_string(added.channel)}});
}

Result<Response> show_links(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(auto links, app::show_case_links(context, request.signed_in->actor, request.case_code()));
  return json_response(200, json::case_links_json(links));
}

Result<Response> link_case(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(JsonBody body, JsonBody::parse(request));
  const std::string linked = body.text("case");
  const std::string note = body.text("note");
  const bool duplicate = body.flag("duplicate");
  TRY(body.result());
  ASSIGN_OR_RETURN(auto links,
                   app::link_case(context, request.signed_in->actor, request.case_code(), linked, note, duplicate));
  return json_response(201, json::case_links_json(links));
}

Result<Response> split_case(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(JsonBody body, JsonBody::parse(request));
  const std::string reason = body.text("reason");
  TRY(body.result());
  ASSIGN_OR_RETURN(auto links, app::split_case(context, request.signed_in->actor, request.case_code(),
                                               request.params.at("linked"), reason));
  return json_response(200, json::case_links_json(links));
}

Result<Response> transition_case(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(JsonBody body, JsonBody::parse(request));
  domain::TransitionCommand command;
  command.to = body.text("to");
  command.reason = body.text("reason");
  command.resolution_source = body.text("resolution_source");
  command.resolution_outcome = body.text("outcome");
  TRY(body.result());
  ASSIGN_OR_RETURN(auto moved, app::transition_case(context, request.signed_in->actor, request.case_code(), command));
  return json_response(200, json::case_summary_json(moved));
}

Result<Response> change_flags(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(JsonBody body, JsonBody::parse(request));
  domain::FlagsCommand command;
  command.ongoing = body.optional_flag("ongoing");
  command.physical_danger = body.optional_flag("physical_danger");
  command.reason = body.text("reason");
  TRY(body.result());
  ASSIGN_OR_RETURN(auto changed, app::change_flags(context, request.signed_in->actor, request.case_code(), command));
  return json_response(200, json::case_summary_json(changed));
}

Result<Response> declare_conflict(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(JsonBody body, JsonBody::parse(request));
  const std::string note = body.text("note");
  TRY(body.result());
  TRY(app::declare_conflict(context, request.signed_in->actor, request.case_code(), note));
  return json_response(201, {{"declared", true}});
}

Result<Response> cases_to_screen(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(auto items, app::cases_to_screen(context, request.signed_in->actor));
  Json list = Json::array();
  for (const app::ScreeningItem& item : items) list.push_back(json::screening_item_json(item));
  return json_response(200, {{"cases", list}});
}

Result<Response> clear_case(const Request& request, app::Context& context) {
  TRY(app::clear_case(context, request.signed_in->actor, request.case_code()));
  return json_response(200, {{"cleared", true}});
}

Result<Response> access_requests(const Request& request, app::Context& context) {
  FieldErrors problems;
  const auto limit =
      number_in_range(request.query, "limit", 1, static_cast<std::int64_t>(app::kAccessQueueMaxLimit), problems);
  TRY(problems.result("the query has problems"));
  ASSIGN_OR_RETURN(auto queue,
                   app::access_requests(context, request.signed_in->actor,
                                        limit ? static_cast<std::size_t>(*limit) : app::kAccessQueueDefaultLimit));
  Json list = Json::array();
  for (const app::AccessRequest& item : queue.requests)
    list.push_back({{"case", json::case_summary_json(item.summary)},
                    {"member", json::member_json(item.member)},
                    {"kind", item.kind},
                    {"waiting_since", format_timestamp(item.waiting_since)}});
  return json_response(200, {{"requests", list}, {"more", queue.more}});
}

Result<Response> approve_access(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(JsonBody body, JsonBody::parse(request));
  const std::string member = body.text("member");
  TRY(body.result());
  TRY(app::approve_access(context, request.signed_in->actor, request.case_code(), member));
  return json_response(200, {{"approved", member}});
}

Result<Response> invite_adviser(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(JsonBody body, JsonBody::parse(request));
  const std::string adviser = body.text("adviser");
  TRY(body.result());
  TRY(app::invite_adviser(context, request.signed_in->actor, request.case_code(), adviser));
  return json_response(201, {{"invited", adviser}});
}

Result<Response> request_oversight(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(JsonBody body, JsonBody::parse(request));
  const std::string reason = body.text("reason");
  const int days = as_int(body.number("days")).value_or(0);  // absent: refused as out of range
  TRY(body.result());
  ASSIGN_OR_RETURN(auto grant,
                   app::request_oversight(context, request.signed_in->actor, request.case_code(), reason, days));
  return json_response(202, json::oversight_request_receipt_json(grant));
}

// The requests that named no case their board member may ask about (chairs).
Result<Response> unmatched_oversight_requests(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(auto requests, app::unmatched_oversight_requests(context, request.signed_in->actor));
  Json items = Json::array();
  for (const app::UnmatchedOversightRequest& asked : requests)
    items.push_back(json::unmatched_oversight_request_json(asked));
  return json_response(200, {{"requests", items}});
}

Result<Response> oversight_requests(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(auto grants, app::oversight_requests(context, request.signed_in->actor, request.case_code()));
  Json items = Json::array();
  for (const domain::OversightGrant& grant : grants)
    items.push_back(json::oversight_grant_json(grant, json::GrantReason::Include));
  return json_response(200, {{"requests", items}});
}

Result<Response> approve_oversight(const Request& request, app::Context& context) {
  const std::int64_t id = whole_number(request.params.at("id")).value_or(kNoSuchRequest);
  TRY(app::approve_oversight(context, request.signed_in->actor, request.case_code(), id));
  return json_response(200, {{"approved", id}});
}

}  // namespace

std::vector<Route> case_routes() {
  return {
      {"GET", "/api/cases", Audience::Members, "List the cases the member may see, newest first", list_cases},
      {"POST", "/api/cases", Audience::Members, "Open a case from its first report", open_case},
      {"GET", "/api/cases/{code}", Audience::Members, "A case with its reports, parties and timeline", show_case},
      {"POST", "/api/cases/{code}/entries", Audience::Members, "Add a note to a case's timeline", add_note},
      {"POST", "/api/cases/{code}/reports", Audience::Members, "Add a further report to a case", add_report},
      {"POST", "/api/cases/{code}/transitions", Audience::Members, "Move a case to another state", transition_case},
      {"POST", "/api/cases/{code}/flags", Audience::Members,
       "Change whether a case is ongoing or a physical danger, with the reason", change_flags},
      {"GET", "/api/cases/{code}/links", Audience::Members,
       "The case a case is linked into, or the cases linked into it with their reports", show_links},
      {"POST", "/api/cases/{code}/links", Audience::Members,
       "Link another case into this one: its reports are about the same incident", link_case},
      {"POST", "/api/cases/{code}/links/{linked}/split", Audience::Members, "Split a linked case out again",
       split_case},
      {"POST", "/api/cases/{code}/conflicts", Audience::Members,
       "Declare a conflict of interest: the case is hidden from the member from then on", declare_conflict},
      {"GET", "/api/screening", Audience::Members, "The cases the member must screen for conflicts", cases_to_screen},
      {"GET", "/api/access-requests", Audience::Members, "The queue of pending grants on the cases the member holds",
       access_requests},
      {"POST", "/api/cases/{code}/access-approvals", Audience::Members, "Grant a waiting member the case",
       approve_access},
      {"POST", "/api/cases/{code}/screening", Audience::Members, "Declare no conflict with a case to screen",
       clear_case},
      {"POST", "/api/cases/{code}/invitations", Audience::Members, "Let an adviser see one case", invite_adviser},
      {"POST", "/api/cases/{code}/oversight", Audience::Members, "Ask for board oversight of a case",
       request_oversight},
      {"GET", "/api/cases/{code}/oversight", Audience::Members, "The oversight requests of a case, with reasons",
       oversight_requests},
      {"POST", "/api/cases/{code}/oversight/{id}/approval", Audience::Members, "Approve an oversight request",
       approve_oversight},
      {"GET", "/api/oversight-requests/unmatched", Audience::Members,
       "Oversight requests that named no case their board member may ask about (chairs)", unmatched_oversight_requests},
  };
}

}  // namespace conduct::http
