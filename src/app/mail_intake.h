// Mail in (docs/administration.md "Mail in"): `conduct mail ingest` hands one message
// here, as an MTA pipe does. The message is read (mail/incoming.h), its community found
// from its recipients, and it is placed by the rules of domain/mail_intake.h: a new
// report opens a case like the public form (sealed, acknowledged, the members
// notified), a reply joins its case as a communication-in entry with its files (and the
// reporter's thread, when it is the reporter answering the group's mail to them), and
// anything else waits in the quarantine for a chair (app/quarantine.h). A message that
// was received before (the same Message-ID, or the same bytes when it has none) changes
// nothing, so an MTA or a poller that hands it over twice files it once.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "app/context.h"
#include "core/result.h"
#include "domain/mail_intake.h"
#include "mail/imap_mailbox.h"
#include "mail/incoming.h"

namespace conduct::app {

// [mail] in conduct.toml.
struct MailIntakeSettings {
  // The largest message accepted; a larger one is refused for good (the MTA bounces it,
  // so its sender knows). 50 MiB by default.
  std::size_t max_message_bytes = 50u * 1024 * 1024;
  // The authserv-id of the host whose Authentication-Results count (your MX); empty:
  // no local representative's mail is ever verified.
  std::string trusted_authserv_id;
};

enum class MailOutcome { OpenedCase, JoinedCase, Quarantined, AlreadyReceived };
std::string_view to_string(MailOutcome outcome);

struct IngestedMail {
  MailOutcome outcome = MailOutcome::Quarantined;
  std::string quarantine_reason;        // the reason's name, when quarantined
  std::optional<std::int64_t> case_id;  // the case it opened or joined: inside the server only, never shown
};

// Errors: InvalidArgument when the message is larger than the settings allow (a
// permanent failure); NotFound when no community is named and none has the message's
// recipient as its contact address (with one community, it is that one); a storage
// failure as it comes (a temporary failure: the MTA tries again). What is said names
// nothing of the message.
Result<IngestedMail> ingest_mail(Context& context, std::string_view raw,
                                 const std::optional<std::string>& community_slug, const MailIntakeSettings& settings);

// What one poll of the mailbox did (counts only).
struct PollReport {
  int received = 0;   // placed, quarantined or received before; deleted from the mailbox
  int set_aside = 0;  // refused for good (too large, no community): flagged and left there
};

// Takes every waiting message of the mailbox (mail/imap_mailbox.h), hands each to
// ingest_mail, and deletes it once the intake has sealed it. A message refused for good
// is flagged and left for a person; a temporary failure stops the poll (the message
// stays and the next poll takes it again).
Result<PollReport> poll_mailbox(Context& context, mail::ImapMailbox& mailbox,
                                const std::optional<std::string>& community_slug, const MailIntakeSettings& settings);

// The steps the quarantine shares when a chair files a message (app/quarantine.h).
namespace mail_placing {

// The message as the case records it (its files named as they are stored).
domain::MailForCase mail_for_case(const mail::IncomingMessage& message, const domain::SenderStanding& standing,
                                  bool keeps_whole_message);

// Inside the caller's transaction: the message's entry and files on `current` (a side
// version of its key is made when the caller holds none), the reporter's reply on their
// thread too when the rules of domain/mail_intake.h say so (sealed to the thread's drop
// box, app/reporter_thread.h, so no key is needed), and its id recorded so replies to it
// thread here.
Status add_to_case(Context& context, const domain::Case& current, const domain::Policy& policy,
                   const mail::IncomingMessage& message, std::string_view raw, const std::string& message_index);

// Opens a case with the message (its own transaction, like the public form); `within`
// runs inside it once the case is written. Returns the case's id.
Result<std::int64_t> open_case(Context& context, const domain::Community& community,
                               const mail::IncomingMessage& message, std::string_view raw,
                               const std::string& message_index, const domain::SenderStanding& standing,
                               const std::function<Status(const domain::Case&)>& within);

}  // namespace mail_placing

}  // namespace conduct::app
