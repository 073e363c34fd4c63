#include "ws/close_payload.h"

#include "ws/utf8_validator.h"

namespace livegate::ws {

namespace {

uint16_t ReadCode(std::span<const char> payload) {
  return static_cast<uint16_t>((static_cast<uint8_t>(payload[0]) << 8) |
                               static_cast<uint8_t>(payload[1]));
}

}  // namespace

std::optional<CloseCode> CheckClosePayload(std::span<const char> payload) {
  if (payload.empty()) return std::nullopt;
  if (payload.size() == 1 || !IsValidPeerCloseCode(ReadCode(payload))) {
    return CloseCode::kProtocolError;
  }
  if (!Utf8Validator::IsValid(std::string_view(payload.data() + 2, payload.size() - 2))) {
    return CloseCode::kInvalidPayload;
  }
  return std::nullopt;
}

std::optional<ClosePayload> ParseClosePayload(std::span<const char> payload) {
  if (CheckClosePayload(payload)) return std::nullopt;
  if (payload.empty()) return ClosePayload{kNoStatusReceived, {}};
  return ClosePayload{ReadCode(payload), std::string_view(payload.data() + 2, payload.size() - 2)};
}

}  // namespace livegate::ws
