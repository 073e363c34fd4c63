#pragma once
// Writes Settings as YAML that LoadSettings reads back: nested maps in table order, optionally
// with each key's doc line (genconfig) and with secrets masked (DescribeSettings).

#include <string>

#include "config/settings.h"

namespace livegate::config {

struct WriteOptions {
  bool comments = false;      // doc line above each key, header, example namespace
  bool mask_secrets = false;  // secret keys that are set print as "***"
};

std::string WriteSettingsYaml(const Settings& settings, const WriteOptions& options);

// The example namespace that genconfig shows commented out, as YAML under "channel:".
extern const char kExampleNamespacesYaml[];

}  // namespace livegate::config
