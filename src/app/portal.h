// The reporter's portal (docs/security.md "The reporter's thread"): with their receipt, a
// reporter sees where their report stands, in plain words, reads the group's messages
// and replies. A right receipt opens a short portal session (a cookie of its own), so
// the receipt is typed once and its Argon2id paid once.
//
// A wrong receipt, a receipt whose case was expunged and a made-up one answer alike,
// after the same Argon2id work; guesses are counted per client address and for
// everyone together, under the policy's [intake] limits (those of the community the
// receipt names, or of the first community when it names none).
#pragma once

#include <string>
#include <vector>

#include "app/context.h"
#include "app/intake.h"
#include "app/reporter_thread.h"
#include "core/result.h"

namespace conduct::app {

inline constexpr std::string_view kPortalCookie = "conduct_portal";

struct PortalSession {
  std::string token;  // for the cookie; never stored
  std::string csrf_token;
  std::string language;  // the language the reporter chose when reporting
};

// Errors: InvalidArgument (field "receipt") for a receipt mistyped in a way its form
// shows (wrong length, a stray character, a failed check character): nothing is
// counted; PermissionDenied "this receipt does not open a report" for any receipt that
// opens nothing; ResourceExhausted with "retry_after" past the limits.
Result<PortalSession> open_portal(Context& context, const std::string& typed_receipt,
                                  const std::string& client_address);

struct PortalView {
  std::string status_key;  // a catalogue key: "status.acknowledged", …
  std::string language;
  std::string csrf_token;
  std::string community_name;
  std::vector<ThreadMessage> messages;
  // What the reply form takes: the policy's [intake] limits on a reporter's files.
  int files_most = 0;
  std::int64_t files_max_bytes = 0;
  std::int64_t file_max_bytes = 0;
};

// Errors: Unauthenticated when the session is unknown or has ended.
Result<PortalView> portal_view(Context& context, const std::string& token);

// The reporter writes to the group, with files or without. The files become the case's
// evidence files and the message names them; with files the text may be empty.
// Errors: Unauthenticated; PermissionDenied when the CSRF token does not match;
// InvalidArgument (fields "text", "files": the policy's [intake] file limits); nothing is
// written then.
Status portal_reply(Context& context, const std::string& token, const std::string& csrf_token, const std::string& text,
                    const std::vector<ReporterUpload>& files = {});

// Ends the session (nothing when it is unknown or over). Errors: PermissionDenied when
// the CSRF token does not match a live session's.
Status close_portal(Context& context, const std::string& token, const std::string& csrf_token);

// Deletes the portal sessions idle longer than the longest policy allows; how many.
Result<std::int64_t> prune_portal_sessions(Context& context);

}  // namespace conduct::app
