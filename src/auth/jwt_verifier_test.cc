#include "auth/jwt_verifier.h"

#include <gtest/gtest.h>
#include <openssl/err.h>

#include <atomic>
#include <boost/json/object.hpp>
#include <ostream>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "auth/auth_test_util.h"

namespace livegate::auth {

// Readable failures: "kExpired" instead of a byte dump.
void PrintTo(TokenError error, std::ostream* os) {
  switch (error) {
    case TokenError::kInvalid:
      *os << "kInvalid";
      return;
    case TokenError::kExpired:
      *os << "kExpired";
      return;
  }
  *os << "(no error: the token was accepted)";
}

namespace {

using boost::json::object;
using test::HandMadeHs256;
using test::HmacSettings;
using test::Keys;
using test::kNow;
using test::MakeVerifier;
using test::SignHs256;
using test::SignOrThrow;

template <class T>
TokenError ErrorOf(const TokenResult<T>& result) {
  EXPECT_FALSE(result.has_value());
  return result.has_value() ? static_cast<TokenError>(-1) : result.error();
}

TokenError ConnectError(const JwtVerifier& verifier, std::string_view token) {
  return ErrorOf(verifier.VerifyConnect(token, kNow));
}

// --- valid tokens of every algorithm family

TEST(JwtVerifier, AcceptsValidHmacTokens) {
  for (const char* alg : {"HS256", "HS384", "HS512"}) {
    SCOPED_TRACE(alg);
    JwtVerifier verifier = MakeVerifier(HmacSettings(alg));
    auto claims = verifier.VerifyConnect(
        SignOrThrow(alg, test::kSecret, {{"sub", "42"}, {"exp", kNow + 60}}), kNow);
    ASSERT_TRUE(claims);
    EXPECT_EQ(claims->user, "42");
    EXPECT_EQ(claims->exp, kNow + 60);
  }
}

TEST(JwtVerifier, AcceptsValidRsaTokens) {
  for (const char* alg : {"RS256", "RS384", "RS512"}) {
    SCOPED_TRACE(alg);
    TokenSettings s;
    s.algorithm = alg;
    s.rsa_public_key = Keys().rsa.public_pem;
    JwtVerifier verifier = MakeVerifier(s);
    auto claims =
        verifier.VerifyConnect(SignOrThrow(alg, Keys().rsa.private_pem, {{"sub", "u"}}), kNow);
    ASSERT_TRUE(claims);
    EXPECT_EQ(claims->user, "u");
  }
}

TEST(JwtVerifier, AcceptsValidEcdsaTokens) {
  const std::pair<const char*, const test::PemPair*> cases[] = {
      {"ES256", &Keys().p256}, {"ES384", &Keys().p384}, {"ES512", &Keys().p521}};
  for (const auto& [alg, pems] : cases) {
    SCOPED_TRACE(alg);
    TokenSettings s;
    s.algorithm = alg;
    s.ecdsa_public_key = pems->public_pem;
    JwtVerifier verifier = MakeVerifier(s);
    auto claims = verifier.VerifyConnect(SignOrThrow(alg, pems->private_pem, {{"sub", "u"}}), kNow);
    ASSERT_TRUE(claims);
    EXPECT_EQ(claims->user, "u");
  }
}

TEST(JwtVerifier, TreatsMissingSubAsAnonymous) {
  auto claims = MakeVerifier(HmacSettings()).VerifyConnect(SignHs256({}), kNow);
  ASSERT_TRUE(claims);
  EXPECT_EQ(claims->user, "");
  EXPECT_FALSE(claims->exp);
}

// --- time claims

TEST(JwtVerifier, RejectsExpiredToken) {
  JwtVerifier verifier = MakeVerifier(HmacSettings());
  EXPECT_EQ(ConnectError(verifier, SignHs256({{"sub", "u"}, {"exp", kNow - 1}})),
            TokenError::kExpired);
  EXPECT_EQ(ConnectError(verifier, SignHs256({{"sub", "u"}, {"exp", kNow}})), TokenError::kExpired);
  EXPECT_TRUE(verifier.VerifyConnect(SignHs256({{"sub", "u"}, {"exp", kNow + 1}}), kNow));
}

TEST(JwtVerifier, AcceptsFractionalExpLikeJavaScriptMakesThem) {
  auto claims = MakeVerifier(HmacSettings())
                    .VerifyConnect(SignHs256({{"exp", static_cast<double>(kNow) + 10.75}}), kNow);
  ASSERT_TRUE(claims);
  EXPECT_EQ(claims->exp, kNow + 10);
}

TEST(JwtVerifier, RejectsTokenNotYetValid) {
  JwtVerifier verifier = MakeVerifier(HmacSettings());
  EXPECT_EQ(ConnectError(verifier, SignHs256({{"nbf", kNow + 30}})), TokenError::kInvalid);
  EXPECT_TRUE(verifier.VerifyConnect(SignHs256({{"nbf", kNow}}), kNow));
  EXPECT_TRUE(verifier.VerifyConnect(SignHs256({{"nbf", kNow - 30}}), kNow));
}

TEST(JwtVerifier, ReportsInvalidBeforeExpired) {
  TokenSettings s = HmacSettings();
  s.issuer = "livegate";
  EXPECT_EQ(ConnectError(MakeVerifier(s), SignHs256({{"exp", kNow - 1}, {"iss", "other"}})),
            TokenError::kInvalid);
}

TEST(JwtVerifier, RejectsTimeClaimsOfWrongType) {
  JwtVerifier verifier = MakeVerifier(HmacSettings());
  EXPECT_EQ(ConnectError(verifier, SignHs256({{"exp", "1700000060"}})), TokenError::kInvalid);
  EXPECT_EQ(ConnectError(verifier, SignHs256({{"nbf", true}})), TokenError::kInvalid);
  EXPECT_EQ(ConnectError(verifier, SignHs256({{"expire_at", "0"}})), TokenError::kInvalid);
}

// --- audience and issuer

TEST(JwtVerifier, ChecksAudienceWhenConfigured) {
  TokenSettings s = HmacSettings();
  s.audience = "chat";
  JwtVerifier verifier = MakeVerifier(s);
  EXPECT_TRUE(verifier.VerifyConnect(SignHs256({{"aud", "chat"}}), kNow));
  EXPECT_EQ(ConnectError(verifier, SignHs256({{"aud", "billing"}})), TokenError::kInvalid);
  EXPECT_EQ(ConnectError(verifier, SignHs256({})), TokenError::kInvalid);
  EXPECT_EQ(ConnectError(verifier, SignHs256({{"aud", "Chat"}})), TokenError::kInvalid);
}

TEST(JwtVerifier, AcceptsAudienceInArray) {
  TokenSettings s = HmacSettings();
  s.audience = "chat";
  JwtVerifier verifier = MakeVerifier(s);
  EXPECT_TRUE(verifier.VerifyConnect(SignHs256({{"aud", {"billing", "chat"}}}), kNow));
  EXPECT_EQ(ConnectError(verifier, SignHs256({{"aud", {"billing", "admin"}}})),
            TokenError::kInvalid);
  EXPECT_EQ(ConnectError(verifier, SignHs256({{"aud", boost::json::array{}}})),
            TokenError::kInvalid);
  EXPECT_EQ(ConnectError(verifier, SignHs256({{"aud", {1, "chat"}}})), TokenError::kInvalid);
}

TEST(JwtVerifier, IgnoresAudienceWhenNotConfigured) {
  JwtVerifier verifier = MakeVerifier(HmacSettings());
  EXPECT_TRUE(verifier.VerifyConnect(SignHs256({{"aud", "anything"}}), kNow));
  EXPECT_TRUE(verifier.VerifyConnect(SignHs256({{"aud", {"a", "b"}}}), kNow));
  EXPECT_EQ(ConnectError(verifier, SignHs256({{"aud", 7}})), TokenError::kInvalid);
}

TEST(JwtVerifier, ChecksIssuerWhenConfigured) {
  TokenSettings s = HmacSettings();
  s.issuer = "auth.example.com";
  JwtVerifier verifier = MakeVerifier(s);
  EXPECT_TRUE(verifier.VerifyConnect(SignHs256({{"iss", "auth.example.com"}}), kNow));
  EXPECT_EQ(ConnectError(verifier, SignHs256({{"iss", "evil.example.com"}})), TokenError::kInvalid);
  EXPECT_EQ(ConnectError(verifier, SignHs256({})), TokenError::kInvalid);
  EXPECT_EQ(ConnectError(verifier, SignHs256({{"iss", 1}})), TokenError::kInvalid);
}

// --- signatures

TEST(JwtVerifier, RejectsFlippedSignature) {
  JwtVerifier verifier = MakeVerifier(HmacSettings());
  std::string token = SignHs256({{"sub", "u"}});
  size_t middle = token.rfind('.') + 10;
  token[middle] = token[middle] == 'A' ? 'B' : 'A';
  EXPECT_EQ(ConnectError(verifier, token), TokenError::kInvalid);
}

TEST(JwtVerifier, RejectsNonCanonicalSignatureEncoding) {
  // The last base64url character of these signatures carries spare low bits (2 for HS256,
  // 4 for RS256 and ES256). Setting one keeps the decoded signature, but must not give a second
  // valid spelling of the token: libjwt's own decoder would accept it for RS/ES.
  TokenSettings rsa;
  rsa.algorithm = "RS256";
  rsa.rsa_public_key = Keys().rsa.public_pem;
  TokenSettings ec;
  ec.algorithm = "ES256";
  ec.ecdsa_public_key = Keys().p256.public_pem;
  const std::pair<TokenSettings, std::string> cases[] = {
      {HmacSettings(), SignHs256({{"sub", "u"}})},
      {rsa, SignOrThrow("RS256", Keys().rsa.private_pem, {{"sub", "u"}})},
      {ec, SignOrThrow("ES256", Keys().p256.private_pem, {{"sub", "u"}})}};
  std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  for (const auto& [settings, token] : cases) {
    SCOPED_TRACE(settings.algorithm);
    JwtVerifier verifier = MakeVerifier(settings);
    ASSERT_TRUE(verifier.VerifyConnect(token, kNow));
    size_t index = alphabet.find(token.back());
    ASSERT_EQ(index % 4, 0u);
    std::string altered = token;
    altered.back() = alphabet[index + 1];
    EXPECT_EQ(ConnectError(verifier, altered), TokenError::kInvalid);
  }
}

TEST(JwtVerifier, RejectsTokenSignedWithOtherSecret) {
  std::string token = SignOrThrow("HS256", "another-secret", {{"sub", "u"}});
  EXPECT_EQ(ConnectError(MakeVerifier(HmacSettings()), token), TokenError::kInvalid);
}

TEST(JwtVerifier, RejectsTamperedPayload) {
  std::string token = SignHs256({{"sub", "alice"}});
  std::string forged = SignHs256({{"sub", "admin"}});
  // admin's header and payload with alice's signature.
  std::string spliced = forged.substr(0, forged.rfind('.')) + token.substr(token.rfind('.'));
  EXPECT_EQ(ConnectError(MakeVerifier(HmacSettings()), spliced), TokenError::kInvalid);
}

TEST(JwtVerifier, RejectsRsaTokenSignedWithOtherKey) {
  TokenSettings s;
  s.algorithm = "RS256";
  s.rsa_public_key = Keys().rsa.public_pem;
  test::PemPair other = test::GenerateRsa(2048);
  EXPECT_EQ(ConnectError(MakeVerifier(s), SignOrThrow("RS256", other.private_pem, {{"sub", "u"}})),
            TokenError::kInvalid);
}

// --- algorithm pinning

TEST(JwtVerifier, RejectsAlgNone) {
  const std::string payload = R"({"sub":"admin"})";
  TokenSettings rsa;
  rsa.algorithm = "RS256";
  rsa.rsa_public_key = Keys().rsa.public_pem;
  for (const JwtVerifier& verifier : {MakeVerifier(HmacSettings()), MakeVerifier(rsa)}) {
    for (const char* alg : {"none", "None", "NONE", "nOnE"}) {
      SCOPED_TRACE(alg);
      std::string unsigned_token =
          test::SigningInput(std::string(R"({"alg":")") + alg + R"(","typ":"JWT"})", payload) + ".";
      EXPECT_EQ(ConnectError(verifier, unsigned_token), TokenError::kInvalid);
      EXPECT_EQ(ConnectError(verifier, unsigned_token + "c2lnbmF0dXJl"), TokenError::kInvalid);
      // A real HMAC under the right secret does not make alg none acceptable either.
      std::string header = std::string(R"({"alg":")") + alg + R"("})";
      EXPECT_EQ(ConnectError(verifier, HandMadeHs256(header, payload)), TokenError::kInvalid);
    }
  }
  // The classic hand-written one: {"alg":"none","typ":"JWT"}.{"sub":"admin"}.
  EXPECT_EQ(ConnectError(MakeVerifier(HmacSettings()),
                         "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJhZG1pbiJ9."),
            TokenError::kInvalid);
}

TEST(JwtVerifier, RejectsAlgorithmOtherThanConfigured) {
  JwtVerifier verifier = MakeVerifier(HmacSettings("HS256"));
  EXPECT_EQ(ConnectError(verifier, SignOrThrow("HS512", test::kSecret, {{"sub", "u"}})),
            TokenError::kInvalid);
  EXPECT_EQ(ConnectError(verifier, SignOrThrow("HS384", test::kSecret, {{"sub", "u"}})),
            TokenError::kInvalid);
}

TEST(JwtVerifier, RejectsAlgNameInOtherCase) {
  // libjwt parses "hs256" as HS256; only the exact configured spelling is accepted.
  EXPECT_EQ(ConnectError(MakeVerifier(HmacSettings()),
                         HandMadeHs256(R"({"alg":"hs256"})", R"({"sub":"u"})")),
            TokenError::kInvalid);
  EXPECT_TRUE(MakeVerifier(HmacSettings())
                  .VerifyConnect(HandMadeHs256(R"({"alg":"HS256"})", R"({"sub":"u"})"), kNow));
}

TEST(JwtVerifier, RejectsHmacTokenKeyedWithRsaPublicKey) {
  // Key confusion: the attacker knows the public PEM and uses it as an HMAC secret.
  TokenSettings s;
  s.algorithm = "RS256";
  s.rsa_public_key = Keys().rsa.public_pem;
  JwtVerifier verifier = MakeVerifier(s);
  const std::string& pem = Keys().rsa.public_pem;
  EXPECT_EQ(ConnectError(verifier, SignOrThrow("HS256", pem, {{"sub", "admin"}})),
            TokenError::kInvalid);
  // Same HMAC but a header that claims RS256.
  EXPECT_EQ(ConnectError(verifier, HandMadeHs256(R"({"alg":"RS256"})", R"({"sub":"admin"})", pem)),
            TokenError::kInvalid);
}

TEST(JwtVerifier, RejectsHmacTokenKeyedWithEcdsaPublicKey) {
  TokenSettings s;
  s.algorithm = "ES256";
  s.ecdsa_public_key = Keys().p256.public_pem;
  EXPECT_EQ(ConnectError(MakeVerifier(s),
                         SignOrThrow("HS256", Keys().p256.public_pem, {{"sub", "admin"}})),
            TokenError::kInvalid);
}

TEST(JwtVerifier, RejectsRsaTokenWhenEcdsaConfigured) {
  TokenSettings s;
  s.algorithm = "ES256";
  s.ecdsa_public_key = Keys().p256.public_pem;
  EXPECT_EQ(
      ConnectError(MakeVerifier(s), SignOrThrow("RS256", Keys().rsa.private_pem, {{"sub", "u"}})),
      TokenError::kInvalid);
}

TEST(JwtVerifier, RejectsCriticalHeaderExtensions) {
  EXPECT_EQ(ConnectError(MakeVerifier(HmacSettings()),
                         HandMadeHs256(R"({"alg":"HS256","crit":["exp"]})", R"({"sub":"u"})")),
            TokenError::kInvalid);
}

TEST(JwtVerifier, RejectsDuplicateAlgTrick) {
  // JSON parsers keep the last duplicate; whichever one libjwt believes, none must not pass.
  EXPECT_EQ(ConnectError(MakeVerifier(HmacSettings()),
                         test::SigningInput(R"({"alg":"HS256","alg":"none"})", "{}") + "."),
            TokenError::kInvalid);
}

// --- malformed tokens

TEST(JwtVerifier, RejectsMalformedTokens) {
  JwtVerifier verifier = MakeVerifier(HmacSettings());
  std::string good = SignHs256({{"sub", "u"}});
  std::string header = good.substr(0, good.find('.'));
  std::string with_nul = good;
  with_nul[good.find('.') + 2] = '\0';
  const std::string cases[] = {
      "",
      ".",
      "..",
      "a.b",
      "a.b.c",
      "a.b.c.d",
      good + ".",
      good + ".x",
      "!!!.@@@.###",
      "eyJ.eyJ.eyJ",
      good.substr(0, good.rfind('.') + 1),                            // no signature
      " " + good,                                                     // whitespace
      good + "=",                                                     // padding
      with_nul,                                                       // NUL byte
      header + "." + Base64UrlEncode("[1,2]") + ".c2ln",              // payload not object
      header + "." + Base64UrlEncode("{\"sub\":") + ".c2ln",          // payload not JSON
      test::HandMadeHs256("[\"HS256\"]", "{}"),                       // header not object
      test::HandMadeHs256("{}", "{}"),                                // header without alg
      test::HandMadeHs256(R"({"alg":256})", "{}"),                    // alg not a string
      test::HandMadeHs256(R"({"alg":"HS256"})", "{\"a\":\"\xff\"}"),  // invalid UTF-8
  };
  for (const std::string& token : cases) {
    SCOPED_TRACE(token);
    EXPECT_EQ(ConnectError(verifier, token), TokenError::kInvalid);
    EXPECT_EQ(ErrorOf(verifier.VerifySubscription(token, kNow)), TokenError::kInvalid);
  }
}

// --- connection token claims

TEST(JwtVerifier, RejectsConnectTokenWithChannelClaim) {
  JwtVerifier verifier = MakeVerifier(HmacSettings());
  EXPECT_EQ(ConnectError(verifier, SignHs256({{"sub", "u"}, {"channel", "news"}})),
            TokenError::kInvalid);
  EXPECT_EQ(ConnectError(verifier, SignHs256({{"sub", "u"}, {"channel", ""}})),
            TokenError::kInvalid);
}

TEST(JwtVerifier, ParsesConnectClaims) {
  object claims{{"sub", "alice"},
                {"exp", kNow + 600},
                {"expire_at", kNow + 300},
                {"info", {{"name", "Alice"}, {"tags", {1, 2}}}},
                {"channels", {"news", "chat:lobby"}},
                {"meta", {{"internal", true}}}};
  claims["subs"] = object{
      {"personal:alice", {{"info", {{"role", "owner"}}}, {"data", "hello"}}},
      {"bare", object{}},
      {"tuned", {{"override", {{"presence", {{"value", false}}}, {"join_leave", object{}}}}}}};
  auto c = MakeVerifier(HmacSettings()).VerifyConnect(SignHs256(claims), kNow);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->user, "alice");
  EXPECT_EQ(c->exp, kNow + 600);
  EXPECT_EQ(c->expire_at, kNow + 300);
  EXPECT_EQ(c->info_json, R"({"name":"Alice","tags":[1,2]})");
  EXPECT_EQ(c->channels, (std::vector<std::string>{"news", "chat:lobby"}));
  ASSERT_EQ(c->subs.size(), 3u);
  auto find = [&](std::string_view channel) -> const ServerSideSub& {
    for (const ServerSideSub& sub : c->subs) {
      if (sub.channel == channel) return sub;
    }
    throw std::runtime_error("no sub " + std::string(channel));
  };
  EXPECT_EQ(find("personal:alice").info_json, R"({"role":"owner"})");
  EXPECT_EQ(find("personal:alice").data_json, R"("hello")");
  EXPECT_EQ(find("bare").info_json, "");
  EXPECT_EQ(find("bare").data_json, "");
  EXPECT_FALSE(find("bare").overrides.presence);
  EXPECT_EQ(find("tuned").overrides.presence, false);
  EXPECT_EQ(find("tuned").overrides.join_leave, false);  // {"value"} missing reads as false
  EXPECT_FALSE(find("tuned").overrides.force_recovery);
}

TEST(JwtVerifier, KeepsSubsInTokenOrder) {
  // libjwt's encoder sorts keys, so the token is written by hand.
  auto c =
      MakeVerifier(HmacSettings())
          .VerifyConnect(HandMadeHs256(R"({"alg":"HS256"})", R"({"subs":{"z":{},"a":{}}})"), kNow);
  ASSERT_TRUE(c);
  ASSERT_EQ(c->subs.size(), 2u);
  EXPECT_EQ(c->subs[0].channel, "z");
  EXPECT_EQ(c->subs[1].channel, "a");
}

TEST(JwtVerifier, ParsesExpireAtZero) {
  auto c = MakeVerifier(HmacSettings())
               .VerifyConnect(SignHs256({{"exp", kNow + 60}, {"expire_at", 0}}), kNow);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->expire_at, 0);
}

TEST(JwtVerifier, KeepsScalarAndNullInfo) {
  JwtVerifier verifier = MakeVerifier(HmacSettings());
  auto c = verifier.VerifyConnect(SignHs256({{"info", "just text"}}), kNow);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->info_json, R"("just text")");
  c = verifier.VerifyConnect(SignHs256({{"info", nullptr}}), kNow);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->info_json, "");
}

TEST(JwtVerifier, DecodesB64Info) {
  JwtVerifier verifier = MakeVerifier(HmacSettings());
  // base64 of {"a": 1}
  auto c = verifier.VerifyConnect(SignHs256({{"b64info", "eyJhIjogMX0="}}), kNow);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->info_json, R"({"a":1})");
  // "info" wins over "b64info".
  c = verifier.VerifyConnect(SignHs256({{"info", 5}, {"b64info", "eyJhIjogMX0="}}), kNow);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->info_json, "5");
  // Binary (not JSON) cannot be embedded in the JSON protocol; bad base64 is bad.
  EXPECT_EQ(ConnectError(verifier, SignHs256({{"b64info", "AAEC"}})), TokenError::kInvalid);
  EXPECT_EQ(ConnectError(verifier, SignHs256({{"b64info", "eyJhIjogMX0"}})), TokenError::kInvalid);
  EXPECT_EQ(ConnectError(verifier, SignHs256({{"b64info", 12}})), TokenError::kInvalid);
}

TEST(JwtVerifier, RejectsConnectClaimsOfWrongType) {
  JwtVerifier verifier = MakeVerifier(HmacSettings());
  const object cases[] = {
      {{"sub", 42}},
      {{"sub", {"a"}}},
      {{"channels", "news"}},
      {{"channels", {"news", 1}}},
      {{"channels", {{"news", true}}}},
      {{"subs", {"news"}}},
      {{"subs", {{"news", "yes"}}}},
      {{"subs", {{"news", {{"b64data", "!!"}}}}}},
      {{"subs", {{"news", {{"override", true}}}}}},
      {{"subs", {{"news", {{"override", {{"presence", true}}}}}}}},
      {{"subs", {{"news", {{"override", {{"presence", {{"value", "yes"}}}}}}}}}},
  };
  for (const object& claims : cases) {
    SCOPED_TRACE(boost::json::serialize(claims));
    EXPECT_EQ(ConnectError(verifier, SignHs256(claims)), TokenError::kInvalid);
  }
}

// --- subscription tokens

TEST(JwtVerifier, ParsesSubscriptionClaims) {
  object claims{{"sub", "alice"},
                {"channel", "$private:room"},
                {"exp", kNow + 60},
                {"expire_at", 0},
                {"info", {{"seat", 3}}},
                {"data", {{"welcome", true}}},
                {"override", {{"force_recovery", {{"value", true}}}}}};
  auto c = MakeVerifier(HmacSettings()).VerifySubscription(SignHs256(claims), kNow);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->user, "alice");
  EXPECT_EQ(c->channel, "$private:room");
  EXPECT_EQ(c->exp, kNow + 60);
  EXPECT_EQ(c->expire_at, 0);
  EXPECT_EQ(c->info_json, R"({"seat":3})");
  EXPECT_EQ(c->data_json, R"({"welcome":true})");
  EXPECT_EQ(c->overrides.force_recovery, true);
  EXPECT_FALSE(c->overrides.presence);
}

TEST(JwtVerifier, DecodesB64Data) {
  auto c = MakeVerifier(HmacSettings())
               .VerifySubscription(SignHs256({{"channel", "c"}, {"b64data", "WzFd"}}), kNow);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->data_json, "[1]");
}

TEST(JwtVerifier, RejectsSubscriptionTokenWithoutChannel) {
  JwtVerifier verifier = MakeVerifier(HmacSettings());
  EXPECT_EQ(ErrorOf(verifier.VerifySubscription(SignHs256({{"sub", "u"}}), kNow)),
            TokenError::kInvalid);
  EXPECT_EQ(ErrorOf(verifier.VerifySubscription(SignHs256({{"channel", ""}}), kNow)),
            TokenError::kInvalid);
  EXPECT_EQ(ErrorOf(verifier.VerifySubscription(SignHs256({{"channel", 5}}), kNow)),
            TokenError::kInvalid);
}

TEST(JwtVerifier, RejectsExpiredSubscriptionToken) {
  JwtVerifier verifier = MakeVerifier(HmacSettings());
  EXPECT_EQ(
      ErrorOf(verifier.VerifySubscription(SignHs256({{"channel", "c"}, {"exp", kNow - 5}}), kNow)),
      TokenError::kExpired);
}

TEST(JwtVerifier, AppliesPinningToSubscriptionTokens) {
  JwtVerifier verifier = MakeVerifier(HmacSettings());
  EXPECT_EQ(ErrorOf(verifier.VerifySubscription(
                test::SigningInput(R"({"alg":"none"})", R"({"channel":"c"})") + ".", kNow)),
            TokenError::kInvalid);
  EXPECT_EQ(ErrorOf(verifier.VerifySubscription(
                SignOrThrow("HS512", test::kSecret, {{"channel", "c"}}), kNow)),
            TokenError::kInvalid);
}

TEST(JwtVerifier, ValueThrowsOnError) {
  auto result = MakeVerifier(HmacSettings()).VerifyConnect("garbage", kNow);
  EXPECT_THROW(result.value(), std::runtime_error);
}

TEST(JwtVerifier, LeavesNoOpenSslErrorsBehind) {
  // Failed checks must not leave stale entries on the thread's OpenSSL error queue, where TLS
  // code running later on the same shard thread would misread them as its own.
  ERR_clear_error();
  TokenSettings s;
  s.algorithm = "RS256";
  s.rsa_public_key = "garbage";
  EXPECT_FALSE(JwtVerifier::Create(s));
  EXPECT_EQ(ERR_peek_error(), 0u);
  s.rsa_public_key = Keys().rsa.public_pem;
  JwtVerifier verifier = MakeVerifier(s);
  std::string token = SignOrThrow("RS256", Keys().rsa.private_pem, {{"sub", "u"}});
  size_t middle = token.rfind('.') + 10;
  token[middle] = token[middle] == 'A' ? 'B' : 'A';
  EXPECT_EQ(ConnectError(verifier, token), TokenError::kInvalid);
  EXPECT_EQ(ERR_peek_error(), 0u);
}

// --- concurrency: one verifier, used by every shard

TEST(JwtVerifier, VerifiesConcurrentlyFromSeveralThreads) {
  TokenSettings s;
  s.algorithm = "RS256";
  s.rsa_public_key = Keys().rsa.public_pem;
  const JwtVerifier rsa = MakeVerifier(s);
  const JwtVerifier hmac = MakeVerifier(HmacSettings());
  const std::string rsa_token = SignOrThrow("RS256", Keys().rsa.private_pem, {{"sub", "r"}});
  const std::string hmac_token = SignHs256({{"sub", "h"}});
  std::atomic<int> failures{0};
  constexpr int kThreads = 4;
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        auto r = rsa.VerifyConnect(rsa_token, kNow);
        auto h = hmac.VerifyConnect(hmac_token, kNow);
        auto bad = hmac.VerifyConnect(rsa_token, kNow);
        if (!r || r->user != "r" || !h || h->user != "h" || bad) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
}

}  // namespace
}  // namespace livegate::auth
