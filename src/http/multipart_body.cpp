#include "http/multipart_body.h"

#include "core/text.h"
#include "http/form_body.h"

namespace conduct::http {
namespace {

bool is_boundary_character(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
}

// `name=value` parameters after the first `;`, values quoted or not. A quoted value
// ends at the next quote: browsers write a quote inside one as %22, never with a
// backslash, and a backslash in a file name is the name's own. Nothing when malformed.
std::optional<std::vector<std::pair<std::string, std::string>>> header_parameters(std::string_view value) {
  std::vector<std::pair<std::string, std::string>> parameters;
  std::size_t at = value.find(';');
  while (at != std::string_view::npos && at < value.size()) {
    ++at;
    while (at < value.size() && (value[at] == ' ' || value[at] == '\t')) ++at;
    if (at == value.size()) break;
    const std::size_t equals = value.find('=', at);
    if (equals == std::string_view::npos) return std::nullopt;
    std::string name = to_lower_ascii(trim(value.substr(at, equals - at)));
    if (name.empty()) return std::nullopt;
    at = equals + 1;
    while (at < value.size() && (value[at] == ' ' || value[at] == '\t')) ++at;
    std::string text;
    if (at < value.size() && value[at] == '"') {
      const std::size_t close = value.find('"', at + 1);
      if (close == std::string_view::npos) return std::nullopt;
      text = std::string(value.substr(at + 1, close - at - 1));
      at = value.find(';', close + 1);
      if (at != std::string_view::npos && !trim(value.substr(close + 1, at - close - 1)).empty()) return std::nullopt;
      if (at == std::string_view::npos && !trim(value.substr(close + 1)).empty()) return std::nullopt;
    } else {
      const std::size_t end = value.find(';', at);
      text = trim(value.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at));
      at = end;
    }
    parameters.emplace_back(std::move(name), std::move(text));
  }
  return parameters;
}

const std::string* parameter(const std::vector<std::pair<std::string, std::string>>& parameters,
                             std::string_view name) {
  for (const auto& [key, value] : parameters)
    if (key == name) return &value;
  return nullptr;
}

// The HTML standard writes a quote, CR and LF in a field name or file name as %22,
// %0D and %0A; nothing else is escaped.
std::string unescape_form_name(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const std::string_view rest = text.substr(i, 3);
    if (rest == "%22")
      out += '"';
    else if (rest == "%0D" || rest == "%0d")
      out += '\r';
    else if (rest == "%0A" || rest == "%0a")
      out += '\n';
    else {
      out += text[i];
      continue;
    }
    i += 2;
  }
  return out;
}

struct PartHead {
  std::string name;
  std::optional<std::string> filename;
  std::string content_type;
};

std::optional<PartHead> read_part_head(std::string_view headers) {
  PartHead head;
  bool disposition_seen = false;
  std::size_t start = 0;
  while (start < headers.size()) {
    const std::size_t end = std::min(headers.find("\r\n", start), headers.size());
    const std::string_view line = headers.substr(start, end - start);
    start = end + 2;
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0 || line.front() == ' ' || line.front() == '\t')
      return std::nullopt;
    const std::string name = to_lower_ascii(line.substr(0, colon));
    const std::string_view value = line.substr(colon + 1);
    if (name == "content-type") {
      head.content_type = trim(value);
    } else if (name == "content-disposition") {
      if (disposition_seen) return std::nullopt;
      disposition_seen = true;
      if (to_lower_ascii(trim(value.substr(0, value.find(';')))) != "form-data") return std::nullopt;
      const auto parameters = header_parameters(value);
      if (!parameters) return std::nullopt;
      const std::string* field = parameter(*parameters, "name");
      if (!field) return std::nullopt;
      head.name = unescape_form_name(*field);
      if (const std::string* file = parameter(*parameters, "filename")) head.filename = unescape_form_name(*file);
    }
  }
  if (!disposition_seen || head.name.empty() || !is_clean_utf8(head.name)) return std::nullopt;
  if (head.filename && !is_clean_utf8(*head.filename)) return std::nullopt;
  return head;
}

}  // namespace

std::optional<std::string> multipart_boundary(std::string_view content_type) {
  if (to_lower_ascii(trim(content_type.substr(0, content_type.find(';')))) != "multipart/form-data")
    return std::nullopt;
  const auto parameters = header_parameters(content_type);
  if (!parameters) return std::nullopt;
  const std::string* boundary = parameter(*parameters, "boundary");
  if (!boundary || boundary->empty() || boundary->size() > 70 || boundary->back() == ' ') return std::nullopt;
  for (char c : *boundary)
    if (!is_boundary_character(c)) return std::nullopt;
  return *boundary;
}

std::optional<SentForm> parse_multipart_form(std::string_view body, std::string_view boundary) {
  if (boundary.empty()) return std::nullopt;
  const std::string delimiter = "--" + std::string(boundary);
  const std::string next_delimiter = "\r\n" + delimiter;
  std::size_t at = 0;
  if (body.substr(0, delimiter.size()) != delimiter) {
    at = body.find(next_delimiter);
    if (at == std::string_view::npos) return std::nullopt;
    at += 2;
  }
  at += delimiter.size();

  SentForm form;
  std::size_t parts = 0;
  while (true) {
    if (body.substr(at, 2) == "--") return form;  // the closing delimiter; an epilogue is ignored
    while (at < body.size() && (body[at] == ' ' || body[at] == '\t')) ++at;
    if (body.substr(at, 2) != "\r\n") return std::nullopt;
    at += 2;
    if (++parts > kMostFormParts) return std::nullopt;

    std::string_view headers;
    std::size_t content_start = 0;
    if (body.substr(at, 2) == "\r\n") {
      content_start = at + 2;
    } else {
      const std::size_t blank = body.find("\r\n\r\n", at);
      if (blank == std::string_view::npos || blank - at > kMostPartHeaderBytes) return std::nullopt;
      headers = body.substr(at, blank - at);
      content_start = blank + 4;
    }
    const std::size_t content_end = body.find(next_delimiter, content_start);
    if (content_end == std::string_view::npos) return std::nullopt;
    const std::string_view content = body.substr(content_start, content_end - content_start);
    at = content_end + next_delimiter.size();

    std::optional<PartHead> head = read_part_head(headers);
    if (!head) return std::nullopt;
    if (head->filename) {
      if (head->filename->empty() && content.empty()) continue;  // a file input left empty
      form.files.push_back({std::move(head->name), std::move(*head->filename), std::move(head->content_type), content});
    } else {
      if (!is_clean_utf8(content)) return std::nullopt;
      form.fields.emplace_back(std::move(head->name), std::string(content));
    }
  }
}

std::optional<SentForm> parse_sent_form(std::string_view content_type, std::string_view body) {
  if (is_form_content_type(content_type)) {
    auto fields = parse_form_body(body);
    if (!fields) return std::nullopt;
    return SentForm{std::move(*fields), {}};
  }
  const std::optional<std::string> boundary = multipart_boundary(content_type);
  if (!boundary) return std::nullopt;
  return parse_multipart_form(body, *boundary);
}

}  // namespace conduct::http
