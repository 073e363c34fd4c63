#include "engine/memory/memory_history_store.h"

#include <gtest/gtest.h>

namespace livegate {
namespace {

const HistoryOptions kOpts{3, std::chrono::seconds(60)};

PublicationPtr Append(MemoryHistoryStore& h, const std::string& data) {
  StreamPosition pos;
  return h.Append("ch", Publication{data, std::nullopt, 0, {}, {}}, kOpts, &pos);
}

TEST(MemoryHistoryStore, AssignsIncreasingOffsetsAndKeepsTheLastN) {
  MemoryHistoryStore h(2);
  for (int i = 1; i <= 5; ++i) EXPECT_EQ(Append(h, std::to_string(i))->offset, uint64_t(i));
  HistoryResult r = h.Read("ch", {nullptr, -1, false});
  EXPECT_EQ(r.top.offset, 5u);
  EXPECT_EQ(r.top.epoch, h.epoch());
  ASSERT_EQ(r.publications.size(), 3u);
  EXPECT_EQ(r.publications.front()->offset, 3u);
}

TEST(MemoryHistoryStore, ReadsSinceAPositionAndReverse) {
  MemoryHistoryStore h(1);
  for (int i = 1; i <= 3; ++i) Append(h, std::to_string(i));
  StreamPosition since{1, h.epoch()};
  HistoryResult r = h.Read("ch", {&since, -1, false});
  ASSERT_EQ(r.publications.size(), 2u);
  EXPECT_EQ(r.publications[0]->offset, 2u);
  HistoryResult rev = h.Read("ch", {nullptr, 2, true});
  ASSERT_EQ(rev.publications.size(), 2u);
  EXPECT_EQ(rev.publications[0]->offset, 3u);
  EXPECT_TRUE(h.Read("ch", {nullptr, 0, false}).publications.empty());
}

TEST(MemoryHistoryStore, AnotherEpochIsReported) {
  MemoryHistoryStore h(1);
  Append(h, "1");
  StreamPosition since{1, "other"};
  EXPECT_TRUE(h.Read("ch", {&since, -1, false}).epoch_mismatch);
  MemoryHistoryStore restarted(1);
  EXPECT_NE(restarted.epoch(), h.epoch());
}

TEST(MemoryHistoryStore, RemoveKeepsThePosition) {
  MemoryHistoryStore h(1);
  Append(h, "1");
  h.Remove("ch");
  HistoryResult r = h.Read("ch", {nullptr, -1, false});
  EXPECT_TRUE(r.publications.empty());
  EXPECT_EQ(r.top.offset, 1u);
}

}  // namespace
}  // namespace livegate
