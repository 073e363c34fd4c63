#include "ws/handshake.h"

#include <openssl/evp.h>

namespace livegate::ws {

namespace {

constexpr std::string_view kAcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
constexpr size_t kClientKeyChars = 24;

bool IsBase64Char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '/';
}

}  // namespace

std::string ComputeAcceptKey(std::string_view sec_websocket_key) {
  std::string input;
  input.reserve(sec_websocket_key.size() + kAcceptGuid.size());
  input.append(sec_websocket_key).append(kAcceptGuid);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_len = 0;
  if (EVP_Digest(input.data(), input.size(), digest, &digest_len, EVP_sha1(), nullptr) != 1) {
    return {};
  }
  unsigned char encoded[4 * ((EVP_MAX_MD_SIZE + 2) / 3) + 1];
  int encoded_len = EVP_EncodeBlock(encoded, digest, static_cast<int>(digest_len));
  return std::string(reinterpret_cast<const char*>(encoded), static_cast<size_t>(encoded_len));
}

bool IsValidClientKey(std::string_view key) {
  if (key.size() != kClientKeyChars || !key.ends_with("==")) return false;
  for (char c : key.substr(0, kClientKeyChars - 2)) {
    if (!IsBase64Char(c)) return false;
  }
  return true;
}

}  // namespace livegate::ws
