#pragma once
// Small helpers shared by the command handlers of ClientSession.

#include <chrono>
#include <cstdint>

namespace livegate {

inline int64_t UnixNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace livegate
