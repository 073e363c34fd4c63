#pragma once
// Client-side (masked) frame encoding, for tests, fuzzing and load tools; the server never
// masks. fin and rsv can be set freely so tests can build invalid frames too.

#include <cstdint>
#include <string>
#include <string_view>

#include "ws/opcode.h"

namespace livegate::ws {

// `mask_key` goes on the wire most significant byte first. `rsv` holds RSV1-3 in its low bits.
std::string EncodeMaskedFrame(Opcode op, std::string_view payload, uint32_t mask_key,
                              bool fin = true, uint8_t rsv = 0);

}  // namespace livegate::ws
