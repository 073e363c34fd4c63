#pragma once
// Server-side frame encoding (RFC 6455 §5.2): unmasked, always final. The header is separate
// so the payload can go out from shared buffers in a gather write.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "ws/opcode.h"

namespace livegate::ws {

inline constexpr size_t kMaxFrameHeaderBytes = 10;
// A close frame's payload is at most 125 bytes: the 2-byte code and the reason.
inline constexpr size_t kMaxCloseReasonBytes = 123;

// Writes a FIN frame header to `out` and returns its length: 2, 4 or 10 bytes.
size_t EncodeFrameHeader(Opcode op, uint64_t payload_len, std::span<uint8_t, 10> out);

std::string EncodeFrame(Opcode op, std::string_view payload);

// The reason is cut to kMaxCloseReasonBytes at a UTF-8 sequence boundary.
std::string EncodeCloseFrame(uint16_t code, std::string_view reason);

}  // namespace livegate::ws
