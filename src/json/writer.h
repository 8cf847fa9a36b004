// A JSON text written straight into one string, for the list pages that answer most
// requests. Building nlohmann::json values first costs a std::map and a string per key
// of every object; for a page of 50 case summaries that was a third of the request's
// CPU (docs/performance.md). The writer produces the text nlohmann's dump() does for
// the same values: no spaces, UTF-8 kept as it is, `"` `\` and control characters
// escaped the same way. Keys are written in the order given; callers give an object's
// keys sorted, as nlohmann's std::map-backed objects print them, so both writers'
// texts are equal (tests/http/json_writer_test.cpp). Where nlohmann would throw on a
// string that is not well-formed UTF-8, the writer puts U+FFFD for each bad byte.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace conduct::json {

class JsonWriter {
 public:
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  // The next member's key, inside an object.
  JsonWriter& key(std::string_view name);
  JsonWriter& string(std::string_view text);
  JsonWriter& number(std::int64_t value);
  // A number already written as JSON text ("12.345"); the caller vouches for its form.
  JsonWriter& number_text(std::string_view text);
  JsonWriter& boolean(bool value);
  JsonWriter& null();
  // The text, once every object and array is closed.
  std::string take() { return std::move(out_); }

 private:
  // Before a value: a comma unless it is the first of its array (after a key, none).
  void separate();
  JsonWriter& open(char bracket);
  JsonWriter& close(char bracket);

  std::string out_;
  std::vector<bool> first_;  // per open object or array: nothing written in it yet
  bool after_key_ = false;
};

}  // namespace conduct::json
