#pragma once
// In-process presence with the engine's expiry semantics: a session removes its entries when
// it closes, and an entry not refreshed within the TTL disappears from reads (and is dropped
// then), as it would from a shared store when its node dies.
// Thread: per-shard state, each channel touched only on its owner shard. Owned by: Node.

#include <string>
#include <unordered_map>
#include <vector>

#include "engine/presence_store.h"
#include "engine/shard_key.h"

namespace livegate {

class MemoryPresenceStore final : public PresenceStore {
 public:
  MemoryPresenceStore(uint32_t shard_count, Clock::duration ttl)
      : shard_count_(shard_count), ttl_(ttl), shards_(shard_count) {}

  void Add(const std::string& channel, const ClientInfo& info, Clock::time_point now) override;
  void Remove(const std::string& channel, const std::string& client) override;
  std::map<std::string, ClientInfo> Get(const std::string& channel, Clock::time_point now) override;
  PresenceStats Stats(const std::string& channel, Clock::time_point now) override;

 private:
  struct Entry {
    ClientInfo info;
    Clock::time_point expires_at;
  };
  using Clients = std::map<std::string, Entry>;
  using ChannelMap = std::unordered_map<std::string, Clients>;

  ChannelMap& Map(const std::string& channel) {
    return shards_[OwnerShardOf(channel, shard_count_)];
  }
  // The channel's live entries after dropping expired ones; nullptr when none are left.
  Clients* Live(const std::string& channel, Clock::time_point now);

  uint32_t shard_count_;
  Clock::duration ttl_;
  std::vector<ChannelMap> shards_;
};

}  // namespace livegate
