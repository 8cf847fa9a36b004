#include "domain/code_name.h"

#include "core/text.h"
#include "domain/code_name_words.h"

namespace conduct::domain {
namespace {

enum class NameForm { Case, Person };

std::string draw_pair(RandomSource& random) {
  const std::string_view first = kFirstWords[random.uniform(static_cast<std::uint32_t>(kFirstWordCount))];
  const std::string_view second = kSecondWords[random.uniform(static_cast<std::uint32_t>(kSecondWordCount))];
  return std::string(first) + " " + std::string(second);
}

std::string title_case(std::string_view lower) {
  std::string title(lower);
  bool start = true;
  for (char& c : title) {
    if (start && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    start = c == ' ';
  }
  return title;
}

Result<std::string> choose(RandomSource& random, const std::function<bool(const std::string&)>& is_taken, int attempts,
                           NameForm form) {
  for (int attempt = 0; attempt < attempts; ++attempt) {
    std::string name = draw_pair(random);
    if (form == NameForm::Person) name = title_case(name);
    if (!is_taken(name)) return name;
  }
  return internal_error("no free code name after " + std::to_string(attempts) + " attempts");
}

// Two runs of letters separated by one space or dash; returns them lower-cased.
std::optional<std::string> two_words(std::string_view text) {
  const std::string trimmed = to_lower_ascii(trim(text));
  std::string normal;
  int separators = 0;
  for (char c : trimmed) {
    if (c >= 'a' && c <= 'z') {
      normal += c;
    } else if ((c == ' ' || c == '-') && !normal.empty() && normal.back() != ' ') {
      normal += ' ';
      ++separators;
    } else {
      return std::nullopt;
    }
  }
  if (separators != 1 || normal.back() == ' ' || normal.size() > 40) return std::nullopt;
  return normal;
}

}  // namespace

Result<std::string> choose_case_code_name(RandomSource& random, const std::function<bool(const std::string&)>& is_taken,
                                          int attempts) {
  return choose(random, is_taken, attempts, NameForm::Case);
}

Result<std::string> choose_person_code_name(RandomSource& random,
                                            const std::function<bool(const std::string&)>& is_taken, int attempts) {
  return choose(random, is_taken, attempts, NameForm::Person);
}

std::string url_form(std::string_view code_name) {
  std::string url = to_lower_ascii(code_name);
  for (char& c : url)
    if (c == ' ') c = '-';
  return url;
}

std::optional<std::string> normalise_case_code_name(std::string_view text) { return two_words(text); }

std::optional<std::string> normalise_person_code_name(std::string_view text) {
  const std::optional<std::string> words = two_words(text);
  if (!words) return std::nullopt;
  return title_case(*words);
}

}  // namespace conduct::domain
