// Reading one incoming mail message (RFC 5322 with MIME) into what the intake needs:
// who sent it, to whom, its threading headers, its text as readable UTF-8, its files,
// and whether it was written by a machine (an auto-reply, a bounce, a list). GMime does
// the MIME: transfer encodings, charsets and RFC 2047 / RFC 2231 words to UTF-8, nested
// multiparts and attached messages. This file decides nothing about cases; the app
// layer places the message (app/mail_intake.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/time.h"

namespace conduct::mail {

struct MailAddress {
  std::string name;     // the display name, UTF-8; may be empty
  std::string address;  // "local@domain" as written
};

struct MailAttachment {
  std::string filename;            // as the sender named it (RFC 2231 decoded), or made up
  std::string content_type;        // "image/png"
  std::string content;             // decoded bytes
  bool forwarded_message = false;  // a message/rfc822 part, kept whole as an .eml file
};

// A message a machine sent on its own: never answered, and never the start of a case.
enum class Automatic {
  No,
  AutoReply,  // Auto-Submitted (RFC 3834), X-Autoreply, Precedence: auto_reply
  Bounce,     // a delivery status notification (RFC 3464), or from MAILER-DAEMON
  Bulk,       // Precedence: bulk / junk / list, or a List-Id (a mailing list)
};
std::string_view to_string(Automatic automatic);

// One result of an Authentication-Results header (RFC 8601), as written by the host
// that names itself `authserv_id`.
struct AuthenticationResult {
  std::string authserv_id;  // lower case
  std::string method;       // "dkim", "spf", "dmarc", … lower case
  std::string result;       // "pass", "fail", … lower case
  std::string domain;       // header.d (or header.i's domain) for dkim, lower case; may be empty
};

struct IncomingMessage {
  std::string message_id;                // without angle brackets; empty when absent
  std::vector<std::string> in_reply_to;  // message ids
  std::vector<std::string> references;   // message ids, oldest first
  std::optional<MailAddress> from;
  std::vector<MailAddress> reply_to;
  std::vector<MailAddress> to;
  std::vector<MailAddress> cc;
  std::vector<std::string> delivered_to;  // Delivered-To and X-Original-To (the envelope)
  std::string subject;                    // UTF-8, on one line
  std::optional<Timestamp> date;
  std::string text;             // the message's text, UTF-8, lines ending in \n
  bool text_from_html = false;  // the text was turned from HTML (the message had no plain text)
  std::vector<MailAttachment> attachments;
  Automatic automatic = Automatic::No;
  std::vector<AuthenticationResult> authentication;
  std::vector<std::string> problems;  // what the parser had to work around ("malformed-multipart", …)
};

// Limits on what one message may make the parser do.
struct ParseLimits {
  std::size_t max_parts = 200;  // MIME parts read; the rest are ignored (a problem says so)
  int max_depth = 20;           // nesting of multiparts and attached messages
};

// Errors: InvalidArgument when `raw` is not a mail message at all (empty, no header).
// Anything else gives a message, with what it had to work around in `problems`.
Result<IncomingMessage> parse_incoming(std::string_view raw, const ParseLimits& limits = {});

// The Authentication-Results headers' values as results (exposed for tests and fuzzing).
std::vector<AuthenticationResult> parse_authentication_results(std::string_view value);

}  // namespace conduct::mail
