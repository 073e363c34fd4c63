#pragma once
// Moves publications between nodes. The memory broker delivers locally; a Redis broker (later)
// goes through Redis pub/sub so every node's BrokerHandler sees every publication.
//
// Contract: Node calls every method for channel C on C's owner shard; implementations may keep
// per-shard state without locks. Publish is at-most-once to other nodes; the handler is called
// on the owner shard of the channel.

#include <functional>
#include <string>

#include "core/publication.h"

namespace livegate {

class BrokerHandler {
 public:
  virtual ~BrokerHandler() = default;
  // A publication to fan out to local subscribers (from this node or another one).
  virtual void HandlePublication(const std::string& channel, PublicationPtr pub) = 0;
};

class Broker {
 public:
  virtual ~Broker() = default;
  virtual void SetHandler(BrokerHandler* handler) = 0;
  // Sends `pub` (already positioned by the history store, if any) to every node.
  virtual void Publish(const std::string& channel, PublicationPtr pub) = 0;
  // The first/last local subscriber of a channel came/went (Redis subscribes on demand).
  virtual void Subscribe(const std::string& channel) = 0;
  virtual void Unsubscribe(const std::string& channel) = 0;
};

}  // namespace livegate
