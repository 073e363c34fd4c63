#pragma once
// Signs JWTs with libjwt, for `livegate gentoken` and tests. Not on the connection path.

#include <boost/json/fwd.hpp>
#include <boost/system/result.hpp>
#include <string>
#include <string_view>

namespace livegate::auth {

// `algorithm` is one of HS256..ES512 (exact spelling; never none). `key` is the HMAC secret
// for HS*, or a PEM private key for RS* / ES*. The error says why libjwt refused.
boost::system::result<std::string, std::string> Sign(std::string_view algorithm,
                                                     std::string_view key,
                                                     const boost::json::object& claims);

// HS256 / HS384 / HS512 with `secret`. Throws std::invalid_argument when refused.
std::string SignHs(std::string_view algorithm, std::string_view secret,
                   const boost::json::object& claims);

}  // namespace livegate::auth
