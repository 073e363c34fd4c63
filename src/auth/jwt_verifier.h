#pragma once
// Verifies connection and subscription JWTs (PROTOCOL.md §4). The algorithm is pinned by the
// configuration: a token whose header names another algorithm, `none` included, is invalid.
// That check is ours, made before libjwt sees the token, because libjwt trusts the header
// (an HS256 token keyed with our RSA PEM as HMAC secret would pass). libjwt checks signatures.
// Thread-safe: immutable after Create(); every shard calls the const methods concurrently.
// Owned by: Node.

#include <boost/json/fwd.hpp>
#include <boost/system/result.hpp>
#include <cstdint>
#include <string>
#include <string_view>

#include "auth/token_claims.h"
#include "config/settings.h"

namespace livegate::auth {

class JwtVerifier {
 public:
  // Checks the settings: a known algorithm and a usable key for it. The error names the
  // offending setting, e.g. "client.token.rsa_public_key: not a PEM RSA public key".
  static boost::system::result<JwtVerifier, std::string> Create(const TokenSettings& settings);

  // `now_seconds` is Unix time. An "exp" at or before it gives kExpired, but only for a token
  // that is otherwise valid; "nbf" after it gives kInvalid.
  TokenResult<ConnectClaims> VerifyConnect(std::string_view token, int64_t now_seconds) const;
  TokenResult<SubscriptionClaims> VerifySubscription(std::string_view token,
                                                     int64_t now_seconds) const;

  const std::string& algorithm() const { return algorithm_; }

 private:
  JwtVerifier(const TokenSettings& settings, std::string key);

  // Checks the header, the signature and the registered claims; returns the payload.
  TokenResult<boost::json::object> VerifyToken(std::string_view token, int64_t now_seconds) const;

  std::string algorithm_;  // exact header "alg", e.g. "HS256"
  std::string key_;        // HMAC secret or PEM public key, as libjwt takes it
  std::string audience_;   // "" = not checked
  std::string issuer_;     // "" = not checked
};

}  // namespace livegate::auth
