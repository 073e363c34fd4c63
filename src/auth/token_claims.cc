#include "auth/token_claims.h"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <boost/throw_exception.hpp>
#include <stdexcept>

#include "auth/claim_reader.h"

namespace livegate::auth {
namespace json = boost::json;

namespace {

bool ReadOverride(const json::object& obj, SubscriptionOverride* out) {
  const json::value* v = obj.if_contains("override");
  if (v == nullptr || v->is_null()) return true;
  if (!v->is_object()) return false;
  const json::object& o = v->get_object();
  return ReadBoolValue(o, "presence", &out->presence) &&
         ReadBoolValue(o, "join_leave", &out->join_leave) &&
         ReadBoolValue(o, "force_push_join_leave", &out->force_push_join_leave) &&
         ReadBoolValue(o, "force_recovery", &out->force_recovery) &&
         ReadBoolValue(o, "force_positioning", &out->force_positioning);
}

// "subs": {channel: {info, b64info, data, b64data, override}}.
bool ReadSubs(const json::object& payload, std::vector<ServerSideSub>* out) {
  const json::value* v = payload.if_contains("subs");
  if (v == nullptr || v->is_null()) return true;
  if (!v->is_object()) return false;
  out->reserve(v->get_object().size());
  for (const auto& [channel, options] : v->get_object()) {
    if (!options.is_object()) return false;
    const json::object& o = options.get_object();
    ServerSideSub sub;
    sub.channel = channel;
    if (!ReadJsonText(o, "info", "b64info", &sub.info_json) ||
        !ReadJsonText(o, "data", "b64data", &sub.data_json) || !ReadOverride(o, &sub.overrides)) {
      return false;
    }
    out->push_back(std::move(sub));
  }
  return true;
}

}  // namespace

void throw_exception_from_error(TokenError error, const boost::source_location& loc) {
  boost::throw_with_location(
      std::runtime_error(error == TokenError::kExpired ? "token expired" : "invalid token"), loc);
}

TokenResult<ConnectClaims> ParseConnectClaims(const json::object& payload) {
  // Centrifugo rule: a "channel" makes it a subscription token, never valid for connecting.
  if (payload.contains("channel")) return TokenError::kInvalid;
  ConnectClaims c;
  if (!ReadString(payload, "sub", &c.user) || !ReadTime(payload, "exp", &c.exp) ||
      !ReadTime(payload, "expire_at", &c.expire_at) ||
      !ReadJsonText(payload, "info", "b64info", &c.info_json) ||
      !ReadStringArray(payload, "channels", &c.channels) || !ReadSubs(payload, &c.subs)) {
    return TokenError::kInvalid;
  }
  return c;
}

TokenResult<SubscriptionClaims> ParseSubscriptionClaims(const json::object& payload) {
  SubscriptionClaims c;
  if (!ReadString(payload, "sub", &c.user) || !ReadString(payload, "channel", &c.channel) ||
      c.channel.empty() || !ReadTime(payload, "exp", &c.exp) ||
      !ReadTime(payload, "expire_at", &c.expire_at) ||
      !ReadJsonText(payload, "info", "b64info", &c.info_json) ||
      !ReadJsonText(payload, "data", "b64data", &c.data_json) ||
      !ReadOverride(payload, &c.overrides)) {
    return TokenError::kInvalid;
  }
  return c;
}

}  // namespace livegate::auth
