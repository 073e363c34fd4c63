#pragma once
// The composition root of a running server: shards, channel policy, token verifier, engine
// (broker + history + presence) and RPC registry. Sessions, the server API and applications
// reach the rest of the system only through it.
//
// Threads: methods marked "any shard" may be called from any shard thread and answer through a
// callback run on the calling shard; the rest are start-up only.

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "auth/jwt_verifier.h"
#include "config/settings.h"
#include "core/channel_policy.h"
#include "core/publication.h"
#include "core/reply_error.h"
#include "engine/broker.h"
#include "engine/history_store.h"
#include "engine/idempotency_cache.h"
#include "engine/presence_store.h"
#include "node/rpc_registry.h"
#include "runtime/emulation_directory.h"
#include "runtime/shard.h"

namespace livegate {

struct PublishRequest {
  std::string channel;
  Publication publication;
  bool skip_history = false;
  std::string idempotency_key;  // "" = none; a repeat within 5 minutes is not published again
  bool delta = false;           // also send as a fossil delta to subscribers that negotiated it
};

using PublishDone = std::function<void(const ReplyError* error, StreamPosition position)>;

class Node final : private BrokerHandler {
 public:
  Node(Settings settings, auth::JwtVerifier verifier);
  ~Node() override;

  // Starts the shard threads; the calling thread stays free (it waits for signals in main).
  void Start();
  // Blocks until every shard thread has exited (after Stop()).
  void Join();
  // Stops the event loops now.
  void Stop();

  const Settings& settings() const { return settings_; }
  const ChannelPolicy& policy() const { return policy_; }
  const auth::JwtVerifier& verifier() const { return verifier_; }
  RpcRegistry& rpc() { return rpc_; }
  // Any thread: the emulated sessions of this node, for POST /emulation.
  EmulationDirectory& emulation() { return emulation_; }
  const std::string& id() const { return id_; }
  uint32_t shard_count() const { return static_cast<uint32_t>(shards_.size()); }
  Shard& shard(uint32_t i) { return *shards_[i]; }
  // The shard whose thread is calling, or nullptr off-shard.
  static Shard* CurrentShard();
  std::chrono::steady_clock::time_point started_at() const { return started_at_; }
  bool shutting_down() const { return shutting_down_.load(std::memory_order_relaxed); }
  void set_shutting_down() { shutting_down_.store(true, std::memory_order_relaxed); }

  // Any shard. Publishes to a channel whose name the caller validated.
  void Publish(PublishRequest req, PublishDone done);
  // Any shard. Pushes pre-encoded bytes to every subscriber of `channel` on all shards that
  // has the `required` SubscriberFlag bits. `offset`: the publication's stream offset, if any.
  // `delta`: the encoding for subscribers that negotiated fossil deltas, if any.
  void BroadcastEncoded(const std::string& channel, SharedBuffer push, uint8_t required = 0,
                        uint64_t offset = 0, std::shared_ptr<const DeltaPushes> delta = nullptr);
  // Any shard. The first/last subscriber of a channel on the calling shard.
  void OnFirstSubscriber(const std::string& channel);
  void OnLastSubscriber(const std::string& channel);

  // Any shard: presence and history run on the channel's owner shard.
  void AddPresence(const std::string& channel, ClientInfo info);
  void RemovePresence(const std::string& channel, std::string client);
  void GetPresence(const std::string& channel,
                   std::function<void(std::map<std::string, ClientInfo>)> done);
  void GetPresenceStats(const std::string& channel, std::function<void(PresenceStats)> done);
  void ReadHistory(const std::string& channel, StreamPosition since, bool has_since, int32_t limit,
                   bool reverse, std::function<void(HistoryResult)> done);
  void RemoveHistory(const std::string& channel, std::function<void()> done);

  // Any shard: runs fn(shard) on every shard, then done() on the calling shard.
  void ForEachShard(std::function<void(Shard&)> fn, std::function<void()> done);

 private:
  void HandlePublication(const std::string& channel, PublicationPtr pub) override;
  // On the owner shard: computes pub.delta from the stream's newest publication.
  void AttachDelta(const std::string& channel, Publication& pub);
  // Runs fn on the owner shard of `channel`, then posts its result back to the caller.
  template <class Result>
  void OnOwner(const std::string& channel, std::function<Result()> fn,
               std::function<void(Result)> done);

  Settings settings_;
  auth::JwtVerifier verifier_;
  ChannelPolicy policy_;
  RpcRegistry rpc_;
  EmulationDirectory emulation_;
  std::string id_;
  std::vector<std::unique_ptr<Shard>> shards_;
  std::vector<std::thread> threads_;
  std::unique_ptr<Broker> broker_;
  std::unique_ptr<HistoryStore> history_;
  std::unique_ptr<PresenceStore> presence_;
  std::vector<IdempotencyCache> idempotency_;  // one per owner shard
  std::chrono::steady_clock::time_point started_at_;
  std::atomic<bool> shutting_down_{false};
  // Set once the shard threads are joined: sessions dying with their shard post nothing.
  bool destroying_ = false;
};

}  // namespace livegate
