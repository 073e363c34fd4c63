#include "config/config_loader.h"

#include <algorithm>
#include <iterator>
#include <string_view>

#include "config/config_fields.h"
#include "config/config_validate.h"
#include "config/read_file.h"

namespace livegate::config {
namespace {

// Merges one source after another into the settings, remembering who set each key.
class Merger {
 public:
  void Set(const Field<Settings>& field, const Value& value, const std::string& source) {
    field.set(settings_, value);
    origins_[field.spec.path] = source;
  }

  void ApplyFile(const std::string& path);
  void ApplyEnv(const std::string& name, const std::string& value);
  void ApplyFlag(std::string_view flag);

  Settings Finish() && {
    ValidateSettings(settings_, origins_);
    return std::move(settings_);
  }

 private:
  void ApplyMap(const YAML::Node& map, const std::string& prefix, const std::string& source);

  Settings settings_;
  Origins origins_;
};

std::vector<std::string> AllPaths() {
  std::vector<std::string> paths;
  for (const auto& f : SettingsFields()) paths.push_back(f.spec.path);
  return paths;
}

std::vector<std::string> AllEnvNames() {
  std::vector<std::string> names;
  for (const auto& f : SettingsFields()) names.push_back(EnvName(f.spec.path));
  return names;
}

std::string UnknownKey(const std::string& key) {
  return "unknown key \"" + key + "\"" + Suggestion(key, AllPaths());
}

std::string AtLine(int line) { return line > 0 ? " (line " + std::to_string(line) + ")" : ""; }

void Merger::ApplyMap(const YAML::Node& map, const std::string& prefix, const std::string& source) {
  for (const auto& kv : map) {
    int line = kv.first.Mark().line + 1;
    if (!kv.first.IsScalar()) throw ParseError("keys must be strings", line);
    std::string key = prefix.empty() ? kv.first.Scalar() : prefix + "." + kv.first.Scalar();
    if (const Field<Settings>* field = FindField(key)) {
      Set(*field, ParseYaml(field->spec, key, kv.second), source);
    } else if (!IsGroup(key)) {
      throw ParseError(UnknownKey(key), line);
    } else if (kv.second.IsMap()) {
      ApplyMap(kv.second, key, source);
    } else if (!kv.second.IsNull()) {  // an empty section ("http:") is fine
      throw ParseError("wrong type for " + key + ": expected a map of keys", line);
    }
  }
}

void Merger::ApplyFile(const std::string& path) {
  const std::string source = "config file " + path;
  std::string text, error;
  if (!ReadWholeFile(path, &text, &error)) throw ConfigError(source + ": cannot read: " + error);
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw ConfigError(source + ": YAML syntax error: " + e.msg + AtLine(e.mark.line + 1));
  }
  if (root.IsNull()) return;  // an empty file means defaults
  if (!root.IsMap()) throw ConfigError(source + ": expected a map of keys at the top level");
  try {
    ApplyMap(root, "", source);
  } catch (const ParseError& e) {
    throw ConfigError(source + ": " + e.what() + AtLine(e.line()));
  }
}

void Merger::ApplyEnv(const std::string& name, const std::string& value) {
  if (!name.starts_with("LIVEGATE_")) return;
  if (std::ranges::find(kAllowedExtraEnv, std::string_view(name)) != std::end(kAllowedExtraEnv)) {
    return;
  }
  const Field<Settings>* field = FindFieldByEnv(name);
  if (field == nullptr) {
    throw ConfigError(name + ": unknown environment variable (not a configuration key)" +
                      Suggestion(name, AllEnvNames()));
  }
  try {
    Set(*field, ParseText(field->spec, field->spec.path, value), name);
  } catch (const ParseError& e) {
    throw ConfigError(name + ": " + e.what());
  }
}

void Merger::ApplyFlag(std::string_view flag) {
  if (flag.starts_with("--")) flag.remove_prefix(2);
  size_t eq = flag.find('=');
  std::string key(flag.substr(0, eq));
  std::string source = "flag --" + key;
  if (eq == std::string_view::npos) throw ConfigError(source + ": expected --<key>=<value>");
  const Field<Settings>* field = FindField(key);
  if (field == nullptr) throw ConfigError(source + ": " + UnknownKey(key));
  try {
    Set(*field, ParseText(field->spec, key, flag.substr(eq + 1)), source);
  } catch (const ParseError& e) {
    throw ConfigError(source + ": " + e.what());
  }
}

}  // namespace

Settings LoadSettings(const LoadInput& in) {
  std::optional<std::string> path = in.file_path;
  for (const auto& [name, value] : in.env) {
    if (!in.file_path && name == "LIVEGATE_CONFIG") {
      path = value.empty() ? std::nullopt : std::optional<std::string>(value);
    }
  }
  Merger merger;
  if (path) merger.ApplyFile(*path);
  for (const auto& [name, value] : in.env) merger.ApplyEnv(name, value);
  for (const std::string& flag : in.flag_overrides) merger.ApplyFlag(flag);
  return std::move(merger).Finish();
}

}  // namespace livegate::config
