#pragma once
// Resolves a channel to its namespace options and makes the permission decisions of the
// client protocol (PROTOCOL.md §5). Pure: no I/O, immutable after construction.
// Thread-safe (const).

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/channel_name.h"
#include "core/namespace_options.h"
#include "core/reply_error.h"

namespace livegate {

struct ChannelAccess {
  std::string_view user;         // "" = anonymous
  bool has_valid_token = false;  // a valid subscription token for this channel
  bool is_subscribed = false;    // the connection is subscribed to the channel
};

class ChannelPolicy {
 public:
  ChannelPolicy(size_t max_length, NamespaceOptions without_namespace,
                const std::vector<ChannelNamespace>& namespaces);

  // Parses the channel and finds its options; 107 for a bad name, 102 for an unknown namespace.
  const ReplyError* Resolve(std::string_view channel, ChannelName* name,
                            const NamespaceOptions** options) const;

  // Decisions below assume Resolve succeeded. nullptr = allowed.
  static const ReplyError* CanSubscribe(const ChannelName& name, const NamespaceOptions& ns,
                                        const ChannelAccess& who);
  static const ReplyError* CanPublish(const NamespaceOptions& ns, const ChannelAccess& who);
  static const ReplyError* CanReadHistory(const NamespaceOptions& ns, const ChannelAccess& who);
  static const ReplyError* CanReadPresence(const NamespaceOptions& ns, const ChannelAccess& who);

  size_t max_length() const { return max_length_; }

 private:
  size_t max_length_;
  NamespaceOptions without_namespace_;
  std::unordered_map<std::string, NamespaceOptions> namespaces_;
};

}  // namespace livegate
