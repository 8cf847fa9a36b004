#include "app/idempotency.h"

#include <algorithm>
#include <optional>
#include <string_view>

#include "app/audit.h"
#include "app/communities.h"
#include "crypto/audit_chain.h"
#include "crypto/blind_index.h"
#include "crypto/secretbox.h"
#include "crypto/session_token.h"

namespace conduct::app {
namespace {

constexpr std::string_view kAnswerContext = "conduct:idempotent-answer";

bool is_valid_key(const std::string& key) {
  return key.size() >= 16 && key.size() <= 255 && std::all_of(key.begin(), key.end(), [](char c) {
           return static_cast<unsigned char>(c) > 0x20 && static_cast<unsigned char>(c) < 0x7F;
         });
}

std::string request_digest(const IdempotentRequest& request) {
  crypto::CiphertextDigest digest;
  for (const std::string* part : {&request.method, &request.path, &request.body}) {
    const std::string length = std::to_string(part->size()) + ":";
    digest.add(length);
    digest.add(*part);
  }
  return digest.take();
}

// An answer as netstrings ("<length>:<bytes>" each): status, content type, the number
// of headers, each header's name and value, and the body.
void put(std::string& out, std::string_view part) {
  out += std::to_string(part.size());
  out.push_back(':');
  out += part;
}

std::optional<std::string_view> take(std::string_view& in) {
  const std::size_t colon = in.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 10) return std::nullopt;
  std::size_t length = 0;
  for (char c : in.substr(0, colon)) {
    if (c < '0' || c > '9') return std::nullopt;
    length = length * 10 + static_cast<std::size_t>(c - '0');
  }
  if (in.size() - colon - 1 < length) return std::nullopt;
  const std::string_view part = in.substr(colon + 1, length);
  in.remove_prefix(colon + 1 + length);
  return part;
}

std::string encode(const KeptAnswer& answer) {
  std::string out;
  put(out, std::to_string(answer.status));
  put(out, answer.content_type);
  put(out, std::to_string(answer.headers.size()));
  for (const auto& [name, value] : answer.headers) {
    put(out, name);
    put(out, value);
  }
  put(out, answer.body);
  return out;
}

Result<KeptAnswer> decode(std::string_view in) {
  const Error broken = internal_error("a kept answer does not decode");
  KeptAnswer answer;
  const auto number = [](std::optional<std::string_view> text) -> std::optional<int> {
    if (!text || text->empty() || text->size() > 6) return std::nullopt;
    int value = 0;
    for (char c : *text) {
      if (c < '0' || c > '9') return std::nullopt;
      value = value * 10 + (c - '0');
    }
    return value;
  };
  const std::optional<int> status = number(take(in));
  const std::optional<std::string_view> type = take(in);
  const std::optional<int> headers = number(take(in));
  if (!status || !type || !headers) return broken;
  answer.status = *status;
  answer.content_type = std::string(*type);
  for (int i = 0; i < *headers; ++i) {
    const auto name = take(in);
    const auto value = take(in);
    if (!name || !value) return broken;
    answer.headers.emplace_back(std::string(*name), std::string(*value));
  }
  const auto body = take(in);
  if (!body || !in.empty()) return broken;
  answer.body = std::string(*body);
  return answer;
}

}  // namespace

Result<IdempotencyClaim> claim_idempotency(Context& context, const Actor& actor, const IdempotentRequest& request) {
  const int hours = actor.community.policy.idempotency_hours;
  if (!is_valid_key(request.key))
    return field_error("idempotency-key", "must be 16 to 255 visible ASCII characters (a random UUID will do)");
  auto secrets = crypto::session_from_token(request.session_token);
  if (!secrets.ok()) return unauthenticated("not signed in, or the session has ended");
  IdempotencyClaim claim;
  std::string scoped = secrets->lookup_id;
  scoped.push_back('\0');
  scoped += request.key;
  claim.lookup = context.indexer.index("idempotency", scoped);
  const crypto::BlindIndexer answer_keys(crypto::SecretBytes::copy_of(secrets->session_key.view()));
  claim.answer_key = crypto::SecretBytes::copy_of(answer_keys.index("idempotent-answer", request.key));
  const std::string digest = request_digest(request);
  const Timestamp now = context.clock.now();
  std::optional<store::IdempotentAnswerRow> existing;
  TRY(transaction(context, [&]() -> Status {
    ASSIGN_OR_RETURN(existing, context.store.claim_idempotent_answer({claim.lookup, digest, now, 0, ""}));
    // An answer kept longer than the window counts for nothing, nor does a write
    // abandoned in progress: the key is claimed anew.
    const bool expired =
        existing && existing->created_at.seconds + std::int64_t{hours} * kSecondsPerHour <= now.seconds;
    const bool abandoned =
        existing && existing->status == 0 && existing->created_at.seconds + kAbandonedClaimSeconds <= now.seconds;
    if (expired || abandoned) {
      TRY(context.store.forget_idempotent_answer(claim.lookup));
      ASSIGN_OR_RETURN(existing, context.store.claim_idempotent_answer({claim.lookup, digest, now, 0, ""}));
    }
    return ok_status();
  }));
  if (!existing) return claim;
  if (existing->request_digest != digest) {
    claim.outcome = IdempotencyClaim::Outcome::Mismatch;
    return claim;
  }
  if (existing->status == 0) {
    claim.outcome = IdempotencyClaim::Outcome::InProgress;
    return claim;
  }
  ASSIGN_OR_RETURN(const crypto::SecretBytes opened,
                   crypto::open_with_key(claim.answer_key, existing->answer_sealed, kAnswerContext));
  ASSIGN_OR_RETURN(claim.answer, decode(opened.view()));
  claim.outcome = IdempotencyClaim::Outcome::Replay;
  return claim;
}

Status settle_claim(Context& context, const IdempotencyClaim& claim, const KeptAnswer& answer) {
  if (answer.status >= 500)
    return transaction(context, [&] { return context.store.forget_idempotent_answer(claim.lookup); });
  const std::string sealed = crypto::seal_with_key(claim.answer_key, encode(answer), kAnswerContext);
  return transaction(context,
                     [&] { return context.store.save_idempotent_answer(claim.lookup, answer.status, sealed); });
}

Result<std::int64_t> prune_idempotent_answers(Context& context) {
  ASSIGN_OR_RETURN(const std::vector<domain::Community> communities, list_communities(context));
  int longest = 1;
  for (const domain::Community& community : communities)
    longest = std::max(longest, community.policy.idempotency_hours);
  const Timestamp before{context.clock.now().seconds - std::int64_t{longest} * kSecondsPerHour};
  std::int64_t pruned = 0;
  TRY(transaction(context, [&]() -> Status {
    ASSIGN_OR_RETURN(pruned, context.store.prune_idempotent_answers(before));
    return ok_status();
  }));
  return pruned;
}

}  // namespace conduct::app
