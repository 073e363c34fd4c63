#pragma once
// Single-node broker: a publication goes straight to the local handler.
// Thread: called on the channel's owner shard. Owned by: Node.

#include "engine/broker.h"

namespace livegate {

class MemoryBroker final : public Broker {
 public:
  void SetHandler(BrokerHandler* handler) override { handler_ = handler; }
  void Publish(const std::string& channel, PublicationPtr pub) override {
    handler_->HandlePublication(channel, std::move(pub));
  }
  void Subscribe(const std::string&) override {}
  void Unsubscribe(const std::string&) override {}

 private:
  BrokerHandler* handler_ = nullptr;
};

}  // namespace livegate
