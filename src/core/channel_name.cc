#include "core/channel_name.h"

namespace livegate {

bool ChannelName::AllowsUser(std::string_view user) const {
  if (!is_user_limited || user.empty()) return false;
  std::string_view rest = allowed_users;
  while (!rest.empty()) {
    size_t comma = rest.find(',');
    std::string_view candidate = rest.substr(0, comma);
    if (candidate == user) return true;
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return false;
}

const ReplyError* ParseChannelName(std::string_view channel, size_t max_length, ChannelName* out) {
  if (channel.empty() || channel.size() > max_length) return &kErrorBadRequest;
  for (char c : channel) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x21 || u > 0x7e) return &kErrorBadRequest;  // ASCII printable, no spaces
  }
  ChannelName name;
  name.full = channel;
  std::string_view body = channel;
  if (body.front() == '$') {
    name.is_private = true;
    body.remove_prefix(1);
  }
  if (size_t colon = body.find(':'); colon != std::string_view::npos) {
    name.namespace_name = body.substr(0, colon);
    body.remove_prefix(colon + 1);
  }
  if (size_t hash = body.find('#'); hash != std::string_view::npos) {
    name.is_user_limited = true;
    name.allowed_users = body.substr(hash + 1);
  }
  *out = name;
  return nullptr;
}

}  // namespace livegate
