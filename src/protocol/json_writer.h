#pragma once
// A minimal streaming JSON writer for replies and pushes. Commas are inserted automatically;
// raw values (already-serialized JSON) are embedded as they are.

#include <cstdint>
#include <string>
#include <string_view>

namespace livegate::protocol {

// Appends `s` to `out` as a JSON string literal (with quotes).
void AppendJsonString(std::string& out, std::string_view s);

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  JsonWriter& Key(std::string_view key);
  JsonWriter& String(std::string_view value);
  JsonWriter& Raw(std::string_view json);  // must be valid JSON
  JsonWriter& UInt(uint64_t value);
  JsonWriter& Int(int64_t value);
  JsonWriter& Bool(bool value);

  // Shorthands for a key with a value; the *IfSet forms skip zero values, as the protocol
  // omits fields holding zero values.
  JsonWriter& Field(std::string_view key, std::string_view value) { return Key(key).String(value); }
  JsonWriter& FieldIfSet(std::string_view key, std::string_view value);
  JsonWriter& RawIfSet(std::string_view key, std::string_view json);
  JsonWriter& UIntIfSet(std::string_view key, uint64_t value);
  JsonWriter& BoolIfSet(std::string_view key, bool value);

 private:
  void Separate();
  std::string& out_;
  bool need_comma_ = false;
};

}  // namespace livegate::protocol
