#include "mail/message.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/text.h"

namespace conduct::mail {
namespace {

// A reader of what compose writes, small enough to trust by reading: quoted-printable
// (RFC 2045 6.7), base64 and RFC 2047 encoded words.
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;  // compose writes upper-case hex only
}

// Decodes quoted-printable with CRLF line ends into text with LF line ends. Fails the
// calling test on anything malformed.
std::string decode_quoted_printable(const std::string& encoded) {
  std::string text;
  for (std::size_t i = 0; i < encoded.size(); ++i) {
    const char c = encoded[i];
    if (c == '=') {
      if (encoded.compare(i + 1, 2, "\r\n") == 0) {  // a soft line break
        i += 2;
        continue;
      }
      const int high = i + 1 < encoded.size() ? hex_value(encoded[i + 1]) : -1;
      const int low = i + 2 < encoded.size() ? hex_value(encoded[i + 2]) : -1;
      EXPECT_TRUE(high >= 0 && low >= 0) << "a broken escape at " << i;
      text += static_cast<char>(high * 16 + low);
      i += 2;
    } else if (c == '\r') {
      EXPECT_EQ(encoded.compare(i, 2, "\r\n"), 0) << "a bare CR at " << i;
      text += '\n';
      ++i;
    } else {
      EXPECT_NE(c, '\n') << "a bare LF at " << i;
      text += c;
    }
  }
  return text;
}

std::string decode_base64(const std::string& encoded) {
  static const std::string kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string bytes;
  unsigned bits = 0;
  int count = 0;
  for (char c : encoded) {
    if (c == '=') break;
    const std::size_t value = kAlphabet.find(c);
    EXPECT_NE(value, std::string::npos) << "not base64: " << c;
    bits = (bits << 6) | static_cast<unsigned>(value);
    count += 6;
    if (count >= 8) {
      count -= 8;
      bytes += static_cast<char>((bits >> count) & 0xFF);
    }
  }
  return bytes;
}

// An unstructured header's value as a reader shows it: folded lines joined, encoded
// words decoded (the space between two encoded words is not part of the text).
std::string decode_header_text(const std::string& value) {
  std::string unfolded;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value.compare(i, 3, "\r\n ") == 0) {
      unfolded += ' ';
      i += 2;
    } else {
      unfolded += value[i];
    }
  }
  if (unfolded.rfind("=?", 0) != 0) return unfolded;
  std::string text;
  for (const std::string& word : split(unfolded, ' ')) {
    EXPECT_EQ(word.rfind("=?UTF-8?B?", 0), 0u) << word;
    EXPECT_GE(word.size(), 12u);
    EXPECT_EQ(word.substr(word.size() - 2), "?=") << word;
    EXPECT_LE(word.size(), 75u) << "an encoded word longer than RFC 2047 allows";
    text += decode_base64(word.substr(10, word.size() - 12));
  }
  return text;
}

struct Composed {
  std::vector<std::string> header_lines;  // as written, continuation lines included
  std::string body;                       // after the blank line
};

Composed split_message(const std::string& message) {
  Composed composed;
  const std::size_t blank = message.find("\r\n\r\n");
  EXPECT_NE(blank, std::string::npos);
  if (blank == std::string::npos) return composed;
  std::string head = message.substr(0, blank);
  std::size_t start = 0;
  while (start <= head.size()) {
    const std::size_t end = std::min(head.find("\r\n", start), head.size());
    composed.header_lines.push_back(head.substr(start, end - start));
    start = end + 2;
  }
  composed.body = message.substr(blank + 4);
  return composed;
}

// The value of the header `name`, continuation lines joined back with CRLF + space.
std::string header(const Composed& composed, const std::string& name) {
  std::string value;
  bool in_it = false;
  for (const std::string& line : composed.header_lines) {
    if (!line.empty() && line[0] == ' ') {
      if (in_it) value += "\r\n" + line;
      continue;
    }
    in_it = line.rfind(name + ": ", 0) == 0;
    if (in_it) value = line.substr(name.size() + 2);
  }
  return value;
}

OutgoingMessage sample_message() {
  OutgoingMessage message;
  message.from = "Tidewater Conduct <conduct@tidewater.example>";
  message.to = {"noor@example.net", "sam@example.org"};
  message.reply_to = "conduct@tidewater.example";
  message.subject = "We have received your report";
  message.body = "Hello Noor,\n\nThank you.\n";
  message.message_id = "0123abcd@tidewater.example";
  message.auto_submitted = "auto-replied";
  message.date = *parse_timestamp("2026-12-04T22:34:02Z");
  return message;
}

TEST(ComposeTest, WritesEveryHeaderOnceAndTheBody) {
  const std::string text = compose(sample_message());
  const Composed composed = split_message(text);
  const std::vector<std::string> expected = {
      "From: Tidewater Conduct <conduct@tidewater.example>",
      "To: noor@example.net, sam@example.org",
      "Reply-To: conduct@tidewater.example",
      "Subject: We have received your report",
      "Date: Fri, 04 Dec 2026 22:34:02 +0000",
      "Message-ID: <0123abcd@tidewater.example>",
      "Auto-Submitted: auto-replied",
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=utf-8",
      "Content-Transfer-Encoding: quoted-printable",
  };
  EXPECT_EQ(composed.header_lines, expected);
  EXPECT_EQ(composed.body, "Hello Noor,\r\n\r\nThank you.\r\n");
  // Every line ends in CRLF: no bare LF anywhere.
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') {
      EXPECT_TRUE(i > 0 && text[i - 1] == '\r') << "bare LF at " << i;
    }
}

TEST(ComposeTest, OptionalHeadersAreLeftOutWhenEmpty) {
  OutgoingMessage message = sample_message();
  message.reply_to.clear();
  message.auto_submitted.clear();
  message.body = "No final line end";
  const std::string text = compose(message);
  EXPECT_EQ(text.find("Reply-To:"), std::string::npos);
  EXPECT_EQ(text.find("Auto-Submitted:"), std::string::npos);
  EXPECT_EQ(split_message(text).body, "No final line end\r\n");
}

TEST(ComposeTest, ALineBreakInAValueCannotAddAHeader) {
  const std::string injected = "\r\nBcc: everyone@example.org\nX-Injected: yes\r";
  struct Row {
    const char* where;
    void (*set)(OutgoingMessage&, const std::string&);
  };
  const Row rows[] = {
      {"subject", [](OutgoingMessage& m, const std::string& v) { m.subject = "Hello" + v; }},
      {"non-ASCII subject", [](OutgoingMessage& m, const std::string& v) { m.subject = "Olá" + v; }},
      {"from", [](OutgoingMessage& m, const std::string& v) { m.from = "conduct@tidewater.example" + v; }},
      {"to", [](OutgoingMessage& m, const std::string& v) { m.to = {"noor@example.net" + v}; }},
      {"reply-to", [](OutgoingMessage& m, const std::string& v) { m.reply_to = "conduct@tidewater.example" + v; }},
      {"message id", [](OutgoingMessage& m, const std::string& v) { m.message_id = "abc@tidewater.example" + v; }},
      {"auto-submitted", [](OutgoingMessage& m, const std::string& v) { m.auto_submitted = "auto-replied" + v; }},
  };
  const std::vector<std::string> names = {"From",           "To",
                                          "Reply-To",       "Subject",
                                          "Date",           "Message-ID",
                                          "Auto-Submitted", "MIME-Version",
                                          "Content-Type",   "Content-Transfer-Encoding"};
  for (const Row& row : rows) {
    SCOPED_TRACE(row.where);
    OutgoingMessage message = sample_message();
    row.set(message, injected);
    const Composed composed = split_message(compose(message));
    EXPECT_EQ(composed.body, "Hello Noor,\r\n\r\nThank you.\r\n");
    for (const std::string& line : composed.header_lines) {
      if (!line.empty() && line[0] == ' ') continue;  // a folded line of the subject
      const std::string name = line.substr(0, line.find(':'));
      EXPECT_NE(std::find(names.begin(), names.end(), name), names.end()) << "a header was added: " << line;
    }
    if (std::string(row.where) == "subject") {
      EXPECT_EQ(header(composed, "Subject"), "Hello  Bcc: everyone@example.org X-Injected: yes ");
    }
  }
}

TEST(ComposeTest, ANonAsciiSubjectIsWrittenAsEncodedWordsThatDecodeBack) {
  const std::vector<std::string> subjects = {
      "Hemos recibido tu informe (Comunidad Tidewater)",  // plain ASCII: unchanged
      "Hemos recibido tu informe (Comunidad de Código Abierto Tidewater)",
      "Añadir información — ¿qué pasó? 日本語のテキスト 🙂🙂🙂🙂🙂",
      "ééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé",
      "A tab\there",
  };
  for (const std::string& subject : subjects) {
    SCOPED_TRACE(subject);
    OutgoingMessage message = sample_message();
    message.subject = subject;
    const Composed composed = split_message(compose(message));
    const std::string value = header(composed, "Subject");
    EXPECT_EQ(decode_header_text(value), subject);
    bool ascii = true;
    for (unsigned char c : subject)
      if (c < 0x20 || c > 0x7e) ascii = false;
    if (ascii) {
      EXPECT_EQ(value, subject);
    } else {
      EXPECT_EQ(value.rfind("=?UTF-8?B?", 0), 0u) << value;
    }
    // RFC 2047 section 2: a line holding an encoded word is at most 76 characters.
    for (const std::string& line : composed.header_lines)
      if (line.find("=?UTF-8?B?") != std::string::npos) {
        EXPECT_LE(line.size(), 76u) << line;
      }
    // Each encoded word holds whole UTF-8 characters.
    std::string unfolded = value;
    for (std::size_t at = unfolded.find("\r\n "); at != std::string::npos; at = unfolded.find("\r\n "))
      unfolded.replace(at, 3, " ");
    if (!ascii) {
      for (const std::string& word : split(unfolded, ' '))
        EXPECT_TRUE(is_clean_utf8(decode_base64(word.substr(10, word.size() - 12)))) << word;
    }
  }
}

TEST(EncodeHeaderTextTest, PrintableAsciiIsUnchangedAndLineBreaksBecomeSpaces) {
  EXPECT_EQ(encode_header_text("About your report (Tidewater)"), "About your report (Tidewater)");
  EXPECT_EQ(encode_header_text("two\r\nlines"), "two  lines");
  EXPECT_EQ(encode_header_text(""), "");
  EXPECT_EQ(encode_header_text("é"), "=?UTF-8?B?w6k=?=");
}

TEST(QuotedPrintableTest, LinesStayShortAndDecodeBackToTheText) {
  const std::vector<std::string> texts = {
      "Hello Noor,\n\nThank you for reporting this.\n",
      std::string(300, 'a') + "\n" + std::string(76, 'b') + "\n" + std::string(75, 'c'),
      "Trailing spaces   \nand a tab\t\nend with space ",
      "Equals = signs == and =3D already\n",
      "Gracias por informarnos. El grupo de trabajo del Código de Conducta lo revisará. ¿Algo más? "
      "Añade información en el portal: ñandú, pingüino, corazón.\n",
      std::string(200, '\xC3') + "\n",  // bytes that need escaping, one after another
      "日本語のテキストがここにあります。日本語のテキストがここにあります。日本語のテキスト\n",
      "🙂 " + std::string(74, 'x') + " 🙂\n",
      "Control\x01 and DEL\x7f characters\n",
      "",
  };
  for (const std::string& text : texts) {
    SCOPED_TRACE(text.substr(0, 40));
    const std::string encoded = quoted_printable(text);
    std::size_t start = 0;
    while (start < encoded.size()) {
      const std::size_t end = std::min(encoded.find("\r\n", start), encoded.size());
      const std::string line = encoded.substr(start, end - start);
      EXPECT_LE(line.size(), 76u) << line;
      // Whitespace at the end of a line would be lost in transit: never there.
      if (!line.empty()) {
        EXPECT_TRUE(line.back() != ' ' && line.back() != '\t') << line;
      }
      for (unsigned char c : line) EXPECT_TRUE((c >= 33 && c <= 126) || c == ' ' || c == '\t') << line;
      start = end + 2;
    }
    EXPECT_EQ(decode_quoted_printable(encoded), text);
  }
}

TEST(QuotedPrintableTest, CarriageReturnsInTheTextAreDropped) {
  EXPECT_EQ(quoted_printable("one\r\ntwo\r\n"), "one\r\ntwo\r\n");
  EXPECT_EQ(quoted_printable("a=b"), "a=3Db");
  EXPECT_EQ(quoted_printable("\xC3\xA9t\xC3\xA9"), "=C3=A9t=C3=A9");
}

TEST(MailDateTest, WritesTheRfc5322Date) {
  const std::pair<const char*, const char*> rows[] = {
      {"2026-12-04T22:34:02Z", "Fri, 04 Dec 2026 22:34:02 +0000"},
      {"2028-02-29T00:00:00Z", "Tue, 29 Feb 2028 00:00:00 +0000"},
      {"1970-01-01T00:00:00Z", "Thu, 01 Jan 1970 00:00:00 +0000"},
      {"2026-11-25T08:00:00Z", "Wed, 25 Nov 2026 08:00:00 +0000"},
      {"2027-01-03T23:59:59Z", "Sun, 03 Jan 2027 23:59:59 +0000"},
  };
  for (const auto& [iso, expected] : rows) EXPECT_EQ(format_mail_date(*parse_timestamp(iso)), expected) << iso;
}

}  // namespace
}  // namespace conduct::mail
