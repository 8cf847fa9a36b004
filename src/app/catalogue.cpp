#include "app/catalogue.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/text.h"

namespace conduct::app {
namespace {

bool language_code(std::string_view code) {
  if (code.size() < 2 || code.size() > 3) return false;
  return std::all_of(code.begin(), code.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// Every string of `table`, by its dotted path. False when a value is not a string or a table.
bool flatten(const toml::table& table, const std::string& prefix,
             std::map<std::string, std::string, std::less<>>& out) {
  for (const auto& [key, node] : table) {
    const std::string path = prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
    if (const toml::table* inner = node.as_table()) {
      if (!flatten(*inner, path, out)) return false;
    } else if (const auto* text = node.as_string()) {
      out[path] = text->get();
    } else {
      return false;
    }
  }
  return true;
}

}  // namespace

static Catalogue& program_catalogue() {
  static Catalogue catalogue = Catalogue::shipped();
  return catalogue;
}

const Catalogue& shipped_catalogue() { return program_catalogue(); }

Status load_languages(const std::string& directory) {
  std::error_code error;
  if (!std::filesystem::is_directory(directory, error)) return ok_status();
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(directory, error))
    if (entry.path().extension() == ".toml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const std::filesystem::path& file : files) {
    std::ifstream stream(file, std::ios::binary);
    std::string source((std::istreambuf_iterator<char>(stream)), std::istreambuf_iterator<char>());
    if (source.size() > (1u << 20)) return invalid_argument("the language file " + file.string() + " is too large");
    TRY(program_catalogue().add(file.stem().string(), source));
  }
  return ok_status();
}

Catalogue Catalogue::shipped() {
  Catalogue catalogue;
  for (const ShippedLocale& locale : shipped_locales())
    if (!catalogue.add(locale.code, locale.source).ok()) std::abort();
  return catalogue;
}

Status Catalogue::add(std::string_view code, std::string_view toml_source) {
  if (!language_code(code)) return invalid_argument("a language file is named by a two- or three-letter code");
  toml::table root;
  try {
    root = toml::parse(toml_source);
  } catch (const toml::parse_error& error) {
    std::ostringstream message;
    message << "the language file '" << code << "' is not valid TOML (line " << error.source().begin.line
            << "): " << error.description();
    return invalid_argument(message.str());
  }
  std::map<std::string, std::string, std::less<>> texts;
  if (!flatten(root, "", texts))
    return invalid_argument("the language file '" + std::string(code) + "' holds a value that is not text");
  if (texts.find("language") == texts.end())
    return invalid_argument("the language file '" + std::string(code) + "' does not name its language");
  for (const auto& [key, value] : texts)
    if (!is_clean_utf8(value))
      return invalid_argument("the language file '" + std::string(code) + "' has text that is not UTF-8: " + key);
  languages_[std::string(code)] = std::move(texts);
  return ok_status();
}

std::vector<std::pair<std::string, std::string>> Catalogue::languages() const {
  std::vector<std::pair<std::string, std::string>> listed;
  for (const auto& [code, texts] : languages_) listed.emplace_back(code, texts.at("language"));
  return listed;
}

std::string Catalogue::text(std::string_view language, std::string_view key,
                            const std::vector<std::pair<std::string, std::string>>& values) const {
  std::string found(key);
  for (const std::string_view code : {language, kDefaultLanguage}) {
    const auto texts = languages_.find(code);
    if (texts == languages_.end()) continue;
    const auto entry = texts->second.find(key);
    if (entry == texts->second.end()) continue;
    found = entry->second;
    break;
  }
  for (const auto& [name, value] : values) {
    const std::string placeholder = "{" + name + "}";
    for (std::size_t at = found.find(placeholder); at != std::string::npos;
         at = found.find(placeholder, at + value.size()))
      found.replace(at, placeholder.size(), value);
  }
  return found;
}

std::string Catalogue::choose(std::string_view chosen, std::string_view accept_language) const {
  if (has(chosen)) return std::string(chosen);
  for (const std::string& tag : accepted_languages(accept_language)) {
    const std::string primary = tag.substr(0, tag.find('-'));
    if (has(primary)) return primary;
  }
  return std::string(kDefaultLanguage);
}

std::vector<std::string> accepted_languages(std::string_view header) {
  header = header.substr(0, 1000);
  struct Weighted {
    std::string tag;
    int quality = 1000;  // thousandths
    std::size_t order = 0;
  };
  std::vector<Weighted> tags;
  std::size_t start = 0;
  while (start <= header.size() && tags.size() < 50) {
    const std::size_t comma = std::min(header.find(',', start), header.size());
    const std::string item = trim(header.substr(start, comma - start));
    start = comma + 1;
    if (item.empty()) {
      if (comma >= header.size()) break;
      continue;
    }
    const std::size_t semicolon = item.find(';');
    Weighted weighted;
    weighted.tag = to_lower_ascii(trim(item.substr(0, semicolon)));
    weighted.order = tags.size();
    bool well_formed = !weighted.tag.empty() && weighted.tag.size() <= 35;
    for (char c : weighted.tag)
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '*')) well_formed = false;
    if (semicolon != std::string::npos) {
      // "q" is case-insensitive, like every parameter name (RFC 9110 sections 5.6.6, 12.4.2).
      const std::string parameter = to_lower_ascii(trim(item.substr(semicolon + 1)));
      if (parameter.rfind("q=", 0) == 0) {
        const std::string value = parameter.substr(2);
        // "1", "1.0", "0", "0.5", "0.123": read as thousandths.
        int quality = -1;
        if (!value.empty() && (value[0] == '0' || value[0] == '1')) {
          quality = (value[0] - '0') * 1000;
          if (value.size() > 1) {
            if (value[1] != '.' || value.size() > 5) quality = -1;
            int scale = 100;
            for (std::size_t i = 2; quality >= 0 && i < value.size(); ++i, scale /= 10) {
              if (value[i] < '0' || value[i] > '9')
                quality = -1;
              else
                quality += (value[i] - '0') * scale;
            }
          }
        }
        if (quality < 0 || quality > 1000) well_formed = false;
        weighted.quality = quality;
      }
    }
    if (well_formed && weighted.quality > 0 && weighted.tag != "*") tags.push_back(std::move(weighted));
    if (comma >= header.size()) break;
  }
  std::stable_sort(tags.begin(), tags.end(),
                   [](const Weighted& a, const Weighted& b) { return a.quality > b.quality; });
  std::vector<std::string> ordered;
  for (Weighted& weighted : tags) ordered.push_back(std::move(weighted.tag));
  return ordered;
}

}  // namespace conduct::app
