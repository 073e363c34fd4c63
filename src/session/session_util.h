#pragma once
// Small helpers shared by the command handlers of ClientSession.

#include <chrono>
#include <cstdint>

#include "metrics/shard_metrics.h"
#include "protocol/commands.h"

namespace livegate {

inline int64_t UnixNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

inline CommandKind CommandKindOf(protocol::CommandType t) {
  using protocol::CommandType;
  switch (t) {
    case CommandType::kConnect:
      return CommandKind::kConnect;
    case CommandType::kSubscribe:
      return CommandKind::kSubscribe;
    case CommandType::kUnsubscribe:
      return CommandKind::kUnsubscribe;
    case CommandType::kPublish:
      return CommandKind::kPublish;
    case CommandType::kPresence:
      return CommandKind::kPresence;
    case CommandType::kPresenceStats:
      return CommandKind::kPresenceStats;
    case CommandType::kHistory:
      return CommandKind::kHistory;
    case CommandType::kSend:
      return CommandKind::kSend;
    case CommandType::kRpc:
      return CommandKind::kRpc;
    case CommandType::kRefresh:
      return CommandKind::kRefresh;
    case CommandType::kSubRefresh:
      return CommandKind::kSubRefresh;
    case CommandType::kPing:
    case CommandType::kPong:
      return CommandKind::kPong;
  }
  return CommandKind::kPong;
}

}  // namespace livegate
