#include "api/server_api.h"

#include <openssl/crypto.h>

#include <boost/json.hpp>

#include "api/api_methods.h"
#include "protocol/json_writer.h"

namespace livegate {
namespace json = boost::json;

namespace {

unsigned StatusForError(uint32_t code) {
  switch (code) {
    case 100:
      return 500;
    case 102:
    case 104:
      return 404;
    case 107:
    case 108:
      return 400;
    case 112:
      return 416;
    case 113:
      return 409;
    default:
      return 400;
  }
}

std::string ErrorObject(const ApiResult& r) {
  std::string out;
  protocol::JsonWriter w(out);
  w.BeginObject().Key("code").UInt(r.error->code);
  w.Field("message", r.error_message.empty() ? r.error->message : r.error_message).EndObject();
  return out;
}

ApiResponse Render(const ApiResult& r, bool transport_errors) {
  if (r.error == nullptr) return ApiResponse{200, "{\"result\":" + r.result + "}"};
  if (transport_errors) return ApiResponse{StatusForError(r.error->code), ErrorObject(r)};
  return ApiResponse{200, "{\"error\":" + ErrorObject(r) + "}"};
}

ApiResponse BadRequest(std::string_view why) {
  std::string out;
  protocol::JsonWriter w(out);
  w.BeginObject().Key("error").BeginObject().Key("code").UInt(kErrorBadRequest.code);
  w.Field("message", why).EndObject().EndObject();
  return ApiResponse{400, std::move(out)};
}

// Runs the commands of a batch one after another; replies keep the request order.
struct BatchRun : std::enable_shared_from_this<BatchRun> {
  Node& node;
  json::array commands;
  std::vector<std::string> replies;
  std::function<void(ApiResponse)> done;

  BatchRun(Node& n, json::array cmds, std::function<void(ApiResponse)> d)
      : node(n), commands(std::move(cmds)), done(std::move(d)) {}

  void Next() {
    size_t i = replies.size();
    if (i == commands.size()) return Finish();
    const json::value& c = commands[i];
    if (!c.is_object() || c.get_object().size() != 1) {
      return Record("", ApiResult{&kErrorBadRequest, {}, {}});
    }
    const auto& [name, params] = *c.get_object().begin();
    ApiMethod method = FindApiMethod(name);
    if (method == nullptr) return Record("", ApiResult{&kErrorMethodNotFound, {}, {}});
    if (!params.is_object()) return Record("", ApiResult{&kErrorBadRequest, {}, {}});
    std::string key(name);
    method(node, params.get_object(),
           [self = shared_from_this(), key](ApiResult r) { self->Record(key, std::move(r)); });
  }

  void Record(const std::string& name, ApiResult r) {
    std::string out;
    protocol::JsonWriter w(out);
    w.BeginObject();
    if (r.error != nullptr) {
      w.Key("error").Raw(ErrorObject(r));
    } else {
      w.Key(name).Raw(r.result);
    }
    w.EndObject();
    replies.push_back(std::move(out));
    Next();
  }

  void Finish() {
    std::string body = "{\"result\":{\"replies\":[";
    for (size_t i = 0; i < replies.size(); ++i) body += (i ? "," : "") + replies[i];
    done(ApiResponse{200, body + "]}}"});
  }
};

}  // namespace

void HandleApiRequest(Node& node, std::string_view method, std::string_view body,
                      bool transport_errors, std::function<void(ApiResponse)> done) {
  json::error_code ec;
  json::value params = json::parse(body.empty() ? std::string_view("{}") : body, ec);
  if (ec) return done(BadRequest("request body is not valid JSON"));
  if (!params.is_object()) return done(BadRequest("request body must be a JSON object"));
  if (method == "batch") {
    json::value* cmds = params.get_object().if_contains("commands");
    if (cmds == nullptr || !cmds->is_array()) return done(BadRequest("commands required"));
    constexpr size_t kMaxBatch = 1000;
    if (cmds->get_array().size() > kMaxBatch) return done(BadRequest("too many commands"));
    auto run = std::make_shared<BatchRun>(node, std::move(cmds->get_array()), std::move(done));
    run->Next();
    return;
  }
  ApiMethod m = FindApiMethod(method);
  if (m == nullptr) {
    return done(Render(ApiResult{&kErrorMethodNotFound, {}, {}}, transport_errors));
  }
  m(node, params.get_object(),
    [done = std::move(done), transport_errors](ApiResult r) { done(Render(r, transport_errors)); });
}

bool ApiKeyMatches(std::string_view configured, std::string_view presented) {
  if (configured.empty() || presented.size() != configured.size()) return false;
  return CRYPTO_memcmp(configured.data(), presented.data(), configured.size()) == 0;
}

}  // namespace livegate
