#pragma once
// base64 for tokens: base64url without padding for the three JWT parts (RFC 7515 §2), and
// standard base64 with padding for the b64info/b64data claims (Go's base64.StdEncoding).
// Decoders are strict: every byte string has exactly one accepted encoding, so a token cannot
// be altered without changing its decoded bytes.

#include <optional>
#include <string>
#include <string_view>

namespace livegate::auth {

std::optional<std::string> Base64UrlDecode(std::string_view in);
std::string Base64UrlEncode(std::string_view in);

std::optional<std::string> Base64Decode(std::string_view in);

}  // namespace livegate::auth
