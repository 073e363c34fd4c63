// ClientSession: the connect and refresh commands (PROTOCOL.md §1.4, §4).
#include <random>

#include "base/uuid.h"
#include "node/node.h"
#include "protocol/push_encoder.h"
#include "protocol/stream_position_id.h"
#include "runtime/shard.h"
#include "session/client_session.h"
#include "session/session_util.h"
#include "session/stream_position_reply.h"

namespace livegate {

namespace {

constexpr std::string_view kServerVersion = "livegate 0.1.0";

// A random first-ping delay spreads the pings of clients that connected together.
Clock::duration FirstPingDelay(Clock::duration interval) {
  thread_local std::minstd_rand gen{std::random_device{}()};
  auto jitter_ms = std::chrono::duration_cast<std::chrono::milliseconds>(interval).count() / 4;
  return interval + std::chrono::milliseconds(jitter_ms > 0 ? gen() % jitter_ms : 0);
}

// "expires" and "ttl" of connect and refresh results, when the connection expires.
void WriteExpiry(protocol::JsonWriter& w, std::optional<int64_t> expires_at) {
  if (!expires_at) return;
  w.Key("expires").Bool(true).Key("ttl").UInt(
      static_cast<uint64_t>(std::max<int64_t>(0, *expires_at - UnixNow())));
}

}  // namespace

void ClientSession::HandleUniConnect(std::string_view request, std::vector<std::string> channels,
                                     std::string_view last_event_id) {
  protocol::Command cmd;
  cmd.type = protocol::CommandType::kConnect;
  Inc(shard_.metrics().commands[static_cast<size_t>(cmd.type)]);
  if (!request.empty() &&
      protocol::DecodeConnectRequest(request, &cmd.connect) != protocol::DecodeError::kNone) {
    Inc(shard_.metrics().protocol_errors);
    transport_.Close(kDisconnectBadRequest);
    return;
  }
  const auto& cfg = node_.settings().client;
  if (!last_event_id.empty()) {
    // The SSE event id names where the client stopped in each channel: recover from there.
    auto positions = protocol::ParsePositionId(last_event_id, cfg.channel_limit);
    if (!positions) {
      Inc(shard_.metrics().protocol_errors);
      transport_.Close(kDisconnectBadRequest);
      return;
    }
    for (auto& p : *positions) {
      cmd.connect.subs[p.channel] = protocol::SubscribeRecoveryHint{true, p.offset, p.epoch};
    }
  }
  if (channels.size() > cfg.channel_limit) {
    transport_.Close(kDisconnectChannelLimit);
    return;
  }
  requested_channels_ = std::move(channels);
  HandleConnect(cmd);
}

void ClientSession::HandleConnect(const protocol::Command& cmd) {
  const auto& cfg = node_.settings().client;
  auth::ConnectClaims claims;
  if (!cmd.connect.token.empty()) {
    auto verified = node_.verifier().VerifyConnect(cmd.connect.token, UnixNow());
    if (!verified) {
      if (verified.error() == auth::TokenError::kExpired) {
        SendError(cmd.id, kErrorTokenExpired);
        return;
      }
      transport_.Close(kDisconnectInvalidToken);
      return;
    }
    claims = std::move(*verified);
  } else if (!cfg.allow_anonymous_connect_without_token) {
    transport_.Close(kDisconnectBadRequest);
    return;
  }
  // Channels a unidirectional client asks for follow the rules of the subscribe command.
  for (const auto& channel : requested_channels_) {
    ChannelName name;
    const NamespaceOptions* ns = nullptr;
    if (node_.policy().Resolve(channel, &name, &ns) != nullptr ||
        ChannelPolicy::CanSubscribe(name, *ns, ChannelAccess{claims.user, false, false}) !=
            nullptr) {
      transport_.Close(kDisconnectPermissionDenied);
      return;
    }
  }
  state_ = State::kConnected;
  client_id_ = NewUuid();
  user_ = claims.user;
  conn_info_ = claims.info_json;
  if (claims.exp && !(claims.expire_at && *claims.expire_at == 0)) {
    expires_at_ = claims.expire_at ? *claims.expire_at : *claims.exp;
  }
  shard_.hub().AddSession(client_id_, user_, this);

  next_ping_at_ = Clock::time_point::max();  // no ping before the connect reply
  auto pending = std::make_shared<PendingConnect>();
  pending->command_id = cmd.id;
  if (!AddServerSubs(cmd, claims, *pending)) return;
  for (size_t i = 0; i < pending->subs.size(); ++i) {
    ServerSub& sub = pending->subs[i];
    if (!sub.positioned) continue;
    constexpr int32_t kMaxRecovered = 300;
    ++pending->waiting;
    node_.ReadHistory(sub.channel, sub.since, sub.recover, sub.recover ? kMaxRecovered + 1 : 0,
                      false, [this, alive = transport_.lifetime(), pending, i](HistoryResult r) {
                        if (!Alive(alive)) return;
                        pending->subs[i].history = std::move(r);
                        if (--pending->waiting == 0) FinishConnect(*pending);
                      });
  }
  if (pending->waiting == 0) FinishConnect(*pending);
}

bool ClientSession::AddServerSubs(const protocol::Command& cmd, const auth::ConnectClaims& claims,
                                  PendingConnect& pending) {
  auto add = [&](const std::string& channel, const std::string& info, const std::string& data) {
    ChannelName name;
    const NamespaceOptions* ns = nullptr;
    if (node_.policy().Resolve(channel, &name, &ns) != nullptr) return;
    if (FindSubscription(channel) != nullptr) return;
    Subscription& added = AddSubscription(channel, info);
    ServerSub sub;
    sub.channel = channel;
    sub.data = data;
    // Server-side subscriptions are positioned or recoverable when the namespace forces it;
    // the client's connect.subs (or SSE Last-Event-ID) hints where to recover from.
    bool history = ns->HistoryEnabled();
    sub.recoverable = history && ns->force_recovery;
    sub.positioned = history && (sub.recoverable || ns->force_positioning);
    if (auto hint = cmd.connect.subs.find(channel);
        hint != cmd.connect.subs.end() && sub.recoverable) {
      sub.recover = hint->second.recover;
      sub.since = StreamPosition{hint->second.offset, hint->second.epoch};
    }
    if (sub.positioned) {
      sub.pending_id = added.pending_id = ++last_pending_id_;
      ++pending_subs_;
    }
    pending.subs.push_back(std::move(sub));
  };
  for (const auto& ch : claims.channels) add(ch, "", "");
  for (const auto& s : claims.subs) add(s.channel, s.info_json, s.data_json);
  for (const auto& ch : requested_channels_) add(ch, "", "");
  requested_channels_.clear();
  return state_ == State::kConnected;
}

void ClientSession::FinishConnect(const PendingConnect& pending) {
  const auto& cfg = node_.settings().client;
  const TransportInfo& transport = transport_.info();
  std::string out;
  protocol::JsonWriter w(out);
  // Unidirectional clients get the result as a bare push (PROTOCOL.md §2).
  w.BeginObject();
  if (!transport.unidirectional) w.Key("id").UInt(pending.command_id);
  w.Key("connect").BeginObject();
  w.Field("client", client_id_).Field("version", kServerVersion);
  WriteExpiry(w, expires_at_);
  if (!pending.subs.empty()) w.Key("subs").BeginObject();
  std::vector<std::pair<Subscription*, const StreamPosition*>> release;
  for (const ServerSub& s : pending.subs) {
    Subscription* sub = FindSubscription(s.channel);
    w.Key(s.channel).BeginObject();
    if (s.positioned && sub != nullptr && sub->pending_id == s.pending_id) {
      bool recovered = IsRecovered(s.recover, s.since, s.history);
      WriteStreamPosition(w, s.recoverable, s.recover, recovered, s.since, s.history);
      sub->epoch = s.history.top.epoch;
      sub->offset = s.history.top.offset;
      release.emplace_back(sub, &s.history.top);
    }
    w.RawIfSet("data", s.data).EndObject();
  }
  if (!pending.subs.empty()) w.EndObject();
  w.Key("ping").UInt(static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::seconds>(cfg.ping_interval).count()));
  w.BoolIfSet("pong", cfg.pong_timeout.count() > 0 && !transport.unidirectional);
  w.FieldIfSet("session", transport_.session_id());
  if (transport.emulation) w.Field("node", node_.id());
  w.EndObject().EndObject();
  // The reply goes out before anything held back; the SSE id lets EventSource resume.
  auto reply = std::make_shared<const std::string>(std::move(out));
  if (transport.position_ids) {
    transport_.SendWithId(reply, PositionId());
  } else {
    transport_.Send(reply);
  }
  for (auto [sub, top] : release) ReleaseHeld(*sub, *top);
  next_ping_at_ = Clock::now() + FirstPingDelay(cfg.ping_interval);
  next_presence_at_ = Clock::now() + cfg.presence_update_interval;
}

void ClientSession::HandleRefresh(const protocol::Command& cmd) {
  auto verified = node_.verifier().VerifyConnect(cmd.token, UnixNow());
  if (!verified) {
    transport_.Close(verified.error() == auth::TokenError::kExpired ? kDisconnectExpired
                                                                    : kDisconnectInvalidToken);
    return;
  }
  if (verified->user != user_) {
    transport_.Close(kDisconnectInvalidToken);
    return;
  }
  expires_at_.reset();
  if (verified->exp) expires_at_ = verified->expire_at ? *verified->expire_at : *verified->exp;
  std::string out;
  protocol::JsonWriter w(out);
  w.BeginObject().Key("id").UInt(cmd.id).Key("refresh").BeginObject();
  w.Field("client", client_id_).Field("version", kServerVersion);
  WriteExpiry(w, expires_at_);
  w.EndObject().EndObject();
  Reply(std::move(out));
}

void ClientSession::ServerRefresh(bool expired, std::optional<int64_t> expire_at) {
  if (state_ != State::kConnected) return;
  if (expired) {
    transport_.Close(kDisconnectExpired);
    return;
  }
  expires_at_ = expire_at;
  if (expires_at_ && *expires_at_ == 0) expires_at_.reset();
}

}  // namespace livegate
