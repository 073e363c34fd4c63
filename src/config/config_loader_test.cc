#include "config/config_loader.h"

#include <gtest/gtest.h>

#include "config/config_test_util.h"

namespace livegate::config {
namespace {

using std::chrono::milliseconds;

constexpr char kFile[] = R"(
http:
  port: 9000
  address: 127.0.0.1
client:
  ping_interval: 10s
  allowed_origins: ["https://a.example", "https://b.example"]
  token:
    hmac_secret_key: from-file
log_level: debug
shards: 4
)";

TEST(LoadSettings, DefaultsWithoutSources) {
  Settings s = LoadSettings({});
  EXPECT_EQ(s.http.port, 8000);
  EXPECT_EQ(s.http.address, "0.0.0.0");
  EXPECT_EQ(s.client.ping_interval, milliseconds(25000));
  EXPECT_EQ(s.client.token.algorithm, "HS256");
  EXPECT_EQ(s.log_level, "info");
  EXPECT_TRUE(s.channel.namespaces.empty());
}

TEST(LoadSettings, FileOverridesDefaults) {
  Settings s = LoadYaml(kFile);
  EXPECT_EQ(s.http.port, 9000);
  EXPECT_EQ(s.http.address, "127.0.0.1");
  EXPECT_EQ(s.client.ping_interval, milliseconds(10000));
  EXPECT_EQ(s.client.allowed_origins,
            (std::vector<std::string>{"https://a.example", "https://b.example"}));
  EXPECT_EQ(s.client.token.hmac_secret_key, "from-file");
  EXPECT_EQ(s.log_level, "debug");
  EXPECT_EQ(s.shards, 4u);
  EXPECT_EQ(s.client.pong_timeout, milliseconds(8000));  // untouched keys keep defaults
}

TEST(LoadSettings, EmptyFileAndEmptySectionsMeanDefaults) {
  EXPECT_EQ(LoadYaml("").http.port, 8000);
  EXPECT_EQ(LoadYaml("http:\nclient:\n  token:\n").http.port, 8000);
}

TEST(LoadSettings, EnvBeatsFileAndFlagBeatsEnv) {
  LoadInput in{.file_path = WriteTempFile("f.yaml", kFile)};
  in.env = {{"LIVEGATE_HTTP_PORT", "9100"},
            {"LIVEGATE_CLIENT_TOKEN_HMAC_SECRET_KEY", "from-env"},
            {"LIVEGATE_HTTP_API_KEY", "api"},
            {"LIVEGATE_CLIENT_ALLOWED_ORIGINS", "*"}};
  Settings s = LoadSettings(in);
  EXPECT_EQ(s.http.port, 9100);
  EXPECT_EQ(s.client.token.hmac_secret_key, "from-env");
  EXPECT_EQ(s.http_api.key, "api");
  EXPECT_EQ(s.client.allowed_origins, (std::vector<std::string>{"*"}));
  EXPECT_EQ(s.http.address, "127.0.0.1");  // still from the file

  in.flag_overrides = {"http.port=9200", "client.token.hmac_secret_key=from-flag",
                       "client.ping_interval=500ms", "rpc.echo=yes"};
  s = LoadSettings(in);
  EXPECT_EQ(s.http.port, 9200);
  EXPECT_EQ(s.client.token.hmac_secret_key, "from-flag");
  EXPECT_EQ(s.client.ping_interval, milliseconds(500));
  EXPECT_TRUE(s.rpc.echo);
  EXPECT_EQ(s.http_api.key, "api");
}

TEST(LoadSettings, ConfigPathFromEnvAndAllowlistedVariables) {
  LoadInput in;
  in.env = {{"LIVEGATE_CONFIG", WriteTempFile("e.yaml", kFile)}, {"LIVEGATE_BIN", "/x"}};
  EXPECT_EQ(LoadSettings(in).http.port, 9000);
  in.file_path = WriteTempFile("g.yaml", "http:\n  port: 9300\n");  // explicit path wins
  EXPECT_EQ(LoadSettings(in).http.port, 9300);
}

TEST(LoadSettings, UnknownFileKeyIsNamedWithPathAndSuggestion) {
  std::string path = WriteTempFile("u.yaml", "client:\n  pingg_interval: 5s\n");
  std::string error = ErrorOf([&] { LoadSettings({.file_path = path}); });
  EXPECT_EQ(error, "config file " + path +
                       ": unknown key \"client.pingg_interval\" (did you mean "
                       "\"client.ping_interval\"?) (line 2)");
  EXPECT_PRED2(Contains, ErrorOf([] { LoadYaml("htp:\n  port: 1\n"); }), "unknown key \"htp\"");
  EXPECT_PRED2(Contains, ErrorOf([] { LoadYaml("http:\n  port:\n    deep: 1\n"); }),
               "wrong type for http.port: got a map");
}

TEST(LoadSettings, UnknownEnvVariableIsAnError) {
  LoadInput in{.env = {{"LIVEGATE_HTTP_PRT", "1"}}};
  EXPECT_EQ(ErrorOf([&] { LoadSettings(in); }),
            "LIVEGATE_HTTP_PRT: unknown environment variable (not a configuration key) "
            "(did you mean \"LIVEGATE_HTTP_PORT\"?)");
  in.env = {{"PATH", "/bin"}};  // not ours: ignored
  EXPECT_NO_THROW(LoadSettings(in));
}

TEST(LoadSettings, EnvNamesAreMatchedAgainstTheTableNotSplit) {
  // http_api.key and a hypothetical http.api_key share the name; only the real key matches.
  LoadInput in{.env = {{"LIVEGATE_HTTP_API_INSECURE", "true"}}};
  EXPECT_TRUE(LoadSettings(in).http_api.insecure);
  in.env = {{"LIVEGATE_CHANNEL_WITHOUT_NAMESPACE_ALLOW_SUBSCRIBE_FOR_CLIENT", "1"}};
  EXPECT_TRUE(LoadSettings(in).channel.without_namespace.allow_subscribe_for_client);
}

TEST(LoadSettings, UnknownFlagIsNamed) {
  EXPECT_EQ(ErrorOf([] { LoadSettings({.flag_overrides = {"http.prot=1"}}); }),
            "flag --http.prot: unknown key \"http.prot\" (did you mean \"http.port\"?)");
  EXPECT_EQ(ErrorOf([] { LoadSettings({.flag_overrides = {"http.port"}}); }),
            "flag --http.port: expected --<key>=<value>");
  EXPECT_EQ(LoadSettings({.flag_overrides = {"--http.port=1"}}).http.port, 1);
}

TEST(LoadSettings, WrongTypesAreErrors) {
  EXPECT_PRED2(Contains, ErrorOf([] { LoadYaml("http:\n  port: abc\n"); }),
               ": invalid value \"abc\" for http.port (expected an integer 0-65535) "
               "(line 2)");
  EXPECT_PRED2(Contains, ErrorOf([] { LoadYaml("http: 5\n"); }),
               "wrong type for http: expected a map of keys");
  EXPECT_PRED2(Contains, ErrorOf([] { LoadYaml("client:\n  allowed_origins: \"*\"\n"); }),
               "wrong type for client.allowed_origins: got a scalar");
  EXPECT_PRED2(Contains, ErrorOf([] { LoadYaml("rpc:\n  echo: maybe\n"); }),
               "invalid value \"maybe\" for rpc.echo");
  EXPECT_PRED2(Contains, ErrorOf([] { LoadYaml("- a\n- b\n"); }),
               "expected a map of keys at the top level");
  EXPECT_PRED2(Contains, ErrorOf([] { LoadYaml("http: [\n"); }), "YAML syntax error");
  EXPECT_PRED2(Contains, ErrorOf([] { LoadSettings({.file_path = "/nonexistent/x.yaml"}); }),
               "config file /nonexistent/x.yaml: cannot read: No such file");
}

TEST(LoadSettings, PresenceRefreshMustComeBeforeExpiry) {
  EXPECT_PRED2(Contains, ErrorOf([] {
                 LoadSettings({.flag_overrides = {"channel.presence_ttl=10s",
                                                  "client.presence_update_interval=10s"}});
               }),
               "client.presence_update_interval: must be less than channel.presence_ttl");
  Settings s = LoadSettings(
      {.flag_overrides = {"channel.presence_ttl=3s", "client.presence_update_interval=1s"}});
  EXPECT_EQ(s.channel.presence_ttl, std::chrono::seconds(3));
}

TEST(LoadSettings, RangesAreCheckedWithSource) {
  EXPECT_EQ(ErrorOf([] {
              LoadSettings({.env = {{"LIVEGATE_HTTP_PORT", "abc"}}});
            }),
            "LIVEGATE_HTTP_PORT: invalid value \"abc\" for http.port "
            "(expected an integer 0-65535)");
  EXPECT_PRED2(Contains, ErrorOf([] { LoadSettings({.flag_overrides = {"http.port=65536"}}); }),
               "flag --http.port: invalid value \"65536\"");
  EXPECT_PRED2(Contains,
               ErrorOf([] { LoadSettings({.flag_overrides = {"channel.max_length=0"}}); }),
               "expected an integer 1-1024");
  EXPECT_PRED2(Contains,
               ErrorOf([] { LoadSettings({.flag_overrides = {"client.channel_limit=0"}}); }),
               "expected an integer 1-4294967295");
  EXPECT_PRED2(Contains,
               ErrorOf([] { LoadSettings({.flag_overrides = {"client.ping_interval=0s"}}); }),
               "for client.ping_interval (expected a duration > 0");
  EXPECT_EQ(LoadSettings({.flag_overrides = {"client.pong_timeout=0"}}).client.pong_timeout,
            milliseconds(0));
  EXPECT_PRED2(Contains, ErrorOf([] { LoadSettings({.flag_overrides = {"log_level=verbose"}}); }),
               "(expected one of trace|debug|info|warn|error|off)");
  EXPECT_PRED2(Contains, ErrorOf([] { LoadYaml("client:\n  token:\n    algorithm: none\n"); }),
               "for client.token.algorithm (expected one of HS256|");
}

TEST(LoadSettings, DurationsInEveryFormInYaml) {
  Settings s = LoadYaml(
      "client:\n  ping_interval: 2m\n  pong_timeout: 1500ms\n  stale_close_delay: 7\n"
      "shutdown_timeout: 1h\n");
  EXPECT_EQ(s.client.ping_interval, std::chrono::minutes(2));
  EXPECT_EQ(s.client.pong_timeout, milliseconds(1500));
  EXPECT_EQ(s.client.stale_close_delay, std::chrono::seconds(7));
  EXPECT_EQ(s.shutdown_timeout, std::chrono::hours(1));
  EXPECT_PRED2(Contains, ErrorOf([] { LoadYaml("shutdown_timeout: soon\n"); }),
               "invalid value \"soon\" for shutdown_timeout");
}

constexpr char kPem[] =
    "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n";

TEST(LoadSettings, PemFromTextOrAtFile) {
  std::string pem_path = WriteTempFile("key.pem", kPem);
  Settings s = LoadSettings({.env = {{"LIVEGATE_CLIENT_TOKEN_ECDSA_PUBLIC_KEY", "@" + pem_path}},
                             .flag_overrides = {"client.token.algorithm=ES256"}});
  EXPECT_EQ(s.client.token.ecdsa_public_key, kPem);
  s = LoadYaml("client:\n  token:\n    rsa_public_key: \"@" + pem_path + "\"\n");
  EXPECT_EQ(s.client.token.rsa_public_key, kPem);
  s = LoadSettings({.flag_overrides = {std::string("client.token.rsa_public_key=") + kPem}});
  EXPECT_EQ(s.client.token.rsa_public_key, kPem);
}

TEST(LoadSettings, PemFileErrorsNameKeyAndPath) {
  EXPECT_EQ(ErrorOf([] {
              LoadSettings({.flag_overrides = {"client.token.rsa_public_key=@/nonexistent.pem"}});
            }),
            "flag --client.token.rsa_public_key: cannot read file \"/nonexistent.pem\" for "
            "client.token.rsa_public_key: No such file or directory");
  std::string not_pem = WriteTempFile("x.pem", "hello");
  EXPECT_PRED2(Contains, ErrorOf([&] {
                 LoadSettings({.env = {{"LIVEGATE_CLIENT_TOKEN_RSA_PUBLIC_KEY", "@" + not_pem}}});
               }),
               "is not PEM");
  EXPECT_PRED2(Contains, ErrorOf([] {
                 LoadSettings({.flag_overrides = {"client.token.rsa_public_key=/path/key.pem"}});
               }),
               "invalid value for client.token.rsa_public_key (expected PEM text");
}

}  // namespace
}  // namespace livegate::config
