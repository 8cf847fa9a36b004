// Evidence files (`/api/cases/{code}/evidence`): upload, list, download. The upload's
// body is the file itself (application/octet-stream), with its name and an optional
// description in percent-encoded headers; a download is only ever an attachment, as
// opaque bytes that the browser saves and never renders (docs/security.md "Web": attachments
// only as downloads). Thin handlers: access and every rule live in app/evidence.h.
#include <charconv>
#include <optional>
#include <string>

#include "app/evidence.h"
#include "core/field_errors.h"
#include "http/percent_encoding.h"
#include "http/responses.h"
#include "http/router.h"
#include "json/views.h"

namespace conduct::http {
namespace {

// No evidence file has this number: a {number} that is not one names it, so the use
// case answers it like any file the case does not hold.
constexpr int kNoSuchFile = 0;

int file_number_of(const std::string& text) {
  int value = 0;
  const char* const end = text.data() + text.size();
  const auto [stop, problem] = std::from_chars(text.data(), end, value);
  if (text.empty() || problem != std::errc() || stop != end) return kNoSuchFile;
  return value;
}

bool is_octet_stream(const std::string& content_type) {
  const std::string type = content_type.substr(0, content_type.find(';'));
  return type == "application/octet-stream";
}

Result<Response> attach_evidence(const Request& request, app::Context& context) {
  FieldErrors problems;
  // Only raw bytes are accepted, never a form: a page elsewhere cannot send this type
  // across sites without the browser asking first (and the CSRF token is required too).
  if (!is_octet_stream(request.header("content-type")))
    problems.add("content-type", "must be application/octet-stream, with the file's bytes as the body");
  const std::optional<std::string> name = percent_decode(request.header("x-file-name"));
  if (!name) problems.add("name", "the X-File-Name header must be percent-encoded UTF-8");
  const std::optional<std::string> description = percent_decode(request.header("x-description"));
  if (!description) problems.add("description", "the X-Description header must be percent-encoded UTF-8");
  TRY(problems.result("the upload has problems"));
  ASSIGN_OR_RETURN(auto attached, app::attach_evidence(context, request.signed_in->actor, request.case_code(),
                                                       {*name, *description, request.body}));
  return json_response(201, json::evidence_json(attached));
}

Result<Response> list_evidence(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(auto files, app::list_evidence(context, request.signed_in->actor, request.case_code()));
  nlohmann::json items = nlohmann::json::array();
  for (const domain::EvidenceFile& file : files) items.push_back(json::evidence_json(file));
  return json_response(200,
                       {{"files", items}, {"max_bytes", request.signed_in->actor.community.policy.evidence_max_bytes}});
}

Result<Response> download_evidence(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(auto content, app::read_evidence(context, request.signed_in->actor, request.case_code(),
                                                    file_number_of(request.params.at("number"))));
  Response response;
  response.status = 200;
  response.content_type = "application/octet-stream";
  response.body = std::move(content.bytes);
  response.headers.emplace_back("Content-Disposition",
                                "attachment; filename*=UTF-8''" + percent_encode_attribute(content.file.name));
  return response;
}

}  // namespace

std::vector<Route> evidence_routes() {
  return {
      {"POST", "/api/cases/{code}/evidence", Audience::Members,
       "Attach an evidence file: the file's bytes as the body, its name in X-File-Name", attach_evidence,
       RequestBody::File},
      {"GET", "/api/cases/{code}/evidence", Audience::Members, "The evidence files of a case, with the size limit",
       list_evidence},
      {"GET", "/api/cases/{code}/evidence/{number}", Audience::Members, "Download an evidence file, as an attachment",
       download_evidence},
  };
}

}  // namespace conduct::http
