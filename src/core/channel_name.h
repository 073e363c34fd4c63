#pragma once
// Structure of a channel name: "[$][namespace:]name[#user1,user2]".
//   '$'  private prefix: subscribing always needs a subscription token.
//   ':'  namespace boundary (first ':'), namespace options come from configuration.
//   '#'  user boundary: only the listed users may subscribe.

#include <string_view>

#include "core/reply_error.h"

namespace livegate {

struct ChannelName {
  std::string_view full;
  std::string_view namespace_name;  // "" when the channel has no namespace
  bool is_private = false;
  bool is_user_limited = false;
  std::string_view allowed_users;  // after '#', comma separated

  // True when `user` is one of the users after '#'.
  bool AllowsUser(std::string_view user) const;
};

// Parses and validates a channel name: non-empty, ASCII printable, at most max_length bytes.
// Returns kErrorBadRequest (107) for an invalid name.
const ReplyError* ParseChannelName(std::string_view channel, size_t max_length, ChannelName* out);

}  // namespace livegate
