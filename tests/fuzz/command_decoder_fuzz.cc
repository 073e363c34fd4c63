// Fuzzes what a client sends before and after connecting: command lines, the bare connect
// request of unidirectional transports and the Last-Event-ID of SSE; re-encodes what it decoded.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "protocol/commands.h"
#include "protocol/push_encoder.h"
#include "protocol/stream_position_id.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  livegate::protocol::ConnectRequest connect;
  (void)livegate::protocol::DecodeConnectRequest(input, &connect);
  if (auto positions = livegate::protocol::ParsePositionId(input, 16)) {
    std::string id;
    for (const auto& p : *positions) {
      livegate::protocol::AppendPositionEntry(id, p.channel, p.offset, p.epoch);
    }
    // What parses must print back to an id that parses to the same positions.
    auto again = livegate::protocol::ParsePositionId(id, 16);
    if (!again || again->size() != positions->size()) __builtin_trap();
  }
  livegate::protocol::Command cmd;
  if (livegate::protocol::DecodeCommand(input, &cmd) != livegate::protocol::DecodeError::kNone) {
    return 0;
  }
  // Raw JSON kept from the input must be embeddable into a push unchanged.
  livegate::Publication pub{cmd.data.empty() ? "null" : cmd.data, std::nullopt, 0, {}, {}};
  std::string push = livegate::protocol::EncodePublicationPush(cmd.channel, pub);
  livegate::protocol::Command again;
  if (livegate::protocol::DecodeCommand(push, &again) ==
      livegate::protocol::DecodeError::kMalformedJson) {
    __builtin_trap();  // we produced invalid JSON
  }
  return 0;
}
