#pragma once
// Cross-site WebSocket hijacking guard: a browser's Origin must be allowed. With no
// configured origins only the same host is allowed; "*" allows any origin.

#include <string>
#include <string_view>
#include <vector>

namespace livegate {

bool OriginAllowed(const std::vector<std::string>& allowed, std::string_view origin,
                   std::string_view host);

}  // namespace livegate
