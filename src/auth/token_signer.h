#pragma once
// Signs JWTs with libjwt: `livegate gentoken` and the tests use it.

#include <boost/json/object.hpp>
#include <string>
#include <string_view>

namespace livegate::auth {

// `key` is the HMAC secret for HS*, or a PEM private key for RS* / ES*.
// Throws std::runtime_error when libjwt refuses the algorithm or key.
std::string Sign(std::string_view algorithm, std::string_view key,
                 const boost::json::object& claims);

inline std::string SignHs(std::string_view algorithm, std::string_view secret,
                          const boost::json::object& claims) {
  return Sign(algorithm, secret, claims);
}

}  // namespace livegate::auth
