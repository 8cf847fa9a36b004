// Limits on what strangers may do (domain/rate_limit.h): reports sent and receipts
// tried, counted per client address and for everyone together, each under a keyed hash
// of what it counts (the throttles table never holds an address).
#pragma once

#include <string>
#include <string_view>

#include "app/context.h"
#include "core/result.h"
#include "domain/rate_limit.h"

namespace conduct::app {

struct RateKeys {
  std::string address;  // this client address, for this purpose
  std::string overall;  // everyone, for this purpose
};
RateKeys rate_keys(const Context& context, std::string_view purpose, std::string_view client_address);

// Whether one more use is allowed under both limits. Errors: ResourceExhausted with the
// wait in seconds in field "retry_after" and in the message.
Status check_rates(Context& context, const RateKeys& keys, const domain::RateLimit& per_address,
                   const domain::RateLimit& overall);
// Counts one use under both, inside the caller's transaction.
Status count_rate_use(Context& context, const RateKeys& keys, const domain::RateLimit& per_address,
                      const domain::RateLimit& overall);

}  // namespace conduct::app
