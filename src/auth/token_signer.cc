#include "auth/token_signer.h"

#include <jwt.h>
#include <openssl/err.h>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <cstdlib>
#include <memory>
#include <stdexcept>

namespace livegate::auth {
namespace {

struct JwtFree {
  void operator()(jwt_t* jwt) const { jwt_free(jwt); }
};
struct CharFree {
  void operator()(char* text) const { std::free(text); }
};

// jwt_str_alg() also takes "none" and any letter case; we only sign what we verify.
jwt_alg_t ParseAlgorithm(std::string_view name) {
  for (int a = JWT_ALG_HS256; a < JWT_ALG_TERM; ++a) {
    auto alg = static_cast<jwt_alg_t>(a);
    if (name == jwt_alg_str(alg)) return alg;
  }
  return JWT_ALG_INVAL;
}

using SignResult = boost::system::result<std::string, std::string>;

// Value and error have the same type, so say which one is meant.
SignResult Fail(std::string message) { return {boost::system::in_place_error, std::move(message)}; }

}  // namespace

boost::system::result<std::string, std::string> Sign(std::string_view algorithm,
                                                     std::string_view key,
                                                     const boost::json::object& claims) {
  std::string name(algorithm);
  jwt_alg_t alg = ParseAlgorithm(name);
  if (alg == JWT_ALG_INVAL) return Fail("unsupported algorithm \"" + name + "\"");
  if (key.empty()) return Fail(name + " needs a key");
  jwt_t* raw = nullptr;
  if (jwt_new(&raw) != 0) return Fail("out of memory");
  std::unique_ptr<jwt_t, JwtFree> jwt(raw);
  if (jwt_set_alg(jwt.get(), alg, reinterpret_cast<const unsigned char*>(key.data()),
                  static_cast<int>(key.size())) != 0) {
    return Fail("libjwt refused the key for " + name);
  }
  std::string grants = boost::json::serialize(claims);
  if (jwt_add_grants_json(jwt.get(), grants.c_str()) != 0) {
    return Fail("libjwt refused the claims");
  }
  std::unique_ptr<char, CharFree> token(jwt_encode_str(jwt.get()));
  ERR_clear_error();  // a bad PEM leaves errors on this thread's OpenSSL queue
  if (!token) return Fail("signing with " + name + " failed (is the key a PEM private key?)");
  return {boost::system::in_place_value, token.get()};
}

std::string SignHs(std::string_view algorithm, std::string_view secret,
                   const boost::json::object& claims) {
  if (!algorithm.starts_with("HS")) {
    throw std::invalid_argument("SignHs: not an HMAC algorithm: " + std::string(algorithm));
  }
  boost::system::result<std::string, std::string> token = Sign(algorithm, secret, claims);
  if (!token) throw std::invalid_argument("SignHs: " + token.error());
  return std::move(*token);
}

}  // namespace livegate::auth
