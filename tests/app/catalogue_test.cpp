// The words a reporter reads (app/catalogue.h): the shipped languages agree with
// English, and the language of a page is chosen as the header says.
#include "app/catalogue.h"

#include <gtest/gtest.h>

#include <toml++/toml.h>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace conduct::app {
namespace {

using Texts = std::map<std::string, std::string>;

void flatten(const toml::table& table, const std::string& prefix, Texts& out) {
  for (const auto& [key, node] : table) {
    const std::string path = prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
    if (const toml::table* inner = node.as_table())
      flatten(*inner, path, out);
    else if (const auto* text = node.as_string())
      out[path] = text->get();
  }
}

// Every text of a shipped language by its dotted key, read from the TOML compiled in.
Texts shipped_texts(std::string_view code) {
  for (const ShippedLocale& locale : shipped_locales()) {
    if (locale.code != code) continue;
    Texts texts;
    flatten(toml::parse(locale.source), "", texts);
    return texts;
  }
  ADD_FAILURE() << "no shipped language " << code;
  return {};
}

std::set<std::string> placeholders(const std::string& text) {
  static const std::regex placeholder(R"(\{[a-z_]+\})");
  std::set<std::string> found;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), placeholder); it != std::sregex_iterator(); ++it)
    found.insert(it->str());
  return found;
}

// Texts only members read: always sent in English (app/intake.cpp queues the members'
// notice in kDefaultLanguage), so a translation would never be shown.
const std::set<std::string> kMembersOnly = {"mail.new_report_subject", "mail.new_report_body"};

TEST(CatalogueTest, TheShippedLanguagesAreEnglishAndSpanish) {
  const Catalogue catalogue = Catalogue::shipped();
  EXPECT_EQ(catalogue.languages(),
            (std::vector<std::pair<std::string, std::string>>{{"en", "English"}, {"es", "Español"}}));
}

TEST(CatalogueTest, SpanishHasEveryTextAReporterReads) {
  const Texts english = shipped_texts("en");
  const Texts spanish = shipped_texts("es");
  ASSERT_GT(english.size(), 50u);
  for (const auto& [key, text] : english) {
    if (kMembersOnly.count(key)) continue;
    EXPECT_TRUE(spanish.count(key)) << "es.toml lacks " << key;
  }
  for (const auto& [key, text] : spanish) EXPECT_TRUE(english.count(key)) << "es.toml has a key en.toml lacks: " << key;
}

TEST(CatalogueTest, EachTranslationKeepsThePlaceholdersOfTheEnglish) {
  const Texts english = shipped_texts("en");
  const Texts spanish = shipped_texts("es");
  int compared = 0;
  for (const auto& [key, text] : spanish) {
    const auto original = english.find(key);
    if (original == english.end()) continue;
    EXPECT_EQ(placeholders(text), placeholders(original->second)) << key;
    ++compared;
  }
  EXPECT_GT(compared, 50);
}

TEST(CatalogueTest, EveryStatusSentenceExistsInBothLanguages) {
  const Catalogue catalogue = Catalogue::shipped();
  for (const char* key : {"status.received", "status.acknowledged", "status.looking_into_it", "status.your_view",
                          "status.acting", "status.with_the_board", "status.closed", "status.held"}) {
    EXPECT_NE(catalogue.text("en", key), key);
    EXPECT_NE(catalogue.text("es", key), key);
    EXPECT_NE(catalogue.text("es", key), catalogue.text("en", key)) << key;
  }
}

TEST(CatalogueTest, TextFillsPlaceholdersAndFallsBackToEnglishThenTheKey) {
  Catalogue catalogue;
  ASSERT_TRUE(
      catalogue.add("en", "language = \"English\"\n[a]\nhello = \"Hello {name}, {name}!\"\nonly = \"E\"\n").ok());
  ASSERT_TRUE(catalogue.add("fr", "language = \"Français\"\n[a]\nhello = \"Bonjour {name}\"\n").ok());
  EXPECT_EQ(catalogue.text("fr", "a.hello", {{"name", "Noor"}}), "Bonjour Noor");
  EXPECT_EQ(catalogue.text("en", "a.hello", {{"name", "{name}"}}), "Hello {name}, {name}!");
  EXPECT_EQ(catalogue.text("fr", "a.only"), "E");
  EXPECT_EQ(catalogue.text("de", "a.hello", {{"name", "Sam"}}), "Hello Sam, Sam!");
  EXPECT_EQ(catalogue.text("fr", "a.missing"), "a.missing");
}

TEST(CatalogueTest, ALanguageFileMustBeWellFormed) {
  Catalogue catalogue;
  const std::pair<const char*, const char*> refused[] = {
      {"EN", "language = \"English\""},
      {"english", "language = \"English\""},
      {"e", "language = \"English\""},
      {"en", "language = "},
      {"en", "title = \"No language name\""},
      {"en", "language = \"English\"\ncount = 3"},
      {"en", "language = \"English\"\nbad = \"\\u0000\""},
  };
  for (const auto& [code, source] : refused) {
    const Status added = catalogue.add(code, source);
    ASSERT_FALSE(added.ok()) << code << ": " << source;
    EXPECT_EQ(added.error().code, ErrorCode::InvalidArgument);
  }
  EXPECT_FALSE(catalogue.has("en"));
}

TEST(ChooseLanguageTest, AnExplicitChoiceWinsWhenTheCatalogueHasIt) {
  const Catalogue catalogue = Catalogue::shipped();
  EXPECT_EQ(catalogue.choose("es", "en"), "es");
  EXPECT_EQ(catalogue.choose("en", "es"), "en");
  EXPECT_EQ(catalogue.choose("fr", "es"), "es");  // not a language of the catalogue: the header decides
  EXPECT_EQ(catalogue.choose("ES", ""), "en");    // codes are lower case
}

TEST(ChooseLanguageTest, TheHeaderIsReadByQuality) {
  const Catalogue catalogue = Catalogue::shipped();
  const std::pair<const char*, const char*> rows[] = {
      {"fr;q=0.9, es-MX;q=0.8, en;q=0.5", "es"},
      {"es-MX", "es"},
      {"en-GB,en;q=0.9,es;q=0.8", "en"},
      {"de, en;q=0.1, es;q=0.2", "es"},
      {"es;q=0, en;q=0.1", "en"},
      {"fr, de", "en"},
      {"", "en"},
      {"*", "en"},
      {"ES-es", "es"},
  };
  for (const auto& [header, expected] : rows) EXPECT_EQ(catalogue.choose("", header), expected) << header;
}

TEST(AcceptedLanguagesTest, OrdersByQualityAndKeepsTiesInOrder) {
  EXPECT_EQ(accepted_languages("fr;q=0.9, es-MX;q=0.8, en;q=0.5"), (std::vector<std::string>{"fr", "es-mx", "en"}));
  EXPECT_EQ(accepted_languages("en;q=0.5, de, FR;q=1.0, nl;q=0.5"), (std::vector<std::string>{"de", "fr", "en", "nl"}));
  EXPECT_EQ(accepted_languages("en;q=0.123, es;q=0.124"), (std::vector<std::string>{"es", "en"}));
  // The parameter's name is case-insensitive, as every parameter name is (RFC 9110).
  EXPECT_EQ(accepted_languages("es;Q=0, en"), std::vector<std::string>{"en"});
  EXPECT_EQ(accepted_languages("fr;Q=0.5, ES ; q=0.7"), (std::vector<std::string>{"es", "fr"}));
}

TEST(AcceptedLanguagesTest, LeavesOutQualityZeroAndMalformedItems) {
  EXPECT_EQ(accepted_languages("es;q=0, en"), std::vector<std::string>{"en"});
  EXPECT_EQ(accepted_languages("es;q=0.000, en;q=0.0"), std::vector<std::string>{});
  const std::vector<std::string> only_en = {"en"};
  for (const char* header : {"en, es;q=2", "en, es;q=1.5", "en, es;q=0.5x", "en, es;q=0.12345", "en, es;q=.5",
                             "en, es;q=", "en, e s", "en, es_ES", "en, ;q=0.5", "en, *", "en, <script>", "en, é",
                             ",,, en ,,,", "en, abcdefghijklmnopqrstuvwxyzabcdefghij"}) {
    EXPECT_EQ(accepted_languages(header), only_en) << header;
  }
  EXPECT_TRUE(accepted_languages("").empty());
  EXPECT_TRUE(accepted_languages(" , ; , ").empty());
}

TEST(AcceptedLanguagesTest, ReadsAtMostFiftyTagsOfAThousandBytes) {
  std::string header;
  for (int i = 0; i < 80; ++i) header += (i ? "," : "") + std::string("x") + std::to_string(i);
  EXPECT_EQ(accepted_languages(header).size(), 50u);
  // Cut at 1,000 bytes: what follows "en," is not read.
  const std::string long_header = std::string(996, ' ') + ",en,es";
  EXPECT_EQ(accepted_languages(long_header), std::vector<std::string>{"en"});
}

}  // namespace
}  // namespace conduct::app
