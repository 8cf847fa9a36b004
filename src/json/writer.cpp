#include "json/writer.h"

#include <array>

namespace conduct::json {
namespace {

// The length of the well-formed UTF-8 sequence at `text[i]` (a lead byte of 0x80 or
// more), or 0 when it is not one: overlong forms, surrogates and code points past
// U+10FFFF are not.
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t at) { return static_cast<unsigned char>(text[at]); };
  const unsigned char lead = byte(i);
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;  // the allowed range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (i + length > text.size() || byte(i + 1) < low || byte(i + 1) > high) return 0;
  for (std::size_t k = 2; k < length; ++k)
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  return length;
}

// `text` with every byte that does not begin a well-formed sequence replaced by U+FFFD:
// stored text is checked at input, so this only guards the answer against bad data.
std::string well_formed(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      out += text[i++];
    } else if (const std::size_t length = utf8_sequence_length(text, i)) {
      out.append(text.substr(i, length));
      i += length;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

}  // namespace

void JsonWriter::separate() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_.empty()) {
    if (!first_.back()) out_ += ',';
    first_.back() = false;
  }
}

JsonWriter& JsonWriter::open(char bracket) {
  if (out_.empty()) out_.reserve(16 * 1024);  // a page of 50 case summaries is about 15 KB
  separate();
  out_ += bracket;
  first_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::close(char bracket) {
  out_ += bracket;
  first_.pop_back();
  return *this;
}

JsonWriter& JsonWriter::begin_object() { return open('{'); }
JsonWriter& JsonWriter::end_object() { return close('}'); }
JsonWriter& JsonWriter::begin_array() { return open('['); }
JsonWriter& JsonWriter::end_array() { return close(']'); }

JsonWriter& JsonWriter::key(std::string_view name) {
  string(name);
  out_ += ':';
  after_key_ = true;
  return *this;
}

// What each byte needs in a JSON string: nothing, an escape, or (0x80 and up) to be
// part of a well-formed UTF-8 sequence.
enum class ByteKind : unsigned char { Plain, Escape, NonAscii };
constexpr std::array<ByteKind, 256> kByteKinds = [] {
  std::array<ByteKind, 256> kinds{};
  for (int c = 0; c < 256; ++c)
    kinds[c] = c < 0x20 || c == '"' || c == '\\' ? ByteKind::Escape : c >= 0x80 ? ByteKind::NonAscii : ByteKind::Plain;
  return kinds;
}();

JsonWriter& JsonWriter::string(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  // Where this string starts, to write it again when it is not UTF-8.
  const std::size_t start = out_.size();
  const bool was_after_key = after_key_;
  const bool was_first = !first_.empty() && first_.back();
  separate();
  out_ += '"';
  // One pass: runs of bytes that need nothing are appended whole.
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    const ByteKind kind = kByteKinds[c];
    if (kind == ByteKind::Plain) {
      ++i;
      continue;
    }
    if (kind == ByteKind::NonAscii) {
      const std::size_t length = utf8_sequence_length(text, i);
      if (length == 0) {  // not UTF-8: write the text again with replacements
        out_.resize(start);
        after_key_ = was_after_key;
        if (!first_.empty()) first_.back() = was_first;
        return string(well_formed(text));
      }
      i += length;
      continue;
    }
    out_.append(text.data() + run, i - run);
    run = ++i;
    switch (c) {
      case '"':
        out_ += "\\\"";
        break;
      case '\\':
        out_ += "\\\\";
        break;
      case '\b':
        out_ += "\\b";
        break;
      case '\f':
        out_ += "\\f";
        break;
      case '\n':
        out_ += "\\n";
        break;
      case '\r':
        out_ += "\\r";
        break;
      case '\t':
        out_ += "\\t";
        break;
      default: {
        const char escape[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
        out_.append(escape, sizeof escape);
      }
    }
  }
  out_.append(text.data() + run, text.size() - run);
  out_ += '"';
  return *this;
}

JsonWriter& JsonWriter::number(std::int64_t value) {
  separate();
  out_ += std::to_string(value);
  return *this;
}

JsonWriter& JsonWriter::number_text(std::string_view text) {
  separate();
  out_ += text;
  return *this;
}

JsonWriter& JsonWriter::boolean(bool value) {
  separate();
  out_ += value ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::null() {
  separate();
  out_ += "null";
  return *this;
}

}  // namespace conduct::json
