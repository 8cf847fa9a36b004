#include "mail/message.h"

#include <array>
#include <string>

namespace conduct::mail {
namespace {

constexpr char kHex[] = "0123456789ABCDEF";

std::string one_line(const std::string& value) {
  std::string line;
  for (char c : value) line += (c == '\r' || c == '\n') ? ' ' : c;
  return line;
}

bool plain_ascii(const std::string& text) {
  for (unsigned char c : text)
    if (c < 0x20 || c > 0x7e) return false;
  return true;
}

std::string base64(std::string_view bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (i + 1 == bytes.size()) {
    const unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += "==";
  } else if (i + 2 == bytes.size()) {
    const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

bool utf8_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

}  // namespace

std::string format_mail_date(Timestamp time) {
  static constexpr std::array<const char*, 7> kDays = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::int64_t days = date_of(time).days;
  const int weekday = static_cast<int>(((days % 7) + 7) % 7);  // 1970-01-01 was a Thursday
  const std::string iso = format_timestamp(time);              // "2026-11-25T08:00:00Z"
  const int month = std::stoi(iso.substr(5, 2));
  return std::string(kDays[weekday]) + ", " + iso.substr(8, 2) + " " + kMonths[month - 1] + " " + iso.substr(0, 4) +
         " " + iso.substr(11, 8) + " +0000";
}

std::string encode_header_text(const std::string& text) {
  const std::string line = one_line(text);
  if (plain_ascii(line)) return line;
  // Encoded words of at most 39 bytes of text each (64 characters), never splitting a
  // UTF-8 sequence (RFC 2047 section 5), so that a line holding one stays within the 76
  // characters RFC 2047 section 2 allows, "Subject: " included.
  constexpr std::size_t kBytesPerWord = 39;
  std::string encoded;
  std::size_t at = 0;
  while (at < line.size()) {
    std::size_t end = std::min(line.size(), at + kBytesPerWord);
    while (end < line.size() && end > at && utf8_continuation(static_cast<unsigned char>(line[end]))) --end;
    if (end == at) end = std::min(line.size(), at + kBytesPerWord);
    if (!encoded.empty()) encoded += "\r\n ";
    encoded += "=?UTF-8?B?" + base64(std::string_view(line).substr(at, end - at)) + "?=";
    at = end;
  }
  return encoded;
}

std::string quoted_printable(const std::string& text) {
  std::string out;
  std::size_t column = 0;
  const auto soft_break = [&] {
    out += "=\r\n";
    column = 0;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      out += "\r\n";
      column = 0;
      continue;
    }
    if (c == '\r') continue;
    const bool line_end_follows = i + 1 == text.size() || text[i + 1] == '\n' || text[i + 1] == '\r';
    const bool literal = (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !line_end_follows);
    const std::size_t width = literal ? 1 : 3;
    if (column + width > 75) soft_break();
    if (literal) {
      out += static_cast<char>(c);
    } else {
      out += '=';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
    column += width;
  }
  return out;
}

std::string compose(const OutgoingMessage& message) {
  std::string text;
  const auto header = [&](const char* name, const std::string& value) {
    text += name;
    text += ": ";
    text += value;
    text += "\r\n";
  };
  header("From", one_line(message.from));
  std::string to;
  for (const std::string& address : message.to) to += (to.empty() ? "" : ", ") + one_line(address);
  header("To", to);
  if (!message.cc.empty()) {
    std::string cc;
    for (const std::string& address : message.cc) cc += (cc.empty() ? "" : ", ") + one_line(address);
    header("Cc", cc);
  }
  if (!message.reply_to.empty()) header("Reply-To", one_line(message.reply_to));
  header("Subject", encode_header_text(message.subject));
  header("Date", format_mail_date(message.date));
  header("Message-ID", "<" + one_line(message.message_id) + ">");
  if (!message.auto_submitted.empty()) header("Auto-Submitted", one_line(message.auto_submitted));
  header("MIME-Version", "1.0");
  header("Content-Type", "text/plain; charset=utf-8");
  header("Content-Transfer-Encoding", "quoted-printable");
  text += "\r\n";
  text += quoted_printable(message.body);
  if (text.size() < 2 || text.compare(text.size() - 2, 2, "\r\n") != 0) text += "\r\n";
  return text;
}

}  // namespace conduct::mail
