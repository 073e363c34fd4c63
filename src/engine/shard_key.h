#pragma once
// The owner shard of a channel: it sequences the channel's publications (offsets, history)
// and holds its engine state.

#include <cstdint>
#include <functional>
#include <string_view>

namespace livegate {

inline uint32_t OwnerShardOf(std::string_view channel, uint32_t shard_count) {
  return static_cast<uint32_t>(std::hash<std::string_view>{}(channel) % shard_count);
}

}  // namespace livegate
