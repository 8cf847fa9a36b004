#include "mail/html_text.h"

#include <array>
#include <cstdint>

#include "core/text.h"

namespace conduct::mail {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Elements whose start and end break the line (a paragraph leaves a blank line).
bool breaks_line(std::string_view tag) {
  static constexpr std::array<std::string_view, 24> kBlocks = {
      "div", "tr", "table", "ul", "ol", "blockquote", "pre",     "h1",     "h2",     "h3",      "h4",     "h5",
      "h6",  "hr", "dl",    "dt", "dd", "section",    "article", "header", "footer", "address", "center", "form"};
  for (std::string_view block : kBlocks)
    if (tag == block) return true;
  return false;
}

// Elements whose content is not text.
bool drops_content(std::string_view tag) {
  return tag == "script" || tag == "style" || tag == "head" || tag == "title" || tag == "template" ||
         tag == "noscript" || tag == "svg" || tag == "object";
}

void append_utf8(std::string& out, std::uint32_t code_point) {
  if (code_point == 0 || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) code_point = 0xFFFD;
  if (code_point < 0x80) {
    out.push_back(static_cast<char>(code_point));
  } else if (code_point < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (code_point >> 6)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else if (code_point < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (code_point >> 12)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (code_point >> 18)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  }
}

// Decodes the character reference at `text` (just after '&'); how many bytes it took,
// 0 when it is not one (the '&' is then kept as it is).
std::size_t decode_reference(std::string_view text, std::string& out) {
  const std::size_t end = text.find(';');
  if (end == std::string_view::npos || end == 0 || end > 10) return 0;
  const std::string_view name = text.substr(0, end);
  if (name[0] == '#') {
    const bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
    const std::string_view digits = name.substr(hex ? 2 : 1);
    if (digits.empty()) return 0;
    std::uint32_t value = 0;
    for (const char c : digits) {
      int digit = -1;
      if (c >= '0' && c <= '9') digit = c - '0';
      if (hex && c >= 'a' && c <= 'f') digit = c - 'a' + 10;
      if (hex && c >= 'A' && c <= 'F') digit = c - 'A' + 10;
      if (digit < 0) return 0;
      value = value * (hex ? 16 : 10) + static_cast<std::uint32_t>(digit);
      if (value > 0x10FFFF) value = 0x110000;  // stays out of range without overflowing
    }
    append_utf8(out, value);
    return end + 1;
  }
  static constexpr std::array<std::pair<std::string_view, std::uint32_t>, 16> kNamed = {{{"amp", '&'},
                                                                                         {"lt", '<'},
                                                                                         {"gt", '>'},
                                                                                         {"quot", '"'},
                                                                                         {"apos", '\''},
                                                                                         {"nbsp", 0xA0},
                                                                                         {"copy", 0xA9},
                                                                                         {"reg", 0xAE},
                                                                                         {"hellip", 0x2026},
                                                                                         {"mdash", 0x2014},
                                                                                         {"ndash", 0x2013},
                                                                                         {"lsquo", 0x2018},
                                                                                         {"rsquo", 0x2019},
                                                                                         {"ldquo", 0x201C},
                                                                                         {"rdquo", 0x201D},
                                                                                         {"euro", 0x20AC}}};
  for (const auto& [entity, code_point] : kNamed)
    if (name == entity) {
      append_utf8(out, code_point);
      return end + 1;
    }
  return 0;
}

// The value of attribute `name` in a tag's text ("a href=... class=..."), or empty.
std::string attribute(std::string_view tag_text, std::string_view name) {
  const std::string lower = to_lower_ascii(tag_text);
  std::size_t at = 0;
  while ((at = lower.find(name, at)) != std::string::npos) {
    const bool starts_word = at > 0 && is_space(lower[at - 1]);
    std::size_t after = at + name.size();
    while (after < lower.size() && is_space(lower[after])) ++after;
    if (!starts_word || after >= lower.size() || lower[after] != '=') {
      at += name.size();
      continue;
    }
    ++after;
    while (after < lower.size() && is_space(lower[after])) ++after;
    if (after >= lower.size()) return "";
    const char quote = tag_text[after];
    if (quote == '"' || quote == '\'') {
      const std::size_t close = tag_text.find(quote, after + 1);
      return std::string(tag_text.substr(after + 1, close == std::string_view::npos ? close : close - after - 1));
    }
    std::size_t stop = after;
    while (stop < tag_text.size() && !is_space(tag_text[stop])) ++stop;
    return std::string(tag_text.substr(after, stop - after));
  }
  return "";
}

class TextWriter {
 public:
  void word_char(char c) {
    if (pending_space_ && !out_.empty() && out_.back() != '\n') out_.push_back(' ');
    pending_space_ = false;
    out_.push_back(c);
  }
  void text(std::string_view s) {
    for (const char c : s) word_char(c);
  }
  void space() { pending_space_ = true; }
  // Ends the line; `blank` leaves an empty line after it. Never more than one blank line.
  void line_break(bool blank) {
    pending_space_ = false;
    if (out_.empty()) return;
    const std::size_t wanted = blank ? 2 : 1;
    std::size_t have = 0;
    for (auto it = out_.rbegin(); it != out_.rend() && *it == '\n' && have < 2; ++it) ++have;
    while (have < wanted) {
      out_.push_back('\n');
      ++have;
    }
  }
  void hard_break() {
    pending_space_ = false;
    out_.push_back('\n');
  }
  std::string finish() {
    while (!out_.empty() && (out_.back() == '\n' || out_.back() == ' ')) out_.pop_back();
    if (!out_.empty()) out_.push_back('\n');
    return std::move(out_);
  }
  std::string& raw() { return out_; }

 private:
  std::string out_;
  bool pending_space_ = false;
};

}  // namespace

std::string html_to_text(std::string_view html) {
  TextWriter writer;
  std::string dropping;  // the element whose content is being skipped, if any
  bool in_pre = false;
  std::string link;  // the address of the open <a>, shown after its text when it differs
  std::size_t link_text_start = 0;
  std::size_t i = 0;
  while (i < html.size()) {
    const char c = html[i];
    if (c == '<') {
      if (html.substr(i, 4) == "<!--") {
        const std::size_t end = html.find("-->", i + 4);
        i = end == std::string_view::npos ? html.size() : end + 3;
        continue;
      }
      const std::size_t end = html.find('>', i + 1);
      if (end == std::string_view::npos) break;  // an unfinished tag ends the text
      std::string_view tag_text = html.substr(i + 1, end - i - 1);
      i = end + 1;
      const bool closing = !tag_text.empty() && tag_text[0] == '/';
      if (closing) tag_text.remove_prefix(1);
      std::size_t name_end = 0;
      while (name_end < tag_text.size() && !is_space(tag_text[name_end]) && tag_text[name_end] != '/') ++name_end;
      const std::string name = to_lower_ascii(tag_text.substr(0, name_end));
      if (!dropping.empty()) {
        if (closing && name == dropping) dropping.clear();
        continue;
      }
      if (!closing && drops_content(name)) {
        dropping = name;
        continue;
      }
      if (name == "br") {
        writer.hard_break();
      } else if (name == "p") {
        writer.line_break(true);
      } else if (name == "li") {
        writer.line_break(false);
        if (!closing) writer.text("- ");
      } else if (name == "td" || name == "th") {
        if (!closing) writer.space();
      } else if (name == "pre") {
        writer.line_break(false);
        in_pre = !closing;
      } else if (name == "img" && !closing) {
        const std::string alt = attribute(tag_text, "alt");
        if (!alt.empty()) writer.text("[" + trim(alt) + "]");
      } else if (name == "a") {
        if (!closing) {
          link = attribute(tag_text, "href");
          link_text_start = writer.raw().size();
        } else if (!link.empty()) {
          const std::string shown = writer.raw().substr(std::min(link_text_start, writer.raw().size()));
          const std::string bare = link.rfind("mailto:", 0) == 0 ? link.substr(7) : link;
          if (trim(shown) != trim(bare) && trim(shown) != trim(link)) writer.text(" (" + bare + ")");
          link.clear();
        }
      } else if (breaks_line(name)) {
        writer.line_break(name == "blockquote" || name == "table" || name == "hr");
      }
      continue;
    }
    if (!dropping.empty()) {
      ++i;
      continue;
    }
    if (c == '&') {
      std::string decoded;
      const std::size_t taken = decode_reference(html.substr(i + 1), decoded);
      if (taken > 0) {
        if (decoded == "\xC2\xA0")
          writer.word_char(' ');
        else
          writer.text(decoded);
        i += taken + 1;
        continue;
      }
    }
    if (in_pre) {
      if (c == '\n')
        writer.hard_break();
      else if (c != '\r')
        writer.word_char(c);
    } else if (is_space(c)) {
      writer.space();
    } else {
      writer.word_char(c);
    }
    ++i;
  }
  return writer.finish();
}

}  // namespace conduct::mail
