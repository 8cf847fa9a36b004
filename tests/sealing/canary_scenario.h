// The canary test's scenario (canary_test.cpp says why and what is searched): a
// community on a real SQLite file whose members send their requests through
// http::dispatch with a session cookie and CSRF token, as a browser would; the table of
// sealed fields each row of which seeds one canary and says where it is read back; and
// the snapshots of every place searched, taken with standard error captured.
#pragma once

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "app/case_keys.h"
#include "app/cases.h"
#include "app/mail_intake.h"
#include "app/mail_queue.h"
#include "app/quarantine.h"
#include "domain/code_name.h"
#include "domain/receipt.h"
#include "http/dispatch.h"
#include "http/router.h"
#include "http/session_cookie.h"
#include "sqlite_community.h"
#include "sqlite_free_pages.h"
#include "store/sealing.h"

namespace conduct::testing {

// Sends whatever is written to file descriptor 2 into a file until destroyed: the
// server's structured log goes to standard error (src/http/log.cpp).
class StderrCapture {
 public:
  explicit StderrCapture(const std::filesystem::path& path) {
    std::fflush(stderr);
    saved_ = ::dup(2);
    const int file = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (saved_ < 0 || file < 0 || ::dup2(file, 2) < 0) ADD_FAILURE() << "cannot capture standard error";
    if (file >= 0) ::close(file);
  }
  StderrCapture(const StderrCapture&) = delete;
  StderrCapture& operator=(const StderrCapture&) = delete;
  ~StderrCapture() {
    std::fflush(stderr);
    if (saved_ >= 0) {
      ::dup2(saved_, 2);
      ::close(saved_);
    }
  }

 private:
  int saved_ = -1;
};

// Steps `statement` to its next row: false when done or failed.
inline bool next_row(store::sqlite::Statement& statement) {
  const Result<bool> stepped = statement.step();
  return stepped.ok() && *stepped;
}

// Every regular file under `directory`, concatenated; `count` says how many there were.
inline std::string files_under(const std::filesystem::path& directory, int& count) {
  std::string bytes;
  count = 0;
  std::error_code error;
  for (const auto& item : std::filesystem::recursive_directory_iterator(directory, error))
    if (item.is_regular_file()) {
      bytes += read_bytes(item.path());
      ++count;
    }
  return bytes;
}

// ---- The table of sealed fields, and the scenario that runs it ---------------------------

class Scenario;

// Intake fields travel in the request that opens the case; the others each in a
// request of their own, sent in table order once the case exists.
enum class Phase { Intake, OwnRequest };

// One sealed field: the column it is stored in, how its canary is written, and where
// an authorised member reads it back. Evidence files
// are rows like the others: their seeds upload a file carrying the canary in its name,
// its description or its bytes, and their read-backs list or download the files.
struct SealedField {
  std::string name;    // as failures and the summary name it
  std::string column;  // table.column_sealed
  Phase phase = Phase::OwnRequest;
  std::function<void(Scenario&, const std::string& canary)> seed;
  std::string (Scenario::*read_back)() = nullptr;
  // A file's bytes are sealed by their own stream under the file's key whatever the
  // Sealer: the pass-through control cannot find them in the clear, only that key
  // (see the test's check of file_key_sealed).
  bool sealed_by_its_own_stream = false;
};

class Scenario {
 public:
  using json = nlohmann::json;

  // The database goes in `data_directory`, the captured log beside it; `temporary` is
  // the directory TMPDIR and SQLITE_TMPDIR name.
  Scenario(const std::filesystem::path& data_directory, StoreSealing sealing, std::filesystem::path temporary)
      : world_(data_directory / "conduct.db", sealing),
        log_path_(data_directory.string() + ".log"),
        temporary_(std::move(temporary)) {}

  // Runs everything with standard error captured: the community and its members, the
  // seeding, the read-back, a deletion that frees pages, `before_snapshots` (the
  // retention test expunges the case there), and the snapshots.
  void run(const std::vector<SealedField>& fields, const std::vector<std::string>& canaries,
           const std::function<void(Scenario&)>& before_snapshots = {}) {
    StderrCapture capture(log_path_);
    start();
    if (::testing::Test::HasFatalFailure()) return;
    for (std::size_t i = 0; i < fields.size(); ++i)
      if (fields[i].phase == Phase::Intake) fields[i].seed(*this, canaries[i]);
    open_case();
    for (std::size_t i = 0; i < fields.size(); ++i)
      if (fields[i].phase == Phase::OwnRequest) fields[i].seed(*this, canaries[i]);
    for (std::size_t i = 0; i < fields.size(); ++i) read_back_[i] = (this->*fields[i].read_back)();
    search_for_each(fields, canaries);
    free_some_pages();
    if (before_snapshots) before_snapshots(*this);
    if (::testing::Test::HasFatalFailure()) return;
    take_snapshots();
  }

  // ---- What the table's rows use ----

  json& intake() { return intake_; }
  // The intake party in `role` ("reporter", "witness", "reported"), added on first use.
  json& party(const std::string& role) {
    for (json& party : intake_["parties"])
      if (party["role"] == role) return party;
    intake_["parties"].push_back({{"role", role}});
    return intake_["parties"].back();
  }
  const app::SignedIn& chair() const { return world_.chair(); }
  const app::SignedIn& member() const { return member_; }
  const app::SignedIn& conflicted() const { return conflicted_; }
  const app::SignedIn& board() const { return board_; }

  // Sends a request to the case as `who`, with the session cookie and CSRF token, and
  // expects `status`.
  void send_to_case(const app::SignedIn& who, const std::string& method, const std::string& suffix, const json& body,
                    int status) {
    const http::Response response = send(who, method, "/api/cases/" + url_name_ + suffix, body);
    EXPECT_EQ(response.status, status) << method << " " << suffix << ": " << response.body;
  }

  // The same, sent once with an Idempotency-Key and again as a retry, which must get the
  // first answer: the answer kept for it is stored too.
  void send_to_case_once(const app::SignedIn& who, const std::string& method, const std::string& suffix,
                         const json& body, int status, const std::string& key) {
    for (int attempt = 0; attempt < 2; ++attempt) {
      http::Request request = signed_request(who, method, "/api/cases/" + url_name_ + suffix);
      request.body = body.dump();
      request.headers["content-type"] = "application/json";
      request.headers["idempotency-key"] = key;
      const http::Response response = dispatch(request);
      EXPECT_EQ(response.status, status) << method << " " << suffix << ": " << response.body;
    }
  }

  // The case as GET /api/cases/{code} answers the chair.
  std::string case_over_api() {
    const http::Response response = send(chair(), "GET", "/api/cases/" + url_name_);
    EXPECT_EQ(response.status, 200) << response.body;
    return response.body;
  }
  // Every sealed text of the case as app::show_case gives it to the chair: the party's
  // employer is in the record but not in the API's JSON view.
  std::string case_through_use_case() {
    world_.keyring().forget_all();
    auto record = app::show_case(world_.context(), chair().actor, url_name_);
    world_.keyring().forget_all();
    EXPECT_TRUE(record.ok()) << record.error().message;
    if (!record.ok()) return "";
    std::string texts = record->summary.location;
    for (const domain::Party& party : record->parties)
      texts += "\n" + party.name + "\n" + party.contact + "\n" + party.employer;
    for (const domain::TimelineEntry& entry : record->timeline) texts += "\n" + entry.body;
    return texts;
  }
  // Attaches an evidence file as `who`, as the web app uploads it: the raw bytes as
  // the body, the name and description in headers (canaries are plain ASCII, so they
  // need no percent-encoding).
  void attach_evidence(const app::SignedIn& who, const std::string& name, const std::string& description,
                       const std::string& bytes) {
    http::Request request = signed_request(who, "POST", "/api/cases/" + url_name_ + "/evidence");
    request.body = bytes;
    request.headers["content-type"] = "application/octet-stream";
    request.headers["x-file-name"] = name;
    request.headers["x-description"] = description;
    const http::Response response = dispatch(request);
    EXPECT_EQ(response.status, 201) << "POST /evidence: " << response.body;
  }
  // The evidence list (names and descriptions) as GET /api/cases/{code}/evidence
  // answers the chair.
  std::string drafts_over_api() {
    const http::Response response = send(chair(), "GET", "/api/cases/" + url_name_ + "/drafts");
    EXPECT_EQ(response.status, 200) << response.body;
    return response.body;
  }
  std::string evidence_list_over_api() {
    const http::Response response = send(chair(), "GET", "/api/cases/" + url_name_ + "/evidence");
    EXPECT_EQ(response.status, 200) << response.body;
    return response.body;
  }
  // Every evidence file of the case, downloaded by the chair, one after the other.
  std::string evidence_files_over_api() {
    const json listed = json::parse(evidence_list_over_api(), nullptr, /*allow_exceptions=*/false);
    std::string contents;
    if (!listed.is_object() || !listed.contains("files")) return contents;
    for (const json& file : listed["files"]) {
      const std::string number = std::to_string(file.value("number", 0));
      const http::Response response = send(chair(), "GET", "/api/cases/" + url_name_ + "/evidence/" + number);
      EXPECT_EQ(response.status, 200) << "file " << number;
      contents += response.body + "\n";
    }
    return contents;
  }

  // The case's decisions (evaluation, proposals with their texts), as
  // GET /api/cases/{code}/decisions answers the chair.
  std::string decisions_over_api() {
    const http::Response response = send(chair(), "GET", "/api/cases/" + url_name_ + "/decisions");
    EXPECT_EQ(response.status, 200) << response.body;
    return response.body;
  }
  // The number of the case's first reported person, from its decisions.
  int reported_party() {
    const json decisions = json::parse(decisions_over_api(), nullptr, /*allow_exceptions=*/false);
    if (!decisions.is_object() || decisions["responses"].empty()) return 0;
    return decisions["responses"][0].value("reported_party", 0);
  }

  // The oversight requests with their reasons, as GET /api/cases/{code}/oversight
  // answers the chair who decides on them.
  std::string oversight_over_api() {
    const http::Response response = send(chair(), "GET", "/api/cases/" + url_name_ + "/oversight");
    EXPECT_EQ(response.status, 200) << response.body;
    return response.body;
  }
  // A declared conflict's note is shown to nobody (app/conflicts.h), but it is sealed
  // for the case's holders: the chair's unlocked keys open it from the stored row.
  std::string conflict_notes_with_holder_keys() {
    auto summary = world_.store().find_case(chair().actor.community.id, code_name_);
    EXPECT_TRUE(summary.ok()) << summary.error().message;
    if (!summary.ok()) return "";
    EXPECT_TRUE(app::unlock_case(world_.context(), chair().actor, *summary).ok());
    auto rows = world_.store().database().prepare("SELECT member_id, note_sealed FROM exclusions WHERE case_id = ?");
    EXPECT_TRUE(rows.ok());
    std::string notes;
    if (rows.ok()) {
      rows->bind(1, summary->id);
      while (next_row(*rows)) {
        auto note = store::open_field(world_.sealer(), *summary, "exclusion:" + std::to_string(rows->int64(0)), "note",
                                      rows->blob(1));
        EXPECT_TRUE(note.ok()) << note.error().message;
        if (note.ok()) notes += *note + "\n";
      }
    }
    world_.keyring().forget_all();
    return notes;
  }

  // ---- Reports from people without an account ----

  // Sends a report as the public form's API does, without a cookie; the receipt.
  std::string public_report(const json& report) {
    http::Request request;
    request.method = "POST";
    request.path = "/api/reports/tidewater";
    request.remote_address = "127.0.0.1";
    request.body = report.dump();
    request.headers["content-type"] = "application/json";
    const http::Response response = dispatch(request);
    EXPECT_EQ(response.status, 201) << response.body;
    return json::parse(response.body, nullptr, false).value("receipt", "");
  }
  // The url name of the case a receipt's report opened (a member finds it in the list;
  // the test asks the store directly).
  std::string case_of_receipt(const std::string& receipt) {
    const domain::ParsedReceipt parsed = domain::parse_receipt(receipt);
    EXPECT_TRUE(parsed.receipt.has_value()) << receipt;
    if (!parsed.receipt) return "";
    auto thread = world_.store().find_thread_by_receipt(parsed.receipt->id);
    EXPECT_TRUE(thread.ok() && thread->has_value());
    if (!thread.ok() || !thread->has_value()) return "";
    auto summary = world_.store().find_case_by_id((*thread)->case_id);
    EXPECT_TRUE(summary.ok());
    return summary.ok() ? domain::url_form(summary->code_name) : "";
  }
  // A case from the public form, made once, that the thread's rows write to.
  const std::string& public_case() {
    if (public_receipt_.empty()) {
      public_receipt_ = public_report({{"what_happened", "A report sent on the public form."}});
      public_url_name_ = case_of_receipt(public_receipt_);
    }
    return public_url_name_;
  }
  // A member writes to the public case's reporter.
  void write_to_reporter(const std::string& text) {
    const http::Response response =
        send(member_, "POST", "/api/cases/" + public_case() + "/thread", json{{"text", text}});
    EXPECT_EQ(response.status, 201) << response.body;
  }
  // The reporter opens the portal with the receipt and replies, as a browser posts the
  // portal's forms.
  void reply_on_portal(const std::string& text) {
    public_case();
    const auto form = [&](const std::string& path, const std::string& body, const std::string& cookie) {
      http::Request request;
      request.method = "POST";
      request.path = path;
      request.remote_address = "127.0.0.1";
      request.body = body;
      request.headers["content-type"] = "application/x-www-form-urlencoded";
      if (!cookie.empty()) request.headers["cookie"] = cookie;
      return dispatch(request);
    };
    const http::Response opened = form("/portal", "receipt=" + public_receipt_, "");
    ASSERT_EQ(opened.status, 303) << opened.body;
    std::string cookie;
    for (const auto& [name, value] : opened.headers)
      if (name == "Set-Cookie") cookie = value.substr(0, value.find(';'));
    http::Request page;
    page.method = "GET";
    page.path = "/portal/thread";
    page.remote_address = "127.0.0.1";
    page.headers["cookie"] = cookie;
    const http::Response thread = dispatch(page);
    ASSERT_EQ(thread.status, 200) << thread.body;
    const std::string marker = "name=\"csrf\" value=\"";
    const std::size_t at = thread.body.find(marker);
    ASSERT_NE(at, std::string::npos);
    const std::string csrf =
        thread.body.substr(at + marker.size(), thread.body.find('"', at + marker.size()) - at - marker.size());
    const http::Response replied = form("/portal/thread", "csrf=" + csrf + "&text=" + text, cookie);
    EXPECT_EQ(replied.status, 303) << replied.body;
  }
  // The public case's thread as GET /api/cases/{code}/thread answers the chair.
  std::string thread_over_api() {
    const http::Response response = send(chair(), "GET", "/api/cases/" + public_case() + "/thread");
    EXPECT_EQ(response.status, 200) << response.body;
    return response.body;
  }
  // The reporter of a public case made once for this, who gave an address, answers its
  // acknowledgement by mail. Mail intake holds no key: the reply reaches the thread
  // through its drop box.
  void reply_by_mail(const std::string& text) {
    if (mailing_url_name_.empty()) {
      mailing_url_name_ = case_of_receipt(public_report(
          {{"what_happened", "A report whose reporter answers by mail."}, {"reporter_email", kMailingReporter}}));
    }
    auto summary = world_.store().find_case(chair().actor.community.id,
                                            domain::normalise_case_code_name(mailing_url_name_).value_or(""));
    ASSERT_TRUE(summary.ok()) << summary.error().message;
    auto sent = world_.store().mail_of_case(summary->id);
    ASSERT_TRUE(sent.ok());
    std::string acknowledgement;
    for (const store::QueuedMailRow& row : *sent)
      if (row.kind == "acknowledgement") acknowledgement = row.message_id;
    ASSERT_FALSE(acknowledgement.empty());
    world_.keyring().forget_all();
    const std::string raw = "From: " + std::string(kMailingReporter) +
                            "\r\nTo: conduct@tidewater.example\r\nSubject: Re: your report\r\n"
                            "Message-ID: <mail-reply-" +
                            std::to_string(++mail_replies_) +
                            "@example.net>\r\n"
                            "In-Reply-To: <" +
                            acknowledgement + ">\r\n\r\n" + text + "\r\n";
    auto ingested = app::ingest_mail(world_.context(), raw, std::nullopt, {});
    ASSERT_TRUE(ingested.ok()) << ingested.error().message;
    EXPECT_EQ(ingested->outcome, app::MailOutcome::JoinedCase);
  }
  // That case's thread as GET /api/cases/{code}/thread answers the chair.
  std::string mailing_thread_over_api() {
    const http::Response response = send(chair(), "GET", "/api/cases/" + mailing_url_name_ + "/thread");
    EXPECT_EQ(response.status, 200) << response.body;
    return response.body;
  }
  // Every queued message, opened with the server's mail key (as the mail job does).
  std::string queued_mail() {
    auto due = world_.store().due_mail(Timestamp{std::numeric_limits<std::int64_t>::max() / 2}, 1000);
    EXPECT_TRUE(due.ok());
    std::string texts;
    if (due.ok())
      for (const store::QueuedMailRow& row : *due) {
        auto opened = app::open_queued_mail(world_.context(), row);
        EXPECT_TRUE(opened.ok()) << opened.error().message;
        if (opened.ok()) texts += opened->text + "\n";
      }
    return texts;
  }

  // A message no rule can place (it names no sender) arrives by mail and waits in
  // quarantine, sealed for the chairs.
  void quarantine_mail(const std::string& text) {
    const std::string raw = "To: conduct@example.org\r\nSubject: unplaced\r\nMessage-ID: <" + text +
                            "@example.org>\r\n\r\n" + text + "\r\n";
    auto ingested = app::ingest_mail(world_.context(), raw, std::nullopt, {});
    ASSERT_TRUE(ingested.ok()) << ingested.error().message;
    EXPECT_EQ(ingested->outcome, app::MailOutcome::Quarantined);
  }
  // Every quarantined message, as the chair reads it.
  std::string quarantined_mail() {
    auto waiting = app::list_quarantine(world_.context(), chair().actor);
    EXPECT_TRUE(waiting.ok());
    std::string texts;
    if (waiting.ok())
      for (const app::QuarantineSummary& one : *waiting) {
        auto read = app::read_quarantined(world_.context(), chair().actor, one.id);
        EXPECT_TRUE(read.ok()) << read.error().message;
        if (read.ok()) texts += read->raw + "\n";
      }
    return texts;
  }

  // A meeting the chair records over the API: `minutes` as its general minutes, and
  // `about_the_case` as what was said about the case (when not empty).
  void record_meeting(const std::string& minutes, const std::string& about_the_case) {
    json body = {{"held_on", format_date(date_of(world_.clock().now()))},
                 {"attendees", json::array({chair().actor.member.email, member().actor.member.email})},
                 {"minutes", minutes}};
    if (!about_the_case.empty()) body["cases"] = json::array({{{"case", url_name_}, {"minutes", about_the_case}}});
    const http::Response response = send(chair(), "POST", "/api/meetings", body);
    EXPECT_EQ(response.status, 201) << response.body;
  }
  // Every meeting, opened as the chair reads it over the API.
  std::string meetings_over_api() {
    const http::Response listed = send(chair(), "GET", "/api/meetings");
    EXPECT_EQ(listed.status, 200) << listed.body;
    const json body = json::parse(listed.body, nullptr, /*allow_exceptions=*/false);
    std::string texts;
    if (body.is_object() && body["meetings"].is_array())
      for (const json& meeting : body["meetings"]) {
        const http::Response shown =
            send(chair(), "GET", "/api/meetings/" + std::to_string(meeting["number"].get<int>()));
        EXPECT_EQ(shown.status, 200) << shown.body;
        texts += shown.body + "\n";
      }
    return texts;
  }

  // A matter of the group the chair puts to the vote over the API, with `text`.
  void propose_matter(const std::string& text) {
    const http::Response response = send(chair(), "POST", "/api/matters", json{{"kind", "guideline"}, {"text", text}});
    EXPECT_EQ(response.status, 201) << response.body;
  }
  // Every matter, opened as the chair reads it over the API.
  std::string matters_over_api() {
    const http::Response listed = send(chair(), "GET", "/api/matters");
    EXPECT_EQ(listed.status, 200) << listed.body;
    const json body = json::parse(listed.body, nullptr, /*allow_exceptions=*/false);
    std::string texts;
    if (body.is_object() && body["matters"].is_array())
      for (const json& matter : body["matters"]) {
        const http::Response shown =
            send(chair(), "GET", "/api/matters/" + std::to_string(matter["number"].get<int>()));
        EXPECT_EQ(shown.status, 200) << shown.body;
        texts += shown.body + "\n";
      }
    return texts;
  }

  // ---- What the test reads afterwards ----

  SqliteCommunity& world() { return world_; }
  const std::string& code_name() const { return code_name_; }

  const std::string& read_back(std::size_t field) { return read_back_[field]; }
  // The places searched, by name, in the order the summary lists them.
  const std::vector<std::pair<std::string, std::string>>& places() const { return places_; }
  int requests() const { return requests_; }
  std::int64_t freelist_count() const { return freelist_count_; }
  const FreePages& free_pages() const { return free_pages_; }
  std::size_t wal_bytes() const { return wal_bytes_; }
  int temporary_files() const { return temporary_files_; }
  // The case's current key version, and the highest version wrapped for anyone.
  std::pair<std::uint32_t, std::uint32_t> key_versions() {
    auto summary = world_.store().find_case(chair().actor.community.id, code_name_);
    EXPECT_TRUE(summary.ok());
    if (!summary.ok()) return {0, 0};
    auto state = world_.store().find_case_key_state(summary->id);
    auto wraps = world_.store().case_key_wraps(summary->id);
    EXPECT_TRUE(state.ok() && wraps.ok());
    if (!state.ok() || !wraps.ok()) return {0, 0};
    std::uint32_t highest = 0;
    for (const store::CaseKeyWrapRow& wrap : *wraps) highest = std::max(highest, wrap.key_version);
    return {state->current_version, highest};
  }
  // The lengths of every value stored in `table`.`column`.
  std::vector<std::size_t> stored_lengths(const std::string& table, const std::string& column) {
    std::vector<std::size_t> lengths;
    auto rows = world_.store().database().prepare("SELECT " + column + " FROM " + table);
    EXPECT_TRUE(rows.ok());
    if (rows.ok())
      while (next_row(*rows)) lengths.push_back(rows->blob(0).size());
    return lengths;
  }

  // The columns whose name ends in _sealed (or is `sealed`, as the evidence chunks'),
  // as table.column, from the live schema.
  std::set<std::string> sealed_columns() {
    std::set<std::string> columns;
    auto rows = world_.store().database().prepare(
        "SELECT m.name, p.name FROM sqlite_master AS m JOIN pragma_table_info(m.name) AS p "
        "WHERE m.type = 'table' AND (p.name LIKE '%\\_sealed' ESCAPE '\\' OR p.name = 'sealed')");
    EXPECT_TRUE(rows.ok());
    if (rows.ok())
      while (next_row(*rows)) columns.insert(rows->text(0) + "." + rows->text(1));
    return columns;
  }

 private:
  http::Request signed_request(const app::SignedIn& who, const std::string& method, const std::string& path) {
    http::Request request;
    request.method = method;
    request.path = path;
    request.remote_address = "127.0.0.1";
    request.headers["cookie"] = std::string(http::kSessionCookie) + "=" + who.token;
    request.headers[http::kCsrfHeader] = who.csrf_token;
    return request;
  }

  http::Response dispatch(const http::Request& request) {
    ++requests_;
    return http::dispatch(router_, request, world_.context(), http::DispatchOptions{"/nonexistent-web-root", false});
  }

  http::Response send(const app::SignedIn& who, const std::string& method, const std::string& path,
                      const json& body = nullptr, std::map<std::string, std::string> query = {}) {
    http::Request request = signed_request(who, method, path);
    request.query = std::move(query);
    if (!body.is_null()) {
      request.body = body.dump();
      request.headers["content-type"] = "application/json";
    }
    return dispatch(request);
  }

  // Chair Robin, member Priya (records the report), member Noor (will declare a
  // conflict), board member Bea (will ask for oversight): all hold keys.
  void start() {
    const Status started = world_.start();
    ASSERT_TRUE(started.ok()) << started.error().message;
    const auto holder = [&](const char* email, const char* name, const char* role) {
      auto signed_in = world_.add_holder(email, name, role);
      EXPECT_TRUE(signed_in.ok()) << email << ": " << signed_in.error().message;
      return signed_in.ok() ? *signed_in : app::SignedIn{};
    };
    member_ = holder("priya@tidewater.example", "Priya Raman", "member");
    conflicted_ = holder("noor@tidewater.example", "Noor Haddad", "member");
    board_ = holder("bea@tidewater.example", "Beatrix Hale", "board-member");
  }

  void open_case() {
    const http::Response opened = send(member_, "POST", "/api/cases", intake_);
    ASSERT_EQ(opened.status, 201) << opened.body;
    url_name_ = json::parse(opened.body).value("url_name", "");
    code_name_ = json::parse(opened.body).value("code_name", "");
    ASSERT_FALSE(url_name_.empty() || code_name_.empty()) << opened.body;
  }

  // The chair searches for every canary (GET /api/search, in the session, over the
  // cases the chair holds): a query is case content too, and must leave no trace. A
  // canary the case record holds is found, so the search did open the case.
  void search_for_each(const std::vector<SealedField>& fields, const std::vector<std::string>& canaries) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
      const http::Response found = send(chair(), "GET", "/api/search", nullptr, {{"q", canaries[i]}});
      EXPECT_EQ(found.status, 200) << found.body;
      const bool in_record =
          fields[i].read_back == &Scenario::case_over_api || fields[i].read_back == &Scenario::case_through_use_case;
      if (in_record) {
        EXPECT_NE(found.body.find(code_name_), std::string::npos) << "searching finds no " << fields[i].name;
      }
    }
  }

  // A second case with long notes, then removed row by row as a purge would (none is
  // built yet), so the file has free pages. Foreign keys are off for the removal, so it
  // also covers tables added after this test was written.
  void free_some_pages() {
    json scratch = {{"report", "A report that will be removed."}, {"channel", "email"}, {"categories", {"harassment"}}};
    const http::Response opened = send(member_, "POST", "/api/cases", scratch);
    ASSERT_EQ(opened.status, 201) << opened.body;
    const std::string scratch_url = json::parse(opened.body).value("url_name", "");
    const std::string scratch_code = json::parse(opened.body).value("code_name", "");
    for (int i = 0; i < 4; ++i) {
      const http::Response note = send(member_, "POST", "/api/cases/" + scratch_url + "/entries",
                                       {{"kind", "note"}, {"text", std::string(6000, static_cast<char>('a' + i))}});
      ASSERT_EQ(note.status, 201) << note.body;
    }
    auto summary = world_.store().find_case(chair().actor.community.id, scratch_code);
    ASSERT_TRUE(summary.ok()) << summary.error().message;
    const std::string id = std::to_string(summary->id);
    std::string removal = "PRAGMA foreign_keys=OFF; BEGIN;";
    auto tables = world_.store().database().prepare(
        "SELECT m.name FROM sqlite_master AS m JOIN pragma_table_info(m.name) AS p "
        "WHERE m.type = 'table' AND p.name = 'case_id'");
    ASSERT_TRUE(tables.ok());
    while (next_row(*tables)) removal += "DELETE FROM " + tables->text(0) + " WHERE case_id = " + id + ";";
    removal += "DELETE FROM cases WHERE id = " + id + "; COMMIT; PRAGMA foreign_keys=ON;";
    const Status removed = world_.store().database().execute(removal);
    ASSERT_TRUE(removed.ok()) << removed.error().message;
    auto count = world_.store().database().prepare("PRAGMA freelist_count");
    ASSERT_TRUE(count.ok() && next_row(*count));
    freelist_count_ = count->int64(0);
  }

  // The files as a copy taken now would hold them (the WAL still full), then the
  // database file again after a checkpoint that empties the WAL, and its free pages.
  void take_snapshots() {
    const std::string database_before = read_bytes(world_.database());
    const std::string wal_before = read_bytes(world_.wal());
    const std::string wal_index = read_bytes(world_.database().string() + "-shm");
    wal_bytes_ = wal_before.size();
    const Status checkpoint = world_.store().database().execute("PRAGMA wal_checkpoint(TRUNCATE);");
    ASSERT_TRUE(checkpoint.ok()) << checkpoint.error().message;
    const std::string database_after = read_bytes(world_.database());
    const std::string wal_after = read_bytes(world_.wal());
    EXPECT_TRUE(wal_after.empty()) << "the checkpoint left " << wal_after.size() << " bytes in the WAL";
    free_pages_ = free_pages_of(database_after);
    std::fflush(stderr);
    places_ = {{"database file", database_before + database_after},
               {"WAL", wal_before + wal_index + wal_after},
               {"free pages", free_pages_.bytes},
               {"log", read_bytes(log_path_)},
               {"temp directory", files_under(temporary_, temporary_files_)}};
  }

  SqliteCommunity world_;
  std::filesystem::path log_path_;
  std::filesystem::path temporary_;
  http::Router router_{http::api_routes()};
  app::SignedIn member_, conflicted_, board_;
  json intake_ = {{"channel", "web-form"},   {"occurred_on", "2026-11-20"}, {"space", "chat"},
                  {"ongoing", true},         {"physical_danger", false},    {"categories", {"harassment"}},
                  {"parties", json::array()}};
  std::string url_name_;
  std::string code_name_;
  std::string public_receipt_, public_url_name_;
  static constexpr const char* kMailingReporter = "answers-by-mail@example.net";
  std::string mailing_url_name_;
  int mail_replies_ = 0;
  std::map<std::size_t, std::string> read_back_;
  std::vector<std::pair<std::string, std::string>> places_;
  int requests_ = 0;
  std::int64_t freelist_count_ = 0;
  FreePages free_pages_;
  std::size_t wal_bytes_ = 0;
  int temporary_files_ = 0;
};

}  // namespace conduct::testing
