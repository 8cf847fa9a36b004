// HTML mail as text a person can read (for messages that come only as HTML). Not a
// renderer: it drops what is not text (scripts, styles, comments, the head), turns
// block elements and <br> into line breaks, list items into "- " lines, links into
// "text (address)" when the address is not the text itself, decodes character
// references, and collapses the white space HTML collapses. Nothing it reads can make
// it run anything or fetch anything; any input gives some text.
#pragma once

#include <string>
#include <string_view>

namespace conduct::mail {

std::string html_to_text(std::string_view html);

}  // namespace conduct::mail
