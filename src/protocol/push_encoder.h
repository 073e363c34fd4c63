#pragma once
// Encoders for server → client messages of protocol v2 JSON: replies, errors and pushes.
// Every function returns one JSON object without a trailing newline.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/publication.h"
#include "core/reply_error.h"
#include "protocol/json_writer.h"

namespace livegate::protocol {

void WriteClientInfo(JsonWriter& w, const ClientInfo& info);
// How `data` travels (PROTOCOL.md §7, delta): embedded JSON for ordinary subscriptions; in a
// subscription that negotiated fossil deltas, a JSON string holding either the full JSON text
// or the delta from the previous publication (then with "delta":true).
enum class PublicationForm : uint8_t { kEmbedded, kString, kDelta };

void WritePublication(JsonWriter& w, const Publication& pub,
                      PublicationForm form = PublicationForm::kEmbedded);

// {"push":{"channel":C,"pub":{...}}}
std::string EncodePublicationPush(std::string_view channel, const Publication& pub,
                                  PublicationForm form = PublicationForm::kEmbedded);
// {"push":{"channel":C,"join":{"info":{...}}}} and the same for "leave".
std::string EncodeJoinPush(std::string_view channel, const ClientInfo& info);
std::string EncodeLeavePush(std::string_view channel, const ClientInfo& info);
// {"push":{"channel":C,"unsubscribe":{"code":N,"reason":R}}}
std::string EncodeUnsubscribePush(std::string_view channel, uint32_t code, std::string_view reason);
// {"push":{"message":{"data":D}}}
std::string EncodeMessagePush(std::string_view data);
// {"push":{"disconnect":{"code":N,"reason":R,"reconnect":B}}}: the last message of an emulated
// or unidirectional stream (WebSocket carries code and reason in its close frame instead).
std::string EncodeDisconnectPush(uint32_t code, std::string_view reason, bool reconnect);
// {"id":N,"error":{"code":..,"message":..,"temporary":..}}
std::string EncodeErrorReply(uint32_t id, const ReplyError& error);
// {"id":N,"<result>":{}}
std::string EncodeEmptyReply(uint32_t id, std::string_view result);

// Unidirectional transports send bare pushes: {"push":X} becomes X; other messages (the
// ping "{}") are returned unchanged.
std::string_view UnwrapPush(std::string_view message);

// The server ping of the bidirectional protocol: an empty reply.
inline constexpr std::string_view kPingMessage = "{}";

}  // namespace livegate::protocol
