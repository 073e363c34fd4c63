#include "engine/memory/memory_history_store.h"

#include <algorithm>
#include <random>

#include "engine/shard_key.h"

namespace livegate {

namespace {

std::string RandomEpoch() {
  static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::random_device rd;
  std::string s(8, ' ');
  for (char& c : s) c = kAlphabet[rd() % (sizeof(kAlphabet) - 1)];
  return s;
}

}  // namespace

MemoryHistoryStore::MemoryHistoryStore(uint32_t shard_count)
    : shard_count_(shard_count), epoch_(RandomEpoch()), shards_(shard_count) {}

MemoryHistoryStore::Stream* MemoryHistoryStore::Find(const std::string& channel) {
  auto& map = shards_[OwnerShardOf(channel, shard_count_)];
  auto it = map.find(channel);
  if (it == map.end()) return nullptr;
  // An expired stream loses its publications but keeps its position.
  if (Clock::now() >= it->second.expires_at) it->second.publications.clear();
  return &it->second;
}

PublicationPtr MemoryHistoryStore::Append(const std::string& channel, Publication pub,
                                          const HistoryOptions& opts, StreamPosition* position) {
  auto& map = shards_[OwnerShardOf(channel, shard_count_)];
  Stream& s = map[channel];
  if (Clock::now() >= s.expires_at) s.publications.clear();
  pub.offset = ++s.top;
  auto ptr = std::make_shared<const Publication>(std::move(pub));
  s.publications.push_back(ptr);
  while (static_cast<int64_t>(s.publications.size()) > opts.size) s.publications.pop_front();
  s.expires_at = Clock::now() + opts.ttl;
  *position = StreamPosition{s.top, epoch_};
  return ptr;
}

HistoryResult MemoryHistoryStore::Read(const std::string& channel, const HistoryFilter& filter) {
  HistoryResult result;
  result.top.epoch = epoch_;
  Stream* s = Find(channel);
  if (s != nullptr) result.top.offset = s->top;
  if (filter.since != nullptr && !filter.since->epoch.empty() && filter.since->epoch != epoch_) {
    result.epoch_mismatch = true;
    return result;
  }
  if (s == nullptr || filter.limit == 0) return result;
  std::vector<PublicationPtr> selected;
  for (const auto& p : s->publications) {
    if (filter.since != nullptr && !filter.reverse && p->offset <= filter.since->offset) continue;
    if (filter.since != nullptr && filter.reverse && p->offset >= filter.since->offset) continue;
    selected.push_back(p);
  }
  if (filter.reverse) std::reverse(selected.begin(), selected.end());
  if (filter.limit > 0 && selected.size() > static_cast<size_t>(filter.limit)) {
    selected.resize(static_cast<size_t>(filter.limit));
  }
  result.publications = std::move(selected);
  return result;
}

void MemoryHistoryStore::Remove(const std::string& channel) {
  auto& map = shards_[OwnerShardOf(channel, shard_count_)];
  if (auto it = map.find(channel); it != map.end()) it->second.publications.clear();
}

}  // namespace livegate
