// Retrying is safe (docs/security.md "Retrying a write"): a member's write sent with an
// Idempotency-Key header is answered once; a retry with the same key, from the same
// session and for the same request, within the policy's idempotency_hours, gets that
// first answer instead of writing twice. A client whose connection died cannot know
// whether its write was committed; with a key it need not.
//
// The answer is kept sealed under a key derived from the session's secret (which only
// the browser's cookie holds) and the Idempotency-Key, and found by a keyed hash of the
// session's lookup id and the key: the table holds nothing a reader of the database can
// open or link to a member.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "app/context.h"
#include "core/result.h"
#include "crypto/secret_bytes.h"

namespace conduct::app {

struct IdempotentRequest {
  std::string session_token;  // the session that sends it
  std::string key;            // the Idempotency-Key header
  std::string method;
  std::string path;
  std::string body;
};

// An answer as the HTTP layer gives it.
struct KeptAnswer {
  int status = 0;
  std::string content_type;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

struct IdempotencyClaim {
  enum class Outcome {
    New,         // no answer yet: do the write, then keep_answer (or drop_claim)
    Replay,      // the first answer, in `answer`
    InProgress,  // the first request is still being answered
    Mismatch,    // the key was used for another request (method, path or body)
  };
  Outcome outcome = Outcome::New;
  KeptAnswer answer;
  std::string lookup;
  crypto::SecretBytes answer_key;
};

// A write still "in progress" after this long was abandoned (its process died between
// the claim and the answer): a retry claims the key anew.
inline constexpr std::int64_t kAbandonedClaimSeconds = 60;

// Claims the key for `request`, sent by `actor`, within their community's
// idempotency_hours. Errors: InvalidArgument (field "idempotency-key") when the key is
// not 16 to 255 visible ASCII characters; Unauthenticated when the session token does
// not parse.
Result<IdempotencyClaim> claim_idempotency(Context& context, const Actor& actor, const IdempotentRequest& request);
// Settles a claimed write with its answer: kept for its retries, unless the server
// failed (5xx), which a retry may fix: then the claim is given up and a retry writes.
Status settle_claim(Context& context, const IdempotencyClaim& claim, const KeptAnswer& answer);
// Forgets the answers older than the longest idempotency_hours of the communities.
Result<std::int64_t> prune_idempotent_answers(Context& context);

}  // namespace conduct::app
