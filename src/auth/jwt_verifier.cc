#include "auth/jwt_verifier.h"

#include <jwt.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <array>
#include <boost/json.hpp>
#include <memory>

#include "auth/base64url.h"

namespace livegate::auth {
namespace json = boost::json;

namespace {

constexpr std::array<std::string_view, 9> kAlgorithms{"HS256", "HS384", "HS512", "RS256", "RS384",
                                                      "RS512", "ES256", "ES384", "ES512"};

// The public key type a PEM holds, or EVP_PKEY_NONE when it is not a public key.
int PemKeyType(const std::string& pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), &BIO_free);
  if (!bio) return EVP_PKEY_NONE;
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr), &EVP_PKEY_free);
  return key ? EVP_PKEY_base_id(key.get()) : EVP_PKEY_NONE;
}

std::optional<int64_t> IntClaim(const json::object& o, std::string_view key, bool* bad) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return std::nullopt;
  json::error_code ec;
  auto n = v->to_number<int64_t>(ec);
  if (ec) {
    *bad = true;
    return std::nullopt;
  }
  return n;
}

bool StringClaim(const json::object& o, std::string_view key, std::string* out) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return true;
  if (!v->is_string()) return false;
  *out = std::string(v->get_string());
  return true;
}

std::string RawClaim(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v == nullptr || v->is_null() ? std::string() : json::serialize(*v);
}

bool AudienceMatches(const json::value* aud, std::string_view want) {
  if (aud == nullptr) return false;
  if (aud->is_string()) return aud->get_string() == want;
  if (!aud->is_array()) return false;
  for (const auto& a : aud->get_array()) {
    if (a.is_string() && a.get_string() == want) return true;
  }
  return false;
}

std::optional<json::object> ParseObject(std::string_view text) {
  json::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return std::nullopt;
  return std::move(v.get_object());
}

}  // namespace

boost::system::result<JwtVerifier, std::string> JwtVerifier::Create(const TokenSettings& s) {
  JwtVerifier v;
  v.algorithm_ = s.algorithm;
  v.audience_ = s.audience;
  v.issuer_ = s.issuer;
  if (std::find(kAlgorithms.begin(), kAlgorithms.end(), s.algorithm) == kAlgorithms.end()) {
    return "client.token.algorithm: unsupported algorithm \"" + s.algorithm + "\"";
  }
  if (s.algorithm.starts_with("HS")) {
    // An empty secret is allowed only as "no HMAC tokens configured": every token then fails.
    v.key_ = s.hmac_secret_key;
  } else if (s.algorithm.starts_with("RS")) {
    if (PemKeyType(s.rsa_public_key) != EVP_PKEY_RSA) {
      return std::string("client.token.rsa_public_key: not a PEM RSA public key");
    }
    v.key_ = s.rsa_public_key;
  } else {
    if (PemKeyType(s.ecdsa_public_key) != EVP_PKEY_EC) {
      return std::string("client.token.ecdsa_public_key: not a PEM ECDSA public key");
    }
    v.key_ = s.ecdsa_public_key;
  }
  return v;
}

TokenResult<std::string> JwtVerifier::VerifyToken(std::string_view token,
                                                  int64_t now_seconds) const {
  if (key_.empty()) return TokenError::kInvalid;
  size_t dot1 = token.find('.');
  size_t dot2 = dot1 == std::string_view::npos ? dot1 : token.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos ||
      dot2 + 1 == token.size()) {
    return TokenError::kInvalid;
  }
  // The header's alg must be exactly the configured one before libjwt sees the token.
  auto header_text = Base64UrlDecode(token.substr(0, dot1));
  if (!header_text) return TokenError::kInvalid;
  auto header = ParseObject(*header_text);
  std::string alg;
  if (!header || !StringClaim(*header, "alg", &alg) || alg != algorithm_) {
    return TokenError::kInvalid;
  }
  auto payload_text = Base64UrlDecode(token.substr(dot1 + 1, dot2 - dot1 - 1));
  if (!payload_text) return TokenError::kInvalid;

  std::string token_str(token);
  jwt_t* jwt = nullptr;
  int rc = jwt_decode(&jwt, token_str.c_str(), reinterpret_cast<const unsigned char*>(key_.data()),
                      static_cast<int>(key_.size()));
  std::unique_ptr<jwt_t, decltype(&jwt_free)> holder(jwt, &jwt_free);
  if (rc != 0 || jwt == nullptr) return TokenError::kInvalid;
  if (jwt_alg_str(jwt_get_alg(jwt)) == nullptr || alg != jwt_alg_str(jwt_get_alg(jwt))) {
    return TokenError::kInvalid;
  }

  auto claims = ParseObject(*payload_text);
  if (!claims) return TokenError::kInvalid;
  bool bad = false;
  auto exp = IntClaim(*claims, "exp", &bad);
  auto nbf = IntClaim(*claims, "nbf", &bad);
  if (bad) return TokenError::kInvalid;
  if (nbf && *nbf > now_seconds) return TokenError::kInvalid;
  if (!audience_.empty() && !AudienceMatches(claims->if_contains("aud"), audience_)) {
    return TokenError::kInvalid;
  }
  if (!issuer_.empty()) {
    std::string iss;
    if (!StringClaim(*claims, "iss", &iss) || iss != issuer_) return TokenError::kInvalid;
  }
  if (exp && *exp <= now_seconds) return TokenError::kExpired;
  return std::move(*payload_text);
}

TokenResult<ConnectClaims> JwtVerifier::VerifyConnect(std::string_view token,
                                                      int64_t now_seconds) const {
  auto payload = VerifyToken(token, now_seconds);
  if (!payload) return payload.error();
  json::object o = *ParseObject(*payload);
  // A connection token must not carry a channel: that would make it a subscription token.
  if (o.contains("channel")) return TokenError::kInvalid;
  ConnectClaims c;
  bool bad = false;
  c.exp = IntClaim(o, "exp", &bad);
  c.expire_at = IntClaim(o, "expire_at", &bad);
  if (bad || !StringClaim(o, "sub", &c.user)) return TokenError::kInvalid;
  c.info_json = RawClaim(o, "info");
  if (const json::value* ch = o.if_contains("channels"); ch != nullptr && !ch->is_null()) {
    if (!ch->is_array()) return TokenError::kInvalid;
    for (const auto& v : ch->get_array()) {
      if (!v.is_string()) return TokenError::kInvalid;
      c.channels.emplace_back(v.get_string());
    }
  }
  if (const json::value* subs = o.if_contains("subs"); subs != nullptr && !subs->is_null()) {
    if (!subs->is_object()) return TokenError::kInvalid;
    for (const auto& [channel, opts] : subs->get_object()) {
      if (!opts.is_object()) return TokenError::kInvalid;
      c.subs.push_back({std::string(channel), RawClaim(opts.get_object(), "info"),
                        RawClaim(opts.get_object(), "data")});
    }
  }
  return c;
}

TokenResult<SubscriptionClaims> JwtVerifier::VerifySubscription(std::string_view token,
                                                                int64_t now_seconds) const {
  auto payload = VerifyToken(token, now_seconds);
  if (!payload) return payload.error();
  json::object o = *ParseObject(*payload);
  SubscriptionClaims c;
  bool bad = false;
  c.exp = IntClaim(o, "exp", &bad);
  c.expire_at = IntClaim(o, "expire_at", &bad);
  if (bad || !StringClaim(o, "sub", &c.user) || !StringClaim(o, "channel", &c.channel) ||
      c.channel.empty()) {
    return TokenError::kInvalid;
  }
  c.info_json = RawClaim(o, "info");
  c.data_json = RawClaim(o, "data");
  return c;
}

}  // namespace livegate::auth
