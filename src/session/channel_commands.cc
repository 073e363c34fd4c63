// ClientSession: publish, presence, presence_stats, history and rpc.
#include "node/node.h"
#include "protocol/push_encoder.h"
#include "runtime/shard.h"
#include "session/client_session.h"

namespace livegate {

void ClientSession::HandlePublish(const protocol::Command& cmd) {
  ChannelName name;
  const NamespaceOptions* ns = nullptr;
  if (const auto* err = node_.policy().Resolve(cmd.channel, &name, &ns)) {
    return SendError(cmd.id, *err);
  }
  Subscription* sub = FindSubscription(cmd.channel);
  ChannelAccess who{user_, false, sub != nullptr};
  if (const auto* err = ChannelPolicy::CanPublish(*ns, who)) return SendError(cmd.id, *err);
  if (cmd.data.empty()) return SendError(cmd.id, kErrorBadRequest);
  PublishRequest req{cmd.channel, Publication{cmd.data, Info(sub), 0, {}, {}}, false, {}, false};
  uint32_t id = cmd.id;
  node_.Publish(std::move(req), [this, id, alive = transport_.lifetime()](
                                    const livegate::ReplyError* err, StreamPosition) {
    if (!Alive(alive)) return;
    if (err != nullptr) return SendError(id, *err);
    Reply(protocol::EncodeEmptyReply(id, "publish"));
  });
}

void ClientSession::HandlePresence(const protocol::Command& cmd, bool stats) {
  ChannelName name;
  const NamespaceOptions* ns = nullptr;
  if (const auto* err = node_.policy().Resolve(cmd.channel, &name, &ns)) {
    return SendError(cmd.id, *err);
  }
  ChannelAccess who{user_, false, FindSubscription(cmd.channel) != nullptr};
  if (const auto* err = ChannelPolicy::CanReadPresence(*ns, who)) return SendError(cmd.id, *err);
  uint32_t id = cmd.id;
  auto alive = transport_.lifetime();
  if (stats) {
    node_.GetPresenceStats(cmd.channel, [this, id, alive](PresenceStats s) {
      if (!Alive(alive)) return;
      std::string out;
      protocol::JsonWriter w(out);
      w.BeginObject().Key("id").UInt(id).Key("presence_stats").BeginObject();
      w.UIntIfSet("num_clients", s.num_clients).UIntIfSet("num_users", s.num_users);
      w.EndObject().EndObject();
      Reply(std::move(out));
    });
    return;
  }
  node_.GetPresence(cmd.channel, [this, id, alive](std::map<std::string, ClientInfo> entries) {
    if (!Alive(alive)) return;
    std::string out;
    protocol::JsonWriter w(out);
    w.BeginObject().Key("id").UInt(id).Key("presence").BeginObject();
    w.Key("presence").BeginObject();
    for (const auto& [client, info] : entries) {
      w.Key(client);
      protocol::WriteClientInfo(w, info);
    }
    w.EndObject().EndObject().EndObject();
    Reply(std::move(out));
  });
}

void ClientSession::HandleHistory(const protocol::Command& cmd) {
  const auto& req = cmd.history;
  ChannelName name;
  const NamespaceOptions* ns = nullptr;
  if (const auto* err = node_.policy().Resolve(req.channel, &name, &ns)) {
    return SendError(cmd.id, *err);
  }
  ChannelAccess who{user_, false, FindSubscription(req.channel) != nullptr};
  if (const auto* err = ChannelPolicy::CanReadHistory(*ns, who)) return SendError(cmd.id, *err);
  if (req.reverse && req.since && req.since->offset == 0) {
    return SendError(cmd.id, kErrorBadRequest);
  }
  constexpr int32_t kMaxLimit = 300;
  int32_t limit = (req.limit < 0 || req.limit > kMaxLimit) ? kMaxLimit : req.limit;
  StreamPosition since;
  if (req.since) since = StreamPosition{req.since->offset, req.since->epoch};
  uint32_t id = cmd.id;
  node_.ReadHistory(req.channel, since, req.since.has_value(), limit, req.reverse,
                    [this, id, alive = transport_.lifetime()](HistoryResult r) {
                      if (!Alive(alive)) return;
                      if (r.epoch_mismatch) return SendError(id, kErrorUnrecoverablePosition);
                      std::string out;
                      protocol::JsonWriter w(out);
                      w.BeginObject().Key("id").UInt(id).Key("history").BeginObject();
                      if (!r.publications.empty()) {
                        w.Key("publications").BeginArray();
                        for (const auto& p : r.publications) protocol::WritePublication(w, *p);
                        w.EndArray();
                      }
                      w.FieldIfSet("epoch", r.top.epoch).UIntIfSet("offset", r.top.offset);
                      w.EndObject().EndObject();
                      Reply(std::move(out));
                    });
}

void ClientSession::HandleRpc(const protocol::Command& cmd) {
  const RpcHandler* handler = node_.rpc().Find(cmd.method);
  if (handler == nullptr) return SendError(cmd.id, kErrorMethodNotFound);
  uint32_t id = cmd.id;
  RpcCall call{user_, client_id_, cmd.data};
  (*handler)(call, [this, id, alive = transport_.lifetime()](const livegate::ReplyError* err,
                                                             std::string data) {
    if (!Alive(alive)) return;
    if (err != nullptr) return SendError(id, *err);
    std::string out;
    protocol::JsonWriter w(out);
    w.BeginObject().Key("id").UInt(id).Key("rpc").BeginObject();
    w.RawIfSet("data", data).EndObject().EndObject();
    Reply(std::move(out));
  });
}

}  // namespace livegate
