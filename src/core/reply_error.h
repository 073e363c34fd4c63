#pragma once
// Per-command reply errors of the client protocol and the server API (codes 100-1999;
// 400-1999 are left to applications).

#include <cstdint>
#include <string_view>

namespace livegate {

struct ReplyError {
  uint32_t code;
  std::string_view message;
  bool temporary = false;
  friend bool operator==(const ReplyError& a, const ReplyError& b) { return a.code == b.code; }
};

inline constexpr ReplyError kErrorInternal{100, "internal server error", true};
inline constexpr ReplyError kErrorUnauthorized{101, "unauthorized"};
inline constexpr ReplyError kErrorUnknownChannel{102, "unknown channel"};
inline constexpr ReplyError kErrorPermissionDenied{103, "permission denied"};
inline constexpr ReplyError kErrorMethodNotFound{104, "method not found"};
inline constexpr ReplyError kErrorAlreadySubscribed{105, "already subscribed"};
inline constexpr ReplyError kErrorLimitExceeded{106, "limit exceeded"};
inline constexpr ReplyError kErrorBadRequest{107, "bad request"};
inline constexpr ReplyError kErrorNotAvailable{108, "not available"};
inline constexpr ReplyError kErrorTokenExpired{109, "token expired"};
inline constexpr ReplyError kErrorExpired{110, "expired"};
inline constexpr ReplyError kErrorTooManyRequests{111, "too many requests", true};
inline constexpr ReplyError kErrorUnrecoverablePosition{112, "unrecoverable position"};
inline constexpr ReplyError kErrorConflict{113, "conflict"};

}  // namespace livegate
