// Writing a plain-text mail message (RFC 5322 with MIME, RFC 2045-2047): headers that
// cannot be split by what they carry, a subject in an encoded word when it is not ASCII,
// and a UTF-8 body in quoted-printable, so any transport carries it unchanged.
#pragma once

#include <string>
#include <vector>

#include "core/time.h"

namespace conduct::mail {

struct OutgoingMessage {
  std::string from;             // an address, or "Name <address>"
  std::vector<std::string> to;  // addresses
  std::vector<std::string> cc;  // addresses; they receive it too
  std::string reply_to;         // empty: none
  std::string subject;          // UTF-8
  std::string body;             // UTF-8 text; lines end in \n
  std::string message_id;       // without angle brackets: "abc@example.org"
  std::string auto_submitted;   // "auto-replied", "auto-generated" or empty (RFC 3834)
  Timestamp date;
};

// The message as RFC 5322 text, lines ending in CRLF. A header value never carries a
// line break (CR and LF become spaces), so nothing typed can add a header.
std::string compose(const OutgoingMessage& message);

// RFC 5322 date: "Fri, 04 Dec 2026 22:34:02 +0000".
std::string format_mail_date(Timestamp time);

// A subject (or any unstructured header) as RFC 2047 encoded words when it holds
// anything but printable ASCII; unchanged otherwise.
std::string encode_header_text(const std::string& text);

// Quoted-printable (RFC 2045 section 6.7) of UTF-8 text, lines at most 76 characters,
// line ends as CRLF.
std::string quoted_printable(const std::string& text);

}  // namespace conduct::mail
