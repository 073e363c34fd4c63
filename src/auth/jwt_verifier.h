#pragma once
// Verifies connection and subscription JWTs (PROTOCOL.md §4). The algorithm is pinned by
// configuration: a token naming any other algorithm — `none` included — is invalid, which
// also closes the RS/HS key-confusion hole. Signatures are checked by libjwt.
// Thread-safe: immutable after Create(); used concurrently by every shard.

#include <boost/system/result.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/settings.h"

namespace livegate::auth {

enum class TokenError {
  kInvalid,  // connect: disconnect 3500; subscribe: error 103
  kExpired,  // error 109
};

struct ServerSideSub {
  std::string channel;
  std::string info_json;  // raw JSON or ""
  std::string data_json;  // raw JSON or ""
};

struct ConnectClaims {
  std::string user;  // "sub"; "" = anonymous
  std::optional<int64_t> exp;
  std::optional<int64_t> expire_at;
  std::string info_json;              // "info" as raw JSON, "" when absent
  std::vector<std::string> channels;  // server-side subscriptions
  std::vector<ServerSideSub> subs;
};

struct SubscriptionClaims {
  std::string user;
  std::string channel;
  std::optional<int64_t> exp;
  std::optional<int64_t> expire_at;
  std::string info_json;  // becomes chan_info
  std::string data_json;  // returned in the subscribe result
};

template <class T>
using TokenResult = boost::system::result<T, TokenError>;

class JwtVerifier {
 public:
  // Checks the settings; the error message names the offending key.
  static boost::system::result<JwtVerifier, std::string> Create(const TokenSettings& settings);

  TokenResult<ConnectClaims> VerifyConnect(std::string_view token, int64_t now_seconds) const;
  TokenResult<SubscriptionClaims> VerifySubscription(std::string_view token,
                                                     int64_t now_seconds) const;

 private:
  JwtVerifier() = default;
  // Verifies header, signature and the registered claims; returns the payload JSON text.
  TokenResult<std::string> VerifyToken(std::string_view token, int64_t now_seconds) const;

  std::string algorithm_;
  std::string key_;  // HMAC secret or PEM public key
  std::string audience_;
  std::string issuer_;
};

}  // namespace livegate::auth
