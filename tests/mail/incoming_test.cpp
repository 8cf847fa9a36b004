#include "mail/incoming.h"

#include <gtest/gtest.h>

#include <string>

#include "mail/html_text.h"
#include "mail/message.h"

namespace conduct::mail {
namespace {

IncomingMessage parsed(const std::string& raw) {
  Result<IncomingMessage> message = parse_incoming(raw);
  EXPECT_TRUE(message.ok()) << (message.ok() ? "" : message.error().message);
  return message.ok() ? *message : IncomingMessage{};
}

TEST(IncomingMail, ReadsAPlainMessage) {
  const IncomingMessage message = parsed(
      "From: Ana Reporter <ana@example.org>\r\n"
      "To: conduct@example.org\r\n"
      "Subject: Something at the meetup\r\n"
      "Date: Fri, 04 Dec 2026 22:34:02 +0000\r\n"
      "Message-ID: <first@example.org>\r\n"
      "\r\n"
      "Hello,\r\nsomeone shouted at me.\r\n");
  ASSERT_TRUE(message.from);
  EXPECT_EQ(message.from->name, "Ana Reporter");
  EXPECT_EQ(message.from->address, "ana@example.org");
  ASSERT_EQ(message.to.size(), 1u);
  EXPECT_EQ(message.to[0].address, "conduct@example.org");
  EXPECT_EQ(message.subject, "Something at the meetup");
  EXPECT_EQ(message.message_id, "first@example.org");
  ASSERT_TRUE(message.date);
  EXPECT_EQ(format_timestamp(*message.date), "2026-12-04T22:34:02Z");
  EXPECT_EQ(message.text, "Hello,\nsomeone shouted at me.\n");
  EXPECT_EQ(message.automatic, Automatic::No);
  EXPECT_TRUE(message.attachments.empty());
}

TEST(IncomingMail, DecodesLatin1QuotedPrintableAndEncodedWords) {
  const IncomingMessage message = parsed(
      "From: =?iso-8859-1?q?Jos=E9?= <jose@example.org>\r\n"
      "Subject: =?UTF-8?B?w4l0w6k=?= report\r\n"
      "Content-Type: text/plain; charset=iso-8859-1\r\n"
      "Content-Transfer-Encoding: quoted-printable\r\n"
      "\r\n"
      "Ca s'est pass=E9 =E0 la conf=E9rence.\r\n");
  ASSERT_TRUE(message.from);
  EXPECT_EQ(message.from->name, "Jos\xC3\xA9");
  EXPECT_EQ(message.subject, "\xC3\x89t\xC3\xA9 report");
  EXPECT_EQ(message.text, "Ca s'est pass\xC3\xA9 \xC3\xA0 la conf\xC3\xA9rence.\n");
}

TEST(IncomingMail, TurnsHtmlOnlyMailIntoText) {
  const IncomingMessage message = parsed(
      "From: a@example.org\r\n"
      "Content-Type: text/html; charset=utf-8\r\n"
      "\r\n"
      "<html><head><style>p{}</style></head><body><p>First&nbsp;line</p><p>Second <b>bold</b><br>"
      "third</p><ul><li>one</li><li>two</li></ul><a href=\"https://example.org/x\">the thread</a>"
      "<script>alert(1)</script></body></html>\r\n");
  EXPECT_TRUE(message.text_from_html);
  EXPECT_EQ(message.text, "First line\n\nSecond bold\nthird\n\n- one\n- two\nthe thread (https://example.org/x)\n");
}

TEST(IncomingMail, PrefersThePlainAlternative) {
  const IncomingMessage message = parsed(
      "From: a@example.org\r\n"
      "Content-Type: multipart/alternative; boundary=\"b\"\r\n"
      "\r\n"
      "--b\r\nContent-Type: text/html\r\n\r\n<p>html words</p>\r\n"
      "--b\r\nContent-Type: text/plain\r\n\r\nplain words\r\n"
      "--b--\r\n");
  EXPECT_FALSE(message.text_from_html);
  EXPECT_EQ(message.text, "plain words\n");
}

TEST(IncomingMail, KeepsAttachmentsWithTheirRfc2231Names) {
  const IncomingMessage message = parsed(
      "From: a@example.org\r\n"
      "Content-Type: multipart/mixed; boundary=\"b\"\r\n"
      "\r\n"
      "--b\r\nContent-Type: text/plain\r\n\r\nsee the screenshot\r\n"
      "--b\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n"
      "Content-Disposition: attachment; filename*=UTF-8''capture%20d%E2%80%99%C3%A9cran.png\r\n\r\n"
      "iVBORw0KGgo=\r\n"
      "--b--\r\n");
  EXPECT_EQ(message.text, "see the screenshot\n");
  ASSERT_EQ(message.attachments.size(), 1u);
  EXPECT_EQ(message.attachments[0].filename,
            "capture d\xE2\x80\x99\xC3\xA9"
            "cran.png");
  EXPECT_EQ(message.attachments[0].content_type, "image/png");
  EXPECT_EQ(message.attachments[0].content, std::string("\x89PNG\r\n\x1a\n", 8));
}

TEST(IncomingMail, KeepsAForwardedMessageWholeAndShowsItsText) {
  const IncomingMessage message = parsed(
      "From: mod@example.org\r\n"
      "Content-Type: multipart/mixed; boundary=\"b\"\r\n"
      "\r\n"
      "--b\r\nContent-Type: text/plain\r\n\r\nForwarding what I received.\r\n"
      "--b\r\nContent-Type: message/rfc822\r\n\r\n"
      "From: Someone <someone@example.net>\r\nSubject: the original\r\n"
      "Date: Thu, 03 Dec 2026 10:00:00 +0000\r\n\r\nThe original words.\r\n"
      "--b--\r\n");
  ASSERT_EQ(message.attachments.size(), 1u);
  EXPECT_TRUE(message.attachments[0].forwarded_message);
  EXPECT_NE(message.attachments[0].content.find("The original words."), std::string::npos);
  EXPECT_NE(message.attachments[0].content.find("Subject: the original"), std::string::npos);
  EXPECT_NE(message.text.find("Forwarding what I received.\n"), std::string::npos);
  EXPECT_NE(message.text.find("From: Someone <someone@example.net>\n"), std::string::npos);
  EXPECT_NE(message.text.find("The original words.\n"), std::string::npos);
}

TEST(IncomingMail, RecognisesMachineMail) {
  EXPECT_EQ(parsed("From: a@example.org\r\nAuto-Submitted: auto-replied\r\n\r\naway\r\n").automatic,
            Automatic::AutoReply);
  EXPECT_EQ(parsed("From: a@example.org\r\nAuto-Submitted: no\r\n\r\nhi\r\n").automatic, Automatic::No);
  EXPECT_EQ(parsed("From: MAILER-DAEMON@mx.example.org\r\n\r\nundeliverable\r\n").automatic, Automatic::Bounce);
  EXPECT_EQ(parsed("From: a@example.org\r\nContent-Type: multipart/report; report-type=delivery-status; "
                   "boundary=r\r\n\r\n--r\r\nContent-Type: text/plain\r\n\r\nfailed\r\n--r--\r\n")
                .automatic,
            Automatic::Bounce);
  EXPECT_EQ(parsed("From: a@example.org\r\nList-Id: <chat.example.org>\r\n\r\nhi\r\n").automatic, Automatic::Bulk);
}

TEST(IncomingMail, ReadsThreadingHeaders) {
  const IncomingMessage message = parsed(
      "From: a@example.org\r\nMessage-ID: <c@x>\r\nIn-Reply-To: <b@x>\r\n"
      "References: <a@x>\r\n <b@x>\r\n\r\nreply\r\n");
  EXPECT_EQ(message.in_reply_to, std::vector<std::string>{"b@x"});
  EXPECT_EQ(message.references, (std::vector<std::string>{"a@x", "b@x"}));
}

TEST(IncomingMail, ReadsAuthenticationResults) {
  const std::vector<AuthenticationResult> results = parse_authentication_results(
      "MX.Example.org 1; spf=pass smtp.mailfrom=example.net; dkim=pass (good signature) header.d=Events.example.net "
      "header.s=sel; dmarc=fail");
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[1].authserv_id, "mx.example.org");
  EXPECT_EQ(results[1].method, "dkim");
  EXPECT_EQ(results[1].result, "pass");
  EXPECT_EQ(results[1].domain, "events.example.net");
  EXPECT_EQ(results[2].result, "fail");
  EXPECT_TRUE(parse_authentication_results("").empty());
  EXPECT_TRUE(parse_authentication_results("host; none").empty());
}

TEST(IncomingMail, RefusesWhatIsNotMail) {
  EXPECT_FALSE(parse_incoming("").ok());
  EXPECT_FALSE(parse_incoming("\r\n\r\n").ok());
}

TEST(IncomingMail, ReadsWhatComposeWrites) {
  OutgoingMessage out;
  out.from = "conduct@example.org";
  out.to = {"ana@example.org"};
  out.subject = "Votre signalement \xE2\x80\x94 re\xC3\xA7u";
  out.body =
      "Merci. Nous l\xE2\x80\x99"
      "examinons.\n";
  out.message_id = "m1@example.org";
  out.auto_submitted = "auto-replied";
  out.date = Timestamp{1796423642};
  const IncomingMessage message = parsed(compose(out));
  EXPECT_EQ(message.subject, out.subject);
  EXPECT_EQ(message.text, out.body);
  EXPECT_EQ(message.message_id, out.message_id);
  EXPECT_EQ(message.automatic, Automatic::AutoReply);
}

TEST(HtmlText, DecodesReferencesAndKeepsPre) {
  EXPECT_EQ(html_to_text("a &amp; b &lt;c&gt; &#233;&#x20AC; &bogus; &"), "a & b <c> \xC3\xA9\xE2\x82\xAC &bogus; &\n");
  EXPECT_EQ(html_to_text("<pre>line 1\n  line 2</pre>after"), "line 1\n  line 2\nafter\n");
  EXPECT_EQ(html_to_text("<!-- hidden -->shown<img alt=\"a cat\">"), "shown[a cat]\n");
  EXPECT_EQ(html_to_text("<a href=\"mailto:x@example.org\">x@example.org</a>"), "x@example.org\n");
  EXPECT_EQ(html_to_text("unfinished <b"), "unfinished\n");
}

}  // namespace
}  // namespace conduct::mail
