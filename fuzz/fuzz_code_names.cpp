// Names that arrive as URL path segments and form fields: case and person code names
// ("/api/cases/home-shelf", "/api/people/blue-jay") and every enum with a text form
// (case states, party roles, channels, resolutions, entry kinds, member roles,
// violation categories, space kinds, conflict reasons); community slugs and email
// addresses.
//
// Properties: a code name that normalises is two runs of a-z joined by one space, at
// most 40 bytes; normalising is idempotent; the URL form reads back to the same name;
// the person form is the case form title-cased. An enum name parses only when it is
// exactly the stored name of its value.
#include "core/text.h"
#include "domain/case.h"
#include "domain/code_name.h"
#include "domain/conflicts.h"
#include "domain/member.h"
#include "domain/slug.h"
#include "domain/space.h"
#include "domain/violation.h"
#include "fuzz_check.h"

namespace {

using namespace conduct;
using namespace conduct::domain;

bool is_stored_case_form(const std::string& name) {
  const std::size_t space = name.find(' ');
  if (space == std::string::npos || space == 0 || space + 1 == name.size()) return false;
  for (std::size_t i = 0; i < name.size(); ++i)
    if (i != space && !(name[i] >= 'a' && name[i] <= 'z')) return false;
  return name.size() <= 40;
}

void check_code_names(std::string_view text) {
  const std::optional<std::string> case_name = normalise_case_code_name(text);
  const std::optional<std::string> person_name = normalise_person_code_name(text);
  FUZZ_CHECK(case_name.has_value() == person_name.has_value(), "case and person forms accept the same texts");
  if (!case_name) return;
  FUZZ_CHECK(is_stored_case_form(*case_name), "a case code name is two words of a-z, at most 40 bytes");
  FUZZ_CHECK(normalise_case_code_name(*case_name) == case_name, "normalising a case code name is idempotent");
  FUZZ_CHECK(normalise_case_code_name(url_form(*case_name)) == case_name, "the URL form reads back to the same name");
  FUZZ_CHECK(url_form(*case_name).find(' ') == std::string::npos, "the URL form has no space");
  FUZZ_CHECK(to_lower_ascii(*person_name) == *case_name, "the person form is the case form with capitals");
  FUZZ_CHECK(normalise_person_code_name(*person_name) == person_name, "normalising a person code name is idempotent");
  const std::size_t space = person_name->find(' ');
  FUZZ_CHECK((*person_name)[0] >= 'A' && (*person_name)[0] <= 'Z' && (*person_name)[space + 1] >= 'A' &&
                 (*person_name)[space + 1] <= 'Z',
             "both words of a person code name start with a capital");
}

template <typename Enum, typename Parse>
void check_enum(std::string_view text, NameTable<Enum> table, Parse parse) {
  const std::optional<Enum> value = parse(text);
  if (!value) {
    for (const auto& [candidate, name] : table) FUZZ_CHECK(name != text, "every listed name parses");
    return;
  }
  FUZZ_CHECK(to_string(*value) == text, "an enum name parses only when it is the stored name");
  FUZZ_CHECK(name_in(table, *value) == text, "the name table agrees with to_string");
}

// Community slugs (URLs, policy files) and email addresses (sign-in, members).
void check_slug_and_email(std::string_view text) {
  if (is_slug(text)) {
    FUZZ_CHECK(!text.empty() && text.size() <= 40 && text[0] >= 'a' && text[0] <= 'z', "a slug starts with a letter");
    for (char c : text)
      FUZZ_CHECK((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-', "a slug is a-z, 0-9 and dashes");
    FUZZ_CHECK(text.find("--") == std::string_view::npos, "a slug has single dashes");
  }
  if (looks_like_email(text)) {
    const std::size_t at = text.find('@');
    FUZZ_CHECK(at != std::string_view::npos && at > 0 && text.find('@', at + 1) == std::string_view::npos,
               "an email has one '@' after a non-empty local part");
    for (unsigned char c : text)
      FUZZ_CHECK(c > ' ' && c != 0x7F && c != '<' && c != '>' && c != ',' && c != ';',
                 "an email has no spaces, control characters or list punctuation");
    FUZZ_CHECK(text.size() <= 254, "an email is at most 254 bytes");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = conduct::fuzz::as_text(data, size);
  check_code_names(text);
  check_slug_and_email(text);
  check_enum<CaseState>(text, case_state_names(), parse_case_state);
  check_enum<PartyRole>(text, party_role_names(), parse_party_role);
  check_enum<ReportChannel>(text, report_channel_names(), parse_report_channel);
  check_enum<ResolutionSource>(text, resolution_source_names(), parse_resolution_source);
  check_enum<ResolutionOutcome>(text, resolution_outcome_names(), parse_resolution_outcome);
  check_enum<EntryKind>(text, entry_kind_names(), parse_entry_kind);
  check_enum<Role>(text, role_names(), parse_role);
  check_enum<ViolationCategory>(text, violation_category_names(), parse_violation_category);
  check_enum<SpaceKind>(text, space_kind_names(), parse_space_kind);
  check_enum<ExclusionReason>(text, exclusion_reason_names(), parse_exclusion_reason);
  return 0;
}
