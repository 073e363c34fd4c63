#pragma once
// Who is subscribed to a channel, across nodes. Entries expire unless refreshed (sessions
// re-add theirs every client.presence_update_interval), so the sessions of a dead node, or of
// a session that stopped refreshing, never linger. Contract as in broker.h: calls for
// channel C happen on C's owner shard.

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
  using Clock = std::chrono::steady_clock;

  virtual ~PresenceStore() = default;
  // Adds or refreshes the entry of `info.client`; it expires at now + the store's TTL.
  virtual void Add(const std::string& channel, const ClientInfo& info, Clock::time_point now) = 0;
  virtual void Remove(const std::string& channel, const std::string& client) = 0;
  // client id → info, without expired entries.
  virtual std::map<std::string, ClientInfo> Get(const std::string& channel,
                                                Clock::time_point now) = 0;
  virtual PresenceStats Stats(const std::string& channel, Clock::time_point now) = 0;
};

}  // namespace livegate
