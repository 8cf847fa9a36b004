// The Accept-Language header a browser sends with the public report form and the
// portal (app::accepted_languages, app::Catalogue::choose).
//
// Properties: at most 50 tags, each 1-35 bytes of lower-case letters, digits, dashes
// (and '*' within a tag), never "*" alone; the header upper-cased, tags and parameter
// names alike, reads the same tags; a header cut at 1,000 bytes reads the same as the
// whole; the shipped catalogue chooses one of its own languages whatever the header and
// the explicit choice, and an explicit choice it has always wins.
#include <string>

#include "app/catalogue.h"
#include "fuzz_check.h"

namespace {

using namespace conduct;
using namespace conduct::app;
using namespace conduct::fuzz;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Catalogue catalogue = Catalogue::shipped();
  const std::string header(as_text(data, size));
  const std::vector<std::string> tags = accepted_languages(header);
  FUZZ_CHECK(tags.size() <= 50, "at most 50 tags");
  for (const std::string& tag : tags) {
    FUZZ_CHECK(!tag.empty() && tag.size() <= 35, "a tag is 1-35 bytes");
    FUZZ_CHECK(tag != "*", "the wildcard is left out");
    for (char c : tag)
      FUZZ_CHECK((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '*',
                 "a tag is lower-case letters, digits and dashes");
  }
  std::string upper = header;
  for (char& c : upper)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  FUZZ_CHECK(accepted_languages(upper) == tags, "case does not matter");
  if (header.size() > 1000) FUZZ_CHECK(accepted_languages(header.substr(0, 1000)) == tags, "1,000 bytes are read");

  const std::string chosen = catalogue.choose("", header);
  FUZZ_CHECK(catalogue.has(chosen), "the catalogue answers in a language it has");
  FUZZ_CHECK(catalogue.choose("es", header) == "es", "an explicit choice wins");
  const std::string typed = header.substr(0, 3);
  const std::string with_typed = catalogue.choose(typed, header);
  FUZZ_CHECK(catalogue.has(with_typed), "a typed choice it lacks falls back to one it has");
  if (catalogue.has(typed)) FUZZ_CHECK(with_typed == typed, "a typed choice it has wins");
  return 0;
}
