#pragma once
// Typed reads of JWT claims from a decoded payload (or any JSON object in it). Each returns
// false when the claim is present with the wrong type; an absent or null claim is not an
// error and leaves *out untouched, as in Centrifugo's Go decoding of the same claims.

#include <boost/json/fwd.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace livegate::auth {

bool ReadString(const boost::json::object& obj, std::string_view name, std::string* out);

// A NumericDate (RFC 7519 §2) in seconds. Fractions are truncated: JavaScript token makers
// often write Date.now() / 1000, and Centrifugo accepts that too.
bool ReadTime(const boost::json::object& obj, std::string_view name, std::optional<int64_t>* out);

bool ReadStringArray(const boost::json::object& obj, std::string_view name,
                     std::vector<std::string>* out);

// "aud": a string or an array of strings (RFC 7519 §4.1.3).
bool ReadAudience(const boost::json::object& obj, std::vector<std::string>* out);

// An arbitrary JSON claim such as "info", as compact JSON text. When `name` is absent, the
// base64 twin `b64_name` ("b64info") is decoded instead; its bytes must be JSON, because the
// JSON protocol embeds the value verbatim.
bool ReadJsonText(const boost::json::object& obj, std::string_view name, std::string_view b64_name,
                  std::string* out);

// A protobuf BoolValue as JSON: {"value": bool}; a missing "value" reads as false.
bool ReadBoolValue(const boost::json::object& obj, std::string_view name, std::optional<bool>* out);

}  // namespace livegate::auth
