#pragma once
// The payload of a received close frame (RFC 6455 §5.5.1): an optional status code and a UTF-8
// reason.

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "ws/close_code.h"

namespace livegate::ws {

struct ClosePayload {
  uint16_t code;            // kNoStatusReceived for an empty payload
  std::string_view reason;  // points into the payload
};

// Returns the code to fail the connection with (1002 or 1007), or nullopt for a valid payload.
std::optional<CloseCode> CheckClosePayload(std::span<const char> payload);

// Returns nullopt when the payload is malformed (see CheckClosePayload).
std::optional<ClosePayload> ParseClosePayload(std::span<const char> payload);

}  // namespace livegate::ws
