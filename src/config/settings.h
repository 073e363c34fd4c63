#pragma once
// Every setting of the server, with its default. The config loader (config_loader.h) fills it
// from a YAML file, LIVEGATE_* environment variables and --key=value flags; components receive
// the part they need and never read global configuration.

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "core/namespace_options.h"

namespace livegate {

struct HttpSettings {
  std::string address = "0.0.0.0";  // listen address of the one HTTP/WebSocket port
  uint16_t port = 8000;
  uint32_t max_header_bytes = 8192;  // request line + headers
  uint32_t max_body_bytes = 65536;   // API and emulation request bodies
  std::string static_dir;            // demo site directory served at "/"; empty = off
  std::chrono::milliseconds request_timeout{30000};  // idle/slow HTTP request bound
};

struct TokenSettings {
  std::string algorithm = "HS256";  // pinned: HS256|HS384|HS512|RS256|RS384|RS512|ES256|ES384|ES512
  std::string hmac_secret_key;      // for HS*
  std::string rsa_public_key;       // PEM text, for RS*
  std::string ecdsa_public_key;     // PEM text, for ES*
  std::string audience;             // checked when set
  std::string issuer;               // checked when set
};

struct ClientSettings {
  std::chrono::milliseconds ping_interval{25000};
  std::chrono::milliseconds pong_timeout{8000};        // 0 = pongs not expected
  std::chrono::milliseconds stale_close_delay{10000};  // time allowed before connect
  uint32_t queue_max_size = 1048576;         // bytes queued for one client before 3008 "slow"
  uint32_t channel_limit = 128;              // subscriptions per connection
  uint32_t message_size_limit = 65536;       // bytes of one incoming WebSocket message
  uint32_t max_commands_per_message = 1000;  // commands in one incoming message
  std::chrono::milliseconds presence_update_interval{25000};  // presence refresh period
  bool allow_anonymous_connect_without_token = false;
  std::vector<std::string> allowed_origins;  // empty = same host only; "*" = any
  TokenSettings token;
};

struct ChannelSettings {
  uint32_t max_length = 255;
  std::chrono::milliseconds presence_ttl{60000};  // presence entries not refreshed expire
  NamespaceOptions without_namespace;
  std::vector<ChannelNamespace> namespaces;
};

struct HttpApiSettings {
  std::string key;        // X-API-Key; empty with insecure=false refuses every request
  bool insecure = false;  // accept requests without a key (development only)
};

struct RpcSettings {
  bool echo = false;  // built-in "echo" RPC method (returns its data), for diagnostics
};

// An optional transport endpoint; off unless enabled (as in Centrifugo).
struct TransportToggle {
  bool enabled = false;
};

struct Settings {
  uint32_t shards = 0;                                // event-loop threads; 0 = one per core
  std::string log_level = "info";                     // trace|debug|info|warn|error|off
  std::chrono::milliseconds shutdown_timeout{10000};  // drain bound on SIGTERM
  HttpSettings http;
  ClientSettings client;
  ChannelSettings channel;
  TransportToggle uni_websocket;    // GET /connection/uni_websocket
  TransportToggle uni_sse;          // GET|POST /connection/uni_sse
  TransportToggle uni_http_stream;  // POST /connection/uni_http_stream
  TransportToggle sse;              // GET|POST /connection/sse + POST /emulation
  TransportToggle http_stream;      // POST /connection/http_stream + POST /emulation
  HttpApiSettings http_api;
  RpcSettings rpc;
};

}  // namespace livegate
