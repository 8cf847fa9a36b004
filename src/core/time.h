// Points in time and calendar dates, and the Clock seam.
//
// Time is kept as whole seconds since the Unix epoch, UTC. Dates (term ends, incident
// dates) are kept as days since the epoch. The domain never reads a clock: use cases
// receive `now` from a Clock the shell owns, so tests can inject any time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace conduct {

struct Timestamp {
  std::int64_t seconds = 0;  // since 1970-01-01T00:00:00Z
  auto operator<=>(const Timestamp&) const = default;
};

struct Date {
  std::int32_t days = 0;  // since 1970-01-01
  auto operator<=>(const Date&) const = default;
};

inline constexpr std::int64_t kSecondsPerHour = 3600;
inline constexpr std::int64_t kSecondsPerDay = 86400;

// "2026-11-25T08:00:00Z"
std::string format_timestamp(Timestamp time);
// Accepts "YYYY-MM-DDTHH:MM:SSZ" (the form format_timestamp writes).
std::optional<Timestamp> parse_timestamp(std::string_view text);

// "2026-11-25"
std::string format_date(Date date);
// Accepts "YYYY-MM-DD" with a real calendar day; nothing else.
std::optional<Date> parse_date(std::string_view text);

Date date_of(Timestamp time);
Timestamp start_of(Date date);
Date add_days(Date date, int days);
Date add_months(Date date, int months);  // clamps to the month's last day

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp now() const = 0;
};

// The real clock: the system's UTC time.
class SystemClock final : public Clock {
 public:
  Timestamp now() const override;
};

// A clock that always answers the time it was given; for tests and for replaying.
class FixedClock final : public Clock {
 public:
  explicit FixedClock(Timestamp time) : time_(time) {}
  Timestamp now() const override { return time_; }
  void set(Timestamp time) { time_ = time; }
  void advance_seconds(std::int64_t seconds) { time_.seconds += seconds; }

 private:
  Timestamp time_;
};

}  // namespace conduct
