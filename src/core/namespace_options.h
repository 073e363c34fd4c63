#pragma once
// Per-namespace channel policy. Every permission defaults to off (secure by default).

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace livegate {

struct NamespaceOptions {
  bool presence = false;                // keep presence information for channels
  bool join_leave = false;              // emit join/leave events
  bool force_push_join_leave = false;   // push join/leave without the client asking
  int64_t history_size = 0;             // publications kept per channel; 0 = no history
  std::chrono::seconds history_ttl{0};  // how long history is kept; 0 = no history
  bool force_positioning = false;
  bool allow_positioning = false;
  bool force_recovery = false;  // needs history
  bool allow_recovery = false;
  bool allow_subscribe_for_client = false;
  bool allow_subscribe_for_anonymous = false;
  bool allow_publish_for_client = false;
  bool allow_publish_for_subscriber = false;
  bool allow_publish_for_anonymous = false;
  bool allow_history_for_client = false;
  bool allow_history_for_subscriber = false;
  bool allow_history_for_anonymous = false;
  bool allow_presence_for_client = false;
  bool allow_presence_for_subscriber = false;
  bool allow_presence_for_anonymous = false;
  bool allow_user_limited_channels = false;      // channels with '#user' suffix
  std::vector<std::string> allowed_delta_types;  // only "fossil" exists
  bool delta_publish = false;                    // every publication is sent as a delta

  bool AllowsFossil() const {
    for (const auto& t : allowed_delta_types) {
      if (t == "fossil") return true;
    }
    return false;
  }

  bool HistoryEnabled() const { return history_size > 0 && history_ttl.count() > 0; }
};

struct ChannelNamespace {
  std::string name;  // ^[-a-zA-Z0-9_]{2,}$
  NamespaceOptions options;
};

}  // namespace livegate
