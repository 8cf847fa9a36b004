#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>
#include <thread>

#include "app/attempt_throttle.h"
#include "app/audit.h"
#include "app/audit_batch.h"
#include "app/audit_head_mail.h"
#include "app/catalogue.h"
#include "app/communities.h"
#include "app/demo.h"
#include "app/evidence.h"
#include "app/idempotency.h"
#include "app/keys.h"
#include "app/mail_intake.h"
#include "app/mail_queue.h"
#include "app/portal.h"
#include "app/retention.h"
#include "app/server_config.h"
#include "cli/child_process.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "core/text.h"
#include "crypto/totp.h"
#include "http/log.h"
#include "http/router.h"
#include "http/server.h"
#include "mail/directory_transport.h"
#include "mail/imap_mailbox.h"
#include "mail/smtp_transport.h"

namespace conduct::cli {
namespace {

struct ServeOptions {
  std::string listen = "127.0.0.1:8080";
  std::string web_root;
  std::size_t max_body_bytes = 0;  // 0: fit the communities' evidence_max_bytes
  bool behind_tls = false;
};

// The built web app: --web-root, else $CONDUCT_WEB_ROOT, else the build tree's web/dist.
std::string web_root_from(const ServeOptions& options) {
  if (!options.web_root.empty()) return options.web_root;
  if (const char* from_environment = std::getenv("CONDUCT_WEB_ROOT")) return from_environment;
  return CONDUCT_DEFAULT_WEB_ROOT;
}

// Checks that every community's root key matches the fingerprint pinned in conduct.toml,
// and that what a release before sealed records left (cases in plaintext, no recovery
// key) has been sealed with `conduct keys seal-plaintext`.
Status check_configuration(Session& session) {
  TRY(app::check_pinned_roots(session.context(), session.config()));
  return app::check_sealed_records(session.context());
}

void add_serve_options(CLI::App& command, ServeOptions& options) {
  command.add_option("--listen", options.listen, "Address to listen on, HOST:PORT")->capture_default_str();
  command.add_option("--web-root", options.web_root, "Directory of the built web app (default: web/dist)");
  command
      .add_option("--max-body-bytes", options.max_body_bytes,
                  "Largest request body read; 0 fits the largest evidence_max_bytes of the communities "
                  "(JSON requests stay limited to 1 MiB)")
      ->capture_default_str();
  command.add_flag("--behind-tls", options.behind_tls,
                   "Served over HTTPS by a proxy: cookies get Secure, answers carry Strict-Transport-Security");
}

// Prints the demo members' current sign-in codes each time they change, until stopped:
// the demo's stand-in for an authenticator app.
class DemoCodePrinter {
 public:
  struct Account {
    std::string email;
    std::string secret;  // raw TOTP secret
  };
  explicit DemoCodePrinter(std::vector<Account> accounts) : accounts_(std::move(accounts)) {}
  ~DemoCodePrinter() { stop(); }

  void start() {
    thread_ = std::thread([this] {
      std::unique_lock lock(mutex_);
      while (!stopping_) {
        using std::chrono::milliseconds;
        const std::int64_t now_ms =
            std::chrono::duration_cast<milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
        const std::int64_t step_left_ms = 30'000 - now_ms % 30'000;
        // The policy accepts a code one 30-second step late too (totp_window_steps), so a
        // code shown now works until the end of the next step.
        for (const Account& account : accounts_)
          std::cout << "Sign-in code for " << account.email << ": " << crypto::totp_code(account.secret, now_ms / 1000)
                    << " (works for about " << (step_left_ms + 30'000) / 1000 << " s; a new one follows in "
                    << (step_left_ms + 999) / 1000 << " s)" << std::endl;
        // Wake just after the step changes, so the new code is the one printed.
        wake_.wait_for(lock, milliseconds(step_left_ms + 50), [this] { return stopping_; });
      }
    });
  }
  void stop() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

 private:
  std::vector<Account> accounts_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

// Keys the policy no longer allows (expired oversight, former members) are revoked when
// the server starts and daily, as at every write to a case.
Status sweep_every_community(Session& session) {
  ASSIGN_OR_RETURN(const std::vector<domain::Community> communities, app::list_communities(session.context()));
  for (const domain::Community& community : communities) TRY(app::sweep_case_keys(session.context(), community.id));
  return ok_status();
}

// The daily job, as the server's periodic job: keys the policy no longer allows are
// revoked (expired oversight), retention runs (app/retention.h), and with [backup]
// key_dir set the keys of backups past the horizon are destroyed. Its log lines hold
// counts only; a failure is logged and the next run tries again.
http::PeriodicJob retention_job(Session& session) {
  http::PeriodicJob job;
  job.name = "retention";
  job.interval = std::chrono::seconds(session.config().retention_interval_seconds);
  job.run = [&session] {
    if (Status swept = sweep_every_community(session); !swept.ok())
      http::log_event("error", "key sweep failed", {{"error", swept.error().message}});
    if (auto pruned = app::prune_throttles(session.context()); !pruned.ok())
      http::log_event("error", "throttle pruning failed", {{"error", pruned.error().message}});
    if (auto pruned = app::prune_idempotent_answers(session.context()); !pruned.ok())
      http::log_event("error", "idempotent answer pruning failed", {{"error", pruned.error().message}});
    if (auto pruned = app::prune_portal_sessions(session.context()); !pruned.ok())
      http::log_event("error", "portal session pruning failed", {{"error", pruned.error().message}});
    app::RetentionOptions options;
    options.actor = std::string(app::kSystemActor);
    if (!session.config().backup_key_dir.empty()) options.backup_key_dir = session.config().backup_key_dir;
    auto report = app::run_retention(session.context(), std::nullopt, app::RetentionMode::Expunge, options);
    if (!report.ok()) {
      http::log_event("error", "retention failed", {{"error", report.error().message}});
      session.context().store.release_memory();
      return;
    }
    http::log_event("info", "retention done",
                    {{"expunged", report->expunged.size()},
                     {"held", report->held.size()},
                     {"backup_keys_destroyed", report->destroyed_backup_keys.size()}});
    session.context().store.release_memory();  // what the run read is not needed until the next
  };
  return job;
}

// Hands queued mail to the outbox every second, on a connection of its own: an
// acknowledgement leaves within a second or two of the report.
http::PeriodicJob mail_job(Connection& connection, mail::Transport& transport) {
  http::PeriodicJob job;
  job.name = "mail";
  job.interval = std::chrono::seconds(1);
  job.quiet = true;
  job.run = [&connection, &transport] {
    const auto delivered = app::deliver_due_mail(connection.context(), transport, app::MailRetryPolicy{});
    if (!delivered.ok())
      http::log_event("error", "mail delivery failed", {{"error", delivered.error().message}});
    else if (delivered->sent + delivered->retrying + delivered->failed > 0)
      http::log_event("info", "mail delivered",
                      {{"sent", delivered->sent}, {"retrying", delivered->retrying}, {"failed", delivered->failed}});
  };
  return job;
}

// Polls the IMAP mailbox of [mail] imap_url every [mail] poll_seconds, on a connection
// of its own; its log lines hold counts only.
// Each poll runs as `conduct mail poll` in a child process: GMime parses what strangers
// send, and a message that crashes, hangs or leaks in the parser takes only the child
// with it. The child opens the same database (SQLite's locking keeps the writers apart)
// and, like a poll in the server's process, holds no key.
constexpr std::chrono::minutes kLongestPoll{10};

http::PeriodicJob poll_job(const GlobalOptions& globals, const app::ServerConfig& config) {
  http::PeriodicJob job;
  job.name = "mail poll";
  job.interval = std::chrono::seconds(config.poll_seconds);
  job.quiet = true;
  job.run = [&globals] {
    const auto polled = run_this_program(
        {"--data", globals.data_dir, "--database", globals.database_file, "mail", "poll"}, kLongestPoll);
    if (!polled.ok()) return http::log_event("error", "mail poll failed", {{"error", polled.error().message}});
    if (polled->exit_status != 0) {
      const std::string reason = polled->timed_out         ? "it took longer than 10 minutes and was stopped"
                                 : polled->exit_status < 0 ? "it ended on a signal"
                                                           : conduct::trim(polled->standard_error);
      return http::log_event("error", "mail poll failed", {{"error", reason}});
    }
    int received = 0, set_aside = 0;
    if (std::sscanf(polled->standard_output.c_str(), "Received %d message(s); %d set aside", &received, &set_aside) ==
            2 &&
        received + set_aside > 0)
      http::log_event("info", "mail received", {{"received", received}, {"set_aside", set_aside}});
  };
  return job;
}

// Mails the audit log's head to the chairs every [mail] audit_head_hours (checked
// hourly, on a connection of its own; the first check when the server starts).
http::PeriodicJob audit_head_job(Connection& connection, const app::ServerConfig& config) {
  http::PeriodicJob job;
  job.name = "audit head";
  job.interval = std::chrono::hours(1);
  job.quiet = true;
  job.run = [&connection, &config] {
    const auto queued = app::mail_audit_head_when_due(connection.context(), config.audit_head_hours);
    if (!queued.ok())
      http::log_event("error", "mailing the audit head failed", {{"error", queued.error().message}});
    else if (*queued > 0)
      http::log_event("info", "audit head mailed", {{"messages", *queued}});
  };
  return job;
}

// The address bounces return to: [mail] envelope_from, else the first community's
// contact address.
std::string envelope_sender(Session& session) {
  if (!session.config().envelope_from.empty()) return session.config().envelope_from;
  auto communities = app::list_communities(session.context());
  if (communities.ok() && !communities->empty()) return communities->front().contact_email;
  return "";
}

// A server worker on a connection of its own.
class ConnectionWorker final : public http::Worker {
 public:
  explicit ConnectionWorker(std::unique_ptr<Connection> connection) : connection_(std::move(connection)) {}
  app::Context& context() override { return connection_->context(); }

 private:
  std::unique_ptr<Connection> connection_;
};

int serve_session(const GlobalOptions& globals, const ServeOptions& options, Session& session,
                  const std::string& greeting, DemoCodePrinter* codes) {
  // The key sweep runs as the periodic job's first run, as soon as the server listens:
  // the server answers at once, and every write to a case sweeps that case anyway.
  http::ServerOptions defaults;
  defaults.web_root = web_root_from(options);
  // By default evidence uploads up to the largest policy limit get through; every JSON
  // route keeps its own 1 MiB limit (http/router.h). An explicit limit is a hard cap.
  auto largest_evidence = app::largest_evidence_limit(session.context());
  if (!largest_evidence.ok()) return report_error(globals, largest_evidence.error());
  defaults.max_body_bytes = options.max_body_bytes == 0 ? *largest_evidence : options.max_body_bytes;
  if (defaults.max_body_bytes < *largest_evidence)
    std::cerr << "conduct: warning: --max-body-bytes " << defaults.max_body_bytes
              << " is below the largest evidence_max_bytes of the communities (" << *largest_evidence
              << "): larger evidence uploads will be refused\n";
  // A report's files, from anyone: the largest the policies take, and the form's text.
  auto largest_reporter_files = app::largest_in_policies(session.context(), [](const domain::Policy& policy) {
    return policy.intake.reporter_files_most > 0 ? policy.intake.reporter_files_max_bytes : std::int64_t{0};
  });
  if (!largest_reporter_files.ok()) return report_error(globals, largest_reporter_files.error());
  defaults.max_reporter_body_bytes = static_cast<std::size_t>(*largest_reporter_files) + http::kMaxJsonBodyBytes;
  defaults.reporter_bodies_budget_bytes = std::size_t{1024} * 1024 * session.config().reporter_uploads_mib;
  defaults.behind_tls = options.behind_tls;
  auto server_options = http::parse_listen_address(options.listen, defaults);
  if (!server_options.ok()) return report_error(globals, server_options.error());
  server_options->periodic_jobs.push_back(retention_job(session));
  // Languages a community adds in the data directory's locales/ folder (docs/administration.md).
  if (Status languages = app::load_languages(globals.data_dir + "/locales"); !languages.ok())
    return report_error(globals, languages.error());
  std::string outbox = session.config().mail_outbox;
  if (!outbox.empty() && outbox.front() != '/') outbox = globals.data_dir + "/" + outbox;
  // Outgoing mail goes to the SMTP server of [mail] smtp_url when there is one, else to
  // the outbox directory; incoming mail is polled from [mail] imap_url when there is one.
  mail::DirectoryTransport outbox_transport(outbox);
  mail::SmtpTransport smtp_transport(session.config().smtp, envelope_sender(session));
  mail::Transport& transport =
      session.config().smtp.url.empty() ? static_cast<mail::Transport&>(outbox_transport) : smtp_transport;
  auto mail_connection = session.open_connection();
  if (!mail_connection.ok()) return report_error(globals, mail_connection.error());
  server_options->periodic_jobs.push_back(mail_job(**mail_connection, transport));
  if (!session.config().imap.url.empty()) server_options->periodic_jobs.push_back(poll_job(globals, session.config()));
  auto head_connection = session.open_connection();
  if (!head_connection.ok()) return report_error(globals, head_connection.error());
  server_options->periodic_jobs.push_back(audit_head_job(**head_connection, session.config()));
  // By default one worker per core and one more: a worker waiting on a lock of the
  // database file or on the disk leaves its core to the spare (measured in
  // docs/performance.md: about 30 % more case lists per second on 2 cores).
  const int workers = session.config().workers;
  server_options->workers = workers > 0 ? static_cast<std::size_t>(workers)
                                        : std::max<std::size_t>(1, std::thread::hardware_concurrency()) + 1;
  server_options->password_workers = static_cast<std::size_t>(session.config().password_workers);
  const int io_threads = session.config().io_threads;
  server_options->io_threads = io_threads > 0 ? static_cast<std::size_t>(io_threads)
                                              : std::max<std::size_t>(1, std::thread::hardware_concurrency());
  // Each worker thread gets its own connection; the session's own serves the periodic
  // jobs' thread alone. The workers group-commit the audit entries of reads together:
  // the batcher writes them on a connection of its own while the workers go on.
  auto batch_connection = session.open_connection();
  if (!batch_connection.ok()) return report_error(globals, batch_connection.error());
  app::AuditBatcher read_entries;  // stopped before its connection goes
  read_entries.start((*batch_connection)->context().store);
  server_options->drain = [&read_entries] { read_entries.drain(); };
  // Storage that cannot be written is named at start: the server still serves what it
  // can read, and answers every write 503 with the cause until it is fixed.
  if (const store::StorageHealth storage = session.context().store.storage_health(); !storage.writable)
    std::cerr << "conduct: warning: " << storage.problem << " (writes are answered 503 until it is fixed)\n";
  const app::ServerConfig& config = session.config();
  server_options->max_connections = static_cast<std::size_t>(config.max_connections);
  server_options->max_connections_per_address = static_cast<std::size_t>(config.max_connections_per_address);
  server_options->header_timeout = std::chrono::seconds(config.header_timeout_seconds);
  server_options->read_timeout = std::chrono::seconds(config.read_timeout_seconds);
  // A file upload's body is read only for a live session: the I/O threads ask this
  // connection of their own (a look-up by key), before reading a byte of the body.
  auto session_connection = session.open_connection();
  if (!session_connection.ok()) return report_error(globals, session_connection.error());
  std::mutex session_lookup;
  server_options->has_session = [&](const std::string& token) {
    const std::lock_guard<std::mutex> lock(session_lookup);
    return app::session_exists((*session_connection)->context(), token);
  };
  // Password attempts from a browser that signed in before, or with a live session, go
  // before strangers' (app::goes_before_strangers), on the look-up connection.
  server_options->trusted_password_request = [&](const std::string& device_token, const std::string& session_token) {
    const std::lock_guard<std::mutex> lock(session_lookup);
    return app::goes_before_strangers((*session_connection)->context(), device_token, session_token);
  };
  const http::WorkerFactory make_worker = [&session, &read_entries]() -> Result<std::unique_ptr<http::Worker>> {
    ASSIGN_OR_RETURN(std::unique_ptr<Connection> connection, session.open_connection());
    connection->context().audit_batcher = &read_entries;
    connection->context().defer_read_entries = true;
    return std::unique_ptr<http::Worker>(new ConnectionWorker(std::move(connection)));
  };
  const Status served = http::serve(make_worker, *server_options, [&](const std::string& url) {
    std::cout << "Conduct is serving " << url << "\n" << greeting << std::flush;
    if (codes) codes->start();
  });
  if (codes) codes->stop();
  if (!served.ok()) return report_error(globals, served.error());
  return kExitOk;
}

}  // namespace

void add_server_commands(CLI::App& app, GlobalOptions& globals, Action& action) {
  auto serve_options = std::make_shared<ServeOptions>();
  CLI::App* serve = app.add_subcommand("serve", "Serve the web app and the JSON API");
  add_serve_options(*serve, *serve_options);
  serve->callback([&globals, &action, serve_options] {
    action = [&globals, serve_options] {
      auto session = Session::open(globals);
      if (!session.ok()) return report_error(globals, session.error());
      if (Status pinned = check_configuration(**session); !pinned.ok()) return report_error(globals, pinned.error());
      return serve_session(globals, *serve_options, **session, "", nullptr);
    };
  });

  auto demo_options = std::make_shared<ServeOptions>();
  CLI::App* demo =
      app.add_subcommand("demo", "Create a fresh demo database (conduct-demo.db) with fictional cases and serve it");
  add_serve_options(*demo, *demo_options);
  demo->callback([&globals, &action, demo_options] {
    action = [&globals, demo_options] {
      const std::string demo_file = "conduct-demo.db";
      std::error_code ignored;
      for (const char* suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(database_path(globals.data_dir, demo_file + suffix), ignored);
      auto session = Session::open(globals, demo_file, MissingIndexKey::Refuse, AbsentDatabase::Create);
      if (!session.ok()) return report_error(globals, session.error());
      auto seeded = app::seed_demo((*session)->context());
      if (!seeded.ok()) return report_error(globals, seeded.error());
      const std::string greeting =
          "Demo community: " + seeded->community.name + ", " + std::to_string(seeded->cases) + " fictional cases.\n" +
          "Sign in as " + seeded->chair.email + " with the password '" + seeded->password +
          "' and the code printed below\n(or add this TOTP secret to an authenticator app: " +
          crypto::totp_secret_base32(seeded->chair_totp_secret) + ").\n" + "The CLI works on it too: conduct --data " +
          globals.data_dir + " --database " + demo_file + " case list --as " + seeded->chair.email +
          "\n(the demo database is " + database_path(globals.data_dir, demo_file) + ")\n" +
          seeded->newcomer.display_name + " joined after the cases, screened '" + seeded->newcomer_case +
          "' and waits for its key:\nthe chair grants it on the Cases page; " + seeded->newcomer.email +
          " signs in with the same password and their own code below\n(newcomer's TOTP secret: " +
          crypto::totp_secret_base32(seeded->newcomer_totp_secret) + ").\n" +
          "Anyone may report without an account at /report/" + seeded->community.slug +
          " and follow it at /portal with the receipt;\nthe mail the server sends is written to " + globals.data_dir +
          "/outbox/.\n" + "Every other demo member signs in with the same password and the TOTP secret listed in " +
          database_path(globals.data_dir, "demo-members.txt") + " (to try a vote as several members).\n";
      {
        std::ofstream secrets(database_path(globals.data_dir, "demo-members.txt"), std::ios::trunc);
        secrets << "# The demo's fictional members: email, then the TOTP secret their authenticator takes.\n"
                   "# Each signs in with the password '"
                << seeded->password << "'.\n";
        for (const auto& [email, secret] : seeded->member_secrets)
          secrets << email << " " << crypto::totp_secret_base32(secret) << "\n";
      }
      DemoCodePrinter codes(
          {{seeded->chair.email, seeded->chair_totp_secret}, {seeded->newcomer.email, seeded->newcomer_totp_secret}});
      return serve_session(globals, *demo_options, **session, greeting, &codes);
    };
  });
}

}  // namespace conduct::cli
