// The byte string every layer passes around (DER, keys, message bytes).
#pragma once

#include <cstdint>
#include <vector>

namespace smime {

using Bytes = std::vector<std::uint8_t>;

}  // namespace smime
