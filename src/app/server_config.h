// The server configuration file (conduct.toml in the data directory). Today it pins
// each community's root key fingerprint: `conduct init` writes it, and the server
// refuses to start when the database's root key does not match, so a database writer
// cannot replace the root of the key chain. Every key is in docs/configuration.md.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "app/context.h"
#include "app/mail_intake.h"
#include "core/result.h"
#include "mail/curl_session.h"

namespace conduct::app {

// How often the server runs retention (app/retention.h) after the run at start:
// daily. [retention] interval_seconds changes it (tests shorten it).
inline constexpr std::int64_t kDefaultRetentionIntervalSeconds = 24 * 60 * 60;
inline constexpr std::int64_t kLongestRetentionIntervalSeconds = 7 * 24 * 60 * 60;

struct ServerConfig {
  std::map<std::string, std::string> root_fingerprints;                        // community slug -> fingerprint
  std::int64_t retention_interval_seconds = kDefaultRetentionIntervalSeconds;  // 1 s to a week
  // [backup] key_dir: where `conduct backup` puts backup keys; when set, each retention
  // run destroys the keys of backups older than the backup horizon (app/backup_keys.h).
  std::string backup_key_dir;
  // [server] workers: threads that handle requests, each with its own connection to the
  // database; 0 (the default) means one per processor core.
  int workers = 0;
  // [server] password_workers: threads for requests that hash a password (Argon2id),
  // kept apart so that signing in never holds up other members' requests.
  int password_workers = 1;
  // [server] io_threads: threads that read requests and write answers (they hand each
  // request whole to a worker); 0 (the default) means one per processor core.
  int io_threads = 0;
  // [server] max_connections, max_connections_per_address: open connections in all and
  // from one client address (0 per address: no cap; behind a reverse proxy every
  // connection comes from the proxy).
  int max_connections = 1024;
  int max_connections_per_address = 64;
  // [server] header_timeout_seconds, read_timeout_seconds: how long a request's head,
  // and the whole request, may take to arrive.
  int header_timeout_seconds = 5;
  int read_timeout_seconds = 20;
  // [server] reporter_uploads_mib: memory the bodies of public forms with files (reports,
  // portal messages) may hold together while they are read and answered; past it a new
  // one is answered 503 at once.
  int reporter_uploads_mib = 64;
  // [mail] outbox: the directory outgoing mail is written to, one .eml file a message
  // (relative paths are under the data directory). The default, "outbox", lets a server
  // with no mail server keep every message it would send.
  std::string mail_outbox = "outbox";
  // [mail] max_message_mib and trusted_authserv_id: what `conduct mail ingest` accepts,
  // and whose Authentication-Results it believes (app/mail_intake.h).
  MailIntakeSettings mail_intake;
  // [mail] smtp_*: the SMTP server outgoing mail goes to (none: the outbox directory);
  // envelope_from is the address bounces return to (default: the community's contact
  // address). [mail] imap_* and poll_seconds: the mailbox `conduct serve` polls for
  // incoming mail (none: mail comes in through `conduct mail ingest` only). Passwords
  // may come from CONDUCT_SMTP_PASSWORD and CONDUCT_IMAP_PASSWORD instead.
  mail::ServerSettings smtp;
  std::string envelope_from;
  mail::ServerSettings imap;
  int poll_seconds = 60;
  // [mail] audit_head_hours: how often the audit log's head is mailed to every
  // community's chairs (app/audit_head_mail.h); 0: never.
  int audit_head_hours = 168;
};

// The largest number of threads [server] accepts for either setting.
inline constexpr int kMostWorkers = 256;

// Parses the file's text. Unknown keys are errors naming them. Errors: InvalidArgument.
Result<ServerConfig> parse_server_config(std::string_view toml_source);

// Every community in the store must have its root key pinned in `config` and match it.
// Errors: FailedPrecondition naming the community (unpinned or mismatched).
Status check_pinned_roots(Context& context, const ServerConfig& config);

// Puts the pins of `config` into the context (by community id), so certificates are
// checked against them, not against the database's own root key.
Status apply_pinned_roots(Context& context, const ServerConfig& config);

}  // namespace conduct::app
