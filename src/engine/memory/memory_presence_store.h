#pragma once
// In-process presence: on one node a session removes its entries when it closes, so nothing
// can linger and no expiry is needed.
// Thread: per-shard state, each channel touched only on its owner shard. Owned by: Node.

#include <string>
#include <unordered_map>
#include <vector>

#include "engine/presence_store.h"
#include "engine/shard_key.h"

namespace livegate {

class MemoryPresenceStore final : public PresenceStore {
 public:
  explicit MemoryPresenceStore(uint32_t shard_count)
      : shard_count_(shard_count), shards_(shard_count) {}

  void Add(const std::string& channel, const ClientInfo& info) override {
    Map(channel)[channel][info.client] = info;
  }
  void Remove(const std::string& channel, const std::string& client) override {
    auto& m = Map(channel);
    auto it = m.find(channel);
    if (it == m.end()) return;
    it->second.erase(client);
    if (it->second.empty()) m.erase(it);
  }
  std::map<std::string, ClientInfo> Get(const std::string& channel) override {
    auto& m = Map(channel);
    auto it = m.find(channel);
    return it == m.end() ? std::map<std::string, ClientInfo>{} : it->second;
  }
  PresenceStats Stats(const std::string& channel) override;

 private:
  using ChannelMap = std::unordered_map<std::string, std::map<std::string, ClientInfo>>;
  ChannelMap& Map(const std::string& channel) {
    return shards_[OwnerShardOf(channel, shard_count_)];
  }
  uint32_t shard_count_;
  std::vector<ChannelMap> shards_;
};

}  // namespace livegate
