#include <array>
#include <boost/json.hpp>

#include "protocol/commands.h"

namespace livegate::protocol {
namespace json = boost::json;

namespace {

// Field readers return false when the field is present with the wrong type.
bool ReadString(const json::object& o, std::string_view key, std::string* out) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return true;
  if (!v->is_string()) return false;
  *out = std::string(v->get_string());
  return true;
}

bool ReadBool(const json::object& o, std::string_view key, bool* out) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return true;
  if (!v->is_bool()) return false;
  *out = v->get_bool();
  return true;
}

template <class Int>
bool ReadInt(const json::object& o, std::string_view key, Int* out) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return true;
  json::error_code ec;
  auto n = v->to_number<Int>(ec);
  if (ec) return false;
  *out = n;
  return true;
}

// Keeps any JSON value as its serialized text (protobuf `bytes` fields carry raw JSON).
void ReadRaw(const json::object& o, std::string_view key, std::string* out) {
  const json::value* v = o.if_contains(key);
  if (v != nullptr && !v->is_null()) *out = json::serialize(*v);
}

bool ReadRecoveryHint(const json::object& o, SubscribeRecoveryHint* hint) {
  return ReadBool(o, "recover", &hint->recover) && ReadInt(o, "offset", &hint->offset) &&
         ReadString(o, "epoch", &hint->epoch);
}

bool DecodeConnect(const json::object& o, ConnectRequest* r) {
  if (!ReadString(o, "token", &r->token) || !ReadString(o, "name", &r->name) ||
      !ReadString(o, "version", &r->version)) {
    return false;
  }
  ReadRaw(o, "data", &r->data);
  if (const json::value* subs = o.if_contains("subs"); subs != nullptr && !subs->is_null()) {
    if (!subs->is_object()) return false;
    for (const auto& [channel, hint] : subs->get_object()) {
      if (!hint.is_object()) return false;
      if (!ReadRecoveryHint(hint.get_object(), &r->subs[std::string(channel)])) return false;
    }
  }
  return true;
}

bool DecodeSubscribe(const json::object& o, SubscribeRequest* r) {
  ReadRaw(o, "data", &r->data);
  return ReadString(o, "channel", &r->channel) && ReadString(o, "token", &r->token) &&
         ReadBool(o, "recover", &r->recover) && ReadString(o, "epoch", &r->epoch) &&
         ReadInt(o, "offset", &r->offset) && ReadBool(o, "positioned", &r->positioned) &&
         ReadBool(o, "recoverable", &r->recoverable) && ReadBool(o, "join_leave", &r->join_leave) &&
         ReadString(o, "delta", &r->delta) && ReadInt(o, "flag", &r->flag);
}

bool DecodeHistory(const json::object& o, HistoryRequest* r) {
  if (!ReadString(o, "channel", &r->channel) || !ReadInt(o, "limit", &r->limit) ||
      !ReadBool(o, "reverse", &r->reverse)) {
    return false;
  }
  if (const json::value* since = o.if_contains("since"); since != nullptr && !since->is_null()) {
    if (!since->is_object()) return false;
    r->since.emplace();
    return ReadRecoveryHint(since->get_object(), &*r->since);
  }
  return true;
}

bool DecodeRequest(CommandType type, const json::object& o, Command* cmd) {
  switch (type) {
    case CommandType::kConnect:
      return DecodeConnect(o, &cmd->connect);
    case CommandType::kSubscribe:
      return DecodeSubscribe(o, &cmd->subscribe);
    case CommandType::kHistory:
      return DecodeHistory(o, &cmd->history);
    case CommandType::kPublish:
    case CommandType::kSend:
      ReadRaw(o, "data", &cmd->data);
      return ReadString(o, "channel", &cmd->channel);
    case CommandType::kRpc:
      ReadRaw(o, "data", &cmd->data);
      return ReadString(o, "method", &cmd->method);
    case CommandType::kRefresh:
      return ReadString(o, "token", &cmd->token);
    case CommandType::kSubRefresh:
      return ReadString(o, "channel", &cmd->channel) && ReadString(o, "token", &cmd->token);
    case CommandType::kUnsubscribe:
    case CommandType::kPresence:
    case CommandType::kPresenceStats:
      return ReadString(o, "channel", &cmd->channel);
    case CommandType::kPing:
    case CommandType::kPong:
      return true;
  }
  return false;
}

struct RequestField {
  std::string_view name;
  CommandType type;
};

constexpr std::array<RequestField, 12> kRequestFields{{
    {"connect", CommandType::kConnect},
    {"subscribe", CommandType::kSubscribe},
    {"unsubscribe", CommandType::kUnsubscribe},
    {"publish", CommandType::kPublish},
    {"presence", CommandType::kPresence},
    {"presence_stats", CommandType::kPresenceStats},
    {"history", CommandType::kHistory},
    {"ping", CommandType::kPing},
    {"send", CommandType::kSend},
    {"rpc", CommandType::kRpc},
    {"refresh", CommandType::kRefresh},
    {"sub_refresh", CommandType::kSubRefresh},
}};

}  // namespace

DecodeError DecodeCommand(std::string_view text, Command* out) {
  // Small commands parse without touching the heap.
  std::array<unsigned char, 4096> scratch;
  json::monotonic_resource mr(scratch.data(), scratch.size());
  json::error_code ec;
  json::value v = json::parse(text, ec, &mr);
  if (ec || !v.is_object()) return DecodeError::kMalformedJson;
  const json::object& o = v.get_object();
  if (!ReadInt(o, "id", &out->id)) return DecodeError::kBadField;
  for (const auto& field : kRequestFields) {
    const json::value* req = o.if_contains(field.name);
    if (req == nullptr || req->is_null()) continue;
    if (!req->is_object()) return DecodeError::kBadField;
    // With id 0 only `send` is a request; anything else is a pong (PROTOCOL.md §1.1).
    if (out->id == 0 && field.type != CommandType::kSend) break;
    out->type = field.type;
    return DecodeRequest(field.type, req->get_object(), out) ? DecodeError::kNone
                                                             : DecodeError::kBadField;
  }
  if (out->id != 0) return DecodeError::kUnknownCommand;
  out->type = CommandType::kPong;
  return DecodeError::kNone;
}

DecodeError DecodeConnectRequest(std::string_view text, ConnectRequest* out) {
  json::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return DecodeError::kMalformedJson;
  return DecodeConnect(v.get_object(), out) ? DecodeError::kNone : DecodeError::kBadField;
}

}  // namespace livegate::protocol
