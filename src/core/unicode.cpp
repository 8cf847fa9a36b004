#include "core/unicode.h"

#include <glib.h>

#include <memory>

namespace conduct {
namespace {

struct GFree {
  void operator()(char* text) const { g_free(text); }
};
using GText = std::unique_ptr<char, GFree>;

}  // namespace

std::string nfkc_casefold(std::string_view text) {
  GText valid(g_utf8_make_valid(text.data(), static_cast<gssize>(text.size())));
  GText normal(g_utf8_normalize(valid.get(), -1, G_NORMALIZE_NFKC));
  if (!normal) return "";
  GText folded(g_utf8_casefold(normal.get(), -1));
  return folded ? std::string(folded.get()) : std::string();
}

}  // namespace conduct
