// JwtVerifier::Create: configuration errors are reported at start-up, naming the setting.
#include <gtest/gtest.h>

#include <string>
#include <utility>

#include "auth/auth_test_util.h"
#include "auth/jwt_verifier.h"
#include "auth/token_signer.h"

namespace livegate::auth {
namespace {

using test::Keys;

// The error of Create(), or "" when it succeeded.
std::string CreateError(const TokenSettings& s) {
  auto verifier = JwtVerifier::Create(s);
  return verifier ? std::string() : verifier.error();
}

TokenSettings WithAlgorithm(std::string algorithm) {
  TokenSettings s;
  s.algorithm = std::move(algorithm);
  return s;
}

TEST(JwtVerifier, CreateAcceptsEveryAlgorithmWithItsKey) {
  for (const char* alg : {"HS256", "HS384", "HS512"}) {
    EXPECT_EQ(CreateError(test::HmacSettings(alg)), "") << alg;
  }
  for (const char* alg : {"RS256", "RS384", "RS512"}) {
    TokenSettings s = WithAlgorithm(alg);
    s.rsa_public_key = Keys().rsa.public_pem;
    EXPECT_EQ(CreateError(s), "") << alg;
  }
  const std::pair<const char*, std::string> ec[] = {{"ES256", Keys().p256.public_pem},
                                                    {"ES384", Keys().p384.public_pem},
                                                    {"ES512", Keys().p521.public_pem}};
  for (const auto& [alg, pem] : ec) {
    TokenSettings s = WithAlgorithm(alg);
    s.ecdsa_public_key = pem;
    EXPECT_EQ(CreateError(s), "") << alg;
  }
}

TEST(JwtVerifier, EmptyHmacSecretStartsButRefusesEveryToken) {
  TokenSettings s = WithAlgorithm("HS256");
  ASSERT_EQ(CreateError(s), "");
  auto verifier = JwtVerifier::Create(s);
  auto token = SignHs("HS256", "any-secret", boost::json::object{{"sub", "42"}});
  auto r = verifier->VerifyConnect(token, 1'700'000'000);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), TokenError::kInvalid);
}

TEST(JwtVerifier, CreateRejectsUnknownAlgorithm) {
  for (const char* alg : {"none", "NONE", "hs256", "PS256", "EdDSA", ""}) {
    EXPECT_TRUE(CreateError(test::HmacSettings(alg)).starts_with("client.token.algorithm: "))
        << alg;
  }
}

TEST(JwtVerifier, CreateRejectsGarbagePem) {
  TokenSettings s = WithAlgorithm("RS256");
  s.rsa_public_key = "-----BEGIN PUBLIC KEY-----\nnot base64 at all\n-----END PUBLIC KEY-----\n";
  EXPECT_TRUE(CreateError(s).starts_with("client.token.rsa_public_key: not a PEM RSA public key"))
      << CreateError(s);
  s.rsa_public_key = "garbage";
  EXPECT_TRUE(CreateError(s).starts_with("client.token.rsa_public_key: not a PEM RSA public key"));
  s.rsa_public_key = "";
  EXPECT_TRUE(CreateError(s).starts_with("client.token.rsa_public_key: missing"));
  // The secret of another family does not stand in for the missing PEM.
  s.hmac_secret_key = "secret";
  EXPECT_NE(CreateError(s), "");
}

TEST(JwtVerifier, CreateRejectsPrivateKeyPem) {
  TokenSettings s = WithAlgorithm("RS256");
  s.rsa_public_key = Keys().rsa.private_pem;
  EXPECT_TRUE(CreateError(s).starts_with("client.token.rsa_public_key: not a PEM RSA public key"));
}

TEST(JwtVerifier, CreateRejectsRsaKeyWhereEcdsaConfigured) {
  TokenSettings s = WithAlgorithm("ES256");
  s.ecdsa_public_key = Keys().rsa.public_pem;
  EXPECT_TRUE(
      CreateError(s).starts_with("client.token.ecdsa_public_key: not a PEM ECDSA public key"))
      << CreateError(s);
  // And the other way round.
  s = WithAlgorithm("RS256");
  s.rsa_public_key = Keys().p256.public_pem;
  EXPECT_TRUE(CreateError(s).starts_with("client.token.rsa_public_key: not a PEM RSA public key"));
  // The key in the other family's setting is not looked at.
  s = WithAlgorithm("ES256");
  s.rsa_public_key = Keys().p256.public_pem;
  EXPECT_TRUE(CreateError(s).starts_with("client.token.ecdsa_public_key: missing"));
}

TEST(JwtVerifier, CreateRejectsEcdsaKeyOnWrongCurve) {
  TokenSettings s = WithAlgorithm("ES384");
  s.ecdsa_public_key = Keys().p256.public_pem;
  EXPECT_EQ(CreateError(s), "client.token.ecdsa_public_key: ES384 needs a key on curve P-384");
  s = WithAlgorithm("ES256");
  s.ecdsa_public_key = Keys().p521.public_pem;
  EXPECT_EQ(CreateError(s), "client.token.ecdsa_public_key: ES256 needs a key on curve P-256");
}

}  // namespace
}  // namespace livegate::auth
