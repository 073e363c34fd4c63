#include "transport/origin_check.h"

#include <algorithm>
#include <cctype>

namespace livegate {

namespace {

bool EqualNoCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

bool OriginAllowed(const std::vector<std::string>& allowed, std::string_view origin,
                   std::string_view host) {
  for (const auto& a : allowed) {
    if (a == "*" || EqualNoCase(a, origin)) return true;
  }
  if (!allowed.empty()) return false;
  // Same host: the origin's authority (after "scheme://") equals the Host header.
  size_t scheme_end = origin.find("://");
  if (scheme_end == std::string_view::npos) return false;
  return !host.empty() && EqualNoCase(origin.substr(scheme_end + 3), host);
}

}  // namespace livegate
