#pragma once
// The table of configuration keys: for each one its spec (type, range, doc) and how to read
// and write it in Settings. Loader, genconfig, DescribeSettings and the docs test all use it.

#include <chrono>
#include <functional>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "config/config_value.h"
#include "config/settings.h"

namespace livegate::config {

template <typename Root>
struct Field {
  FieldSpec spec;
  std::function<void(Root&, const Value&)> set;  // the value already fits spec
  std::function<Value(const Root&)> get;
};

// Every key of Settings, in genconfig order (includes channel.without_namespace.*).
const std::vector<Field<Settings>>& SettingsFields();
// The options of one namespace (paths relative to the namespace, e.g. "presence").
const std::vector<Field<NamespaceOptions>>& NamespaceFields();

const Field<Settings>* FindField(std::string_view path);
const Field<Settings>* FindFieldByEnv(std::string_view env_name);
const Field<NamespaceOptions>* FindNamespaceField(std::string_view name);
// True for a proper prefix of some key ("client", "client.token").
bool IsGroup(std::string_view path);
// One-line comment of a group in genconfig; "" when it has none.
std::string_view GroupDoc(std::string_view path);

// "client.token.hmac_secret_key" -> "LIVEGATE_CLIENT_TOKEN_HMAC_SECRET_KEY".
std::string EnvName(std::string_view path);

// ` (did you mean "x"?)` for the candidate closest to `word`, or "" when none is close.
std::string Suggestion(std::string_view word, const std::vector<std::string>& candidates);

// Builds a Field from a projection usable on both Root& and const Root&; the kind and the
// range follow from the member's type.
template <typename Root, typename Proj>
Field<Root> MakeField(FieldSpec spec, Proj proj) {
  using T = std::remove_cvref_t<decltype(proj(std::declval<Root&>()))>;
  if constexpr (std::is_same_v<T, bool>) {
    spec.kind = Kind::kBool;
  } else if constexpr (std::is_integral_v<T>) {
    spec.kind = Kind::kInt;
    spec.type_max = static_cast<int64_t>(std::numeric_limits<T>::max());
  } else if constexpr (std::is_same_v<T, std::string>) {
    spec.kind = Kind::kString;
  } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
    spec.kind = Kind::kStringList;
  } else if constexpr (std::is_same_v<T, std::vector<ChannelNamespace>>) {
    spec.kind = Kind::kNamespaces;
  } else {
    static_assert(std::is_same_v<T, std::chrono::milliseconds> ||
                  std::is_same_v<T, std::chrono::seconds>);
    spec.kind = Kind::kDuration;
    spec.duration_unit_ms = std::is_same_v<T, std::chrono::seconds> ? 1000 : 1;
  }
  Field<Root> f;
  f.spec = std::move(spec);
  f.set = [proj](Root& root, const Value& v) {
    T& member = proj(root);
    if constexpr (std::is_same_v<T, bool>) {
      member = std::get<bool>(v);
    } else if constexpr (std::is_integral_v<T>) {
      member = static_cast<T>(std::get<int64_t>(v));
    } else if constexpr (std::is_same_v<T, std::chrono::seconds>) {
      member = std::chrono::duration_cast<T>(std::get<std::chrono::milliseconds>(v));
    } else {
      member = std::get<T>(v);
    }
  };
  f.get = [proj](const Root& root) -> Value {
    const T& member = proj(root);
    if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
      return static_cast<int64_t>(member);
    } else if constexpr (std::is_same_v<T, std::chrono::seconds>) {
      return std::chrono::milliseconds(member);
    } else {
      return member;
    }
  };
  return f;
}

}  // namespace livegate::config
