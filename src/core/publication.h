#pragma once
// A publication as it travels through the node: payload plus stream position and metadata.
// Shared immutable across shards once created.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace livegate {

struct ClientInfo {
  std::string user;
  std::string client;
  std::string conn_info;  // raw JSON or ""
  std::string chan_info;  // raw JSON or ""
};

struct StreamPosition {
  uint64_t offset = 0;
  std::string epoch;
};

struct Publication {
  std::string data;                // raw JSON
  std::optional<ClientInfo> info;  // set for client-side publishes
  uint64_t offset = 0;             // set when the channel keeps history
  std::vector<std::pair<std::string, std::string>> tags;
  // Fossil delta from the previous publication of the stream (offset - 1) to this one; ""
  // when not published as a delta or when the delta would not be smaller.
  std::string delta;
};

using PublicationPtr = std::shared_ptr<const Publication>;

// Encoded bytes shared by every session that receives them (encode once, fan out).
using SharedBuffer = std::shared_ptr<const std::string>;

}  // namespace livegate
