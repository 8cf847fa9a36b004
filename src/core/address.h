// Client addresses as the per-address limits count them: one IPv4 address is one
// client, but one IPv6 host is given a whole /64 network and may take any address in it,
// so IPv6 addresses count by their /64 ("2001:db8:1:2::/64"). An IPv4 address written as
// IPv6 (::ffff:192.0.2.1) is the IPv4 address; anything else is left as it is.
#pragma once

#include <string>
#include <string_view>

namespace conduct {

std::string address_group(std::string_view address);

}  // namespace conduct
