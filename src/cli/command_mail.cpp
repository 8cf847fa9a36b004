// `conduct mail`: mail in, for an MTA pipe (`ingest`), and the quarantine a chair reviews
// (`quarantine list|show|file|discard`). `ingest` exits with the codes an MTA knows
// (sysexits.h), so a message is never lost: 0 it was received (placed, quarantined or
// already received before), 65 it is refused for good (larger than [mail]
// max_message_mib; the MTA bounces it to its sender), 67 no community receives mail at
// its address, 75 a temporary failure (the MTA keeps it and tries again). What it
// prints names no case and nothing of the message.
#include <unistd.h>

#include <iostream>

#include "app/audit.h"
#include "app/mail_intake.h"
#include "app/quarantine.h"
#include "app/server_config.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "domain/code_name.h"
#include "json/views.h"

namespace conduct::cli {
namespace {

// sysexits.h, as MTAs read a pipe command's status.
constexpr int kExitDataError = 65;
constexpr int kExitNoUser = 67;
constexpr int kExitTemporaryFailure = 75;

// Standard input up to `limit` + 1 bytes: enough to tell a message over the limit.
Result<std::string> read_message(std::size_t limit) {
  std::string raw;
  char buffer[65536];
  while (raw.size() <= limit) {
    const ssize_t got = ::read(STDIN_FILENO, buffer, sizeof buffer);
    if (got == 0) break;
    if (got < 0) {
      if (errno == EINTR) continue;
      return unavailable("cannot read the message from standard input");
    }
    raw.append(buffer, static_cast<std::size_t>(got));
  }
  return raw;
}

void add_ingest(CLI::App& mail, GlobalOptions& globals, Action& action) {
  CLI::App* ingest = mail.add_subcommand("ingest", "Receive one mail message (RFC 5322) from standard input");
  ingest->footer(
      "For an MTA pipe, e.g. Postfix: conduct unix - n n - - pipe flags=Rq user=conduct "
      "argv=/usr/local/bin/conduct --data /var/lib/conduct mail ingest\n"
      "Exit codes (sysexits.h): 0 received, 65 refused for good (too large), 67 no community at that address, "
      "75 temporary failure (the MTA tries again).");
  ingest->callback([&globals, &action] {
    action = [&globals]() -> int {
      auto opened = Session::open(globals);
      if (!opened.ok()) {
        (void)report_error(globals, opened.error());
        return kExitTemporaryFailure;
      }
      Session& session = **opened;
      const app::MailIntakeSettings& settings = session.config().mail_intake;
      auto raw = read_message(settings.max_message_bytes);
      if (!raw.ok()) {
        (void)report_error(globals, raw.error());
        return kExitTemporaryFailure;
      }
      std::optional<std::string> community;
      if (!globals.community.empty()) community = globals.community;
      auto received = app::ingest_mail(session.context(), *raw, community, settings);
      if (!received.ok()) {
        (void)report_error(globals, received.error());
        switch (received.error().code) {
          case ErrorCode::InvalidArgument:
            return kExitDataError;
          case ErrorCode::NotFound:
            return kExitNoUser;
          default:
            return kExitTemporaryFailure;
        }
      }
      if (globals.json) {
        nlohmann::json out = {{"outcome", app::to_string(received->outcome)}};
        if (!received->quarantine_reason.empty()) out["quarantine_reason"] = received->quarantine_reason;
        print_json(out);
      } else {
        std::cout << "Received: " << app::to_string(received->outcome);
        if (!received->quarantine_reason.empty()) std::cout << " (" << received->quarantine_reason << ")";
        std::cout << ".\n";
      }
      return kExitOk;
    };
  });
}

void add_poll(CLI::App& mail, GlobalOptions& globals, Action& action) {
  CLI::App* poll = mail.add_subcommand("poll", "Receive the messages waiting in the IMAP mailbox of [mail] imap_url");
  poll->footer(
      "Each message is received as 'mail ingest' receives it, then deleted from the mailbox; one refused for good "
      "(too large, no community at its address) is flagged and left there. 'conduct serve' polls by itself every "
      "[mail] poll_seconds.");
  poll->callback([&globals, &action] {
    action = [&globals] {
      return with_session(globals, [&](Session& session) -> Status {
        const app::ServerConfig& config = session.config();
        if (config.imap.url.empty())
          return field_error("imap_url", "is not set in [mail] of conduct.toml: there is no mailbox to poll");
        mail::ImapMailbox mailbox(config.imap);
        std::optional<std::string> community;
        if (!globals.community.empty()) community = globals.community;
        ASSIGN_OR_RETURN(const app::PollReport report,
                         app::poll_mailbox(session.context(), mailbox, community, config.mail_intake));
        if (globals.json)
          print_json({{"received", report.received}, {"set_aside", report.set_aside}});
        else
          std::cout << "Received " << report.received << " message(s); " << report.set_aside
                    << " set aside (flagged in the mailbox).\n";
        return ok_status();
      });
    };
  });
}

void add_quarantine(CLI::App& mail, GlobalOptions& globals, Action& action) {
  CLI::App* quarantine =
      mail.add_subcommand("quarantine", "Review incoming mail no rule could place (chairs and vice-chairs)");
  quarantine->require_subcommand(1);

  CLI::App* list = quarantine->add_subcommand("list", "List the messages waiting in quarantine");
  list->callback([&globals, &action] {
    action = [&globals] {
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const app::Actor actor, session.actor());
        ASSIGN_OR_RETURN(const std::vector<app::QuarantineSummary> waiting,
                         app::list_quarantine(session.context(), actor));
        if (globals.json) {
          nlohmann::json items = nlohmann::json::array();
          for (const app::QuarantineSummary& one : waiting) items.push_back(json::quarantine_json(one));
          print_json({{"messages", items}});
        } else if (waiting.empty()) {
          std::cout << "No message waits in quarantine.\n";
        } else {
          for (const app::QuarantineSummary& one : waiting)
            std::cout << "#" << one.id << "  " << format_timestamp(one.received_at) << "  " << one.reason << "  ("
                      << domain::describe_size(one.size_bytes) << ")\n    " << one.reason_text << "\n";
        }
        return ok_status();
      });
    };
  });

  auto show_id = std::make_shared<std::int64_t>(0);
  auto show_raw = std::make_shared<bool>(false);
  CLI::App* show = quarantine->add_subcommand("show", "Read a quarantined message (its reading is audited)");
  show->add_option("id", *show_id, "The message's number, from 'mail quarantine list'")->required();
  show->add_flag("--raw", *show_raw, "Print the whole message as it arrived");
  show->callback([&globals, &action, show_id, show_raw] {
    action = [&globals, show_id, show_raw] {
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const app::Actor actor, session.actor());
        ASSIGN_OR_RETURN(const app::QuarantinedMessage message,
                         app::read_quarantined(session.context(), actor, *show_id));
        if (globals.json) {
          nlohmann::json out = json::quarantine_json(message.summary);
          out["from"] = message.from;
          out["subject"] = message.subject;
          out["text"] = message.text;
          out["files"] = message.file_names;
          if (*show_raw) out["raw"] = message.raw;
          print_json(out);
        } else if (*show_raw) {
          std::cout << message.raw;
        } else {
          std::cout << "#" << message.summary.id << "  " << message.summary.reason_text << "\nFrom: " << message.from
                    << "\nSubject: " << message.subject << "\n";
          for (const std::string& file : message.file_names) std::cout << "File: " << file << "\n";
          std::cout << "\n" << message.text;
        }
        return ok_status();
      });
    };
  });

  auto file_id = std::make_shared<std::int64_t>(0);
  auto file_case = std::make_shared<std::string>();
  CLI::App* file = quarantine->add_subcommand("file", "File a quarantined message into a case, or into a new one");
  file->add_option("id", *file_id, "The message's number")->required();
  file->add_option("--case", *file_case, "The case it belongs to, e.g. home-shelf (default: open a new case)");
  file->callback([&globals, &action, file_id, file_case] {
    action = [&globals, file_id, file_case] {
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const app::Actor actor, session.actor());
        ASSIGN_OR_RETURN(const std::string code, app::file_quarantined(session.context(), actor, *file_id, *file_case));
        if (globals.json)
          print_json({{"id", *file_id}, {"case", domain::url_form(code)}});
        else
          std::cout << "Filed message #" << *file_id << " into case " << domain::url_form(code) << ".\n";
        return ok_status();
      });
    };
  });

  auto discard_id = std::make_shared<std::int64_t>(0);
  CLI::App* discard = quarantine->add_subcommand("discard", "Discard a quarantined message (it is destroyed)");
  discard->add_option("id", *discard_id, "The message's number")->required();
  discard->callback([&globals, &action, discard_id] {
    action = [&globals, discard_id] {
      return with_session(globals, [&](Session& session) -> Status {
        ASSIGN_OR_RETURN(const app::Actor actor, session.actor());
        TRY(app::discard_quarantined(session.context(), actor, *discard_id));
        if (globals.json)
          print_json({{"id", *discard_id}, {"discarded", true}});
        else
          std::cout << "Discarded message #" << *discard_id << ".\n";
        return ok_status();
      });
    };
  });
}

}  // namespace

void add_mail_commands(CLI::App& app, GlobalOptions& globals, Action& action) {
  CLI::App* mail = app.add_subcommand("mail", "Receive mail, and review the mail quarantine");
  mail->require_subcommand(1);
  add_ingest(*mail, globals, action);
  add_poll(*mail, globals, action);
  add_quarantine(*mail, globals, action);
}

}  // namespace conduct::cli
