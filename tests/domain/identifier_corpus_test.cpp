// The identifier check's own corpus (domain/draft_checks.h): drafts that carry an
// identifier of a protected party in one of its disguises, which must be found, and
// innocent drafts, which must not be. The test prints the false positives and false
// negatives it counted.
#include <gtest/gtest.h>

#include <iostream>
#include <string>
#include <vector>

#include "domain/draft_checks.h"

namespace conduct::domain {
namespace {

using Kind = KnownIdentifier::Kind;

const std::vector<KnownIdentifier>& known() {
  static const std::vector<KnownIdentifier> identifiers = {
      {Kind::Name, "Ana Lima", "the reporter"},          {Kind::Email, "ana.lima@example.org", "the reporter"},
      {Kind::Handle, "@ana_codes", "the reporter"},      {Kind::Name, "Tomás Ferreira", "a witness"},
      {Kind::Email, "tomas.f@example.net", "a witness"}, {Kind::Handle, "tferreira", "a witness"},
      {Kind::Name, "Jin Park", "the person harmed"},
  };
  return identifiers;
}

struct Draft {
  const char* what;
  std::string text;
  std::vector<std::size_t> expected;  // indexes into known()
};

const std::vector<Draft>& disguised() {
  static const std::vector<Draft> drafts = {
      {"an address as it is", "You wrote to ana.lima@example.org twice.", {1}},
      {"an address in capitals", "Messages to ANA.LIMA@EXAMPLE.ORG continued.", {1}},
      {"an address with a +tag", "You wrote to ana.lima+events@example.org.", {1}},
      {"a percent-encoded mailto link", "<a href=\"mailto:ana.lima%40example.org\">her</a>", {1}},
      {"a fullwidth address", "You wrote to ａｎａ．ｌｉｍａ＠ｅｘａｍｐｌｅ．ｏｒｇ again.", {1}},
      {"a Cyrillic a in an address", "You wrote to \xD0\xB0na.lima@example.org again.", {1}},
      {"a handle with its @", "The replies to @ana_codes in the forum.", {2}},
      {"a handle without its @", "The replies to ana_codes in the forum.", {2}},
      {"a handle in capitals", "The replies to ANA_CODES.", {2}},
      {"a handle with a zero-width space", "The replies to ana\xE2\x80\x8B_codes in the forum.", {2}},
      {"a handle with a Greek omicron",
       "The replies to ana_c\xCE\xBF"
       "des in the forum.",
       {2}},
      {"a name split across lines", "What you said to Ana\nLima during the talk.", {0}},
      {"a name with a no-break space", "What you said to Ana\xC2\xA0Lima.", {0}},
      {"a name in capitals with its accent", "TOMÁS FERREIRA saw it happen.", {3}},
      {"a name with a combining accent", "Toma\xCC\x81s Ferreira saw it happen.", {3}},
      {"a surname alone", "As Ferreira told us, it happened twice.", {3}},
      {"a witness's address with a tag, in capitals", "Copy to Tomas.F+coc@Example.NET please.", {4}},
      {"a witness's address percent-encoded", "mailto:tomas.f%40example.net", {4}},
      {"a witness's address's local part", "Ask tomas.f on the forum.", {4}},
      {"a witness's handle", "tferreira posted the screenshot.", {5}},
      {"a name in mathematical bold letters",
       "Your messages to \xF0\x9D\x90\x89\xF0\x9D\x90\xA2\xF0\x9D\x90\xA7 "
       "\xF0\x9D\x90\x8F\xF0\x9D\x90\x9A\xF0\x9D\x90\xAB\xF0\x9D\x90\xA4.",
       {6}},
      {"two at once", "Ana Lima and @tferreira were there.", {0, 5}},
  };
  return drafts;
}

const std::vector<std::string>& innocent() {
  static const std::vector<std::string> drafts = {
      "We looked at the analysis of the thread and the limits of the forum's moderation.",
      "Please write to conduct@tidewater.example with any questions.",
      "The parking area at the venue will be lit next year.",
      "Codes of conduct apply to everyone who takes part.",
      "Anna from the events team will be your contact.",
      "Version 2.14 of the guidelines applies.",
      "Tom asked about the schedule of the sprint.",
      "The documents are at https://example.org/docs and https://example.net/faq.",
      "Email help+coc@example.org if anything is unclear.",
      "We met in the park near the venue.",
      "The limamente project is not involved.",
      "The talk was about Lisbon's transport.",
  };
  return drafts;
}

TEST(IdentifierCorpus, FindsEveryDisguiseAndNothingInInnocentDrafts) {
  int false_negatives = 0, false_positives = 0, found = 0;
  for (const Draft& draft : disguised()) {
    SCOPED_TRACE(draft.what);
    const std::vector<std::size_t> got = identifiers_in(draft.text, known());
    EXPECT_EQ(got, draft.expected);
    for (const std::size_t index : draft.expected)
      if (std::find(got.begin(), got.end(), index) == got.end()) ++false_negatives;
    for (const std::size_t index : got)
      if (std::find(draft.expected.begin(), draft.expected.end(), index) == draft.expected.end()) ++false_positives;
    found += static_cast<int>(got.size());
  }
  for (const std::string& text : innocent()) {
    SCOPED_TRACE(text);
    const std::vector<std::size_t> got = identifiers_in(text, known());
    EXPECT_TRUE(got.empty());
    false_positives += static_cast<int>(got.size());
  }
  std::cout << "  identifier corpus: " << disguised().size() << " disguised drafts, " << innocent().size()
            << " innocent ones; " << found << " identifiers found; false negatives " << false_negatives
            << ", false positives " << false_positives << "\n";
  EXPECT_EQ(false_negatives, 0);
  EXPECT_EQ(false_positives, 0);
}

TEST(DraftChecks, FindExactTimesButNotVersionsOrDates) {
  const auto times = [](const std::string& text) {
    DraftToCheck draft;
    draft.text = text;
    int found = 0;
    for (const DraftFinding& finding : check_draft(draft, {}))
      if (finding.check == "timestamp") ++found;
    return found;
  };
  EXPECT_EQ(times("It happened at 21:47 in the hallway."), 1);
  EXPECT_EQ(times("At 9:05 you posted it."), 1);
  EXPECT_EQ(times("Around 21h47."), 1);
  EXPECT_EQ(times("On 2026-12-03T18:00 the message arrived."), 1);
  EXPECT_EQ(times("Version 2.14 applies; see section 3:4 of the manual of 2026-12-03."), 0);
  EXPECT_EQ(times("One evening in March."), 0);
  EXPECT_EQ(times("Slides in 16:9, build 1:2:30"), 0);
}

TEST(DraftChecks, ALetterToAReportedPersonNeedsItsFourParts) {
  DraftToCheck draft;
  draft.recipient = DraftRecipient::ReportedPerson;
  draft.behaviour = "In the forum you replied to several newcomers with insults.";
  draft.impact = "Several people told us they stopped posting.";
  std::vector<std::string> missing;
  for (const DraftFinding& finding : check_draft(draft, {}))
    if (finding.check == "missing-part") missing.push_back(finding.detail);
  EXPECT_EQ(missing, (std::vector<std::string>{"The letter does not state the changes expected.",
                                               "The letter does not state the consequences."}));
  draft.recipient = DraftRecipient::Moderators;
  for (const DraftFinding& finding : check_draft(draft, {})) EXPECT_NE(finding.check, "missing-part");
}

TEST(DraftChecks, WordingThatMinimisesOrBlamesIsFoundWithASuggestion) {
  DraftToCheck draft;
  draft.text = "We understand it was just a joke and that they may be overreacting.";
  std::vector<std::string> phrases;
  for (const DraftFinding& finding : check_draft(draft, {})) {
    if (finding.check != "wording") continue;
    phrases.push_back(finding.detail);
    EXPECT_FALSE(finding.suggestion.empty());
  }
  EXPECT_EQ(phrases, (std::vector<std::string>{"\"just a joke\" minimises the harm or blames the person harmed.",
                                               "\"overreacting\" minimises the harm or blames the person harmed."}));
  draft.text = "The joke in the keynote was reviewed with the speaker.";
  for (const DraftFinding& finding : check_draft(draft, {})) EXPECT_NE(finding.check, "wording");
}

TEST(DraftChecks, AnIdentifierFindingNamesWhoseNotTheValue) {
  DraftToCheck draft;
  draft.text = "Copy to ana.lima@example.org.";
  const std::vector<DraftFinding> findings = check_draft(draft, known());
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].check, "identifier");
  EXPECT_EQ(findings[0].detail, "The draft holds an email address of the reporter.");
  EXPECT_EQ(findings[0].detail.find("ana"), std::string::npos);
}

}  // namespace
}  // namespace conduct::domain
