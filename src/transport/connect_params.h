#pragma once
// The query parameters of a connection URL (uni_sse, sse, uni_websocket): `cf_connect` (the
// URL-encoded connect request) and livegate's repeatable `channel`. Untrusted input.
// Thread: any (pure function).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace livegate {

struct ConnectParams {
  std::optional<std::string> cf_connect;
  std::vector<std::string> channels;
};

// Decodes `query` (the part after '?'; '+' is a space). False on bad percent-encoding.
bool ParseConnectParams(std::string_view query, ConnectParams* out);

}  // namespace livegate
