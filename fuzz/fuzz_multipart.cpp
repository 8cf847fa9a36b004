// Form bodies with files as the public report form and the portal post them
// (http::parse_sent_form, http::multipart_boundary, http::parse_multipart_form). The
// input is a Content-Type line, then the body.
//
// Properties: a body that parses holds at most kMostFormParts parts; every field name,
// value and file name is clean UTF-8; a file's content is a view into the body; the
// form written again (with the same boundary, names escaped as browsers escape them)
// parses back to the same fields and files; a boundary read from a type is 1 to 70
// characters.
#include <string>

#include "core/text.h"
#include "fuzz_check.h"
#include "http/multipart_body.h"

namespace {

using namespace conduct;
using namespace conduct::http;
using namespace conduct::fuzz;

std::string escaped(const std::string& name) {
  std::string out;
  for (char c : name) {
    if (c == '"')
      out += "%22";
    else if (c == '\r')
      out += "%0D";
    else if (c == '\n')
      out += "%0A";
    else
      out += c;
  }
  return out;
}

std::string written_again(const SentForm& form, const std::string& boundary) {
  std::string body;
  for (const auto& [name, value] : form.fields)
    body +=
        "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + escaped(name) + "\"\r\n\r\n" + value + "\r\n";
  for (const FormFile& file : form.files) {
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + escaped(file.field) + "\"; filename=\"" +
            escaped(file.filename) + "\"\r\n";
    if (!file.content_type.empty()) body += "Content-Type: " + file.content_type + "\r\n";
    body += "\r\n" + std::string(file.content) + "\r\n";
  }
  return body + "--" + boundary + "--\r\n";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::vector<std::string> parts = split_fields(as_text(data, size), '\n', 2);
  const std::string content_type = parts.empty() ? std::string() : parts[0];
  const std::string body = parts.size() > 1 ? parts[1] : std::string();

  const std::optional<std::string> boundary = multipart_boundary(content_type);
  if (boundary) FUZZ_CHECK(!boundary->empty() && boundary->size() <= 70, "a boundary is 1 to 70 characters");

  const std::optional<SentForm> form = parse_sent_form(content_type, body);
  if (!form || !boundary) return 0;
  FUZZ_CHECK(form->fields.size() + form->files.size() <= kMostFormParts, "at most kMostFormParts parts");
  for (const auto& [name, value] : form->fields) {
    FUZZ_CHECK(is_clean_utf8(name) && !name.empty(), "a field name is clean UTF-8");
    FUZZ_CHECK(is_clean_utf8(value), "a field value is clean UTF-8");
  }
  for (const FormFile& file : form->files) {
    FUZZ_CHECK(is_clean_utf8(file.field) && is_clean_utf8(file.filename), "a file's names are clean UTF-8");
    FUZZ_CHECK(
        file.content.data() >= body.data() && file.content.data() + file.content.size() <= body.data() + body.size(),
        "a file's content lies in the body");
  }
  // Written again, the form reads the same — unless a value holds the delimiter, which a
  // browser's own choice of boundary never meets.
  for (const auto& field : form->fields)
    if (contains(field.second, "--" + *boundary)) return 0;
  for (const FormFile& file : form->files)
    if (contains(std::string(file.content), "--" + *boundary) || contains(file.content_type, "\r") ||
        contains(file.content_type, "\n"))
      return 0;
  const std::string again = written_again(*form, *boundary);
  const std::optional<SentForm> reparsed = parse_multipart_form(again, *boundary);
  FUZZ_CHECK(reparsed.has_value(), "the form written again parses");
  FUZZ_CHECK(reparsed->fields == form->fields, "the fields written again read the same");
  FUZZ_CHECK(reparsed->files.size() == form->files.size(), "as many files written again");
  for (std::size_t i = 0; i < form->files.size(); ++i) {
    FUZZ_CHECK(reparsed->files[i].field == form->files[i].field, "a file's field reads the same");
    FUZZ_CHECK(reparsed->files[i].filename == form->files[i].filename, "a file's name reads the same");
    FUZZ_CHECK(reparsed->files[i].content == form->files[i].content, "a file's content reads the same");
  }
  return 0;
}
