#include "core/address.h"

#include <gtest/gtest.h>

namespace conduct {
namespace {

TEST(AddressGroup, IPv6CountsByItsSlash64AndIPv4ByItself) {
  EXPECT_EQ(address_group("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), "2001:db8:1:2::/64");
  EXPECT_EQ(address_group("2001:db8:1:2::1"), "2001:db8:1:2::/64");
  EXPECT_EQ(address_group("2001:DB8:1:2:ffff::"), "2001:db8:1:2::/64");
  EXPECT_EQ(address_group("[2001:db8:1:3::9]"), "2001:db8:1:3::/64");
  EXPECT_EQ(address_group("fe80::1%eth0"), "fe80::/64");
  EXPECT_EQ(address_group("::ffff:192.0.2.7"), "192.0.2.7");
  EXPECT_EQ(address_group("192.0.2.7"), "192.0.2.7");
  EXPECT_EQ(address_group("127.0.0.1"), "127.0.0.1");
  EXPECT_EQ(address_group("not an address"), "not an address");
  EXPECT_EQ(address_group(""), "");
}

}  // namespace
}  // namespace conduct
