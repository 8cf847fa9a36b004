#include "core/address.h"

#include <arpa/inet.h>

#include <array>
#include <cstring>

namespace conduct {

std::string address_group(std::string_view address) {
  std::string text(address.substr(0, 100));
  // A zone ("fe80::1%eth0") names an interface, not a network.
  if (const std::size_t zone = text.find('%'); zone != std::string::npos) text.resize(zone);
  if (const std::size_t bracket = text.find('['); bracket == 0 && text.back() == ']')
    text = text.substr(1, text.size() - 2);
  std::array<unsigned char, 16> bytes{};
  if (inet_pton(AF_INET6, text.c_str(), bytes.data()) != 1) return std::string(address);
  static constexpr unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
  char written[INET6_ADDRSTRLEN] = {};
  if (std::memcmp(bytes.data(), kMapped, sizeof kMapped) == 0) {
    if (inet_ntop(AF_INET, bytes.data() + 12, written, sizeof written) == nullptr) return std::string(address);
    return written;
  }
  std::fill(bytes.begin() + 8, bytes.end(), 0);
  if (inet_ntop(AF_INET6, bytes.data(), written, sizeof written) == nullptr) return std::string(address);
  return std::string(written) + "/64";
}

}  // namespace conduct
