#pragma once
// Start-up check of a configured public key, so that a bad key fails the configuration instead
// of every token. It reads the PEM the way libjwt does (SubjectPublicKeyInfo, "BEGIN PUBLIC
// KEY") and also checks what libjwt does not: the key type, and for ES* the curve RFC 7518
// §3.4 ties to the algorithm (libjwt would verify ES384 with a P-256 key).

#include <optional>
#include <string>
#include <string_view>

namespace livegate::auth {

// `algorithm` is RS256..RS512 or ES256..ES512. Returns what is wrong, or nullopt.
std::optional<std::string> CheckPublicKeyPem(std::string_view algorithm, std::string_view pem);

}  // namespace livegate::auth
