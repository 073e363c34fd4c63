// One HTTP/1.1 connection: parse requests with Beast (header and body limits), route them, and
// hand WebSocket upgrades over to WebSocketConnection. The only translation unit that includes
// Beast, to keep build times down.
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "api/server_api.h"
#include "metrics/prometheus.h"
#include "node/node.h"
#include "transport/connect_params.h"
#include "transport/http_server.h"
#include "transport/origin_check.h"
#include "transport/static_files.h"
#include "transport/stream_connection.h"
#include "transport/websocket_connection.h"
#include "ws/handshake.h"

namespace livegate {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

namespace {

using Stream = beast::basic_stream<asio::ip::tcp, asio::io_context::executor_type>;
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;
constexpr auto kAwait = asio::as_tuple(asio::use_awaitable);

Response MakeResponse(const Request& req, http::status status, std::string body,
                      std::string_view content_type = "application/json") {
  Response res{status, req.version()};
  res.set(http::field::server, "livegate");
  res.set(http::field::content_type, content_type);
  res.keep_alive(req.keep_alive());
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

Response JsonError(const Request& req, http::status status, std::string_view message) {
  std::string body = "{\"error\":\"";
  body += message;  // fixed ASCII messages only
  body += "\"}";
  return MakeResponse(req, status, std::move(body));
}

// Waits for a callback-style operation that answers on this shard. (Named locals instead of
// temporaries inside co_await expressions: GCC 12 destroys such temporaries twice.)
template <class T, class Start>
asio::awaitable<T> AwaitCallback(Start start) {
  auto initiation = [start = std::move(start)](auto handler) mutable {
    auto shared = std::make_shared<decltype(handler)>(std::move(handler));
    start([shared](T value) {
      auto ex = asio::get_associated_executor(*shared);
      asio::post(ex, [shared, value = std::move(value)]() mutable {
        std::move (*shared)(std::move(value));
      });
    });
  };
  T result = co_await asio::async_initiate<decltype(asio::use_awaitable), void(T)>(
      std::move(initiation), asio::use_awaitable);
  co_return result;
}

std::string_view PresentedApiKey(const Request& req, std::string_view query) {
  if (auto it = req.find("X-API-Key"); it != req.end()) return it->value();
  if (auto it = req.find(http::field::authorization); it != req.end()) {
    std::string_view v = it->value();
    if (v.size() > 7 && beast::iequals(v.substr(0, 7), "apikey ") &&
        v.find(' ', 7) == std::string_view::npos) {
      return v.substr(7);
    }
  }
  if (auto pos = query.find("api_key=");
      pos != std::string_view::npos && (pos == 0 || query[pos - 1] == '&')) {
    std::string_view rest = query.substr(pos + 8);
    return rest.substr(0, rest.find('&'));
  }
  return {};
}

asio::awaitable<Response> HandleApi(Node& node, const Request& req, std::string_view method,
                                    std::string_view query) {
  Inc(Node::CurrentShard()->metrics().api_requests);
  if (req.method() != http::verb::post) {
    co_return JsonError(req, http::status::method_not_allowed, "use POST");
  }
  const auto& api = node.settings().http_api;
  if (!api.insecure && !ApiKeyMatches(api.key, PresentedApiKey(req, query))) {
    co_return JsonError(req, http::status::unauthorized, "unauthorized");
  }
  bool transport_errors = false;
  if (auto it = req.find("X-Centrifugo-Error-Mode"); it != req.end()) {
    transport_errors = beast::iequals(it->value(), "transport");
  }
  std::string m(method);
  auto start = [&node, m, &req, transport_errors](std::function<void(ApiResponse)> done) {
    HandleApiRequest(node, m, req.body(), transport_errors, std::move(done));
  };
  ApiResponse r = co_await AwaitCallback<ApiResponse>(std::move(start));
  co_return MakeResponse(req, static_cast<http::status>(r.status), std::move(r.body));
}

Response HandlePlain(Node& node, const Request& req, std::string_view path) {
  if (path == "/health") return MakeResponse(req, http::status::ok, "{\"status\":\"ok\"}");
  if (path == "/ready") {
    if (node.shutting_down()) {
      return MakeResponse(req, http::status::service_unavailable, "{\"status\":\"shutting down\"}");
    }
    return MakeResponse(req, http::status::ok, "{\"status\":\"ready\"}");
  }
  if (path == "/metrics") {
    return MakeResponse(req, http::status::ok, RenderPrometheus(node), "text/plain; version=0.0.4");
  }
  if (req.method() != http::verb::get && req.method() != http::verb::head) {
    return JsonError(req, http::status::not_found, "not found");
  }
  std::string body;
  std::string_view type;
  switch (ReadStaticFile(node.settings().http.static_dir, path, &body, &type)) {
    case StaticResult::kOk:
      return MakeResponse(req, http::status::ok, std::move(body), type);
    case StaticResult::kForbidden:
      return JsonError(req, http::status::forbidden, "forbidden");
    case StaticResult::kNotFound:
      break;
  }
  return JsonError(req, http::status::not_found, "not found");
}

// Validates a WebSocket upgrade; on success returns "" and sets the 101 response bytes.
std::string_view CheckUpgrade(Node& node, const Request& req, std::string* response) {
  if (req.method() != http::verb::get) return "websocket upgrade needs GET";
  auto upgrade = req.find(http::field::upgrade);
  if (upgrade == req.end() || !beast::iequals(upgrade->value(), "websocket")) {
    return "expected Upgrade: websocket";
  }
  auto version = req.find(http::field::sec_websocket_version);
  if (version == req.end() || version->value() != "13") return "Sec-WebSocket-Version must be 13";
  auto key = req.find(http::field::sec_websocket_key);
  if (key == req.end() || !ws::IsValidClientKey(key->value())) return "bad Sec-WebSocket-Key";
  auto origin = req.find(http::field::origin);
  auto host = req.find(http::field::host);
  if (origin != req.end() &&
      !OriginAllowed(node.settings().client.allowed_origins, origin->value(),
                     host == req.end() ? std::string_view() : std::string_view(host->value()))) {
    return "origin not allowed";
  }
  *response =
      "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
      "Sec-WebSocket-Accept: " +
      ws::ComputeAcceptKey(key->value()) + "\r\n";
  if (auto proto = req.find(http::field::sec_websocket_protocol); proto != req.end()) {
    if (proto->value().find("centrifuge-json") != std::string_view::npos) {
      *response += "Sec-WebSocket-Protocol: centrifuge-json\r\n";
    }
  }
  *response += "\r\n";
  return {};
}

// The browser-facing connection endpoints besides /connection/websocket.
enum class Endpoint : uint8_t {
  kNone,
  kUniWebSocket,
  kUniSse,
  kUniHttpStream,
  kSse,
  kHttpStream,
  kEmulation,
};

Endpoint EndpointOf(std::string_view path) {
  if (path == "/connection/uni_websocket") return Endpoint::kUniWebSocket;
  if (path == "/connection/uni_sse") return Endpoint::kUniSse;
  if (path == "/connection/uni_http_stream") return Endpoint::kUniHttpStream;
  if (path == "/connection/sse") return Endpoint::kSse;
  if (path == "/connection/http_stream") return Endpoint::kHttpStream;
  if (path == "/emulation") return Endpoint::kEmulation;
  return Endpoint::kNone;
}

bool EndpointEnabled(const Settings& s, Endpoint e) {
  switch (e) {
    case Endpoint::kUniWebSocket:
      return s.uni_websocket.enabled;
    case Endpoint::kUniSse:
      return s.uni_sse.enabled;
    case Endpoint::kUniHttpStream:
      return s.uni_http_stream.enabled;
    case Endpoint::kSse:
      return s.sse.enabled;
    case Endpoint::kHttpStream:
      return s.http_stream.enabled;
    case Endpoint::kEmulation:
      return s.sse.enabled || s.http_stream.enabled;
    case Endpoint::kNone:
      break;
  }
  return false;
}

// CORS: a request from a browser page (with Origin) is served only when that origin is
// allowed, and its response names the origin so that the page may read it.
struct CorsDecision {
  bool allowed = true;
  std::string origin;  // "" = not a cross-origin browser request
};

CorsDecision CheckCors(Node& node, const Request& req) {
  auto origin = req.find(http::field::origin);
  if (origin == req.end()) return {};
  auto host = req.find(http::field::host);
  bool ok = OriginAllowed(node.settings().client.allowed_origins, origin->value(),
                          host == req.end() ? std::string_view() : std::string_view(host->value()));
  return {ok, std::string(origin->value())};
}

std::string CorsHeaderLines(const CorsDecision& cors) {
  if (cors.origin.empty()) return {};
  return "Access-Control-Allow-Origin: " + cors.origin +
         "\r\nAccess-Control-Allow-Credentials: true\r\nVary: Origin\r\n";
}

void SetCors(Response& res, const CorsDecision& cors) {
  if (cors.origin.empty()) return;
  res.set(http::field::access_control_allow_origin, cors.origin);
  res.set(http::field::access_control_allow_credentials, "true");
  res.set(http::field::vary, "Origin");
}

Response Preflight(const Request& req, const CorsDecision& cors) {
  Response res = MakeResponse(req, http::status::ok, "");
  SetCors(res, cors);
  res.set(http::field::access_control_allow_methods, "GET, POST, OPTIONS");
  auto asked = req.find(http::field::access_control_request_headers);
  res.set(http::field::access_control_allow_headers,
          asked != req.end() ? std::string(asked->value())
                             : std::string("Content-Type, Authorization, Last-Event-ID"));
  res.set(http::field::access_control_max_age, "600");
  return res;
}

// POST /emulation {"session","node","data"}: the upstream half of an emulated connection.
Response HandleEmulation(Node& node, const Request& req) {
  if (req.method() != http::verb::post) {
    return JsonError(req, http::status::method_not_allowed, "use POST");
  }
  boost::system::error_code ec;
  auto v = boost::json::parse(req.body(), ec);
  const boost::json::object* o = (!ec && v.is_object()) ? &v.get_object() : nullptr;
  const boost::json::value* session = o != nullptr ? o->if_contains("session") : nullptr;
  const boost::json::value* data = o != nullptr ? o->if_contains("data") : nullptr;
  if (session == nullptr || !session->is_string() || data == nullptr || !data->is_string()) {
    return JsonError(req, http::status::bad_request,
                     "expected an object with string fields session, node and data");
  }
  auto entry = node.emulation().Find(std::string(session->get_string()));
  if (!entry) return JsonError(req, http::status::not_found, "unknown session");
  entry->shard->Post([target = entry->target, commands = std::string(data->get_string())] {
    if (auto t = target.lock()) t->HandleEmulated(commands);
  });
  Response res{http::status::no_content, req.version()};
  res.set(http::field::server, "livegate");
  res.keep_alive(req.keep_alive());
  res.prepare_payload();
  return res;
}

// Validates a request that opens a stream; "" when it may start, else the error.
std::string_view CheckStreamRequest(Endpoint e, const Request& req, const ConnectParams& params) {
  bool uni = e == Endpoint::kUniSse || e == Endpoint::kUniHttpStream;
  bool get_allowed = e == Endpoint::kUniSse || e == Endpoint::kSse;
  if (req.method() == http::verb::get) {
    if (!get_allowed) return "use POST";
    if (!params.cf_connect && !(uni && !params.channels.empty())) return "cf_connect is missing";
    return {};
  }
  if (req.method() != http::verb::post) return "use GET or POST";
  if (!uni && req.body().empty()) return "the body must hold the connect command";
  return {};
}

StreamKind KindOf(Endpoint e) {
  switch (e) {
    case Endpoint::kUniSse:
      return StreamKind::kUniSse;
    case Endpoint::kUniHttpStream:
      return StreamKind::kUniHttpStream;
    case Endpoint::kSse:
      return StreamKind::kSse;
    default:
      return StreamKind::kHttpStream;
  }
}

http::status StatusForParseError(const beast::error_code& ec) {
  if (ec == http::error::body_limit) return http::status::payload_too_large;
  if (ec == http::error::header_limit) return http::status::request_header_fields_too_large;
  return http::status::bad_request;
}

asio::awaitable<void> RunHttpSession(Node& node, Shard& shard, Stream stream) {
  const auto& cfg = node.settings().http;
  beast::flat_buffer buffer;
  for (;;) {
    http::request_parser<http::string_body> parser;
    parser.header_limit(cfg.max_header_bytes);
    parser.body_limit(cfg.max_body_bytes);
    stream.expires_after(cfg.request_timeout);
    auto [ec, n] = co_await http::async_read(stream, buffer, parser, kAwait);
    if (ec) {
      if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
          ec == asio::error::connection_reset || ec == asio::error::eof) {
        break;
      }
      // Malformed request: answer once and close (the stream may be out of sync).
      Request dummy;
      dummy.version(11);
      Response res = JsonError(dummy, StatusForParseError(ec), "bad request");
      res.keep_alive(false);
      co_await http::async_write(stream, res, kAwait);
      break;
    }
    Inc(shard.metrics().http_requests);
    Request& req = parser.get();
    // A request with both framings is a smuggling attempt: refuse and close.
    if (req.find(http::field::content_length) != req.end() &&
        req.find(http::field::transfer_encoding) != req.end()) {
      Response res = JsonError(req, http::status::bad_request, "ambiguous message framing");
      res.keep_alive(false);
      co_await http::async_write(stream, res, kAwait);
      break;
    }
    std::string_view target = req.target();
    std::string_view path = target.substr(0, target.find('?'));
    std::string_view query =
        path.size() < target.size() ? target.substr(path.size() + 1) : std::string_view();
    if (path == "/connection/websocket") {
      std::string upgrade;
      std::string_view problem = CheckUpgrade(node, req, &upgrade);
      if (!problem.empty()) {
        Response res = JsonError(
            req,
            problem == "origin not allowed" ? http::status::forbidden : http::status::bad_request,
            problem);
        res.keep_alive(false);
        co_await http::async_write(stream, res, kAwait);
        break;
      }
      stream.expires_never();
      auto [wec, wn] = co_await asio::async_write(stream.socket(), asio::buffer(upgrade), kAwait);
      if (wec) break;
      auto data = buffer.data();
      std::string leftover(static_cast<const char*>(data.data()), data.size());
      auto conn = std::make_shared<WebSocketConnection>(node, shard, stream.release_socket(),
                                                        std::move(leftover));
      conn->Start();
      co_return;
    }
    if (Endpoint endpoint = EndpointOf(path); endpoint != Endpoint::kNone) {
      std::optional<Response> res;
      CorsDecision cors = CheckCors(node, req);
      ConnectParams params;
      std::string_view problem;
      if (!EndpointEnabled(node.settings(), endpoint)) {
        res = JsonError(req, http::status::not_found, "transport not enabled");
      } else if (!cors.allowed) {
        res = JsonError(req, http::status::forbidden, "origin not allowed");
      } else if (req.method() == http::verb::options) {
        res = Preflight(req, cors);
      } else if (endpoint == Endpoint::kEmulation) {
        res = HandleEmulation(node, req);
      } else if (!ParseConnectParams(query, &params)) {
        res = JsonError(req, http::status::bad_request, "malformed query string");
      } else if (endpoint == Endpoint::kUniWebSocket) {
        std::string upgrade;
        problem = CheckUpgrade(node, req, &upgrade);
        if (problem.empty()) {
          stream.expires_never();
          auto [wec, wn] =
              co_await asio::async_write(stream.socket(), asio::buffer(upgrade), kAwait);
          if (wec) break;
          auto data = buffer.data();
          std::string leftover(static_cast<const char*>(data.data()), data.size());
          auto conn = std::make_shared<WebSocketConnection>(node, shard, stream.release_socket(),
                                                            std::move(leftover), true);
          conn->StartUnidirectional(std::move(params.cf_connect), std::move(params.channels));
          co_return;
        }
        res = JsonError(req, http::status::bad_request, problem);
      } else if (problem = CheckStreamRequest(endpoint, req, params); !problem.empty()) {
        res = JsonError(req,
                        problem.starts_with("use ") ? http::status::method_not_allowed
                                                    : http::status::bad_request,
                        problem);
      } else {
        StreamOpen open;
        open.connect = req.method() == http::verb::get ? params.cf_connect.value_or("")
                                                       : std::move(req.body());
        open.channels = std::move(params.channels);
        if (auto id = req.find("Last-Event-ID"); id != req.end()) {
          open.last_event_id = std::string(id->value());
        }
        open.cors_headers = CorsHeaderLines(cors);
        stream.expires_never();
        auto conn = std::make_shared<StreamConnection>(node, shard, stream.release_socket(),
                                                       KindOf(endpoint));
        conn->Start(std::move(open));
        co_return;
      }
      SetCors(*res, cors);
      bool keep_alive = res->keep_alive() && !node.shutting_down();
      res->keep_alive(keep_alive);
      auto [wec, wn] = co_await http::async_write(stream, *res, kAwait);
      if (wec || !keep_alive) break;
      continue;
    }
    Response res;
    if (path.starts_with("/api/")) {
      res = co_await HandleApi(node, req, path.substr(5), query);
    } else {
      res = HandlePlain(node, req, path);
    }
    bool keep_alive = res.keep_alive() && !node.shutting_down();
    res.keep_alive(keep_alive);
    auto [wec, wn] = co_await http::async_write(stream, res, kAwait);
    if (wec || !keep_alive) break;
  }
  beast::error_code ignored;
  stream.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
}

}  // namespace

void StartHttpSession(
    Node& node, Shard& shard,
    asio::basic_stream_socket<asio::ip::tcp, asio::io_context::executor_type> socket) {
  asio::co_spawn(shard.io(), RunHttpSession(node, shard, Stream(std::move(socket))),
                 asio::detached);
}

}  // namespace livegate
