// Unicode folding for matching what people type against what is known (GLib's tables):
// compatibility normalisation (NFKC: fullwidth letters, ligatures, mathematical
// letters become plain ones) and case folding, so "Ａｎａ", "ＡＮＡ" and "ana" compare equal.
#pragma once

#include <string>
#include <string_view>

namespace conduct {

// NFKC, then case folded, of valid UTF-8; invalid bytes are replaced first (U+FFFD).
std::string nfkc_casefold(std::string_view text);

}  // namespace conduct
