#include "config/config_fields.h"

#include <algorithm>
#include <cctype>
#include <unordered_map>
#include <unordered_set>

namespace livegate::config {
namespace {

// Stringifying the member path makes the key and the Settings member the same by construction.
#define LIVEGATE_KEY(Root, out, member, help, ...)           \
  (out).push_back(MakeField<Root>(                           \
      FieldSpec{.path = #member, .doc = (help)} __VA_ARGS__, \
      [](auto& root) -> auto& { return root.member; }))

std::vector<Field<NamespaceOptions>> BuildNamespaceFields() {
  std::vector<Field<NamespaceOptions>> f;
  LIVEGATE_KEY(NamespaceOptions, f, presence, "Keep presence information (who is subscribed).");
  LIVEGATE_KEY(NamespaceOptions, f, join_leave,
               "Emit join/leave events to subscribers that ask for them.");
  LIVEGATE_KEY(NamespaceOptions, f, force_push_join_leave,
               "With join_leave: push join/leave events to every subscriber, asked or not.");
  LIVEGATE_KEY(NamespaceOptions, f, history_size,
               "Publications kept per channel; history needs history_size and history_ttl > 0.");
  LIVEGATE_KEY(NamespaceOptions, f, history_ttl,
               "How long history is kept (whole seconds); 0 with history_size 0 = no history.");
  LIVEGATE_KEY(NamespaceOptions, f, force_positioning,
               "Make every subscription positioned (the client learns about lost publications).");
  LIVEGATE_KEY(NamespaceOptions, f, allow_positioning, "Let clients ask for positioning.");
  LIVEGATE_KEY(NamespaceOptions, f, force_recovery,
               "Make every subscription recoverable after reconnect; needs history.");
  LIVEGATE_KEY(NamespaceOptions, f, allow_recovery,
               "Let clients ask to recover missed publications from history.");
  LIVEGATE_KEY(NamespaceOptions, f, allow_subscribe_for_client,
               "Let authenticated clients subscribe without a subscription token.");
  LIVEGATE_KEY(NamespaceOptions, f, allow_subscribe_for_anonymous,
               "With allow_subscribe_for_client: let anonymous clients subscribe too.");
  LIVEGATE_KEY(NamespaceOptions, f, allow_publish_for_client,
               "Let any authenticated client publish (not seen by a backend: no publish proxy).");
  LIVEGATE_KEY(NamespaceOptions, f, allow_publish_for_subscriber,
               "Let clients subscribed to the channel publish into it.");
  LIVEGATE_KEY(NamespaceOptions, f, allow_publish_for_anonymous,
               "With one of the two above: let anonymous clients publish too.");
  LIVEGATE_KEY(NamespaceOptions, f, allow_history_for_client,
               "Let any authenticated client read history.");
  LIVEGATE_KEY(NamespaceOptions, f, allow_history_for_subscriber,
               "Let clients subscribed to the channel read its history.");
  LIVEGATE_KEY(NamespaceOptions, f, allow_history_for_anonymous,
               "With one of the two above: let anonymous clients read history too.");
  LIVEGATE_KEY(NamespaceOptions, f, allow_presence_for_client,
               "Let any authenticated client read presence (also gates join/leave requests).");
  LIVEGATE_KEY(NamespaceOptions, f, allow_presence_for_subscriber,
               "Let clients subscribed to the channel read its presence.");
  LIVEGATE_KEY(NamespaceOptions, f, allow_presence_for_anonymous,
               "With one of the two above: let anonymous clients read presence too.");
  LIVEGATE_KEY(NamespaceOptions, f, allow_user_limited_channels,
               "Allow \"name#42\" channels that only the listed users may subscribe to.");
  LIVEGATE_KEY(NamespaceOptions, f, allowed_delta_types,
               "Delta compressions clients may ask for: [] or [fossil].");
  LIVEGATE_KEY(NamespaceOptions, f, delta_publish,
               "Send every publication as a delta (else only those published with delta: true).");
  return f;
}

void AddGeneralFields(std::vector<Field<Settings>>& f) {
  LIVEGATE_KEY(Settings, f, shards, "Event-loop threads; 0 = one per CPU core.", .Range(0, 1024));
  LIVEGATE_KEY(Settings, f, log_level,
               "Least severe level logged: trace|debug|info|warn|error|off.",
               .Choices({"trace", "debug", "info", "warn", "error", "off"}));
  LIVEGATE_KEY(Settings, f, shutdown_timeout,
               "On SIGTERM, how long clients get to reconnect elsewhere before being closed.");
  LIVEGATE_KEY(Settings, f, http.address, "Listen address of the HTTP/WebSocket port.");
  LIVEGATE_KEY(Settings, f, http.port,
               "Listen port (WebSocket, emulation, API); 0 = any free port.", .Range(0, 65535));
  LIVEGATE_KEY(Settings, f, http.max_header_bytes, "Largest request line plus headers, in bytes.",
               .Min(1));
  LIVEGATE_KEY(Settings, f, http.max_body_bytes,
               "Largest request body (server API, emulation), in bytes.", .Min(1));
  LIVEGATE_KEY(Settings, f, http.static_dir,
               "Directory served at \"/\" (e.g. the demo site in web/); empty = none.");
  LIVEGATE_KEY(Settings, f, http.request_timeout,
               "Time allowed to receive one HTTP request (idle and slow clients).", .Min(1));
}

void AddClientFields(std::vector<Field<Settings>>& f) {
  LIVEGATE_KEY(Settings, f, client.ping_interval,
               "Period of server pings; clients answer with pongs.", .Min(1));
  LIVEGATE_KEY(Settings, f, client.pong_timeout,
               "Time a client has to answer a ping; 0 = pongs are not expected.");
  LIVEGATE_KEY(Settings, f, client.stale_close_delay,
               "Time a new connection has to send its connect command.", .Min(1));
  LIVEGATE_KEY(Settings, f, client.queue_max_size,
               "Bytes queued for one client before it is disconnected as slow (3008).", .Min(1));
  LIVEGATE_KEY(Settings, f, client.channel_limit, "Subscriptions allowed per connection.", .Min(1));
  LIVEGATE_KEY(Settings, f, client.message_size_limit,
               "Largest incoming WebSocket message, in bytes.", .Min(1));
  LIVEGATE_KEY(Settings, f, client.max_commands_per_message,
               "Most commands accepted in one incoming message.", .Min(1));
  LIVEGATE_KEY(Settings, f, client.presence_update_interval,
               "How often a connection refreshes its presence entries; below channel.presence_ttl.",
               .Min(1));
  LIVEGATE_KEY(Settings, f, client.allow_anonymous_connect_without_token,
               "Accept connections without a token, as anonymous users.");
  LIVEGATE_KEY(Settings, f, client.allowed_origins,
               "Origins allowed to connect from browsers; [] = same host only, [\"*\"] = any.");
  LIVEGATE_KEY(
      Settings, f, client.token.algorithm,
      "The only JWT algorithm accepted (HS256|HS384|HS512|RS256|...|ES512).",
      .Choices({"HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "ES256", "ES384", "ES512"}));
  LIVEGATE_KEY(Settings, f, client.token.hmac_secret_key, "HMAC secret for HS* tokens.", .Secret());
  LIVEGATE_KEY(Settings, f, client.token.rsa_public_key,
               "RSA public key for RS* tokens: PEM text, or @path of a PEM file.", .Pem());
  LIVEGATE_KEY(Settings, f, client.token.ecdsa_public_key,
               "ECDSA public key for ES* tokens: PEM text, or @path of a PEM file.", .Pem());
  LIVEGATE_KEY(Settings, f, client.token.audience, "Required \"aud\" claim; empty = not checked.");
  LIVEGATE_KEY(Settings, f, client.token.issuer, "Required \"iss\" claim; empty = not checked.");
}

void AddChannelFields(std::vector<Field<Settings>>& f) {
  LIVEGATE_KEY(Settings, f, channel.max_length, "Longest channel name, in bytes.", .Range(1, 1024));
  LIVEGATE_KEY(Settings, f, channel.presence_ttl,
               "A presence entry not refreshed for this long disappears (its node died).", .Min(1));
  for (const Field<NamespaceOptions>& option : NamespaceFields()) {
    Field<Settings> field;
    field.spec = option.spec;
    field.spec.path = "channel.without_namespace." + option.spec.path;
    field.set = [set = option.set](Settings& s, const Value& v) {
      set(s.channel.without_namespace, v);
    };
    field.get = [get = option.get](const Settings& s) { return get(s.channel.without_namespace); };
    f.push_back(std::move(field));
  }
  LIVEGATE_KEY(Settings, f, channel.namespaces,
               "Namespaces: channels \"<name>:...\" use the options of namespace <name>.");
}

void AddTransportFields(std::vector<Field<Settings>>& f) {
  LIVEGATE_KEY(Settings, f, uni_websocket.enabled,
               "Serve /connection/uni_websocket: server-to-client pushes over plain WebSocket.");
  LIVEGATE_KEY(Settings, f, uni_sse.enabled,
               "Serve /connection/uni_sse: pushes as Server-Sent Events (browser EventSource).");
  LIVEGATE_KEY(Settings, f, uni_http_stream.enabled,
               "Serve /connection/uni_http_stream: newline-delimited pushes over chunked HTTP.");
  LIVEGATE_KEY(Settings, f, sse.enabled,
               "Serve /connection/sse and /emulation: the full protocol over SSE (SDK fallback).");
  LIVEGATE_KEY(
      Settings, f, http_stream.enabled,
      "Serve /connection/http_stream and /emulation: the full protocol over HTTP streaming.");
}

void AddServerApiFields(std::vector<Field<Settings>>& f) {
  LIVEGATE_KEY(Settings, f, http_api.key,
               "Key the server API requires in X-API-Key; empty refuses all (unless insecure).",
               .Secret());
  LIVEGATE_KEY(Settings, f, http_api.insecure,
               "Accept server API requests without a key (development only).");
  LIVEGATE_KEY(Settings, f, rpc.echo,
               "Built-in \"echo\" RPC method that returns its data, for diagnostics.");
}

#undef LIVEGATE_KEY

std::vector<Field<Settings>> BuildSettingsFields() {
  std::vector<Field<Settings>> f;
  AddGeneralFields(f);
  AddClientFields(f);
  AddChannelFields(f);
  AddTransportFields(f);
  AddServerApiFields(f);
  return f;
}

// Lookup maps over the table, built once.
struct Index {
  std::unordered_map<std::string, const Field<Settings>*> by_path;
  std::unordered_map<std::string, const Field<Settings>*> by_env;
  std::unordered_map<std::string, const Field<NamespaceOptions>*> namespace_by_name;
  std::unordered_set<std::string> groups;

  Index() {
    for (const auto& f : SettingsFields()) {
      by_path.emplace(f.spec.path, &f);
      by_env.emplace(EnvName(f.spec.path), &f);
      for (size_t dot = f.spec.path.find('.'); dot != std::string::npos;
           dot = f.spec.path.find('.', dot + 1)) {
        groups.insert(f.spec.path.substr(0, dot));
      }
    }
    for (const auto& f : NamespaceFields()) namespace_by_name.emplace(f.spec.path, &f);
  }
};

const Index& GetIndex() {
  static const Index index;
  return index;
}

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

const std::vector<Field<NamespaceOptions>>& NamespaceFields() {
  static const std::vector<Field<NamespaceOptions>> fields = BuildNamespaceFields();
  return fields;
}

const std::vector<Field<Settings>>& SettingsFields() {
  static const std::vector<Field<Settings>> fields = BuildSettingsFields();
  return fields;
}

const Field<Settings>* FindField(std::string_view path) {
  const auto& m = GetIndex().by_path;
  auto it = m.find(std::string(path));
  return it == m.end() ? nullptr : it->second;
}

const Field<Settings>* FindFieldByEnv(std::string_view env_name) {
  const auto& m = GetIndex().by_env;
  auto it = m.find(std::string(env_name));
  return it == m.end() ? nullptr : it->second;
}

const Field<NamespaceOptions>* FindNamespaceField(std::string_view name) {
  const auto& m = GetIndex().namespace_by_name;
  auto it = m.find(std::string(name));
  return it == m.end() ? nullptr : it->second;
}

bool IsGroup(std::string_view path) { return GetIndex().groups.contains(std::string(path)); }

std::string_view GroupDoc(std::string_view path) {
  static const std::unordered_map<std::string_view, std::string_view> docs = {
      {"http", "The one HTTP port: WebSocket, HTTP-streaming/SSE emulation, server API, site."},
      {"client", "Client connections."},
      {"client.token", "JWT connection and subscription tokens."},
      {"channel", "Channels and their namespaces (docs/configuration.md#namespaces)."},
      {"channel.without_namespace", "Options of channels without \"<namespace>:\" in the name."},
      {"uni_websocket", "Unidirectional WebSocket: pushes only, for a plain browser WebSocket."},
      {"uni_sse", "Unidirectional Server-Sent Events, for a plain browser EventSource."},
      {"uni_http_stream", "Unidirectional HTTP streaming (newline-delimited JSON)."},
      {"sse", "Bidirectional emulation over SSE + POST /emulation (centrifuge SDK fallback)."},
      {"http_stream", "Bidirectional emulation over HTTP streaming + POST /emulation."},
      {"http_api", "Server HTTP API (POST /api/<method>)."},
      {"rpc", "Client RPC calls."},
  };
  auto it = docs.find(path);
  return it == docs.end() ? std::string_view() : it->second;
}

std::string EnvName(std::string_view path) {
  std::string name = "LIVEGATE_";
  for (char c : path) {
    name += c == '.' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return name;
}

std::string Suggestion(std::string_view word, const std::vector<std::string>& candidates) {
  const std::string* best = nullptr;
  size_t best_distance = std::max<size_t>(2, word.size() / 4) + 1;
  for (const auto& c : candidates) {
    size_t d = EditDistance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = &c;
    }
  }
  return best == nullptr ? std::string() : " (did you mean \"" + *best + "\"?)";
}

}  // namespace livegate::config
