#include "config/config_writer.h"

#include <gtest/gtest.h>

#include <set>

#include "config/config_fields.h"
#include "config/config_test_util.h"
#include "config/read_file.h"

namespace livegate::config {
namespace {

std::string SourceFile(const std::string& relative) {
  std::string path = std::string(LIVEGATE_SOURCE_DIR) + "/" + relative;
  std::string contents, error;
  EXPECT_TRUE(ReadWholeFile(path, &contents, &error)) << path << ": " << error;
  return contents;
}

std::string Unmasked(const Settings& s) { return WriteSettingsYaml(s, WriteOptions{}); }

TEST(GenerateDefaultConfig, ParsesBackToExactlyTheDefaults) {
  std::string yaml = GenerateDefaultConfig();
  Settings parsed = LoadYaml(yaml);
  EXPECT_EQ(Unmasked(parsed), Unmasked(Settings{}));
  // Every key is written out, not left to the defaults.
  for (const auto& f : SettingsFields()) {
    std::string leaf = f.spec.path.substr(f.spec.path.rfind('.') + 1);
    EXPECT_PRED2(Contains, yaml,
                 "\n" +
                     std::string(2 * std::count(f.spec.path.begin(), f.spec.path.end(), '.'), ' ') +
                     leaf + ": ");
    EXPECT_PRED2(Contains, yaml, "# " + f.spec.doc + "\n");
  }
}

TEST(GenerateDefaultConfig, ExampleNamespaceIsValid) {
  EXPECT_PRED2(Contains, GenerateDefaultConfig(), "  #   - name: chat\n");
  std::string yaml = "channel:\n";
  std::istringstream example(kExampleNamespacesYaml);
  for (std::string line; std::getline(example, line);) yaml += "  " + line + "\n";
  Settings s = LoadYaml(yaml);
  ASSERT_EQ(s.channel.namespaces.size(), 1u);
  EXPECT_EQ(s.channel.namespaces[0].name, "chat");
  EXPECT_TRUE(s.channel.namespaces[0].options.HistoryEnabled());
}

TEST(GenerateDefaultConfig, ExampleFileIsTheGeneratedConfig) {
  EXPECT_EQ(SourceFile("config/livegate.example.yaml"), GenerateDefaultConfig())
      << "regenerate with: livegate genconfig > config/livegate.example.yaml";
}

TEST(GenerateDefaultConfig, DemoConfigLoads) {
  EXPECT_NO_THROW(
      LoadSettings({.file_path = std::string(LIVEGATE_SOURCE_DIR) + "/config/demo.yaml"}));
}

TEST(ConfigDocs, EveryKeyAndEnvVarIsDocumented) {
  std::string docs = SourceFile("docs/configuration.md");
  for (const auto& f : SettingsFields()) {
    EXPECT_PRED2(Contains, docs, "`" + f.spec.path + "`");
    EXPECT_PRED2(Contains, docs, "`" + EnvName(f.spec.path) + "`");
  }
  for (const auto& f : NamespaceFields()) EXPECT_PRED2(Contains, docs, "`" + f.spec.path + "`");
  for (const char* extra : kAllowedExtraEnv) EXPECT_PRED2(Contains, docs, extra);
}

// The text of the first fenced block of `lang` after `heading`.
std::string DocBlock(const std::string& docs, const std::string& heading, const std::string& lang) {
  size_t at = docs.find(heading);
  EXPECT_NE(at, std::string::npos) << heading;
  size_t begin = docs.find("```" + lang + "\n", at);
  EXPECT_NE(begin, std::string::npos) << heading;
  begin += 4 + lang.size();
  return docs.substr(begin, docs.find("```", begin) - begin);
}

TEST(ConfigDocs, NamespaceExamplesLoad) {
  std::string docs = SourceFile("docs/configuration.md");
  Settings s = LoadYaml(DocBlock(docs, "### Example with two namespaces", "yaml"));
  ASSERT_EQ(s.channel.namespaces.size(), 2u);
  EXPECT_EQ(s.channel.namespaces[1].name, "notifications");
  std::string env = DocBlock(docs, "The same namespaces from the environment", "sh");
  ASSERT_TRUE(env.starts_with("LIVEGATE_CHANNEL_NAMESPACES='"));
  std::string value = env.substr(env.find('\'') + 1, env.rfind('\'') - env.find('\'') - 1);
  s = LoadSettings({.env = {{"LIVEGATE_CHANNEL_NAMESPACES", value}}});
  EXPECT_EQ(s.channel.namespaces.size(), 2u);
}

TEST(ConfigFields, EnvNamesAreUnique) {
  std::set<std::string> names;
  for (const auto& f : SettingsFields()) {
    EXPECT_TRUE(names.insert(EnvName(f.spec.path)).second) << f.spec.path;
    EXPECT_FALSE(f.spec.doc.empty()) << f.spec.path;
  }
}

TEST(DescribeSettings, MasksSecrets) {
  Settings s;
  s.client.token.hmac_secret_key = "topsecret";
  s.http_api.key = "apikey";
  std::string text = DescribeSettings(s);
  EXPECT_EQ(text.find("topsecret"), std::string::npos);
  EXPECT_EQ(text.find("apikey"), std::string::npos);
  EXPECT_PRED2(Contains, text, "    hmac_secret_key: \"***\"\n");
  EXPECT_PRED2(Contains, text, "http_api:\n  key: \"***\"\n");
  EXPECT_PRED2(Contains, DescribeSettings(Settings{}), "  key: \"\"\n");  // unset stays visible
}

TEST(DescribeSettings, ReadsBackAsTheSameSettings) {
  const std::string namespaces =
      "channel.namespaces=[{name: chat, presence: true, history_size: 5, history_ttl: 90}, "
      "{name: news}]";
  Settings s = LoadSettings({.flag_overrides = {
                                 namespaces,
                                 "client.allowed_origins=https://x.example,*",
                                 "client.token.audience=null",
                                 "client.token.issuer=~",
                                 "http.static_dir=true",
                                 "client.ping_interval=1500ms",
                             }});
  s.client.token.rsa_public_key = "-----BEGIN PUBLIC KEY-----\nAAA\n-----END PUBLIC KEY-----\n";
  std::string yaml = DescribeSettings(s);
  EXPECT_PRED2(Contains, yaml, "  namespaces:\n    - name: \"chat\"\n      presence: true\n");
  EXPECT_EQ(Unmasked(LoadYaml(yaml)), Unmasked(s));
}

}  // namespace
}  // namespace livegate::config
