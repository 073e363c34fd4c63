#include "auth/token_signer.h"

#include <jwt.h>

#include <boost/json.hpp>
#include <cstdlib>
#include <memory>
#include <stdexcept>

namespace livegate::auth {

std::string Sign(std::string_view algorithm, std::string_view key,
                 const boost::json::object& claims) {
  std::string alg_name(algorithm);
  jwt_alg_t alg = jwt_str_alg(alg_name.c_str());
  if (alg == JWT_ALG_INVAL || alg == JWT_ALG_NONE) {
    throw std::runtime_error("unsupported algorithm " + alg_name);
  }
  jwt_t* jwt = nullptr;
  if (jwt_new(&jwt) != 0) throw std::runtime_error("jwt_new failed");
  std::unique_ptr<jwt_t, decltype(&jwt_free)> holder(jwt, &jwt_free);
  if (jwt_set_alg(jwt, alg, reinterpret_cast<const unsigned char*>(key.data()),
                  static_cast<int>(key.size())) != 0) {
    throw std::runtime_error("libjwt refused the key for " + alg_name);
  }
  std::string grants = boost::json::serialize(claims);
  if (jwt_add_grants_json(jwt, grants.c_str()) != 0) {
    throw std::runtime_error("libjwt refused the claims");
  }
  char* out = jwt_encode_str(jwt);
  if (out == nullptr) throw std::runtime_error("signing with " + alg_name + " failed");
  std::string token(out);
  std::free(out);
  return token;
}

}  // namespace livegate::auth
