#pragma once
// base64url (RFC 4648 §5) without padding, as JWT uses it.

#include <optional>
#include <string>
#include <string_view>

namespace livegate::auth {

std::optional<std::string> Base64UrlDecode(std::string_view in);

}  // namespace livegate::auth
