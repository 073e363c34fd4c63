#pragma once
// Typed values of configuration keys and their two text forms: the env/flag syntax
// ("25s", "true", "a,b", a YAML flow list of namespaces) and YAML nodes from the file.

#include <yaml-cpp/yaml.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/namespace_options.h"

namespace livegate::config {

enum class Kind { kBool, kInt, kDuration, kString, kStringList, kNamespaces };

using Value = std::variant<bool, int64_t, std::chrono::milliseconds, std::string,
                           std::vector<std::string>, std::vector<ChannelNamespace>>;

// Longest accepted duration: keeps now() + duration far from overflowing nanosecond clocks.
inline constexpr std::chrono::milliseconds kMaxDuration = std::chrono::hours(87600);  // 10 y

// What a key accepts. Ranges are checked while parsing so errors can name the source.
struct FieldSpec {
  std::string path{};  // dotted key, e.g. "client.ping_interval"
  std::string doc{};   // one line, shown in genconfig and docs/configuration.md
  Kind kind = Kind::kString;
  int64_t min = 0;                     // kInt: smallest value; kDuration: in milliseconds
  std::optional<int64_t> max{};        // kInt/kDuration: largest value, if below the type's
  int64_t type_max = INT64_MAX;        // kInt: largest value the field's type holds
  int64_t duration_unit_ms = 1;        // kDuration: 1000 for fields that hold whole seconds
  std::vector<std::string> choices{};  // kString: allowed values; empty = any
  bool secret = false;                 // masked by DescribeSettings
  bool pem = false;                    // PEM text, or "@path" to read it from a file

  FieldSpec& Range(int64_t lo, int64_t hi) {
    min = lo;
    max = hi;
    return *this;
  }
  FieldSpec& Min(int64_t lo) {
    min = lo;
    return *this;
  }
  FieldSpec& Choices(std::vector<std::string> values) {
    choices = std::move(values);
    return *this;
  }
  FieldSpec& Secret() {
    secret = true;
    return *this;
  }
  FieldSpec& Pem() {
    pem = true;
    return *this;
  }
};

// A value that does not fit its key. The message names the key but not the source; `line` is
// the 1-based YAML line when known. The loader adds the source and turns it into ConfigError.
class ParseError : public std::runtime_error {
 public:
  explicit ParseError(const std::string& message, int line = 0)
      : std::runtime_error(message), line_(line) {}
  int line() const { return line_; }

 private:
  int line_;
};

// `key` is the full path used in messages (it differs from spec.path inside namespaces).
Value ParseText(const FieldSpec& spec, const std::string& key, std::string_view text);
Value ParseYaml(const FieldSpec& spec, const std::string& key, const YAML::Node& node);

// The YAML text of a value, inline (scalars and flow lists; namespaces are emitted elsewhere).
std::string FormatScalar(const Value& value);

// "25s", "500ms", "2m", "1h30m", or a bare integer (seconds). nullopt for junk or overflow.
std::optional<std::chrono::milliseconds> ParseDuration(std::string_view text);
// The shortest exact form: "0s", "500ms", "25s", "2m", "1h", "1h30m".
std::string FormatDuration(std::chrono::milliseconds d);

// "true/false/1/0/yes/no" (any case).
std::optional<bool> ParseBool(std::string_view text);

}  // namespace livegate::config
