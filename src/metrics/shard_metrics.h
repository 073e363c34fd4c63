#pragma once
// Counters of one shard. Written only by the shard's own thread (relaxed atomics, so a
// scrape from another thread reads them without a data race); summed over shards on scrape.
// Thread: written by the owner shard, read by anyone. Owned by: Shard.

#include <array>
#include <atomic>
#include <cstdint>

#include "protocol/commands.h"

namespace livegate {

// Command counters are indexed by protocol::CommandType.
inline constexpr size_t kCommandTypeCount =
    static_cast<size_t>(protocol::CommandType::kSubRefresh) + 1;
inline constexpr std::array<const char*, kCommandTypeCount> kCommandNames{
    "pong",    "connect", "subscribe", "unsubscribe", "publish", "presence",   "presence_stats",
    "history", "ping",    "send",      "rpc",         "refresh", "sub_refresh"};

using Counter = std::atomic<uint64_t>;

inline void Inc(Counter& c, uint64_t n = 1) {
  c.store(c.load(std::memory_order_relaxed) + n, std::memory_order_relaxed);
}
inline void Dec(Counter& c, uint64_t n = 1) {
  c.store(c.load(std::memory_order_relaxed) - n, std::memory_order_relaxed);
}

struct ShardMetrics {
  Counter connections;        // gauge: open client connections (any transport)
  Counter connections_total;  // accepted since start
  Counter subscriptions;      // gauge: channel subscriptions of local sessions
  std::array<Counter, kCommandTypeCount> commands{};
  Counter reply_errors;  // replies carrying an error
  // Replies by error code 100..113 (index code - 100); other codes are only in reply_errors.
  std::array<Counter, 14> reply_errors_by_code{};
  Counter protocol_errors;   // malformed input that caused a disconnect
  Counter disconnects_slow;  // 3008
  Counter disconnects_no_pong;
  Counter publications;  // publications handled by this shard as channel owner
  Counter deliveries;    // pushes queued to sessions
  Counter bytes_in;
  Counter bytes_out;
  Counter queue_depth;  // gauge: cross-shard tasks posted and not yet run
  Counter http_requests;
  Counter api_requests;
};

}  // namespace livegate
