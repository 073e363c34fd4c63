#include "protocol/push_encoder.h"

namespace livegate::protocol {

void WriteClientInfo(JsonWriter& w, const ClientInfo& info) {
  w.BeginObject()
      .FieldIfSet("user", info.user)
      .FieldIfSet("client", info.client)
      .RawIfSet("conn_info", info.conn_info)
      .RawIfSet("chan_info", info.chan_info)
      .EndObject();
}

void WritePublication(JsonWriter& w, const Publication& pub, PublicationForm form) {
  w.BeginObject();
  switch (form) {
    case PublicationForm::kEmbedded:
      w.Key("data").Raw(pub.data);
      break;
    case PublicationForm::kString:
      w.Field("data", pub.data);
      break;
    case PublicationForm::kDelta:
      w.Field("data", pub.delta).Key("delta").Bool(true);
      break;
  }
  if (pub.info) {
    w.Key("info");
    WriteClientInfo(w, *pub.info);
  }
  w.UIntIfSet("offset", pub.offset);
  if (!pub.tags.empty()) {
    w.Key("tags").BeginObject();
    for (const auto& [k, v] : pub.tags) w.Field(k, v);
    w.EndObject();
  }
  w.EndObject();
}

namespace {

std::string EncodeChannelPush(std::string_view channel, std::string_view kind,
                              const auto& write_body) {
  std::string out;
  out.reserve(64 + channel.size());
  JsonWriter w(out);
  w.BeginObject().Key("push").BeginObject().Field("channel", channel).Key(kind);
  write_body(w);
  w.EndObject().EndObject();
  return out;
}

}  // namespace

std::string EncodePublicationPush(std::string_view channel, const Publication& pub,
                                  PublicationForm form) {
  return EncodeChannelPush(channel, "pub", [&](JsonWriter& w) { WritePublication(w, pub, form); });
}

std::string EncodeJoinPush(std::string_view channel, const ClientInfo& info) {
  return EncodeChannelPush(channel, "join", [&](JsonWriter& w) {
    w.BeginObject().Key("info");
    WriteClientInfo(w, info);
    w.EndObject();
  });
}

std::string EncodeLeavePush(std::string_view channel, const ClientInfo& info) {
  return EncodeChannelPush(channel, "leave", [&](JsonWriter& w) {
    w.BeginObject().Key("info");
    WriteClientInfo(w, info);
    w.EndObject();
  });
}

std::string EncodeUnsubscribePush(std::string_view channel, uint32_t code,
                                  std::string_view reason) {
  return EncodeChannelPush(channel, "unsubscribe", [&](JsonWriter& w) {
    w.BeginObject().Key("code").UInt(code).Field("reason", reason).EndObject();
  });
}

std::string EncodeMessagePush(std::string_view data) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject().Key("push").BeginObject().Key("message").BeginObject();
  w.Key("data").Raw(data).EndObject().EndObject().EndObject();
  return out;
}

std::string EncodeDisconnectPush(uint32_t code, std::string_view reason, bool reconnect) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject().Key("push").BeginObject().Key("disconnect").BeginObject();
  w.Key("code").UInt(code).Field("reason", reason).Key("reconnect").Bool(reconnect);
  w.EndObject().EndObject().EndObject();
  return out;
}

std::string_view UnwrapPush(std::string_view message) {
  constexpr std::string_view kPrefix = "{\"push\":";
  if (message.size() > kPrefix.size() + 1 && message.starts_with(kPrefix) &&
      message.back() == '}') {
    return message.substr(kPrefix.size(), message.size() - kPrefix.size() - 1);
  }
  return message;
}

std::string EncodeErrorReply(uint32_t id, const ReplyError& error) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject().UIntIfSet("id", id).Key("error").BeginObject();
  w.Key("code").UInt(error.code).Field("message", error.message);
  w.BoolIfSet("temporary", error.temporary).EndObject().EndObject();
  return out;
}

std::string EncodeEmptyReply(uint32_t id, std::string_view result) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject().UIntIfSet("id", id).Key(result).BeginObject().EndObject().EndObject();
  return out;
}

}  // namespace livegate::protocol
