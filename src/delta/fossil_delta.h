#pragma once
// The Fossil SCM delta format, as the centrifuge clients decode it for subscriptions with
// `delta: "fossil"`: "<target size>\n", then copy ("<count>@<offset>,") and insert
// ("<count>:<bytes>") segments, then "<checksum of the target>;". Integers are base 64, most
// significant digit first, in the digits 0-9 A-Z _ a-z ~. Pure functions, no I/O.
// Thread: any (no shared state). Owned by: nothing (free functions).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace livegate::delta {

// A delta that rebuilds `target` from `source`: copies of runs shared with `source` (found by
// hashing blocks of it), inserts for the rest. Sizes must be below 4 GiB (the clients read
// 32-bit integers). Copy and insert boundaries fall on UTF-8 character boundaries of `target`,
// so the delta of a valid UTF-8 target is valid UTF-8 and can travel inside a JSON string.
std::string CreateFossilDelta(std::string_view source, std::string_view target);

// The target that `delta` rebuilds from `source`, or nullopt if the delta is malformed: a bad
// or over 32-bit integer, an unknown operator, a copy outside `source`, an insert past the end
// of the delta, an output size or checksum that does not match, a missing trailer, or bytes
// after it. Never reads outside its arguments.
std::optional<std::string> ApplyFossilDelta(std::string_view source, std::string_view delta);

// The 32-bit checksum the trailer carries: the sum, modulo 2^32, of `data` read as big-endian
// 32-bit words, the last one padded with zero bytes.
uint32_t FossilChecksum(std::string_view data);

}  // namespace livegate::delta
