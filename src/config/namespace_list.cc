#include "config/namespace_list.h"

#include "config/config_fields.h"
#include "config/config_value.h"

namespace livegate::config {
namespace {

int LineOf(const YAML::Node& node) { return node.Mark().line + 1; }

std::vector<std::string> OptionNames() {
  std::vector<std::string> names = {"name"};
  for (const auto& f : NamespaceFields()) names.push_back(f.spec.path);
  return names;
}

ChannelNamespace ParseEntry(const std::string& key, size_t index, const YAML::Node& entry) {
  std::string at = key + "[" + std::to_string(index) + "]";
  if (!entry.IsMap()) {
    throw ParseError(at + ": expected a map of a name and namespace options", LineOf(entry));
  }
  // The name first, so that later messages can say channel.namespaces[chat].option.
  const YAML::Node name = entry["name"];
  if (!name || name.IsNull()) throw ParseError(at + ": missing \"name\"", LineOf(entry));
  if (!name.IsScalar()) throw ParseError(at + ".name: expected a string", LineOf(name));
  ChannelNamespace ns;
  ns.name = name.Scalar();
  at = key + "[" + ns.name + "]";
  for (const auto& kv : entry) {
    if (!kv.first.IsScalar()) throw ParseError(at + ": keys must be strings", LineOf(kv.first));
    const std::string& option = kv.first.Scalar();
    if (option == "name") continue;
    const Field<NamespaceOptions>* field = FindNamespaceField(option);
    std::string option_key = at;
    option_key += '.';
    option_key += option;
    if (field == nullptr) {
      throw ParseError("unknown key \"" + option_key + "\"" + Suggestion(option, OptionNames()),
                       LineOf(kv.first));
    }
    field->set(ns.options, ParseYaml(field->spec, option_key, kv.second));
  }
  return ns;
}

}  // namespace

std::vector<ChannelNamespace> ParseNamespaceList(const std::string& key, const YAML::Node& node) {
  if (!node || node.IsNull()) return {};
  if (!node.IsSequence()) {
    throw ParseError("wrong type for " + key +
                         " (expected a list of namespaces, e.g. [{name: chat, presence: true}])",
                     LineOf(node));
  }
  std::vector<ChannelNamespace> namespaces;
  for (size_t i = 0; i < node.size(); ++i) namespaces.push_back(ParseEntry(key, i, node[i]));
  return namespaces;
}

}  // namespace livegate::config
