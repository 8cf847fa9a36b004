// The checks of a draft, as draft_checks.h says them in words. Matching works on a
// folded copy of the text: percent-escapes decoded, NFKC and case folding, look-alike
// letters of other scripts mapped to the Latin ones, invisible characters dropped and
// every run of white space made one space.
#include "domain/draft_checks.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>

#include "core/text.h"
#include "core/unicode.h"

namespace conduct::domain {
namespace {

// Letters of other scripts that look like Latin ones (after case folding), and
// characters that show nothing.
constexpr std::array<std::pair<std::uint32_t, char>, 30> kLookAlikes = {{
    {0x0430, 'a'}, {0x0435, 'e'}, {0x043E, 'o'}, {0x0440, 'p'}, {0x0441, 'c'}, {0x0443, 'y'},
    {0x0445, 'x'}, {0x0455, 's'}, {0x0456, 'i'}, {0x0458, 'j'}, {0x043A, 'k'}, {0x0501, 'd'},
    {0x04BB, 'h'}, {0x04CF, 'l'}, {0x051B, 'q'}, {0x051D, 'w'}, {0x03B1, 'a'}, {0x03BF, 'o'},
    {0x03C1, 'p'}, {0x03BD, 'v'}, {0x03B9, 'i'}, {0x03BA, 'k'}, {0x03C5, 'u'}, {0x03C7, 'x'},
    {0x03B5, 'e'}, {0x0131, 'i'}, {0x0261, 'g'}, {0x0251, 'a'}, {0x1D00, 'a'}, {0x029F, 'l'},
}};
constexpr std::array<std::uint32_t, 6> kInvisible = {0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD};

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decoded(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      const int high = hex_digit(text[i + 1]), low = hex_digit(text[i + 2]);
      if (high >= 0 && low >= 0) {
        out.push_back(static_cast<char>(high * 16 + low));
        i += 2;
        continue;
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

// Decodes one UTF-8 character at `at` (valid UTF-8: nfkc_casefold made it so).
std::uint32_t next_code_point(const std::string& text, std::size_t& at) {
  const unsigned char c = static_cast<unsigned char>(text[at]);
  const std::size_t length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
  std::uint32_t code = length == 1 ? c : c & (0x7F >> length);
  for (std::size_t k = 1; k < length && at + k < text.size(); ++k)
    code = (code << 6) | (static_cast<unsigned char>(text[at + k]) & 0x3F);
  at += length;
  return code;
}

bool is_space_code(std::uint32_t code) {
  return code == ' ' || code == '\t' || code == '\n' || code == '\r' || code == '\f' || code == '\v' ||
         code == 0x00A0 || code == 0x2028 || code == 0x2029 || (code >= 0x2000 && code <= 0x200A) || code == 0x3000;
}

// The folded form both the text and every identifier are compared in.
std::string fold(std::string_view text) {
  const std::string folded = nfkc_casefold(percent_decoded(text));
  std::string out;
  out.reserve(folded.size());
  bool space = false;
  for (std::size_t at = 0; at < folded.size();) {
    const std::size_t start = at;
    const std::uint32_t code = next_code_point(folded, at);
    if (std::find(kInvisible.begin(), kInvisible.end(), code) != kInvisible.end()) continue;
    if (is_space_code(code)) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    const auto look_alike =
        std::find_if(kLookAlikes.begin(), kLookAlikes.end(), [code](const auto& pair) { return pair.first == code; });
    if (look_alike != kLookAlikes.end())
      out.push_back(look_alike->second);
    else
      out.append(folded, start, at - start);
  }
  return out;
}

// Letters and digits (any non-ASCII byte counts as a letter): what a whole word is made of.
bool is_word_byte(char c) {
  const unsigned char u = static_cast<unsigned char>(c);
  return u >= 0x80 || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}
bool is_handle_byte(char c) { return is_word_byte(c) || c == '_' || c == '.' || c == '-'; }

// Whether `needle` stands in `haystack` as a whole word (bounded by bytes `inside`
// says are not part of a word; a trailing '.' after a handle ends a sentence).
bool has_whole_word(const std::string& haystack, const std::string& needle, bool (*inside)(char)) {
  if (needle.empty()) return false;
  for (std::size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) {
    const bool starts = at == 0 || !inside(haystack[at - 1]);
    const std::size_t end = at + needle.size();
    const bool ends = end == haystack.size() || !inside(haystack[end]) ||
                      (haystack[end] == '.' && (end + 1 == haystack.size() || !is_word_byte(haystack[end + 1])));
    if (starts && ends) return true;
  }
  return false;
}

// An address's local part without its +tag, and its domain.
std::pair<std::string, std::string> address_parts(const std::string& address) {
  const std::size_t at = address.rfind('@');
  if (at == std::string::npos) return {address, ""};
  std::string local = address.substr(0, at);
  if (const std::size_t plus = local.find('+'); plus != std::string::npos) local.resize(plus);
  return {local, address.substr(at + 1)};
}

bool is_address_byte(char c) { return is_word_byte(c) || c == '.' || c == '_' || c == '-' || c == '+'; }

// Every address-shaped run around an '@' in the folded text, as (local without tag, domain).
std::vector<std::pair<std::string, std::string>> addresses_in(const std::string& text) {
  std::vector<std::pair<std::string, std::string>> found;
  for (std::size_t at = text.find('@'); at != std::string::npos; at = text.find('@', at + 1)) {
    std::size_t begin = at, end = at + 1;
    while (begin > 0 && is_address_byte(text[begin - 1])) --begin;
    while (end < text.size() && is_address_byte(text[end])) ++end;
    while (end > at + 1 && text[end - 1] == '.') --end;  // a sentence's full stop
    if (begin == at || end == at + 1) continue;
    found.push_back(address_parts(text.substr(begin, end - begin)));
  }
  return found;
}

bool found_identifier(const std::string& text, const std::vector<std::pair<std::string, std::string>>& addresses,
                      const KnownIdentifier& known) {
  const std::string value = fold(trim(known.value));
  switch (known.kind) {
    case KnownIdentifier::Kind::Email: {
      const auto [local, domain] = address_parts(value);
      if (local.empty() || domain.empty()) return false;
      for (const auto& [found_local, found_domain] : addresses)
        if (found_local == local && found_domain == domain) return true;
      // The local part alone, when it is distinctive (a person's own username).
      return local.size() >= 5 && has_whole_word(text, local, &is_handle_byte);
    }
    case KnownIdentifier::Kind::Handle: {
      std::string handle = value;
      while (!handle.empty() && handle.front() == '@') handle.erase(handle.begin());
      if (handle.size() < 3) return false;
      return has_whole_word(text, handle, &is_handle_byte);
    }
    case KnownIdentifier::Kind::Name: {
      if (value.size() < 2) return false;
      if (has_whole_word(text, value, &is_word_byte)) return true;
      // A part of the name long enough to point at the person alone (not "Jin", "Park").
      for (const std::string& part : split(value, ' '))
        if (part.size() >= 5 && has_whole_word(text, part, &is_word_byte)) return true;
      return false;
    }
  }
  return false;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// "21:47", "9:05", "21h47", "2026-12-03T18:00": a time of day to the minute.
bool has_exact_time(std::string_view text) {
  for (std::size_t i = 0; i + 2 < text.size(); ++i) {
    const char separator = text[i];
    if (separator != ':' && separator != 'h' && separator != 'H') continue;
    if (i == 0 || !is_digit(text[i - 1])) continue;
    std::size_t hour_start = i - 1;
    if (hour_start > 0 && is_digit(text[hour_start - 1])) --hour_start;
    if (hour_start > 0 && (is_digit(text[hour_start - 1]) || text[hour_start - 1] == ':')) continue;
    if (!is_digit(text[i + 1]) || !is_digit(text[i + 2])) continue;
    if (i + 3 < text.size() && is_digit(text[i + 3])) continue;
    const int hour = std::stoi(std::string(text.substr(hour_start, i - hour_start)));
    const int minute = (text[i + 1] - '0') * 10 + (text[i + 2] - '0');
    if (hour <= 23 && minute <= 59) return true;
  }
  return false;
}

struct Wording {
  std::string_view phrase;
  std::string_view suggestion;
};
constexpr std::array<Wording, 16> kWordings = {{
    {"just a joke", "Describe the behaviour and its impact: what was meant does not change what it did."},
    {"only joking", "Describe the behaviour and its impact: what was meant does not change what it did."},
    {"just joking", "Describe the behaviour and its impact: what was meant does not change what it did."},
    {"no big deal", "Do not weigh the harm for the person who felt it; state its impact."},
    {"not a big deal", "Do not weigh the harm for the person who felt it; state its impact."},
    {"overreact", "Do not describe how the person harmed reacted; describe the behaviour."},
    {"overreacting", "Do not describe how the person harmed reacted; describe the behaviour."},
    {"overreacted", "Do not describe how the person harmed reacted; describe the behaviour."},
    {"too sensitive", "Do not describe the person harmed; describe the behaviour and its impact."},
    {"oversensitive", "Do not describe the person harmed; describe the behaviour and its impact."},
    {"misunderstanding", "Say what happened; calling it a misunderstanding makes it smaller than it was."},
    {"asked for it", "Do not suggest the person harmed caused it."},
    {"brought it on", "Do not suggest the person harmed caused it."},
    {"provoked", "Do not suggest the person harmed caused it; describe the behaviour."},
    {"heat of the moment", "Describe the behaviour; circumstances do not change its impact."},
    {"boys will be boys", "Describe the behaviour and what is expected instead."},
}};

}  // namespace

std::vector<std::size_t> identifiers_in(std::string_view text, const std::vector<KnownIdentifier>& known) {
  const std::string folded = fold(text);
  const auto addresses = addresses_in(folded);
  std::vector<std::size_t> found;
  for (std::size_t i = 0; i < known.size(); ++i)
    if (found_identifier(folded, addresses, known[i])) found.push_back(i);
  return found;
}

std::vector<DraftFinding> check_draft(const DraftToCheck& draft, const std::vector<KnownIdentifier>& known) {
  std::vector<DraftFinding> findings;
  const std::string whole = draft.text + "\n" + draft.behaviour + "\n" + draft.impact + "\n" + draft.changes_expected +
                            "\n" + draft.consequences;
  for (const std::size_t index : identifiers_in(whole, known)) {
    const KnownIdentifier& identifier = known[index];
    const char* kind = identifier.kind == KnownIdentifier::Kind::Email    ? "an email address"
                       : identifier.kind == KnownIdentifier::Kind::Handle ? "a handle"
                                                                          : "a name";
    findings.push_back({"identifier", std::string("The draft holds ") + kind + " of " + identifier.whose + ".",
                        "Remove it, or describe the person without anything that identifies them."});
  }
  if (has_exact_time(whole))
    findings.push_back({"timestamp", "The draft gives an exact time of day.",
                        "Generalise it (\"one evening in March\"): an exact time can point at who was there."});
  if (draft.recipient == DraftRecipient::ReportedPerson) {
    const std::array<std::pair<const std::string*, const char*>, 4> parts = {{
        {&draft.behaviour, "the behaviour, in neutral words"},
        {&draft.impact, "its impact"},
        {&draft.changes_expected, "the changes expected"},
        {&draft.consequences, "the consequences"},
    }};
    for (const auto& [text, name] : parts)
      if (trim(*text).empty())
        findings.push_back({"missing-part", std::string("The letter does not state ") + name + ".",
                            "A letter to a reported person states the behaviour, its impact, the changes expected "
                            "and the consequences."});
  }
  const std::string folded = fold(whole);
  for (const Wording& wording : kWordings)
    if (has_whole_word(folded, std::string(wording.phrase), &is_word_byte))
      findings.push_back({"wording",
                          "\"" + std::string(wording.phrase) + "\" minimises the harm or blames the person harmed.",
                          std::string(wording.suggestion)});
  return findings;
}

}  // namespace conduct::domain
