#pragma once
// Glob matching for the `channels` API pattern: '*' any run, '?' one character,
// '\' escapes the next character.

#include <string_view>

namespace livegate {

bool GlobMatch(std::string_view pattern, std::string_view text);

}  // namespace livegate
