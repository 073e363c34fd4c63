#pragma once
// Disconnect codes of the client protocol: 3000-3499 reconnect, 3500-3999 terminal.
// The reason travels in a WebSocket close frame, so it stays under 123 bytes.

#include <cstdint>
#include <string_view>

namespace livegate {

struct Disconnect {
  uint16_t code;
  std::string_view reason;
  bool Reconnect() const { return (code >= 3000 && code < 3500) || (code >= 4000 && code < 4500); }
};

inline constexpr Disconnect kDisconnectShutdown{3001, "shutdown"};
inline constexpr Disconnect kDisconnectServerError{3004, "internal server error"};
inline constexpr Disconnect kDisconnectExpired{3005, "connection expired"};
inline constexpr Disconnect kDisconnectSubExpired{3006, "subscription expired"};
inline constexpr Disconnect kDisconnectSlow{3008, "slow"};
inline constexpr Disconnect kDisconnectWriteError{3009, "write error"};
inline constexpr Disconnect kDisconnectInsufficientState{3010, "insufficient state"};
inline constexpr Disconnect kDisconnectForceReconnect{3011, "force reconnect"};
inline constexpr Disconnect kDisconnectNoPong{3012, "no pong"};
inline constexpr Disconnect kDisconnectTooManyRequests{3013, "too many requests"};
inline constexpr Disconnect kDisconnectInvalidToken{3500, "invalid token"};
inline constexpr Disconnect kDisconnectBadRequest{3501, "bad request"};
inline constexpr Disconnect kDisconnectStale{3502, "stale"};
inline constexpr Disconnect kDisconnectForce{3503, "force disconnect"};
inline constexpr Disconnect kDisconnectConnectionLimit{3504, "connection limit"};
inline constexpr Disconnect kDisconnectChannelLimit{3505, "channel limit"};
inline constexpr Disconnect kDisconnectInappropriateProtocol{3506, "inappropriate protocol"};
inline constexpr Disconnect kDisconnectPermissionDenied{3507, "permission denied"};
inline constexpr Disconnect kDisconnectNotAvailable{3508, "not available"};
inline constexpr Disconnect kDisconnectTooManyErrors{3509, "too many errors"};

}  // namespace livegate
