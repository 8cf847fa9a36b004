#include "mail/incoming.h"

#include <gmime/gmime.h>

#include <algorithm>
#include <memory>
#include <mutex>

#include "core/text.h"
#include "mail/html_text.h"

namespace conduct::mail {
namespace {

void init_gmime() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

struct GObjectUnref {
  void operator()(void* object) const {
    if (object) g_object_unref(object);
  }
};
template <typename T>
using GPtr = std::unique_ptr<T, GObjectUnref>;

struct GFree {
  void operator()(void* memory) const { g_free(memory); }
};
using GString_ = std::unique_ptr<char, GFree>;

std::string text_or_empty(const char* text) { return text ? std::string(text) : std::string(); }

// Header text on one line, valid UTF-8 (anything else is replaced).
std::string one_line(std::string text) {
  for (char& c : text)
    if (c == '\r' || c == '\n' || c == '\t') c = ' ';
  return trim(text);
}

std::string valid_utf8(std::string_view text) {
  if (g_utf8_validate(text.data(), static_cast<gssize>(text.size()), nullptr)) return std::string(text);
  GString_ fixed(g_utf8_make_valid(text.data(), static_cast<gssize>(text.size())));
  return text_or_empty(fixed.get());
}

void add_addresses(InternetAddressList* list, std::vector<MailAddress>& out) {
  if (!list) return;
  const int count = internet_address_list_length(list);
  for (int i = 0; i < count; ++i) {
    InternetAddress* address = internet_address_list_get_address(list, i);
    if (INTERNET_ADDRESS_IS_GROUP(address)) {
      add_addresses(internet_address_group_get_members(INTERNET_ADDRESS_GROUP(address)), out);
      continue;
    }
    if (!INTERNET_ADDRESS_IS_MAILBOX(address)) continue;
    MailAddress mailbox;
    mailbox.name = one_line(valid_utf8(text_or_empty(internet_address_get_name(address))));
    mailbox.address =
        one_line(valid_utf8(text_or_empty(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address)))));
    if (!mailbox.address.empty()) out.push_back(std::move(mailbox));
  }
}

std::vector<std::string> message_ids(const char* header_value) {
  std::vector<std::string> ids;
  if (!header_value) return ids;
  GMimeReferences* references = g_mime_references_parse(nullptr, header_value);
  if (!references) return ids;
  const int count = g_mime_references_length(references);
  for (int i = 0; i < count; ++i) {
    std::string id = one_line(valid_utf8(text_or_empty(g_mime_references_get_message_id(references, i))));
    if (!id.empty()) ids.push_back(std::move(id));
  }
  g_mime_references_free(references);
  return ids;
}

std::string bytes_of(GMimePart* part) {
  GMimeDataWrapper* content = g_mime_part_get_content(part);
  if (!content) return "";
  GPtr<GMimeStream> stream(g_mime_stream_mem_new());
  g_mime_data_wrapper_write_to_stream(content, stream.get());
  GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(stream.get()));
  return std::string(reinterpret_cast<const char*>(bytes->data), bytes->len);
}

// A text part's content as UTF-8: its charset when it names one GMime knows, else the
// fallback charsets (UTF-8, then Latin-1), so 8-bit text without a label still reads.
std::string text_of(GMimePart* part, GMimeParserOptions* options) {
  const std::string bytes = bytes_of(part);
  const char* charset = g_mime_object_get_content_type_parameter(GMIME_OBJECT(part), "charset");
  if (charset) {
    GString_ converted(g_convert(bytes.data(), static_cast<gssize>(bytes.size()), "UTF-8",
                                 g_mime_charset_iconv_name(charset), nullptr, nullptr, nullptr));
    if (converted) return valid_utf8(converted.get());
  }
  if (g_utf8_validate(bytes.data(), static_cast<gssize>(bytes.size()), nullptr)) return bytes;
  GString_ decoded(g_mime_utils_decode_8bit(options, bytes.data(), bytes.size()));
  return valid_utf8(text_or_empty(decoded.get()));
}

std::string normalised_lines(std::string text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out.push_back('\n');
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      out.push_back(text[i]);
    }
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  if (!out.empty()) out.push_back('\n');
  return out;
}

std::string mime_type_of(GMimeObject* object) {
  GMimeContentType* type = g_mime_object_get_content_type(object);
  if (!type) return "application/octet-stream";
  return to_lower_ascii(text_or_empty(g_mime_content_type_get_media_type(type))) + "/" +
         to_lower_ascii(text_or_empty(g_mime_content_type_get_media_subtype(type)));
}

bool is_attachment(GMimeObject* object) {
  GMimeContentDisposition* disposition = g_mime_object_get_content_disposition(object);
  if (disposition && g_mime_content_disposition_is_attachment(disposition)) return true;
  return GMIME_IS_PART(object) && g_mime_part_get_filename(GMIME_PART(object)) != nullptr;
}

// A file name that names no directory and stays on one line; made up when absent.
std::string clean_filename(const std::string& name, std::size_t number, std::string_view fallback_extension) {
  return valid_utf8(uploaded_file_name(valid_utf8(name), number, fallback_extension));
}

class Walker {
 public:
  Walker(IncomingMessage& out, GMimeParserOptions* options, const ParseLimits& limits)
      : out_(out), options_(options), limits_(limits) {}

  void walk(GMimeObject* object, int depth) {
    if (!object) return;
    if (++parts_ > limits_.max_parts) {
      problem("too-many-parts");
      return;
    }
    if (depth > limits_.max_depth) {
      problem("nested-too-deep");
      return;
    }
    if (GMIME_IS_MULTIPART(object)) {
      walk_multipart(GMIME_MULTIPART(object), depth);
    } else if (GMIME_IS_MESSAGE_PART(object)) {
      keep_forwarded(GMIME_MESSAGE_PART(object), depth);
    } else if (GMIME_IS_PART(object)) {
      walk_part(GMIME_PART(object));
    }
  }

 private:
  void problem(const std::string& name) {
    if (std::find(out_.problems.begin(), out_.problems.end(), name) == out_.problems.end())
      out_.problems.push_back(name);
  }

  void walk_multipart(GMimeMultipart* multipart, int depth) {
    const int count = g_mime_multipart_get_count(multipart);
    const std::string type = mime_type_of(GMIME_OBJECT(multipart));
    if (type == "multipart/alternative" && count > 0) {
      // The plain text when there is one, else the HTML, else the last (richest) part.
      GMimeObject* chosen = nullptr;
      for (const std::string_view wanted : {"text/plain", "text/html"}) {
        for (int i = 0; i < count && !chosen; ++i) {
          GMimeObject* child = g_mime_multipart_get_part(multipart, i);
          if (mime_type_of(child) == wanted && !is_attachment(child)) chosen = child;
        }
        if (chosen) break;
      }
      if (!chosen) chosen = g_mime_multipart_get_part(multipart, count - 1);
      walk(chosen, depth + 1);
      return;
    }
    for (int i = 0; i < count; ++i) walk(g_mime_multipart_get_part(multipart, i), depth + 1);
  }

  void walk_part(GMimePart* part) {
    GMimeObject* object = GMIME_OBJECT(part);
    const std::string type = mime_type_of(object);
    if (!is_attachment(object) && (type == "text/plain" || type == "text/html")) {
      std::string text = text_of(part, options_);
      if (type == "text/html") {
        text = html_to_text(text);
        html_text_ = true;
      } else {
        plain_text_ = true;
      }
      append_text(normalised_lines(std::move(text)));
      return;
    }
    MailAttachment attachment;
    attachment.content_type = type;
    attachment.content = bytes_of(part);
    const std::string extension = type == "text/plain" ? ".txt" : type == "text/html" ? ".html" : "";
    attachment.filename =
        clean_filename(text_or_empty(g_mime_part_get_filename(part)), out_.attachments.size() + 1, extension);
    out_.attachments.push_back(std::move(attachment));
  }

  // An attached message is kept whole as a file, and its text follows the message's own
  // under a line that says where it came from.
  void keep_forwarded(GMimeMessagePart* part, int depth) {
    GMimeMessage* message = g_mime_message_part_get_message(part);
    if (!message) return;
    MailAttachment attachment;
    attachment.content_type = "message/rfc822";
    attachment.forwarded_message = true;
    GString_ whole(g_mime_object_to_string(GMIME_OBJECT(message), nullptr));
    attachment.content = text_or_empty(whole.get());
    const std::string subject = one_line(valid_utf8(text_or_empty(g_mime_message_get_subject(message))));
    attachment.filename = clean_filename("forwarded-message-" + std::to_string(out_.attachments.size() + 1) + ".eml",
                                         out_.attachments.size() + 1, ".eml");
    out_.attachments.push_back(std::move(attachment));

    std::vector<MailAddress> from;
    add_addresses(g_mime_message_get_from(message), from);
    std::string heading = "---------- Forwarded message ----------\n";
    if (!from.empty())
      heading +=
          "From: " + (from[0].name.empty() ? from[0].address : from[0].name + " <" + from[0].address + ">") + "\n";
    if (GDateTime* date = g_mime_message_get_date(message)) {
      GString_ formatted(g_date_time_format(date, "%Y-%m-%d %H:%M %z"));
      heading += "Date: " + text_or_empty(formatted.get()) + "\n";
    }
    if (!subject.empty()) heading += "Subject: " + subject + "\n";
    append_text(heading + "\n");
    walk(g_mime_message_get_mime_part(message), depth + 1);
  }

  void append_text(const std::string& text) {
    if (text.empty()) return;
    if (!out_.text.empty() && out_.text.back() == '\n') out_.text += "\n";
    out_.text += text;
  }

 public:
  bool html_only() const { return html_text_ && !plain_text_; }

 private:
  IncomingMessage& out_;
  GMimeParserOptions* options_;
  const ParseLimits& limits_;
  std::size_t parts_ = 0;
  bool plain_text_ = false;
  bool html_text_ = false;
};

std::string header(GMimeObject* object, const char* name) {
  return text_or_empty(g_mime_object_get_header(object, name));
}

std::vector<std::string> all_headers(GMimeObject* object, std::string_view name) {
  std::vector<std::string> values;
  GMimeHeaderList* headers = g_mime_object_get_header_list(object);
  const int count = g_mime_header_list_get_count(headers);
  for (int i = 0; i < count; ++i) {
    GMimeHeader* header = g_mime_header_list_get_header_at(headers, i);
    if (to_lower_ascii(text_or_empty(g_mime_header_get_name(header))) == name)
      values.push_back(text_or_empty(g_mime_header_get_value(header)));
  }
  return values;
}

Automatic automatic_kind(GMimeMessage* message, const IncomingMessage& parsed) {
  GMimeObject* object = GMIME_OBJECT(message);
  GMimeObject* body = g_mime_message_get_mime_part(message);
  if (body && mime_type_of(body) == "multipart/report") return Automatic::Bounce;
  if (parsed.from) {
    const std::string local = to_lower_ascii(parsed.from->address.substr(0, parsed.from->address.find('@')));
    if (local == "mailer-daemon" || local == "postmaster") return Automatic::Bounce;
  }
  const std::string return_path = trim(header(object, "Return-Path"));
  if (return_path == "<>") return Automatic::Bounce;
  const std::string auto_submitted = to_lower_ascii(trim(header(object, "Auto-Submitted")));
  if (!auto_submitted.empty() && auto_submitted.rfind("no", 0) != 0) return Automatic::AutoReply;
  if (!header(object, "X-Autoreply").empty() || !header(object, "X-Autorespond").empty()) return Automatic::AutoReply;
  const std::string precedence = to_lower_ascii(trim(header(object, "Precedence")));
  if (precedence == "auto_reply") return Automatic::AutoReply;
  if (precedence == "bulk" || precedence == "junk" || precedence == "list") return Automatic::Bulk;
  if (!header(object, "List-Id").empty()) return Automatic::Bulk;
  return Automatic::No;
}

struct ProblemCollector {
  std::vector<std::string> problems;
  bool unreadable = false;
};

void on_parser_warning(gint64, GMimeParserWarning code, const gchar*, gpointer user_data) {
  auto* collector = static_cast<ProblemCollector*>(user_data);
  std::string name;
  switch (code) {
    case GMIME_WARN_UNENCODED_8BIT_HEADER:
      name = "8bit-header";
      break;
    case GMIME_WARN_INVALID_RFC2047_HEADER_VALUE:
      name = "invalid-encoded-word";
      break;
    case GMIME_WARN_MALFORMED_MULTIPART:
    case GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY:
      name = "malformed-multipart";
      break;
    case GMIME_WARN_TRUNCATED_MESSAGE:
      name = "truncated";
      break;
    case GMIME_CRIT_NESTING_OVERFLOW:
      name = "nested-too-deep";
      collector->unreadable = true;
      break;
    case GMIME_CRIT_PART_WITHOUT_HEADERS_OR_CONTENT:
      name = "part-without-content";
      break;
    default:
      return;  // duplicated headers and the like change nothing we read
  }
  if (std::find(collector->problems.begin(), collector->problems.end(), name) == collector->problems.end())
    collector->problems.push_back(name);
}

}  // namespace

std::string_view to_string(Automatic automatic) {
  switch (automatic) {
    case Automatic::No:
      return "no";
    case Automatic::AutoReply:
      return "auto-reply";
    case Automatic::Bounce:
      return "bounce";
    case Automatic::Bulk:
      return "bulk";
  }
  return "no";
}

std::vector<AuthenticationResult> parse_authentication_results(std::string_view value) {
  // Comments (in parentheses) carry nothing we read.
  std::string text;
  int depth = 0;
  for (const char c : value) {
    if (c == '(')
      ++depth;
    else if (c == ')' && depth > 0)
      --depth;
    else if (depth == 0)
      text.push_back(c == '\r' || c == '\n' || c == '\t' ? ' ' : c);
  }
  std::vector<AuthenticationResult> results;
  const std::vector<std::string> clauses = split(text, ';');
  if (clauses.empty()) return results;
  const std::vector<std::string> id_words = split(trim(clauses[0]), ' ');
  const std::string authserv_id = id_words.empty() ? "" : to_lower_ascii(trim(id_words[0]));
  if (authserv_id.empty()) return results;
  for (std::size_t i = 1; i < clauses.size(); ++i) {
    std::vector<std::string> words;
    for (const std::string& word : split(trim(clauses[i]), ' '))
      if (!trim(word).empty()) words.push_back(trim(word));
    if (words.empty()) continue;
    const std::size_t equals = words[0].find('=');
    if (equals == std::string::npos) continue;  // "none", or a word we do not read
    AuthenticationResult result;
    result.authserv_id = authserv_id;
    result.method = to_lower_ascii(words[0].substr(0, equals));
    result.result = to_lower_ascii(words[0].substr(equals + 1));
    for (std::size_t w = 1; w < words.size(); ++w) {
      const std::string lower = to_lower_ascii(words[w]);
      if (lower.rfind("header.d=", 0) == 0) result.domain = lower.substr(9);
      if (lower.rfind("header.i=", 0) == 0 && result.domain.empty()) {
        const std::size_t at = lower.find('@');
        result.domain = at == std::string::npos ? lower.substr(9) : lower.substr(at + 1);
      }
    }
    results.push_back(std::move(result));
  }
  return results;
}

Result<IncomingMessage> parse_incoming(std::string_view raw, const ParseLimits& limits) {
  if (trim(raw.substr(0, 4096)).empty()) return invalid_argument("the message is empty");
  init_gmime();
  GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(raw.data(), raw.size()));
  GPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  g_mime_parser_set_format(parser.get(), GMIME_FORMAT_MESSAGE);
  std::unique_ptr<GMimeParserOptions, decltype(&g_mime_parser_options_free)> options(g_mime_parser_options_new(),
                                                                                     &g_mime_parser_options_free);
  const char* fallback[] = {"UTF-8", "ISO-8859-1", nullptr};
  g_mime_parser_options_set_fallback_charsets(options.get(), fallback);
  g_mime_parser_options_set_rfc2047_compliance_mode(options.get(), GMIME_RFC_COMPLIANCE_LOOSE);
  g_mime_parser_options_set_address_compliance_mode(options.get(), GMIME_RFC_COMPLIANCE_LOOSE);
  ProblemCollector collector;
  g_mime_parser_options_set_warning_callback(options.get(), &on_parser_warning, &collector);
  GPtr<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), options.get()));
  if (!message || collector.unreadable) return invalid_argument("the message cannot be read as mail");
  GMimeObject* object = GMIME_OBJECT(message.get());
  if (g_mime_header_list_get_count(g_mime_object_get_header_list(object)) == 0)
    return invalid_argument("the message has no header");

  IncomingMessage parsed;
  parsed.message_id = one_line(valid_utf8(text_or_empty(g_mime_message_get_message_id(message.get()))));
  parsed.in_reply_to = message_ids(g_mime_object_get_header(object, "In-Reply-To"));
  parsed.references = message_ids(g_mime_object_get_header(object, "References"));
  std::vector<MailAddress> from;
  add_addresses(g_mime_message_get_from(message.get()), from);
  if (!from.empty()) parsed.from = from[0];
  add_addresses(g_mime_message_get_reply_to(message.get()), parsed.reply_to);
  add_addresses(g_mime_message_get_to(message.get()), parsed.to);
  add_addresses(g_mime_message_get_cc(message.get()), parsed.cc);
  for (const std::string_view name : {"delivered-to", "x-original-to"})
    for (const std::string& value : all_headers(object, name)) {
      const std::string address = one_line(valid_utf8(value));
      if (!address.empty()) parsed.delivered_to.push_back(address);
    }
  parsed.subject = one_line(valid_utf8(text_or_empty(g_mime_message_get_subject(message.get()))));
  if (GDateTime* date = g_mime_message_get_date(message.get())) parsed.date = Timestamp{g_date_time_to_unix(date)};
  for (const std::string& value : all_headers(object, "authentication-results"))
    for (AuthenticationResult& result : parse_authentication_results(value))
      parsed.authentication.push_back(std::move(result));

  Walker walker(parsed, options.get(), limits);
  walker.walk(g_mime_message_get_mime_part(message.get()), 0);
  parsed.text_from_html = walker.html_only();
  parsed.automatic = automatic_kind(message.get(), parsed);
  for (const std::string& problem : collector.problems)
    if (std::find(parsed.problems.begin(), parsed.problems.end(), problem) == parsed.problems.end())
      parsed.problems.push_back(problem);
  return parsed;
}

}  // namespace conduct::mail
