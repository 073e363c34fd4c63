// Fuzzes the client command decoder with arbitrary lines, and re-encodes what it decoded.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "protocol/commands.h"
#include "protocol/push_encoder.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  livegate::protocol::Command cmd;
  if (livegate::protocol::DecodeCommand(input, &cmd) != livegate::protocol::DecodeError::kNone) {
    return 0;
  }
  // Raw JSON kept from the input must be embeddable into a push unchanged.
  livegate::Publication pub{cmd.data.empty() ? "null" : cmd.data, std::nullopt, 0, {}};
  std::string push = livegate::protocol::EncodePublicationPush(cmd.channel, pub);
  livegate::protocol::Command again;
  if (livegate::protocol::DecodeCommand(push, &again) ==
      livegate::protocol::DecodeError::kMalformedJson) {
    __builtin_trap();  // we produced invalid JSON
  }
  return 0;
}
