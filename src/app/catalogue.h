// The words a reporter reads, per language: the report form, its confirmation page, the
// portal and the mail sent to them (locales/*.toml, compiled in; a data directory may
// add or replace languages in its locales/ folder). A text missing from a language is
// taken from English, so a partial translation is usable at once.
#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace conduct::app {

struct ShippedLocale {
  std::string_view code;    // "en"
  std::string_view source;  // the TOML text
};
std::span<const ShippedLocale> shipped_locales();

inline constexpr std::string_view kDefaultLanguage = "en";

class Catalogue {
 public:
  // The languages compiled in. Aborts if one of them does not parse (a build defect,
  // caught by the tests).
  static Catalogue shipped();

  // Adds or replaces a language from its TOML text. Errors: InvalidArgument naming the
  // problem (not TOML, a code that is not two or three lower-case letters, a value that
  // is not text, no `language` name).
  Status add(std::string_view code, std::string_view toml_source);

  bool has(std::string_view code) const { return languages_.count(std::string(code)) != 0; }
  // Every language: its code and its own name ("es", "Español"), by code.
  std::vector<std::pair<std::string, std::string>> languages() const;

  // The text of `key` ("form.title") in `language`, else in English, else the key; each
  // {name} of `values` filled in.
  std::string text(std::string_view language, std::string_view key,
                   const std::vector<std::pair<std::string, std::string>>& values = {}) const;

  // The language to answer in: `chosen` when the catalogue has it; else the first of
  // `accept_language` (an HTTP Accept-Language header, by quality) it has, matching a
  // primary tag ("es-MX" is "es"); else English.
  std::string choose(std::string_view chosen, std::string_view accept_language) const;

 private:
  std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>> languages_;
};

// The catalogue the program speaks with: the shipped languages, and those added with
// load_languages. Load before the server's threads start; read-only afterwards.
const Catalogue& shipped_catalogue();
// Adds every <code>.toml of `directory` (a data directory's locales/ folder) to the
// program's catalogue, replacing a shipped language of the same code. A missing
// directory adds nothing. Errors: InvalidArgument naming the file that is wrong.
Status load_languages(const std::string& directory);

// The language tags of an Accept-Language header, best first (quality 0 left out,
// ties in the header's order), lower-cased. Reads at most 50 tags of a header cut at
// 1,000 bytes.
std::vector<std::string> accepted_languages(std::string_view header);

}  // namespace conduct::app
