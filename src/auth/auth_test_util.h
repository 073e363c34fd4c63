#pragma once
// Helpers shared by the auth tests (not part of the library): key pairs generated at run time,
// token signing, and hand-made tokens.

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include "auth/base64.h"
#include "auth/jwt_verifier.h"
#include "auth/token_signer.h"

namespace livegate::auth::test {

inline constexpr int64_t kNow = 1'700'000'000;
inline constexpr std::string_view kSecret = "test-secret";

struct PemPair {
  std::string private_pem;
  std::string public_pem;
};

struct PkeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};

inline std::string DrainBio(BIO* bio) {
  std::string out(BIO_ctrl_pending(bio), '\0');
  if (!out.empty() && BIO_read(bio, out.data(), static_cast<int>(out.size())) <= 0) {
    throw std::runtime_error("BIO_read failed");
  }
  return out;
}

inline PemPair ExportPems(EVP_PKEY* key) {
  if (key == nullptr) throw std::runtime_error("key generation failed");
  std::unique_ptr<BIO, BioFree> priv(BIO_new(BIO_s_mem()));
  std::unique_ptr<BIO, BioFree> pub(BIO_new(BIO_s_mem()));
  if (PEM_write_bio_PrivateKey(priv.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1 ||
      PEM_write_bio_PUBKEY(pub.get(), key) != 1) {
    throw std::runtime_error("PEM export failed");
  }
  return {DrainBio(priv.get()), DrainBio(pub.get())};
}

inline PemPair GenerateRsa(unsigned bits) {
  std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(
      EVP_PKEY_CTX_new_id(EVP_PKEY_RSA, nullptr), &EVP_PKEY_CTX_free);
  EVP_PKEY* raw = nullptr;
  if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 ||
      EVP_PKEY_CTX_set_rsa_keygen_bits(ctx.get(), static_cast<int>(bits)) != 1 ||
      EVP_PKEY_keygen(ctx.get(), &raw) != 1) {
    throw std::runtime_error("RSA key generation failed");
  }
  std::unique_ptr<EVP_PKEY, PkeyFree> key(raw);
  return ExportPems(key.get());
}

inline PemPair GenerateEc(const char* curve) {
  std::unique_ptr<EVP_PKEY, PkeyFree> key(EVP_EC_gen(curve));
  return ExportPems(key.get());
}

// Generated once per test binary: RSA generation takes a noticeable fraction of a second.
struct TestKeys {
  PemPair rsa = GenerateRsa(2048);
  PemPair p256 = GenerateEc("P-256");
  PemPair p384 = GenerateEc("P-384");
  PemPair p521 = GenerateEc("P-521");
};

inline const TestKeys& Keys() {
  static const TestKeys keys;
  return keys;
}

inline std::string SignOrThrow(std::string_view alg, std::string_view key,
                               const boost::json::object& claims) {
  auto token = Sign(alg, key, claims);
  if (!token) throw std::runtime_error(token.error());
  return *token;
}

inline std::string SignHs256(const boost::json::object& claims) {
  return SignOrThrow("HS256", kSecret, claims);
}

inline JwtVerifier MakeVerifier(const TokenSettings& settings) {
  auto verifier = JwtVerifier::Create(settings);
  if (!verifier) throw std::runtime_error(verifier.error());
  return std::move(*verifier);
}

inline TokenSettings HmacSettings(std::string algorithm = "HS256") {
  TokenSettings s;
  s.algorithm = std::move(algorithm);
  s.hmac_secret_key = std::string(kSecret);
  return s;
}

// "header.payload." from raw JSON texts; the caller appends a signature.
inline std::string SigningInput(std::string_view header_json, std::string_view payload_json) {
  return Base64UrlEncode(header_json) + "." + Base64UrlEncode(payload_json);
}

// A token signed with HMAC-SHA256 over any header, bypassing libjwt's encoder.
inline std::string HandMadeHs256(std::string_view header_json, std::string_view payload_json,
                                 std::string_view secret = kSecret) {
  std::string input = SigningInput(header_json, payload_json);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_size = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac, &mac_size);
  return input + "." +
         Base64UrlEncode(std::string_view(reinterpret_cast<const char*>(mac), mac_size));
}

}  // namespace livegate::auth::test
