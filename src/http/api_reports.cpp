// Reports from people without an account, through the API: what the form offers, and
// a report sent as JSON (the same use case as the public form's). And the reporter's
// thread as members see it on a case.
#include <nlohmann/json.hpp>

#include "app/catalogue.h"
#include "app/intake.h"
#include "app/mail_queue.h"
#include "app/quarantine.h"
#include "app/reporter_thread.h"
#include "domain/code_name.h"
#include "domain/text_checks.h"
#include "http/json_body.h"
#include "http/responses.h"
#include "http/router.h"
#include "json/views.h"
#include "json/writer.h"

namespace conduct::http {
namespace {

Result<Response> report_form(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(const app::ReportFormFacts facts, app::report_form_facts(context, request.params.at("community")));
  nlohmann::json spaces = nlohmann::json::array();
  for (const domain::Space& space : facts.community.policy.spaces)
    spaces.push_back({{"key", space.key}, {"name", space.name}});
  nlohmann::json members = nlohmann::json::array();
  for (const app::NameableMember& member : facts.members)
    members.push_back({{"id", member.id}, {"name", member.display_name}});
  nlohmann::json languages = nlohmann::json::array();
  for (const auto& [code, name] : app::shipped_catalogue().languages())
    languages.push_back({{"code", code}, {"name", name}});
  return json_response(200, {{"community", {{"slug", facts.community.slug}, {"name", facts.community.name}}},
                             {"spaces", spaces},
                             {"members", members},
                             {"languages", languages}});
}

Result<Response> submit_report(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(JsonBody body, JsonBody::parse(request));
  domain::PublicReport report;
  report.reporter_name = body.text("reporter_name");
  report.reporter_email = body.text("reporter_email");
  report.answer_by_email = body.flag("answer_by_email");
  for (JsonBody& person : body.objects("people"))
    report.people.push_back({person.text("role"), person.text("name"), person.text("handle")});
  report.occurred_on = body.text("occurred_on");
  report.when = body.text("when");
  report.space = body.text("space");
  report.where = body.text("where");
  report.what_happened = body.text("what_happened");
  report.links = body.text("links");
  report.context = body.text("context");
  report.ongoing = body.flag("ongoing");
  report.physical_danger = body.flag("physical_danger");
  report.handled_locally = body.flag("handled_locally");
  report.report_language = body.text("report_language");
  report.translation_tools = body.flag("translation_tools");
  report.content_notes = body.texts("content_notes");
  report.escrow = body.flag("escrow");
  const std::string language = body.text("language");
  for (const std::string& id : body.texts("concerned_members"))
    report.concerned_members.push_back(domain::record_id_from_text(id));
  TRY(body.result());
  const std::string reads = app::shipped_catalogue().choose(language, request.header("accept-language"));
  ASSIGN_OR_RETURN(
      const app::SubmittedReport submitted,
      app::submit_public_report(context, request.params.at("community"), report, {request.remote_address, reads}));
  nlohmann::json answer = {{"receipt", submitted.receipt}, {"language", reads}};
  answer["acknowledged_to"] = submitted.acknowledged_to ? nlohmann::json(*submitted.acknowledged_to) : nullptr;
  return json_response(201, answer);
}

nlohmann::json message_json(const app::ThreadMessage& message) {
  return {{"number", message.number},
          {"direction", message.to_reporter ? "to-reporter" : "from-reporter"},
          {"author_id", message.author_id ? nlohmann::json(*message.author_id) : nullptr},
          {"text", message.text},
          {"created_at", format_timestamp(message.created_at)}};
}

Result<Response> show_thread(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(const app::ReporterThreadView view,
                   app::read_reporter_thread(context, request.signed_in->actor, request.case_code()));
  nlohmann::json messages = nlohmann::json::array();
  for (const app::ThreadMessage& message : view.messages) messages.push_back(message_json(message));
  return json_response(200, {{"exists", view.exists},
                             {"answer_by_email", view.answer_by_email},
                             {"language", view.language},
                             {"messages", messages}});
}

Result<Response> write_to_reporter(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(JsonBody body, JsonBody::parse(request));
  const std::string text = body.text("text");
  TRY(body.result());
  ASSIGN_OR_RETURN(const app::ThreadMessage written,
                   app::write_to_reporter(context, request.signed_in->actor, request.case_code(), text));
  return json_response(201, message_json(written));
}

nlohmann::json mail_states(const std::vector<store::QueuedMailRow>& rows) {
  nlohmann::json mail = nlohmann::json::array();
  for (const store::QueuedMailRow& row : rows) {
    const char* status = row.status == store::MailStatus::Sent     ? "sent"
                         : row.status == store::MailStatus::Failed ? "failed"
                         : row.attempts > 0                        ? "retrying"
                                                                   : "queued";
    mail.push_back(
        {{"kind", row.kind},
         {"status", status},
         {"attempts", row.attempts},
         {"last_error", row.last_error},
         {"queued_at", format_timestamp(row.created_at)},
         {"sent_at", row.sent_at ? nlohmann::json(format_timestamp(*row.sent_at)) : nullptr},
         {"next_attempt_at",
          row.status == store::MailStatus::Queued ? nlohmann::json(format_timestamp(row.next_attempt_at)) : nullptr}});
  }
  return mail;
}

Result<Response> case_mail(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(const std::vector<store::QueuedMailRow> rows,
                   app::case_mail(context, request.signed_in->actor, request.case_code()));
  return json_response(200, {{"mail", mail_states(rows)}});
}

Result<Response> mail_needing_attention(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(const std::vector<store::QueuedMailRow> rows,
                   app::mail_needing_attention(context, request.signed_in->actor));
  return json_response(200, {{"mail", mail_states(rows)}});
}

std::int64_t quarantine_id(const Request& request) { return domain::record_id_from_text(request.params.at("message")); }

Result<Response> list_quarantine(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(const std::vector<app::QuarantineSummary> waiting,
                   app::list_quarantine(context, request.signed_in->actor));
  nlohmann::json messages = nlohmann::json::array();
  for (const app::QuarantineSummary& one : waiting) messages.push_back(json::quarantine_json(one));
  return json_response(200, {{"messages", messages}});
}

Result<Response> read_quarantined(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(const app::QuarantinedMessage message,
                   app::read_quarantined(context, request.signed_in->actor, quarantine_id(request)));
  nlohmann::json answer = json::quarantine_json(message.summary);
  answer["from"] = message.from;
  answer["subject"] = message.subject;
  answer["text"] = message.text;
  answer["files"] = message.file_names;
  return json_response(200, answer);
}

// The whole message as it arrived, only ever as an attachment.
Result<Response> download_quarantined(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(app::QuarantinedMessage message,
                   app::read_quarantined(context, request.signed_in->actor, quarantine_id(request)));
  Response response;
  response.status = 200;
  response.content_type = "application/octet-stream";
  response.body = std::move(message.raw);
  response.headers.emplace_back("Content-Disposition",
                                "attachment; filename=\"quarantined-" + std::to_string(message.summary.id) + ".eml\"");
  return response;
}

Result<Response> file_quarantined(const Request& request, app::Context& context) {
  ASSIGN_OR_RETURN(JsonBody body, JsonBody::parse(request));
  const std::string code = body.text("case");
  TRY(body.result());
  ASSIGN_OR_RETURN(const std::string filed,
                   app::file_quarantined(context, request.signed_in->actor, quarantine_id(request), code));
  return json_response(200, {{"id", quarantine_id(request)}, {"case", domain::url_form(filed)}});
}

Result<Response> discard_quarantined(const Request& request, app::Context& context) {
  TRY(app::discard_quarantined(context, request.signed_in->actor, quarantine_id(request)));
  return json_response(200, {{"id", quarantine_id(request)}, {"discarded", true}});
}

}  // namespace

std::vector<Route> report_routes() {
  return {
      {"GET", "/api/reports/{community}/form", Audience::Public, "What the public report form offers", report_form},
      {"POST", "/api/reports/{community}", Audience::Public, "Send a report without an account", submit_report,
       RequestBody::Json, Work::PasswordHashing},
      {"GET", "/api/cases/{code}/thread", Audience::Members, "The messages with the case's reporter", show_thread},
      {"POST", "/api/cases/{code}/thread", Audience::Members, "Write to the case's reporter", write_to_reporter},
      {"GET", "/api/cases/{code}/mail", Audience::Members, "The mail sent about a case, and its state", case_mail},
      {"GET", "/api/mail/attention", Audience::Members, "Mail that failed or is being retried (chairs)",
       mail_needing_attention},
      {"GET", "/api/mail/quarantine", Audience::Members, "Incoming mail waiting in quarantine (chairs)",
       list_quarantine},
      {"GET", "/api/mail/quarantine/{message}", Audience::Members, "Read a quarantined message (chairs; audited)",
       read_quarantined},
      {"GET", "/api/mail/quarantine/{message}/raw", Audience::Members,
       "Download a quarantined message whole, as an attachment (chairs; audited)", download_quarantined},
      {"POST", "/api/mail/quarantine/{message}/filing", Audience::Members,
       "File a quarantined message into a case, or a new one (chairs)", file_quarantined},
      {"POST", "/api/mail/quarantine/{message}/discarding", Audience::Members, "Discard a quarantined message (chairs)",
       discard_quarantined},
  };
}

}  // namespace conduct::http
