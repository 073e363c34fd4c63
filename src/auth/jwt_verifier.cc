#include "auth/jwt_verifier.h"

#include <jwt.h>
#include <openssl/err.h>

#include <algorithm>
#include <array>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <cctype>
#include <memory>
#include <optional>
#include <vector>

#include "auth/base64.h"
#include "auth/claim_reader.h"
#include "auth/public_key_pem.h"

namespace livegate::auth {
namespace json = boost::json;

namespace {

constexpr std::array<std::string_view, 9> kAlgorithms = {
    "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "ES256", "ES384", "ES512"};

struct JwtFree {
  void operator()(jwt_t* jwt) const { jwt_free(jwt); }
};

// The three parts of a compact JWS: header.payload.signature.
struct TokenParts {
  std::string_view header;
  std::string_view payload;
  std::string_view signature;
};

std::optional<TokenParts> SplitToken(std::string_view token) {
  size_t dot1 = token.find('.');
  if (dot1 == std::string_view::npos) return std::nullopt;
  size_t dot2 = token.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos) {
    return std::nullopt;
  }
  return TokenParts{token.substr(0, dot1), token.substr(dot1 + 1, dot2 - dot1 - 1),
                    token.substr(dot2 + 1)};
}

std::optional<json::object> DecodeJsonPart(std::string_view part) {
  std::optional<std::string> text = Base64UrlDecode(part);
  if (!text) return std::nullopt;
  json::error_code ec;
  json::value value = json::parse(*text, ec);
  if (ec || !value.is_object()) return std::nullopt;
  return std::move(value.get_object());
}

bool IsNone(std::string_view alg) {
  return alg.size() == 4 && std::equal(alg.begin(), alg.end(), "none", [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) == b;
         });
}

// The header must name exactly the pinned algorithm (libjwt would take "hs256" or "None").
bool HeaderAllows(const json::object& header, std::string_view pinned) {
  std::string alg;
  if (!ReadString(header, "alg", &alg) || IsNone(alg) || alg != pinned) return false;
  // RFC 7515 §4.1.11: we understand no critical extension, so none may be required.
  return !header.contains("crit");
}

// libjwt 1.10 decodes without verifying when the key is empty, and then reports the
// algorithm as none: so insist on the pinned algorithm afterwards too.
bool SignatureValid(std::string_view token, const std::string& key, std::string_view pinned) {
  std::string text(token);  // libjwt wants a C string; the base64 checks excluded NULs
  jwt_t* raw = nullptr;
  int rc = jwt_decode(&raw, text.c_str(), reinterpret_cast<const unsigned char*>(key.data()),
                      static_cast<int>(key.size()));
  std::unique_ptr<jwt_t, JwtFree> jwt(raw);
  ERR_clear_error();  // a failed check leaves errors on this thread's OpenSSL queue
  if (rc != 0 || jwt == nullptr) return false;
  const char* alg = jwt_alg_str(jwt_get_alg(jwt.get()));
  return alg != nullptr && !IsNone(alg) && pinned == alg;
}

// exp, nbf, aud and iss (RFC 7519 §4.1). kExpired only for a token valid in every other way.
std::optional<TokenError> CheckRegisteredClaims(const json::object& claims, int64_t now,
                                                std::string_view audience,
                                                std::string_view issuer) {
  std::optional<int64_t> exp;
  std::optional<int64_t> nbf;
  std::vector<std::string> aud;
  std::string iss;
  if (!ReadTime(claims, "exp", &exp) || !ReadTime(claims, "nbf", &nbf) ||
      !ReadAudience(claims, &aud) || !ReadString(claims, "iss", &iss)) {
    return TokenError::kInvalid;
  }
  if (nbf && *nbf > now) return TokenError::kInvalid;
  if (!audience.empty() && std::find(aud.begin(), aud.end(), audience) == aud.end()) {
    return TokenError::kInvalid;
  }
  if (!issuer.empty() && iss != issuer) return TokenError::kInvalid;
  if (exp && *exp <= now) return TokenError::kExpired;
  return std::nullopt;
}

}  // namespace

JwtVerifier::JwtVerifier(const TokenSettings& settings, std::string key)
    : algorithm_(settings.algorithm),
      key_(std::move(key)),
      audience_(settings.audience),
      issuer_(settings.issuer) {}

boost::system::result<JwtVerifier, std::string> JwtVerifier::Create(const TokenSettings& settings) {
  const std::string& alg = settings.algorithm;
  if (std::find(kAlgorithms.begin(), kAlgorithms.end(), alg) == kAlgorithms.end()) {
    return "client.token.algorithm: unsupported \"" + alg +
           "\" (want HS256|HS384|HS512|RS256|RS384|RS512|ES256|ES384|ES512)";
  }
  if (alg.starts_with("HS")) {
    // An empty secret is a deployment without connection tokens (anonymous clients only):
    // the verifier starts and refuses every token (VerifyToken), since libjwt would skip
    // verification altogether with an empty key.
    return JwtVerifier(settings, settings.hmac_secret_key);
  }
  const bool rsa = alg.starts_with("RS");
  const std::string& pem = rsa ? settings.rsa_public_key : settings.ecdsa_public_key;
  if (std::optional<std::string> problem = CheckPublicKeyPem(alg, pem)) {
    return std::string(rsa ? "client.token.rsa_public_key: " : "client.token.ecdsa_public_key: ") +
           *problem;
  }
  return JwtVerifier(settings, pem);
}

TokenResult<json::object> JwtVerifier::VerifyToken(std::string_view token,
                                                   int64_t now_seconds) const {
  if (key_.empty()) return TokenError::kInvalid;
  std::optional<TokenParts> parts = SplitToken(token);
  // Every part must be canonical base64url, the signature included: libjwt's own decoder is
  // lenient, and this keeps NULs and junk away from it.
  if (!parts || parts->signature.empty() || !Base64UrlDecode(parts->signature)) {
    return TokenError::kInvalid;
  }
  std::optional<json::object> header = DecodeJsonPart(parts->header);
  if (!header || !HeaderAllows(*header, algorithm_)) return TokenError::kInvalid;
  std::optional<json::object> claims = DecodeJsonPart(parts->payload);
  if (!claims || !SignatureValid(token, key_, algorithm_)) return TokenError::kInvalid;
  if (auto error = CheckRegisteredClaims(*claims, now_seconds, audience_, issuer_)) return *error;
  return std::move(*claims);
}

TokenResult<ConnectClaims> JwtVerifier::VerifyConnect(std::string_view token,
                                                      int64_t now_seconds) const {
  TokenResult<json::object> payload = VerifyToken(token, now_seconds);
  if (!payload) return payload.error();
  return ParseConnectClaims(*payload);
}

TokenResult<SubscriptionClaims> JwtVerifier::VerifySubscription(std::string_view token,
                                                                int64_t now_seconds) const {
  TokenResult<json::object> payload = VerifyToken(token, now_seconds);
  if (!payload) return payload.error();
  return ParseSubscriptionClaims(*payload);
}

}  // namespace livegate::auth
