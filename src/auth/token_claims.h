#pragma once
// What a verified token grants (PROTOCOL.md §4): the claims of connection and subscription
// tokens, and their extraction from a payload whose signature and registered claims
// JwtVerifier has already checked. JSON-valued claims are kept as compact JSON text, ready to
// embed in replies.

#include <boost/json/fwd.hpp>
#include <boost/system/result.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace livegate::auth {

enum class TokenError {
  kInvalid,  // connect/refresh: disconnect 3500; subscribe: error 103
  kExpired,  // error 109
};

template <class T>
using TokenResult = boost::system::result<T, TokenError>;

// Lets TokenResult<T>::value() compile; the server itself tests the result and uses operator*.
[[noreturn]] void throw_exception_from_error(TokenError error, const boost::source_location& loc);

// Per-subscription overrides of namespace options; each is {"value": bool} in the token.
struct SubscriptionOverride {
  std::optional<bool> presence;
  std::optional<bool> join_leave;
  std::optional<bool> force_push_join_leave;
  std::optional<bool> force_recovery;
  std::optional<bool> force_positioning;
};

// One entry of a connection token's "subs" map: a server-side subscription with options.
struct ServerSideSub {
  std::string channel;
  std::string info_json;  // "info" or decoded "b64info"; "" when absent
  std::string data_json;  // "data" or decoded "b64data"; "" when absent
  SubscriptionOverride overrides;
};

struct ConnectClaims {
  std::string user;  // "sub"; "" = anonymous
  std::optional<int64_t> exp;
  std::optional<int64_t> expire_at;   // 0 = never expires although "exp" was checked
  std::string info_json;              // "info" or decoded "b64info"; "" when absent
  std::vector<std::string> channels;  // server-side subscriptions, not permissions
  std::vector<ServerSideSub> subs;    // in the order of the token
};

struct SubscriptionClaims {
  std::string user;     // "sub"; must equal the connection's user (checked by the caller)
  std::string channel;  // required, never empty
  std::optional<int64_t> exp;
  std::optional<int64_t> expire_at;  // 0 = one-time token, the subscription never expires
  std::string info_json;             // becomes chan_info
  std::string data_json;             // returned in the subscribe result
  SubscriptionOverride overrides;
};

// Wrong claim types, and a connection token naming a "channel", are kInvalid.
TokenResult<ConnectClaims> ParseConnectClaims(const boost::json::object& payload);
// Wrong claim types, and a missing or empty "channel", are kInvalid.
TokenResult<SubscriptionClaims> ParseSubscriptionClaims(const boost::json::object& payload);

}  // namespace livegate::auth
