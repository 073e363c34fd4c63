#pragma once
// Results of recent publishes by idempotency key, so that a backend retrying a publish (after
// a timeout, say) does not publish twice: a repeat within the window gets the first result.
// Thread: one cache per owner shard. Owned by: Node.

#include <chrono>
#include <deque>
#include <string>
#include <unordered_map>

#include "core/publication.h"

namespace livegate {

class IdempotencyCache {
 public:
  using Clock = std::chrono::steady_clock;
  explicit IdempotencyCache(Clock::duration window) : window_(window) {}

  // The position of an earlier publish with `key`, if it is still within the window.
  const StreamPosition* Find(const std::string& key, Clock::time_point now);
  void Put(std::string key, StreamPosition position, Clock::time_point now);
  size_t size() const { return entries_.size(); }

 private:
  void Expire(Clock::time_point now);

  Clock::duration window_;
  std::unordered_map<std::string, StreamPosition> entries_;
  std::deque<std::pair<Clock::time_point, std::string>> order_;  // by insertion time
};

}  // namespace livegate
