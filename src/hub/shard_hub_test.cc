#include "hub/shard_hub.h"

#include <gtest/gtest.h>

namespace livegate {
namespace {

struct RecordingSession : HubSession {
  std::vector<SharedBuffer> got;
  void Deliver(const SharedBuffer& push, std::string_view, uint64_t) override {
    got.push_back(push);
  }
  void DeliverDelta(const DeltaPushes& pushes, std::string_view, uint64_t) override {
    got.push_back(pushes.full);
  }
};

TEST(ShardHub, DeltaSubscribersGetTheDeltaEncoding) {
  ShardHub hub;
  RecordingSession plain, delta;
  hub.Subscribe("c", &plain);
  hub.Subscribe("c", &delta, kDeltaFossil);
  auto push = std::make_shared<const std::string>("embedded");
  DeltaPushes pushes{std::make_shared<const std::string>("string"), nullptr};
  EXPECT_EQ(hub.Broadcast("c", push, 0, 1, &pushes), 2u);
  EXPECT_EQ(*plain.got.at(0), "embedded");
  EXPECT_EQ(*delta.got.at(0), "string");
  // Pushes outside the stream (join/leave) reach delta subscribers unchanged.
  EXPECT_EQ(hub.Broadcast("c", push), 2u);
  EXPECT_EQ(*delta.got.at(1), "embedded");
}

TEST(ShardHub, ReportsFirstAndLastSubscriber) {
  ShardHub hub;
  RecordingSession a, b;
  EXPECT_TRUE(hub.Subscribe("c", &a));
  EXPECT_FALSE(hub.Subscribe("c", &b));
  EXPECT_FALSE(hub.Unsubscribe("c", &a));
  EXPECT_TRUE(hub.Unsubscribe("c", &b));
  EXPECT_EQ(hub.channels().size(), 0u);
}

TEST(ShardHub, BroadcastSharesOneBuffer) {
  ShardHub hub;
  RecordingSession a, b, other;
  hub.Subscribe("c", &a);
  hub.Subscribe("c", &b);
  hub.Subscribe("d", &other);
  auto buf = std::make_shared<const std::string>("x");
  EXPECT_EQ(hub.Broadcast("c", buf), 2u);
  ASSERT_EQ(a.got.size(), 1u);
  EXPECT_EQ(a.got[0].get(), buf.get());
  EXPECT_EQ(b.got[0].get(), buf.get());
  EXPECT_TRUE(other.got.empty());
  EXPECT_EQ(hub.Broadcast("none", buf), 0u);
}

TEST(ShardHub, IndexesSessionsByClientAndUser) {
  ShardHub hub;
  RecordingSession a, b;
  hub.AddSession("c1", "u", &a);
  hub.AddSession("c2", "u", &b);
  EXPECT_EQ(hub.FindClient("c1"), &a);
  EXPECT_EQ(hub.UserSessions("u").size(), 2u);
  hub.RemoveSession("c1", "u", &a);
  EXPECT_EQ(hub.FindClient("c1"), nullptr);
  EXPECT_EQ(hub.UserSessions("u").size(), 1u);
  hub.RemoveSession("c2", "u", &b);
  EXPECT_EQ(hub.user_count(), 0u);
}

}  // namespace
}  // namespace livegate

namespace livegate {
namespace {

TEST(ShardHub, BroadcastWithRequiredFlagsSkipsOtherSubscribers) {
  ShardHub hub;
  RecordingSession plain, wants;
  hub.Subscribe("c", &plain);
  hub.Subscribe("c", &wants, kWantsJoinLeave);
  auto buf = std::make_shared<const std::string>("join");
  EXPECT_EQ(hub.Broadcast("c", buf, kWantsJoinLeave), 1u);
  EXPECT_TRUE(plain.got.empty());
  EXPECT_EQ(wants.got.size(), 1u);
  EXPECT_EQ(hub.Broadcast("c", buf), 2u);
}

}  // namespace
}  // namespace livegate
