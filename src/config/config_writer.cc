#include "config/config_writer.h"

#include <algorithm>
#include <iterator>
#include <sstream>
#include <string_view>

#include "config/config_fields.h"
#include "config/config_loader.h"

namespace livegate::config {

const char kExampleNamespacesYaml[] = R"(namespaces:
  - name: chat
    presence: true
    join_leave: true
    history_size: 100
    history_ttl: 5m
    allow_recovery: true
    allow_subscribe_for_client: true
    allow_publish_for_subscriber: true
    allow_history_for_subscriber: true
    allow_presence_for_subscriber: true
)";

namespace {

constexpr std::string_view kHeader =
    R"(# livegate configuration: every key with its default value (`livegate genconfig`).
# Reference: docs/configuration.md. Any key can also be set by an environment variable
# LIVEGATE_<KEY> (upper case, dots become underscores: LIVEGATE_HTTP_PORT) or by a flag
# --<key>=<value> (--http.port=9000). Precedence: defaults < this file < environment < flags.
# Durations: 500ms, 25s, 2m, 1h30m, or a bare number of seconds.

)";

// Keys grouped as nested maps, in the order of the table.
struct TreeNode {
  std::string name;
  std::string path;
  const Field<Settings>* field = nullptr;
  std::vector<TreeNode> children;
};

TreeNode BuildTree() {
  TreeNode root;
  for (const Field<Settings>& f : SettingsFields()) {
    TreeNode* node = &root;
    std::string_view rest = f.spec.path;
    for (;;) {
      size_t dot = rest.find('.');
      std::string name(rest.substr(0, dot));
      auto it = std::find_if(node->children.begin(), node->children.end(),
                             [&](const TreeNode& c) { return c.name == name; });
      if (it == node->children.end()) {
        std::string path = node->path.empty() ? name : node->path + "." + name;
        node->children.push_back(TreeNode{name, path, nullptr, {}});
        it = std::prev(node->children.end());
      }
      node = &*it;
      if (dot == std::string_view::npos) break;
      rest.remove_prefix(dot + 1);
    }
    node->field = &f;
  }
  return root;
}

class Writer {
 public:
  Writer(const Settings& settings, const WriteOptions& options)
      : settings_(settings), options_(options) {}

  std::string Write(const TreeNode& root) {
    if (options_.comments) out_ << kHeader;
    for (const TreeNode& child : root.children) WriteNode(child, 0);
    return out_.str();
  }

 private:
  void Comment(std::string_view text, int depth) {
    if (options_.comments && !text.empty()) out_ << Indent(depth) << "# " << text << "\n";
  }

  static std::string Indent(int depth) { return std::string(static_cast<size_t>(depth) * 2, ' '); }

  void WriteNode(const TreeNode& node, int depth) {
    if (node.field == nullptr) {
      if (options_.comments && depth == 0) out_ << "\n";
      Comment(GroupDoc(node.path), depth);
      out_ << Indent(depth) << node.name << ":\n";
      for (const TreeNode& child : node.children) WriteNode(child, depth + 1);
      return;
    }
    const FieldSpec& spec = node.field->spec;
    Comment(spec.doc, depth);
    Value value = node.field->get(settings_);
    if (spec.kind == Kind::kNamespaces) {
      WriteNamespaces(node.name, std::get<std::vector<ChannelNamespace>>(value), depth);
      return;
    }
    const auto* text = std::get_if<std::string>(&value);
    bool masked = options_.mask_secrets && spec.secret && text != nullptr && !text->empty();
    out_ << Indent(depth) << node.name << ": "
         << (masked ? std::string("\"***\"") : FormatScalar(value)) << "\n";
  }

  void WriteNamespaces(const std::string& name, const std::vector<ChannelNamespace>& list,
                       int depth) {
    if (list.empty()) {
      out_ << Indent(depth) << name << ": []\n";
      if (options_.comments) {
        Comment("For example (replaces the line above):", depth);
        std::istringstream example(kExampleNamespacesYaml);
        for (std::string line; std::getline(example, line);) Comment(line, depth);
      }
      return;
    }
    out_ << Indent(depth) << name << ":\n";
    for (const ChannelNamespace& ns : list) {
      out_ << Indent(depth + 1) << "- name: " << FormatScalar(ns.name) << "\n";
      for (const Field<NamespaceOptions>& option : NamespaceFields()) {
        out_ << Indent(depth + 2) << option.spec.path << ": "
             << FormatScalar(option.get(ns.options)) << "\n";
      }
    }
  }

  const Settings& settings_;
  const WriteOptions& options_;
  std::ostringstream out_;
};

}  // namespace

std::string WriteSettingsYaml(const Settings& settings, const WriteOptions& options) {
  static const TreeNode tree = BuildTree();
  return Writer(settings, options).Write(tree);
}

std::string GenerateDefaultConfig() {
  return WriteSettingsYaml(Settings{}, WriteOptions{.comments = true, .mask_secrets = false});
}

std::string DescribeSettings(const Settings& settings) {
  return WriteSettingsYaml(settings, WriteOptions{.comments = false, .mask_secrets = true});
}

}  // namespace livegate::config
