#pragma once
// WebSocket close status codes (RFC 6455 §7.4): the ones the codec fails a connection with, and
// the check for codes a peer puts in its close frame.

#include <cstdint>

namespace livegate::ws {

enum class CloseCode : uint16_t {
  kNormal = 1000,
  kGoingAway = 1001,
  kProtocolError = 1002,
  kUnsupportedData = 1003,
  kInvalidPayload = 1007,
  kPolicyViolation = 1008,
  kMessageTooBig = 1009,
  kInternalError = 1011,
};

// Reported for a close frame without a payload; never sent on the wire.
inline constexpr uint16_t kNoStatusReceived = 1005;

// Codes a peer may send: 1004-1006 and 1015 are reserved for local use, the rest of 1000-2999
// is unassigned or for extensions, 3000-4999 belong to libraries and applications.
constexpr bool IsValidPeerCloseCode(uint16_t code) {
  // 1012-1014 are registered with IANA after RFC 6455 (service restart, try again later,
  // bad gateway); real clients send them, so they are accepted too.
  return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) ||
         (code >= 3000 && code <= 4999);
}

}  // namespace livegate::ws
