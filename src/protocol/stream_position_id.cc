#include "protocol/stream_position_id.h"

#include <charconv>

namespace livegate::protocol {

void AppendPositionEntry(std::string& out, std::string_view channel, uint64_t offset,
                         std::string_view epoch) {
  if (!out.empty()) out += ' ';
  char digits[24];
  auto [end, ec] = std::to_chars(digits, digits + sizeof(digits), offset);
  out.append(digits, end);
  out += ':';
  out += epoch;
  out += ':';
  out += channel;
}

std::optional<std::vector<ChannelPosition>> ParsePositionId(std::string_view id,
                                                            size_t max_entries) {
  std::vector<ChannelPosition> result;
  while (!id.empty()) {
    size_t space = id.find(' ');
    std::string_view entry = id.substr(0, space);
    id.remove_prefix(space == std::string_view::npos ? id.size() : space + 1);
    if (space != std::string_view::npos && id.empty()) return std::nullopt;  // trailing space
    if (result.size() == max_entries) return std::nullopt;
    size_t first = entry.find(':');
    size_t second = first == std::string_view::npos ? first : entry.find(':', first + 1);
    if (second == std::string_view::npos || first == 0 || second + 1 >= entry.size()) {
      return std::nullopt;
    }
    ChannelPosition p;
    auto [ptr, ec] = std::from_chars(entry.data(), entry.data() + first, p.offset);
    if (ec != std::errc() || ptr != entry.data() + first) return std::nullopt;
    p.epoch = entry.substr(first + 1, second - first - 1);
    p.channel = entry.substr(second + 1);
    for (char c : p.channel) {
      if (static_cast<unsigned char>(c) < 0x21 || static_cast<unsigned char>(c) > 0x7e) {
        return std::nullopt;
      }
    }
    result.push_back(std::move(p));
  }
  return result;
}

}  // namespace livegate::protocol
