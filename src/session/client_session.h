#pragma once
// The protocol state machine of one client connection (PROTOCOL.md §1): decodes commands,
// enforces the order connect → everything else, runs each command, keeps the subscriptions,
// and sends pings. It talks to the network only through Transport, so WebSocket, SSE and
// HTTP-streaming connections share it.
// Thread: owner shard only. Owned by: the connection object that implements its Transport.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/token_claims.h"
#include "core/disconnect.h"
#include "core/reply_error.h"
#include "engine/history_store.h"
#include "hub/shard_hub.h"
#include "protocol/commands.h"
#include "runtime/connection.h"
#include "transport/transport.h"

namespace livegate {

class Node;
class Shard;

class ClientSession final : public HubSession {
 public:
  ClientSession(Node& node, Shard& shard, Transport& transport);
  ~ClientSession() override;

  // One incoming message (newline-delimited commands).
  void HandleMessage(std::string_view message);
  // Opens a unidirectional connection (PROTOCOL.md §2): `request` is a bare ConnectRequest
  // ("" = {}); `channels` are channels the client asks for (subscribed under the same rules
  // as the subscribe command); `last_event_id` is the SSE Last-Event-ID to recover from.
  void HandleUniConnect(std::string_view request, std::vector<std::string> channels,
                        std::string_view last_event_id);
  // Pings, pong timeout, handshake timeout and connection expiry.
  void Tick(Clock::time_point now);
  // The transport is gone: leave every channel and the hub. Idempotent.
  void Teardown();

  void Deliver(const SharedBuffer& push, std::string_view channel, uint64_t offset) override;
  void DeliverDelta(const DeltaPushes& pushes, std::string_view channel, uint64_t offset) override;

  bool connected() const { return state_ == State::kConnected; }
  const std::string& client_id() const { return client_id_; }
  const std::string& user() const { return user_; }

  // Server-side operations (server API, token claims); `push` tells the client.
  void ServerSubscribe(const std::string& channel, std::string chan_info, bool push);
  void ServerUnsubscribe(const std::string& channel);
  void Disconnect(livegate::Disconnect reason) { transport_.Close(reason); }
  // Server API refresh: ends the connection (`expired`) or moves its expiry.
  void ServerRefresh(bool expired, std::optional<int64_t> expire_at);

 private:
  enum class State : uint8_t { kConnecting, kConnected, kClosed };

  struct Subscription {
    std::string channel;
    std::string chan_info;  // raw JSON from the subscription token, "" if none
    bool presence = false;
    bool join_leave = false;  // the namespace emits join/leave events for this channel
    // Non-zero while the subscribe reply waits for the stream position: publications that
    // arrive meanwhile are held here and sent after the reply, without duplicates.
    uint32_t pending_id = 0;
    std::vector<std::pair<uint64_t, SharedBuffer>> held;
    // The stream position the client has reached; epoch "" while not positioned.
    std::string epoch;
    uint64_t offset = 0;
    bool delta = false;           // negotiated fossil deltas
    bool has_delta_base = false;  // the client holds the publication at `offset`
  };

  // A server-side subscription of the connect reply (token channels, requested channels).
  struct ServerSub {
    std::string channel;
    std::string data;  // raw JSON for the reply, "" if none
    bool positioned = false;
    bool recoverable = false;
    bool recover = false;
    StreamPosition since;
    uint32_t pending_id = 0;
    HistoryResult history;
  };
  // The connect reply waits for the stream positions of its positioned subscriptions.
  struct PendingConnect {
    uint32_t command_id = 0;
    std::vector<ServerSub> subs;
    size_t waiting = 0;
  };

  // What a positioned subscribe asked for, kept until the stream position arrives.
  struct PositionRequest {
    uint32_t command_id;
    uint32_t pending_id;
    bool recoverable;
    bool recover;
    bool reject_unrecovered;
    StreamPosition since;
    std::string data;
    bool delta;
  };

  void HandleCommand(protocol::Command& cmd);
  void HandleConnect(const protocol::Command& cmd);
  // Adds the token's (and the uni request's) subscriptions; false when the connection closed.
  bool AddServerSubs(const protocol::Command& cmd, const auth::ConnectClaims& claims,
                     PendingConnect& pending);
  void FinishConnect(const PendingConnect& pending);
  void HandleSubscribe(const protocol::Command& cmd);
  void HandleUnsubscribe(const protocol::Command& cmd);
  void HandlePublish(const protocol::Command& cmd);
  void HandlePresence(const protocol::Command& cmd, bool stats);
  void HandleHistory(const protocol::Command& cmd);
  void HandleRpc(const protocol::Command& cmd);
  void HandleRefresh(const protocol::Command& cmd);
  void HandleSubRefresh(const protocol::Command& cmd);
  // Answers a positioned (and maybe recovering) subscribe once the owner shard told the
  // stream position, then releases the publications held meanwhile.
  void FinishPositionedSubscribe(const std::string& channel, const PositionRequest& req,
                                 const HistoryResult& history);
  void HandlePong();
  // Sends a publication of `channel` (offset 0 = not in a stream), tracking the position.
  void SendPublication(Subscription* sub, SharedBuffer push, uint64_t offset);
  // Ends a subscription's wait for its position: releases the held publications newer than
  // `top` and remembers the position.
  void ReleaseHeld(Subscription& sub, const StreamPosition& top);
  // The SSE event id: positions of every positioned subscription.
  std::string PositionId() const;

  // Adds the subscription to the hub, presence and join/leave; returns it.
  // `wants_join_leave`: the client asked for join/leave pushes (and may have them).
  Subscription& AddSubscription(const std::string& channel, std::string chan_info,
                                bool wants_join_leave = false, bool delta = false);
  void RemoveSubscription(size_t index);
  Subscription* FindSubscription(std::string_view channel);
  ClientInfo Info(const Subscription* sub) const;

  void Reply(std::string message);
  void SendError(uint32_t id, const livegate::ReplyError& error);
  // For asynchronous replies: true while the session (and its connection) still lives.
  bool Alive(const std::weak_ptr<void>& lifetime) const {
    return !lifetime.expired() && state_ == State::kConnected;
  }

  Node& node_;
  Shard& shard_;
  Transport& transport_;
  State state_ = State::kConnecting;
  bool ping_outstanding_ = false;
  Clock::time_point created_at_;
  Clock::time_point next_ping_at_{};
  Clock::time_point ping_sent_at_{};
  Clock::time_point last_seen_{};
  Clock::time_point next_presence_at_{};  // refresh of this connection's presence entries
  std::optional<int64_t> expires_at_;     // connection expiry, unix seconds
  std::string client_id_;
  std::string user_;
  std::string conn_info_;
  std::vector<Subscription> subs_;
  std::vector<std::string> requested_channels_;  // uni transports: channels asked for
  uint32_t pending_subs_ = 0;                    // subscriptions waiting for their position
  uint32_t last_pending_id_ = 0;  // tells a late answer from one for a newer subscribe
};

}  // namespace livegate
