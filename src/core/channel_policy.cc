#include "core/channel_policy.h"

namespace livegate {

ChannelPolicy::ChannelPolicy(size_t max_length, NamespaceOptions without_namespace,
                             const std::vector<ChannelNamespace>& namespaces)
    : max_length_(max_length), without_namespace_(std::move(without_namespace)) {
  for (const auto& ns : namespaces) namespaces_.emplace(ns.name, ns.options);
}

const ReplyError* ChannelPolicy::Resolve(std::string_view channel, ChannelName* name,
                                         const NamespaceOptions** options) const {
  if (const ReplyError* err = ParseChannelName(channel, max_length_, name)) return err;
  if (name->namespace_name.empty()) {
    *options = &without_namespace_;
    return nullptr;
  }
  auto it = namespaces_.find(std::string(name->namespace_name));
  if (it == namespaces_.end()) return &kErrorUnknownChannel;
  *options = &it->second;
  return nullptr;
}

const ReplyError* ChannelPolicy::CanSubscribe(const ChannelName& name, const NamespaceOptions& ns,
                                              const ChannelAccess& who) {
  if (who.has_valid_token) return nullptr;
  // A private channel always needs a subscription token.
  if (name.is_private) return &kErrorPermissionDenied;
  if (name.is_user_limited) {
    if (ns.allow_user_limited_channels && name.AllowsUser(who.user)) return nullptr;
    return &kErrorPermissionDenied;
  }
  if (!ns.allow_subscribe_for_client) return &kErrorPermissionDenied;
  if (who.user.empty() && !ns.allow_subscribe_for_anonymous) return &kErrorPermissionDenied;
  return nullptr;
}

namespace {

const ReplyError* CheckAction(bool for_client, bool for_subscriber, bool for_anonymous,
                              const ChannelAccess& who) {
  bool allowed = for_client || (for_subscriber && who.is_subscribed);
  if (!allowed) return &kErrorPermissionDenied;
  if (who.user.empty() && !for_anonymous) return &kErrorPermissionDenied;
  return nullptr;
}

}  // namespace

const ReplyError* ChannelPolicy::CanPublish(const NamespaceOptions& ns, const ChannelAccess& who) {
  return CheckAction(ns.allow_publish_for_client, ns.allow_publish_for_subscriber,
                     ns.allow_publish_for_anonymous, who);
}

const ReplyError* ChannelPolicy::CanReadHistory(const NamespaceOptions& ns,
                                                const ChannelAccess& who) {
  if (!ns.HistoryEnabled()) return &kErrorNotAvailable;
  return CheckAction(ns.allow_history_for_client, ns.allow_history_for_subscriber,
                     ns.allow_history_for_anonymous, who);
}

const ReplyError* ChannelPolicy::CanReadPresence(const NamespaceOptions& ns,
                                                 const ChannelAccess& who) {
  if (!ns.presence) return &kErrorNotAvailable;
  return CheckAction(ns.allow_presence_for_client, ns.allow_presence_for_subscriber,
                     ns.allow_presence_for_anonymous, who);
}

}  // namespace livegate
