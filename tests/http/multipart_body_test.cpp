#include "http/multipart_body.h"

#include <gtest/gtest.h>

#include <string>

namespace conduct::http {
namespace {

// A body as Chromium writes it for a form with two text fields, a file and an empty
// file input.
const std::string kBoundary = "----WebKitFormBoundaryx7Yv1q2b";
const std::string kPng("\x89PNG\r\n\x1a\n\0\0bytes", 14);
std::string browser_body() {
  const std::string d = "--" + kBoundary;
  return d + "\r\nContent-Disposition: form-data; name=\"what_happened\"\r\n\r\nRude messages\r\nin the chat\r\n" + d +
         "\r\nContent-Disposition: form-data; name=\"ongoing\"\r\n\r\nyes\r\n" + d +
         "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"chat log.png\"\r\n"
         "Content-Type: image/png\r\n\r\n" +
         kPng + "\r\n" + d +
         "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"\"\r\n"
         "Content-Type: application/octet-stream\r\n\r\n\r\n" +
         d + "--\r\n";
}

TEST(MultipartBodyTest, ReadsFieldsAndFilesAsABrowserSendsThem) {
  std::string body = browser_body();
  const auto form = parse_multipart_form(body, kBoundary);
  ASSERT_TRUE(form.has_value());
  ASSERT_EQ(form->fields.size(), 2u);
  EXPECT_EQ(form->fields[0].first, "what_happened");
  EXPECT_EQ(form->fields[0].second, "Rude messages\r\nin the chat");
  EXPECT_EQ(form->fields[1], (std::pair<std::string, std::string>{"ongoing", "yes"}));
  ASSERT_EQ(form->files.size(), 1u) << "the empty file input is no file";
  EXPECT_EQ(form->files[0].field, "files");
  EXPECT_EQ(form->files[0].filename, "chat log.png");
  EXPECT_EQ(form->files[0].content_type, "image/png");
  EXPECT_EQ(form->files[0].content, kPng);
}

TEST(MultipartBodyTest, ReadsTheBoundaryOfAFormDataType) {
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=" + kBoundary), kBoundary);
  EXPECT_EQ(multipart_boundary("Multipart/Form-Data;boundary=\"a b:c\""), "a b:c");
  EXPECT_EQ(multipart_boundary("multipart/form-data; charset=utf-8; BOUNDARY=xyz"), "xyz");
  EXPECT_FALSE(multipart_boundary("multipart/mixed; boundary=xyz").has_value());
  EXPECT_FALSE(multipart_boundary("multipart/form-data").has_value());
  EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=").has_value());
  EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=" + std::string(71, 'a')).has_value());
  EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=\"a\r\nb\"").has_value());
  EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=\"unclosed").has_value());
}

TEST(MultipartBodyTest, ReadsEscapedNamesAndAllowsAPreamble) {
  const std::string body =
      "preamble\r\n--b\r\ncontent-disposition: form-data; name=\"a%22b\"; filename=\"C:\\\\x\\\\say %22hi%22.txt\"\r\n"
      "\r\nhi\r\n--b--";
  const auto form = parse_multipart_form(body, "b");
  ASSERT_TRUE(form.has_value());
  ASSERT_EQ(form->files.size(), 1u);
  EXPECT_EQ(form->files[0].field, "a\"b");
  EXPECT_EQ(form->files[0].filename, "C:\\\\x\\\\say \"hi\".txt") << "backslashes are the name's own";
}

TEST(MultipartBodyTest, RefusesMalformedBodies) {
  const std::string cases[] = {
      "",
      "--b",                                                                             // no closing delimiter
      "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue",                  // unterminated part
      "--b\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nv\r\n--b--",            // not form-data
      "--b\r\nContent-Disposition: form-data\r\n\r\nv\r\n--b--",                         // no name
      "--b\r\nContent-Disposition: form-data; name=\"\"\r\n\r\nv\r\n--b--",              // empty name
      "--b\r\nContent-Type: text/plain\r\n\r\nv\r\n--b--",                               // no disposition
      "--b\r\nbroken header line\r\n\r\nv\r\n--b--",                                     // no colon
      "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n folded\r\n\r\nv\r\n--b--",  // a folded line
      "--b\r\nContent-Disposition: form-data; name=\"a\r\n\r\nv\r\n--b--",               // unclosed quote
      "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\xC3\r\n--b--",          // a value not UTF-8
      "--bX\r\n\r\nv\r\n--b--",                                                          // text after the delimiter
  };
  for (const std::string& body : cases) EXPECT_FALSE(parse_multipart_form(body, "b").has_value()) << body;
}

TEST(MultipartBodyTest, LimitsPartsAndHeaderBytes) {
  std::string body;
  for (std::size_t i = 0; i < kMostFormParts; ++i)
    body += "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n";
  ASSERT_TRUE(parse_multipart_form(body + "--b--", "b").has_value());
  body += "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n";
  EXPECT_FALSE(parse_multipart_form(body + "--b--", "b").has_value());

  const std::string long_header = "--b\r\nX-Padding: " + std::string(kMostPartHeaderBytes, 'x') +
                                  "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--b--";
  EXPECT_FALSE(parse_multipart_form(long_header, "b").has_value());
}

TEST(MultipartBodyTest, SentFormTakesEitherType) {
  const auto plain = parse_sent_form("application/x-www-form-urlencoded", "a=1&b=2");
  ASSERT_TRUE(plain.has_value());
  EXPECT_EQ(plain->fields.size(), 2u);
  EXPECT_TRUE(plain->files.empty());
  const std::string body = browser_body();
  const auto multipart = parse_sent_form("multipart/form-data; boundary=" + kBoundary, body);
  ASSERT_TRUE(multipart.has_value());
  EXPECT_EQ(multipart->files.size(), 1u);
  EXPECT_FALSE(parse_sent_form("application/json", "{}").has_value());
  EXPECT_FALSE(parse_sent_form("multipart/form-data; boundary=zz", body).has_value());
}

}  // namespace
}  // namespace conduct::http
