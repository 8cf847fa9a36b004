// Checks of a message before a second member approves it (docs/domain.md "Drafts and
// review"; reference/working-group-manual.md "Communications Guidelines": anonymise
// what identifies the reporter and witnesses, generalise exact timestamps, give a
// reported person the four parts, and a second member's review before sending). The
// checks find; the reviewer decides. The rules, in words:
//
// - Identifiers: every name, email address and handle the case knows of its reporter,
//   the people harmed and its witnesses is looked for in the draft, however it is
//   disguised: in another case or width (NFKC and case folding), with look-alike
//   letters from other scripts, an address with a +tag, an address percent-encoded in
//   a mailto: link, a handle with or without its @, a name split across lines. Names
//   and handles match whole words only, so "Ana" is not found in "analysis".
// - Exact timestamps ("at 21:47", "2026-12-03T18:00") are found: generalise them.
// - A letter to a reported person has the four parts: the behaviour in neutral words,
//   its impact, the changes expected, the consequences. Each is a field of the draft;
//   an empty one is found.
// - Wording that minimises the harm or blames the person harmed is found, with a
//   suggestion.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace conduct::domain {

// Who a draft goes to, by the guidelines' kinds.
enum class DraftRecipient { Reporter, ReportedPerson, Moderators, EventOrganisers, Other };

// Something the case knows that identifies a protected party.
struct KnownIdentifier {
  enum class Kind { Name, Email, Handle };
  Kind kind = Kind::Name;
  std::string value;
  std::string whose;  // "the reporter", "a witness", … (never the value itself)
};

struct DraftFinding {
  std::string check;       // "identifier", "timestamp", "missing-part", "wording"
  std::string detail;      // what was found, said without repeating an identifier
  std::string suggestion;  // what to do instead
};

// The four parts of a letter to a reported person; for other recipients only `text`.
struct DraftToCheck {
  DraftRecipient recipient = DraftRecipient::Other;
  std::string text;  // the whole message as it would be sent
  std::string behaviour, impact, changes_expected, consequences;
};

std::vector<DraftFinding> check_draft(const DraftToCheck& draft, const std::vector<KnownIdentifier>& known);

// Only the identifier check (the corpus test measures it alone): the identifiers of
// `known` found in `text`, by index.
std::vector<std::size_t> identifiers_in(std::string_view text, const std::vector<KnownIdentifier>& known);

}  // namespace conduct::domain
