#include "auth/public_key_pem.h"

#include <openssl/bio.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/objects.h>
#include <openssl/pem.h>

#include <array>
#include <memory>

namespace livegate::auth {
namespace {

struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
struct PkeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};

int CurveForAlgorithm(std::string_view algorithm) {
  if (algorithm == "ES256") return NID_X9_62_prime256v1;
  if (algorithm == "ES384") return NID_secp384r1;
  return NID_secp521r1;  // ES512
}

std::string_view CurveName(int nid) {
  if (nid == NID_X9_62_prime256v1) return "P-256";
  if (nid == NID_secp384r1) return "P-384";
  return "P-521";
}

// The curve of an EC key, or NID_undef.
int KeyCurve(EVP_PKEY* key) {
  std::array<char, 80> name{};
  size_t length = 0;
  if (EVP_PKEY_get_group_name(key, name.data(), name.size(), &length) != 1) return NID_undef;
  int nid = OBJ_sn2nid(name.data());
  return nid != NID_undef ? nid : EC_curve_nist2nid(name.data());
}

}  // namespace

std::optional<std::string> CheckPublicKeyPem(std::string_view algorithm, std::string_view pem) {
  const bool rsa = algorithm.starts_with("RS");
  std::string_view want = rsa ? "a PEM RSA public key" : "a PEM ECDSA public key";
  if (pem.empty()) return "missing: " + std::string(algorithm) + " needs " + std::string(want);
  std::unique_ptr<BIO, BioFree> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) return "cannot be read";
  std::unique_ptr<EVP_PKEY, PkeyFree> key(
      PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
  ERR_clear_error();  // a failed read leaves errors on this thread's OpenSSL queue
  if (!key || EVP_PKEY_get_base_id(key.get()) != (rsa ? EVP_PKEY_RSA : EVP_PKEY_EC)) {
    return "not " + std::string(want) + " (\"-----BEGIN PUBLIC KEY-----\")";
  }
  if (rsa) return std::nullopt;
  int want_curve = CurveForAlgorithm(algorithm);
  if (KeyCurve(key.get()) != want_curve) {
    return std::string(algorithm) + " needs a key on curve " + std::string(CurveName(want_curve));
  }
  return std::nullopt;
}

}  // namespace livegate::auth
