// The public report form (/report/{community}) and its confirmation page: plain HTML
// forms that need no script, every field labelled, help and errors tied to their field
// (aria-describedby), an error summary that links to each field, and the advice to
// call emergency services shown as soon as "someone is in physical danger" is ticked
// (a CSS rule, public.css). The words come from the catalogue (app/catalogue.h).
#include <algorithm>

#include "app/catalogue.h"
#include "app/intake.h"
#include "domain/text_checks.h"
#include "http/form_body.h"
#include "http/html.h"
#include "http/multipart_body.h"
#include "http/reporter_files.h"
#include "http/responses.h"
#include "http/router.h"

namespace conduct::http {
namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;
constexpr int kPersonRows = 3;

struct FormState {
  std::string language;
  Fields values;
  std::map<std::string, std::string> errors;  // by field name, already in words
  std::string notice;                         // a message above the form (too many reports)
};

class Words {
 public:
  explicit Words(std::string language) : language_(std::move(language)) {}
  std::string operator()(std::string_view key,
                         const std::vector<std::pair<std::string, std::string>>& values = {}) const {
    return escape_html(app::shipped_catalogue().text(language_, key, values));
  }
  const std::string& language() const { return language_; }

 private:
  std::string language_;
};

std::string value_of(const FormState& state, const std::string& name) { return form_value(state.values, name); }
bool ticked(const FormState& state, const std::string& name) { return !value_of(state, name).empty(); }

// The attributes tying a field to its help and its error.
std::string described(const FormState& state, const std::string& id, bool has_help) {
  std::string ids;
  if (has_help) ids += id + "-help";
  const bool wrong = state.errors.count(id) != 0;
  if (wrong) ids += (ids.empty() ? "" : " ") + id + "-error";
  std::string attributes;
  if (!ids.empty()) attributes += " aria-describedby=\"" + escape_html(ids) + "\"";
  if (wrong) attributes += " aria-invalid=\"true\"";
  return attributes;
}

std::string error_line(const FormState& state, const std::string& id) {
  const auto found = state.errors.find(id);
  if (found == state.errors.end()) return {};
  return "<p class=\"field-error\" id=\"" + escape_html(id) + "-error\">" + escape_html(found->second) + "</p>";
}

std::string text_field(const FormState& state, const Words& words, const std::string& id, const std::string& label_key,
                       const std::string& type = "text", const std::string& help_key = {},
                       const std::string& extra = {}) {
  std::string html = "<div class=\"field\"><label for=\"" + id + "\">" + words(label_key) + "</label>";
  if (!help_key.empty()) html += "<p class=\"help\" id=\"" + id + "-help\">" + words(help_key) + "</p>";
  html += error_line(state, id);
  html += "<input type=\"" + type + "\" id=\"" + id + "\" name=\"" + id + "\" value=\"" +
          escape_html(value_of(state, id)) + "\"" + described(state, id, !help_key.empty()) + extra + "></div>";
  return html;
}

std::string text_area(const FormState& state, const Words& words, const std::string& id, const std::string& label_key,
                      const std::string& help_key = {}, bool required = false, int rows = 4) {
  std::string html = "<div class=\"field\"><label for=\"" + id + "\">" + words(label_key) + "</label>";
  if (!help_key.empty()) html += "<p class=\"help\" id=\"" + id + "-help\">" + words(help_key) + "</p>";
  html += error_line(state, id);
  html += "<textarea id=\"" + id + "\" name=\"" + id + "\" rows=\"" + std::to_string(rows) + "\"" +
          described(state, id, !help_key.empty()) + (required ? " required" : "") + ">" +
          escape_html(value_of(state, id)) + "</textarea></div>";
  return html;
}

std::string check_box(const FormState& state, const Words& words, const std::string& id, const std::string& label_key,
                      const std::string& extra = {}) {
  return "<div class=\"check\"><input type=\"checkbox\" id=\"" + id + "\" name=\"" + id + "\" value=\"yes\"" +
         (ticked(state, id) ? " checked" : "") + extra + "><label for=\"" + id + "\">" + words(label_key) +
         "</label></div>";
}

// The policy's limits on a reporter's files, as the catalogue's words take them.
std::vector<std::pair<std::string, std::string>> file_limits(const domain::Policy& policy) {
  return file_limit_words(policy.intake.reporter_files_most, policy.intake.reporter_files_max_bytes,
                          policy.evidence_max_bytes);
}

std::string report_form_html(const app::ReportFormFacts& facts, const FormState& state, const std::string& path) {
  const Words words(state.language);
  const std::vector<std::pair<std::string, std::string>> community = {{"community", facts.community.name}};
  std::string html = "<h1>" + words("form.title", community) + "</h1>";
  html += "<div class=\"danger-note\" role=\"note\"><h2>" + words("form.danger_title") + "</h2><p>" +
          words("form.danger_advice") + "</p></div>";
  html += "<p>" + words("form.intro", community) + "</p><p>" + words("form.required_note") + "</p>";
  if (!state.notice.empty()) html += "<p class=\"notice\" role=\"alert\">" + escape_html(state.notice) + "</p>";
  if (!state.errors.empty()) {
    html +=
        "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\"><h2>" + words("form.errors_title") + "</h2><ul>";
    for (const auto& [field, problem] : state.errors)
      html += "<li><a href=\"#" + escape_html(field) + "\">" + escape_html(problem) + "</a></li>";
    html += "</ul></div>";
  }
  const bool takes_files = facts.community.policy.intake.reporter_files_most > 0;
  html += "<form method=\"post\" action=\"" + escape_html(path) + "\" accept-charset=\"utf-8\"" +
          (takes_files ? " enctype=\"multipart/form-data\"" : "") + ">";
  html += "<input type=\"hidden\" name=\"lang\" value=\"" + escape_html(state.language) + "\">";

  html += "<fieldset><legend>" + words("form.account") + "</legend>";
  html += text_area(state, words, "what_happened", "form.what_happened", "form.what_happened_help", true, 8);
  html += text_area(state, words, "links", "form.links", "form.links_help", false, 3);
  html += text_area(state, words, "context", "form.context", {}, false, 3);
  html += check_box(state, words, "ongoing", "form.ongoing");
  html += "<div class=\"danger-choice\">" +
          check_box(state, words, "physical_danger", "form.physical_danger", " aria-describedby=\"danger-advice\"") +
          "<p class=\"danger-advice\" id=\"danger-advice\">" + words("form.danger_advice") + "</p></div>";
  html += check_box(state, words, "handled_locally", "form.handled_locally");
  html += "</fieldset>";

  const std::vector<std::string> noted = form_values(state.values, "content_notes");
  html += "<fieldset id=\"content_notes\"><legend>" + words("form.content_notes") + "</legend><p class=\"help\">" +
          words("form.content_notes_help") + "</p>" + error_line(state, "content_notes");
  for (const std::string& kind : domain::content_note_kinds()) {
    const std::string id = "note-" + kind;
    const bool checked = std::find(noted.begin(), noted.end(), kind) != noted.end();
    html += "<div class=\"check\"><input type=\"checkbox\" id=\"" + id + "\" name=\"content_notes\" value=\"" + kind +
            "\"" + (checked ? " checked" : "") + "><label for=\"" + id + "\">" + words("content_note." + kind) +
            "</label></div>";
  }
  html += "</fieldset>";

  html +=
      "<fieldset><legend>" + words("form.people") + "</legend><p class=\"help\">" + words("form.people_help") + "</p>";
  for (int n = 1; n <= kPersonRows; ++n) {
    const std::string prefix = "people[" + std::to_string(n) + "]";
    html += "<fieldset class=\"person\"><legend>" + words("form.person_n", {{"n", std::to_string(n)}}) + "</legend>";
    const std::string role_id = prefix + ".role";
    const std::string role = value_of(state, role_id);
    html += "<div class=\"field\"><label for=\"" + role_id + "\">" + words("form.person_role") + "</label>" +
            error_line(state, role_id) + "<select id=\"" + role_id + "\" name=\"" + role_id + "\">";
    for (const auto& [value, key] :
         std::vector<std::pair<std::string, std::string>>{{"reported-person", "form.role_reported"},
                                                          {"harmed-individual", "form.role_harmed"},
                                                          {"witness", "form.role_witness"}})
      html += "<option value=\"" + value + "\"" + (role == value ? " selected" : "") + ">" + words(key) + "</option>";
    html += "</select></div>";
    html += text_field(state, words, prefix + ".name", "form.person_name");
    html += text_field(state, words, prefix + ".handle", "form.person_handle");
    html += "</fieldset>";
  }
  // Escrow concerns the person who behaved badly, so it follows the people's rows.
  html += "<div class=\"field\">" + error_line(state, "escrow") +
          check_box(state, words, "escrow", "form.escrow", described(state, "escrow", true)) +
          "<p class=\"help\" id=\"escrow-help\">" + words("form.escrow_help") + "</p></div>";
  html += "</fieldset>";

  html += "<fieldset><legend>" + words("form.when_where") + "</legend>";
  html += text_field(state, words, "occurred_on", "form.occurred_on", "date");
  html += text_field(state, words, "when", "form.when", "text", "form.when_help");
  const std::string space = value_of(state, "space");
  html += "<div class=\"field\"><label for=\"space\">" + words("form.space") + "</label>" + error_line(state, "space") +
          "<select id=\"space\" name=\"space\"" + described(state, "space", false) + "><option value=\"\">" +
          words("form.space_unsure") + "</option>";
  for (const domain::Space& each : facts.community.policy.spaces)
    html += "<option value=\"" + escape_html(each.key) + "\"" + (space == each.key ? " selected" : "") + ">" +
            escape_html(each.name) + "</option>";
  html += "</select></div>";
  html += text_field(state, words, "where", "form.where");
  html += "</fieldset>";

  html += "<fieldset><legend>" + words("form.about_you") + "</legend><p class=\"help\">" +
          words("form.about_you_help") + "</p>";
  html += text_field(state, words, "reporter_name", "form.reporter_name", "text", {}, " autocomplete=\"name\"");
  html += text_field(state, words, "reporter_email", "form.reporter_email", "email", {}, " autocomplete=\"email\"");
  html += error_line(state, "answer_by_email") + check_box(state, words, "answer_by_email", "form.answer_by_email");
  html += "</fieldset>";

  html += "<fieldset><legend>" + words("form.language_title") + "</legend>";
  html += text_field(state, words, "report_language", "form.report_language");
  html += check_box(state, words, "translation_tools", "form.translation_tools");
  html += "</fieldset>";

  if (!facts.members.empty()) {
    const std::vector<std::string> picked = form_values(state.values, "concerned_members");
    html += "<fieldset id=\"concerned_members\"><legend>" + words("form.concerned") + "</legend><p class=\"help\">" +
            words("form.concerned_help") + "</p>" + error_line(state, "concerned_members");
    for (const app::NameableMember& member : facts.members) {
      const std::string id = "member-" + std::to_string(member.id);
      const std::string value = std::to_string(member.id);
      const bool checked = std::find(picked.begin(), picked.end(), value) != picked.end();
      html += "<div class=\"check\"><input type=\"checkbox\" id=\"" + id + "\" name=\"concerned_members\" value=\"" +
              value + "\"" + (checked ? " checked" : "") + "><label for=\"" + id + "\">" +
              escape_html(member.display_name) + "</label></div>";
    }
    html += "</fieldset>";
  }
  if (takes_files) {
    html += "<div class=\"field\"><label for=\"files\">" + words("form.files") +
            "</label><p class=\"help\" id=\"files-help\">" +
            words("form.files_help", file_limits(facts.community.policy)) + "</p>" + error_line(state, "files") +
            "<input type=\"file\" id=\"files\" name=\"files\" multiple" + described(state, "files", true) + "></div>";
  } else {
    html += "<p class=\"help\">" + words("form.files_note") + "</p>";
  }
  html += "<p><button type=\"submit\">" + words("form.submit") + "</button></p></form>";
  return html;
}

Response not_found_page(const Request& request) {
  return html_page(404, page_language(request), "404", request.path,
                   "<h1>404</h1><p>" +
                       escape_html(app::shipped_catalogue().text(page_language(request), "form.unknown_community")) +
                       "</p>");
}

Result<Response> show_report_form(const Request& request, app::Context& context) {
  const Result<app::ReportFormFacts> facts = app::report_form_facts(context, request.params.at("community"));
  if (!facts.ok()) {
    if (facts.error().code == ErrorCode::NotFound) return not_found_page(request);
    return facts.error();
  }
  FormState state;
  state.language = page_language(request);
  const std::string title =
      app::shipped_catalogue().text(state.language, "form.title", {{"community", facts->community.name}});
  return html_page(200, state.language, title, request.path, report_form_html(*facts, state, request.path));
}

domain::PublicReport report_of(const Fields& fields) {
  domain::PublicReport report;
  report.reporter_name = form_value(fields, "reporter_name");
  report.reporter_email = form_value(fields, "reporter_email");
  report.answer_by_email = !form_value(fields, "answer_by_email").empty();
  for (int n = 1; n <= kPersonRows; ++n) {
    const std::string prefix = "people[" + std::to_string(n) + "]";
    report.people.push_back({form_value(fields, prefix + ".role"), form_value(fields, prefix + ".name"),
                             form_value(fields, prefix + ".handle")});
  }
  report.occurred_on = form_value(fields, "occurred_on");
  report.when = form_value(fields, "when");
  report.space = form_value(fields, "space");
  report.where = form_value(fields, "where");
  report.what_happened = form_value(fields, "what_happened");
  report.links = form_value(fields, "links");
  report.context = form_value(fields, "context");
  report.ongoing = !form_value(fields, "ongoing").empty();
  report.physical_danger = !form_value(fields, "physical_danger").empty();
  report.handled_locally = !form_value(fields, "handled_locally").empty();
  report.report_language = form_value(fields, "report_language");
  report.translation_tools = !form_value(fields, "translation_tools").empty();
  report.content_notes = form_values(fields, "content_notes");
  report.escrow = !form_value(fields, "escrow").empty();
  for (const std::string& id : form_values(fields, "concerned_members"))
    report.concerned_members.push_back(domain::record_id_from_text(id));
  return report;
}

std::string confirmation_html(const Words& words, const app::SubmittedReport& submitted) {
  // A held report is with nobody yet: its reporter is told so instead.
  std::string html = "<h1>" + words("confirm.title") + "</h1><p>" +
                     words(submitted.held_in_escrow ? "confirm.held" : "confirm.thanks") + "</p>";
  html += "<section class=\"receipt\" aria-labelledby=\"receipt-label\"><h2 id=\"receipt-label\">" +
          words("confirm.receipt_label") +
          "</h2><p class=\"receipt-code\" id=\"receipt\" data-testid=\"receipt\"><code>" +
          escape_html(submitted.receipt) + "</code></p><p>" + words("confirm.receipt_help") + "</p><p>" +
          words("confirm.save_hint") + "</p>";
  // Copying and printing need a script (public.js shows these buttons); the download
  // link and the browser's own save and print do not.
  html += "<p class=\"receipt-actions\"><button type=\"button\" hidden data-copy=\"receipt\" data-copied=\"" +
          words("confirm.copied") + "\" data-failed=\"" + words("confirm.copy_failed") + "\">" + words("confirm.copy") +
          "</button> <button type=\"button\" hidden data-print>" + words("confirm.print") + "</button> " +
          "<a download=\"receipt.txt\" href=\"data:text/plain;charset=utf-8," + escape_html(submitted.receipt) + "\">" +
          words("confirm.download") + "</a></p></section>";
  if (submitted.acknowledged_to)
    html += "<p>" + words("confirm.email_note", {{"email", *submitted.acknowledged_to}}) + "</p>";
  // Before leaving, the reporter says the receipt is saved: the form is not sent until
  // the box is ticked (the browser's own check, no script).
  html += "<form method=\"get\" action=\"/portal\"><input type=\"hidden\" name=\"lang\" value=\"" +
          escape_html(words.language()) + "\"><div class=\"check\"><input type=\"checkbox\" id=\"saved\" " +
          "name=\"saved\" value=\"yes\" required><label for=\"saved\">" + words("confirm.saved_check") +
          "</label></div><p><button type=\"submit\">" + words("confirm.portal_link") + "</button></p></form>";
  return html;
}

// The words for a field's problem: the catalogue's ("errors.what_happened"), or the
// rule's own when the catalogue has none.
std::string problem_in_words(const std::string& language, const std::string& field, const std::string& problem,
                             const domain::Policy& policy) {
  std::string base = field;
  if (const std::size_t dot = base.rfind('.'); dot != std::string::npos) base = base.substr(dot + 1);
  const std::string key = "errors." + base;
  const std::string text = app::shipped_catalogue().text(language, key, file_limits(policy));
  return text == key ? problem : text;
}

Result<Response> submit_report_form(const Request& request, app::Context& context) {
  TRY(check_same_origin(request));
  const std::string slug = request.params.at("community");
  const Result<app::ReportFormFacts> facts = app::report_form_facts(context, slug);
  if (!facts.ok()) {
    if (facts.error().code == ErrorCode::NotFound) return not_found_page(request);
    return facts.error();
  }
  const std::optional<SentForm> form = parse_sent_form(request.header("content-type"), request.body);
  if (!form)
    return field_error("body",
                       "must be the report form, sent as application/x-www-form-urlencoded or multipart/form-data");
  const Fields& fields = form->fields;
  FormState state;
  state.language = page_language(request, form_value(fields, "lang"));
  state.values = fields;
  const Words words(state.language);

  const std::vector<app::ReporterUpload> uploads = reporter_uploads(*form);
  const Result<app::SubmittedReport> submitted =
      app::submit_public_report(context, slug, report_of(fields), {request.remote_address, state.language}, uploads);
  if (submitted.ok())
    return html_page(200, state.language, app::shipped_catalogue().text(state.language, "confirm.title"), request.path,
                     confirmation_html(words, *submitted));

  const Error& error = submitted.error();
  int status = 400;
  if (error.code == ErrorCode::InvalidArgument) {
    for (const auto& [field, problem] : error.fields)
      state.errors[field] = problem_in_words(state.language, field, problem, facts->community.policy);
    // A browser never fills a file field again: the reporter is told to choose them anew.
    if (!uploads.empty() && state.errors.count("files") == 0)
      state.errors["files"] = app::shipped_catalogue().text(state.language, "form.files_again");
  } else if (error.code == ErrorCode::ResourceExhausted) {
    status = 429;
    const auto wait = error.fields.find("retry_after");
    const long seconds = wait == error.fields.end() ? 60 : std::stol(wait->second);
    state.notice = app::shipped_catalogue().text(state.language, "form.too_many",
                                                 {{"minutes", std::to_string((seconds + 59) / 60)}});
  } else {
    return error;
  }
  const std::string title =
      app::shipped_catalogue().text(state.language, "form.title", {{"community", facts->community.name}});
  Response page = html_page(status, state.language, title, request.path, report_form_html(*facts, state, request.path));
  if (status == 429) {
    const auto wait = error.fields.find("retry_after");
    page.headers.emplace_back("Retry-After", wait == error.fields.end() ? "60" : wait->second);
  }
  return page;
}

}  // namespace

std::vector<Route> report_page_routes() {
  return {
      {"GET", "/report/{community}", Audience::Public, "The public report form", show_report_form},
      {"POST", "/report/{community}", Audience::Public, "Send a report from the public form", submit_report_form,
       RequestBody::FormWithFiles, Work::PasswordHashing},
  };
}

}  // namespace conduct::http
