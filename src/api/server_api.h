#pragma once
// The server HTTP API, Centrifugo-compatible: POST /api/<method> with a JSON body
// (PROTOCOL.md §6). Free of HTTP types: the HTTP layer authenticates, passes the method and
// body here, and writes back the ApiResponse.
// Thread: any shard; `done` runs on the calling shard.

#include <functional>
#include <string>
#include <string_view>

namespace livegate {

class Node;

struct ApiResponse {
  unsigned status = 200;
  std::string body;  // JSON
};

// `transport_errors`: map API errors to HTTP status codes (X-Centrifugo-Error-Mode: transport).
void HandleApiRequest(Node& node, std::string_view method, std::string_view body,
                      bool transport_errors, std::function<void(ApiResponse)> done);

// Constant-time check of the API key from X-API-Key, "Authorization: apikey <key>" or
// ?api_key=. Empty `presented` never matches.
bool ApiKeyMatches(std::string_view configured, std::string_view presented);

}  // namespace livegate
