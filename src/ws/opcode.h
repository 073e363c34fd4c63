#pragma once
// WebSocket frame opcodes (RFC 6455 §5.2); the reserved ones are not listed.

#include <cstdint>

namespace livegate::ws {

enum class Opcode : uint8_t {
  kContinuation = 0,
  kText = 1,
  kBinary = 2,
  kClose = 8,
  kPing = 9,
  kPong = 10,
};

constexpr bool IsControl(Opcode op) { return (static_cast<uint8_t>(op) & 0x08) != 0; }

}  // namespace livegate::ws
