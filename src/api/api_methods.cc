#include "api/api_methods.h"

#include <boost/json.hpp>
#include <unordered_map>

#include "node/node.h"
#include "protocol/json_writer.h"
#include "protocol/push_encoder.h"
#include "session/client_session.h"

namespace livegate {
namespace json = boost::json;

namespace {

ApiResult Error(const ReplyError& e, std::string message = {}) {
  return ApiResult{&e, std::move(message), {}};
}

// Reads a string param; false when present with another type.
bool GetString(const json::object& p, std::string_view key, std::string* out) {
  const json::value* v = p.if_contains(key);
  if (v == nullptr || v->is_null()) return true;
  if (!v->is_string()) return false;
  *out = std::string(v->get_string());
  return true;
}

std::string Raw(const json::object& p, std::string_view key) {
  const json::value* v = p.if_contains(key);
  return v == nullptr || v->is_null() ? std::string() : json::serialize(*v);
}

// Reads the required "channel" param and finds its namespace options.
const ReplyError* ChannelParam(Node& node, const json::object& p, std::string* channel,
                               const NamespaceOptions** ns) {
  if (!GetString(p, "channel", channel) || channel->empty()) return &kErrorBadRequest;
  ChannelName name;
  return node.policy().Resolve(*channel, &name, ns);
}

std::string PositionResult(const StreamPosition& pos) {
  std::string out;
  protocol::JsonWriter w(out);
  w.BeginObject().UIntIfSet("offset", pos.offset).FieldIfSet("epoch", pos.epoch).EndObject();
  return out;
}

// Validates and publishes to one channel.
void PublishOne(Node& node, const std::string& channel, const json::object& p, ApiDone done) {
  std::string data = Raw(p, "data");
  if (channel.empty()) return done(Error(kErrorBadRequest, "channel required"));
  if (data.empty()) return done(Error(kErrorBadRequest, "data required"));
  PublishRequest req{
      channel, Publication{std::move(data), std::nullopt, 0, {}, {}}, false, {}, false};
  if (!GetString(p, "idempotency_key", &req.idempotency_key)) {
    return done(Error(kErrorBadRequest, "idempotency_key must be a string"));
  }
  if (const json::value* skip = p.if_contains("skip_history"); skip && skip->is_bool()) {
    req.skip_history = skip->get_bool();
  }
  if (const json::value* delta = p.if_contains("delta"); delta && delta->is_bool()) {
    req.delta = delta->get_bool();
  }
  if (const json::value* tags = p.if_contains("tags"); tags && tags->is_object()) {
    for (const auto& [k, v] : tags->get_object()) {
      if (!v.is_string()) return done(Error(kErrorBadRequest, "tags must be strings"));
      req.publication.tags.emplace_back(std::string(k), std::string(v.get_string()));
    }
  }
  node.Publish(std::move(req), [done](const ReplyError* err, StreamPosition pos) {
    if (err != nullptr) return done(Error(*err));
    done(ApiResult{nullptr, {}, PositionResult(pos)});
  });
}

void Publish(Node& node, const json::object& p, ApiDone done) {
  std::string channel;
  if (!GetString(p, "channel", &channel)) return done(Error(kErrorBadRequest, "bad channel"));
  PublishOne(node, channel, p, std::move(done));
}

void Broadcast(Node& node, const json::object& p, ApiDone done) {
  const json::value* chans = p.if_contains("channels");
  if (chans == nullptr || !chans->is_array() || chans->get_array().empty()) {
    return done(Error(kErrorBadRequest, "channels required"));
  }
  std::vector<std::string> channels;
  for (const auto& c : chans->get_array()) {
    if (!c.is_string()) return done(Error(kErrorBadRequest, "channels must be strings"));
    channels.emplace_back(c.get_string());
  }
  struct State {
    std::vector<std::string> replies;
    size_t remaining;
  };
  auto st =
      std::make_shared<State>(State{std::vector<std::string>(channels.size()), channels.size()});
  for (size_t i = 0; i < channels.size(); ++i) {
    PublishOne(node, channels[i], p, [st, i, done](ApiResult r) {
      std::string out;
      protocol::JsonWriter w(out);
      w.BeginObject();
      if (r.error != nullptr) {
        w.Key("error").BeginObject().Key("code").UInt(r.error->code);
        w.Field("message", r.error_message.empty() ? r.error->message : r.error_message);
        w.EndObject();
      } else {
        w.Key("result").Raw(r.result);
      }
      w.EndObject();
      st->replies[i] = std::move(out);
      if (--st->remaining != 0) return;
      std::string res = "{\"responses\":[";
      for (size_t j = 0; j < st->replies.size(); ++j) res += (j ? "," : "") + st->replies[j];
      done(ApiResult{nullptr, {}, res + "]}"});
    });
  }
}

// Runs fn on every local session matching user (and client, when given) on every shard.
void ForMatchingSessions(Node& node, std::string user, std::string client,
                         std::function<void(ClientSession&)> fn, ApiDone done) {
  node.ForEachShard(
      [user = std::move(user), client = std::move(client), fn = std::move(fn)](Shard& shard) {
        // Copy: fn may change the user's session list.
        auto sessions = shard.hub().UserSessions(user);
        for (HubSession* h : sessions) {
          auto* s = static_cast<ClientSession*>(h);
          if (client.empty() || s->client_id() == client) fn(*s);
        }
      },
      [done] { done(ApiResult{}); });
}

bool ReadUserAndClient(const json::object& p, std::string* user, std::string* client) {
  return GetString(p, "user", user) && GetString(p, "client", client);
}

void Subscribe(Node& node, const json::object& p, ApiDone done) {
  std::string user, client, channel;
  if (!ReadUserAndClient(p, &user, &client) || !GetString(p, "channel", &channel) ||
      channel.empty()) {
    return done(Error(kErrorBadRequest));
  }
  ChannelName name;
  const NamespaceOptions* ns = nullptr;
  if (const auto* err = node.policy().Resolve(channel, &name, &ns)) return done(Error(*err));
  std::string info = Raw(p, "info");
  ForMatchingSessions(
      node, user, client,
      [channel, info](ClientSession& s) { s.ServerSubscribe(channel, info, true); },
      std::move(done));
}

void Unsubscribe(Node& node, const json::object& p, ApiDone done) {
  std::string user, client, channel;
  if (!ReadUserAndClient(p, &user, &client) || !GetString(p, "channel", &channel) ||
      channel.empty()) {
    return done(Error(kErrorBadRequest));
  }
  ForMatchingSessions(
      node, user, client, [channel](ClientSession& s) { s.ServerUnsubscribe(channel); },
      std::move(done));
}

void DisconnectUser(Node& node, const json::object& p, ApiDone done) {
  std::string user, client;
  if (!ReadUserAndClient(p, &user, &client)) return done(Error(kErrorBadRequest));
  uint16_t code = kDisconnectForce.code;
  std::string reason(kDisconnectForce.reason);
  if (const json::value* d = p.if_contains("disconnect"); d && d->is_object()) {
    const auto& o = d->get_object();
    if (const json::value* c = o.if_contains("code"); c && c->is_number()) {
      json::error_code ec;
      auto v = c->to_number<uint16_t>(ec);
      if (ec || v < 3000 || v > 4999) return done(Error(kErrorBadRequest, "bad disconnect code"));
      code = v;
    }
    if (!GetString(o, "reason", &reason) || reason.size() > 32) {
      return done(Error(kErrorBadRequest, "bad disconnect reason"));
    }
  }
  std::vector<std::string> whitelist;
  if (const json::value* w = p.if_contains("whitelist"); w && w->is_array()) {
    for (const auto& c : w->get_array()) {
      if (c.is_string()) whitelist.emplace_back(c.get_string());
    }
  }
  ForMatchingSessions(
      node, user, client,
      [code, reason, whitelist](ClientSession& s) {
        for (const auto& keep : whitelist) {
          if (keep == s.client_id()) return;
        }
        s.Disconnect(Disconnect{code, reason});
      },
      std::move(done));
}

void Refresh(Node& node, const json::object& p, ApiDone done) {
  std::string user, client;
  if (!ReadUserAndClient(p, &user, &client)) return done(Error(kErrorBadRequest));
  bool expired = false;
  if (const json::value* e = p.if_contains("expired"); e && e->is_bool()) expired = e->get_bool();
  std::optional<int64_t> expire_at;
  if (const json::value* e = p.if_contains("expire_at"); e && e->is_number()) {
    json::error_code ec;
    expire_at = e->to_number<int64_t>(ec);
    if (ec) return done(Error(kErrorBadRequest, "bad expire_at"));
  }
  ForMatchingSessions(
      node, user, client,
      [expired, expire_at](ClientSession& s) { s.ServerRefresh(expired, expire_at); },
      std::move(done));
}

void PresenceMethod(Node& node, const json::object& p, ApiDone done) {
  std::string channel;
  const NamespaceOptions* ns = nullptr;
  if (const ReplyError* err = ChannelParam(node, p, &channel, &ns)) return done(Error(*err));
  if (!ns->presence) return done(Error(kErrorNotAvailable));
  node.GetPresence(channel, [done](std::map<std::string, ClientInfo> entries) {
    std::string out;
    protocol::JsonWriter w(out);
    w.BeginObject().Key("presence").BeginObject();
    for (const auto& [client, info] : entries) {
      w.Key(client);
      protocol::WriteClientInfo(w, info);
    }
    w.EndObject().EndObject();
    done(ApiResult{nullptr, {}, std::move(out)});
  });
}

void PresenceStatsMethod(Node& node, const json::object& p, ApiDone done) {
  std::string channel;
  const NamespaceOptions* ns = nullptr;
  if (const ReplyError* err = ChannelParam(node, p, &channel, &ns)) return done(Error(*err));
  if (!ns->presence) return done(Error(kErrorNotAvailable));
  node.GetPresenceStats(channel, [done](PresenceStats s) {
    std::string out;
    protocol::JsonWriter w(out);
    w.BeginObject().Key("num_clients").UInt(s.num_clients).Key("num_users").UInt(s.num_users);
    w.EndObject();
    done(ApiResult{nullptr, {}, std::move(out)});
  });
}

void HistoryMethod(Node& node, const json::object& p, ApiDone done) {
  std::string channel;
  const NamespaceOptions* ns = nullptr;
  if (const ReplyError* err = ChannelParam(node, p, &channel, &ns)) return done(Error(*err));
  if (!ns->HistoryEnabled()) return done(Error(kErrorNotAvailable));
  json::error_code ec;
  int32_t limit = 0;
  if (const json::value* l = p.if_contains("limit"); l && !l->is_null()) {
    limit = l->to_number<int32_t>(ec);
    if (ec) return done(Error(kErrorBadRequest, "bad limit"));
  }
  if (limit < 0 || limit > 300) limit = 300;
  bool reverse = false;
  if (const json::value* r = p.if_contains("reverse"); r && r->is_bool()) reverse = r->get_bool();
  StreamPosition since;
  bool has_since = false;
  if (const json::value* s = p.if_contains("since"); s && s->is_object()) {
    has_since = true;
    const auto& so = s->get_object();
    if (const json::value* o = so.if_contains("offset"); o && !o->is_null()) {
      since.offset = o->to_number<uint64_t>(ec);
      if (ec) return done(Error(kErrorBadRequest, "bad since.offset"));
    }
    if (!GetString(so, "epoch", &since.epoch)) return done(Error(kErrorBadRequest));
  }
  if (reverse && has_since && since.offset == 0) return done(Error(kErrorBadRequest));
  node.ReadHistory(channel, since, has_since, limit, reverse, [done](HistoryResult r) {
    if (r.epoch_mismatch) return done(Error(kErrorUnrecoverablePosition));
    std::string out;
    protocol::JsonWriter w(out);
    w.BeginObject().Key("publications").BeginArray();
    for (const auto& pub : r.publications) protocol::WritePublication(w, *pub);
    w.EndArray().FieldIfSet("epoch", r.top.epoch).UIntIfSet("offset", r.top.offset).EndObject();
    done(ApiResult{nullptr, {}, std::move(out)});
  });
}

void HistoryRemove(Node& node, const json::object& p, ApiDone done) {
  std::string channel;
  const NamespaceOptions* ns = nullptr;
  if (const ReplyError* err = ChannelParam(node, p, &channel, &ns)) return done(Error(*err));
  node.RemoveHistory(channel, [done] { done(ApiResult{}); });
}

void Rpc(Node& node, const json::object& p, ApiDone done) {
  std::string method;
  if (!GetString(p, "method", &method)) return done(Error(kErrorBadRequest));
  const RpcHandler* handler = node.rpc().Find(method);
  if (handler == nullptr) return done(Error(kErrorMethodNotFound));
  auto data = std::make_shared<std::string>(Raw(p, "params"));
  RpcCall call{"", "", *data};
  (*handler)(call, [done, data](const ReplyError* err, std::string result) {
    if (err != nullptr) return done(Error(*err));
    std::string out;
    protocol::JsonWriter w(out);
    w.BeginObject().RawIfSet("data", result).EndObject();
    done(ApiResult{nullptr, {}, std::move(out)});
  });
}

}  // namespace

// Defined in api_info_methods.cc.
void InfoMethod(Node& node, const json::object& p, ApiDone done);
void ChannelsMethod(Node& node, const json::object& p, ApiDone done);
void UserStatusMethod(Node& node, const json::object& p, ApiDone done);

ApiMethod FindApiMethod(std::string_view name) {
  static const std::unordered_map<std::string_view, ApiMethod> kMethods{
      {"publish", &Publish},
      {"broadcast", &Broadcast},
      {"subscribe", &Subscribe},
      {"unsubscribe", &Unsubscribe},
      {"disconnect", &DisconnectUser},
      {"refresh", &Refresh},
      {"presence", &PresenceMethod},
      {"presence_stats", &PresenceStatsMethod},
      {"history", &HistoryMethod},
      {"history_remove", &HistoryRemove},
      {"rpc", &Rpc},
      {"info", &InfoMethod},
      {"channels", &ChannelsMethod},
      {"user_status", &UserStatusMethod},
  };
  auto it = kMethods.find(name);
  return it == kMethods.end() ? nullptr : it->second;
}

}  // namespace livegate
