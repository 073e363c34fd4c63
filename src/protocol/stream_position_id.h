#pragma once
// The SSE event id livegate puts on publication events of unidirectional SSE connections: the
// stream position of every recoverable subscription of the connection, so that a native
// EventSource that reconnects (sending Last-Event-ID) recovers what it missed in every channel.
// Format: entries "<offset>:<epoch>:<channel>" separated by one space. Channel names are
// printable ASCII without spaces and epochs contain no ':', so the format needs no escaping.
// Thread: any (pure functions).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace livegate::protocol {

struct ChannelPosition {
  std::string channel;
  uint64_t offset = 0;
  std::string epoch;
};

void AppendPositionEntry(std::string& out, std::string_view channel, uint64_t offset,
                         std::string_view epoch);

// Parses an id sent back by a client. nullopt when malformed or over `max_entries` entries.
std::optional<std::vector<ChannelPosition>> ParsePositionId(std::string_view id,
                                                            size_t max_entries);

}  // namespace livegate::protocol
