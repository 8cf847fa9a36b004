#include "domain/slug.h"

namespace conduct::domain {

bool is_slug(std::string_view text) {
  if (text.empty() || text.size() > 40 || text.front() < 'a' || text.front() > 'z' || text.back() == '-') return false;
  char previous = 0;
  for (char c : text) {
    const bool letter_or_digit = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!letter_or_digit && c != '-') return false;
    if (c == '-' && previous == '-') return false;
    previous = c;
  }
  return true;
}

}  // namespace conduct::domain
