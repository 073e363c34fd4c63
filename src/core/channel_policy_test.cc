#include "core/channel_policy.h"

#include <gtest/gtest.h>

namespace livegate {
namespace {

ChannelPolicy MakePolicy() {
  NamespaceOptions open;
  open.allow_subscribe_for_client = true;
  NamespaceOptions chat;
  chat.allow_subscribe_for_client = true;
  chat.allow_publish_for_subscriber = true;
  chat.presence = true;
  chat.allow_presence_for_subscriber = true;
  chat.allow_user_limited_channels = true;
  NamespaceOptions closed;
  return ChannelPolicy(32, open, {{"chat", chat}, {"closed", closed}});
}

TEST(ChannelName, ParsesNamespacePrivateAndUsers) {
  ChannelName n;
  ASSERT_EQ(ParseChannelName("$chat:room#42,43", 255, &n), nullptr);
  EXPECT_TRUE(n.is_private);
  EXPECT_EQ(n.namespace_name, "chat");
  EXPECT_TRUE(n.is_user_limited);
  EXPECT_TRUE(n.AllowsUser("42"));
  EXPECT_TRUE(n.AllowsUser("43"));
  EXPECT_FALSE(n.AllowsUser("4"));
  EXPECT_FALSE(n.AllowsUser(""));
}

TEST(ChannelName, RejectsEmptyLongAndNonAscii) {
  ChannelName n;
  EXPECT_EQ(ParseChannelName("", 255, &n), &kErrorBadRequest);
  EXPECT_EQ(ParseChannelName(std::string(256, 'a'), 255, &n), &kErrorBadRequest);
  EXPECT_EQ(ParseChannelName("caf\xc3\xa9", 255, &n), &kErrorBadRequest);
  EXPECT_EQ(ParseChannelName("with space", 255, &n), &kErrorBadRequest);
  EXPECT_EQ(ParseChannelName(std::string(255, 'a'), 255, &n), nullptr);
}

TEST(ChannelPolicy, UnknownNamespaceIs102) {
  auto p = MakePolicy();
  ChannelName n;
  const NamespaceOptions* ns = nullptr;
  EXPECT_EQ(p.Resolve("nope:x", &n, &ns), &kErrorUnknownChannel);
  EXPECT_EQ(p.Resolve("chat:x", &n, &ns), nullptr);
  EXPECT_TRUE(ns->presence);
  EXPECT_EQ(p.Resolve("plain", &n, &ns), nullptr);
  EXPECT_FALSE(ns->presence);
}

TEST(ChannelPolicy, SubscribeDecisions) {
  auto p = MakePolicy();
  ChannelName n;
  const NamespaceOptions* ns = nullptr;
  ASSERT_EQ(p.Resolve("closed:x", &n, &ns), nullptr);
  EXPECT_EQ(ChannelPolicy::CanSubscribe(n, *ns, {"u", false, false}), &kErrorPermissionDenied);
  EXPECT_EQ(ChannelPolicy::CanSubscribe(n, *ns, {"u", true, false}), nullptr);
  ASSERT_EQ(p.Resolve("chat:x", &n, &ns), nullptr);
  EXPECT_EQ(ChannelPolicy::CanSubscribe(n, *ns, {"u", false, false}), nullptr);
  // Anonymous users need allow_subscribe_for_anonymous.
  EXPECT_EQ(ChannelPolicy::CanSubscribe(n, *ns, {"", false, false}), &kErrorPermissionDenied);
  // Private channels always need a token.
  ASSERT_EQ(p.Resolve("$chat:x", &n, &ns), nullptr);
  EXPECT_EQ(ChannelPolicy::CanSubscribe(n, *ns, {"u", false, false}), &kErrorPermissionDenied);
  EXPECT_EQ(ChannelPolicy::CanSubscribe(n, *ns, {"u", true, false}), nullptr);
  // User-limited channels.
  ASSERT_EQ(p.Resolve("chat:dm#7,8", &n, &ns), nullptr);
  EXPECT_EQ(ChannelPolicy::CanSubscribe(n, *ns, {"7", false, false}), nullptr);
  EXPECT_EQ(ChannelPolicy::CanSubscribe(n, *ns, {"9", false, false}), &kErrorPermissionDenied);
}

TEST(ChannelPolicy, PublishPresenceHistoryDecisions) {
  auto p = MakePolicy();
  ChannelName n;
  const NamespaceOptions* ns = nullptr;
  ASSERT_EQ(p.Resolve("chat:x", &n, &ns), nullptr);
  EXPECT_EQ(ChannelPolicy::CanPublish(*ns, {"u", false, false}), &kErrorPermissionDenied);
  EXPECT_EQ(ChannelPolicy::CanPublish(*ns, {"u", false, true}), nullptr);
  EXPECT_EQ(ChannelPolicy::CanPublish(*ns, {"", false, true}), &kErrorPermissionDenied);
  EXPECT_EQ(ChannelPolicy::CanReadPresence(*ns, {"u", false, true}), nullptr);
  EXPECT_EQ(ChannelPolicy::CanReadHistory(*ns, {"u", false, true}), &kErrorNotAvailable);
  ASSERT_EQ(p.Resolve("closed:x", &n, &ns), nullptr);
  EXPECT_EQ(ChannelPolicy::CanReadPresence(*ns, {"u", false, true}), &kErrorNotAvailable);
}

}  // namespace
}  // namespace livegate
