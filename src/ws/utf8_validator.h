#pragma once
// Incremental UTF-8 validator (a DFA over byte classes): feed a message in pieces, split
// anywhere, and ask at the end whether it was well-formed. Rejects overlong forms, surrogates
// and code points above U+10FFFF. One byte of state, so it fits in every connection.
// Thread: owner only. Owned by: its user (FrameDecoder).

#include <cstdint>
#include <string_view>

namespace livegate::ws {

class Utf8Validator {
 public:
  // Returns false once the bytes seen so far cannot start a valid string (sticky until Reset).
  bool Feed(std::string_view bytes);
  // True when everything fed so far is valid and no multi-byte sequence is left open.
  bool Complete() const { return state_ == 0; }
  void Reset() { state_ = 0; }

  static bool IsValid(std::string_view bytes) {
    Utf8Validator v;
    return v.Feed(bytes) && v.Complete();
  }

 private:
  uint8_t state_ = 0;  // 0 = between sequences; see utf8_validator.cc for the others
};

}  // namespace livegate::ws
