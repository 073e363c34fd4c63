#pragma once
// Random (version 4) UUIDs for client, session and node ids.

#include <string>

namespace livegate {

// Thread-safe (one generator per thread).
std::string NewUuid();

}  // namespace livegate
