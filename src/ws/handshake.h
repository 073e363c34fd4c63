#pragma once
// The WebSocket parts of the opening handshake (RFC 6455 §4.2); the HTTP parsing is Beast's.

#include <string>
#include <string_view>

namespace livegate::ws {

// Sec-WebSocket-Accept for a client's Sec-WebSocket-Key: base64(SHA-1(key + GUID)).
std::string ComputeAcceptKey(std::string_view sec_websocket_key);

// A key must be the base64 encoding of 16 bytes: 22 base64 characters and "==".
bool IsValidClientKey(std::string_view sec_websocket_key);

}  // namespace livegate::ws
