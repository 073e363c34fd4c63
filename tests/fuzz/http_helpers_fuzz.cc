// Fuzzes the HTTP helpers written by hand: static path checks, Origin checks, glob patterns,
// connection URL parameters.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "api/glob.h"
#include "transport/connect_params.h"
#include "transport/origin_check.h"
#include "transport/static_files.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t split = input.find('\n');
  std::string_view a = input.substr(0, split);
  std::string_view b =
      split == std::string_view::npos ? std::string_view() : input.substr(split + 1);
  if (livegate::IsSafeStaticPath(a) && a.find("..") != std::string_view::npos) __builtin_trap();
  livegate::OriginAllowed({}, a, b);
  livegate::OriginAllowed({std::string(b)}, a, "host");
  // A pattern always matches itself once its metacharacters are escaped.
  std::string escaped;
  for (char c : a) {
    if (c == '*' || c == '?' || c == '\\') escaped.push_back('\\');
    escaped.push_back(c);
  }
  if (!livegate::GlobMatch(escaped, a)) __builtin_trap();
  livegate::GlobMatch(a, b);
  livegate::ConnectParams params;
  if (livegate::ParseConnectParams(input, &params) && params.cf_connect &&
      params.cf_connect->size() > input.size()) {
    __builtin_trap();  // decoding never grows a value
  }
  return 0;
}
