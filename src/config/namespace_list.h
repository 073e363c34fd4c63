#pragma once
// channel.namespaces from YAML: a sequence of maps, each a `name` plus namespace options.
// The same parser serves the file and the YAML/JSON flow string of env vars and flags.

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "core/namespace_options.h"

namespace livegate::config {

// `key` prefixes messages: `unknown key "channel.namespaces[chat].presnce"`. Throws ParseError.
std::vector<ChannelNamespace> ParseNamespaceList(const std::string& key, const YAML::Node& node);

}  // namespace livegate::config
