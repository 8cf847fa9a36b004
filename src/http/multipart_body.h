// Form bodies with files (multipart/form-data, RFC 7578, as the HTML standard's form
// submission writes them): the public report form and the portal's reply form post
// one when the reporter adds files, so files need no script either.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace conduct::http {

// A file field's part: the field's name, the file name the browser gave (as sent: the
// evidence layer cleans it), its declared type, and its bytes (a view into the body).
struct FormFile {
  std::string field;
  std::string filename;
  std::string content_type;
  std::string_view content;
};

// A form as sent: its text fields in order (a name may repeat) and its files. A file
// input left empty (no name, no bytes) is no file.
struct SentForm {
  std::vector<std::pair<std::string, std::string>> fields;
  std::vector<FormFile> files;
};

inline constexpr std::size_t kMostFormParts = 300;         // as many as kMostFormFields
inline constexpr std::size_t kMostPartHeaderBytes = 8192;  // one part's header lines together

// The boundary of a `multipart/form-data` Content-Type (RFC 2046: 1 to 70 characters,
// quoted or not), or nothing for another type or a missing or malformed boundary.
std::optional<std::string> multipart_boundary(std::string_view content_type);

// The parts of a multipart body. Nothing when the body does not start with the
// boundary's delimiter (a preamble before it is allowed), a part has no
// `Content-Disposition: form-data` with a name, a header section is longer than
// kMostPartHeaderBytes or has a malformed line, a field's name or value (or a file's
// name) is not clean UTF-8, the closing delimiter is missing, or there are more than
// kMostFormParts parts.
std::optional<SentForm> parse_multipart_form(std::string_view body, std::string_view boundary);

// Either kind of form body, chosen by the Content-Type header: urlencoded (no files)
// or multipart. Nothing for another type or a body that does not parse.
std::optional<SentForm> parse_sent_form(std::string_view content_type, std::string_view body);

}  // namespace conduct::http
