#include "engine/idempotency_cache.h"

#include <gtest/gtest.h>

namespace livegate {
namespace {

using std::chrono::minutes;

TEST(IdempotencyCache, RemembersWithinTheWindowOnly) {
  IdempotencyCache cache(minutes(5));
  auto t0 = IdempotencyCache::Clock::time_point{} + minutes(100);
  EXPECT_EQ(cache.Find("ch\0k", t0), nullptr);
  cache.Put("ch\0k", StreamPosition{7, "e"}, t0);
  const StreamPosition* hit = cache.Find("ch\0k", t0 + minutes(4));
  ASSERT_NE(hit, nullptr);
  EXPECT_EQ(hit->offset, 7u);
  EXPECT_EQ(cache.Find("ch\0k", t0 + minutes(5)), nullptr);
  EXPECT_EQ(cache.size(), 0u);
}

TEST(IdempotencyCache, KeepsTheFirstResult) {
  IdempotencyCache cache(minutes(5));
  auto t0 = IdempotencyCache::Clock::time_point{} + minutes(1);
  cache.Put("k", StreamPosition{1, "e"}, t0);
  cache.Put("k", StreamPosition{2, "e"}, t0 + minutes(1));
  EXPECT_EQ(cache.Find("k", t0 + minutes(2))->offset, 1u);
}

}  // namespace
}  // namespace livegate
