#pragma once
// The one error type of configuration loading. Its message names the key and where the bad
// value came from (config file, LIVEGATE_* variable or --flag), so it can be shown as is.

#include <stdexcept>
#include <string>

namespace livegate::config {

class ConfigError : public std::runtime_error {
 public:
  explicit ConfigError(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace livegate::config
