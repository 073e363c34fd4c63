#pragma once
// Client protocol v2 commands (PROTOCOL.md §1.4), decoded from JSON. Raw JSON payloads
// (`data`) are kept as their serialized text so they can be embedded into pushes unchanged.

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace livegate::protocol {

enum class CommandType : uint8_t {
  kPong,  // id 0 and no request field (also the SDK's empty `{}`)
  kConnect,
  kSubscribe,
  kUnsubscribe,
  kPublish,
  kPresence,
  kPresenceStats,
  kHistory,
  kPing,
  kSend,
  kRpc,
  kRefresh,
  kSubRefresh,
};

struct SubscribeRecoveryHint {
  bool recover = false;
  uint64_t offset = 0;
  std::string epoch;
};

struct ConnectRequest {
  std::string token;
  std::string data;  // raw JSON, "" when absent
  std::string name;
  std::string version;
  std::map<std::string, SubscribeRecoveryHint> subs;
};

struct SubscribeRequest {
  std::string channel;
  std::string token;
  bool recover = false;
  std::string epoch;
  uint64_t offset = 0;
  std::string data;
  bool positioned = false;
  bool recoverable = false;
  bool join_leave = false;
  std::string delta;
  uint32_t flag = 0;
};

struct HistoryRequest {
  std::string channel;
  int32_t limit = 0;
  std::optional<SubscribeRecoveryHint> since;  // offset + epoch
  bool reverse = false;
};

struct Command {
  uint32_t id = 0;
  CommandType type = CommandType::kPong;
  // Fields shared by several requests; which are set depends on `type`.
  std::string channel;  // unsubscribe, publish, presence, presence_stats, sub_refresh
  std::string data;     // publish, send, rpc: raw JSON
  std::string method;   // rpc
  std::string token;    // refresh, sub_refresh
  ConnectRequest connect;
  SubscribeRequest subscribe;
  HistoryRequest history;
};

enum class DecodeError : uint8_t {
  kNone,
  kMalformedJson,   // not a JSON object
  kBadField,        // a known field of the wrong type
  kUnknownCommand,  // id > 0 without any known request field
};

// Decodes one command (one line of a frame). On error returns the reason; `out` is unspecified.
DecodeError DecodeCommand(std::string_view json, Command* out);
// Decodes the bare ConnectRequest that opens a unidirectional connection (PROTOCOL.md §2).
DecodeError DecodeConnectRequest(std::string_view json, ConnectRequest* out);

}  // namespace livegate::protocol
