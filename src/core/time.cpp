#include "core/time.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace conduct {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days: exact for the proleptic
// Gregorian calendar, no time-zone database needed.
std::int32_t days_from_civil(int year, unsigned month, unsigned day) {
  year -= month <= 2;
  const int era = (year >= 0 ? year : year - 399) / 400;
  const unsigned year_of_era = static_cast<unsigned>(year - era * 400);
  const unsigned day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + static_cast<int>(day_of_era) - 719468;
}

struct Civil {
  int year;
  unsigned month;
  unsigned day;
};

Civil civil_from_days(std::int32_t days) {
  days += 719468;
  const int era = (days >= 0 ? days : days - 146096) / 146097;
  const unsigned day_of_era = static_cast<unsigned>(days - era * 146097);
  const unsigned year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int year = static_cast<int>(year_of_era) + era * 400;
  const unsigned day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const unsigned mp = (5 * day_of_year + 2) / 153;
  const unsigned day = day_of_year - (153 * mp + 2) / 5 + 1;
  const unsigned month = mp < 10 ? mp + 3 : mp - 9;
  return Civil{year + (month <= 2), month, day};
}

unsigned days_in_month(int year, unsigned month) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

bool all_digits(std::string_view text) {
  for (char c : text)
    if (c < '0' || c > '9') return false;
  return !text.empty();
}

int to_int(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

}  // namespace

namespace {

// Writes `value` (0 to 10^width - 1) as `width` digits at `out`.
void put_digits(char* out, int width, unsigned value) {
  for (int i = width - 1; i >= 0; --i, value /= 10) out[i] = static_cast<char>('0' + value % 10);
}

}  // namespace

std::string format_date(Date date) {
  const Civil civil = civil_from_days(date.days);
  if (civil.year < 0 || civil.year > 9999) {  // outside the years four digits write
    char buffer[24];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", civil.year, civil.month, civil.day);
    return buffer;
  }
  // Without snprintf: every listed case prints two timestamps.
  std::string text(10, '-');
  put_digits(text.data(), 4, static_cast<unsigned>(civil.year));
  put_digits(text.data() + 5, 2, civil.month);
  put_digits(text.data() + 8, 2, civil.day);
  return text;
}

std::optional<Date> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const std::string_view year = text.substr(0, 4), month = text.substr(5, 2), day = text.substr(8, 2);
  if (!all_digits(year) || !all_digits(month) || !all_digits(day)) return std::nullopt;
  const int y = to_int(year);
  const unsigned m = static_cast<unsigned>(to_int(month)), d = static_cast<unsigned>(to_int(day));
  if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return std::nullopt;
  return Date{days_from_civil(y, m, d)};
}

std::string format_timestamp(Timestamp time) {
  std::int64_t days = time.seconds / kSecondsPerDay;
  std::int64_t rest = time.seconds % kSecondsPerDay;
  if (rest < 0) {
    rest += kSecondsPerDay;
    --days;
  }
  std::string text = format_date(Date{static_cast<std::int32_t>(days)});
  char clock[10] = {'T', 0, 0, ':', 0, 0, ':', 0, 0, 'Z'};
  put_digits(clock + 1, 2, static_cast<unsigned>(rest / 3600));
  put_digits(clock + 4, 2, static_cast<unsigned>(rest / 60 % 60));
  put_digits(clock + 7, 2, static_cast<unsigned>(rest % 60));
  text.append(clock, sizeof clock);
  return text;
}

std::optional<Timestamp> parse_timestamp(std::string_view text) {
  if (text.size() != 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] != 'Z')
    return std::nullopt;
  const auto date = parse_date(text.substr(0, 10));
  const std::string_view hh = text.substr(11, 2), mm = text.substr(14, 2), ss = text.substr(17, 2);
  if (!date || !all_digits(hh) || !all_digits(mm) || !all_digits(ss)) return std::nullopt;
  const int h = to_int(hh), m = to_int(mm), s = to_int(ss);
  if (h > 23 || m > 59 || s > 59) return std::nullopt;
  return Timestamp{static_cast<std::int64_t>(date->days) * kSecondsPerDay + h * 3600 + m * 60 + s};
}

Date date_of(Timestamp time) {
  std::int64_t days = time.seconds / kSecondsPerDay;
  if (time.seconds % kSecondsPerDay < 0) --days;
  return Date{static_cast<std::int32_t>(days)};
}

Timestamp start_of(Date date) { return Timestamp{static_cast<std::int64_t>(date.days) * kSecondsPerDay}; }

Date add_days(Date date, int days) { return Date{date.days + days}; }

Date add_months(Date date, int months) {
  Civil civil = civil_from_days(date.days);
  int month_index = civil.year * 12 + static_cast<int>(civil.month) - 1 + months;
  const int year = month_index / 12;
  const unsigned month = static_cast<unsigned>(month_index % 12) + 1;
  const unsigned day = std::min(civil.day, days_in_month(year, month));
  return Date{days_from_civil(year, month, day)};
}

Timestamp SystemClock::now() const {
  const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  return Timestamp{std::chrono::duration_cast<std::chrono::seconds>(since_epoch).count()};
}

}  // namespace conduct
