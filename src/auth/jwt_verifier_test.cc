#include "auth/jwt_verifier.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <boost/json.hpp>
#include <memory>

#include "auth/base64url.h"
#include "auth/token_signer.h"

namespace livegate::auth {
namespace {

constexpr int64_t kNow = 1'700'000'000;

struct KeyPair {
  std::string private_pem;
  std::string public_pem;
};

// Generates a key pair in the test ("RSA" 2048 bits or "EC" P-256) and exports both PEMs.
KeyPair Generate(const char* type) {
  EVP_PKEY* raw = std::string_view(type) == "RSA"
                      ? EVP_RSA_gen(2048)
                      : EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(raw, &EVP_PKEY_free);
  auto to_string = [](BIO* bio) {
    char* data = nullptr;
    long n = BIO_get_mem_data(bio, &data);
    std::string s(data, static_cast<size_t>(n));
    BIO_free(bio);
    return s;
  };
  BIO* priv = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(priv, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
  BIO* pub = BIO_new(BIO_s_mem());
  PEM_write_bio_PUBKEY(pub, key.get());
  return {to_string(priv), to_string(pub)};
}

JwtVerifier Verifier(TokenSettings s) {
  auto v = JwtVerifier::Create(s);
  EXPECT_TRUE(v.has_value()) << (v ? "" : v.error());
  return std::move(*v);
}

TokenSettings Hs(std::string alg = "HS256") {
  TokenSettings s;
  s.algorithm = std::move(alg);
  s.hmac_secret_key = "secret";
  return s;
}

boost::json::object Claims(boost::json::object extra = {}) {
  extra.emplace("sub", "42");
  return extra;
}

std::string B64(std::string_view s) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (unsigned char c : s) {
    acc = (acc << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(kAlphabet[(acc >> bits) & 63]);
    }
  }
  if (bits > 0) out.push_back(kAlphabet[(acc << (6 - bits)) & 63]);
  return out;
}

TEST(JwtVerifier, AcceptsValidHmacTokens) {
  for (const char* alg : {"HS256", "HS384", "HS512"}) {
    auto v = Verifier(Hs(alg));
    auto r = v.VerifyConnect(Sign(alg, "secret", Claims({{"exp", kNow + 60}})), kNow);
    ASSERT_TRUE(r.has_value()) << alg;
    EXPECT_EQ(r->user, "42");
    EXPECT_EQ(r->exp, kNow + 60);
  }
}

TEST(JwtVerifier, AcceptsValidRs256AndEs256Tokens) {
  KeyPair rsa = Generate("RSA");
  TokenSettings rs;
  rs.algorithm = "RS256";
  rs.rsa_public_key = rsa.public_pem;
  EXPECT_TRUE(Verifier(rs).VerifyConnect(Sign("RS256", rsa.private_pem, Claims()), kNow));
  KeyPair ec = Generate("EC");
  TokenSettings es;
  es.algorithm = "ES256";
  es.ecdsa_public_key = ec.public_pem;
  EXPECT_TRUE(Verifier(es).VerifyConnect(Sign("ES256", ec.private_pem, Claims()), kNow));
  // A token signed by another EC key fails.
  KeyPair other = Generate("EC");
  auto r = Verifier(es).VerifyConnect(Sign("ES256", other.private_pem, Claims()), kNow);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), TokenError::kInvalid);
}

TEST(JwtVerifier, RejectsExpiredToken) {
  auto r = Verifier(Hs()).VerifyConnect(Sign("HS256", "secret", Claims({{"exp", kNow}})), kNow);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), TokenError::kExpired);
}

TEST(JwtVerifier, RejectsTokenNotYetValid) {
  auto r =
      Verifier(Hs()).VerifyConnect(Sign("HS256", "secret", Claims({{"nbf", kNow + 10}})), kNow);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), TokenError::kInvalid);
}

TEST(JwtVerifier, ChecksAudienceAndIssuerWhenConfigured) {
  TokenSettings s = Hs();
  s.audience = "app";
  s.issuer = "auth";
  auto v = Verifier(s);
  EXPECT_TRUE(
      v.VerifyConnect(Sign("HS256", "secret", Claims({{"aud", "app"}, {"iss", "auth"}})), kNow));
  EXPECT_TRUE(v.VerifyConnect(
      Sign("HS256", "secret", Claims({{"aud", boost::json::array{"x", "app"}}, {"iss", "auth"}})),
      kNow));
  EXPECT_FALSE(
      v.VerifyConnect(Sign("HS256", "secret", Claims({{"aud", "other"}, {"iss", "auth"}})), kNow));
  EXPECT_FALSE(
      v.VerifyConnect(Sign("HS256", "secret", Claims({{"aud", "app"}, {"iss", "evil"}})), kNow));
  EXPECT_FALSE(v.VerifyConnect(Sign("HS256", "secret", Claims({{"iss", "auth"}})), kNow));
}

TEST(JwtVerifier, RejectsBadSignatures) {
  auto v = Verifier(Hs());
  std::string token = Sign("HS256", "secret", Claims());
  token[token.size() - 2] = token[token.size() - 2] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(v.VerifyConnect(token, kNow));
  EXPECT_FALSE(v.VerifyConnect(Sign("HS256", "other-secret", Claims()), kNow));
}

TEST(JwtVerifier, RejectsAlgNone) {
  auto v = Verifier(Hs());
  std::string payload = B64(R"({"sub":"42"})");
  for (const char* header :
       {R"({"alg":"none","typ":"JWT"})", R"({"alg":"None"})", R"({"alg":"NONE"})"}) {
    std::string h = B64(header);
    EXPECT_FALSE(v.VerifyConnect(h + "." + payload + ".", kNow)) << header;
    EXPECT_FALSE(v.VerifyConnect(h + "." + payload + ".c2ln", kNow)) << header;
  }
}

TEST(JwtVerifier, RejectsAlgorithmOtherThanConfigured) {
  EXPECT_FALSE(Verifier(Hs("HS256")).VerifyConnect(Sign("HS512", "secret", Claims()), kNow));
  // Key confusion: an HS256 token whose secret is the RSA public key, against an RS256 config.
  KeyPair rsa = Generate("RSA");
  TokenSettings rs;
  rs.algorithm = "RS256";
  rs.rsa_public_key = rsa.public_pem;
  auto forged = Sign("HS256", rsa.public_pem, Claims());
  EXPECT_FALSE(Verifier(rs).VerifyConnect(forged, kNow));
}

TEST(JwtVerifier, RejectsMalformedTokens) {
  auto v = Verifier(Hs());
  for (const char* t : {"", "a.b", "a.b.c.d", "!!!.???.***", "eyJhbGciOiJIUzI1NiJ9..sig",
                        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOjF9."}) {
    EXPECT_FALSE(v.VerifyConnect(t, kNow)) << t;
  }
  // A wrongly typed claim is invalid even with a good signature.
  EXPECT_FALSE(v.VerifyConnect(Sign("HS256", "secret", boost::json::object{{"sub", 5}}), kNow));
  EXPECT_FALSE(v.VerifyConnect(Sign("HS256", "secret", Claims({{"channels", "x"}})), kNow));
}

TEST(JwtVerifier, ConnectTokenMustNotNameAChannel) {
  auto r = Verifier(Hs()).VerifyConnect(Sign("HS256", "secret", Claims({{"channel", "x"}})), kNow);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), TokenError::kInvalid);
}

TEST(JwtVerifier, ParsesChannelsSubsAndInfo) {
  boost::json::object subs{{"news", boost::json::object{{"info", {{"a", 1}}}, {"data", "d"}}}};
  auto r = Verifier(Hs()).VerifyConnect(Sign("HS256", "secret",
                                             Claims({{"channels", boost::json::array{"a", "b"}},
                                                     {"subs", subs},
                                                     {"info", {{"n", "x"}}}})),
                                        kNow);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->channels, (std::vector<std::string>{"a", "b"}));
  ASSERT_EQ(r->subs.size(), 1u);
  EXPECT_EQ(r->subs[0].channel, "news");
  EXPECT_EQ(r->subs[0].info_json, R"({"a":1})");
  EXPECT_EQ(r->subs[0].data_json, R"("d")");
  EXPECT_EQ(r->info_json, R"({"n":"x"})");
}

TEST(JwtVerifier, SubscriptionTokenNeedsAChannel) {
  auto v = Verifier(Hs());
  EXPECT_FALSE(v.VerifySubscription(Sign("HS256", "secret", Claims()), kNow));
  auto r =
      v.VerifySubscription(Sign("HS256", "secret", Claims({{"channel", "$x"}, {"info", 1}})), kNow);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->channel, "$x");
  EXPECT_EQ(r->info_json, "1");
}

TEST(JwtVerifier, CreateNamesTheBadKey) {
  TokenSettings rs;
  rs.algorithm = "RS256";
  rs.rsa_public_key = "garbage";
  auto r = JwtVerifier::Create(rs);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().find("client.token.rsa_public_key"), std::string::npos);
  TokenSettings es;
  es.algorithm = "ES256";
  es.ecdsa_public_key = Generate("RSA").public_pem;  // an RSA key where ECDSA is configured
  EXPECT_FALSE(JwtVerifier::Create(es));
  TokenSettings bad = Hs("XX256");
  EXPECT_FALSE(JwtVerifier::Create(bad));
}

TEST(JwtVerifier, NoSecretRefusesEveryHmacToken) {
  TokenSettings s = Hs();
  s.hmac_secret_key.clear();
  EXPECT_FALSE(Verifier(s).VerifyConnect(Sign("HS256", "secret", Claims()), kNow));
}

TEST(Base64Url, DecodesAndRejectsNonCanonicalInput) {
  EXPECT_EQ(Base64UrlDecode("aGk"), "hi");
  EXPECT_EQ(Base64UrlDecode(""), "");
  EXPECT_FALSE(Base64UrlDecode("a"));
  EXPECT_FALSE(Base64UrlDecode("aGk="));
  EXPECT_FALSE(Base64UrlDecode("aGl"));  // non-zero padding bits
}

}  // namespace
}  // namespace livegate::auth
