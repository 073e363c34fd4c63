#include "auth/claim_reader.h"

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <cmath>

#include "auth/base64.h"

namespace livegate::auth {
namespace json = boost::json;

namespace {

// The claim, or nullptr when it is absent or null.
const json::value* Find(const json::object& obj, std::string_view name) {
  const json::value* v = obj.if_contains(name);
  return v == nullptr || v->is_null() ? nullptr : v;
}

}  // namespace

bool ReadString(const json::object& obj, std::string_view name, std::string* out) {
  const json::value* v = Find(obj, name);
  if (v == nullptr) return true;
  if (!v->is_string()) return false;
  out->assign(v->get_string());
  return true;
}

bool ReadTime(const json::object& obj, std::string_view name, std::optional<int64_t>* out) {
  const json::value* v = Find(obj, name);
  if (v == nullptr) return true;
  if (v->is_int64()) {
    *out = v->get_int64();
    return true;
  }
  if (!v->is_double()) return false;  // strings, bools, and integers beyond int64
  double d = v->get_double();
  // ±2^63 would overflow the cast; no real date is anywhere near.
  constexpr double kLimit = 9.2e18;
  if (!std::isfinite(d) || d >= kLimit || d <= -kLimit) return false;
  *out = static_cast<int64_t>(d);
  return true;
}

bool ReadStringArray(const json::object& obj, std::string_view name,
                     std::vector<std::string>* out) {
  const json::value* v = Find(obj, name);
  if (v == nullptr) return true;
  if (!v->is_array()) return false;
  std::vector<std::string> items;
  items.reserve(v->get_array().size());
  for (const json::value& item : v->get_array()) {
    if (!item.is_string()) return false;
    items.emplace_back(item.get_string());
  }
  *out = std::move(items);
  return true;
}

bool ReadAudience(const json::object& obj, std::vector<std::string>* out) {
  const json::value* v = Find(obj, "aud");
  if (v != nullptr && v->is_string()) {
    out->assign(1, std::string(v->get_string()));
    return true;
  }
  return ReadStringArray(obj, "aud", out);
}

bool ReadJsonText(const json::object& obj, std::string_view name, std::string_view b64_name,
                  std::string* out) {
  if (const json::value* v = Find(obj, name)) {
    *out = json::serialize(*v);
    return true;
  }
  std::string encoded;
  if (!ReadString(obj, b64_name, &encoded)) return false;
  if (encoded.empty()) return true;
  std::optional<std::string> bytes = Base64Decode(encoded);
  if (!bytes) return false;
  json::error_code ec;
  json::value parsed = json::parse(*bytes, ec);
  if (ec) return false;
  *out = json::serialize(parsed);
  return true;
}

bool ReadBoolValue(const json::object& obj, std::string_view name, std::optional<bool>* out) {
  const json::value* v = Find(obj, name);
  if (v == nullptr) return true;
  if (!v->is_object()) return false;
  const json::value* value = Find(v->get_object(), "value");
  if (value != nullptr && !value->is_bool()) return false;
  *out = value != nullptr && value->get_bool();
  return true;
}

}  // namespace livegate::auth
