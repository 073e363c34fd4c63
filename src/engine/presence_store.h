#pragma once
// Who is subscribed to a channel, across nodes. Entries expire unless refreshed, so a dead
// node's sessions never linger. Contract as in broker.h: calls for channel C happen on C's
// owner shard.

#include <chrono>
#include <map>
#include <string>

#include "core/publication.h"

namespace livegate {

struct PresenceStats {
  uint32_t num_clients = 0;
  uint32_t num_users = 0;
};

class PresenceStore {
 public:
  virtual ~PresenceStore() = default;
  virtual void Add(const std::string& channel, const ClientInfo& info) = 0;
  virtual void Remove(const std::string& channel, const std::string& client) = 0;
  // client id → info
  virtual std::map<std::string, ClientInfo> Get(const std::string& channel) = 0;
  virtual PresenceStats Stats(const std::string& channel) = 0;
};

}  // namespace livegate
