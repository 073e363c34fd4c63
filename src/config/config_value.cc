#include "config/config_value.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "config/namespace_list.h"
#include "config/read_file.h"

namespace livegate::config {
namespace {

using std::chrono::milliseconds;

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::optional<int64_t> ParseInt(std::string_view text) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return v;
}

int64_t MaxOf(const FieldSpec& spec) {
  if (spec.kind == Kind::kDuration)
    return std::min(spec.max.value_or(INT64_MAX), kMaxDuration.count());
  return std::min(spec.max.value_or(INT64_MAX), spec.type_max);
}

// The "(expected ...)" part of messages.
std::string Expected(const FieldSpec& spec) {
  switch (spec.kind) {
    case Kind::kBool:
      return "true or false (also yes/no, 1/0)";
    case Kind::kInt:
      return "an integer " + std::to_string(spec.min) + "-" + std::to_string(MaxOf(spec));
    case Kind::kDuration: {
      std::string e = spec.min > 0 ? "a duration > 0" : "a duration";
      e += spec.duration_unit_ms == 1000 ? " in whole seconds" : "";
      return e + " such as 25s, 500ms, 2m, 1h30m or a number of seconds, at most " +
             FormatDuration(milliseconds(MaxOf(spec)));
    }
    case Kind::kString: {
      if (spec.pem) return "PEM text (-----BEGIN PUBLIC KEY-----...) or @path of a PEM file";
      if (spec.choices.empty()) return "a string";
      std::string e = "one of ";
      for (size_t i = 0; i < spec.choices.size(); ++i) e += (i ? "|" : "") + spec.choices[i];
      return e;
    }
    case Kind::kStringList:
      return "a list of strings";
    case Kind::kNamespaces:
      return "a list of namespaces, e.g. [{name: chat, presence: true}]";
  }
  return "";
}

[[noreturn]] void Invalid(const FieldSpec& spec, const std::string& key, std::string_view text) {
  throw ParseError("invalid value \"" + std::string(text) + "\" for " + key + " (expected " +
                   Expected(spec) + ")");
}

std::string ParseString(const FieldSpec& spec, const std::string& key, std::string_view text) {
  if (!spec.choices.empty() &&
      std::find(spec.choices.begin(), spec.choices.end(), text) == spec.choices.end()) {
    Invalid(spec, key, text);
  }
  if (!spec.pem || text.empty()) return std::string(text);
  std::string pem(text);
  if (text.front() == '@') {
    std::string path(text.substr(1)), error;
    if (!ReadWholeFile(path, &pem, &error)) {
      throw ParseError("cannot read file \"" + path + "\" for " + key + ": " + error);
    }
    if (pem.find("-----BEGIN") == std::string::npos) {
      throw ParseError("file \"" + path + "\" for " + key + " is not PEM (no -----BEGIN line)");
    }
  } else if (pem.find("-----BEGIN") == std::string::npos) {
    // Don't echo the value: it is long and a path without '@' is the likely mistake.
    throw ParseError("invalid value for " + key + " (expected " + Expected(spec) + ")");
  }
  return pem;
}

std::vector<std::string> SplitList(std::string_view text) {
  std::vector<std::string> items;
  while (!text.empty()) {
    size_t comma = text.find(',');
    std::string_view item = Trim(text.substr(0, comma));
    if (!item.empty()) items.emplace_back(item);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return items;
}

Value ParseNumberLike(const FieldSpec& spec, const std::string& key, std::string_view raw) {
  std::string_view text = Trim(raw);
  if (spec.kind == Kind::kBool) {
    if (auto b = ParseBool(text)) return *b;
  } else if (spec.kind == Kind::kInt) {
    auto v = ParseInt(text);
    if (v && *v >= spec.min && *v <= MaxOf(spec)) return *v;
  } else {
    auto d = ParseDuration(text);
    if (d && d->count() >= spec.min && d->count() <= MaxOf(spec) &&
        d->count() % spec.duration_unit_ms == 0) {
      return *d;
    }
  }
  Invalid(spec, key, raw);
}

const char* TypeName(const YAML::Node& node) {
  if (node.IsMap()) return "a map";
  if (node.IsSequence()) return "a list";
  if (node.IsNull()) return "nothing (null)";
  return "a scalar";
}

[[noreturn]] void WrongType(const FieldSpec& spec, const std::string& key, const YAML::Node& n) {
  throw ParseError(
      "wrong type for " + key + ": got " + TypeName(n) + " (expected " + Expected(spec) + ")",
      n.Mark().line + 1);
}

Value ParseYamlUnlined(const FieldSpec& spec, const std::string& key, const YAML::Node& node) {
  switch (spec.kind) {
    case Kind::kNamespaces:
      return ParseNamespaceList(key, node);
    case Kind::kStringList: {
      if (node.IsNull()) return std::vector<std::string>();
      if (!node.IsSequence()) WrongType(spec, key, node);
      std::vector<std::string> items;
      for (const auto& item : node) {
        if (!item.IsScalar()) {
          throw ParseError("wrong type for " + key + "[" + std::to_string(items.size()) +
                               "]: got " + TypeName(item) + " (expected a string)",
                           item.Mark().line + 1);
        }
        items.push_back(item.Scalar());
      }
      return items;
    }
    case Kind::kString:
      if (node.IsNull()) return ParseString(spec, key, "");
      if (!node.IsScalar()) WrongType(spec, key, node);
      return ParseString(spec, key, node.Scalar());
    default:
      if (!node.IsScalar()) WrongType(spec, key, node);
      return ParseNumberLike(spec, key, node.Scalar());
  }
}

}  // namespace

Value ParseText(const FieldSpec& spec, const std::string& key, std::string_view text) {
  switch (spec.kind) {
    case Kind::kString:
      return ParseString(spec, key, text);
    case Kind::kStringList:
      return SplitList(text);
    case Kind::kNamespaces: {
      YAML::Node node;
      try {
        node = YAML::Load(std::string(text));
      } catch (const YAML::Exception& e) {
        throw ParseError("invalid value \"" + std::string(text) + "\" for " + key +
                         " (YAML syntax error: " + e.msg + ")");
      }
      return ParseNamespaceList(key, node);
    }
    default:
      return ParseNumberLike(spec, key, text);
  }
}

Value ParseYaml(const FieldSpec& spec, const std::string& key, const YAML::Node& node) {
  try {
    return ParseYamlUnlined(spec, key, node);
  } catch (const ParseError& e) {
    if (e.line() > 0) throw;
    throw ParseError(e.what(), node.Mark().line + 1);
  }
}

std::string FormatScalar(const Value& value) {
  if (const bool* b = std::get_if<bool>(&value)) return *b ? "true" : "false";
  if (const int64_t* i = std::get_if<int64_t>(&value)) return std::to_string(*i);
  if (const milliseconds* d = std::get_if<milliseconds>(&value)) return FormatDuration(*d);
  YAML::Emitter out;
  out.SetStringFormat(YAML::DoubleQuoted);  // never mistaken for null, a bool or a number
  if (const std::string* s = std::get_if<std::string>(&value)) {
    out << *s;
  } else if (const auto* list = std::get_if<std::vector<std::string>>(&value)) {
    out << YAML::Flow << *list;
  } else {
    out << YAML::Flow << YAML::BeginSeq;
    for (const ChannelNamespace& ns : std::get<std::vector<ChannelNamespace>>(value)) {
      out << YAML::BeginMap << YAML::Key << "name" << YAML::Value << ns.name << YAML::EndMap;
    }
    out << YAML::EndSeq;
  }
  return out.c_str();
}

std::optional<milliseconds> ParseDuration(std::string_view text) {
  if (text.empty()) return std::nullopt;
  if (auto seconds = ParseInt(text)) {
    if (*seconds < 0 || *seconds > kMaxDuration.count() / 1000) return std::nullopt;
    return milliseconds(*seconds * 1000);
  }
  int64_t total = 0;
  while (!text.empty()) {
    size_t digits = 0;
    while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) {
      ++digits;
    }
    auto n = ParseInt(text.substr(0, digits));
    text.remove_prefix(digits);
    int64_t unit = 0;
    for (auto [suffix, ms] : {std::pair<std::string_view, int64_t>{"ms", 1},
                              {"s", 1000},
                              {"m", 60'000},
                              {"h", 3'600'000}}) {
      if (text.starts_with(suffix)) {
        unit = ms;
        text.remove_prefix(suffix.size());
        break;
      }
    }
    if (!n || unit == 0 || *n > kMaxDuration.count() / unit) return std::nullopt;
    total += *n * unit;
    if (total > kMaxDuration.count()) return std::nullopt;
  }
  return milliseconds(total);
}

std::string FormatDuration(milliseconds d) {
  if (d.count() == 0) return "0s";
  std::string out;
  int64_t rest = d.count();
  for (auto [suffix, ms] :
       {std::pair<const char*, int64_t>{"h", 3'600'000}, {"m", 60'000}, {"s", 1000}, {"ms", 1}}) {
    if (rest >= ms) {
      out += std::to_string(rest / ms) + suffix;
      rest %= ms;
    }
  }
  return out;
}

std::optional<bool> ParseBool(std::string_view text) {
  std::string lower;
  for (char c : text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "true" || lower == "1" || lower == "yes") return true;
  if (lower == "false" || lower == "0" || lower == "no") return false;
  return std::nullopt;
}

}  // namespace livegate::config
