// Incoming mail as `conduct mail ingest` reads it, and a draft's checks
// (domain::check_draft, identifiers_in) over the same bytes (mail::parse_incoming with GMime,
// mail::html_to_text, mail::parse_authentication_results) and the rules that read its
// subject and text (domain::subject_tags_in, code_names_in, mail_text_for_case).
//
// Properties: parsing never crashes, and a message that parses has every text valid
// UTF-8, one-line headers (subject, addresses, message ids), file names that name no
// directory and hold no control character, and problems from the known list; its text
// as the case records it is clean UTF-8 within the limit; a subject's tags are ten
// characters of the receipt alphabet and its code names normalise to themselves;
// Authentication-Results fields come out in lower case.
#include <algorithm>
#include <string>

#include "core/text.h"
#include "domain/code_name.h"
#include "domain/draft_checks.h"
#include "domain/mail_intake.h"
#include "domain/receipt.h"
#include "fuzz_check.h"
#include "mail/html_text.h"
#include "mail/incoming.h"

namespace {

using namespace conduct;

// Well-formed UTF-8 (RFC 3629): no overlong form, no surrogate, nothing past U+10FFFF.
bool valid_utf8(const std::string& text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    std::size_t length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || i + length > text.size()) return false;
    std::uint32_t code = length == 1 ? c : c & (0x7F >> length);
    for (std::size_t k = 1; k < length; ++k) {
      const unsigned char next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3F);
    }
    static constexpr std::uint32_t kLeast[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < kLeast[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
    i += length;
  }
  return true;
}

bool one_line_utf8(const std::string& text) {
  return valid_utf8(text) && text.find_first_of("\r\n") == std::string::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view raw = fuzz::as_text(data, size);
  const std::string html = mail::html_to_text(raw);
  FUZZ_CHECK(html.empty() || html.back() == '\n', "HTML text ends with a line break");

  for (const mail::AuthenticationResult& result : mail::parse_authentication_results(raw)) {
    FUZZ_CHECK(result.authserv_id == to_lower_ascii(result.authserv_id), "authserv-id in lower case");
    FUZZ_CHECK(result.method == to_lower_ascii(result.method), "method in lower case");
    FUZZ_CHECK(result.result == to_lower_ascii(result.result), "result in lower case");
  }
  for (const std::string& tag : domain::subject_tags_in(raw)) {
    FUZZ_CHECK(tag.size() == 10, "a tag secret has ten characters");
    FUZZ_CHECK(tag.find_first_not_of(domain::kReceiptAlphabet) == std::string::npos, "of the receipt alphabet");
  }
  for (const std::string& name : domain::code_names_in(raw))
    FUZZ_CHECK(domain::normalise_case_code_name(name) == name, "a code name found normalises to itself");

  // A draft's checks read member-written text: any text gives findings, never a crash,
  // and only identifiers that exist.
  const std::vector<domain::KnownIdentifier> known = {
      {domain::KnownIdentifier::Kind::Name, "Ana Lima", "the reporter"},
      {domain::KnownIdentifier::Kind::Email, "ana@example.org", "the reporter"},
      {domain::KnownIdentifier::Kind::Handle, "@ana_codes", "a witness"}};
  for (const std::size_t index : domain::identifiers_in(raw, known))
    FUZZ_CHECK(index < known.size(), "a known identifier");
  domain::DraftToCheck draft;
  draft.recipient = domain::DraftRecipient::ReportedPerson;
  draft.text = std::string(raw);
  for (const domain::DraftFinding& finding : domain::check_draft(draft, known))
    FUZZ_CHECK(!finding.check.empty() && !finding.detail.empty(), "a finding says what it found");

  const auto parsed = mail::parse_incoming(raw);
  if (!parsed.ok()) return 0;
  const mail::IncomingMessage& message = *parsed;
  FUZZ_CHECK(one_line_utf8(message.subject), "the subject is one line of UTF-8");
  FUZZ_CHECK(one_line_utf8(message.message_id), "the message id is one line of UTF-8");
  for (const std::string& id : message.in_reply_to) FUZZ_CHECK(one_line_utf8(id), "In-Reply-To ids are one line");
  for (const std::string& id : message.references) FUZZ_CHECK(one_line_utf8(id), "References ids are one line");
  if (message.from) {
    FUZZ_CHECK(one_line_utf8(message.from->name), "the sender's name is one line");
    FUZZ_CHECK(one_line_utf8(message.from->address), "the sender's address is one line");
  }
  FUZZ_CHECK(valid_utf8(message.text), "the text is UTF-8");
  for (const mail::MailAttachment& file : message.attachments) {
    FUZZ_CHECK(!file.filename.empty(), "a file has a name");
    FUZZ_CHECK(valid_utf8(file.filename), "a file name is UTF-8");
    FUZZ_CHECK(file.filename.find_first_of("/\\") == std::string::npos, "a file name names no directory");
    FUZZ_CHECK(std::none_of(file.filename.begin(), file.filename.end(),
                            [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; }),
               "a file name holds no control character");
  }
  static const std::vector<std::string> kProblems = {"8bit-header",   "invalid-encoded-word", "malformed-multipart",
                                                     "truncated",     "nested-too-deep",      "part-without-content",
                                                     "too-many-parts"};
  for (const std::string& problem : message.problems)
    FUZZ_CHECK(std::find(kProblems.begin(), kProblems.end(), problem) != kProblems.end(), "a known problem");

  domain::MailForCase mail;
  if (message.from) mail.sender_name = message.from->name, mail.sender_address = message.from->address;
  mail.subject = message.subject;
  mail.sent_at = message.date;
  mail.text = message.text;
  for (const mail::MailAttachment& file : message.attachments) mail.file_names.push_back(file.filename);
  const domain::MailText text = domain::mail_text_for_case(mail);
  FUZZ_CHECK(is_clean_utf8(text.text), "the case's text is clean UTF-8");
  FUZZ_CHECK(text.text.size() <= domain::kMailTextLimit + 200, "the case's text keeps to the limit");
  return 0;
}
