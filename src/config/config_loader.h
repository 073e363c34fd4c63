#pragma once
// Loads Settings from defaults < YAML file < LIVEGATE_* environment < --key=value flags, and
// writes them back as YAML. Every key is described once, in config_fields.cc; the reference
// is docs/configuration.md. Control plane only: errors are thrown as ConfigError.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "config/config_error.h"
#include "config/settings.h"

namespace livegate::config {

// Environment variables that are not configuration keys but may be set (e.g. LIVEGATE_CONFIG).
inline constexpr const char* kAllowedExtraEnv[] = {
    "LIVEGATE_CONFIG",  // config file path, used when LoadInput::file_path is empty
    "LIVEGATE_BIN",     // binary under test, set by the end-to-end harness (tests/e2e)
};

struct LoadInput {
  std::optional<std::string> file_path{};  // YAML file; none = defaults (or LIVEGATE_CONFIG)
  std::vector<std::pair<std::string, std::string>> env{};  // every LIVEGATE_* variable
  std::vector<std::string> flag_overrides{};  // "http.port=9000" (from "--http.port=9000")
};

// Merges all sources and validates the result. Throws ConfigError naming key and source.
Settings LoadSettings(const LoadInput& in);

// Every key with its default and a one-line comment; `livegate genconfig` prints it and
// config/livegate.example.yaml is exactly this text.
std::string GenerateDefaultConfig();

// The effective configuration as YAML, with secrets masked as "***" (when set).
std::string DescribeSettings(const Settings& settings);

}  // namespace livegate::config
