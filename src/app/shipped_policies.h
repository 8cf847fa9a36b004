// The policy files of policies/, compiled into the binary (see CMakeLists.txt) so that
// `conduct init --policy default` works wherever the binary is installed.
#pragma once

#include <span>
#include <string_view>

namespace conduct::app {

struct ShippedPolicy {
  std::string_view name;
  std::string_view source;
};

std::span<const ShippedPolicy> shipped_policies();

}  // namespace conduct::app
