#include "config/namespace_list.h"

#include <gtest/gtest.h>

#include "config/config_test_util.h"

namespace livegate::config {
namespace {

constexpr char kTwoNamespaces[] = R"(
channel:
  without_namespace:
    allow_subscribe_for_client: true
  namespaces:
    - name: chat
      presence: true
      history_size: 100
      history_ttl: 5m
      force_recovery: true
      allowed_delta_types: [fossil]
    - name: user-feed_2
      allow_user_limited_channels: true
)";

TEST(Namespaces, FromYamlFile) {
  Settings s = LoadYaml(kTwoNamespaces);
  EXPECT_TRUE(s.channel.without_namespace.allow_subscribe_for_client);
  ASSERT_EQ(s.channel.namespaces.size(), 2u);
  const ChannelNamespace& chat = s.channel.namespaces[0];
  EXPECT_EQ(chat.name, "chat");
  EXPECT_TRUE(chat.options.presence);
  EXPECT_EQ(chat.options.history_size, 100);
  EXPECT_EQ(chat.options.history_ttl, std::chrono::minutes(5));
  EXPECT_TRUE(chat.options.HistoryEnabled());
  EXPECT_EQ(chat.options.allowed_delta_types, (std::vector<std::string>{"fossil"}));
  EXPECT_FALSE(chat.options.allow_publish_for_client);  // everything else off
  EXPECT_EQ(s.channel.namespaces[1].name, "user-feed_2");
  EXPECT_TRUE(s.channel.namespaces[1].options.allow_user_limited_channels);
}

TEST(Namespaces, FromEnvFlowStringReplacingTheFile) {
  LoadInput in{.file_path = WriteTempFile("ns.yaml", kTwoNamespaces)};
  in.env = {{"LIVEGATE_CHANNEL_NAMESPACES",
             "[{name: news, allow_subscribe_for_client: true}, {name: chat, join_leave: yes}]"}};
  Settings s = LoadSettings(in);
  ASSERT_EQ(s.channel.namespaces.size(), 2u);
  EXPECT_EQ(s.channel.namespaces[0].name, "news");
  EXPECT_TRUE(s.channel.namespaces[0].options.allow_subscribe_for_client);
  EXPECT_TRUE(s.channel.namespaces[1].options.join_leave);
  EXPECT_FALSE(s.channel.namespaces[1].options.presence);  // the file's list is replaced
}

TEST(Namespaces, FromJsonFlag) {
  Settings s =
      LoadSettings({.flag_overrides = {R"(channel.namespaces=[{"name":"room","history_size":10,)"
                                       R"("history_ttl":"60s"}])"}});
  ASSERT_EQ(s.channel.namespaces.size(), 1u);
  EXPECT_EQ(s.channel.namespaces[0].options.history_ttl, std::chrono::seconds(60));
  EXPECT_TRUE(
      LoadSettings({.flag_overrides = {"channel.namespaces=[]"}}).channel.namespaces.empty());
}

TEST(Namespaces, UnknownOptionNamesTheFullPath) {
  EXPECT_EQ(
      ErrorOf([] {
        LoadSettings({.env = {{"LIVEGATE_CHANNEL_NAMESPACES", "[{name: chat, presnce: true}]"}}});
      }),
      "LIVEGATE_CHANNEL_NAMESPACES: unknown key \"channel.namespaces[chat].presnce\" "
      "(did you mean \"presence\"?)");
  std::string file_error = ErrorOf(
      [] { LoadYaml("channel:\n  namespaces:\n    - name: chat\n      history_sise: 1\n"); });
  EXPECT_PRED2(Contains, file_error,
               ": unknown key \"channel.namespaces[chat].history_sise\" (did you mean "
               "\"history_size\"?) (line 4)");
  EXPECT_PRED2(Contains, ErrorOf([] { LoadYaml("channel:\n  without_namespace:\n    foo: 1\n"); }),
               "unknown key \"channel.without_namespace.foo\"");
}

TEST(Namespaces, WrongShapesAreErrors) {
  EXPECT_PRED2(Contains, ErrorOf([] { LoadYaml("channel:\n  namespaces:\n    chat: {}\n"); }),
               "wrong type for channel.namespaces (expected a list of namespaces");
  EXPECT_PRED2(Contains, ErrorOf([] { LoadYaml("channel:\n  namespaces: [chat]\n"); }),
               "channel.namespaces[0]: expected a map");
  EXPECT_PRED2(Contains, ErrorOf([] { LoadYaml("channel:\n  namespaces: [{presence: true}]\n"); }),
               "channel.namespaces[0]: missing \"name\"");
  EXPECT_PRED2(Contains,
               ErrorOf([] { LoadYaml("channel:\n  namespaces: [{name: chat, presence: 2}]\n"); }),
               "invalid value \"2\" for channel.namespaces[chat].presence");
  EXPECT_PRED2(Contains, ErrorOf([] {
                 LoadSettings({.env = {{"LIVEGATE_CHANNEL_NAMESPACES", "[{name: chat"}}});
               }),
               "LIVEGATE_CHANNEL_NAMESPACES: invalid value \"[{name: chat\" for "
               "channel.namespaces (YAML syntax error");
}

TEST(Namespaces, DuplicateNameIsAnError) {
  EXPECT_EQ(ErrorOf([] {
              LoadSettings({.flag_overrides = {"channel.namespaces=[{name: a1}, {name: a1}]"}});
            }),
            "channel.namespaces[1].name: duplicate namespace \"a1\" (set by flag "
            "--channel.namespaces)");
}

TEST(Namespaces, InvalidNameIsAnError) {
  for (const char* bad : {"x", "a:b", "a b", "$priv", "ns#1", "\"\""}) {
    std::string flag = std::string("channel.namespaces=[{name: ") + bad + "}]";
    std::string error = ErrorOf([&] { LoadSettings({.flag_overrides = {flag}}); });
    EXPECT_PRED2(Contains, error, "channel.namespaces[0].name: invalid namespace name");
  }
  EXPECT_NO_THROW(LoadSettings({.flag_overrides = {"channel.namespaces=[{name: A-z_09}]"}}));
}

TEST(Namespaces, HistoryNeedsSizeAndTtl) {
  std::string error = ErrorOf(
      [] { LoadYaml("channel:\n  namespaces:\n    - name: chat\n      history_size: 10\n"); });
  EXPECT_PRED2(Contains, error,
               "channel.namespaces[chat].history_ttl: must be > 0 because history_size is 10");
  EXPECT_PRED2(Contains, error, "(set by config file ");
  EXPECT_EQ(ErrorOf([] {
              LoadSettings({.env = {{"LIVEGATE_CHANNEL_WITHOUT_NAMESPACE_HISTORY_TTL", "30s"}}});
            }),
            "channel.without_namespace.history_size: must be > 0 because history_ttl is set "
            "(history needs both > 0, or both 0 for none)");
  EXPECT_PRED2(Contains, ErrorOf([] {
                 LoadSettings({.flag_overrides = {"channel.namespaces=[{name: ab, history_ttl: "
                                                  "500ms, history_size: 1}]"}});
               }),
               "whole seconds");
}

TEST(Namespaces, ForceRecoveryNeedsHistory) {
  EXPECT_PRED2(Contains, ErrorOf([] {
                 LoadSettings({.flag_overrides = {"channel.without_namespace.force_recovery=1"}});
               }),
               "channel.without_namespace.force_recovery: needs history (history_size and "
               "history_ttl > 0) (set by flag --channel.without_namespace.force_recovery)");
}

TEST(Namespaces, OnlyFossilDeltas) {
  EXPECT_PRED2(Contains, ErrorOf([] {
                 LoadSettings({.env = {{"LIVEGATE_CHANNEL_WITHOUT_NAMESPACE_ALLOWED_DELTA_TYPES",
                                        "fossil,xdelta"}}});
               }),
               "channel.without_namespace.allowed_delta_types: unknown delta type \"xdelta\"");
}

}  // namespace
}  // namespace livegate::config
