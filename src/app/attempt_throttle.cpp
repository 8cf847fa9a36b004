#include "app/attempt_throttle.h"

#include "app/audit.h"
#include "core/address.h"
#include "core/text.h"

namespace conduct::app {
namespace {

std::string_view bounded(std::string_view text) { return text.substr(0, kLongestCountedIdentifier); }

Status check_one(Context& context, const std::string& key, const domain::SignInPolicy& policy, Timestamp now) {
  ASSIGN_OR_RETURN(const store::ThrottleRow row, context.store.find_throttle(key));
  const domain::ThrottleVerdict verdict = domain::check_throttle({row.failures, row.last_failure}, policy, now);
  if (verdict.allowed) return ok_status();
  Error error = resource_exhausted("too many failed attempts: try again in " +
                                   std::to_string(verdict.retry_after_seconds) + " seconds");
  error.fields["retry_after"] = std::to_string(verdict.retry_after_seconds);
  return error;
}

Result<int> count_one(Context& context, const std::string& key, const domain::SignInPolicy& policy, Timestamp now) {
  ASSIGN_OR_RETURN(store::ThrottleRow row, context.store.find_throttle(key));
  const domain::ThrottleState state = domain::after_failure({row.failures, row.last_failure}, policy, now);
  row.failures = state.failures;
  row.last_failure = state.last_failure;
  row.forgiven_at = domain::forgiven_at(state, policy);
  TRY(context.store.save_throttle(row));
  return state.failures;
}

}  // namespace

AttemptKeys attempt_keys(const Context& context, std::string_view email, std::string_view client_address) {
  const std::string account = to_lower_ascii(trim(bounded(email)));
  const std::string address = address_group(bounded(client_address));
  std::string at_address = account;
  at_address.push_back('\0');
  at_address += address;
  // An empty value has no blind index; a throttle key never is empty.
  return AttemptKeys{context.indexer.index("throttle-address", "@" + address),
                     context.indexer.index("throttle-account-at-address", "@" + at_address),
                     context.indexer.index("throttle-account", "@" + account)};
}

Status check_attempt(Context& context, const AttemptKeys& keys, const domain::SignInPolicy& policy) {
  const Timestamp now = context.clock.now();
  TRY(check_one(context, keys.address, policy, now));
  return check_one(context, keys.account_at_address, policy, now);
}

Result<FailuresCounted> count_failure(Context& context, const AttemptKeys& keys, const domain::SignInPolicy& policy,
                                      bool count_account) {
  const Timestamp now = context.clock.now();
  FailuresCounted counted;
  TRY(count_one(context, keys.address, policy, now));
  ASSIGN_OR_RETURN(counted.account_at_address, count_one(context, keys.account_at_address, policy, now));
  if (count_account) {
    ASSIGN_OR_RETURN(counted.account, count_one(context, keys.account, policy, now));
  }
  return counted;
}

Status clear_account_at_address(Context& context, const AttemptKeys& keys) {
  return context.store.save_throttle({keys.account_at_address, 0, Timestamp{}, Timestamp{}});
}

Result<std::int64_t> prune_throttles(Context& context) {
  std::int64_t pruned = 0;
  TRY(transaction(context, [&]() -> Status {
    ASSIGN_OR_RETURN(pruned, context.store.prune_throttles(context.clock.now()));
    return ok_status();
  }));
  return pruned;
}

}  // namespace conduct::app
