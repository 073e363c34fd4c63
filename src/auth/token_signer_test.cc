#include "auth/token_signer.h"

#include <gtest/gtest.h>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <stdexcept>
#include <string>

#include "auth/auth_test_util.h"
#include "auth/base64.h"

namespace livegate::auth {
namespace {

// The decoded header of a compact token.
boost::json::value Header(const std::string& token) {
  auto text = Base64UrlDecode(token.substr(0, token.find('.')));
  return text ? boost::json::parse(*text) : boost::json::value();
}

TEST(TokenSigner, SignsHmacTokensTheVerifierAccepts) {
  for (const char* alg : {"HS256", "HS384", "HS512"}) {
    std::string token = SignHs(alg, test::kSecret, {{"sub", "7"}, {"info", {{"a", 1}}}});
    EXPECT_EQ(Header(token).at("alg"), alg);
    auto claims = test::MakeVerifier(test::HmacSettings(alg)).VerifyConnect(token, test::kNow);
    ASSERT_TRUE(claims) << alg;
    EXPECT_EQ(claims->user, "7");
    EXPECT_EQ(claims->info_json, R"({"a":1})");
  }
}

TEST(TokenSigner, SignHsRefusesOtherAlgorithms) {
  EXPECT_THROW(SignHs("RS256", test::kSecret, {}), std::invalid_argument);
  EXPECT_THROW(SignHs("none", test::kSecret, {}), std::invalid_argument);
  EXPECT_THROW(SignHs("HS999", test::kSecret, {}), std::invalid_argument);
  EXPECT_THROW(SignHs("HS256", "", {}), std::invalid_argument);
}

TEST(TokenSigner, SignRefusesNoneAndUnknownSpellings) {
  for (const char* alg : {"none", "NONE", "hs256", "", "PS256"}) {
    EXPECT_FALSE(Sign(alg, test::kSecret, {})) << alg;
  }
}

TEST(TokenSigner, SignReportsUnusablePrivateKey) {
  EXPECT_FALSE(Sign("RS256", "not a pem", {{"sub", "u"}}));
  EXPECT_FALSE(Sign("RS256", test::Keys().rsa.public_pem, {{"sub", "u"}}));
}

}  // namespace
}  // namespace livegate::auth
