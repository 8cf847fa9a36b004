// How mail finds its case again (docs/security.md "Mail"): every message the group sends
// to someone outside it about a case carries the case's subject tag, and its Message-ID
// is recorded; a reply names that id in In-Reply-To or References, or keeps the tag in
// its subject. Both are recorded as blind indexes (keyed hashes under the server's index
// key), so a copy of the database alone links no message id or tag to a case.
//
// The tag's secret is derived from the case's id under the index key: the group's own
// mail can always show it, and nobody without the key can make one up. A code name is
// no such secret (domain/mail_intake.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/context.h"
#include "core/result.h"

namespace conduct::app {

// The case's tag secret: ten characters of the receipt alphabet (50 bits).
std::string case_tag_secret(const Context& context, std::int64_t case_id);

// The blind index a message id is recorded under.
std::string message_id_index(const Context& context, std::string_view message_id);

// Records that `message_id` (sent or received) belongs to the case, and the case's tag.
Status record_case_message(Context& context, std::int64_t case_id, std::string_view message_id);

// The case a message answers: the first of `message_ids` (In-Reply-To, then References
// newest first) recorded for a case; else the case whose tag the subject carries.
struct ThreadMatch {
  std::optional<std::int64_t> replied_case;
  std::optional<std::int64_t> tagged_case;
};
Result<ThreadMatch> find_thread(Context& context, const std::vector<std::string>& message_ids,
                                std::string_view subject);

}  // namespace conduct::app
