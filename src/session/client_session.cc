#include "session/client_session.h"

#include <random>

#include "node/node.h"
#include "protocol/push_encoder.h"
#include "protocol/stream_position_id.h"
#include "runtime/shard.h"
#include "session/session_util.h"

namespace livegate {

using protocol::CommandType;

ClientSession::ClientSession(Node& node, Shard& shard, Transport& transport)
    : node_(node), shard_(shard), transport_(transport), created_at_(Clock::now()) {
  last_seen_ = created_at_;
}

ClientSession::~ClientSession() { Teardown(); }

void ClientSession::HandleMessage(std::string_view message) {
  if (state_ == State::kClosed) return;
  last_seen_ = Clock::now();
  uint32_t limit = node_.settings().client.max_commands_per_message;
  uint32_t count = 0;
  while (!message.empty() && state_ != State::kClosed) {
    size_t nl = message.find('\n');
    std::string_view line = message.substr(0, nl);
    message.remove_prefix(nl == std::string_view::npos ? message.size() : nl + 1);
    if (line.empty() || (line.size() == 1 && line[0] == '\r')) continue;
    if (++count > limit) {
      Inc(shard_.metrics().protocol_errors);
      transport_.Close(kDisconnectBadRequest);
      return;
    }
    protocol::Command cmd;
    if (protocol::DecodeCommand(line, &cmd) != protocol::DecodeError::kNone) {
      Inc(shard_.metrics().protocol_errors);
      transport_.Close(kDisconnectBadRequest);
      return;
    }
    HandleCommand(cmd);
  }
}

void ClientSession::HandleCommand(protocol::Command& cmd) {
  Inc(shard_.metrics().commands[static_cast<size_t>(cmd.type)]);
  // The first command must be connect, and only the first (PROTOCOL.md §1.1).
  if ((state_ == State::kConnecting) != (cmd.type == CommandType::kConnect)) {
    transport_.Close(kDisconnectBadRequest);
    return;
  }
  switch (cmd.type) {
    case CommandType::kConnect:
      return HandleConnect(cmd);
    case CommandType::kSubscribe:
      return HandleSubscribe(cmd);
    case CommandType::kUnsubscribe:
      return HandleUnsubscribe(cmd);
    case CommandType::kPublish:
      return HandlePublish(cmd);
    case CommandType::kPresence:
      return HandlePresence(cmd, false);
    case CommandType::kPresenceStats:
      return HandlePresence(cmd, true);
    case CommandType::kHistory:
      return HandleHistory(cmd);
    case CommandType::kRpc:
      return HandleRpc(cmd);
    case CommandType::kRefresh:
      return HandleRefresh(cmd);
    case CommandType::kSubRefresh:
      return HandleSubRefresh(cmd);
    case CommandType::kPong:
      return HandlePong();
    case CommandType::kSend:
      // No asynchronous message handler is registered on the server side.
      return transport_.Close(kDisconnectNotAvailable);
    case CommandType::kPing:
      // Client pings do not exist in protocol v2; the server pings.
      return transport_.Close(kDisconnectBadRequest);
  }
}

void ClientSession::HandlePong() {
  if (!ping_outstanding_) {
    transport_.Close(kDisconnectBadRequest);  // unnecessary pong
    return;
  }
  ping_outstanding_ = false;
}

void ClientSession::Tick(Clock::time_point now) {
  const auto& cfg = node_.settings().client;
  if (state_ == State::kConnecting) {
    if (now - created_at_ >= cfg.stale_close_delay) transport_.Close(kDisconnectStale);
    return;
  }
  if (state_ != State::kConnected) return;
  if (expires_at_ && UnixNow() >= *expires_at_) {
    transport_.Close(kDisconnectExpired);
    return;
  }
  if (ping_outstanding_ && cfg.pong_timeout.count() > 0 && last_seen_ < ping_sent_at_ &&
      now - ping_sent_at_ >= cfg.pong_timeout) {
    Inc(shard_.metrics().disconnects_no_pong);
    transport_.Close(kDisconnectNoPong);
    return;
  }
  if (now >= next_presence_at_) {
    // Re-adding keeps the entries alive in the engine; a dead node's entries expire instead.
    for (const auto& sub : subs_) {
      if (sub.presence) node_.AddPresence(sub.channel, Info(&sub));
    }
    next_presence_at_ = now + cfg.presence_update_interval;
  }
  if (now >= next_ping_at_) {
    static const SharedBuffer kPing = std::make_shared<const std::string>(protocol::kPingMessage);
    transport_.Send(kPing);
    ping_sent_at_ = now;
    ping_outstanding_ = !transport_.info().unidirectional && cfg.pong_timeout.count() > 0;
    next_ping_at_ = now + cfg.ping_interval;
  }
}

void ClientSession::Teardown() {
  if (state_ == State::kClosed) return;
  bool was_connected = state_ == State::kConnected;
  state_ = State::kClosed;
  if (!was_connected) return;
  while (!subs_.empty()) RemoveSubscription(subs_.size() - 1);
  shard_.hub().RemoveSession(client_id_, user_, this);
}

void ClientSession::Deliver(const SharedBuffer& push, std::string_view channel, uint64_t offset) {
  if (pending_subs_ == 0 && !transport_.info().position_ids) {
    transport_.Send(push);  // the fast path of fan-out
    return;
  }
  Subscription* sub = FindSubscription(channel);
  if (sub != nullptr && sub->pending_id != 0) {
    sub->held.emplace_back(offset, push);
    return;
  }
  SendPublication(sub, push, offset);
}

void ClientSession::DeliverDelta(const DeltaPushes& pushes, std::string_view channel,
                                 uint64_t offset) {
  Subscription* sub = FindSubscription(channel);
  if (sub == nullptr) return;
  if (sub->pending_id != 0) {
    sub->held.emplace_back(offset, pushes.full);  // sent after the reply, in full
    return;
  }
  if (offset == 0) {
    // Outside the stream (skip_history): full data, and the next delta's base is gone.
    sub->has_delta_base = false;
    transport_.Send(pushes.full);
    return;
  }
  // A delta only applies to the publication just before it, which the client must hold.
  bool use_delta = pushes.delta && sub->has_delta_base && sub->offset + 1 == offset;
  SendPublication(sub, use_delta ? pushes.delta : pushes.full, offset);
}

void ClientSession::SendPublication(Subscription* sub, SharedBuffer push, uint64_t offset) {
  if (sub == nullptr || offset == 0 || sub->epoch.empty()) {
    transport_.Send(std::move(push));
    return;
  }
  sub->offset = offset;
  sub->has_delta_base = sub->delta;
  if (transport_.info().position_ids) {
    transport_.SendWithId(std::move(push), PositionId());
  } else {
    transport_.Send(std::move(push));
  }
}

std::string ClientSession::PositionId() const {
  std::string id;
  for (const auto& s : subs_) {
    if (!s.epoch.empty()) protocol::AppendPositionEntry(id, s.channel, s.offset, s.epoch);
  }
  return id;
}

void ClientSession::Reply(std::string message) {
  transport_.Send(std::make_shared<const std::string>(std::move(message)));
}

void ClientSession::SendError(uint32_t id, const livegate::ReplyError& error) {
  Inc(shard_.metrics().reply_errors);
  if (error.code >= 100 && error.code < 114) {
    Inc(shard_.metrics().reply_errors_by_code[error.code - 100]);
  }
  if (transport_.info().unidirectional) {
    // No replies on a one-way stream: the error ends the connection.
    transport_.Close(error.code == kErrorTokenExpired.code ? kDisconnectExpired
                                                           : kDisconnectBadRequest);
    return;
  }
  Reply(protocol::EncodeErrorReply(id, error));
}

ClientSession::Subscription* ClientSession::FindSubscription(std::string_view channel) {
  for (auto& s : subs_) {
    if (s.channel == channel) return &s;
  }
  return nullptr;
}

ClientInfo ClientSession::Info(const Subscription* sub) const {
  return ClientInfo{user_, client_id_, conn_info_, sub != nullptr ? sub->chan_info : ""};
}

}  // namespace livegate
