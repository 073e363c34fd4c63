#pragma once
// Keeps the recent publications of channels with history and assigns stream positions.
// Contract as in broker.h: calls for channel C happen on C's owner shard.

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "core/publication.h"

namespace livegate {

struct HistoryOptions {
  int64_t size = 0;             // publications kept
  std::chrono::seconds ttl{0};  // how long the stream keeps them
};

struct HistoryFilter {
  const StreamPosition* since = nullptr;  // return publications after this position
  int32_t limit = 0;                      // 0 = only the top position, -1 = all
  bool reverse = false;
};

struct HistoryResult {
  StreamPosition top;  // current top of the stream
  std::vector<PublicationPtr> publications;
  bool epoch_mismatch = false;  // `since` names another epoch
};

class HistoryStore {
 public:
  virtual ~HistoryStore() = default;
  // Appends `pub`, giving it the next offset; returns the positioned publication.
  virtual PublicationPtr Append(const std::string& channel, Publication pub,
                                const HistoryOptions& opts, StreamPosition* position) = 0;
  virtual HistoryResult Read(const std::string& channel, const HistoryFilter& filter) = 0;
  virtual void Remove(const std::string& channel) = 0;
};

}  // namespace livegate
