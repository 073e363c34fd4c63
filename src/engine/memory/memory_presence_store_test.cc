#include "engine/memory/memory_presence_store.h"

#include <gtest/gtest.h>

namespace livegate {
namespace {

using std::chrono::seconds;
using Clock = PresenceStore::Clock;

ClientInfo Client(std::string user, std::string client) {
  return ClientInfo{std::move(user), std::move(client), "", ""};
}

TEST(MemoryPresenceStore, ListsClientsAndCountsUsers) {
  MemoryPresenceStore store(2, seconds(60));
  auto t0 = Clock::now();
  store.Add("room", Client("alice", "c1"), t0);
  store.Add("room", Client("alice", "c2"), t0);
  store.Add("room", Client("bob", "c3"), t0);
  EXPECT_EQ(store.Get("room", t0).size(), 3u);
  PresenceStats stats = store.Stats("room", t0);
  EXPECT_EQ(stats.num_clients, 3u);
  EXPECT_EQ(stats.num_users, 2u);
  store.Remove("room", "c2");
  EXPECT_EQ(store.Stats("room", t0).num_clients, 2u);
  EXPECT_TRUE(store.Get("other", t0).empty());
}

TEST(MemoryPresenceStore, EntriesExpireUnlessRefreshed) {
  MemoryPresenceStore store(1, seconds(60));
  auto t0 = Clock::now();
  store.Add("room", Client("alice", "c1"), t0);
  store.Add("room", Client("bob", "c2"), t0);
  // bob's session keeps refreshing; alice's stopped (its node died).
  store.Add("room", Client("bob", "c2"), t0 + seconds(30));
  EXPECT_EQ(store.Get("room", t0 + seconds(59)).size(), 2u);
  auto live = store.Get("room", t0 + seconds(60));
  ASSERT_EQ(live.size(), 1u);
  EXPECT_EQ(live.begin()->second.user, "bob");
  EXPECT_EQ(store.Stats("room", t0 + seconds(90)).num_clients, 0u);
}

}  // namespace
}  // namespace livegate
