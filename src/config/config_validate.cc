#include "config/config_validate.h"

#include <set>

#include "config/config_error.h"

namespace livegate::config {
namespace {

bool ValidNamespaceName(const std::string& name) {
  if (name.size() < 2) return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

// Checks one namespace's options; `prefix` is "channel.without_namespace" or
// "channel.namespaces[chat]", `origin_key` the key whose origin explains the value.
void ValidateOptions(const NamespaceOptions& o, const std::string& prefix,
                     const std::string& origin_key, const Origins& origins) {
  auto fail = [&](const std::string& option, const std::string& why) {
    std::string key = origin_key.empty() ? prefix + "." + option : origin_key;
    auto it = origins.find(key);
    std::string from = it == origins.end() ? "" : " (set by " + it->second + ")";
    throw ConfigError(prefix + "." + option + ": " + why + from);
  };
  if (o.history_size > 0 && o.history_ttl.count() == 0) {
    fail("history_ttl", "must be > 0 because history_size is " + std::to_string(o.history_size) +
                            " (history needs both > 0, or both 0 for none)");
  }
  if (o.history_size == 0 && o.history_ttl.count() > 0) {
    fail("history_size",
         "must be > 0 because history_ttl is set (history needs both > 0, "
         "or both 0 for none)");
  }
  if (o.force_recovery && !o.HistoryEnabled()) {
    fail("force_recovery", "needs history (history_size and history_ttl > 0)");
  }
  for (const std::string& type : o.allowed_delta_types) {
    if (type != "fossil") {
      fail("allowed_delta_types", "unknown delta type \"" + type + "\" (only \"fossil\" exists)");
    }
  }
}

}  // namespace

void ValidateSettings(const Settings& settings, const Origins& origins) {
  // Refreshes must come before expiry, or live connections flicker out of presence.
  if (settings.client.presence_update_interval >= settings.channel.presence_ttl) {
    auto it = origins.find("client.presence_update_interval");
    std::string from = it == origins.end() ? "" : " (set by " + it->second + ")";
    throw ConfigError("client.presence_update_interval: must be less than channel.presence_ttl (" +
                      std::to_string(settings.channel.presence_ttl.count()) + "ms)" + from);
  }
  ValidateOptions(settings.channel.without_namespace, "channel.without_namespace", "", origins);
  const std::string list_key = "channel.namespaces";
  auto from = [&]() {
    auto it = origins.find(list_key);
    return it == origins.end() ? std::string() : " (set by " + it->second + ")";
  };
  std::set<std::string> seen;
  for (size_t i = 0; i < settings.channel.namespaces.size(); ++i) {
    const ChannelNamespace& ns = settings.channel.namespaces[i];
    std::string at = list_key + "[" + std::to_string(i) + "].name";
    if (!ValidNamespaceName(ns.name)) {
      throw ConfigError(at + ": invalid namespace name \"" + ns.name +
                        "\" (2 or more of a-z A-Z 0-9 - _)" + from());
    }
    if (!seen.insert(ns.name).second) {
      throw ConfigError(at + ": duplicate namespace \"" + ns.name + "\"" + from());
    }
    ValidateOptions(ns.options, list_key + "[" + ns.name + "]", list_key, origins);
  }
}

}  // namespace livegate::config
