#include "app/rate_limits.h"

#include "app/attempt_throttle.h"
#include "core/address.h"

namespace conduct::app {
namespace {

Status check_one(Context& context, const std::string& key, const domain::RateLimit& limit, Timestamp now) {
  ASSIGN_OR_RETURN(const store::ThrottleRow row, context.store.find_throttle(key));
  const domain::ThrottleVerdict verdict = domain::check_rate({row.failures, row.last_failure}, limit, now);
  if (verdict.allowed) return ok_status();
  Error error = resource_exhausted("too many attempts from here: try again in " +
                                   std::to_string(verdict.retry_after_seconds) + " seconds");
  error.fields["retry_after"] = std::to_string(verdict.retry_after_seconds);
  return error;
}

Status count_one(Context& context, const std::string& key, const domain::RateLimit& limit, Timestamp now) {
  ASSIGN_OR_RETURN(store::ThrottleRow row, context.store.find_throttle(key));
  const domain::ThrottleState state = domain::after_use({row.failures, row.last_failure}, limit, now);
  row.failures = state.failures;
  row.last_failure = state.last_failure;
  row.forgiven_at = domain::rate_forgiven_at(state, limit);
  return context.store.save_throttle(row);
}

}  // namespace

RateKeys rate_keys(const Context& context, std::string_view purpose, std::string_view client_address) {
  const std::string address = address_group(client_address.substr(0, kLongestCountedIdentifier));
  return RateKeys{context.indexer.index("rate-address", std::string(purpose) + "@" + address),
                  context.indexer.index("rate-overall", std::string(purpose) + "@")};
}

Status check_rates(Context& context, const RateKeys& keys, const domain::RateLimit& per_address,
                   const domain::RateLimit& overall) {
  const Timestamp now = context.clock.now();
  TRY(check_one(context, keys.address, per_address, now));
  return check_one(context, keys.overall, overall, now);
}

Status count_rate_use(Context& context, const RateKeys& keys, const domain::RateLimit& per_address,
                      const domain::RateLimit& overall) {
  const Timestamp now = context.clock.now();
  if (per_address.most > 0) TRY(count_one(context, keys.address, per_address, now));
  if (overall.most > 0) TRY(count_one(context, keys.overall, overall, now));
  return ok_status();
}

}  // namespace conduct::app
