// The mail quarantine (docs/administration.md "Quarantine"): incoming messages no rule
// could place, each sealed whole under a key of its own that is wrapped for the
// community's chairs and vice-chairs (certified keys) and its recovery key. A chair
// reads one in their session, then files it into a case (as a communication-in entry
// with its files, or as a new case) or discards it; either way the sealed message is
// destroyed and the decision stays, in the audit log and on the row.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/context.h"
#include "core/result.h"
#include "store/intake_store.h"

namespace conduct::app {

// Seals `raw` and queues it for the chairs, inside the caller's transaction, and tells
// the chairs a message waits (with no content). Returns the quarantine id.
Result<std::int64_t> quarantine_mail(Context& context, const domain::Community& community, std::string_view raw,
                                     const std::string& message_index, const std::string& reason);

// What a chair sees in the list: no content.
struct QuarantineSummary {
  std::int64_t id = 0;
  std::string reason;
  std::string reason_text;
  std::int64_t size_bytes = 0;
  Timestamp received_at;
};
// The community's waiting messages, oldest first (at most 200). Errors:
// PermissionDenied for anyone but a chair or vice-chair.
Result<std::vector<QuarantineSummary>> list_quarantine(Context& context, const Actor& actor);

// One waiting message, opened with the chair's key: its headers as read, its text and
// its files' names, and the whole message. Audited as a read. Errors: NotFound for an
// id that is not waiting in the actor's community; FailedPrecondition when the chair's
// keys open none of its wraps (they became chair after it arrived).
struct QuarantinedMessage {
  QuarantineSummary summary;
  std::string from;
  std::string subject;
  std::string text;
  std::vector<std::string> file_names;
  std::string raw;
};
Result<QuarantinedMessage> read_quarantined(Context& context, const Actor& actor, std::int64_t id);

// Files the message into the case `code_name` (the chair must hold its key), or opens
// a new case with it when `code_name` is empty. Returns the case's code name.
// Errors: as read_quarantined; NotFound for a case the chair may not write.
Result<std::string> file_quarantined(Context& context, const Actor& actor, std::int64_t id,
                                     const std::string& code_name);

// Discards the message: its sealed text and wraps are destroyed. Errors: as
// read_quarantined (a discard needs no key: only the row's id).
Status discard_quarantined(Context& context, const Actor& actor, std::int64_t id);

}  // namespace conduct::app
