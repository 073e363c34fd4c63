#pragma once
// In-process history: a bounded list of publications per channel. The epoch is chosen at
// start, so a restart tells reconnecting clients that their position is gone.
// Thread: per-shard state, each channel touched only on its owner shard. Owned by: Node.

#include <deque>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/history_store.h"
#include "runtime/connection.h"

namespace livegate {

class MemoryHistoryStore final : public HistoryStore {
 public:
  explicit MemoryHistoryStore(uint32_t shard_count);

  PublicationPtr Append(const std::string& channel, Publication pub, const HistoryOptions& opts,
                        StreamPosition* position) override;
  HistoryResult Read(const std::string& channel, const HistoryFilter& filter) override;
  void Remove(const std::string& channel) override;

  const std::string& epoch() const { return epoch_; }

 private:
  struct Stream {
    uint64_t top = 0;
    std::deque<PublicationPtr> publications;
    Clock::time_point expires_at{};
  };
  Stream* Find(const std::string& channel);

  uint32_t shard_count_;
  std::string epoch_;
  std::vector<std::unordered_map<std::string, Stream>> shards_;
};

}  // namespace livegate
