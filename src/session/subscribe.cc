// ClientSession: subscribe, unsubscribe, sub_refresh and server-side subscriptions.
#include "node/node.h"
#include "protocol/push_encoder.h"
#include "runtime/shard.h"
#include "session/client_session.h"
#include "session/session_util.h"
#include "session/stream_position_reply.h"

namespace livegate {

void ClientSession::HandleSubscribe(const protocol::Command& cmd) {
  const auto& req = cmd.subscribe;
  if (req.channel.empty()) {
    transport_.Close(kDisconnectBadRequest);
    return;
  }
  ChannelName name;
  const NamespaceOptions* ns = nullptr;
  if (const auto* err = node_.policy().Resolve(req.channel, &name, &ns)) {
    return SendError(cmd.id, *err);
  }
  if (FindSubscription(req.channel) != nullptr) return SendError(cmd.id, kErrorAlreadySubscribed);
  if (subs_.size() >= node_.settings().client.channel_limit) {
    return SendError(cmd.id, kErrorLimitExceeded);
  }
  ChannelAccess who{user_, false, false};
  std::string chan_info;
  std::string data;
  if (!req.token.empty()) {
    auto verified = node_.verifier().VerifySubscription(req.token, UnixNow());
    if (!verified) {
      return SendError(cmd.id, verified.error() == auth::TokenError::kExpired
                                   ? kErrorTokenExpired
                                   : kErrorPermissionDenied);
    }
    if (verified->channel != req.channel || verified->user != user_) {
      transport_.Close(kDisconnectInvalidToken);
      return;
    }
    who.has_valid_token = true;
    chan_info = std::move(verified->info_json);
    data = std::move(verified->data_json);
  }
  if (const auto* err = ChannelPolicy::CanSubscribe(name, *ns, who)) {
    return SendError(cmd.id, *err);
  }
  // Presence permissions also gate join/leave pushes a client asks for.
  bool wants_join_leave =
      req.join_leave && ChannelPolicy::CanReadPresence(*ns, {user_, false, true}) == nullptr;
  bool history = ns->HistoryEnabled();
  bool recoverable = history && (ns->force_recovery || (ns->allow_recovery && req.recoverable));
  bool positioned = history && (recoverable || ns->force_positioning ||
                                (ns->allow_positioning && req.positioned));
  if (!req.delta.empty() && req.delta != "fossil") return SendError(cmd.id, kErrorBadRequest);
  // Deltas need the stream: the client must know it holds the previous publication.
  bool delta = !req.delta.empty() && ns->AllowsFossil() && positioned;
  Subscription& sub = AddSubscription(req.channel, std::move(chan_info), wants_join_leave, delta);
  if (positioned) {
    // The reply needs the stream position from the channel's owner shard; publications
    // arriving until then are held so that none is lost or sent before the reply.
    constexpr uint32_t kRejectUnrecoveredFlag = 2;
    sub.pending_id = ++last_pending_id_;
    ++pending_subs_;
    bool recover = recoverable && req.recover;
    PositionRequest pr{cmd.id,
                       sub.pending_id,
                       recoverable,
                       recover,
                       (req.flag & kRejectUnrecoveredFlag) != 0,
                       StreamPosition{req.offset, req.epoch},
                       std::move(data),
                       delta};
    node_.ReadHistory(req.channel, pr.since, recover, recover ? kMaxRecoveredPublications + 1 : 0,
                      false,
                      [this, alive = transport_.lifetime(), channel = req.channel,
                       pr = std::move(pr)](HistoryResult r) {
                        if (Alive(alive)) FinishPositionedSubscribe(channel, pr, r);
                      });
    return;
  }
  std::string out;
  protocol::JsonWriter w(out);
  w.BeginObject().Key("id").UInt(cmd.id).Key("subscribe").BeginObject();
  w.RawIfSet("data", data).EndObject().EndObject();
  Reply(std::move(out));
}

void ClientSession::FinishPositionedSubscribe(const std::string& channel,
                                              const PositionRequest& req, const HistoryResult& r) {
  Subscription* sub = FindSubscription(channel);
  if (sub == nullptr || sub->pending_id != req.pending_id) return;  // unsubscribed meanwhile
  bool recovered = IsRecovered(req.recover, req.since, r);
  if (req.recover && !recovered && req.reject_unrecovered) {
    for (size_t i = 0; i < subs_.size(); ++i) {
      if (subs_[i].channel == channel) {
        --pending_subs_;
        subs_[i].pending_id = 0;
        RemoveSubscription(i);
        break;
      }
    }
    return SendError(req.command_id, kErrorUnrecoverablePosition);
  }
  std::string out;
  protocol::JsonWriter w(out);
  w.BeginObject().Key("id").UInt(req.command_id).Key("subscribe").BeginObject();
  WriteStreamPosition(
      w, req.recoverable, req.recover, recovered, req.since, r,
      req.delta ? protocol::PublicationForm::kString : protocol::PublicationForm::kEmbedded);
  w.BoolIfSet("delta", req.delta);
  w.RawIfSet("data", req.data).EndObject().EndObject();
  Reply(std::move(out));
  ReleaseHeld(*sub, r.top);
  // Recovered publications went out in full: the client holds the newest of them.
  if (req.delta && recovered && !r.publications.empty() && sub->offset == r.top.offset) {
    sub->has_delta_base = true;
  }
}

void ClientSession::ReleaseHeld(Subscription& sub, const StreamPosition& top) {
  // Release what arrived meanwhile; what the reply already covers is dropped.
  sub.epoch = top.epoch;
  sub.offset = top.offset;
  sub.pending_id = 0;
  --pending_subs_;
  std::vector<std::pair<uint64_t, SharedBuffer>> held;
  held.swap(sub.held);
  for (auto& [offset, push] : held) {
    if (offset == 0 || offset > top.offset) SendPublication(&sub, std::move(push), offset);
  }
}

void ClientSession::HandleUnsubscribe(const protocol::Command& cmd) {
  for (size_t i = 0; i < subs_.size(); ++i) {
    if (subs_[i].channel == cmd.channel) {
      RemoveSubscription(i);
      break;
    }
  }
  Reply(protocol::EncodeEmptyReply(cmd.id, "unsubscribe"));
}

void ClientSession::HandleSubRefresh(const protocol::Command& cmd) {
  if (FindSubscription(cmd.channel) == nullptr) return SendError(cmd.id, kErrorPermissionDenied);
  auto verified = node_.verifier().VerifySubscription(cmd.token, UnixNow());
  if (!verified) {
    if (verified.error() == auth::TokenError::kExpired) {
      transport_.Close(kDisconnectSubExpired);
      return;
    }
    return SendError(cmd.id, kErrorPermissionDenied);
  }
  if (verified->channel != cmd.channel || verified->user != user_) {
    transport_.Close(kDisconnectInvalidToken);
    return;
  }
  std::string out;
  protocol::JsonWriter w(out);
  w.BeginObject().Key("id").UInt(cmd.id).Key("sub_refresh").BeginObject();
  if (verified->exp) {
    w.Key("expires").Bool(true).Key("ttl").UInt(
        static_cast<uint64_t>(std::max<int64_t>(0, *verified->exp - UnixNow())));
  }
  w.EndObject().EndObject();
  Reply(std::move(out));
}

ClientSession::Subscription& ClientSession::AddSubscription(const std::string& channel,
                                                            std::string chan_info,
                                                            bool wants_join_leave, bool delta) {
  ChannelName name;
  const NamespaceOptions* ns = nullptr;
  node_.policy().Resolve(channel, &name, &ns);
  Subscription sub{channel, std::move(chan_info), ns->presence, ns->join_leave, 0, {}, {}, 0, delta,
                   false};
  // Join/leave pushes reach the subscribers that asked for them, or all when forced.
  bool push_join_leave = ns->join_leave && (ns->force_push_join_leave || wants_join_leave);
  uint8_t flags = (push_join_leave ? kWantsJoinLeave : 0) | (delta ? kDeltaFossil : 0);
  if (shard_.hub().Subscribe(channel, this, flags)) node_.OnFirstSubscriber(channel);
  Inc(shard_.metrics().subscriptions);
  if (sub.presence) node_.AddPresence(channel, Info(&sub));
  if (sub.join_leave) {
    node_.BroadcastEncoded(
        channel, std::make_shared<const std::string>(protocol::EncodeJoinPush(channel, Info(&sub))),
        kWantsJoinLeave);
  }
  subs_.push_back(std::move(sub));
  return subs_.back();
}

void ClientSession::RemoveSubscription(size_t index) {
  Subscription sub = std::move(subs_[index]);
  if (sub.pending_id != 0) --pending_subs_;
  subs_.erase(subs_.begin() + static_cast<std::ptrdiff_t>(index));
  if (shard_.hub().Unsubscribe(sub.channel, this)) node_.OnLastSubscriber(sub.channel);
  Dec(shard_.metrics().subscriptions);
  if (sub.presence) node_.RemovePresence(sub.channel, client_id_);
  if (sub.join_leave) {
    node_.BroadcastEncoded(
        sub.channel,
        std::make_shared<const std::string>(protocol::EncodeLeavePush(sub.channel, Info(&sub))),
        kWantsJoinLeave);
  }
}

void ClientSession::ServerSubscribe(const std::string& channel, std::string chan_info, bool push) {
  if (state_ != State::kConnected || FindSubscription(channel) != nullptr) return;
  AddSubscription(channel, std::move(chan_info));
  if (!push) return;
  std::string out;
  protocol::JsonWriter w(out);
  w.BeginObject().Key("push").BeginObject().Field("channel", channel);
  w.Key("subscribe").BeginObject().EndObject().EndObject().EndObject();
  Reply(std::move(out));
}

void ClientSession::ServerUnsubscribe(const std::string& channel) {
  for (size_t i = 0; i < subs_.size(); ++i) {
    if (subs_[i].channel != channel) continue;
    RemoveSubscription(i);
    Reply(protocol::EncodeUnsubscribePush(channel, 2000, "server unsubscribe"));
    return;
  }
}

}  // namespace livegate
