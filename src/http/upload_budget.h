// A budget of bytes shared by the bodies strangers may send with files (the public
// report form, the portal): each accepted body takes its share from its head and gives
// it back when its connection moves on to the next request or closes, so however many
// connections send at once, such bodies never hold more memory than the budget.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>

namespace conduct::http {

class UploadBudget : public std::enable_shared_from_this<UploadBudget> {
 public:
  explicit UploadBudget(std::uint64_t capacity) : capacity_(capacity) {}

  // A share of `bytes`, given back when the last copy of the result is dropped; nothing
  // when the budget has not that much left.
  std::shared_ptr<void> take(std::uint64_t bytes) {
    std::uint64_t used = used_.load();
    do {
      if (bytes > capacity_ || used > capacity_ - bytes) return nullptr;
    } while (!used_.compare_exchange_weak(used, used + bytes));
    // The share keeps the budget alive: a connection may outlive the server's options.
    return std::shared_ptr<void>(new Share{shared_from_this(), bytes}, [](void* share) {
      auto* taken = static_cast<Share*>(share);
      taken->budget->used_.fetch_sub(taken->bytes);
      delete taken;
    });
  }

  std::uint64_t used() const { return used_.load(); }

 private:
  struct Share {
    std::shared_ptr<UploadBudget> budget;
    std::uint64_t bytes;
  };
  const std::uint64_t capacity_;
  std::atomic<std::uint64_t> used_{0};
};

}  // namespace conduct::http
