#include "engine/idempotency_cache.h"

namespace livegate {

void IdempotencyCache::Expire(Clock::time_point now) {
  while (!order_.empty() && now - order_.front().first >= window_) {
    entries_.erase(order_.front().second);
    order_.pop_front();
  }
}

const StreamPosition* IdempotencyCache::Find(const std::string& key, Clock::time_point now) {
  Expire(now);
  auto it = entries_.find(key);
  return it == entries_.end() ? nullptr : &it->second;
}

void IdempotencyCache::Put(std::string key, StreamPosition position, Clock::time_point now) {
  Expire(now);
  auto [it, inserted] = entries_.try_emplace(key, std::move(position));
  if (inserted) order_.emplace_back(now, std::move(key));
}

}  // namespace livegate
