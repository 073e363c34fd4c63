#pragma once
// Checks that need the merged result: namespace names, history settings and the like. Per-key
// ranges are checked while parsing, where the source is still known.

#include <map>
#include <string>

#include "config/settings.h"

namespace livegate::config {

// Key → where its value came from ("config file x.yaml", "LIVEGATE_HTTP_PORT", "flag --...").
using Origins = std::map<std::string, std::string>;

// Throws ConfigError naming the offending key (and its origin when known).
void ValidateSettings(const Settings& settings, const Origins& origins);

}  // namespace livegate::config
