// ClientSession: the connect and refresh commands (PROTOCOL.md §1.4, §4).
#include <random>

#include "base/uuid.h"
#include "node/node.h"
#include "protocol/push_encoder.h"
#include "runtime/shard.h"
#include "session/client_session.h"
#include "session/session_util.h"

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
  state_ = State::kConnected;
  client_id_ = NewUuid();
  user_ = claims.user;
  conn_info_ = claims.info_json;
  if (claims.exp && !(claims.expire_at && *claims.expire_at == 0)) {
    expires_at_ = claims.expire_at ? *claims.expire_at : *claims.exp;
  }
  shard_.hub().AddSession(client_id_, user_, this);

  std::string out;
  protocol::JsonWriter w(out);
  w.BeginObject().Key("id").UInt(cmd.id).Key("connect").BeginObject();
  w.Field("client", client_id_).Field("version", kServerVersion);
  WriteExpiry(w, expires_at_);
  // Server-side subscriptions named by the token.
  bool any_sub = false;
  auto add_server_sub = [&](const std::string& channel, const std::string& info,
                            const std::string& data) {
    ChannelName name;
    const NamespaceOptions* ns = nullptr;
    if (node_.policy().Resolve(channel, &name, &ns) != nullptr) return;
    if (FindSubscription(channel) != nullptr) return;
    AddSubscription(channel, info);
    if (!any_sub) w.Key("subs").BeginObject();
    any_sub = true;
    w.Key(channel).BeginObject().RawIfSet("data", data).EndObject();
  };
  for (const auto& ch : claims.channels) add_server_sub(ch, "", "");
  for (const auto& sub : claims.subs) add_server_sub(sub.channel, sub.info_json, sub.data_json);
  if (any_sub) w.EndObject();
  w.Key("ping").UInt(static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::seconds>(cfg.ping_interval).count()));
  w.BoolIfSet("pong", cfg.pong_timeout.count() > 0);
  w.EndObject().EndObject();
  Reply(std::move(out));
  next_ping_at_ = Clock::now() + FirstPingDelay(cfg.ping_interval);
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
